"""Targets and gaps: what a target job or industry needs, what the profile covers, what is missing.

CMC models set no proficiency levels, so none are invented here: a required competency is
``demonstrated`` (clear evidence), ``possible`` (weak evidence: ask about it) or ``gap``. The
advisor's corrections (confirm, reject, add) override the matcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError
from ..models import Catalog, Competency
from .ladders import Ladders, Rung
from .matching import Evidence, MatchResult

if TYPE_CHECKING:  # pragma: no cover
    from .facts import Facts

DEMONSTRATED, POSSIBLE, GAP = "demonstrated", "possible", "gap"
CREDIT = {DEMONSTRATED: 1.0, POSSIBLE: 0.5, GAP: 0.0}


@dataclass
class Corrections:
    """The advisor's hand edits: confirmed and added count as demonstrated, rejected as a gap."""

    confirmed: set[str] = field(default_factory=set)
    rejected: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, confirmed=(), rejected=(), added=()) -> "Corrections":
        return cls(set(confirmed), set(rejected), set(added))


@dataclass
class Profile:
    """What the jobseeker shows: every competency with a status, after the advisor's corrections."""

    result: MatchResult
    corrections: Corrections
    status: dict[str, str]
    score: dict[str, float]
    evidence: dict[str, list[Evidence]]
    source: dict[str, str]  # matched | credential | title | confirmed | added | rejected
    facts: "Facts | None" = None  # credentials and past jobs read from the words
    #: another industry's technical (tier 4-5) matches without strong evidence, kept aside: they
    #: count only toward a goal in their own industry
    aside: dict[str, tuple[str, float, list[Evidence]]] = field(default_factory=dict)

    def strengths(self, catalog: Catalog) -> list[tuple[Competency, str, float, list[Evidence], str]]:
        out = []
        for cid, st in self.status.items():
            if st in (DEMONSTRATED, POSSIBLE):
                out.append((catalog.competency(cid), st, self.score.get(cid, 0.0), self.evidence.get(cid, []), self.source[cid]))
        out.sort(key=lambda t: (t[1] != DEMONSTRATED, -t[2], t[0].tier, t[0].model, t[0].sort_key()))
        return out


def fact_evidence(fact) -> Evidence:
    """A stated credential or past job as evidence: the person's phrase and what it means."""
    if fact.SOURCE == "title":
        bits = [f"worked as {fact.title}"]
        if fact.years:
            bits.append(f"{fact.years:g} year{'s' if fact.years != 1 else ''}")
        meaning = ", ".join(bits)
    else:
        meaning = f"holds {fact.name}"
    return Evidence(fact.phrase, fact.start, fact.end, meaning, fact.SOURCE, 1.0)


#: an industry the words do not point to shows a technical competency only at this score or above
OUT_OF_SCOPE_MIN = 0.70
FOUNDATION = "building-blocks"


def in_scope(comp: Competency, industries: set[str]) -> bool:
    """Foundational and management competencies always; technical ones of the industries the
    words point to (from stated jobs and credentials)."""
    return comp.tier not in (4, 5) or comp.model == FOUNDATION or comp.model in industries


def build_profile(result: MatchResult, corrections: Corrections | None = None, facts: "Facts | None" = None) -> Profile:
    """Matches, then what stated credentials and past jobs show (as facts, not guesses), then
    the advisor's corrections, which always win. Another industry's technical competency is
    shown only on strong evidence; weaker ones are kept aside for a goal in that industry."""
    corrections = corrections or Corrections()
    status, score, evidence, source, aside = {}, {}, {}, {}, {}
    industries = set(facts.industries) if facts is not None else set()
    for m in result.matches:
        cid = m.competency.id
        if m.status not in (DEMONSTRATED, POSSIBLE):
            continue
        if not in_scope(m.competency, industries) and m.score < OUT_OF_SCOPE_MIN:
            aside[cid] = (m.status, m.score, m.evidence)
            continue
        status[cid], score[cid], evidence[cid], source[cid] = m.status, m.score, m.evidence, "matched"
    if facts is not None:
        for cid, shown_by in facts.evidenced().items():
            if source.get(cid) == "matched" and status.get(cid) == DEMONSTRATED:
                evidence[cid] = [fact_evidence(f) for f in shown_by] + list(evidence[cid])
                continue
            status[cid], score[cid] = DEMONSTRATED, 1.0
            evidence[cid] = [fact_evidence(f) for f in shown_by]
            source[cid] = shown_by[0].SOURCE
    for cid in corrections.confirmed | corrections.added:
        status[cid] = DEMONSTRATED
        source[cid] = "confirmed" if cid in corrections.confirmed else "added"
        evidence.setdefault(cid, [])
    for cid in corrections.rejected:
        status.pop(cid, None)
        aside.pop(cid, None)
        source[cid] = "rejected"
    for cid in status:
        aside.pop(cid, None)
    return Profile(result, corrections, status, score, evidence, source, facts, aside)


def reprofile(profile: Profile, corrections: Corrections) -> Profile:
    """The same match and facts with other corrections applied: no matching."""
    return build_profile(profile.result, corrections, profile.facts)


@dataclass
class Target:
    kind: str  # model | rung
    id: str
    title: str
    model: str
    required: list[str]  # competency ids in order of need
    rung: Rung | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


def resolve_target(spec: str, catalog: Catalog, ladders: Ladders) -> Target:
    """A target from 'retail', 'model:retail', 'retail-cashier' or 'rung:retail-cashier'."""
    spec = (spec or "").strip()
    if not spec:
        raise InputError("no target given", hint="name an industry model (e.g. retail) or an occupation id (e.g. retail-cashier)")
    kind, _, ident = spec.partition(":") if ":" in spec else ("", "", spec)
    if kind in ("", "model") and ident in catalog.models:
        model = catalog.get(ident)
        # the foundation first: CMC's tiers 1-3 are what most jobs need for entry
        comps = sorted(model.competencies, key=lambda c: (c.tier, c.sort_key()))
        return Target("model", model.id, model.name, model.id, [c.id for c in comps])
    if kind in ("", "rung") and ident in ladders.rungs:
        rung = ladders.rungs[ident]
        return Target("rung", rung.id, rung.title, rung.model, list(rung.required), rung)
    raise InputError(
        f"unknown target '{spec}'",
        hint="use a model id such as retail, or an occupation id such as retail-cashier ('advisor ladders' lists them)",
    )


@dataclass
class GapItem:
    competency: Competency
    status: str
    score: float
    evidence: list[Evidence]
    own: bool  # the target itself adds it (a rung's own requirement), not inherited
    source: str = ""  # matched | credential | title | confirmed | added ('' for a gap)


@dataclass
class GapReport:
    target: Target
    items: list[GapItem]
    facts: "Facts | None" = None

    def by_status(self, status: str) -> list[GapItem]:
        return [i for i in self.items if i.status == status]

    @property
    def coverage(self) -> float:
        if not self.items:
            return 0.0
        return sum(CREDIT[i.status] for i in self.items) / len(self.items)


def gap_report(profile: Profile, target: Target, catalog: Catalog) -> GapReport:
    own = set(target.rung.adds) if target.rung else set(target.required)
    items = []
    for order, cid in enumerate(target.required):
        comp = catalog.competency(cid)
        st = profile.status.get(cid, GAP)
        source = profile.source.get(cid, "") if st != GAP else ""
        score, evidence = profile.score.get(cid, 0.0), profile.evidence.get(cid, [])
        if st == GAP and cid in profile.aside and comp.model == target.model:
            st, score, evidence = profile.aside[cid]  # the goal's own industry: the weaker match counts
            source = "matched"
        items.append((order, GapItem(comp, st, score, evidence, cid in own, source)))
    # what the target needs most first: its own requirements, then lower tiers, then file order
    items.sort(key=lambda t: (not t[1].own, t[1].competency.tier if target.kind == "model" else 0, t[0]))
    return GapReport(target, [i for _, i in items], profile.facts)
