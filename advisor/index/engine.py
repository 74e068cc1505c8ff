"""Collections of embedded texts with a FAISS cache, rebuilt when anything under them changes.

``Engine.ensure(name, entries)`` compares the fingerprint of the wanted entries (their texts'
hashes, in order, and the embedding model's name) with the one saved beside the FAISS file. If it
matches, the FAISS index is read from disk (milliseconds); if not, missing vectors are embedded
into SQLite and the FAISS index is rebuilt from SQLite and saved.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import config
from ..errors import IndexError_
from .embedder import Embedder, default_embedder
from .vectors import Entry, VectorStore, text_hash

Progress = Callable[[str, int, int], None]


def fingerprint(entries: list[Entry], model_name: str) -> str:
    h = hashlib.sha256(model_name.encode())
    for e in entries:
        h.update(f"\n{e.item}\t{e.kind}\t{text_hash(e.text)}".encode())
    return h.hexdigest()


@dataclass
class Collection:
    """A searchable collection: entries, the item of each entry, and a FAISS inner-product index."""

    name: str
    entries: list[Entry]
    index: object  # faiss.Index
    fingerprint: str
    items: list[str] = field(default_factory=list)
    entry_item: object = None  # np.ndarray[int]: entry row -> item position
    built: bool = False  # True when this call rebuilt it, False when loaded from cache
    embedded: int = 0  # texts embedded by this call

    def __post_init__(self) -> None:
        import numpy as np

        positions: dict[str, int] = {}
        rows = []
        for e in self.entries:
            if e.item not in positions:
                positions[e.item] = len(positions)
            rows.append(positions[e.item])
        self.items = list(positions)
        self.item_pos = positions
        self.entry_item = np.asarray(rows, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, vectors, k: int):
        """FAISS's ``k`` nearest entries of each query vector: (scores, entry rows), best first."""
        import numpy as np

        queries = np.ascontiguousarray(vectors, dtype=np.float32)
        return self.index.search(queries, max(1, min(k, self.index.ntotal)))

    def all_scores(self, vectors, k: int | None = None):
        """Query x entry cosine scores for the ``k`` nearest entries of each query (found by FAISS);
        entries further away score -1, the lowest cosine. With ``k`` None every entry is scored."""
        import numpy as np

        scores, rows = self.search(vectors, self.index.ntotal if k is None else k)
        out = np.full((scores.shape[0], self.index.ntotal), -1.0, dtype=np.float32)
        np.put_along_axis(out, rows, scores, axis=1)  # k <= ntotal: a flat index fills every row
        return out


class Engine:
    """The index: one SQLite store, FAISS caches beside it, one embedder."""

    def __init__(self, directory: Path | None = None, embedder: Embedder | None = None):
        self.directory = directory or config.index_dir()
        self.embedder = embedder or default_embedder()
        self._store: VectorStore | None = None
        self._lock = threading.RLock()
        self._collections: dict[str, Collection] = {}

    @property
    def store(self) -> VectorStore:
        if self._store is None:
            self._store = VectorStore(self.directory / "index.db")
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _paths(self, name: str) -> tuple[Path, Path]:
        return self.directory / f"{name}.faiss", self.directory / f"{name}.meta.json"

    def ensure(self, name: str, entries: list[Entry], progress: Progress | None = None, force: bool = False) -> Collection:
        """A ready collection for ``entries``: from memory, from the FAISS cache, or rebuilt."""
        import faiss

        faiss.omp_set_num_threads(1)  # exact search over a few thousand rows: threads only contend

        if not entries:
            raise IndexError_(f"collection '{name}' has nothing to index", hint="check that the data files loaded")
        fp = fingerprint(entries, self.embedder.name)
        with self._lock:
            cached = self._collections.get(name)
            if cached is not None and cached.fingerprint == fp and not force:
                return cached
            faiss_path, meta_path = self._paths(name)
            if not force and faiss_path.exists() and meta_path.exists():
                try:
                    meta = json.loads(meta_path.read_text(encoding="utf-8"))
                    if meta.get("fingerprint") == fp and meta.get("count") == len(entries):
                        index = faiss.read_index(str(faiss_path))
                        if index.ntotal == len(entries):
                            coll = Collection(name, entries, index, fp)
                            self._collections[name] = coll
                            return coll
                except (OSError, ValueError, RuntimeError):
                    pass  # a damaged cache is rebuilt below
            coll = self._build(name, entries, fp, progress)
            self._collections[name] = coll
            return coll

    def _build(self, name: str, entries: list[Entry], fp: str, progress: Progress | None) -> Collection:
        import faiss

        if progress:
            progress(f"embedding {name}", 0, len(entries))
        texts = [e.text for e in entries]
        matrix, embedded = self.store.embed_texts(
            texts, self.embedder, progress=(lambda done, total: progress(f"embedding {name}", done, total)) if progress else None
        )
        index = faiss.IndexFlatIP(self.embedder.dimension)
        index.add(matrix)
        self.store.write_collection(name, entries, self.embedder.name, fp)
        faiss_path, meta_path = self._paths(name)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = faiss_path.with_suffix(f".tmp{os.getpid()}")
            faiss.write_index(index, str(tmp))
            tmp.replace(faiss_path)
            meta_tmp = meta_path.with_suffix(f".tmp{os.getpid()}")
            meta_tmp.write_text(
                json.dumps({"fingerprint": fp, "count": len(entries), "model": self.embedder.name, "built": time.time()}),
                encoding="utf-8",
            )
            meta_tmp.replace(meta_path)
        except (OSError, RuntimeError) as exc:
            # The cache is an optimisation: the collection still works from memory.
            if progress:
                progress(f"warning: FAISS cache not saved ({exc})", len(entries), len(entries))
        if progress:
            progress(f"indexed {name}", len(entries), len(entries))
        coll = Collection(name, entries, index, fp, built=True, embedded=embedded)
        return coll

    def is_fresh(self, name: str, entries: list[Entry]) -> bool:
        """Whether the saved FAISS cache matches ``entries`` (no embedding or model load needed)."""
        _, meta_path = self._paths(name)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return meta.get("fingerprint") == fingerprint(entries, self.embedder.name)

    def encode(self, texts: list[str]):
        return self.embedder.encode(texts)
