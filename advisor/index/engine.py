"""Collections of embedded texts with a FAISS cache, rebuilt when anything under them changes.

``Engine.ensure(name, entries)`` compares the fingerprint of the wanted entries (their texts'
hashes, in order, and the embedding model's name) with the one saved beside the FAISS file. If it
matches, the FAISS index is read from disk (milliseconds); if not, missing vectors are embedded
into SQLite and the FAISS index is rebuilt from SQLite and saved.

A cache that matches is still checked before it is used (:meth:`Engine.check`): the FAISS file's
SHA-256 against the one recorded when it was written, its size and vector dimension, a sample of
its vectors (finite, and equal to the ones SQLite holds for those texts), and the collection's rows
and search table in SQLite. Anything that does not hold is reported and the collection is rebuilt.
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

#: how many vectors of a cached FAISS index are compared with SQLite when it is opened
SAMPLE = 32
ALIGNED_COPY_MAX = 64 << 20  # bytes: a flat index this small is copied to aligned memory for its products


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fingerprint(entries: list[Entry], model_name: str) -> str:
    h = hashlib.sha256(model_name.encode())
    for e in entries:
        h.update(f"\n{e.item}\t{e.kind}\t{text_hash(e.text)}".encode())
    return h.hexdigest()


def _mmap_flags() -> int:
    import faiss

    flag = getattr(faiss, "IO_FLAG_MMAP_IFC", 0)  # FAISS 1.8+: a flat index's vectors memory-mapped
    return flag | faiss.IO_FLAG_READ_ONLY if flag else 0


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

    def _flat_vectors(self):
        """The vectors of a flat inner-product index, read in place (no copy); None for another index."""
        import faiss

        index = self.index
        if not (isinstance(index, faiss.IndexFlat) and index.metric_type == faiss.METRIC_INNER_PRODUCT and index.ntotal):
            return None
        cached = getattr(self, "_flat", None)
        if cached is None or cached[0] != index.ntotal:  # added to since: its storage may have moved
            view = faiss.rev_swig_ptr(index.get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d)
            if not view.flags.aligned and view.nbytes <= ALIGNED_COPY_MAX:
                # a memory-mapped file puts the vectors at an odd byte offset, and numpy then
                # cannot hand them to BLAS (measured: 2-6x slower products); a small index is
                # copied once instead
                view = view.copy()
            view.flags.writeable = False
            self._flat = cached = (index.ntotal, view)
        return cached[1]

    def search(self, vectors, k: int):
        """FAISS's ``k`` nearest entries of each query vector: (scores, entry rows), best first."""
        import numpy as np

        queries = np.ascontiguousarray(vectors, dtype=np.float32)
        return self.index.search(queries, max(1, min(k, self.index.ntotal)))

    def all_scores(self, vectors, k: int | None = None):
        """Query x entry cosine scores for the ``k`` nearest entries of each query (found by FAISS);
        entries further away score -1, the lowest cosine. With ``k`` None every entry is scored."""
        import numpy as np

        if k is None or k >= self.index.ntotal:
            stored = self._flat_vectors()
            if stored is not None:
                # every entry is wanted: one matrix product, no top-k selection of all of them
                queries = np.ascontiguousarray(vectors, dtype=np.float32)
                return np.ascontiguousarray((stored @ queries.T).T)
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
            if not force:
                index, problem = self._open_cached(name, entries, fp)
                if index is not None:
                    coll = Collection(name, entries, index, fp)
                    self._collections[name] = coll
                    return coll
                if problem and progress:  # damaged, not merely out of date
                    progress(f"the saved {name} index is damaged ({problem}); rebuilding it", 0, len(entries))
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
            digest = file_digest(tmp)
            tmp.replace(faiss_path)
            meta_tmp = meta_path.with_suffix(f".tmp{os.getpid()}")
            meta_tmp.write_text(
                json.dumps({"fingerprint": fp, "count": len(entries), "model": self.embedder.name,
                            "dim": int(self.embedder.dimension), "sha256": digest, "built": time.time()}),
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
        """Whether the saved FAISS cache matches ``entries`` and passes its checks (no model load needed)."""
        return bool(entries) and self.check(name, entries) is None

    def check(self, name: str, entries: list[Entry]) -> str | None:
        """None when the saved index of ``entries`` can be used as it is; else what is wrong with it."""
        index, problem = self._open_cached(name, entries, fingerprint(entries, self.embedder.name))
        return None if index is not None else (problem or "missing or out of date")

    def _open_cached(self, name: str, entries: list[Entry], fp: str):
        """(the saved FAISS index, None) when it is sound; (None, "") when there is none or it is
        simply out of date; (None, what is wrong) when it is damaged."""
        import faiss

        faiss_path, meta_path = self._paths(name)
        if not (faiss_path.exists() and meta_path.exists()):
            return None, ""
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None, "its description file cannot be read"
        if not isinstance(meta, dict):
            return None, "its description file cannot be read"
        if meta.get("fingerprint") != fp or meta.get("count") != len(entries) or "sha256" not in meta:
            return None, ""  # made for other texts, another model or by an older advisor: out of date
        try:
            if meta.get("sha256") != file_digest(faiss_path):
                return None, "the FAISS file does not match its checksum"
            # mapped, not read: the vectors stay in the page cache, shared by every process that
            # opens the same file (each served kiosk screen is its own process)
            flags = _mmap_flags()
            index = faiss.read_index(str(faiss_path), flags) if flags else faiss.read_index(str(faiss_path))
        except (OSError, RuntimeError):
            return None, "the FAISS file cannot be read"
        if index.ntotal != len(entries) or index.d != self.embedder.dimension:
            return None, f"the FAISS file holds {index.ntotal} vectors of {index.d} numbers, not {len(entries)} of {self.embedder.dimension}"
        problem = self._sample_problem(index, entries) or self.store.collection_problem(name, fp, len(entries))
        return (None, problem) if problem else (index, None)

    def _sample_problem(self, index, entries: list[Entry]) -> str | None:
        """Compare a spread of the FAISS vectors with the vectors SQLite holds for those texts."""
        import numpy as np

        rows = sorted({int(i) for i in np.linspace(0, len(entries) - 1, min(len(entries), SAMPLE))})
        stored = self.store.cached_vectors([text_hash(entries[i].text) for i in rows], self.embedder.name)
        for i in rows:
            vec = np.asarray(index.reconstruct(i), dtype=np.float32)
            if not np.all(np.isfinite(vec)):
                return "the FAISS file holds vectors that are not numbers"
            raw = stored.get(text_hash(entries[i].text))
            if raw is None or len(raw) != vec.nbytes:
                return "index.db is missing vectors the FAISS file was built from"
            if not np.allclose(vec, np.frombuffer(raw, dtype=np.float32), atol=1e-5):
                return "the FAISS file's vectors differ from the ones in index.db"
        return None

    def encode(self, texts: list[str]):
        return self.embedder.encode(texts)

    def encode_many(self, groups: list[list[str]]):
        """One matrix per group, each group batched apart; the encoder may run them side by side."""
        many = getattr(self.embedder, "encode_many", None)
        if many is not None:
            return many(groups)
        return [self.embedder.encode(list(g)) for g in groups]
