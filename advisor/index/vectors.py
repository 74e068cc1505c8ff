"""The vector store: SQLite (via sqlite-utils) is the source of truth for every embedded text.

Each text is stored once per embedding model, keyed by the SHA-256 of the text and the model name,
so unchanged text is never embedded twice. A *collection* ("models", "esco", "training", ...) is
an ordered list of entries (item id, kind, text) that points at those vectors; its fingerprint says
when the FAISS cache built from it is stale. An FTS5 table per collection gives lexical matches
(tool names, credentials, acronyms).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sqlite_utils import Migrations

from ..errors import IndexError_



def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One embedded text of a collection: ``item`` is what it describes (a competency id)."""

    item: str
    kind: str  # name | definition | behavior | label | program
    text: str


# --------------------------------------------------------------------------- migrations

MIGRATIONS = Migrations("advisor.index")


@MIGRATIONS()
def m001_initial(db) -> None:
    db["texts"].create(
        {"hash": str, "model": str, "text": str, "dim": int, "vector": bytes, "created": float},
        pk=("hash", "model"),
        if_not_exists=True,
    )
    db["collections"].create(
        {"name": str, "model": str, "fingerprint": str, "count": int, "updated": float},
        pk="name",
        if_not_exists=True,
    )
    db["entries"].create(
        {"collection": str, "row": int, "item": str, "kind": str, "text": str, "hash": str},
        pk=("collection", "row"),
        if_not_exists=True,
    )
    db["entries"].create_index(["collection", "item"], if_not_exists=True)


def migrate(db) -> None:
    """Apply the pending migrations (sqlite-utils ``Migrations``); refuse a newer schema."""
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = {m.name for m in MIGRATIONS.applied(db)} - known
    if unknown:
        raise IndexError_(
            f"the index database was written by a newer version of advisor ({', '.join(sorted(unknown))})",
            hint="upgrade advisor, or delete the index folder and run 'advisor index build'",
        )
    MIGRATIONS.apply(db)


# --------------------------------------------------------------------------- store


_FTS_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#./-]*")


class VectorStore:
    def __init__(self, path: Path):
        import sqlite_utils

        self.path = path
        self.read_only = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA busy_timeout=30000")
            migrate(self.db)
        except (sqlite3.DatabaseError, OSError) as exc:
            if _unwritable(path, exc) and path.exists():
                self._open_read_only(sqlite_utils, exc)
                return
            raise IndexError_(f"the index database {path} cannot be used: {_reason(exc)}", hint=_fix(path, exc)) from exc

    def _open_read_only(self, sqlite_utils, first: Exception) -> None:
        """A read-only folder (a shared install, a locked-down kiosk): read the index as it is;
        only a change of the data needs writing, and says so."""
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?immutable=1", uri=True, timeout=30, check_same_thread=False)
            self.db = sqlite_utils.Database(conn)
            pending = {m.name for m in MIGRATIONS._migrations} - {m.name for m in MIGRATIONS.applied(self.db)}
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"the index database {self.path} cannot be used: {_reason(exc)}", hint=_fix(self.path, first)) from exc
        if pending:
            raise IndexError_(f"the index folder {self.path.parent} is read-only and its index is out of date",
                              hint="let advisor write there once ('advisor index build'), or set ADVISOR_HOME to a writable folder")
        self.read_only = True

    def close(self) -> None:
        self.db.conn.close()

    # -- vectors

    def cached_vectors(self, hashes: Iterable[str], model: str) -> dict[str, bytes]:
        hashes = list(dict.fromkeys(hashes))
        out: dict[str, bytes] = {}
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for h, vec in self.db.execute(
                f"select hash, vector from texts where model = ? and hash in ({marks})", [model, *chunk]
            ).fetchall():
                out[h] = vec
        return out

    def embed_texts(self, texts: list[str], embedder, progress=None) -> tuple["object", int]:
        """Vectors for ``texts`` (a float32 matrix), embedding only texts not stored yet.

        Returns the matrix and how many texts had to be embedded."""
        import numpy as np

        hashes = [text_hash(t) for t in texts]
        have = self.cached_vectors(hashes, embedder.name)
        size = int(embedder.dimension) * 4
        for h in [h for h, vec in have.items() if len(vec) != size or not np.all(np.isfinite(np.frombuffer(vec, dtype=np.float32)))]:
            del have[h]  # a damaged stored vector (wrong length, not numbers) is embedded again
        missing: dict[str, str] = {}
        for h, t in zip(hashes, texts):
            if h not in have and h not in missing:
                missing[h] = t
        if missing:
            todo = list(missing.items())
            vecs = embedder.encode([t for _, t in todo], progress=progress)
            now = time.time()
            rows = [
                {"hash": h, "model": embedder.name, "text": t, "dim": int(v.shape[0]), "vector": v.astype(np.float32).tobytes(), "created": now}
                for (h, t), v in zip(todo, vecs)
            ]
            try:
                with self.db.conn:
                    self.db["texts"].insert_all(rows, replace=True, batch_size=500)
            except sqlite3.OperationalError as exc:
                raise IndexError_(f"cannot write to the index database {self.path}: {_reason(exc)}", hint=_fix(self.path, exc)) from exc
            for row in rows:
                have[row["hash"]] = row["vector"]
        matrix = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
        for i, h in enumerate(hashes):
            matrix[i] = np.frombuffer(have[h], dtype=np.float32)
        return matrix, len(missing)

    # -- collections

    def collection_info(self, name: str) -> dict | None:
        rows = list(self.db.execute("select name, model, fingerprint, count, updated from collections where name = ?", [name]).fetchall())
        if not rows:
            return None
        keys = ("name", "model", "fingerprint", "count", "updated")
        return dict(zip(keys, rows[0]))

    def collections(self) -> list[dict]:
        keys = ("name", "model", "fingerprint", "count", "updated")
        return [dict(zip(keys, r)) for r in self.db.execute("select name, model, fingerprint, count, updated from collections order by name").fetchall()]

    def write_collection(self, name: str, entries: list[Entry], model: str, fingerprint: str) -> None:
        fts = _fts_table(name)
        try:
            with self.db.conn:
                self.db.execute("delete from entries where collection = ?", [name])
                self.db["entries"].insert_all(
                    (
                        {"collection": name, "row": i, "item": e.item, "kind": e.kind, "text": e.text, "hash": text_hash(e.text)}
                        for i, e in enumerate(entries)
                    ),
                    batch_size=1000,
                )
                self.db.execute(f"drop table if exists [{fts}]")
                self.db.execute(f"create virtual table [{fts}] using fts5(item unindexed, text, tokenize='porter unicode61')")
                self.db.conn.executemany(f"insert into [{fts}] (item, text) values (?, ?)", [(e.item, e.text) for e in entries])
                self.db["collections"].insert(
                    {"name": name, "model": model, "fingerprint": fingerprint, "count": len(entries), "updated": time.time()},
                    replace=True,
                )
        except sqlite3.OperationalError as exc:
            raise IndexError_(f"cannot write to the index database {self.path}: {exc}", hint="check free disk space and permissions") from exc

    def collection_problem(self, name: str, fingerprint: str, count: int) -> str | None:
        """None when SQLite's rows for collection ``name`` are whole; else what is wrong."""
        info = self.collection_info(name)
        if info is None or info["fingerprint"] != fingerprint or info["count"] != count:
            return "index.db does not describe this collection"
        try:
            entries = self.db.execute("select count(*) from entries where collection = ?", [name]).fetchone()[0]
            searchable = self.db.execute(f"select count(*) from [{_fts_table(name)}]").fetchone()[0]
        except sqlite3.DatabaseError:
            return "index.db's search table for this collection is missing or damaged"
        if entries != count:
            return f"index.db holds {entries} of its {count} entries"
        if searchable != count:
            return f"index.db's search table holds {searchable} of its {count} entries"
        return None

    def lexical(self, name: str, query_text: str, limit: int = 50) -> list[tuple[str, float]]:
        """Items whose texts share rare words with ``query_text``: (item, bm25 score >= 0), best first."""
        tokens = [t.strip("./-").lower() for t in _FTS_TOKEN.findall(query_text)]
        tokens = [t for t in tokens if len(t) >= 2 and t not in _STOP and t.isascii()]
        if not tokens:
            return []
        query = " OR ".join('"' + t.replace('"', "") + '"' for t in dict.fromkeys(tokens))
        fts = _fts_table(name)
        try:
            rows = self.db.execute(
                f"select item, bm25([{fts}]) from [{fts}] where [{fts}] match ? order by bm25([{fts}]) limit ?",
                [query, limit * 4],
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        best: dict[str, float] = {}
        for item, score in rows:
            best.setdefault(item, -float(score))
        return sorted(best.items(), key=lambda kv: -kv[1])[:limit]


def _unwritable(path: Path, exc: Exception) -> bool:
    text = str(exc).lower()
    return isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text or (
        path.parent.exists() and not os.access(path.parent, os.W_OK))


def _full(exc: Exception) -> bool:
    return getattr(exc, "errno", None) == errno.ENOSPC or "disk is full" in str(exc).lower() or "no space" in str(exc).lower()


def _reason(exc: Exception) -> str:
    return "the disk is full" if _full(exc) else ("the folder is read-only" if _unwritable(Path("."), exc) and "readonly" in str(exc).lower() else str(exc))


def _fix(path: Path, exc: Exception) -> str:
    """What to do about an index that cannot be opened or written: deleting it helps only when
    the file itself is damaged, never on a full or read-only disk."""
    if _full(exc):
        return "free some disk space and run the command again; the index is kept as it is"
    if _unwritable(path, exc):
        return f"let advisor write to {path.parent} (check its permissions), or set ADVISOR_HOME to a writable folder"
    return "delete the index folder and run 'advisor index build'; it is rebuilt from the data"


def _fts_table(collection: str) -> str:
    return "fts_" + re.sub(r"[^a-z0-9_]", "_", collection.lower())


_STOP = set(
    """a about above after again against all am an and any are as at be because been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here hers him
    his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our
    ours out over own same she should so some such than that the their them then there these they this those through
    to too under until up very was we were what when where which while who whom why will with would you your yours
    years year yrs months job work worked working also well good great able etc lot lots really things thing""".split()
)
