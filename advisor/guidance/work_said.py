"""Work told without a job title: a line of work ("I worked construction for 6 years", "did
drywall") read as its worker's ladder title, and the well-known workplaces a person says they
worked at ("I worked at McDonald's for 2 years"), read as the industry of the work, never as a
guessed title. Pure functions over the words, as :mod:`advisor.guidance.facts` reads them."""

from __future__ import annotations

import re

from .cues import INTENT, NOW, TITLE_GOAL, WORKED
from .lexicon import Lexicon, alias_key

#: a workplace said as where the person works or worked: "worked at", "I work for", "job at"
_AT_WORK = re.compile(
    r"\b(?:worked|work|working|employed|hired|job|jobs|shifts?|been|was|spent)\b(?:\s+\w+){0,3}?\s+(?:at|for|with)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?P<name>[\w&'’.-]+(?:\s+[\w&'’.-]+){0,2})", re.IGNORECASE)


def read_fields(text: str, lexicon: Lexicon, taken: list[tuple[int, int]]) -> list[dict]:
    """Past jobs said by their line of work ("worked construction 6 years", "did drywall") as the
    ladder title of its worker (advisor/data/work_fields.yaml), each as the fields of a
    :class:`~.facts.TitleFact`; never a trade's helper as the trade (a licensed rung), never a
    clause a title or credential already names."""
    from ..onet.clauses import _UNDER, _clauses, field_job

    out = []
    for start, end, clause in _clauses(text):
        got = None if any(a < end and start < b for a, b in taken) else field_job(clause)
        if got is None or got[0].split()[-1] in _UNDER:
            continue
        rungs = [r for r, weak in lexicon.titles_for(got[0]) if not weak]
        if rungs:
            lo = start + len(clause) - len(clause.lstrip())
            title = lexicon.titles[rungs[0]]
            out.append(dict(rung_id=title.rung_id, title=title.title, years=got[1], employer="", phrase=clause.strip(),
                            start=lo, end=lo + len(clause.strip()), current=True if got[2] else None, model=title.model,
                            also=tuple(rungs[1:]), evidences=title.required, how="field"))
    return out


def read_workplaces(text: str, lexicon: Lexicon, taken: list[tuple[int, int]]) -> list[str]:
    """The industries (model ids) of well-known workplaces where the words say the person works or
    worked, in clauses that name no title or credential and wish for nothing ("want to work at
    Amazon" is a goal)."""
    from ..onet.clauses import _clauses

    out: list[str] = []
    for start, end, clause in _clauses(text):
        if any(a < end and start < b for a, b in taken) or TITLE_GOAL.search(clause) or INTENT.search(clause):
            continue
        for m in _AT_WORK.finditer(clause):
            words = m.group("name").rstrip(".'’-").split()
            model = next((lexicon.employers[k] for n in range(len(words), 0, -1)
                          if (k := alias_key(" ".join(words[:n]))) in lexicon.employers), None)
            if model and model not in out and (WORKED.search(clause) or NOW.search(clause) or m.group().lower().startswith("work")):
                out.append(model)
    return out
