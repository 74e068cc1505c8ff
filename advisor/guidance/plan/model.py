"""The gap plan's data: what a plan holds, built from a profile that is already matched.

:func:`build_plan` never matches text: it takes the :class:`Profile` the caller already has (the
TUI's last match, the CLI's one match), the resolved target and area, and the shipped data.
Wording lives in :mod:`.content`; each format renders those sections.

Three states, as the counselor means them: *shown* (evidence, or a credential or past job that
implies it), *to ask about* (weak evidence, or a foundational competency nobody has talked about
yet: a question, never a gap) and *to build* (a technical or management competency, or an entry
requirement, the goal needs and nothing shows). Quotes of the jobseeker's words appear only for
competencies the advisor confirmed, and never when they touch a sensitive topic.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...models import Catalog, Competency
from ..fits import APPLY_AT, Checker, Fit, jobs_that_fit
from ..gaps import ASK_LIMIT, ASK_TIERS, DEMONSTRATED, GAP, POSSIBLE, GapItem, GapReport, Profile, Target, gap_report
from ..ladders import Rung
from ..sensitive import is_sensitive
from ..training import Resource, is_esl
from ..wages import RELEASE, Area, Wage
from .lines import Route, Step

if TYPE_CHECKING:  # pragma: no cover
    from ..occupation_fits import OccupationFit
    from ..library import Library

#: training lines per gap on the plan (details of each are in the appendix)
TRAINING_PER_GAP = 2
OTHER_STRENGTHS = 6
SOURCES_LINE = (
    "Competencies: U.S. DOL Competency Model Clearinghouse models (names and tiers), definitions and "
    f"behaviors written by the Competency Advisor team. Wages: {RELEASE}. Training: Competency Advisor "
    "catalogue and any local ETPL programs imported. See SOURCES.md in the advisor package."
)


@dataclass
class Strength:
    competency: Competency
    area: str  # the tier in words ("Personal effectiveness")
    source: str  # matched | credential | title | confirmed | added
    how: str  # how it is known, safe to print: never an unconfirmed or sensitive quote
    also: list[Competency] = field(default_factory=list)  # near-duplicates folded into this row
    status: str = DEMONSTRATED


@dataclass
class Question:
    competency: Competency
    area: str
    why: str  # "weak evidence so far" | "not talked about yet" | "likely from work as Cashier"
    question: str  # to the jobseeker, in plain words


@dataclass
class GapLine:
    competency: Competency
    area: str
    training: list[Resource]
    status: str = GAP
    why: str = ""  # "" (the goal needs it and nothing shows it) | "language" (the words say so)

    @property
    def on_the_job(self) -> bool:
        """Nothing fits it: learned on the job (ask the employer)."""
        return not self.training


@dataclass
class FitLine:
    rung: Rung
    coverage: float
    wage: Wage | None
    gaps: list[Competency]
    needs: list[str] = field(default_factory=list)  # to hold first

    @property
    def apply_now(self) -> bool:
        """As :attr:`advisor.guidance.fits.Fit.apply_now`."""
        return not self.needs and self.coverage >= APPLY_AT


@dataclass
class OccupationFitLine:
    """A job that fits now among every O*NET occupation (with O*NET imported), with its area wage."""

    fit: "OccupationFit"
    wage: Wage | None


@dataclass
class Contact:
    advisor: str = ""
    center: str = ""
    reach: str = ""  # phone, email or address


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
    route: Route | None = None
    questions: list[Question] = field(default_factory=list)
    more_questions: int = 0  # asked about, beyond the first few printed
    other_strengths: list[Competency] = field(default_factory=list)  # shown, not needed by the goal
    sectors: list[Competency] = field(default_factory=list)  # an industry goal's sectors to choose among
    contact: Contact = field(default_factory=Contact)
    follow_up: dt.date | None = None
    #: with O*NET imported: the jobs that fit now among every occupation (these lead the plan's list)
    occupation_fits: list[OccupationFitLine] = field(default_factory=list)
    #: an O*NET goal's main tasks (``target.details["tasks"]``) the words are close to, in order
    tasks_shown: list[bool] = field(default_factory=list)
    #: an O*NET goal's technology examples the words name ("Microsoft Excel" for "good with Excel")
    technology_named: list[str] = field(default_factory=list)

    def appendix(self) -> list[Resource]:
        """Every training named in the plan, once, in the order first named."""
        seen: dict[int, Resource] = {}
        for r in [*(self.route.training if self.route else []), *(r for g in self.gaps for r in g.training)]:
            seen.setdefault(id(r), r)
        return list(seen.values())


def tier_name(catalog: Catalog, comp: Competency) -> str:
    """The tier in words: "Personal effectiveness", "Industry-wide technical", "Management"."""
    model = catalog.models.get(comp.model)
    tier = model.tier(comp.tier) if model is not None else None
    if tier is None:
        return f"Tier {comp.tier}"
    name = tier.name.removesuffix(" Competencies").strip()
    return name[:1].upper() + name[1:].lower()


def _how(item: GapItem) -> str:
    """How a shown competency is known, in words safe to print on a handout."""
    ev = item.evidence[0] if item.evidence else None
    if item.source == "confirmed":
        quote = ev.phrase if ev is not None and ev.kind not in ("credential", "title") else ""
        if quote and not is_sensitive(quote):
            return f'"{quote}" (confirmed by the advisor)'
        return "Confirmed by the advisor"
    if item.source == "added":
        return "Added by the advisor"
    if ev is None:
        return "Shown in the conversation"
    if ev.kind in ("credential", "title"):
        return ev.matched_text[:1].upper() + ev.matched_text[1:]
    return f"Described work like: {ev.matched_text}"


_WORD = re.compile(r"[a-z]{3,}")
_COMMON = frozenset("and the for with from that this such like into when your their them they work job jobs "
                    "other others each every keeps uses makes takes gives".split())


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _COMMON}


def _base_verb(word: str) -> str | None:
    low = word.lower()
    irregular = {"does": "do", "has": "have", "goes": "go"}
    if low in irregular:
        return irregular[low]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        return low[:-1]
    return None


def question_for(comp: Competency, context: set[str] = frozenset()) -> str:
    """A plain question about the key behavior of ``comp`` closest to the goal's own words
    (``context``): "Do you switch tasks quickly when priorities change?"."""
    if not comp.behaviors:
        return f"Can you give an example of {comp.name.lower()} from work, school or home?"
    behavior = max(comp.behaviors, key=lambda b: len(_words(b) & context))  # the first on a tie
    first, _, rest = behavior.partition(" ")
    verb = _base_verb(first)
    # one verb phrase reads as a question; a list of duties reads better as an example to discuss
    if verb is None or not rest or re.search(r",| and | or ", rest):
        return f"Can you give an example of this? {behavior.rstrip('.')}."
    return f"Do you {verb} {rest.rstrip('.')}?"


def goal_words(target: Target, catalog: Catalog) -> set[str]:
    """The vocabulary of a goal: its summary and its industry's own competencies."""
    text = [target.title, target.rung.summary if target.rung is not None else ""]
    text += (target.details or {}).get("tasks", [])  # an O*NET goal: its tasks
    model = catalog.models.get(target.model)
    for comp in model.competencies if model is not None else []:
        if comp.model == target.model:
            text += [comp.name, comp.definition, *comp.behaviors]
    return _words(" ".join(text))


def _why(item: GapItem) -> str:
    ev = item.evidence[0] if item.evidence else None
    if item.source == "title" and ev is not None:
        return "Likely from work as " + ev.matched_text.removeprefix("worked as ")
    return "Not talked about yet" if item.open else "Some evidence so far"


#: the competency English classes build, and that a stated language need makes a gap
COMMUNICATION = "building-blocks:2.5"


def _language_line(profile: Profile, report: GapReport, lib: "Library", catalog: Catalog) -> GapLine | None:
    """English classes first when the words say English is a barrier ("my english is not so good")."""
    facts = profile.facts
    if facts is None or not facts.language_need or profile.source.get(COMMUNICATION) in ("confirmed", "added"):
        return None
    comp = next((i.competency for i in report.items if COMMUNICATION in (i.competency.id, *(a.id for a in i.also))), None)
    comp = comp or catalog.competency(COMMUNICATION)
    esl = [r for r in lib.training_for(COMMUNICATION, 10, None, facts) if is_esl(r)]
    return GapLine(comp, tier_name(catalog, comp), esl[:TRAINING_PER_GAP], why="language") if esl else None


def _route(target: Target, lib: "Library", profile: Profile) -> Route | None:
    if target.kind == "onet" and target.details:
        from .onet import onet_needs, onet_route

        route = onet_route(target.details)
        route.training = lib.route_training(target, profile.facts)  # local programs by the crosswalk
        route.needs = onet_needs(target, lib, profile)
        return route
    rung = target.rung
    if rung is None or rung.entry is None:
        return None
    from ..fits import _lexicon

    checker = Checker(profile.facts, lib.ladders, _lexicon(lib.catalog, lib.ladders))
    needs = checker.needs(rung)
    return Route(rung.entry.route, rung.entry.on_the_job, needs, lib.route_training(target, profile.facts), rung.entry.cip)


#: how many jobs that fit a plan lists
FITS_LISTED = 5


def build_plan(profile: Profile, target: Target, area: Area, library: "Library", *, fits: list[Fit] | None = None,
               name: str = "", notes: str = "", today: dt.date | None = None, contact: Contact | None = None,
               follow_up_days: int = 0, occupation_fits: "list[OccupationFit] | None" = None,
               tasks_shown: list[bool] | None = None) -> Plan:
    """The plan for ``profile`` toward ``target``, wages for ``area``. ``fits`` (every ladder
    occupation ranked, as :meth:`Library.fits` gives them) is reused when the caller has it;
    ``occupation_fits`` (with O*NET imported, :meth:`Advisor.occupation_fits`) lead the jobs that fit."""
    lib = library
    catalog = library.catalog
    report: GapReport = gap_report(profile, target, catalog)
    where = area
    t = report.target

    strengths = [Strength(i.competency, tier_name(catalog, i.competency), i.source, _how(i), list(i.also))
                 for i in report.by_status(DEMONSTRATED)]
    needed = {c for i in report.items for c in (i.competency.id, *(a.id for a in i.also))}
    other = [comp for comp, st, _s, _e, _src in profile.strengths(catalog)
             if st == DEMONSTRATED and comp.id not in needed and not set(profile.also(comp.id)) & needed]
    asks = report.ask_about(None)
    context = goal_words(t, catalog)
    questions = [Question(i.competency, tier_name(catalog, i.competency), _why(i), question_for(i.competency, context))
                 for i in asks[:ASK_LIMIT]]
    route = _route(t, lib, profile)
    gap_lines = [GapLine(i.competency, tier_name(catalog, i.competency), lib.training_for(i.competency.id, TRAINING_PER_GAP, t, profile.facts))
                 for i in report.by_status(GAP)]
    language = _language_line(profile, report, lib, catalog)
    if language is not None:
        gap_lines.insert(0, language)
        strengths = [s for s in strengths if s.competency.id != language.competency.id]
        asks = [a for a in asks if a.competency.id != language.competency.id]
        questions = [q for q in questions if q.competency.id != language.competency.id]

    def missing(rung: Rung) -> list[Competency]:
        """What a rung adds that is neither shown nor merely a question (foundations are asked)."""
        return [catalog.competency(c) for c in rung.adds
                if profile.status.get(c) != DEMONSTRATED and catalog.competency(c).tier not in ASK_TIERS]

    all_fits = fits if fits is not None else jobs_that_fit(profile, library.ladders, catalog, limit=len(library.ladders.rungs))
    steps: list[Step] = []
    if t.kind == "onet" and t.details:
        from .onet import onet_steps

        steps = onet_steps(t, lib, where)
        steps[0].adds = [g.competency for g in gap_lines if g.why != "language"]
    elif t.rung is not None:
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

    if steps and steps[0].kind == "target" and route is not None and route.needs and t.kind != "model":
        # the goal row says what comes first, as the way in does ("Ready now" only when nothing does)
        steps[0].takes = "First: " + "; ".join(route.needs)
    onet_lines = [OccupationFitLine(f, lib.wage(f.soc, where)) for f in (occupation_fits or [])[:FITS_LISTED]]
    fit_lines, socs = [], {f.fit.soc for f in onet_lines}  # a job the O*NET list names is not listed twice
    # jobs that fit *now*: those with nothing to get first lead, each group by coverage
    for f in sorted(all_fits, key=lambda f: bool(f.needs)):  # one line per occupation: a CNA is on two ladders
        if f.rung.soc not in socs and len(fit_lines) < FITS_LISTED:
            socs.add(f.rung.soc)
            fit_lines.append(FitLine(f.rung, f.coverage, lib.wage(f.rung.soc, where), f.gaps, list(f.needs)))
    contact = contact or Contact()
    follow_up = (today or dt.date.today()) + dt.timedelta(days=follow_up_days) if follow_up_days else None
    ready = [f.fit.title for f in onet_lines] or [f.rung.title for f in sorted(fit_lines, key=lambda f: -f.coverage) if f.apply_now]
    checklist = _checklist(questions, gap_lines, route, ready, contact, follow_up)
    counts = {DEMONSTRATED: len(strengths), POSSIBLE: len(asks), GAP: len(gap_lines)}
    return Plan(today or dt.date.today(), name.strip(), where, t, report.coverage, strengths, gap_lines, steps, fit_lines,
                checklist, notes.strip(), counts, facts=profile.facts, route=route, questions=questions,
                more_questions=max(0, len(asks) - len(questions)), other_strengths=other[:OTHER_STRENGTHS],
                contact=contact, follow_up=follow_up, sectors=list(report.sectors),
                sources=_sources(t), occupation_fits=onet_lines, tasks_shown=list(tasks_shown or []),
                technology_named=_technology_named(t, profile.result.text))


#: words of a technology's name too common to show it was named ("Microsoft Office software")
_TECH_COMMON = {"microsoft", "software", "system", "systems", "office", "google", "management", "data", "online", "apple"}


def _technology_named(target: Target, text: str) -> list[str]:
    """The goal's technology examples the words name, each by all its telling words."""
    out = []
    for example in (target.details or {}).get("technology", []) if target.kind == "onet" else []:
        words = [w for w in re.findall(r"[a-z0-9+#]+", example.lower()) if len(w) > 2 and w not in _TECH_COMMON]
        if words and all(re.search(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", text.lower()) for w in words):
            out.append(example)
    return out


def _sources(target: Target) -> str:
    if target.kind != "onet" or not target.details:
        return SOURCES_LINE
    from .onet import ONET_CREDIT

    return SOURCES_LINE + " " + ONET_CREDIT.format(release=target.details.get("release") or "").replace("  ", " ")


def _and(names: list[str]) -> str:
    """Competency names together; their own commas and "and"s ("Sales, Marketing, and
    Reservations") make a semicolon the clear separator."""
    return names[0] if len(names) == 1 else "these gaps: " + "; ".join(names)


def _checklist(questions: list[Question], gaps: list[GapLine], route: Route | None, ready: list[str],
               contact: Contact, follow_up: dt.date | None) -> list[str]:
    """``ready``: the titles of the jobs that fit with nothing to get first, best first."""
    out = []
    routed = route.training[0].name if route is not None and route.training else None
    if route is not None:
        for need in route.needs[:2]:
            out.append(f"Get {need} before applying")
    # one line per course: the gaps it serves named together ("... for A, B and C")
    serves: dict[str, list[str]] = {}
    for line in gaps:
        if line.training:
            serves.setdefault(line.training[0].name, []).append(line.competency.name)
    if routed:
        also = serves.pop(routed, [])
        out.append(f"Look into {routed}: the usual way into this job" + (f"; it also covers {_and(also)}" if also else ""))
    if questions:
        out.append("Talk through the questions to ask with your advisor")
    for name, competencies in serves.items():
        if len(out) < 5:
            out.append(f"Look into {name} for {_and(competencies)}")
    named = [*(route.training if route else []), *(r for g in gaps for r in g.training)]
    if any(r.wioa in ("usually", "sometimes") for r in named):
        out.append("Ask about WIOA funding (an Individual Training Account) for training on the state ETPL")
    if ready:  # only where the entry education and licences are met
        out.append("Apply now to: " + ", ".join(ready[:3]))
    who = contact.advisor or "your advisor"
    out.append(f"Follow up with {who} on {follow_up.isoformat()}" if follow_up else f"Set a follow-up date with {who}")
    return out
