"""Any imported O*NET occupation as a goal, for :class:`~.service.Advisor`: found by code or
title (and by the app's goal search), its requirements and way in, its main tasks the words are
close to, and the steps sideways and up its family."""

from __future__ import annotations

import re

from ..errors import AdvisorError, InputError
from .soc_models import soc_model
from .gaps import Profile, Target

#: how much of an O*NET occupation a plan lists: tasks, technology examples, related occupations
ONET_TASKS, ONET_TECHNOLOGY, ONET_RELATED = 8, 8, 6
ONET_UP = 2  # steps up the ladder of an O*NET goal's family
GOAL_TASK_MIN = 0.52  # how close (cosine) a phrase of what the person did must be to a goal's task
_CODE = re.compile(r"^\d{2}-\d{4}(?:\.\d{2})?$")


def _shares(occ) -> dict:
    """The education shares of an open import, read without touching the shared cache."""
    from ..onet.work import Work

    return Work(occ).education_shares()


class OnetGoals:
    """The O*NET goals part of :class:`~.service.Advisor` (its fields hold the open import)."""

    def tasks_shown(self, profile: Profile, target: Target) -> list[bool]:
        """Which of an O*NET goal's main tasks the words are close to: a phrase of what the person
        did within GOAL_TASK_MIN (cosine) of the task; all when they held the occupation itself."""
        import numpy as np

        tasks = list((target.details or {}).get("tasks") or [])
        facts = profile.facts
        if not tasks:
            return []

        def soc_of(t) -> str:
            rung = self.ladders.rungs.get(t.rung_id)
            return t.onet[:7] if t.onet else (rung.soc if rung is not None else "")

        if facts is not None and any(t.status == "held" and soc_of(t) == target.details.get("soc") for t in facts.titles):
            return [True] * len(tasks)
        phrases, fields = self._work_phrases(profile)
        phrases = [p for i, p in enumerate(phrases) if i not in fields]
        if not phrases:
            return [False] * len(tasks)
        vectors = self.ensure_matcher().engine.encode(phrases + tasks)
        sims = vectors[len(phrases):] @ vectors[: len(phrases)].T
        return [bool(v >= GOAL_TASK_MIN) for v in np.max(sims, axis=1)]

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
            except AdvisorError as onet_err:
                if self.onet_imported:  # an O*NET code or title was meant as likely as a model id
                    nearest = getattr(onet_err, "nearest", "")
                    raise InputError(err.message, hint=f"{err.hint}; or an O*NET occupation by SOC code or title"
                                     + (f" ({nearest})" if nearest else " ('advisor occupations search TEXT' finds them)")) from None
                raise err from None  # not imported, or not an O*NET occupation either: as before

    @property
    def onet_imported(self) -> bool:
        """Whether O*NET's occupations are imported (every occupation can fit and be a goal).
        Never waits on the import's lock (the app asks from its UI thread while a match may hold
        it): an open import, or else an ``onet.db`` in the user data folder, says yes."""
        from ..onet.occupations import default_path

        return self._occupations is not None or default_path().exists()

    def search_occupations(self, query: str, limit: int = 5) -> list[tuple[str, str, str]]:
        """Imported O*NET occupations whose titles match ``query`` (exact and fuzzy, no model):
        (O*NET-SOC code, title, SOC code); [] when none are imported or the query is too short."""

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
        if kind == "onet":  # its own short read of onet.db: the app asks from its UI thread, never waiting on a match
            from ..onet.occupations import Occupations, default_path
            from .every_occupation import _identity

            key = (ident.strip(), _identity(default_path()))
            if key not in self._goal_titles:
                try:
                    with Occupations.open() as occ:
                        self._goal_titles[key] = occ.resolve(ident)["title"]
                except AdvisorError:
                    self._goal_titles[key] = None
            return self._goal_titles[key]
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
                near = occ.search(text, limit=3, meaning=False) if text else []
                hits = [h for h in near if h.how in ("exact", "alias")]
                if not hits and near and near[0].score >= 0.85 and (len(near) == 1 or near[0].score - near[1].score >= 0.1):
                    hits = near[:1]  # "appliance repair": one occupation clearly nearest (Home Appliance Repairers)
                if not hits:
                    some = "; ".join(f"onet:{h.code} ({h.title})" for h in near[:3])
                    missing = InputError(f"no O*NET occupation is called '{text}'",
                                         hint=(f"nearest: {some}; " if some else "") + "give its SOC code (onet:53-7065), or find it with: advisor occupations search TEXT")
                    missing.nearest = f"nearest: {some}" if some else ""  # for the goal search that tried the ladders first
                    raise missing
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
            detail["education_shares"] = _shares(occ).get(detail["code"], {})
            detail["up"] = self._onet_up(occ, detail, {r["code"] for r in related})
        return self._onet_goal(detail, related, release)

    def _onet_up(self, occ, detail: dict, listed: set[str]) -> list[dict]:
        """The ladder above an O*NET goal: occupations of its family (its SOC minor group, and the
        first-line supervisors of its major group) one or two Job Zones higher, those with more
        jobs first; none when its Job Zone is not rated."""
        zone = detail.get("job_zone")
        if not zone:
            return []
        soc, jobs = detail["soc"], self.employment()
        # a supervisor of the work the goal or its related occupations name ("Laborers", "Retail")
        words = {w for t in [detail["title"], *(r.get("title") or "" for r in detail.get("related", []))] for w in _title_words(t)}

        def step(code: str, o: dict) -> bool:
            z = o.get("job_zone")
            if not code.endswith(".00") or code in listed or code[:7] == soc or not z or z > zone + 2:
                return False  # never the goal itself ("First-Line Supervisors of Production" above itself)
            if code[:4] == soc[:3] + "1" and "Supervisors" in o["title"]:
                return z >= zone and bool(_title_words(o["title"]) & words)
            return code[:4] == soc[:4] and z > zone

        family = [o for code, o in occ.occupations().items() if step(code, o)]
        # the usual step up from the floor is to lead it: supervisors first, then by jobs in them
        family.sort(key=lambda o: (o["job_zone"], "Supervisors" not in o["title"], -(jobs.get(o["soc"]) or 0), o["code"]))
        out = []
        for o in family[:ONET_UP]:
            d = occ.detail(o["code"], tasks=1)
            out.append({"code": d["code"], "soc": d["soc"], "title": d["title"], "job_zone": d["job_zone"],
                        "education": (d["education"] or {}).get("label", "")})
        return out

    def _onet_goal(self, d: dict, related: list[dict], release: str) -> Target:
        from ..onet.occupations import EDUCATION

        rung = self.ladders.for_soc(d["soc"])
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
            "related": related, "up": list(d.get("up") or []), "rung": rung.id if rung is not None else "",
            "education_shares": dict(d.get("education_shares") or {}), "education_words": dict(EDUCATION),
        }
        return Target("onet", d["code"], d["title"], model, required, None, details)


#: a phrase that says what was not done ("no experience", "never worked"): not a task


def _title_words(title: str) -> set[str]:
    """The telling words of an occupation's title, singular ("Laborers, Hand" -> laborer)."""
    skip = {"first", "line", "supervisors", "workers", "except", "other", "and", "all", "hand"}
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", title.lower()) if len(w) > 3 and w not in skip}
