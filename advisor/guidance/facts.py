"""Facts a jobseeker states: credentials held (GED, CNA, CDL-A, OSHA 10 ...) and job titles with
years and employer ("cashier at Walmart for 4 years"), found by the lexicon's alias patterns
(:mod:`advisor.guidance.lexicon`) with character offsets. Pure functions: no embedding model, no
database. Negated ("no GED", "lost my CDL") and intended ("working on my GED", "want to become a
CNA") mentions are never reported as held: they go to ``Facts.lacks`` and ``Facts.goals``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .lexicon import LEVELS, Lexicon, alias_key, load_lexicon, tokens

__all__ = ["CredentialFact", "TitleFact", "Facts", "read_facts", "load_lexicon", "Lexicon"]


@dataclass(frozen=True)
class CredentialFact:
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


Fact = CredentialFact | TitleFact


@dataclass
class Facts:
    credentials: list[CredentialFact] = field(default_factory=list)  # held
    titles: list[TitleFact] = field(default_factory=list)  # jobs held
    industries: list[str] = field(default_factory=list)  # model ids, in order of first mention
    goals: list[Fact] = field(default_factory=list)  # wanted, studied for, in progress
    lacks: list[Fact] = field(default_factory=list)  # said not to have, lost or expired

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


# --------------------------------------------------------------------------- cue patterns

_CLAUSE = re.compile(
    r"[.;!?\n\r]|\b(?:but|although|though|however|except|besides|whereas|because|other than)\b"
    r"|(?:,|\band\b|\bthen\b)\s*(?=(?:i|i'm|i've|i'd|i'll|im|ive|also|now|currently|then|have|had|got|want|wanna"
    r"|need|plan|hope|am|was|would|will|did|didn't|do|don't|never|recently|just|still|my|worked|work)\b)",
    re.IGNORECASE,
)
_NEG = re.compile(
    r"\b(?:no|not|never|nor|neither|without|lack(?:ing)?|lost|missing|none|don'?t|do not|doesn'?t|does not|didn'?t"
    r"|did not|haven'?t|have not|hasn'?t|has not|isn'?t|wasn'?t|aren'?t|can'?t|cannot|couldn'?t|unable|failed)\b",
    re.IGNORECASE,
)
_INTENT = re.compile(
    r"\b(?:wants?|wanted|wanna|would like|i'?d like|hop(?:e|es|ing)|plan(?:s|ning)?|going to|gonna|will|i'?ll"
    r"|working (?:on|towards?)|work(?:ing)? toward|study(?:ing)?|studied for|prepar(?:e|ing)|enroll(?:ed|ing)?"
    r"|signed up|sign up|taking|in school for|in class for|trying|try to|need(?:s|ed)?|require[sd]?|interested"
    r"|thinking (?:about|of)|looking (?:into|to|for|at)|consider(?:ing)?|apply(?:ing)?|applied|to get|getting"
    r"|earning|to earn|pursu(?:e|ing)|start(?:ed|ing)?|scheduled|someday|one day|goal|dream|become|becoming)\b",
    re.IGNORECASE,
)
_HELD = re.compile(r"\b(?:have|has|had|got|earned|passed|completed|finished|hold|obtained|received|i'?m|am|was)\b", re.IGNORECASE)
_AFTER_LACK = re.compile(r"^\W{0,3}(?:\w+\W+){0,3}?(?:expired|lapsed|suspended|revoked|inactive|not current|no longer)\b", re.IGNORECASE)
_AFTER_GOAL = re.compile(
    r"^\W{0,3}(?:\w+\W+){0,2}?(?:in progress|pending|prep|classes|class|course|courses|program|training program"
    r"|soon|next (?:week|month|year|spring|summer|fall|winter)|required|test|exam)\b",
    re.IGNORECASE,
)
_TITLE_NEG = re.compile(r"\b(?:not an?|never (?:been|worked|was)|wasn'?t an?|no experience (?:as|in)|without)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
_TITLE_GOAL = re.compile(
    r"\b(?:want(?:s|ed)? to|wanna|would like to|i'?d like to|hope to|hoping to|plan(?:ning)? to|going to|become|becoming"
    r"|training to|train to|studying to|school to|looking for|apply(?:ing)? (?:for|to)|interested in|goal is|dream"
    r"|get hired as|find)\b(?:\W+\w+){0,4}\W*$",
    re.IGNORECASE,
)
_TITLE_CUE = re.compile(
    r"(?:\bas an?|\bas the|\bi'?m an?|\bi am an?|\bim an?|\bi was an?|\bi'?ve been an?|\bi have been an?|\bworked as|\bwork as"
    r"|\bworking as|\bjob as|\bposition as|\brole as|\bexperience as|\bformer|\bcurrent|\bcurrently an?|\bprevious|\bsenior"
    r"|\bhired as|\bpromoted to)\W*(?:\w+\W+){0,1}$",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:currently|now|presently|still|i'?m|i am|im|i work|i'?ve been|i have been|working as)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|used to|worked|former(?:ly)?|previously|past|retired|left|quit|before)\b", re.IGNORECASE)

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "couple": 2, "a couple": 2, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3, "half a": 0.5,
}
_NUM = r"(?P<n>\d+(?:\.\d+)?|half an?|a couple(?: of)?|couple(?: of)?|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty)"
_UNIT = r"(?P<u>years?|yrs?|months?|mos?|weeks?|wks?)"
_DURATION = re.compile(
    r"(?<![\w.])(?:about |around |almost |nearly |over |more than |roughly |approximately |at least |the (?:past|last) )?"
    + _NUM + r"\s*\+?\s*(?:-\s*\d+\s*)?" + _UNIT + r"(?P<half> and a half)?(?!\w)",
    re.IGNORECASE,
)
_BEFORE_DURATION = re.compile(
    _NUM + r"\s*\+?\s*(?:-\s*\d+\s*)?" + _UNIT + r"(?P<half> and a half)?['’]?\s+(?:of\s+)?(?:experience\s+|exp\s+|work\s+)?"
    r"(?:as\s+|working\s+as\s+|being\s+|in\s+)?(?:an?\s+|the\s+)?(?:(?:certified|professional|full[\s-]?time|part[\s-]?time)\s+)?$",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
_RANGE = re.compile(
    r"(?:from\s+)?(?:" + _MONTH + r")?(?P<a>(?:19|20)\d{2})\s*(?:-|–|—|to|until|till|through|thru)\s*(?:" + _MONTH
    + r")?(?P<b>(?:19|20)\d{2}|present|now|current|today)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\s+(?:" + _MONTH + r")?(?P<a>(?:19|20)\d{2})\b", re.IGNORECASE)

_NAME_WORD = r"[A-Za-z0-9&][\w&'’.-]*"
_STOP = (
    r"(?:for|since|from|in|during|and|but|where|when|until|as|doing|about|over|years?|yrs?|months?|then|i|my|with|at"
    r"|to|on|while|because|so|or|part|full|time|now|currently|till|through|the past|last|before|after|which|who)"
)
_EMPLOYER = re.compile(
    r"(?:^|\s|,|\()(?P<p>at|for|with|@)\s+(?:the\s+|a\s+|an\s+)?(?P<name>(?!" + _STOP + r"\b)" + _NAME_WORD
    + r"(?:\s+(?!" + _STOP + r"\b)" + _NAME_WORD + r"){0,3})",
    re.IGNORECASE,
)
_NOT_EMPLOYER = {
    "home", "night", "nights", "work", "first", "least", "times", "once", "all", "moment", "time", "register", "front",
    "front desk", "front end", "desk", "counter", "least", "while", "long time", "living", "family", "myself", "years",
    "months", "hours", "him", "her", "them", "us", "people", "customers", "patients", "kids", "children", "residents",
    "clients", "elderly", "seniors", "everyone", "it", "this", "that", "job", "one", "company", "same",
}
_FIELD = re.compile(r"^(?:\s*(?:degree|diploma)\b)?\s+(?:in|of)\s+")
_FIELD_WORDS = re.compile(
    r"^\s*(?P<f>(?!(?:" + _STOP + r"|degree|back|ago|20\d\d|19\d\d)\b)[A-Za-z&][\w&'’-]*(?:\s+(?!(?:" + _STOP
    + r"|degree|back|ago|this|that|which|is|was)\b)[A-Za-z&][\w&'’-]*){0,3})",
    re.IGNORECASE,
)
_LINE_START = re.compile(r"(?:^|[\n\r])[\s\-*•·▪►◦‣>]*(?:\d{1,2}[.)]\s*)?$")
_FIELD_LEVELS = {"some-college", "associate", "bachelor", "master", "doctorate"}


# --------------------------------------------------------------------------- helpers


def _clause_start(text: str, pos: int, reach: int = 160) -> int:
    lo = max(0, pos - reach)
    start = lo
    for m in _CLAUSE.finditer(text, lo, pos):
        start = m.end()
    return start


def _clause_end(text: str, pos: int, reach: int = 90) -> int:
    m = _CLAUSE.search(text, pos, min(len(text), pos + reach))
    return m.start() if m else min(len(text), pos + reach)


def _last_words(prefix: str, n: int) -> str:
    words = prefix.split()
    return " ".join(words[-n:])


def _status(text: str, start: int, end: int) -> str:
    """held | goal | lacks for a credential mention, from the words around it in its clause."""
    prefix = text[_clause_start(text, start) : start]
    near = _last_words(prefix, 7)
    if _NEG.search(near):
        return "lacks"
    if _INTENT.search(_last_words(prefix, 8)):
        return "goal"
    after = text[end : _clause_end(text, end, 48)]
    if _AFTER_LACK.search(after):
        return "lacks"
    if _AFTER_GOAL.search(after) and not _HELD.search(near):
        return "goal"
    return "held"


def _number(raw: str) -> float:
    raw = " ".join(raw.lower().split())
    return float(raw) if raw[0].isdigit() else float(_NUMBERS.get(raw, 1))


def _duration(m: re.Match) -> float:
    n = _number(m.group("n"))
    if m.group("half"):
        n += 0.5
    unit = m.group("u").lower()
    if unit.startswith("m"):
        n /= 12
    elif unit.startswith("w"):
        n /= 52
    return round(n, 2)


def _years_between(a: int, b: str, today: date) -> tuple[float, bool]:
    if b.isdigit():
        return float(max(int(b) - a, 0.5)), False
    return round(max((today - date(a, 7, 1)).days / 365.25, 0.5), 1), True


def _employer(window: str, lexicon: Lexicon, cased_text: bool) -> tuple[str, int]:
    """The employer named in ``window`` ("at Walmart", "for Kroger") and where it ends, or ('', -1)."""
    for m in _EMPLOYER.finditer(window):
        name = m.group("name").rstrip(".'’-")
        words = name.split()
        # keep the known part of a longer name ("Walmart distribution" stays whole; "Walmart for" never forms)
        low = name.lower()
        if low in _NOT_EMPLOYER or words[0].lower() in ("his", "her", "our", "their", "your"):
            continue
        prep = m.group("p").lower()
        if prep == "for" and (_DURATION.match(name) or words[0].lower() in _NUMBERS or words[0][0].isdigit()):
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
        m = _FIELD.match(rest)
        if not m:
            return None
        rest = rest[m.end() :]
    m = _FIELD_WORDS.match(rest)
    return m.group("f").strip(" -'’") if m else None


def _variants(text: str, start: int, end: int, variants) -> str | None:
    lo, hi = max(_clause_start(text, start), start - 40), min(_clause_end(text, end, 60), end + 40)
    found = [label for label, pattern in variants if pattern.search(text, lo, hi)]
    return ", ".join(found) or None


# --------------------------------------------------------------------------- reading


def _read_credentials(text: str, lexicon: Lexicon) -> list[CredentialFact]:
    out = []
    for m in lexicon.credential_re.finditer(text):
        cred = lexicon.credential_for(m.group())
        if cred is None:
            continue
        fld = cred.field
        if fld is None and cred.level in _FIELD_LEVELS:
            fld = _field_after(text, m.end(), m.group())
        if fld is None and cred.variants:
            fld = _variants(text, m.start(), m.end(), cred.variants)
        out.append(
            CredentialFact(
                cred.id, cred.name, cred.kind, cred.level, fld, m.group(), m.start(), m.end(),
                cred.evidences, cred.catalog, cred.industries, _status(text, m.start(), m.end()),
            )
        )
    return out


def _read_titles(text: str, lexicon: Lexicon, creds: list[CredentialFact], today: date) -> list[TitleFact]:
    matches = list(lexicon.title_re.finditer(text))
    cased_text = text != text.lower()
    cred_models = [i for c in creds if c.status == "held" for i in c.industries]
    out = []
    for i, m in enumerate(matches):
        targets = lexicon.titles_for(m.group())
        if not targets:
            continue
        start, end = m.span()
        clause0 = _clause_start(text, start)
        prefix = text[clause0:start]
        stop = min(_clause_end(text, end), matches[i + 1].start() if i + 1 < len(matches) else len(text))
        after = text[end:stop]
        employer, emp_end = _employer(after, lexicon, cased_text)
        employer = employer or _employer_before(prefix, lexicon)
        years, current = None, None
        rng = _RANGE.search(after) or _RANGE.search(prefix)
        since = _SINCE.search(after)
        dur = _DURATION.search(after)
        before = _BEFORE_DURATION.search(prefix)
        if rng:
            years, current = _years_between(int(rng.group("a")), rng.group("b").lower(), today)
        elif since:
            years, current = _years_between(int(since.group("a")), "now", today)
        elif dur:
            years = _duration(dur)
        elif before:
            years = _duration(before)
        wanted = bool(_TITLE_GOAL.search(prefix))
        cue = bool(_TITLE_CUE.search(prefix) or employer or years is not None or wanted)
        line_start = bool(_LINE_START.search(text[max(0, start - 12) : start])) or start == 0
        inside_cred = any(c.start <= start and end <= c.end for c in creds)
        if inside_cred and not cue:
            continue
        candidates = [(r, weak) for r, weak in targets if not weak or cue or line_start]
        if not candidates:
            continue
        if wanted or (_INTENT.search(_last_words(prefix, 4)) and not _TITLE_CUE.search(prefix)):
            status = "goal"
        elif _TITLE_NEG.search(prefix):
            status = "lacks"
        else:
            status = "held"
        if current is None:
            near = _last_words(prefix, 6)
            if _NOW.search(near) or re.match(r"\W*(?:now|currently)\b", after, re.IGNORECASE):
                current = True
            elif _PAST.search(near):
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


def read_facts(text: str, lexicon: Lexicon, today: date | None = None) -> Facts:
    """The credentials, job titles and industries stated in ``text`` (offsets index ``text``)."""
    today = today or date.today()
    facts = Facts()
    creds = _read_credentials(text, lexicon)
    titles = _read_titles(text, lexicon, creds, today)
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
    return facts
