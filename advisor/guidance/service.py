"""One object the CLI and the TUI share: the data, the matcher (loaded late) and the guidance calls.

    adv = Advisor.load()                  # data only: fast, no model
    adv.ensure_matcher(progress)          # loads the embedding model and the index (slow: a worker)
    result = adv.match("cashier 4 years, drove a forklift")
    plan = adv.plan("...", target="retail-cashier", area="OH", name="J.D.")
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

from .. import config
from ..errors import DataError, StoreError
from ..models import Catalog, load_catalog
from .gaps import Corrections, Fit, GapReport, Profile, build_profile, gap_report, jobs_that_fit, resolve_target
from .ladders import Ladders, load_ladders
from .matching import Matcher, MatchResult
from .training import ProgramStore, Resource, load_resources, recommend
from .wages import Area, Wage, WageTable, wage_table


@dataclass
class Advisor:
    catalog: Catalog
    ladders: Ladders
    resources: list[Resource]
    errors: list[DataError] = field(default_factory=list)
    _matcher: Matcher | None = None
    _wages: WageTable | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, catalog: Catalog | None = None) -> "Advisor":
        catalog = catalog or load_catalog()
        ladders = load_ladders(catalog)
        resources, res_errors = load_resources(catalog)
        try:
            if (config.home_dir() / "programs.db").exists():  # never create it just to read it
                resources = ProgramStore().resources() + resources
        except (StoreError, OSError, ValueError) as exc:  # local programs are optional: report, keep going
            res_errors.append(DataError(f"local programs could not be read: {exc}"))
        return cls(catalog, ladders, resources, [*catalog.errors, *ladders.errors, *res_errors])

    # -- slow parts, loaded on demand

    @property
    def ready(self) -> bool:
        return self._matcher is not None

    def ensure_matcher(self, progress=None) -> Matcher:
        with self._lock:
            if self._matcher is None:
                self._matcher = Matcher(self.catalog, progress=progress)
            return self._matcher

    @property
    def wages(self) -> WageTable:
        if self._wages is None:
            self._wages = wage_table()
        return self._wages

    # -- guidance

    def match(self, text: str, models: list[str] | None = None, top: int = 10) -> MatchResult:
        return self.ensure_matcher().match(text, model_ids=models, top=top)

    def profile(self, text: str, corrections: Corrections | None = None) -> Profile:
        result = self.ensure_matcher().match(text, top=10_000)
        return build_profile(result, corrections)

    def gaps(self, profile: Profile, target: str) -> GapReport:
        return gap_report(profile, resolve_target(target, self.catalog, self.ladders), self.catalog)

    def fits(self, profile: Profile, limit: int = 8) -> list[Fit]:
        return jobs_that_fit(profile, self.ladders, self.catalog, limit=limit)

    def training_for(self, comp_id: str, limit: int = 3, industry: str | None = None) -> list[Resource]:
        return recommend(comp_id, self.resources, limit, industry)

    def area(self, text: str | None) -> Area:
        return self.wages.resolve(text)

    def wage(self, soc: str, area: Area) -> Wage | None:
        return self.wages.wage(soc, area)

    def plan(self, text: str, target: str, area: str | None = "US", name: str = "", corrections: Corrections | None = None,
             notes: str = "", today: dt.date | None = None):
        from .plan import build_plan

        return build_plan(self, text, target, area, name, corrections, notes, today)
