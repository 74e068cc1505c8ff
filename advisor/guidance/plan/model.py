"""The gap plan's data: what a plan holds, built from a profile that is already matched.

:func:`build_plan` never matches text: it takes the :class:`Profile` the caller already has (the
TUI's last match, the CLI's one match), the resolved target and area, and the shipped data.
Wording lives in :mod:`.content`; each format renders those sections.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...models import Competency
from ..fits import Fit, jobs_that_fit
from ..gaps import DEMONSTRATED, GAP, POSSIBLE, GapReport, Profile, Target, gap_report
from ..ladders import Rung
from ..training import Resource
from ..wages import RELEASE, Area, Wage

if TYPE_CHECKING:  # pragma: no cover
    from ..library import Library

#: a plan lists every demonstrated strength but only the strongest few "ask about" ones
MAX_POSSIBLE_STRENGTHS = 5
SOURCES_LINE = (
    "Competencies: U.S. DOL Competency Model Clearinghouse models (names and tiers), definitions and "
    f"behaviors written by the Competency Advisor team. Wages: {RELEASE}. Training: Competency Advisor "
    "catalogue and any local ETPL programs imported. See SOURCES.md in the advisor package."
)


@dataclass
class Strength:
    competency: Competency
    status: str
    score: float
    phrase: str
    matched: str
    source: str


@dataclass
class GapLine:
    competency: Competency
    status: str  # gap | possible
    training: list[Resource]


@dataclass
class Step:
    rung: Rung
    kind: str  # target | up | lateral
    wage: Wage | None
    takes: str
    adds: list[Competency]


@dataclass
class FitLine:
    rung: Rung
    coverage: float
    wage: Wage | None
    gaps: list[Competency]
    needs: list[str] = field(default_factory=list)  # to hold first; empty: apply now


@dataclass
class Plan:
    date: dt.date
    name: str
    area: Area
    target: Target
    coverage: float
    strengths: list[Strength]
    gaps: list[GapLine]
    steps: list[Step]
    fits: list[FitLine]
    checklist: list[str]
    notes: str
    counts: dict[str, int] = field(default_factory=dict)
    sources: str = SOURCES_LINE
    facts: object = None  # advisor.guidance.facts.Facts: credentials and past jobs stated


def build_plan(profile: Profile, target: Target, area: Area, library: "Library", *, fits: list[Fit] | None = None,
               name: str = "", notes: str = "", today: dt.date | None = None) -> Plan:
    """The plan for ``profile`` toward ``target``, wages for ``area``. ``fits`` (every ladder
    occupation ranked, as :meth:`Library.fits` gives them) is reused when the caller has it."""
    lib = library
    catalog = library.catalog
    report: GapReport = gap_report(profile, target, catalog)
    where = area

    # strengths that matter for this goal: the target model's competencies and the management tier
    relevant = {c.id for c in catalog.get(report.target.model).competencies}
    relevant |= {c.id for c in catalog.get("building-blocks").competencies} if "building-blocks" in catalog.models else set()
    strengths = []
    possible_shown = 0
    for comp, status, score, evidence, source in profile.strengths(catalog):
        if comp.id not in relevant:
            continue
        if status == POSSIBLE:
            possible_shown += 1
            if possible_shown > MAX_POSSIBLE_STRENGTHS:
                continue
        ev = evidence[0] if evidence else None
        strengths.append(Strength(comp, status, score, ev.phrase if ev else "", ev.matched_text if ev else "", source))

    industry = report.target.model
    gap_lines = [GapLine(i.competency, GAP, lib.training_for(i.competency.id, 3, industry, profile.facts)) for i in report.by_status(GAP)]
    gap_lines += [GapLine(i.competency, POSSIBLE, lib.training_for(i.competency.id, 1, industry, profile.facts)) for i in report.by_status(POSSIBLE)]

    def missing(rung: Rung) -> list[Competency]:
        return [catalog.competency(c) for c in rung.adds if profile.status.get(c) != DEMONSTRATED]

    all_fits = fits if fits is not None else jobs_that_fit(profile, library.ladders, catalog, limit=len(library.ladders.rungs))
    steps: list[Step] = []
    t = report.target
    if t.rung is not None:
        steps.append(Step(t.rung, "target", lib.wage(t.rung.soc, where), "", missing(t.rung)))
        for move, rung in lib.ladders.moves_from(t.rung.id):
            steps.append(Step(rung, move.kind, lib.wage(rung.soc, where), move.takes, missing(rung)))
    else:
        # an industry target: the model's entry rungs the profile comes closest to, with their next move up
        ranked = [f for f in all_fits if f.rung.model == t.id][:3]
        for fit in ranked:
            steps.append(Step(fit.rung, "target", lib.wage(fit.rung.soc, where), "", missing(fit.rung)))
        for fit in ranked[:2]:
            for move, rung in lib.ladders.moves_from(fit.rung.id):
                if move.kind == "up" and all(s.rung.id != rung.id for s in steps):
                    steps.append(Step(rung, "up", lib.wage(rung.soc, where), move.takes, missing(rung)))
                    break

    fits = [FitLine(f.rung, f.coverage, lib.wage(f.rung.soc, where), f.gaps, list(f.needs)) for f in all_fits[:5]]

    checklist = []
    possible = report.by_status(POSSIBLE)
    if possible:
        checklist.append("Ask about: " + ", ".join(i.competency.name for i in possible[:4]) + " (weak evidence so far)")
    for line in gap_lines:
        if line.status == GAP and line.training:
            checklist.append(f"Look into {line.training[0].name} for {line.competency.name}")
        if len(checklist) >= 4:
            break
    if any(r.wioa in ("usually", "sometimes") for g in gap_lines for r in g.training):
        checklist.append("Check WIOA eligibility for an Individual Training Account (ITA) and the state ETPL")
    ready = [f for f in fits if not f.needs]  # only where the entry education and licences are met
    if ready:
        checklist.append("Apply now to: " + ", ".join(f.rung.title for f in ready[:3]))
    checklist.append("Set a follow-up date with the advisor")

    counts = {s: len(report.by_status(s)) for s in (DEMONSTRATED, POSSIBLE, GAP)}
    return Plan(today or dt.date.today(), name.strip(), where, t, report.coverage, strengths, gap_lines, steps, fits, checklist,
                notes.strip(), counts, facts=profile.facts)


