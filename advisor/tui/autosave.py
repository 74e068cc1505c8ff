"""Debounced, ordered autosave of the open case into the session store. Plain Python, no Textual.

The app calls :meth:`Autosaver.queue` on the main thread with a snapshot of the case's fields
after every edit, and later :meth:`Autosaver.flush` from a thread worker. ``flush`` always writes
the newest snapshot, only the fields that changed since the last write, one flush at a time, so
an older snapshot can never overwrite a newer one. The first write for a new case creates its row.
"""

from __future__ import annotations

import threading

from ..errors import InputError, StoreError


class Autosaver:
    def __init__(self, store, session_id: int | None = None, saved: dict | None = None):
        self.store = store
        self.session_id = session_id
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

    def switch(self, session_id: int | None, saved: dict | None = None) -> None:
        """Follow another case (reopened or new). Write what is pending for the old one first."""
        self.flush()
        with self._flush_lock:
            self.session_id = session_id
            self._saved = dict(saved or {})

    def forget(self, session_id: int) -> None:
        """The session was deleted: never write to it again."""
        with self._flush_lock, self._lock:
            if self.session_id == session_id:
                self.session_id = None
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
            self.session_id = self.store.create(**snapshot).id
            self._saved = dict(snapshot)
            return
        changed = {k: v for k, v in snapshot.items() if self._saved.get(k) != v}
        if not changed:
            return
        try:
            self.store.autosave(self.session_id, **changed)
        except InputError:
            # the row is gone (deleted from another window): keep the words in a new one
            self.session_id = self.store.create(**snapshot).id
        self._saved = dict(snapshot)


def _has_content(fields: dict) -> bool:
    return any(fields.get(k) for k in ("name", "text", "notes", "confirmed", "rejected", "added", "target"))
