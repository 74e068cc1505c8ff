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
  migration set. Each row carries a ``version`` that every edit bumps: a write based on an older
  version (the same session edited in another window meanwhile) raises :class:`SessionConflict`
  instead of silently replacing the other window's words.
* **One damaged row does not hide the others.** ``list`` returns a row whose JSON cannot be read
  with those fields empty and their names in ``damaged``; ``get`` refuses it with a clear message.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from pathlib import Path
from typing import Any

from sqlite_utils import Migrations

from .. import config
from ..errors import InputError, StoreError
from .search_terms import fold as _fold, fts_query as _fts_query, like_terms as _like_terms
from .session_record import _EDITABLE, Session, _clean, _json_fields
from .sqlite import SQLiteStore, is_locked as _is_locked, now as _now

__all__ = ["SCHEMA_VERSION", "Session", "SessionConflict", "SessionStore", "migrations"]


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


@migrations()
def m002_version(db) -> None:
    # Optimistic concurrency: every edit bumps the row's version; a write names the version it read.
    # Rows of older files start at 0.
    if "version" not in db["sessions"].columns_dict:
        db.execute("ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0")


# --------------------------------------------------------------------------- store


class SessionConflict(StoreError):
    """The session was changed (in another window) since the version this write was based on."""

    title = "Changed in another window"

    def __init__(self, session_id: int):
        super().__init__(
            f"saved session {session_id} was changed in another window since it was opened here",
            hint="nothing was overwritten: reopen it (F6) to see the other window's words, or keep yours as a copy",
        )
        self.session_id = session_id



class SessionStore(SQLiteStore):
    """The saved sessions in one SQLite file. Safe to share between threads and between processes."""

    NOUN = "saved sessions"
    KEPT = "the session is still open on screen"
    MIGRATIONS = migrations
    PRAGMAS = ("PRAGMA secure_delete=ON",)

    @staticmethod
    def default_location() -> Path:
        return config.sessions_db_path()

    def _setup(self, conn: sqlite3.Connection) -> None:
        conn.create_function("advisor_fold", 1, _fold, deterministic=True)
        # a text cell that is not UTF-8 (a damaged row) reads with replacement characters instead
        # of making every query that touches it fail
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")

    # -- reading

    def _row(self, session_id: int) -> Session | None:
        cur = self.conn.execute("SELECT * FROM sessions WHERE id = ?", [session_id])
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        return Session.from_row(dict(zip(names, row))) if row else None

    def _exists(self, session_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone() is not None

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
            return [Session.from_row(dict(zip(names, r)), lenient=True) for r in cur.fetchall()]

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
        """Write the whole session (insert or update) and bump ``updated`` and ``version``.

        ``session`` gets its ``id``, ``created``, ``updated`` and ``version`` only once the write
        succeeded; on a ``StoreError`` it is left untouched, so nothing the advisor typed is lost.
        :class:`SessionConflict` if the row was changed since ``session.version`` was read."""
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
                cur = self.conn.execute(f"UPDATE sessions SET {sets}, version = version + 1 WHERE id = ? AND version = ?",
                                        [*row.values(), session.id, session.version])
                if cur.rowcount:
                    return self._row(session.id)
                if self._exists(session.id):
                    raise SessionConflict(session.id)
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

    def autosave(self, session_id: int, *, expected_version: int | None = None, **changed: Any) -> str:
        """Write only the ``changed`` fields (and ``updated``); returns the new ``updated`` stamp.

        Cheap enough for every (debounced) keystroke. The row's ``version`` goes up by one. With
        ``expected_version``, :class:`SessionConflict` if the row is no longer at that version
        (edited in another window); nothing is written then. ``InputError`` if the session is gone."""
        _check_id(session_id)
        if expected_version is not None and (not isinstance(expected_version, int) or isinstance(expected_version, bool)):
            raise InputError("expected_version must be a whole number")
        clean = _clean(changed)
        if not clean:
            return self.get(session_id).updated
        row = _json_fields(clean)
        row["updated"] = now = _now()

        def update() -> None:
            sets = ", ".join(f"{k} = ?" for k in row) + ", version = version + 1"
            where, params = "id = ?", [*row.values(), session_id]
            if expected_version is not None:
                where, params = "id = ? AND version = ?", [*params, expected_version]
            cur = self.conn.execute(f"UPDATE sessions SET {sets} WHERE {where}", params)
            if not cur.rowcount:
                if expected_version is not None and self._exists(session_id):
                    raise SessionConflict(session_id)
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
