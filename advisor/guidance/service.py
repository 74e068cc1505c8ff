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
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..db.programs import ProgramStore, default_path as programs_path
from ..errors import AdvisorError, DataError, InputError, StoreError
from ..models import Catalog
from .fits import Fit
from .occupation_fits import OccupationFit
from .alike import folds_for
from .gaps import FOUNDATION, Corrections, Profile, Target, build_profile, reprofile
from .library import Library
from .matching import Matcher, MatchResult
from .training import ImportReport, link_programs, local_resource, read_etpl
from .wages import Area

#: the industry model of an O*NET occupation no ladder rung shares a SOC code with: the longest
#: start of its SOC code found here (a major group "53", a minor group "43-5", one code "11-3031");
#: none: the foundation (building blocks) alone
SOC_MODELS = {
    "11-3031": "financial-services", "11-3051": "advanced-manufacturing",
    "11-3071": "transportation-distribution-logistics", "11-9021": "construction-commercial-industrial",
    "11-9051": "hospitality-tourism-events", "11-9081": "hospitality-tourism-events",
    "11-9111": "fundamentals-of-health-care", "13": "financial-services", "15": "information-technology",
    "17": "advanced-manufacturing", "29": "fundamentals-of-health-care", "31": "fundamentals-of-health-care",
    "31-11": "long-term-care-supports-services", "35": "hospitality-tourism-events",
    "37-2012": "hospitality-tourism-events", "39-3": "hospitality-tourism-events", "39-7": "hospitality-tourism-events",
    "41": "retail", "41-3021": "financial-services", "41-3031": "financial-services", "43-3": "financial-services",
    "43-5": "transportation-distribution-logistics", "47": "construction-commercial-industrial",
    "47-2231": "energy-generation-transmission-distribution", "49": "advanced-manufacturing",
    "49-3": "transportation-distribution-logistics", "49-9051": "energy-generation-transmission-distribution",
    "49-9081": "energy-generation-transmission-distribution", "51": "advanced-manufacturing",
    "51-801": "energy-generation-transmission-distribution", "53": "transportation-distribution-logistics",
}
#: how much of an O*NET occupation a plan lists: tasks, technology examples, related occupations
ONET_TASKS, ONET_TECHNOLOGY, ONET_RELATED = 8, 8, 6
_CODE = re.compile(r"^\d{2}-\d{4}(?:\.\d{2})?$")


def _identity(path: Path) -> tuple:
    """Which file is at ``path`` now (an import replaces it with a new one); () when none."""
    try:
        st = path.stat()
    except OSError:
        return ()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def soc_model(soc: str, models=()) -> str:
    """The industry model :data:`SOC_MODELS` gives a SOC code (one of ``models`` when given)."""
    found = [k for k in SOC_MODELS if soc.startswith(k) and (not models or SOC_MODELS[k] in models)]
    return SOC_MODELS[max(found, key=len)] if found else FOUNDATION


@dataclass
class Advisor(Library):
    _matcher: Matcher | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    #: the imported O*NET occupations, open while onet.db is unchanged, and the file's identity then
    _occupations: object = None
    _occupations_at: tuple = ()
    _occupations_lock: threading.Lock = field(default_factory=threading.Lock)
    _work: object = None  # advisor.onet.work.Work of the open occupations
    _employment: dict | None = None
    _cips: dict = field(default_factory=dict)  # (onet.db identity, SOC code) -> CIP codes

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

    def _onet_titles(self, text: str, facts) -> None:
        """With O*NET imported (``advisor data import onet``), past jobs no ladder title names
        ("night stocker", "hvac tech 3 yrs") are found among its 57,000 titles; without it, nothing."""
        from ..errors import AdvisorError
        from .facts import add_occupations

        with self._occupations_lock:
            occ = self._open_occupations()
            if occ is None:
                return
            try:
                add_occupations(facts, occ.recognise(text), self.ladders, text)
            except AdvisorError:
                return  # an import that cannot be read: the ladder titles still count

    def _open_occupations(self):
        """The imported O*NET occupations, opened once and kept while onet.db is the same file
        (their title vectors load once, not once per profile); None when nothing is imported."""
        from ..errors import AdvisorError
        from ..onet.occupations import Occupations, default_path

        path = default_path()
        at = _identity(path)
        if at != self._occupations_at:
            if self._occupations is not None:
                self._occupations.close()
            self._occupations, self._occupations_at = None, at
            if at:
                try:
                    self._occupations = Occupations.open(path, engine=self.ensure_matcher().engine)
                except AdvisorError:
                    pass  # not an import (or unreadable): tried again when the file changes
        return self._occupations

    # -- jobs that fit now among every O*NET occupation (when imported)

    def occupation_fits(self, profile: Profile, limit: int = 10) -> "list[OccupationFit] | None":
        """Every imported O*NET occupation the person could apply for now, best first, each with
        a one-line reason (:mod:`advisor.guidance.occupation_fits`); None when O*NET is not imported."""
        from ..errors import AdvisorError
        from ..onet.occupations import EDUCATION
        from .fits import Checker, _lexicon
        from .matching import is_wish
        from .occupation_fits import Candidate, PastJob, Reach, TaskHit, rank_occupations, shown_socs

        with self._occupations_lock:
            occ = self._open_occupations()
            if occ is None:
                return None
            try:
                work = self._work_of(occ)
                rows = occ.occupations()
                shares = work.education_shares()
                facts = profile.facts
                by_soc = {}
                for code in sorted(rows):
                    by_soc.setdefault(code[:7], code)
                past = []
                for t in facts.titles if facts is not None and facts.titles else []:
                    if t.status != "held":
                        continue
                    code = t.onet or self._ladder_job_code(occ, t, by_soc)
                    if code in rows:  # named by its ladder title when it is the rung's own occupation
                        rung = self.ladders.rungs.get(t.rung_id)
                        title = t.title if t.onet or (rung is not None and rung.soc == code[:7]) else rows[code]["title"]
                        past.append(PastJob(code, title, t.years, rows[code].get("job_zone")))
                checker = Checker(facts, self.ladders, _lexicon(self.catalog, self.ladders))
                anchors = [p.code for p in past] + [code for code in rows if code[:7] in shown_socs(checker.held)]
                related = {code: [(r["code"], r["tier"], r["rank"]) for r in occ.store.related(code)] for code in anchors}
                # what the person did, not what they hold, lack or want ("no high school diploma")
                said = [(f.start, f.end) for f in [*facts.credentials, *facts.lacks, *facts.goals]] if facts is not None else []
                phrases = [p.text for p in profile.result.phrases
                           if not is_wish(p.text) and not any(a < p.end and p.start < b for a, b in said)]
                # a field of study says what work the schooling was for ("bachelor's in accounting")
                phrases += [c.field for c in (facts.credentials if facts is not None else []) if c.level and c.field]
                hits = [TaskHit(code, text, score, i, kind) for i, code, text, score, kind in work.near(phrases)]
            except AdvisorError:
                return None  # an import that cannot be read: the ladder fits still stand
        candidates = {code: Candidate(code, r["soc"], r["title"], r.get("job_zone"), shares.get(code, {})) for code, r in rows.items()}
        rungs = {}
        for rung in self.ladders.rungs.values():
            rungs.setdefault(rung.soc, rung)

        def rung_needs(soc: str):
            rung = rungs.get(soc)
            return checker.needs(rung) if rung is not None else None

        return rank_occupations(candidates, Reach(checker, past), related=related, task_hits=hits,
                                rung_needs=rung_needs, education_words=EDUCATION, employment=self.employment(), limit=limit)

    def employment(self) -> dict[str, int]:
        """SOC code -> national employment (OEWS), read once."""
        if self._employment is None:
            us = self.area("US")
            found = {}
            for soc in self.wages.socs():
                w = self.wage(soc, us)
                if w is not None and w.employment and not w.fallback:
                    found[soc] = int(w.employment)
            self._employment = found
        return self._employment

    def _ladder_job_code(self, occ, title, by_soc: dict[str, str]) -> str:
        """The O*NET occupation of a past job a ladder title named: the rung's own SOC code, unless
        O*NET names the words exactly as other occupations only (the ladders file a "welder" under
        the machinist rung; O*NET knows welders)."""
        rung = self.ladders.rungs.get(title.rung_id)
        own = by_soc.get(rung.soc, "") if rung is not None else ""
        exact = [h for h in occ.search(title.phrase, limit=3, meaning=False) if h.how in ("exact", "alias")]
        if exact and own and not any(h.soc == rung.soc for h in exact):
            return exact[0].code
        return own

    def _work_of(self, occ):
        """The education shares and task vectors of the open occupations, loaded once per import."""
        from ..onet.work import Work

        if self._work is None or self._work.occ is not occ:
            self._work = Work(occ)
        return self._work

    # -- goals: the ladders and models, then (when imported) every O*NET occupation

    def route_training(self, target: Target, facts=None):
        """The goal's route programs; when the goal has no CIP codes of its own (an O*NET goal, a
        rung without them) and the CIP-SOC crosswalk is imported, also the local programs whose
        CIP code leads to the goal's SOC code, first."""
        found = super().route_training(target, facts)
        entry = target.rung.entry if target.rung is not None else None
        soc = target.rung.soc if target.rung is not None else (target.details or {}).get("soc", "")
        if (entry is not None and entry.cip) or not soc or not any(r.local and r.cip for r in self.resources):
            return found
        cips = self._crosswalk_cips(soc)
        local = [r for r in self.resources if r.local and r.cip in cips and r not in found
                 and (facts is None or not facts.holds(r.id))]
        return local + found

    def _crosswalk_cips(self, soc: str) -> frozenset[str]:
        """The CIP codes the imported crosswalk ties to ``soc``, read once per code while onet.db
        is the same file (a plan asks for each of its gaps)."""
        from ..errors import AdvisorError
        from ..onet.crosswalk import cip_for_soc
        from ..onet.occupations import default_path

        key = (_identity(default_path()), soc)
        if key not in self._cips:
            try:
                self._cips[key] = frozenset(cip_for_soc(soc)) if key[0] else frozenset()
            except AdvisorError:
                return frozenset()
        return self._cips[key]

    def target(self, spec: str) -> Target:
        """As :meth:`Library.target`; ``onet:CODE`` is an O*NET occupation (without an import: one
        line on how to import it), and a SOC code or a title nothing else names is looked up there
        when O*NET is imported."""
        spec = (spec or "").strip()
        kind, _, ident = spec.partition(":")
        if kind.strip().lower() == "onet":
            return self.onet_target(ident)
        try:
            return super().target(spec)
        except InputError as err:
            if not spec or not err.message.startswith("unknown target"):
                raise  # empty, or a name of several ladder occupations: choose among them
            try:
                return self.onet_target(spec)
            except AdvisorError:
                raise err from None  # not imported, or not an O*NET occupation either: as before

    @property
    def onet_imported(self) -> bool:
        """Whether O*NET's occupations are imported (every occupation can fit and be a goal)."""
        with self._occupations_lock:
            return self._open_occupations() is not None

    def search_occupations(self, query: str, limit: int = 5) -> list[tuple[str, str, str]]:
        """Imported O*NET occupations whose titles match ``query`` (exact and fuzzy, no model):
        (O*NET-SOC code, title, SOC code); [] when none are imported or the query is too short."""
        from ..errors import AdvisorError

        if len((query or "").strip()) < 3:
            return []
        with self._occupations_lock:
            occ = self._open_occupations()
            if occ is None:
                return []
            try:
                return [(h.code, h.title, h.soc) for h in occ.search(query, limit=limit, meaning=False)]
            except AdvisorError:
                return []

    def target_title(self, spec: str) -> str | None:
        """The title of a goal as saved (a model, a rung, ``onet:CODE``) without building it; None
        when it is no longer known."""
        kind, _, ident = (spec or "").partition(":")
        if kind == "onet":
            with self._occupations_lock:
                occ = self._open_occupations()
                found = occ.occupations().get(ident.strip()) if occ is not None else None
            return found["title"] if found else None
        try:
            return super().target(spec).title
        except AdvisorError:
            return None

    def onet_target(self, spec: str) -> Target:
        """An imported O*NET occupation as a goal, by O*NET-SOC code, SOC code or exact title. Its
        model and requirements are those of a ladder rung with its SOC code when there is one,
        else the foundation and the technical tier of the industry :data:`SOC_MODELS` gives it."""
        from ..onet.occupations import Occupations

        text = (spec or "").strip()
        with Occupations.open() as occ:
            if _CODE.match(text):
                code = occ.resolve(text)["code"]
            else:
                hits = [h for h in occ.search(text, limit=3, meaning=False) if h.how in ("exact", "alias")] if text else []
                if not hits:
                    raise InputError(f"no O*NET occupation is called '{text}'",
                                     hint="give its SOC code (onet:53-7065), or find it with: advisor occupations search TEXT")
                code = hits[0].code
            detail = occ.detail(code, tasks=ONET_TASKS)
            related = []
            for r in detail["related"]:
                if r.get("title") and len(related) < ONET_RELATED:
                    other = occ.detail(r["code"], tasks=1)
                    related.append({"code": other["code"], "soc": other["soc"], "title": other["title"],
                                    "job_zone": other["job_zone"], "tier": r.get("tier") or "",
                                    "education": (other["education"] or {}).get("label", "")})
            release = occ.store.meta().get("release", "")
            detail["education_shares"] = self._work_of(occ).education_shares().get(detail["code"], {})
        return self._onet_goal(detail, related, release)

    def _onet_goal(self, d: dict, related: list[dict], release: str) -> Target:
        from ..onet.occupations import EDUCATION

        rung = next((r for r in self.ladders.rungs.values() if r.soc == d["soc"]), None)
        if rung is not None:
            model, required = rung.model, list(rung.required)
        else:
            model = soc_model(d["soc"], self.catalog.models)
            comps = sorted((c for c in self.catalog.get(model).competencies if c.tier <= 4), key=lambda c: (c.tier, c.sort_key()))
            required = [c.id for c in comps]  # the foundation (tiers 1-3) and the industry's technical tier

        def label(key: str) -> str:
            return (d.get(key) or {}).get("label", "")

        details = {
            "code": d["code"], "soc": d["soc"], "description": d.get("description") or "", "release": release,
            "job_zone": d["job_zone"], "job_zone_name": d.get("job_zone_name") or "",
            "education": label("education"), "education_percent": (d.get("education") or {}).get("percent"),
            "experience": label("experience"), "training": label("training"),
            "tasks": list(d["tasks"][:ONET_TASKS]),
            "technology": list(dict.fromkeys(t["example"] for t in d["technology"]))[:ONET_TECHNOLOGY],
            "related": related, "rung": rung.id if rung is not None else "",
            "education_shares": dict(d.get("education_shares") or {}), "education_words": dict(EDUCATION),
        }
        return Target("onet", d["code"], d["title"], model, required, None, details)

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
        return build_plan(profile, target, area, self, fits=fits, name=name, notes=notes, today=today,
                          contact=contact, follow_up_days=settings.follow_up_days, occupation_fits=occupation_fits)
