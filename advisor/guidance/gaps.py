"""Targets and gaps: what a target job or industry needs, what the profile covers, what is missing.

CMC models set no proficiency levels, so none are invented here: a required competency is
``demonstrated`` (clear evidence), ``possible`` (weak evidence: ask about it) or ``gap``. The
advisor's corrections (confirm, reject, add) override the matcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError
from ..catalog import tier_of
from ..models import Catalog, Competency
from .ladders import Ladders, Rung
from .matching import Evidence, MatchResult

if TYPE_CHECKING:  # pragma: no cover
    from .alike import Folds
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
    folds: "Folds | None" = None  # near-duplicate competencies shown as one row
    #: every model's technical matches, not only those of the industries the words point to
    widened: bool = False

    def strengths(self, catalog: Catalog) -> list[tuple[Competency, str, float, list[Evidence], str]]:
        """Shown and ask-about competencies, best first, one row per near-duplicate group."""
        out = []
        for cid, st in self.status.items():
            if st in (DEMONSTRATED, POSSIBLE):
                out.append((catalog.competency(cid), st, self.score.get(cid, 0.0), self.evidence.get(cid, []), self.source[cid]))
        out.sort(key=lambda t: (t[1] != DEMONSTRATED, -t[2], t[0].tier, t[0].model, t[0].sort_key()))
        if self.folds is not None:
            keep = {cid for cid, _ in self.folds.fold(t[0].id for t in out)}
            out = [t for t in out if t[0].id in keep]
        return out

    def also(self, cid: str) -> tuple[str, ...]:
        """The other members of ``cid``'s near-duplicate group."""
        return self.folds.others(cid) if self.folds is not None else ()


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


#: a phrase at least this close to a key behavior (or two phrases) shows a tier 5 competency
SECTOR_PHRASE = 0.50


def _specific_evidence(evidence: list[Evidence]) -> bool:
    return len(evidence) >= 2 or any(e.score >= SECTOR_PHRASE for e in evidence)


def _credits(fact, cid: str) -> bool:
    """Whether a stated fact shows ``cid`` on its own. A credential shows what it certifies. A
    past job shows its technical and management competencies, and, once held for a year or more
    (or held now), the personal effectiveness it takes to keep a job; its academic and workplace
    competencies (math, teamwork, customer focus ...) vary too much from one job to the next to
    count without a word about them."""
    if fact.SOURCE != "title":
        return True
    tier = tier_of(cid)
    if tier == 1:
        return (fact.years or 0) >= 1 or bool(fact.current)
    return tier not in (2, 3)


#: an industry the words do not point to shows a technical competency only at this score or above
OUT_OF_SCOPE_MIN = 0.70
FOUNDATION = "building-blocks"


def in_scope(comp: Competency, industries: set[str]) -> bool:
    """Foundational and management competencies always; technical ones of the industries the
    words point to (from stated jobs and credentials)."""
    return comp.tier not in (4, 5) or comp.model == FOUNDATION or comp.model in industries


def build_profile(result: MatchResult, corrections: Corrections | None = None, facts: "Facts | None" = None,
                  folds: "Folds | None" = None, widened: bool = False) -> Profile:
    """Matches, then what stated credentials and past jobs show (as facts, not guesses), then
    the advisor's corrections, which always win. Another industry's technical competency is
    shown only on strong evidence (or when ``widened`` to every model); weaker ones are kept
    aside for a goal in that industry. Near-duplicates (``folds``) share their best evidence."""
    corrections = corrections or Corrections()
    status, score, evidence, source, aside = {}, {}, {}, {}, {}
    industries = set(facts.industries) if facts is not None else set()
    for m in result.matches:
        cid = m.competency.id
        if m.status not in (DEMONSTRATED, POSSIBLE):
            continue
        st = m.status
        if st == DEMONSTRATED and m.competency.tier == 5 and not _specific_evidence(m.evidence):
            st = POSSIBLE  # a sector's own competency needs one clear phrase, or two
        if not widened and not in_scope(m.competency, industries) and m.score < OUT_OF_SCOPE_MIN:
            aside[cid] = (st, m.score, m.evidence)
            continue
        status[cid], score[cid], evidence[cid], source[cid] = st, m.score, m.evidence, "matched"
    if facts is not None:
        for cid, shown_by in facts.evidenced().items():
            said = [fact_evidence(f) for f in shown_by]
            if source.get(cid) == "matched" and status.get(cid) == DEMONSTRATED:
                evidence[cid] = said + list(evidence[cid])
                continue
            if not any(_credits(f, cid) for f in shown_by):
                # a past job hints at it, the words do not say it: a question to ask, with the job
                # and any weak match as its evidence
                weak = list(evidence.get(cid, [])) if status.get(cid) == POSSIBLE else []
                st = DEMONSTRATED if weak else POSSIBLE  # the job and a weak match together show it
                status[cid], score[cid], evidence[cid], source[cid] = st, max(score.get(cid, 0.0), 0.5), said + weak, "title"
                continue
            status[cid], score[cid] = DEMONSTRATED, 1.0
            evidence[cid] = said
            source[cid] = shown_by[0].SOURCE
    if folds is not None:
        _share(folds, status, score, evidence, source)
        corrections = _widen(folds, corrections)
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
    return Profile(result, corrections, status, score, evidence, source, facts, aside, folds, widened)


def _share(folds: "Folds", status, score, evidence, source) -> None:
    """Each near-duplicate takes its group's best status and evidence."""
    rank = {DEMONSTRATED: 2, POSSIBLE: 1}
    for cid in list(status):
        for mate in folds.others(cid):
            if rank[status[cid]] > rank.get(status.get(mate, ""), 0) or (
                status[cid] == status.get(mate) and score[cid] > score.get(mate, 0.0)
            ):
                status[mate], score[mate], evidence[mate], source[mate] = status[cid], score[cid], evidence[cid], source[cid]


def _widen(folds: "Folds", c: Corrections) -> Corrections:
    """A correction of one near-duplicate is a correction of its group (they are one row)."""
    def grow(ids: set[str]) -> set[str]:
        return ids | {m for cid in ids for m in folds.others(cid)}

    return Corrections(grow(c.confirmed), grow(c.rejected), grow(c.added))


def reprofile(profile: Profile, corrections: Corrections | None = None, widened: bool | None = None) -> Profile:
    """The same match and facts with other corrections applied (or widened to every model, or
    back): no matching."""
    return build_profile(profile.result, corrections if corrections is not None else profile.corrections,
                         profile.facts, profile.folds, profile.widened if widened is None else widened)


@dataclass
class Target:
    kind: str  # model | rung | onet (an imported O*NET occupation: advisor.guidance.service)
    id: str
    title: str
    model: str
    required: list[str]  # competency ids in order of need
    rung: Rung | None = None
    #: an O*NET goal's facts as plain data (Job Zone, education, tasks, technology, related
    #: occupations): see :meth:`advisor.guidance.service.Advisor.onet_target`
    details: dict | None = None

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


#: how many "ask about" questions a report puts first; the rest are one key (or ``more_possible``) away
ASK_LIMIT = 8
#: tiers whose competencies are asked about, not counted as gaps, when nothing was said of them:
#: personal effectiveness, academic and workplace competencies rarely come up unprompted
ASK_TIERS = (1, 2, 3)


@dataclass
class GapItem:
    competency: Competency
    status: str
    score: float
    evidence: list[Evidence]
    own: bool  # the target itself adds it (a rung's own requirement), not inherited
    source: str = ""  # matched | credential | title | confirmed | added | rejected ('' when nothing was said)
    also: tuple[Competency, ...] = ()  # near-duplicates of other models folded into this row

    @property
    def open(self) -> bool:
        """Asked about because nothing was said of it yet (not on weak evidence)."""
        return self.status == POSSIBLE and not self.evidence and not self.source


@dataclass
class GapReport:
    target: Target
    items: list[GapItem]
    facts: "Facts | None" = None
    #: an industry goal's sector competencies (tier 5) nothing was said of: sectors to choose
    #: among with the advisor, not gaps (nobody needs Nuclear Generation and Pipelines both)
    sectors: list[Competency] = field(default_factory=list)

    def by_status(self, status: str) -> list[GapItem]:
        return [i for i in self.items if i.status == status]

    def ask_about(self, limit: int | None = ASK_LIMIT) -> list[GapItem]:
        """The questions worth asking first: weak evidence (strongest first), then what the goal
        itself adds, then lower tiers."""
        asks = sorted(self.by_status(POSSIBLE), key=lambda i: (i.open, -i.score, not i.own, i.competency.tier))
        return asks if limit is None else asks[:limit]

    def more_to_ask(self, limit: int = ASK_LIMIT) -> list[GapItem]:
        return self.ask_about(None)[limit:]

    @property
    def coverage(self) -> float:
        """Shown counts whole, weak evidence half, nothing said (or a gap) nothing."""
        if not self.items:
            return 0.0
        return sum(0.0 if i.open else CREDIT[i.status] for i in self.items) / len(self.items)


def gap_report(profile: Profile, target: Target, catalog: Catalog) -> GapReport:
    """One row per required competency (near-duplicates folded): shown, ask about (weak
    evidence, or a tier 1-3 competency nothing was said of), or a gap (a technical or management
    competency nothing shows, or one the advisor rejected)."""
    own = set(target.rung.adds) if target.rung else set(target.required)
    folded = profile.folds.fold(target.required) if profile.folds is not None else [(c, ()) for c in target.required]
    items, sectors = [], []
    for order, (cid, mates) in enumerate(folded):
        comp = catalog.competency(cid)
        st = profile.status.get(cid, GAP)
        source = profile.source.get(cid, "") if st != GAP else ""
        score, evidence = profile.score.get(cid, 0.0), profile.evidence.get(cid, [])
        if st == GAP and cid in profile.aside and comp.model == target.model:
            st, score, evidence = profile.aside[cid]  # the goal's own industry: the weaker match counts
            source = "matched"
        if st == GAP and profile.source.get(cid) == "rejected":
            source = "rejected"
        elif st == GAP and comp.tier in ASK_TIERS:
            st, score, evidence = POSSIBLE, 0.0, []  # not discussed yet: a question, not a gap
        elif st == GAP and comp.tier == 5 and target.kind == "model":
            sectors.append(comp)
            continue
        also = tuple(catalog.competency(m) for m in mates)
        items.append((order, GapItem(comp, st, score, evidence, cid in own or any(m in own for m in mates), source, also)))
    # what the target needs most first: its own requirements, then lower tiers, then file order
    items.sort(key=lambda t: (not t[1].own, t[1].competency.tier if target.kind == "model" else 0, t[0]))
    return GapReport(target, [i for _, i in items], profile.facts, sectors)
