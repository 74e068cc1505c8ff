"""Saved counseling sessions: what a jobseeker said and what the advisor confirmed, in SQLite.

The sessions database holds jobseekers' personal data, so this module is careful about three
things:

* **It never loses or leaks words.** Nothing here logs or prints a name, text or note (``Session``'s
  ``repr`` shows only ids and sizes). A failed write raises :class:`~advisor.errors.StoreError` and
  leaves the caller's :class:`Session` object exactly as it was, so the screen still holds the data.
* **Deleting is for good.** ``delete`` removes the row, merges the full-text index so no segment
  still holds its words, overwrites freed space (``secure_delete``) and truncates the WAL file.
* **Two copies of the app can share one file.** Opening, locking, retries and error messages are
  those of :class:`advisor.db.sqlite.SQLiteStore`; the schema is the ``advisor.sessions``
  migration set.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sqlite_utils import Migrations

from .. import config
from ..errors import InputError, StoreError
from .sqlite import DEFAULT_TIMEOUT, RETRIES, SQLiteStore, is_locked as _is_locked, json_list, now as _now

_TEXT_FIELDS = ("name", "text", "target", "area", "notes")
_ID_LIST_FIELDS = ("confirmed", "rejected", "added")
_EDITABLE = _TEXT_FIELDS + _ID_LIST_FIELDS + ("plans",)
_MOVE_ASIDE = SQLiteStore.MOVE_ASIDE


# --------------------------------------------------------------------------- record


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

    def __repr__(self) -> str:
        # Never show a jobseeker's words: this repr can end up in logs and tracebacks.
        return (
            f"Session(id={self.id!r}, name=<{len(self.name)} chars>, text=<{len(self.text)} chars>, "
            f"confirmed={len(self.confirmed)}, rejected={len(self.rejected)}, added={len(self.added)}, "
            f"target={self.target!r}, area={self.area!r}, notes=<{len(self.notes)} chars>, "
            f"plans={len(self.plans)}, created={self.created!r}, updated={self.updated!r})"
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
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any] | sqlite3.Row) -> "Session":
        row = dict(row)
        values: dict[str, Any] = {"id": row["id"], "created": row["created"] or "", "updated": row["updated"] or ""}
        for name in _TEXT_FIELDS:
            values[name] = row.get(name) or ""
        for name in _ID_LIST_FIELDS + ("plans",):
            value = json_list(row.get(name))
            if value is None:
                raise StoreError(
                    f"saved session {row['id']} has a damaged '{name}' field",
                    hint="delete that session, or " + _MOVE_ASIDE,
                )
            values[name] = value
        return cls(**values)

    def copy(self) -> "Session":
        return Session(
            id=self.id, name=self.name, text=self.text, confirmed=list(self.confirmed),
            rejected=list(self.rejected), added=list(self.added), target=self.target, area=self.area,
            notes=self.notes, plans=[dict(p) for p in self.plans], created=self.created, updated=self.updated,
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


# --------------------------------------------------------------------------- migrations

migrations = Migrations("advisor.sessions")


@migrations()
def m001_sessions(db) -> None:
    # AUTOINCREMENT: the id of a deleted session is never given to another jobseeker, so a stale
    # screen that autosaves to an old id gets "unknown session" instead of writing into someone else's.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            confirmed TEXT NOT NULL DEFAULT '[]',
            rejected TEXT NOT NULL DEFAULT '[]',
            added TEXT NOT NULL DEFAULT '[]',
            target TEXT NOT NULL DEFAULT '',
            area TEXT NOT NULL DEFAULT 'US',
            notes TEXT NOT NULL DEFAULT '',
            plans TEXT NOT NULL DEFAULT '[]',
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )
        """
    )
    db["sessions"].create_index(["updated"], index_name="sessions_updated", if_not_exists=True)
    if not db["sessions_fts"].exists():
        db["sessions"].enable_fts(
            ["name", "text", "notes"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
        )
        # Re-index only when a searched column changes, not when a checkbox list is autosaved.
        db.execute("DROP TRIGGER IF EXISTS [sessions_au]")
        db.execute(
            """
            CREATE TRIGGER [sessions_au] AFTER UPDATE OF [name], [text], [notes] ON [sessions] BEGIN
              INSERT INTO [sessions_fts] ([sessions_fts], rowid, [name], [text], [notes])
                VALUES('delete', old.rowid, old.[name], old.[text], old.[notes]);
              INSERT INTO [sessions_fts] (rowid, [name], [text], [notes])
                VALUES (new.rowid, new.[name], new.[text], new.[notes]);
            END
            """
        )


# --------------------------------------------------------------------------- store


class SessionStore(SQLiteStore):
    """The saved sessions in one SQLite file. Safe to share between threads and between processes."""

    NOUN = "saved sessions"
    KEPT = "the session is still open on screen"
    MIGRATIONS = migrations
    PRAGMAS = ("PRAGMA secure_delete=ON",)

    def __init__(self, path: Path | str | None = None, *, timeout: float = DEFAULT_TIMEOUT, retries: int = RETRIES):
        super().__init__(config.sessions_db_path() if path is None else path, timeout=timeout, retries=retries)

    def _setup(self, conn: sqlite3.Connection) -> None:
        conn.create_function("advisor_fold", 1, _fold, deterministic=True)

    # -- reading

    def _row(self, session_id: int) -> Session | None:
        cur = self.conn.execute("SELECT * FROM sessions WHERE id = ?", [session_id])
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        return Session.from_row(dict(zip(names, row))) if row else None

    def get(self, session_id: int) -> Session:
        """The saved session ``session_id``; ``InputError`` if there is none."""
        _check_id(session_id)
        found = self._retry(lambda: self._row(session_id))
        if found is None:
            raise InputError(f"there is no saved session {session_id}", hint="it may have been deleted")
        return found

    def list(self, query: str | None = None, limit: int = 200) -> list[Session]:
        """Sessions, most recently updated first; ``query`` searches name, text and notes."""
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise InputError("limit must be a whole number of at least 1")
        query = (query or "").strip()

        def run(sql: str, params: list) -> list[Session]:
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [Session.from_row(dict(zip(names, r))) for r in cur.fetchall()]

        order = " ORDER BY updated DESC, id DESC LIMIT ?"
        if not query:
            return self._retry(lambda: run("SELECT * FROM sessions" + order, [limit]))
        match = _fts_query(query)
        if match is not None:
            try:
                return self._retry(
                    lambda: run(
                        "SELECT * FROM sessions WHERE id IN "
                        "(SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?)" + order,
                        [match, limit],
                    )
                )
            except StoreError as exc:
                if not isinstance(exc.__cause__, sqlite3.OperationalError) or _is_locked(exc.__cause__):
                    raise
                # FTS could not parse it after all: fall back to substring search below.
        terms = _like_terms(query)
        where = " AND ".join(
            "instr(advisor_fold(name || char(10) || text || char(10) || notes), ?) > 0" for _ in terms
        )
        return self._retry(lambda: run(f"SELECT * FROM sessions WHERE {where}" + order, [*terms, limit]))

    # -- writing

    def create(self, **values: Any) -> Session:
        """A new saved session from the given fields (others take their defaults)."""
        clean = _clean(values)
        fresh = Session(**clean)
        now = _now()
        fresh.created = fresh.updated = now

        def insert() -> Session:
            row = fresh.to_row()
            del row["id"]
            cur = self.conn.execute(
                f"INSERT INTO sessions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
            )
            return self._row(cur.lastrowid)

        return self._write(insert, "save the session")

    def save(self, session: Session) -> Session:
        """Write the whole session (insert or update) and bump ``updated``.

        ``session`` gets its ``id``, ``created`` and ``updated`` only once the write succeeded; on
        a ``StoreError`` it is left untouched, so nothing the advisor typed is lost."""
        if not isinstance(session, Session):
            raise InputError("save() needs a Session")
        if session.id is not None:
            _check_id(session.id)
        clean = _clean({name: getattr(session, name) for name in _EDITABLE})
        now = _now()

        def upsert() -> Session:
            row = _json_fields(clean)
            row["updated"] = now
            if session.id is not None:
                sets = ", ".join(f"{k} = ?" for k in row)
                cur = self.conn.execute(f"UPDATE sessions SET {sets} WHERE id = ?", [*row.values(), session.id])
                if cur.rowcount:
                    return self._row(session.id)
                row["id"] = session.id
            row["created"] = session.created or now
            cur = self.conn.execute(
                f"INSERT INTO sessions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
            )
            return self._row(cur.lastrowid)

        stored = self._write(upsert, "save the session")
        for f in fields(Session):
            setattr(session, f.name, getattr(stored, f.name))
        return session

    def autosave(self, session_id: int, **changed: Any) -> str:
        """Write only the ``changed`` fields (and ``updated``); returns the new ``updated`` stamp.

        Cheap enough for every (debounced) keystroke. ``InputError`` if the session is gone."""
        _check_id(session_id)
        clean = _clean(changed)
        if not clean:
            return self.get(session_id).updated
        row = _json_fields(clean)
        row["updated"] = now = _now()

        def update() -> None:
            sets = ", ".join(f"{k} = ?" for k in row)
            cur = self.conn.execute(f"UPDATE sessions SET {sets} WHERE id = ?", [*row.values(), session_id])
            if not cur.rowcount:
                raise _Missing()

        try:
            self._write(update, "save the session")
        except _Missing:
            raise InputError(f"there is no saved session {session_id}", hint="it may have been deleted") from None
        return now

    def add_plan(self, session_id: int, path: Path | str, fmt: str) -> Session:
        """Record that a plan was exported for the session; returns the updated session."""
        _check_id(session_id)
        if not isinstance(fmt, str) or not fmt.strip():
            raise InputError("the plan's format must be a non-empty text such as 'pdf'")
        now = _now()
        entry = {"path": str(path), "format": fmt.strip(), "created": now}

        def append() -> Session:
            current = self._row(session_id)
            if current is None:
                raise _Missing()
            plans = [*current.plans, entry]
            self.conn.execute(
                "UPDATE sessions SET plans = ?, updated = ? WHERE id = ?",
                [json.dumps(plans, ensure_ascii=False), now, session_id],
            )
            return self._row(session_id)

        try:
            return self._write(append, "record the exported plan")
        except _Missing:
            raise InputError(f"there is no saved session {session_id}", hint="it may have been deleted") from None

    def delete(self, session_id: int) -> None:
        """Remove the session for good: the row, its full-text index entries, and freed pages.

        Freed space is zeroed (``secure_delete``), the search index is merged so no old segment
        keeps the words, and the WAL file is checkpointed and truncated. ``InputError`` if unknown."""
        _check_id(session_id)

        def remove() -> None:
            cur = self.conn.execute("DELETE FROM sessions WHERE id = ?", [session_id])
            if not cur.rowcount:
                raise _Missing()
            # The delete trigger only adds a tombstone; merging all segments drops the old entries.
            self.conn.execute("INSERT INTO sessions_fts (sessions_fts) VALUES ('optimize')")

        try:
            self._write(remove, "delete the session")
        except _Missing:
            raise InputError(f"there is no saved session {session_id}", hint="it may have been deleted") from None
        self._checkpoint("clean up after deleting the session")


#: ``PRAGMA user_version`` written by this code: the number of migrations it knows.
SCHEMA_VERSION = SessionStore.schema_version()


class _Missing(Exception):
    """Internal: the session row is gone (raised inside a write transaction to roll it back)."""


def _check_id(session_id: object) -> None:
    if not isinstance(session_id, int) or isinstance(session_id, bool):
        raise InputError(f"a session id must be a whole number, not {type(session_id).__name__}")


def _fold(value: str | None) -> str:
    return value.casefold() if value else ""


_WORDS_ONLY = re.compile(r"[\w\s]+")
_WORD = re.compile(r"\w+")
_EDGE_PUNCT = "\"'“”‘’()[]{}<>,;:!?*^~`"


def _fts_query(query: str) -> str | None:
    """An FTS5 query (every word, as a prefix) for a plain-words query; None for anything else."""
    if not _WORDS_ONLY.fullmatch(query):
        return None
    words = _WORD.findall(query)
    return " ".join('"' + w + '"*' for w in words) if words else None


def _like_terms(query: str) -> list[str]:
    """Case-folded substrings that must all appear, for queries FTS cannot take as they are."""
    terms = []
    for raw in query.split():
        term = raw.strip(_EDGE_PUNCT) or raw
        terms.append(term.casefold())
    return terms
