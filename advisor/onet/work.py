"""What the imported occupations say about the work itself, for "jobs that fit now": each
occupation's Required Level of Education shares, and the task statements and job titles closest to
a person's phrases (the FAISS collections ``onet-tasks`` and ``onet-titles``)."""

from __future__ import annotations

from ..db.onet import normalize
from .doing import implied_work, task_collection
from .reading import _SERVICE_WORDS
from .occupations import Occupations


class Work:
    """Education shares and nearest tasks/titles of one open :class:`Occupations`."""

    def __init__(self, occ: Occupations):
        self.occ = occ
        self._shares: dict[str, dict[int, float]] | None = None

    def education_shares(self) -> dict[str, dict[int, float]]:
        """O*NET-SOC code -> Required Level of Education category -> percent of workers."""
        if self._shares is None:
            shares: dict[str, dict[int, float]] = {}
            for r in self.occ.store.education_shares():
                shares.setdefault(r["code"], {})[int(r["category"])] = float(r["value"])
            self._shares = shares
        return self._shares

    def has_tasks(self) -> bool:
        """Whether the import embedded the task statements (``--no-tasks`` leaves them out)."""
        return self.occ.store.meta().get("tasks_embedded") == "1"

    def task_collection(self):
        """The task vectors (FAISS); None when the import left them out."""
        return task_collection(self.occ)

    def near(self, texts: list[str], tasks: int = 60, titles: int = 20) -> list[tuple[int, str, str, float, str]]:
        """For each text, the closest task statements and job titles, encoded once:
        (text index, O*NET-SOC code, the task or title, cosine, "task" | "title")."""
        if not texts:
            return []
        collections = ((self.task_collection(), tasks, "task"), (self.occ.collection(), titles, "title"))
        # the service named is where the work was, not the work ("Marine Corps" is no marine safety officer)
        work = []
        for i, t in enumerate(texts):
            low = normalize(t)
            t = " ".join(_SERVICE_WORDS.sub(" ", low).split()) if _SERVICE_WORDS.search(low) else t
            if t:
                work.append((i, t))
        if not work:
            return []
        vectors = self.occ.engine.encode([t for _, t in work])
        out = []
        for coll, k, kind in collections:
            if coll is None:
                continue
            scores, rows = coll.search(vectors, k)
            for (i, _), srow, rrow in zip(work, scores, rows):
                for score, row in zip(srow, rrow):
                    if row >= 0:
                        e = coll.entries[int(row)]
                        out.append((i, e.item, e.text, float(score), kind))
        return out

    def implied(self, phrases: list[str], past: set[str]) -> list[str]:
        """The O*NET-SOC codes of the work the doing phrases name (:func:`.doing.implied_work`)."""
        return implied_work(self.occ, phrases, past)
