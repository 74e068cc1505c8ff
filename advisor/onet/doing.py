"""Work said as what a person does ("I draw blood", "pouring concrete", "I do nails"), for
:meth:`advisor.onet.occupations.Occupations.search`: such words name no title, so the occupations
whose O*NET task statements are nearest in meaning (the ``onet-tasks`` collection, when the import
embedded it) are read as well as the nearest titles. Nothing here keeps the words it is given."""

from __future__ import annotations

import re

from .importer import TASKS, task_entries
from ..db.onet import normalize
from .clauses import _DOING, _core
from .reading import _SPAN, doing_verb
from .spanish import _spanish, fold

#: a task's cosine counts this much against a title's (0.9 of a title's cosine; a task statement is
#: longer than a title, so the same meaning scores lower)
TASK_WEIGHT = 1.0
#: how many task statements are read (an occupation counts by its nearest one)
TASKS_READ = 40
#: how much nearer in meaning an occupation's tasks are to the words (cosine above the farthest of
#: the ``TASKS_NEAR`` nearest) counts among the titles found, as AGREE does for titles
TASK_AGREE = 0.1
TASKS_NEAR = 200

#: "i draw blood", "we pour concrete", "pouring concrete", "cleaned offices": a person, then a doing
#: word that is not being or working somewhere; or a first word in -ing or -ed with more words after
_DOING_WORDS = re.compile(
    r"^(?:(?:i|we)\s+(?!(?:was|am|m|were|worked|work|working|used|have|had|been|served|serve|is|are|was\s+a)\b)[a-z]+"
    r"|(?!(?:worked|working|served|serving|retired|employed|used|trained|certified|licensed)\b)[a-z]{3,}(?:ing|ed)\s+[a-z])")


def is_doing(norm: str) -> bool:
    """Whether normalized words tell what a person does rather than a title."""
    return bool(_DOING_WORDS.match(norm))


def doing_words(norm: str) -> str:
    """The words to read in the tasks: as said, without the years and the terms of the work
    ("cleaning houses under the table" -> "cleaning houses")."""
    return " ".join(_SPAN.sub(" ", norm).split()) or norm


def task_rows(occ, vectors) -> list[tuple[str, str, str, float]]:
    """(O*NET-SOC code, the task, "task", weighted cosine) of the nearest task statements to the
    encoded words, each occupation once (its nearest task); empty when no tasks were embedded."""
    coll = task_collection(occ)
    if coll is None:
        return []
    scores, rows = coll.search(vectors, TASKS_READ)
    out, seen = [], set()
    for score, row in zip(scores[0], rows[0]):
        if row < 0:
            continue
        e = coll.entries[int(row)]
        if e.item not in seen:
            seen.add(e.item)
            out.append((e.item, e.text, "task", TASK_WEIGHT * float(score)))
    return out


def task_closeness(occ, vectors) -> tuple[dict[str, float], float]:
    """Each occupation's nearest task statement to the encoded words (cosine) among the
    ``TASKS_NEAR`` nearest, and the farthest of those (what an occupation not among them counts as)."""
    coll = task_collection(occ)
    if coll is None or not TASK_AGREE:
        return {}, 0.0
    scores, rows = coll.search(vectors, TASKS_NEAR)
    closest: dict[str, float] = {}
    for score, row in zip(scores[0], rows[0]):
        if row >= 0:
            item = coll.entries[int(row)].item
            closest.setdefault(item, float(score))
    return closest, (float(scores[0][rows[0] >= 0].min()) if closest else 0.0)


def task_collection(occ):
    """The task vectors of an open :class:`Occupations` (made once); None without them."""
    if getattr(occ, "_tasks", None) is None:
        if occ.store.meta().get("tasks_embedded") != "1":
            return None
        occ._tasks = occ.engine.ensure(TASKS, task_entries(occ.store.task_texts()))
    return occ._tasks


def implied_work(occ, phrases: list[str], past: set[str]) -> list[str]:
    """The occupations that work done outside a job names ("fixed cars for my family" -> auto
    mechanics): a doing phrase read as its worker's title, exactly; never a past job's own."""
    out: list[str] = []
    for phrase in phrases:
        core = _core(_spanish(normalize(fold(phrase))))[0].strip().lower()  # "limpiaba casas" -> "cleaned houses"
        words = core.split()
        if not words or not (_DOING.match(words[0]) or doing_verb(words[0]) or is_doing(" ".join(phrase.lower().split()))):
            continue
        hits = [h for h in occ._recognise_core(core, meaning=False, worked=True) if h.how == "exact"]
        if hits and hits[0].code not in past and hits[0].code not in out:
            out.append(hits[0].code)
    return out
