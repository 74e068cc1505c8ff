"""Any flat list of skill labels searched with the same engine as the competency models.

Used by the skill-extraction benchmark (13,896 ESCO labels) and by the training linker: the
labels are embedded once into the SQLite store, cached in FAISS, and ranked for a text with the
same phrase splitting and scoring as :class:`advisor.guidance.matching.Matcher`.
"""

from __future__ import annotations

from ..index.engine import Engine
from ..index.vectors import Entry
from .matching import DEFAULT_WEIGHTS, Scorer, Weights


class FlatTaxonomy:
    def __init__(self, engine: Engine, name: str, labels: list[str], weights: Weights = DEFAULT_WEIGHTS, progress=None):
        self.labels = labels
        entries = [Entry(f"{i}", "label", label) for i, label in enumerate(labels)]
        self.collection = engine.ensure(name, entries, progress=progress)
        self.scorer = Scorer(engine, self.collection, weights)

    def rank(self, text: str, top: int = 10) -> list[int]:
        """Indexes into ``labels``, best first."""
        import numpy as np

        _, _, _, total = self.scorer.profile(text)
        k = min(top, len(total))
        part = np.argpartition(-total, k - 1)[:k]
        part = part[np.argsort(-total[part])]
        return [int(self.collection.items[i]) for i in part]
