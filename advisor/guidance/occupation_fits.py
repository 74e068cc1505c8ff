"""Jobs that fit now among every imported O*NET occupation (``advisor data import onet``).

Pure ranking over plain data the service reads from the O*NET import (:class:`Candidate` rows,
the related-occupation links of the person's past jobs, and task statements near the words), so
it needs neither the database nor the model. An occupation is offered only when the person could
apply now:

- **education**: enough of the people in it started with no more education than the words show
  (O*NET's Required Level of Education shares; an unstated level counts as a high school diploma,
  which the advisor checks), or the person did the job before;
- **licence**: an occupation of ``advisor/data/licensed_occupations.yaml`` (or a ladder rung of
  the same SOC code with entry requirements) is offered only when its licence is held or the
  person did the job before;
- **Job Zone**: no higher than the person's education reaches, or the highest Job Zone of a past
  job; and no step down more than one zone below a past job held for two years or more.

It is ranked by what the words show: the same occupation as a past job first, then occupations
O*NET lists as related to a past job, then occupations whose tasks are close to what the person
says they did. Each fit explains itself in one line, without quoting the person's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from .cues import ELSEWHERE, IN_SCHOOL, LICENCE_DOUBT, MINOR_AGE, WORKED
from .fits import ASSUMED, EQUIVALENT, Checker
from .soc_models import soc_model
from .licences import by_audition, civilian_work, licensed, not_for_minors, occupational, ready_with  # noqa: F401 (read here, and by callers)

#: the O*NET Required Level of Education category each education level reaches (1: less than a
#: high school diploma, 2: high school, 4: some college, 5: associate, 6: bachelor's, 8: master's,
#: 11: doctoral); a postsecondary certificate (3) is reached by a held certificate or licence
RL_CATEGORY = {"none": 1, "hse": 2, "high-school": 2, "some-college": 4, "associate": 5, "bachelor": 6, "master": 8, "doctorate": 11}
#: the education category a Job Zone stands for when O*NET gives an occupation no education shares
ZONE_EDUCATION = {1: 1, 2: 2, 3: 3, 4: 6, 5: 8}
#: the highest Job Zone each education level reaches on its own
ZONE_FOR_LEVEL = {"none": 2, "hse": 2, "high-school": 2, "some-college": 3, "associate": 3, "bachelor": 4, "master": 5, "doctorate": 5}
#: an occupation is within reach when at least this share of its workers needed no more education
EDUCATION_SHARE = 25.0
#: without a diploma, a job in Job Zone 1 or 2 where about one worker in ten started without one
#: hires without one (most warehouse and production work: the diploma is asked for, not required)
NO_DIPLOMA_SHARE = 10.0
#: how close a task (or a job title) must be to a phrase to count (cosine), and when it is strong
TASK_MIN, TASK_FULL = 0.42, 0.68
TITLE_MIN, TITLE_FULL = 0.6, 0.85
#: scores: the same occupation as a past job, related to one (by O*NET's tier), tasks alone
SAME, LICENCE, RELATED = 1.0, 0.85, {"Primary-Short": 0.78, "Primary-Long": 0.66, "Supplemental": 0.55}
TASK_WEIGHT = 0.7
OPENINGS = 0.08  # the most an occupation's national employment moves its score (see _openings)
LICENCE_RELATED = 0.9  # related to an occupation a held licence opens, against related to a past job
#: a task match outside the major groups of the work the words anchor counts this much
OFF_FIELD = 0.6
#: with fewer fits the words show than asked for, and no college said, the most common jobs within
#: reach fill the list after them (Job Zone 1-2, no licence, most start with what the person has)
STARTER_ZONE, STARTER_SHARE = 2, 50.0
#: a fit on tasks alone needs at least this score (after OFF_FIELD): near-zero matches are noise
TASK_FIT_MIN = 0.1
#: O*NET's related occupations counted per past job or licence (its list is ranked; the tail is far)
RELATED_MAX = 10
#: work done outside a job: the occupation it names, and the others of its family
IMPLIED, IMPLIED_FAMILY = 0.7, 0.55
RELATED_SUPPORT = 1.2  # how much the words' support (tasks) lifts related work (measured on the validation profiles)
LIFTED = ("related", "licence")  # the ways in that what the words show lifts by RELATED_SUPPORT (a past job's own: 0.25)
UNSUPPORTED = 0.2  # and how far related work the words say nothing of falls


@dataclass(frozen=True)
class Candidate:
    """One O*NET occupation as the ranking needs it."""

    code: str
    soc: str
    title: str
    job_zone: int | None
    #: Required Level of Education category -> percent of workers
    education: dict[int, float] = field(default_factory=dict)

    def typical(self) -> int | None:
        """The education category most workers report."""
        return max(self.education, key=lambda c: (self.education[c], -c)) if self.education else None

    def share_within(self, category: int) -> float:
        return sum(v for c, v in self.education.items() if c <= category)


@dataclass(frozen=True)
class PastJob:
    code: str  # O*NET-SOC code
    title: str
    years: float | None
    job_zone: int | None = None


@dataclass(frozen=True)
class TaskHit:
    """A task statement (or a job title) of an occupation close to one of the person's phrases."""

    code: str
    task: str
    score: float
    phrase: int  # index of the phrase
    kind: str = "task"  # task | title

    def strength(self) -> float:
        """0 (just close enough) to 1 (as close as it gets)."""
        low, full = (TITLE_MIN, TITLE_FULL) if self.kind == "title" else (TASK_MIN, TASK_FULL)
        return max(0.0, min(1.0, (self.score - low) / (full - low)))


@dataclass
class OccupationFit:
    code: str
    soc: str
    title: str
    job_zone: int | None
    score: float
    why: str  # one line: what in the words makes it fit
    entry: str  # one line: Job Zone and the education most start with, against what the words show
    tasks: list[str] = field(default_factory=list)  # its tasks the words are close to, best first
    how: str = "tasks"  # same | licence | related | tasks | starter (what needs a licence first is left out)

    def sentence(self) -> str:
        """Why it fits and how people get in, as sentences for a list or a plan."""
        why = self.why[:1].upper() + self.why[1:]
        return f"{why}{'' if why.endswith(('…', '.')) else '.'} {self.entry}."


def _years(y: float | None) -> str:
    if y is None:
        return ""
    if y < 1:
        months = max(1, round(y * 12))
        return f"{months} month{'s' if months != 1 else ''}"
    return f"{y:g} year{'s' if y != 1 else ''}"


class Reach:
    """What the facts let a person apply for now: education level, Job Zone ceiling, licences and
    certificates held (``shown``: SOC code -> the credentials said that open it), age."""

    def __init__(self, checker: Checker, past: list[PastJob], text: str = ""):
        self.checker = checker
        self.civilian = [p for p in past if not p.code.startswith("55-")]  # military titles have no civilian zone
        self.past = past
        self.level = checker.level  # None: not stated
        level = self.level if self.level is not None else ASSUMED
        if checker.studying_school and self.level is None:
            level = "none"
        self.assumed = self.level is None
        self.category = RL_CATEGORY.get(EQUIVALENT.get(level, level), 2)
        self.doubt = bool(LICENCE_DOUBT.search(text))  # "no US license yet": a licence is not taken as held
        self.elsewhere = bool(ELSEWHERE.search(text))  # past work in the military or abroad shows no licence here
        self.minor = checker.in_high_school or bool(MINOR_AGE.search(text) or IN_SCHOOL.search(text))
        self.worked = bool(past) or bool(WORKED.search(text))
        self.shown = self._shown()
        self.certified = bool(set(checker.said) & occupational())  # an occupational certificate or licence said
        zones = [p.job_zone for p in self.civilian if p.job_zone]
        self.zone = max([ZONE_FOR_LEVEL.get(level, 2)] + zones)
        seasoned = [p.job_zone for p in self.civilian if p.job_zone and (p.years or 0) >= 2]
        self.floor = max(seasoned) - 1 if seasoned else 1
        self.past_socs = {p.code[:7] for p in past}

    def _said_for(self, cid: str) -> str:
        """The credential the words said that is, or implies, ``cid`` (CDL-A for an implied CDL-B)."""
        lex = self.checker.lexicon
        for said in self.checker.said:
            known = lex.credentials.get(said) if lex is not None else None
            if said == cid or (known is not None and cid in known.implies):
                return said
        return cid

    def _shown(self) -> dict[str, list[str]]:
        held, out = self.checker.held, {}
        for soc, needs in licensed().items():
            if all(any(a in held for a in alts) for alts in needs) and not self.doubt:
                out[soc] = [self._said_for(next(a for a in alts if a in held)) for alts in needs]
        for cid, socs in ready_with().items():
            if cid in held:
                for soc in socs:
                    out.setdefault(soc, []).append(self._said_for(cid))
        return out

    def names(self, soc: str) -> str:
        return " and ".join(dict.fromkeys(self.checker.name_of(h) for h in self.shown.get(soc, ())))

    def level_words(self) -> tuple[str, str]:
        """The education the words show, and its verb: ("your GED", "meets")."""
        names = {"none": "no high school diploma", "hse": "your high school equivalency", "high-school": "your high school diploma",
                 "some-college": "your college credits", "associate": "your associate degree", "bachelor": "your bachelor's degree",
                 "master": "your master's degree", "doctorate": "your doctorate"}
        words = names.get(self.level, "")
        return words, "meet" if words.endswith("credits") else "meets"

    def licence_needs(self, c: Candidate, rung_needs: list[str] | None) -> list[str]:
        """The licences an occupation asks for that the words do not show (a past job in it shows
        them, unless the words put the licence in doubt)."""
        if c.soc in self.past_socs and not self.doubt and not self.elsewhere:
            return []
        out = list(rung_needs or []) if c.soc not in self.past_socs else []
        for alts in licensed().get(c.soc, ()):
            if self.doubt or not any(a in self.checker.held for a in alts):
                label = self.checker.label_of(alts)
                label = f"a current licence here ({label})" if self.doubt else label
                if label not in out:
                    out.append(label)
        return out

    def education_ok(self, c: Candidate) -> bool:
        if c.soc in self.past_socs or c.soc in self.shown:
            return True
        reach = self.category + (1 if self.certified and self.category == 2 else 0)
        if not c.education:  # O*NET gives no shares: the education its Job Zone stands for
            return c.job_zone is None or reach >= ZONE_EDUCATION.get(c.job_zone, 2)
        if reach == 1 and (c.job_zone or 3) <= 2:
            return c.share_within(1) >= NO_DIPLOMA_SHARE
        return c.share_within(reach) >= EDUCATION_SHARE

    def zone_ok(self, c: Candidate) -> bool:
        if c.soc in self.past_socs or c.soc in self.shown or c.job_zone is None:
            return True
        return self.floor <= c.job_zone <= self.zone

    def allowed(self, c: Candidate) -> bool:
        """Not an "All Other" group, nothing kept from minors, no one's first job a supervisor's, and
        no audition work the person has not done."""
        if "All Other" in c.title or c.job_zone is None:
            return False
        if c.title.startswith("First-Line Supervisors") and (self.minor or not self.worked) and c.soc not in self.past_socs:
            return False  # leading others comes after doing the work
        if c.soc in by_audition() and c.soc not in self.past_socs:
            return False  # a school team or a church choir is no tryout passed
        return not (self.minor and c.soc.startswith(not_for_minors()))


def rank_occupations(candidates: dict[str, Candidate], reach: Reach, *, related: dict[str, list[tuple[str, str, int]]] | None = None,
                     task_hits: list[TaskHit] | None = None, rung_needs=None, education_words=None, implied=None,
                     employment: dict[str, int] | None = None, limit: int = 10) -> list[OccupationFit]:
    """The occupations the person could apply for now, best first (see the module's rules).

    ``related``: O*NET-SOC code (a past job's, or one a licence opens) -> (related code, relatedness
    tier, index); ``rung_needs``: a callable SOC code -> the entry needs of a ladder rung with that
    code (or None); ``education_words``: education category -> words; ``employment``: SOC code ->
    national employment (for the common jobs that fill a short list)."""
    education_words = education_words or {}
    related = related or {}
    scores: dict[str, tuple[float, str, str]] = {}  # code -> (score, how, why)

    def offer(code: str, score: float, how: str, why: str) -> None:
        if code in candidates and score > scores.get(code, (0.0, "", ""))[0]:
            scores[code] = (score, how, why)

    for p in reach.past:
        yrs = _years(p.years)
        for code, c in candidates.items():
            if c.soc == p.code[:7]:  # the job's own O*NET code first, then the others of its SOC code
                offer(code, SAME + 0.01 * min(p.years or 0, 10) - (0 if code == p.code else 0.05), "same",
                      f"the same occupation as your past job: {p.title}" + (f" ({yrs})" if yrs else ""))
        for code, tier, index in related.get(p.code, [])[:RELATED_MAX]:
            offer(code, RELATED.get(tier, 0.5) - 0.004 * index, "related", f"close to your past work ({p.title}): O*NET lists it as related")
        for index, soc in enumerate(civilian_work().get(p.code[:7], ())):  # O*NET relates no civilian work to group 55
            offer(f"{soc}.00", RELATED["Primary-Short"] - 0.01 * index, "related", f"civilian work your military service prepares you for ({p.title})")
    # a licence or certificate held is what its occupations ask for ("CDL-A" -> truck drivers)
    for code, c in candidates.items():
        if c.soc in reach.shown:
            names = reach.names(c.soc)
            offer(code, LICENCE, "licence", f"your {names} is what employers ask for")
            if not code.endswith(".00"):
                continue  # the related work of the SOC code's own occupation, not of its specialties
            for rel, tier, index in related.get(code, [])[:RELATED_MAX]:  # and its related work, a little below
                offer(rel, LICENCE_RELATED * RELATED.get(tier, 0.5) - 0.004 * index, "related",
                      f"close to {c.title}, which your {names} opens: O*NET lists it as related")
    # work done outside a job ("fixed cars for my family"): its occupation, and the work of its
    # family (the SOC minor group) that is within reach, as a way in
    for code in implied or ():
        c = candidates.get(code)
        if c is None:
            continue
        offer(code, IMPLIED, "tasks", f"what you described doing is this work ({c.title})")
        for other, o in candidates.items():
            if o.soc[:4] == c.soc[:4] and other != code and other.endswith(".00"):
                offer(other, IMPLIED_FAMILY, "related", f"the same line of work as what you described doing ({c.title})")
    # tasks: each phrase counts once per occupation (its closest task), the two best phrases add up
    best: dict[str, dict[int, TaskHit]] = {}
    for h in task_hits or []:
        if h.code in candidates and h.strength() > 0:
            per = best.setdefault(h.code, {})
            if h.phrase not in per or h.strength() > per[h.phrase].strength():
                per[h.phrase] = h
    # the work the words anchor (past jobs, licences held) keeps tasks of other fields in check:
    # "picking orders" at a warehouse is not taking orders at a restaurant
    anchored = {candidates[code].soc[:2] for code, (_, how, _) in scores.items() if how in ("same", "licence")}
    for code, per in best.items():
        strength = sorted((h.strength() for h in per.values()), reverse=True)[:2]
        t = TASK_WEIGHT * (strength[0] + 0.5 * (strength[1] if len(strength) > 1 else 0.0)) / 1.5
        s, how, why = scores.get(code, (0.0, "", ""))
        if how:
            # related work and a licence's work that the words show lift a lot ("forklift certified"
            # and "loading trucks": forklift operator first)
            scores[code] = (s + (RELATED_SUPPORT if how in LIFTED else 0.25) * t, how, why)
            continue
        if anchored and candidates[code].soc[:2] not in anchored:
            t *= OFF_FIELD
        if t >= TASK_FIT_MIN:
            first = max(per.values(), key=lambda h: h.strength())
            offer(code, t, "tasks", f"what you described sounds like this work ({first.task})" if first.kind == "title"
                  else f"what you described is close to its work: {_short(first.task)}")
    out = []
    for code, (s, how, why) in scores.items():
        if how == "related" and code not in best:
            s -= UNSUPPORTED  # related work the words say nothing of
        c = candidates[code]
        if not reach.allowed(c) or not reach.zone_ok(c) or not reach.education_ok(c):
            continue
        if reach.licence_needs(c, rung_needs(c.soc) if rung_needs else None):
            continue  # not "fit now": the licence comes first
        tasks = [h.task for h in sorted(best.get(code, {}).values(), key=lambda h: -h.strength()) if h.kind == "task"]
        out.append(OccupationFit(c.code, c.soc, c.title, c.job_zone, round(s, 4), why, _entry(c, reach, education_words), tasks, how))
    if employment:  # among work the words point to equally, the occupations with more jobs in them first
        for f in out:
            if f.how != "same":
                f.score = round(f.score + _openings(employment, f.soc), 4)
    out.sort(key=lambda f: (-f.score, f.job_zone or 0, f.title))
    kept = _one_per_soc(out)
    if employment and len(kept) < limit and reach.category <= 2:
        kept += _common_jobs(candidates, reach, {f.soc for f in kept}, employment, rung_needs, education_words, limit - len(kept))
    return kept[:limit]


def _people(employment: dict[str, int], soc: str) -> int:
    """National employment of a SOC code; OEWS may count only its broader group (31-1120 for 31-1121)."""
    return employment.get(soc) or employment.get(soc[:6] + "0") or 0


def _openings(employment: dict[str, int], soc: str) -> float:
    """A small nudge by national employment: +-OPENINGS per tenfold around 30,000 people."""
    import math

    n = _people(employment, soc)
    if not n:
        return -OPENINGS
    return max(-OPENINGS, min(OPENINGS, OPENINGS * (math.log10(n) - 4.5)))


def _one_per_soc(fits: list[OccupationFit]) -> list[OccupationFit]:
    """The best O*NET occupation of each SOC code (its detailed occupations share the wage line)."""
    seen, kept = set(), []
    for f in fits:
        if f.soc not in seen:
            seen.add(f.soc)
            kept.append(f)
    return kept


def _common_jobs(candidates, reach: Reach, have: set[str], employment: dict[str, int], rung_needs, words, n: int) -> list[OccupationFit]:
    """The most common jobs within reach (Job Zone 1-2, no licence, most start with what the
    person has), after every fit the words show: first jobs for a beginner, else jobs open with
    the person's schooling."""
    # a student is on the way to a diploma: the jobs teens are hired for count as within reach
    category = max(reach.category, 2) if reach.checker.studying_school or reach.minor else reach.category

    pool = [c for c in candidates.values() if c.job_zone and c.job_zone <= STARTER_ZONE and c.soc not in have
            and reach.allowed(c) and _people(employment, c.soc) and c.share_within(category) >= STARTER_SHARE
            and not reach.licence_needs(c, rung_needs(c.soc) if rung_needs else None)]
    at_work = {c.code for c in pool if soc_model(c.soc) in reach.checker.workplaces}  # "worked at McDonald's": its industry first
    pool.sort(key=lambda c: (c.code not in at_work, -_people(employment, c.soc), c.code))
    why = ("a common job open with your schooling" if reach.worked or reach.shown or reach.category > 2
           else "open to people starting out: one of the most common first jobs")
    picked = _one_per_soc([OccupationFit(c.code, c.soc, c.title, c.job_zone, 0.0, "a common job at places like the one you worked at"
                                         if c.code in at_work else why, _entry(c, reach, words), [], "starter") for c in pool])
    return picked[:n]


def _short(task: str, limit: int = 90) -> str:
    task = task.rstrip(".")
    if len(task) <= limit:
        return task[0].lower() + task[1:] if task[:2] != task[:2].upper() else task
    cut = task[:limit].rsplit(" ", 1)[0]
    return (cut[0].lower() + cut[1:] if cut[:2] != cut[:2].upper() else cut) + "…"


def _article(words: str) -> str:
    if not words or words.startswith(("less than", "some ", "post-doctoral")):
        return words
    return ("an " if words[0] in "aeiou" else "a ") + words


def _entry(c: Candidate, reach: Reach, words: dict[int, str]) -> str:
    """Job Zone and the education most start with, said against what the words show."""
    zone = f"Job Zone {c.job_zone}" if c.job_zone else "Job Zone not rated"
    typical = c.typical()
    if typical is None:
        return zone
    said = _article(words.get(typical, ""))
    if c.soc in reach.past_socs:
        return f"{zone}; most start with {said}; you have done this work"
    if typical == 1:
        return f"{zone}; most start without a high school diploma"
    if c.soc in reach.shown:
        return f"{zone}; most start with {said}; your {reach.names(c.soc)} counts"
    if reach.assumed:
        return f"{zone}; most start with {said}" + (("; once you finish high school" if reach.checker.in_high_school
                                                      else "; once you pass your equivalency test")
                                                     if reach.checker.studying_school else "; the advisor checks your schooling")
    mine, verb = reach.level_words()
    if typical <= reach.category:
        return f"{zone}; most start with {said}, which {mine} {verb}"
    share = round(c.share_within(reach.category))
    if reach.category == 1:
        return f"{zone}; most start with {said}, but {share}% started without one"
    return f"{zone}; most start with {said}, but {share}% started with no more than {mine}"


def goal_needs(c: Candidate, reach: Reach, words: dict[int, str]) -> list[str]:
    """What an O*NET goal asks for that the words do not show, in words: its licence, and the
    education most start with when too few start with what the person has."""
    needs = reach.licence_needs(c, None)
    typical = c.typical()
    if typical is not None and not reach.education_ok(c) and typical > reach.category:
        needs.insert(0, _article(words.get(typical, "")))
    return needs
