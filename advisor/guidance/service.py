"""One object the CLI and the TUI share: the data (:class:`Library`), the matcher (loaded late),
and the guidance calls. Text is matched in exactly one place, :meth:`Advisor.profile`; everything
after it (gaps, fits, plans) works from the profile it returns.

    adv = Advisor.load()                  # data only: fast, no model
    adv.ensure_matcher(progress)          # loads the embedding model and the index (slow: a worker)
    profile = adv.profile("cashier 4 years, drove a forklift")
    plan = adv.plan(profile, "retail-cashier", area="OH", name="J.D.")

With O*NET imported (``advisor data import onet``), a goal may also be any O*NET occupation
(:meth:`Advisor.onet_target`): ``onet:53-7065.00``, a SOC code, or a title no ladder rung has.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..db.programs import ProgramStore, default_path as programs_path
from ..errors import DataError, StoreError
from ..models import Catalog
from .alike import folds_for
from .every_occupation import EveryOccupation
from .soc_models import SOC_MODELS, soc_model  # noqa: F401  (soc_model, SOC_MODELS: here too)
from .onet_goals import OnetGoals
from .fits import Fit
from .gaps import Corrections, Profile, Target, build_profile, reprofile
from .library import Library
from .occupation_fits import OccupationFit
from .matching import Matcher, MatchResult
from .training import ImportReport, link_programs, local_resource, read_etpl
from .wages import Area

@dataclass
class Advisor(EveryOccupation, OnetGoals, Library):
    _matcher: Matcher | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    #: the imported O*NET occupations, open while onet.db is unchanged, and the file's identity then
    _occupations: object = None
    _occupations_at: tuple = ()
    _occupations_lock: threading.Lock = field(default_factory=threading.Lock)
    _work: object = None  # advisor.onet.work.Work of the open occupations
    _employment: dict | None = None
    _cips: dict = field(default_factory=dict)  # (onet.db identity, SOC code) -> CIP codes
    _goal_titles: dict = field(default_factory=dict)  # (O*NET code, onet.db identity) -> title

    @classmethod
    def load(cls, catalog: Catalog | None = None) -> "Advisor":
        programs, errors = [], []
        try:
            if programs_path().exists():  # never create it just to read it
                with ProgramStore() as store:
                    programs = [local_resource(row) for row in store.programs()]
        except (StoreError, OSError, ValueError) as exc:  # local programs are optional: report, keep going
            errors.append(DataError(f"local programs could not be read: {exc}"))
        return cls(**cls.load_data(catalog, programs, errors))

    def import_programs(self, path: Path, mapping: dict[str, str] | None = None) -> ImportReport:
        """Read a state's ETPL export, link each program to competencies and make them the local
        programs, here and in ``programs.db`` (replacing those imported before). Rows that fail
        validation are reported, not kept."""
        good, bad = read_etpl(Path(path), mapping)
        report = ImportReport(rejected=bad)
        if good:
            report.linked = link_programs(good, self.ensure_matcher())
            with ProgramStore() as store:
                store.replace_all(good, str(path))
                local = [local_resource(row) for row in store.programs()]
            self.resources = local + [r for r in self.resources if not r.local]
            report.imported = len(good)
        return report

    # -- slow parts, loaded on demand

    @property
    def ready(self) -> bool:
        return self._matcher is not None

    def ensure_matcher(self, progress=None) -> Matcher:
        with self._lock:
            if self._matcher is None:
                self._matcher = Matcher(self.catalog, progress=progress)
            return self._matcher

    # -- the one place text is matched

    def match(self, text: str, models: list[str] | None = None, top: int = 10) -> MatchResult:
        return self.ensure_matcher().match(text, model_ids=models, top=top)

    def profile(self, text: str, corrections: Corrections | None = None, widened: bool = False) -> Profile:
        """The words matched once against every model; ``widened`` shows every industry's
        technical matches, not only those of the industries the words point to."""
        result = self.ensure_matcher().match(text, top=10_000)
        facts = self.facts(text)
        self._onet_titles(text, facts)
        return build_profile(result, corrections, facts, folds_for(self.catalog), widened)

    reprofile = staticmethod(reprofile)  # the same match with other corrections: no matching

    # -- the plan, from a profile already matched

    def plan(self, profile: Profile, target: Target | str, area: Area | str | None = "US", *, name: str = "",
             notes: str = "", fits: list[Fit] | None = None, today: dt.date | None = None, settings=None,
             occupation_fits: list[OccupationFit] | None = None):
        """The gap plan; the advisor's name, center, contact and follow-up come from ``settings``
        (the saved settings when not given). ``fits`` and ``occupation_fits`` are reused when the
        caller has them (else ranked here; the O*NET ones only when O*NET is imported)."""
        from .plan import build_plan
        from .plan.model import FITS_LISTED, Contact

        if isinstance(target, str):
            target = self.target(target)
        if not isinstance(area, Area):
            area = self.area(area)
        if settings is None:
            from ..config import load_settings

            settings = load_settings()
        contact = Contact(settings.advisor_name.strip(), settings.center_name.strip(), settings.center_contact.strip())
        if occupation_fits is None:
            occupation_fits = self.occupation_fits(profile, limit=FITS_LISTED) or []
        shown = self.tasks_shown(profile, target) if target.kind == "onet" else []
        return build_plan(profile, target, area, self, fits=fits, name=name, notes=notes, today=today,
                          contact=contact, follow_up_days=settings.follow_up_days, occupation_fits=occupation_fits,
                          tasks_shown=shown)
