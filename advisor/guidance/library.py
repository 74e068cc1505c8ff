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
from .gaps import GapReport, Profile, Target, gap_report, resolve_target
from .ladders import Ladders, load_ladders
from .training import Resource, load_resources, recommend
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
        return resolve_target(spec, self.catalog, self.ladders)

    def gaps(self, profile: Profile, target: Target | str) -> GapReport:
        if isinstance(target, str):
            target = self.target(target)
        return gap_report(profile, target, self.catalog)

    def fits(self, profile: Profile, limit: int | None = 8) -> list[Fit]:
        """Ladder occupations ranked by how much of each the profile covers (all when ``limit`` is None)."""
        return jobs_that_fit(profile, self.ladders, self.catalog, limit=limit or len(self.ladders.rungs))

    def training_for(self, comp_id: str, limit: int = 3, industry: str | None = None,
                     facts: "Facts | None" = None) -> list[Resource]:
        """Training for one competency, best first; never what the person already holds."""
        resources = self.resources if facts is None else [r for r in self.resources if not facts.holds(r.id)]
        return recommend(comp_id, resources, limit, industry)

    def area(self, text: str | None) -> Area:
        return self.wages.resolve(text)

    def wage(self, soc: str, area: Area) -> Wage | None:
        return self.wages.wage(soc, area)
