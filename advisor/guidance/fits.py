"""Jobs that fit: every ladder occupation ranked by how much of it the profile already covers,
and what must be held first before applying (the rung's entry ``requires`` and related work
experience), judged from the facts read from the words.

"Apply now" is said only of a fit with nothing in ``needs``. Facts count only when stated as held:
a wanted or missing credential never meets a requirement. An unstated education level meets a
high-school requirement (most adults hold one; the advisor asks) but never a college one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import DataError
from ..models import Catalog, Competency
from .gaps import CREDIT, GAP, POSSIBLE, Profile
from .ladders import Ladders, Rung
from .licences import licensed

if TYPE_CHECKING:  # pragma: no cover
    from .facts import Facts
    from .lexicon import Lexicon

#: education levels, lowest first (as in the credential lexicon); a high school equivalency
#: counts as a diploma when a job asks for one
LEVELS = ("none", "hse", "high-school", "some-college", "associate", "bachelor", "master", "doctorate")
EQUIVALENT = {"hse": "high-school"}
#: the level an unstated education is taken to meet (the advisor checks it)
ASSUMED = "high-school"
#: the education ids ``requires`` may name, with their level, for when the lexicon is not at hand
EDUCATION_IDS = {
    "less-than-high-school": "none", "hse": "hse", "high-school-diploma": "high-school",
    "some-college": "some-college", "associate": "associate", "associate-applied-science": "associate",
    "bachelor": "bachelor", "bsn": "bachelor", "master": "master", "mba": "master", "doctorate": "doctorate",
}
EDUCATION_WORDS = {
    "high-school": "a high school diploma or equivalent", "some-college": "some college",
    "associate": "an associate degree", "bachelor": "a bachelor's degree", "master": "a master's degree",
    "doctorate": "a doctorate",
}
APPLY_AT = 0.5  # the share of a job's competencies shown before "apply now" is said
EXPERIENCE = {"Less than 5 years": 0.0, "5 years or more": 5.0}  # BLS categories -> years asked for


@dataclass
class Fit:
    rung: Rung
    coverage: float
    gaps: list[Competency]
    possible: list[Competency]
    #: what must be held first, in words ("an LPN/LVN licence", "related work experience"); empty: apply now
    needs: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        """Whether nothing the job requires is missing."""
        return not self.needs

    @property
    def apply_now(self) -> bool:
        """Nothing to hold first and at least half the job already shown (``APPLY_AT``): worth
        applying today; below that the gaps come first, even with nothing to hold."""
        return self.ready and self.coverage >= APPLY_AT


def next_step(needs: list[str], apply_now: bool, gaps: list[Competency]) -> str:
    """A fit's next step in words, as plans and ``advisor fit`` say it: what to hold first, or
    apply now, then the gaps; with nothing to hold but less than half the job shown, the gaps
    come first."""
    names = ", ".join(c.name for c in gaps) or "none"
    if needs or apply_now:
        return (f"Needs first: {'; '.join(needs)}. " if needs else "Apply now. ") + "Gaps: " + names
    return "Build first: " + names


def _rank(level: str) -> int:
    return LEVELS.index(EQUIVALENT.get(level, level))


def _lexicon(catalog: Catalog, ladders: Ladders) -> "Lexicon | None":
    from .lexicon import load_lexicon

    try:
        return load_lexicon(catalog, ladders)
    except DataError:  # a user ladder set the shipped titles do not fit: names fall back to ids
        return None


class Checker:
    """Says which of a rung's entry requirements the stated facts do not meet."""

    def __init__(self, facts: "Facts | None", ladders: Ladders, lexicon: "Lexicon | None"):
        self.ladders, self.lexicon = ladders, lexicon
        creds = facts.credentials if facts is not None else []
        self.held: set[str] = set()
        self.said = [c.id for c in creds]  # the credentials the words name as held (``held`` adds what they imply)
        for c in creds:
            self.held.add(c.id)
            known = lexicon.credentials.get(c.id) if lexicon is not None else None
            self.held.update(known.implies if known is not None else ())
        level = facts.education_level() if facts is not None else "unknown"
        implied = [self.level_of(i) for i in self.held]
        levels = [lv for lv in implied if lv] + ([level] if level in LEVELS else [])
        self.level = max(levels, key=_rank) if levels else None  # None: not stated
        studying = [f for f in (facts.goals if facts is not None else []) if getattr(f, "level", None)]
        self.studying_school = any(_rank(f.level) <= _rank(ASSUMED) for f in studying)
        # in high school (a diploma on the way), not an adult working on a GED
        self.in_high_school = any(f.level == "high-school" for f in studying)
        self.jobs = [t for t in (facts.titles if facts is not None else []) if t.rung_id in ladders.rungs]
        self.workplaces = list(facts.workplaces) if facts is not None else []  # industries of workplaces named without a title

    def level_of(self, cid: str) -> str | None:
        known = self.lexicon.credentials.get(cid) if self.lexicon is not None else None
        if known is not None:
            return known.level
        return EDUCATION_IDS.get(cid)

    def name_of(self, cid: str) -> str:
        level = self.level_of(cid)
        level = EQUIVALENT.get(level, level) if level else None
        if level in EDUCATION_WORDS:
            return EDUCATION_WORDS[level]
        known = self.lexicon.credentials.get(cid) if self.lexicon is not None else None
        return known.name if known is not None else cid

    def _met(self, alts: tuple[str, ...], rung: Rung) -> bool:
        for cid in alts:
            if cid in self.held:
                return True
            level = self.level_of(cid)
            if level is None:
                continue
            if self.level is not None and _rank(self.level) >= _rank(level):
                return True
            if self.level is None and not self.studying_school and _rank(level) <= _rank(ASSUMED):
                return True
        # a job held that asks for the same thing shows it (an LPN's past job shows the licence)
        for job in self.jobs:
            for rid in (job.rung_id, *job.also):
                held = self.ladders.rungs.get(rid)
                if held is not None and held.entry is not None and (alts in held.entry.requires or held.soc == rung.soc):
                    return True
        return False

    def label_of(self, alts: tuple[str, ...]) -> str:
        names = list(dict.fromkeys(self.name_of(a) for a in alts))
        return " or ".join(names)

    def _experience(self, rung: Rung) -> str | None:
        want = EXPERIENCE.get(rung.experience)
        if want is None:
            return None
        # a job on the same ladder, at most two levels below (a cashier's years do not make a store manager)
        related = [j for j in self.jobs if any(r.model == rung.model and r.level >= rung.level - 2 for r in same_job(j, self.ladders))]
        if not related:
            return "related work experience" if want == 0 else f"{want:g} years of related work experience"
        if want == 0:
            return None
        years = sum(j.years or 0 for j in related)
        near = any(j.years is None and self.ladders.rungs[j.rung_id].level >= rung.level - 1 for j in related)
        return None if years >= want or near else f"{want:g} years of related work experience"

    def needs(self, rung: Rung) -> list[str]:
        asks = list(rung.entry.requires) if rung.entry is not None else []
        # a job licensed in nearly every state asks for its licence on any ladder, as it does
        # among the O*NET occupations (a pharmacy technician's registration, an electrician's licence)
        asks += [alts for alts in licensed().get(rung.soc, ()) if alts not in asks]
        out = list(dict.fromkeys(self.label_of(alts) for alts in asks if not self._met(alts, rung)))
        exp = self._experience(rung)
        if exp:
            out.append(exp)
        return out


def same_job(job, ladders: Ladders) -> list[Rung]:
    """The rungs a stated job is: the one the words named, and the same occupation (SOC) on
    other ladders among the ones they could also name (a CNA is a CNA in health care and in
    long-term care); a different occupation the words might name does not count."""
    first = ladders.rungs.get(job.rung_id)
    if first is None:
        return []
    return [first] + [r for rid in job.also if (r := ladders.rungs.get(rid)) is not None and r.soc == first.soc]


def jobs_that_fit(profile: Profile, ladders: Ladders, catalog: Catalog, limit: int = 8, max_gaps: int = 4) -> list[Fit]:
    """Every ladder occupation ranked by how much of its requirement the profile already covers,
    each with what it needs first. A step down is never offered: on a ladder where the words
    state a past job (or the same occupation on another ladder), rungs below that job's level are
    left out (a shift lead is not sent back to the register)."""
    reached: dict[str, int] = {}
    for job in profile.facts.titles if profile.facts is not None else []:
        for rung in same_job(job, ladders):
            reached[rung.model] = max(reached.get(rung.model, 0), rung.level)
    checker = Checker(profile.facts, ladders, _lexicon(catalog, ladders))
    fits = []
    for rung in ladders.rungs.values():
        req = rung.required
        if not req or rung.level < reached.get(rung.model, 0):
            continue
        statuses = [profile.status.get(cid, GAP) for cid in req]
        coverage = sum(CREDIT[s] for s in statuses) / len(req)
        gaps = [catalog.competency(c) for c, s in zip(req, statuses) if s == GAP]
        possible = [catalog.competency(c) for c, s in zip(req, statuses) if s == POSSIBLE]
        fits.append(Fit(rung, coverage, gaps[:max_gaps], possible, checker.needs(rung)))
    fits.sort(key=lambda f: (-f.coverage, f.rung.level, f.rung.title))
    return fits[:limit]
