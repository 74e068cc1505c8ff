"""What every SQLite store of the app shares: opening the file safely, retrying while another copy
of the app holds the lock, turning SQLite and OS errors into one-line :class:`StoreError`\\ s, and
building the schema with a :class:`sqlite_utils.Migrations` set.

A subclass of :class:`SQLiteStore` names its file (``NOUN``, used in every message), its migration
set and what a failed write leaves safe. The schema version (``PRAGMA user_version``) is the number
of migrations in the set; a file with a higher version, or with a migration this code does not
know, was written by a newer advisor and is refused rather than changed.

Files made before the move to sqlite_utils recorded their migrations in a ``_migrations`` table of
their own; on opening, those names are carried over into ``_sqlite_migrations`` and the old table is
dropped.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, ClassVar, TypeVar

import sqlite_utils
from sqlite_utils import Migrations

from ..errors import StoreError

#: Seconds one statement waits for another writer before SQLite reports "database is locked".
DEFAULT_TIMEOUT = 5.0
#: Extra attempts after "database is locked", with doubling sleeps from ``RETRY_DELAY``.
RETRIES = 5
RETRY_DELAY = 0.05
#: The bookkeeping table of the hand-written migration runner used before sqlite_utils Migrations.
LEGACY_TABLE = "_migrations"

_SQLITE_HEADER = b"SQLite format 3\x00"

T = TypeVar("T")

_clock_lock = threading.Lock()
_last_stamp: datetime | None = None


def now() -> str:
    """UTC ISO timestamp, strictly increasing within this process (so an ``updated`` always moves)."""
    global _last_stamp
    with _clock_lock:
        stamp = datetime.now(timezone.utc)
        if _last_stamp is not None and stamp <= _last_stamp:
            stamp = _last_stamp + timedelta(microseconds=1)
        _last_stamp = stamp
        return stamp.isoformat(timespec="microseconds")


def json_list(raw: str | None) -> list | None:
    """A JSON list stored as text (empty or NULL: ``[]``); None when the text is not a JSON list."""
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def is_locked(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "busy": worth waiting and trying again."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


class _Connection(sqlite3.Connection):
    """A plain connection whose attributes can be replaced (tests simulate a full disk this way)."""


class SQLiteStore:
    """One SQLite file of the app, opened in WAL mode. Safe to share between threads and processes.

    Reads go through :meth:`_retry`, writes through :meth:`_write` (one ``BEGIN IMMEDIATE``
    transaction); both retry on a lock and raise :class:`StoreError` for anything else."""

    #: what the file holds, as in "the saved sessions database ..."
    NOUN: ClassVar[str] = "saved data"
    #: the title of the errors shown for this file (None: StoreError's own)
    TITLE: ClassVar[str | None] = None
    #: what is still safe after a failed write, added to the hints
    KEPT: ClassVar[str] = "nothing was changed"
    #: how to get going again when the file cannot be used at all
    MOVE_ASIDE: ClassVar[str] = "move the file aside (rename it) and start advisor again; a new, empty one is created"
    MIGRATIONS: ClassVar[Migrations]
    #: extra ``PRAGMA`` statements run on every connection
    PRAGMAS: ClassVar[tuple[str, ...]] = ()

    @staticmethod
    def default_location() -> Path:
        """Where the file lives when no path is given (each store names its own)."""
        raise TypeError("this store has no default location: give a path")

    def __init__(self, path: Path | str | None = None, *, timeout: float = DEFAULT_TIMEOUT, retries: int = RETRIES):
        self.path = Path(self.default_location() if path is None else path).expanduser()
        self.timeout = float(timeout)
        self.retries = int(retries)
        self._lock = threading.RLock()
        self.conn: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._fail(
                f"cannot create the folder for {self.NOUN} {self.path.parent}: {exc.strerror or exc}",
                "check the folder's permissions, or set ADVISOR_HOME to a folder you can write",
            ) from exc
        self._check_header()
        try:
            conn = sqlite3.connect(
                str(self.path), timeout=self.timeout, check_same_thread=False,
                isolation_level=None, factory=_Connection,
            )
        except sqlite3.Error as exc:
            raise self._fail(
                f"cannot open the {self.NOUN} database {self.path}: {exc}",
                "check the file's permissions and free disk space",
            ) from exc
        self.conn = conn
        try:
            self.db = sqlite_utils.Database(conn)
            conn.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
            for pragma in self.PRAGMAS:
                conn.execute(pragma)
            self._setup(conn)
            self._retry(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone())
            self._check_integrity()
            self._migrate()
        except StoreError:
            self.close()
            raise
        except sqlite3.Error as exc:
            self.close()
            raise self._error(exc, f"open the {self.NOUN}") from exc
        except BaseException:
            self.close()
            raise

    def _setup(self, conn: sqlite3.Connection) -> None:
        """Hook: register SQL functions and the like on a new connection."""

    # -- schema version

    @classmethod
    def schema_version(cls) -> int:
        """The ``PRAGMA user_version`` this code writes: the number of migrations it knows."""
        return len(cls.known_migrations())

    @classmethod
    def known_migrations(cls) -> list[str]:
        """The names in this store's migration set, in order (all of them are pending on an empty file)."""
        return [m.name for m in cls.MIGRATIONS.pending(sqlite_utils.Database(memory=True))]

    # -- opening

    def _fail(self, message: str, hint: str) -> StoreError:
        return StoreError(message, hint=hint, title=self.TITLE)

    def _newer_error(self, detail: str) -> StoreError:
        return self._fail(
            f"the {self.NOUN} database {self.path} was written by a newer version of advisor ({detail})",
            "upgrade advisor to open it; or, to start fresh with this version, " + self.MOVE_ASIDE,
        )

    def _check_header(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(len(_SQLITE_HEADER))
        except FileNotFoundError:
            return
        except OSError as exc:
            raise self._fail(
                f"cannot read the {self.NOUN} database {self.path}: {exc.strerror or exc}",
                "check the file's permissions",
            ) from exc
        if head and head != _SQLITE_HEADER:
            raise self._fail(f"{self.path} is not a {self.NOUN} database (not an SQLite file)", self.MOVE_ASIDE)

    def _check_integrity(self) -> None:
        rows = self._retry(lambda: self.conn.execute("PRAGMA quick_check").fetchall())
        if [tuple(r) for r in rows] != [("ok",)]:
            raise self._fail(
                f"the {self.NOUN} database {self.path} is damaged (integrity check found {len(rows)} problem(s))",
                self.MOVE_ASIDE,
            )
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > self.schema_version():
            raise self._newer_error(f"schema version {version}, this version knows {self.schema_version()}")

    def _recorded(self) -> tuple[set[str], set[str] | None]:
        """Migration names recorded by sqlite_utils, and by the old runner (None: no old table)."""
        applied = {m.name for m in self.MIGRATIONS.applied(self.db)}
        if not self.db[LEGACY_TABLE].exists():
            return applied, None
        legacy = {row[0] for row in self.conn.execute(f"SELECT name FROM [{LEGACY_TABLE}]").fetchall()}
        return applied, legacy

    def _check_known(self, applied: set[str], legacy: set[str] | None) -> bool:
        """True when nothing is left to do; raises for a database from a newer version."""
        unknown = (applied | (legacy or set())) - set(self.known_migrations())
        if unknown:
            raise self._newer_error("unknown migration " + ", ".join(sorted(unknown)))
        return legacy is None and set(self.known_migrations()) <= applied

    def _migrate(self) -> None:
        if self._check_known(*self._retry(self._recorded)):
            return

        def apply() -> None:
            applied, legacy = self._recorded()
            self._check_known(applied, legacy)
            if legacy is not None:
                self._carry_over(legacy - applied)
            self.MIGRATIONS.apply(self.db)
            self.conn.execute(f"PRAGMA user_version={self.schema_version()}")

        self._write(apply, f"prepare the {self.NOUN} database")

    def _carry_over(self, names: set[str]) -> None:
        """Record in sqlite_utils' table the migrations the old runner applied, then drop its table."""
        self.MIGRATIONS.ensure_migrations_table(self.db)
        for name in self.known_migrations():
            if name in names:
                self.db[Migrations.migrations_table].insert(
                    {"migration_set": self.MIGRATIONS.name, "name": name, "applied_at": now()}
                )
        self.conn.execute(f"DROP TABLE [{LEGACY_TABLE}]")

    # -- transactions, retries and errors

    def _attempts(self, fn: Callable[[], T], action: str) -> T:
        """Run ``fn`` under the lock, sleeping and trying again while the database is locked."""
        if self.conn is None:
            raise self._fail(f"the {self.NOUN} database is closed", "open it again")
        delay = RETRY_DELAY
        for attempt in range(self.retries + 1):
            try:
                with self._lock:
                    return fn()
            except sqlite3.Error as exc:
                if not is_locked(exc) or attempt >= self.retries:
                    raise self._error(exc, action) from exc
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def _retry(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` (a read), retrying while another process holds the database."""
        return self._attempts(fn, f"read the {self.NOUN}")

    def _write(self, fn: Callable[[], T], action: str) -> T:
        """Run ``fn`` in one ``BEGIN IMMEDIATE`` transaction, retrying when the database is locked."""

        def transaction() -> T:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                result = fn()
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")
                return result
            except BaseException:
                if self.conn.in_transaction:
                    try:
                        self.conn.rollback()
                    except sqlite3.Error:
                        pass
                raise

        return self._attempts(transaction, action)

    def _error(self, exc: BaseException, action: str) -> StoreError:
        """The StoreError that says what went wrong while trying to ``action``."""
        text = str(exc).lower()
        where = f"the {self.NOUN} database {self.path}"
        if "full" in text:
            return self._fail(
                f"cannot {action}: the disk is full ({where})", f"free some disk space and try again; {self.KEPT}"
            )
        if "readonly" in text or "read-only" in text or "permission" in text or "unable to open" in text:
            return self._fail(
                f"cannot {action}: {where} is read-only or cannot be opened for writing",
                f"check the permissions of the file and its folder; {self.KEPT}",
            )
        if is_locked(exc):
            return self._fail(
                f"cannot {action}: {where} is busy (another copy of advisor is writing to it)",
                "try again in a moment",
            )
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            return self._fail(f"cannot {action}: {where} is damaged ({exc})", self.MOVE_ASIDE)
        if "closed" in text:
            return self._fail(f"cannot {action}: {where} is closed", "open it again")
        if "disk i/o" in text:
            return self._fail(
                f"cannot {action}: the disk reported an error while using {where}",
                f"check the disk and free space; {self.KEPT}",
            )
        return self._fail(f"cannot {action}: {where}: {exc}", "check free disk space and permissions")

    def _checkpoint(self, action: str) -> bool:
        """Copy the WAL into the database and truncate it; True when it fully succeeded.

        Another process reading at that moment can keep the WAL from being truncated; later writes
        overwrite it then."""
        delay = RETRY_DELAY
        for attempt in range(self.retries + 1):
            try:
                with self._lock:
                    busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.OperationalError as exc:
                if not is_locked(exc):
                    raise self._error(exc, action) from exc
                busy = 1
            if not busy:
                return True
            if attempt < self.retries:
                time.sleep(delay)
                delay *= 2
        return False

    # -- closing

    def close(self) -> None:
        with self._lock:
            if self.conn is not None:
                try:
                    self.conn.close()
                finally:
                    self.conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
