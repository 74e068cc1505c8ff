"""Every O*NET occupation, once imported (``advisor data import onet``), for :class:`Advisor`:
past jobs found among O*NET's titles, the jobs that fit now among every occupation, any
occupation as a goal, the crosswalk's local programs for a goal, and the goal search of the app.
Without an import each of these says so (None, [] or one line on how to import) and the shipped
ladders stand alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import AdvisorError
from .gaps import Profile, Target
from .occupation_fits import OccupationFit


def _identity(path: Path) -> tuple:
    """Which file is at ``path`` now (an import replaces it with a new one); () when none."""
    try:
        st = path.stat()
    except OSError:
        return ()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class EveryOccupation:
    """The O*NET part of :class:`~.service.Advisor` (its fields hold the open import)."""

    def _onet_titles(self, text: str, facts) -> None:
        """With O*NET imported (``advisor data import onet``), past jobs no ladder title names
        ("night stocker", "hvac tech 3 yrs") are found among its 57,000 titles; without it, nothing."""
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

    def reach(self, facts, past=(), text: str = ""):
        """What the facts let the person apply for now (:class:`~.occupation_fits.Reach`): the one
        reading of education, licences, Job Zone and age that fits and O*NET goals share."""
        from .fits import Checker, _lexicon
        from .occupation_fits import Reach

        return Reach(Checker(facts, self.ladders, _lexicon(self.catalog, self.ladders)), list(past), text)

    def onet_reach(self, profile: Profile):
        """The :meth:`reach` of a profile with its past jobs read as O*NET occupations, as the
        jobs that fit read them; None when O*NET is not imported."""
        with self._occupations_lock:
            occ = self._open_occupations()
            if occ is None:
                return None
            try:
                past = self.past_jobs(occ, profile.facts)
            except AdvisorError:
                return None
        return self.reach(profile.facts, past, profile.result.text)

    def past_jobs(self, occ, facts) -> list:
        """The held past jobs as O*NET occupations (:class:`~.occupation_fits.PastJob`), named by
        their ladder title when it is the rung's own occupation."""
        from .occupation_fits import PastJob

        rows = occ.occupations()
        by_soc: dict[str, str] = {}
        for code in sorted(rows):
            by_soc.setdefault(code[:7], code)
        past = []
        for t in facts.titles if facts is not None else []:
            code = t.onet or self._ladder_job_code(occ, t, by_soc) if t.status == "held" else ""
            if code in rows:
                rung = self.ladders.rungs.get(t.rung_id)
                title = t.title if t.onet or (rung is not None and rung.soc == code[:7]) else rows[code]["title"]
                past.append(PastJob(code, title, t.years, rows[code].get("job_zone")))
        return past

    def occupation_fits(self, profile: Profile, limit: int = 10) -> "list[OccupationFit] | None":
        """Every imported O*NET occupation the person could apply for now, best first, each with
        a one-line reason (:mod:`advisor.guidance.occupation_fits`); None when O*NET is not imported
        (or its import cannot be read). The lock covers only the reads of the import: encoding
        the phrases and the search run outside it, so the app's goal search never waits on them."""
        from ..onet.occupations import EDUCATION
        from .occupation_fits import Candidate, TaskHit, rank_occupations

        facts = profile.facts
        phrases, fields = self._work_phrases(profile)
        with self._occupations_lock:
            occ = self._open_occupations()
            if occ is None:
                return None
            try:
                work = self._work_of(occ)
                rows, shares = occ.occupations(), work.education_shares()
                past = self.past_jobs(occ, facts)
                reach = self.reach(facts, past, profile.result.text)
                implied = work.implied([p for i, p in enumerate(phrases) if i not in fields], {p.code for p in past})
                anchors = [p.code for p in past] + [code for code in rows if code[:7] in reach.shown and code.endswith(".00")]
                related = {code: [(r["code"], r["tier"], r["rank"]) for r in occ.store.related(code)] for code in anchors}
            except AdvisorError:
                return None  # an import that cannot be read: the ladder fits still stand
        try:
            near = work.near(phrases)
        except AdvisorError:
            near = []
        # a field of study is matched to job titles only ("nursing" is not "manage nurseries")
        hits = [TaskHit(code, text, score, i, kind) for i, code, text, score, kind in near if kind == "title" or i not in fields]
        candidates = {code: Candidate(code, r["soc"], r["title"], r.get("job_zone"), shares.get(code, {})) for code, r in rows.items()}
        def rung_needs(soc: str):
            rung = self.ladders.for_soc(soc)
            return reach.checker.needs(rung) if rung is not None else None

        return rank_occupations(candidates, reach, related=related, task_hits=hits, rung_needs=rung_needs, implied=implied,
                                education_words=EDUCATION, employment=self.employment(), limit=max(1, limit))

    def _work_phrases(self, profile: Profile) -> tuple[list[str], set[int]]:
        """The phrases that tell what the person did, and which of them (by index) are fields of
        study: never a wish, a negation, one word, schooling, or what they hold, lack or want."""
        from .facts import SCHOOLING
        from .matching import is_wish

        facts = profile.facts
        said = [(f.start, f.end) for f in [*facts.credentials, *facts.lacks, *facts.goals]] if facts is not None else []
        phrases = [p.text for p in profile.result.phrases
                   if not is_wish(p.text) and not any(a < p.end and p.start < b for a, b in said)
                   and len(p.text.split()) > 1 and not _NEGATED.match(p.text) and not SCHOOLING.fullmatch(p.text.strip(" .").lower())
                   and not (_CIRCUMSTANCE.search(p.text) and not _WORK_WORDS.search(p.text))]
        # a field of study says what work the schooling was for ("bachelor's in accounting")
        fields = [c.field for c in (facts.credentials if facts is not None else []) if c.level and c.field]
        return phrases + fields, set(range(len(phrases), len(phrases) + len(fields)))

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
        if exact and own and not any(h.soc == rung.soc for h in exact) and (exact[0].how == "alias" or _shares_words(title.phrase, exact[0].title)):
            return exact[0].code  # "welder" is O*NET's welders; a generic "team leader" stays the rung's own
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
        from ..onet.crosswalk import cip_for_soc
        from ..onet.occupations import default_path

        key = (_identity(default_path()), soc)
        if key not in self._cips:
            try:
                self._cips[key] = frozenset(cip_for_soc(soc)) if key[0] else frozenset()
            except AdvisorError:
                return frozenset()
        return self._cips[key]

#: a person's circumstances, not work: "I got out of prison 3 months ago" is no correctional officer's task
_CIRCUMSTANCE = re.compile(
    r"\b(?:got\s+out|released|incarcerated|locked\s+up|did\s+time|prison|jail|parole|probation|felony|convict\w*|"
    r"record|laid\s+off|fired|let\s+go|disabilit\w*|homeless|shelter|divorc\w*|pregnan\w*|moved\s+here)\b", re.IGNORECASE)
_WORK_WORDS = re.compile(r"\b(?:work\w*|job|cook\w*|kitchen|laundry|shop|weld\w*|clean\w*|maint\w*|program|class\w*|"
                         r"certif\w*|trained|training|crew|porter|barber\w*|tutor\w*|clerk|ran|did\s+\w+ing)\b", re.IGNORECASE)
_NEGATED = re.compile(r"^(?:no|not|never|without|don'?t|didn'?t|haven'?t)\b", re.IGNORECASE)


def _shares_words(phrase: str, title: str) -> bool:
    """Whether a phrase and an occupation's own title share a word, singular or plural."""
    def words(text: str) -> set[str]:
        return {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", text.lower())}
    return bool(words(phrase) & words(title))
