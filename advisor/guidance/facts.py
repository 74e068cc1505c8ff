"""Facts a jobseeker states: credentials held (GED, CNA, CDL-A, OSHA 10 ...) and job titles with
years and employer ("cashier at Walmart for 4 years"), found by the lexicon's alias patterns
(:mod:`advisor.guidance.lexicon`) with character offsets. Pure functions: no embedding model, no
database. Negated ("no GED", "lost my CDL") and intended ("working on my GED", "want to become a
CNA") mentions are never reported as held: they go to ``Facts.lacks`` and ``Facts.goals``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from .cues import (
    AFTER_GOAL, AFTER_LACK, LAPSED_LATER, BEFORE_DURATION, Clauses, DURATION, EMPLOYER, FIELD, FIELD_LEVELS,
    FIELD_WORDS, HELD, IN_HIGH_SCHOOL, INTENT, LANGUAGE_NEED, LINE_START, NEG, NOT_EMPLOYER, NOW, NUMBERS, PAST, RANGE, SINCE,
    TITLE_CUE, TITLE_GOAL, TITLE_GOAL_AFTER, TITLE_NEG, duration, years_between,
)
from .lexicon import LEVELS, Lexicon, alias_key, load_lexicon, tokens
from .work_said import read_fields, read_workplaces

__all__ = ["CredentialFact", "TitleFact", "Facts", "read_facts", "load_lexicon", "Lexicon"]


@dataclass(frozen=True)
class CredentialFact:
    SOURCE: ClassVar[str] = "credential"  # what a competency it evidences has as its source
    id: str
    name: str
    kind: str
    level: str | None
    field: str | None  # field of study ("nursing") or type/class said nearby ("Type II")
    phrase: str
    start: int
    end: int
    evidences: tuple[str, ...] = ()  # competency ids a holder has shown (implied credentials included)
    covers: tuple[str, ...] = ()  # training catalogue ids it is or makes redundant
    industries: tuple[str, ...] = ()
    status: str = "held"  # held | goal | lacks


@dataclass(frozen=True)
class TitleFact:
    SOURCE: ClassVar[str] = "title"
    rung_id: str
    title: str
    years: float | None
    employer: str
    phrase: str
    start: int
    end: int
    current: bool | None
    model: str = ""
    also: tuple[str, ...] = ()  # other rungs the same words can name ("CNA": health care and long-term care)
    evidences: tuple[str, ...] = ()  # the rung's required competencies
    status: str = "held"
    onet: str = ""  # the O*NET-SOC code when the job was found among O*NET's titles ("53-7065.00")
    how: str = ""  # "field": said by its line of work ("worked construction"), not by a title


Fact = CredentialFact | TitleFact


@dataclass
class Facts:
    credentials: list[CredentialFact] = field(default_factory=list)  # held
    titles: list[TitleFact] = field(default_factory=list)  # jobs held
    industries: list[str] = field(default_factory=list)  # model ids, in order of first mention
    #: the industries of well-known workplaces the words say the person worked at with no job
    #: title ("I worked at McDonald's for 2 years"): model ids
    workplaces: list[str] = field(default_factory=list)
    goals: list[Fact] = field(default_factory=list)  # wanted, studied for, in progress
    lacks: list[Fact] = field(default_factory=list)  # said not to have, lost or expired
    #: the words that say English is a barrier ("my english is not so good"), or "" (ESL is
    #: suggested only then)
    language_need: str = ""

    def evidenced(self) -> dict[str, list[Fact]]:
        """Competency id -> the held facts that show it."""
        out: dict[str, list[Fact]] = {}
        for fact in [*self.credentials, *self.titles]:
            for cid in fact.evidences:
                out.setdefault(cid, []).append(fact)
        return out

    def holds(self, resource_id: str) -> bool:
        """Whether a held credential is, or makes redundant, this training catalogue entry."""
        return any(resource_id in c.covers for c in self.credentials)

    def education_level(self) -> str:
        """The highest education level held; ``none`` when only lacks were said, else ``unknown``."""
        levels = [c.level for c in self.credentials if c.level]
        if levels:
            return max(levels, key=LEVELS.index)
        if any(isinstance(f, CredentialFact) and f.level in ("hse", "high-school") for f in self.lacks):
            return "none"
        return "unknown"


def _last_words(prefix: str, n: int) -> str:
    words = prefix.split()
    return " ".join(words[-n:])


_LIST_END = re.compile(r"(?:^|\b(?:or|nor|and))$", re.IGNORECASE)
_LIST_NEXT = re.compile(r"^\s*(?:,|or\b|nor\b|and\b)", re.IGNORECASE)


def _negation_reaches(prefix: str, after: str) -> bool:
    """Whether a negation before a comma still covers this mention: only in a list of what is
    lacked ("no GED, CNA or CDL"), not in the next item ("no GED, forklift certified",
    "never finished high school, CNA 3 years")."""
    cut = max(prefix.rfind(","), prefix.rfind(";"))
    if cut < 0 or NEG.search(prefix[cut + 1 :]):
        return True
    between = prefix[cut + 1 :].strip()
    return bool(_LIST_END.search(between)) and (bool(between) or bool(_LIST_NEXT.match(after)))


def _status(text: str, clauses: Clauses, start: int, end: int) -> str:
    """held | goal | lacks for a credential mention, from the words around it in its clause."""
    prefix = text[clauses.start(start) : start]
    near = _last_words(prefix, 7)
    if NEG.search(near) and _negation_reaches(prefix, text[end : end + 12]):
        return "lacks"
    if INTENT.search(_last_words(prefix, 8)):
        return "goal"
    after = text[end : clauses.end(end, 48)]
    if AFTER_LACK.search(after) or LAPSED_LATER.search(text[end : end + 90]):
        return "lacks"
    if AFTER_GOAL.search(after) and not HELD.search(near):
        return "goal"
    return "held"


def _employer(window: str, lexicon: Lexicon, cased_text: bool) -> tuple[str, int]:
    """The employer named in ``window`` ("at Walmart", "for Kroger") and where it ends, or ('', -1)."""
    for m in EMPLOYER.finditer(window):
        name = m.group("name").rstrip(".'’-")
        words = name.split()
        # keep the known part of a longer name ("Walmart distribution" stays whole; "Walmart for" never forms)
        low = name.lower()
        if low in NOT_EMPLOYER or words[0].lower() in ("his", "her", "our", "their", "your"):
            continue
        prep = m.group("p").lower()
        if prep == "for" and (DURATION.match(name) or words[0].lower() in NUMBERS or words[0][0].isdigit()):
            continue
        known = any(alias_key(" ".join(words[:k])) in lexicon.employers for k in range(len(words), 0, -1))
        capital = name[0].isupper()
        if known or capital or (not cased_text and prep in ("at", "for", "@")):
            return name, m.end()
    return "", -1


def _employer_before(prefix: str, lexicon: Lexicon) -> str:
    words = prefix.split()
    for k in (3, 2, 1):
        if len(words) >= k:
            name = " ".join(words[-k:]).strip(",;:()")
            if alias_key(name) in lexicon.employers:
                return name
    return ""


def _field_after(text: str, end: int, phrase: str) -> str | None:
    rest = text[end : end + 80]
    if tokens(phrase.lower())[-1] not in ("in", "of"):
        m = FIELD.match(rest)
        if not m:
            return None
        rest = rest[m.end() :]
    m = FIELD_WORDS.match(rest)
    return m.group("f").strip(" -'’") if m else None


def _variants(text: str, clauses: Clauses, start: int, end: int, variants) -> str | None:
    lo, hi = clauses.start(start, 40), clauses.end(end, 40)
    found = [label for label, pattern in variants if pattern.search(text, lo, hi)]
    return ", ".join(found) or None


def _same_job(text: str, lexicon: Lexicon, a: re.Match, b: re.Match) -> bool:
    gap = text[a.end() : b.start()]
    rungs = {r for r, _ in lexicon.titles_for(a.group())}
    return len(gap) <= 3 and not re.search(r"\w", gap) and bool(rungs & {r for r, _ in lexicon.titles_for(b.group())})


# --------------------------------------------------------------------------- reading


def _read_credentials(text: str, clauses: Clauses, lexicon: Lexicon) -> list[CredentialFact]:
    out = []
    for m in lexicon.credential_re.finditer(text):
        cred = lexicon.credential_for(m.group())
        if cred is None:
            continue
        fld = cred.field
        if fld is None and cred.level in FIELD_LEVELS:
            fld = _field_after(text, m.end(), m.group())
        if fld is None and cred.variants:
            fld = _variants(text, clauses, m.start(), m.end(), cred.variants)
        out.append(
            CredentialFact(
                cred.id, cred.name, cred.kind, cred.level, fld, m.group(), m.start(), m.end(),
                cred.evidences, cred.catalog, cred.industries, _status(text, clauses, m.start(), m.end()),
            )
        )
    return out


def _read_titles(text: str, clauses: Clauses, lexicon: Lexicon, creds: list[CredentialFact], today: date) -> list[TitleFact]:
    matches = list(lexicon.title_re.finditer(text))
    cased_text = text != text.lower()
    cred_models = {i for c in creds if c.status == "held" for i in c.industries}
    cred_starts = [c.start for c in creds]
    out = []
    strong = [any(not weak for _, weak in lexicon.titles_for(m.group())) for m in matches]
    skip_to = -1
    for i, m in enumerate(matches):
        targets = lexicon.titles_for(m.group())
        if not targets or m.start() < skip_to:
            continue
        start, end = m.span()
        # the next strong title ends this one's window; the same job said twice ("home health aide HHA") is one
        nxt = next((j for j in range(i + 1, len(matches)) if strong[j]), None)
        while nxt is not None and _same_job(text, lexicon, m, matches[nxt]):
            end_same = matches[nxt].end()
            skip_to = end_same
            nxt = next((j for j in range(nxt + 1, len(matches)) if strong[j]), None)
        clause0 = clauses.start(start)
        prefix = text[clause0:start]
        stop = min(clauses.end(max(end, skip_to)), matches[nxt].start() if nxt is not None else len(text))
        after = text[end:stop]
        employer, emp_end = _employer(after, lexicon, cased_text)
        if emp_end > 0:
            skip_to = max(skip_to, end + emp_end)  # a title word inside the employer's name is not a job
        employer = employer or _employer_before(prefix, lexicon)
        years, current = None, None
        rng = RANGE.search(after) or RANGE.search(prefix)
        since = SINCE.search(after)
        dur = DURATION.search(after)
        before = BEFORE_DURATION.search(prefix)
        if rng:
            years, current = years_between(int(rng.group("a")), rng.group("b").lower(), today)
        elif since:
            years, current = years_between(int(since.group("a")), "now", today)
        elif dur:
            years = duration(dur)
        elif before:
            years = duration(before)
        # "wants to move up to machinist or programmer eventually": every title of a wish is a goal
        chained = bool(out) and out[-1].status == "goal" and bool(re.fullmatch(r"[\s,/]*(?:or|and|&|maybe)?[\s,/]*", text[out[-1].end : start], re.IGNORECASE))
        wanted = bool(TITLE_GOAL.search(prefix) or TITLE_GOAL_AFTER.match(after) or chained)
        cue = bool(TITLE_CUE.search(prefix) or employer or years is not None or wanted)
        line_start = bool(LINE_START.search(text[max(0, start - 12) : start])) or start == 0
        k = bisect_right(cred_starts, start) - 1
        inside_cred = k >= 0 and creds[k].end >= end
        if inside_cred and (not cue or all(weak for _, weak in targets)):
            continue  # a title word inside a credential ("associate degree") is not a job
        # a weak title ("forklift", "customer service") at the start of a line is a job only when
        # its clause says no more ("Forklift" as a résumé heading), not as the first skill of a list
        bulleted = bool(re.search(r"[-•*]\s*$", text[max(0, start - 4) : start]))  # "- Server, Olive Garden": a résumé line
        listed = bool(re.match(r"\s*[,;/]", text[end : end + 3])) and not bulleted
        candidates = [(r, weak) for r, weak in targets if not weak or cue or (line_start and not listed)]
        if not candidates:
            continue
        if wanted or (INTENT.search(_last_words(prefix, 4)) and not TITLE_CUE.search(prefix)):
            status = "goal"
        elif TITLE_NEG.search(prefix):
            status = "lacks"
        else:
            status = "held"
        if current is None:
            near = _last_words(prefix, 6)
            if NOW.search(near) or re.match(r"\W*(?:now|currently)\b", after, re.IGNORECASE):
                current = True
            elif PAST.search(near) or re.search(r"\b(?:until|till|left in|quit in)\s+(?:19|20)\d{2}\b", after, re.IGNORECASE):
                current = False
        emp_model = lexicon.employers.get(alias_key(employer)) if employer else None
        if emp_model is None and employer:
            words = employer.split()
            emp_model = next((lexicon.employers[k] for n in range(len(words), 0, -1) if (k := alias_key(" ".join(words[:n]))) in lexicon.employers), None)

        def rank(item: tuple[str, bool]) -> tuple[int, int, int]:
            model = lexicon.titles[item[0]].model
            return (model != emp_model, model not in cred_models, item[1])

        chosen = sorted(candidates, key=rank)[0][0]
        title = lexicon.titles[chosen]
        out.append(
            TitleFact(
                chosen, title.title, years, employer, m.group(), start, end, current, title.model,
                tuple(r for r, _ in candidates if r != chosen), title.required, status,
            )
        )
    return out


#: schooling said on its own ("..., high school") is education, never a past job
SCHOOLING = re.compile(r"(?:some |in |at |finished |went to )?(?:high school|middle school|school|college|community college|university|grad school|trade school)")


def add_occupations(facts: Facts, found, ladders, text: str) -> int:
    """Past jobs no ladder title named, found among O*NET's titles (``found``: objects with
    ``start, end, phrase, years`` and ``hit.soc, hit.title, hit.code``, as
    :meth:`advisor.onet.occupations.Occupations.recognise` gives them). A job with a ladder rung of
    the same SOC code credits that rung's requirements; any other is a fact with its years only.
    Wishes ("want to be a welder") are never past jobs. Returns how many were added."""
    # a longer title O*NET names exactly ("88M motor transport operator", "AWS certified welder")
    # replaces a held ladder title inside it that is another occupation ("operator", "welder")
    replacing: set[int] = set()
    for job in found:
        if job.hit.how not in ("exact", "alias"):
            continue
        socs = {job.hit.soc, *(h.soc for h in getattr(job, "alternatives", ()))}
        inside = [t for t in facts.titles if t.status == "held" and job.start <= t.start and t.end <= job.end
                  and ladders.rungs.get(t.rung_id) is not None and ladders.rungs[t.rung_id].soc not in socs
                  and (job.hit.how == "alias" or len(job.hit.matched) > len(t.phrase) or t.how == "field")]
        others = [f for f in [*facts.titles, *facts.goals, *facts.lacks] if f not in inside]
        if inside and not any(f.start < job.end and job.start < f.end for f in others):
            for t in inside:
                facts.titles.remove(t)
            replacing.add(id(job))
    said = [(f.start, f.end) for f in [*facts.titles, *facts.goals, *facts.lacks]]
    creds = [(f.start, f.end) for f in facts.credentials]
    added = 0
    for job in found:
        # a job that replaced a ladder title inside a credential ("AWS certified welder") stands;
        # a credential blocks only a title said inside it ("CNA"), not a clause around it
        # ("drove OTR with my CDL-A for 8 years")
        lo = text.find(job.phrase, job.start) if job.phrase else job.start
        lo, hi = (lo, lo + len(job.phrase)) if lo >= 0 else (job.start, job.end)
        # ... and that clause only when it says for how long (years of work, not a card held)
        inside_cred = id(job) not in replacing and any(
            (a <= lo and hi <= b) or (job.years is None and a < hi and lo < b) for a, b in creds)
        if inside_cred or any(a < job.end and job.start < b for a, b in said) or SCHOOLING.fullmatch(job.phrase.strip(" .").lower()):
            continue
        before = text[max(0, job.start - 40) : job.start]
        if TITLE_GOAL.search(before + job.phrase) or INTENT.search(_last_words(before, 4)) or TITLE_NEG.search(before):
            continue
        rung = ladders.for_soc(job.hit.soc)
        facts.titles.append(TitleFact(
            rung.id if rung else "", job.hit.title, job.years, "", job.phrase, job.start, job.end, None,
            rung.model if rung else "", (), tuple(rung.required) if rung else (), "held", job.hit.code,
        ))
        if rung is not None and rung.model not in facts.industries:
            facts.industries.append(rung.model)
        said.append((job.start, job.end))
        added += 1
    facts.titles.sort(key=lambda t: t.start)
    return added


_BARE_HIGH_SCHOOL = re.compile(r"(?:^|[,;.\n])\s*(high\s*school(?:\s+grad(?:uate)?)?)\s*(?=$|[,;.\n])", re.IGNORECASE)


def read_facts(text: str, lexicon: Lexicon, today: date | None = None) -> Facts:
    """The credentials, job titles and industries stated in ``text`` (offsets index ``text``)."""
    today = today or date.today()
    facts = Facts()
    clauses = Clauses(text)
    creds = _read_credentials(text, clauses, lexicon)
    titles = _read_titles(text, clauses, lexicon, creds, today)
    taken = [(f.start, f.end) for f in [*creds, *titles]]
    titles += [TitleFact(**fields) for fields in read_fields(text, lexicon, taken)]
    need = LANGUAGE_NEED.search(text)
    facts.language_need = need.group() if need else ""
    school = IN_HIGH_SCHOOL.search(text)
    diploma = lexicon.credentials.get("high-school-diploma")
    bare = _BARE_HIGH_SCHOOL.search(text)
    if bare and diploma is not None and not school and not any(c.level for c in creds):
        # "..., high school" said on its own, as an item of a list: the diploma (never inside a
        # longer clause: "taught high school math", "a senior in high school")
        creds.append(CredentialFact(diploma.id, diploma.name, diploma.kind, diploma.level, None, bare.group(1),
                                    bare.start(1), bare.end(1), diploma.evidences, diploma.catalog, diploma.industries, "held"))
    if school and diploma is not None and not any(c.level for c in creds if c.status == "held"):
        # a student: the diploma is on its way, not held (a job that asks for one is not "apply now")
        creds.append(CredentialFact(diploma.id, diploma.name, diploma.kind, diploma.level, None, school.group(),
                                    school.start(), school.end(), diploma.evidences, diploma.catalog, diploma.industries, "goal"))
    for fact in sorted([*creds, *titles], key=lambda f: f.start):
        if fact.status == "goal":
            facts.goals.append(fact)
        elif fact.status == "lacks":
            facts.lacks.append(fact)
        elif isinstance(fact, CredentialFact):
            facts.credentials.append(fact)
        else:
            facts.titles.append(fact)
        if fact.status == "held":
            models = fact.industries if isinstance(fact, CredentialFact) else (fact.model,)
            for model in models:
                if model not in facts.industries:
                    facts.industries.append(model)
    facts.workplaces = read_workplaces(text, lexicon, taken + [(t.start, t.end) for t in titles])
    return facts
