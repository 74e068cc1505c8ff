"""One saved counseling session as a record (:class:`Session`), the checks on its editable fields,
and how it maps to a row of the sessions table (lists stored as JSON text). The store is
:mod:`advisor.db.sessions`."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, StoreError
from .sqlite import SQLiteStore, json_list

_TEXT_FIELDS = ("name", "text", "target", "area", "notes")
_ID_LIST_FIELDS = ("confirmed", "rejected", "added")
_EDITABLE = _TEXT_FIELDS + _ID_LIST_FIELDS + ("plans",)
_MOVE_ASIDE = SQLiteStore.MOVE_ASIDE


@dataclass(repr=False)
class Session:
    """One saved counseling session. Lists hold competency ids; ``plans`` holds exported plans."""

    id: int | None = None
    name: str = ""
    text: str = ""
    confirmed: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    target: str = ""
    area: str = "US"
    notes: str = ""
    plans: list[dict] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    version: int = 0  # bumped by every edit of the row: what a write is based on
    damaged: tuple[str, ...] = field(default=(), compare=False)  # fields that could not be read

    def __repr__(self) -> str:
        # Never show a jobseeker's words: this repr can end up in logs and tracebacks.
        return (
            f"Session(id={self.id!r}, name=<{len(self.name)} chars>, text=<{len(self.text)} chars>, "
            f"confirmed={len(self.confirmed)}, rejected={len(self.rejected)}, added={len(self.added)}, "
            f"target={self.target!r}, area={self.area!r}, notes=<{len(self.notes)} chars>, "
            f"plans={len(self.plans)}, created={self.created!r}, updated={self.updated!r}, version={self.version!r}"
            + (f", damaged={self.damaged!r})" if self.damaged else ")")
        )

    def to_row(self) -> dict[str, Any]:
        """The database row: lists as JSON text."""
        row: dict[str, Any] = {"id": self.id}
        for name in _TEXT_FIELDS:
            row[name] = getattr(self, name)
        for name in _ID_LIST_FIELDS + ("plans",):
            row[name] = json.dumps(list(getattr(self, name)), ensure_ascii=False)
        row["created"] = self.created
        row["updated"] = self.updated
        row["version"] = self.version
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any] | sqlite3.Row, *, lenient: bool = False) -> "Session":
        """The session of a database row. A list field that is not a JSON list raises
        ``StoreError``; with ``lenient`` it is left empty and named in ``damaged`` instead."""
        row = dict(row)
        version = row.get("version")
        values: dict[str, Any] = {"id": row["id"], "created": row["created"] or "", "updated": row["updated"] or "",
                                  "version": version if isinstance(version, int) else 0}
        for name in _TEXT_FIELDS:
            value = row.get(name)
            values[name] = value if isinstance(value, str) else ""
        damaged = []
        for name in _ID_LIST_FIELDS + ("plans",):
            value = json_list(row.get(name))
            if value is None or not all(isinstance(v, dict if name == "plans" else str) for v in value):
                if not lenient:
                    raise StoreError(
                        f"saved session {row['id']} has a damaged '{name}' field and cannot be opened",
                        hint="the other sessions are fine; delete this one from the list (F6, then d), or " + _MOVE_ASIDE,
                    )
                damaged.append(name)
                value = []
            values[name] = value
        return cls(**values, damaged=tuple(damaged))

    def copy(self) -> "Session":
        return Session(
            id=self.id, name=self.name, text=self.text, confirmed=list(self.confirmed),
            rejected=list(self.rejected), added=list(self.added), target=self.target, area=self.area,
            notes=self.notes, plans=[dict(p) for p in self.plans], created=self.created, updated=self.updated,
            version=self.version, damaged=self.damaged,
        )


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Check editable fields (types and names); returns them ready for ``to_row`` conversion."""
    unknown = sorted(set(values) - set(_EDITABLE))
    if unknown:
        raise InputError(
            f"unknown session field(s): {', '.join(unknown)}",
            hint=f"editable fields are {', '.join(_EDITABLE)}",
        )
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name in _TEXT_FIELDS:
            if value is None:
                value = ""
            if not isinstance(value, str):
                raise InputError(f"session field '{name}' must be text, not {type(value).__name__}")
            if name == "area" and not value.strip():
                value = "US"
        elif name in _ID_LIST_FIELDS:
            if value is None:
                value = []
            if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)) or not all(
                isinstance(v, str) for v in value
            ):
                raise InputError(f"session field '{name}' must be a list of competency ids (text)")
            value = list(value)
        else:  # plans
            if value is None:
                value = []
            if not isinstance(value, (list, tuple)) or not all(isinstance(p, dict) for p in value):
                raise InputError("session field 'plans' must be a list of {path, format, created} objects")
            value = [dict(p) for p in value]
        out[name] = value
    return out


def _json_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (json.dumps(v, ensure_ascii=False) if k in _ID_LIST_FIELDS or k == "plans" else v)
        for k, v in values.items()
    }
