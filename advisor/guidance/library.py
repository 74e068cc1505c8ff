"""The shipped data and the guidance computed from it: no language model, no database.

A :class:`Library` answers everything that needs no matching: targets, gaps, jobs that fit,
training suggestions, areas and wages. :class:`advisor.guidance.service.Advisor` adds the matcher.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import DataError
from ..models import Catalog, load_catalog
from .fits import Fit, jobs_that_fit
from .gaps import GapReport, Profile, Target, gap_report
from .ladders import Ladders, load_ladders
from .licences import leads_to, rank_for
from .training import WHOLE_PROGRAMS, Resource, load_resources, recommend, route_training
from .wages import Area, Wage, WageTable, wage_table

if TYPE_CHECKING:  # pragma: no cover
    from .facts import Facts
    from .lexicon import Lexicon


@dataclass
class Library:
    catalog: Catalog
    ladders: Ladders
    resources: list[Resource]
    errors: list[DataError] = field(default_factory=list)
    _wages: WageTable | None = None
    _wages_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load_data(cls, catalog: Catalog | None = None, programs: list[Resource] | None = None,
                  errors: list[DataError] | None = None) -> dict:
        """The fields of a library: the catalogue, ladders and training (local ``programs`` first)."""
        catalog = catalog or load_catalog()
        ladders = load_ladders(catalog)
        resources, res_errors = load_resources(catalog)
        return {
            "catalog": catalog,
            "ladders": ladders,
            "resources": list(programs or []) + resources,
            "errors": [*catalog.errors, *ladders.errors, *res_errors, *(errors or [])],
        }

    @property
    def wages(self) -> WageTable:
        with self._wages_lock:
            if self._wages is None:
                self._wages = wage_table()
            return self._wages

    @property
    def lexicon(self) -> "Lexicon":
        """The credential and job-title lexicon (compiled once, on first use)."""
        from .lexicon import load_lexicon

        return load_lexicon(self.catalog, self.ladders)

    def facts(self, text: str) -> "Facts":
        """Credentials, education and past jobs stated in ``text`` (no language model)."""
        from .facts import read_facts

        return read_facts(text, self.lexicon)

    def target(self, spec: str) -> Target:
        """An id, a title or a job title that names one target (else a clear error with the closest)."""
        from .targets import find_target_with

        return find_target_with(spec, self)

    def gaps(self, profile: Profile, target: Target | str) -> GapReport:
        if isinstance(target, str):
            target = self.target(target)
        return gap_report(profile, target, self.catalog)

    def fits(self, profile: Profile, limit: int | None = 8) -> list[Fit]:
        """Ladder occupations ranked by how much of each the profile covers (all when ``limit`` is None)."""
        return jobs_that_fit(profile, self.ladders, self.catalog, limit=limit or len(self.ladders.rungs))

    def training_for(self, comp_id: str, limit: int = 3, target: Target | None = None,
                     facts: "Facts | None" = None) -> list[Resource]:
        """Training for one gap, best first. Toward a ``target``: only what is meant for that
        competency in the goal's industry (local programs by the goal's CIP codes), ESL only when
        the words show a language need; never what the person already holds."""
        resources = self.resources if facts is None else [r for r in self.resources if not facts.holds(r.id)]
        if target is None:
            return recommend(comp_id, resources, limit)
        entry = target.rung.entry if target.rung is not None else None
        goal = {c.id for c in self.catalog.get(target.model).competencies} | set(target.required)
        found = recommend(comp_id, resources, limit, target.model, cip=entry.cip if entry else (), goal_comps=goal,
                          language_need=bool(facts is not None and facts.language_need), broad=target.rung is None)
        soc = _goal_soc(target)
        # the way into another occupation is not training for this one (no CPhT toward medical assistant)
        found = [r for r in found if self._ready_for(r, target, facts) and (not soc or leads_to(r.id, soc) is not False)]
        route = self.route_training(target, facts)
        if any(r in route for r in found):
            return [r for r in found if r in route]  # the way into the job covers this gap too
        if not found and self.catalog.competency(comp_id).tier in (4, 5):
            # a technical gap nothing aims at: the job's own training covers it when it is a whole
            # program (a local program of the job's CIP code, an apprenticeship, a certificate or
            # degree program of its industry); an exam or a short course only covers what it
            # builds (no ServSafe manager exam for reservations and sales)
            return [r for r in route if r.local or (target.model in r.industries and (
                comp_id in r.builds or r.kind in WHOLE_PROGRAMS))][:1]
        return found

    def _ready_for(self, r: Resource, target: Target, facts: "Facts | None") -> bool:
        """Whether a training's prerequisite is held, or comes with the goal (a hazmat endorsement
        for someone with a CDL, or whose goal needs one)."""
        if not r.requires:
            return True
        from .occupation_fits import licensed

        held = {c.id for c in facts.credentials} if facts is not None else set()
        entry = target.rung.entry if target.rung is not None else None
        soc = target.rung.soc if target.rung is not None else (target.details or {}).get("soc", "")
        goal = {a for alts in (entry.requires if entry is not None else ()) for a in alts}
        goal |= {a for alts in licensed().get(soc, ()) for a in alts}
        return bool(set(r.requires) & (held | goal))

    def route_training(self, target: Target, facts: "Facts | None" = None) -> list[Resource]:
        """The programs of the goal's entry route (local ones by CIP code first), minus what is
        held; a goal without a route of its own (an O*NET occupation) gets the training for the
        licence or certificate it asks for ("CDL Class A training" toward truck driving)."""
        entry = target.rung.entry if target.rung is not None else None
        if entry is None:
            soc = _goal_soc(target)
            found = sorted((r for r in self.resources if soc and leads_to(r.id, soc)), key=lambda r: rank_for(r.id, soc))
        else:
            found = route_training(self.resources, entry.training, entry.cip)
        return [r for r in found if facts is None or not facts.holds(r.id)]

    def area(self, text: str | None) -> Area:
        return self.wages.resolve(text)

    def wage(self, soc: str, area: Area) -> Wage | None:
        return self.wages.wage(soc, area)


def _goal_soc(target: Target) -> str:
    """The goal's SOC code: its rung's, or an O*NET goal's; '' for an industry."""
    return target.rung.soc if target.rung is not None else (target.details or {}).get("soc", "")
