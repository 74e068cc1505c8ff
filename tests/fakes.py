"""A small deterministic stand-in for the sentence embedding model (as llm's tests do).

Each text becomes a bag of hashed word stems and character trigrams in 384 dimensions,
L2-normalised: texts that share words score high, unrelated texts near zero. It loads nothing,
so unit tests run in milliseconds; matching *quality* is tested with the real model (the
``model`` mark).
"""

from __future__ import annotations

import re
import zlib

DIMENSION = 384
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("a an and the of to in on at for with by or as is are was were be i my we our it this that".split())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _features(text: str):
    words = [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]
    for w in words:
        yield "w:" + w, 1.0
        padded = f"^{w}$"
        for i in range(len(padded) - 2):
            yield "c:" + padded[i : i + 3], 0.25


class FakeEmbedder:
    name = "fake-hashed-bag-384"
    dimension = DIMENSION

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    @property
    def loaded(self) -> bool:
        return True

    def load(self) -> None:
        pass

    def encode(self, texts, batch_size: int = 64, progress=None):
        import numpy as np

        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for feat, weight in _features(text):
                h = zlib.crc32(feat.encode())
                out[row, h % DIMENSION] += weight if (h >> 16) & 1 else -weight
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        if progress is not None and texts:
            progress(len(texts), len(texts))
        return out
