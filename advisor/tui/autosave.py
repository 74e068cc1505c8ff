"""Debounced, ordered autosave of the open case into the session store. Plain Python, no Textual.

The app calls :meth:`Autosaver.queue` on the main thread with a snapshot of the case's fields
after every edit, and later :meth:`Autosaver.flush` from a thread worker. ``flush`` always writes
the newest snapshot, only the fields that changed since the last write, one flush at a time, so
an older snapshot can never overwrite a newer one. The first write for a new case creates its row.

Each write names the row's version it is based on. When another window changed the session
meanwhile, nothing of theirs is overwritten: this window's words are written as a new session (a
copy) and the move is reported by :meth:`Autosaver.take_moved`, so the advisor can be told.

:class:`Schedule` says when to write: a pause in typing, but never more than ``max_wait`` after the
first unsaved change, so steady typing is saved too.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

from ..db.sessions import SessionConflict
from ..errors import InputError, StoreError


class Schedule:
    """A debounce with a maximum wait: write ``delay`` after the last change, but no later than
    ``max_wait`` after the first change not yet written."""

    def __init__(self, delay: float, max_wait: float, clock: Callable[[], float] = time.monotonic):
        self.delay = max(0.0, float(delay))
        self.max_wait = max(0.0, float(max_wait))
        self.clock = clock
        self._first: float | None = None

    @property
    def waiting(self) -> bool:
        return self._first is not None

    def changed(self) -> float:
        """A change was made: seconds from now until the write should start."""
        now = self.clock()
        if self._first is None:
            self._first = now
        return max(0.0, min(self.delay, self._first + self.max_wait - now))

    def writing(self) -> None:
        """A write is starting with the newest snapshot: the next change starts a new wait."""
        self._first = None


class Autosaver:
    def __init__(self, store, session_id: int | None = None, saved: dict | None = None, version: int | None = None):
        self.store = store
        self.session_id = session_id
        self.version = version  # the row's version our last write left (None: not known, not checked)
        self._moved: list[tuple[int, int]] = []  # (session changed elsewhere, the copy written instead)
        self._saved: dict = dict(saved or {})
        self._pending: dict | None = None
        self._lock = threading.Lock()  # guards _pending
        self._flush_lock = threading.Lock()  # one write at a time, in order

    @property
    def dirty(self) -> bool:
        with self._lock:
            return self._pending is not None

    def queue(self, fields: dict) -> None:
        """Remember the newest snapshot of the case's fields (call on the main thread)."""
        with self._lock:
            self._pending = dict(fields)

    def switch(self, session_id: int | None, saved: dict | None = None, version: int | None = None) -> None:
        """Follow another case (reopened or new). Write what is pending for the old one first."""
        self.flush()
        with self._flush_lock:
            self.session_id = session_id
            self.version = version
            self._saved = dict(saved or {})

    def take_moved(self) -> list[tuple[int, int]]:
        """The (original, copy) session ids of writes that went to a copy since the last call."""
        with self._lock:
            moved, self._moved = self._moved, []
        return moved

    def forget(self, session_id: int) -> None:
        """The session was deleted: never write to it again."""
        with self._flush_lock, self._lock:
            if self.session_id == session_id:
                self.session_id = self.version = None
                self._saved = {}
                self._pending = None

    def flush(self) -> int | None:
        """Write the newest snapshot; returns the session id (``None`` if nothing was ever saved).

        Raises :class:`StoreError`; the snapshot then stays pending for the next try."""
        with self._flush_lock:
            with self._lock:
                snapshot, self._pending = self._pending, None
            if snapshot is None:
                return self.session_id
            try:
                self._write(snapshot)
            except StoreError:
                with self._lock:
                    if self._pending is None:
                        self._pending = snapshot
                raise
            return self.session_id

    def _write(self, snapshot: dict) -> None:
        if self.session_id is None:
            if not _has_content(snapshot):
                return
            self._created(snapshot)
            return
        changed = {k: v for k, v in snapshot.items() if self._saved.get(k) != v}
        if not changed:
            return
        try:
            checked = {} if self.version is None else {"expected_version": self.version}
            self.store.autosave(self.session_id, **checked, **changed)
        except SessionConflict:
            # changed in another window since we read it: theirs stays, ours becomes a copy
            old = self.session_id
            self._created(snapshot)
            with self._lock:
                self._moved.append((old, self.session_id))
            return
        except InputError:
            # the row is gone (deleted from another window): keep the words in a new one
            self._created(snapshot)
            return
        if self.version is not None:
            self.version += 1
        self._saved = dict(snapshot)

    def _created(self, snapshot: dict) -> None:
        row = self.store.create(**snapshot)
        self.session_id, self.version = row.id, getattr(row, "version", None)
        self._saved = dict(snapshot)


def _has_content(fields: dict) -> bool:
    return any(fields.get(k) for k in ("name", "text", "notes", "confirmed", "rejected", "added", "target"))
