"""Word patterns the facts reader uses around a mention: clause boundaries, negation, intention,
title cues, durations and date ranges, employers and fields of study."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date

_CLAUSE = re.compile(
    r"[.;!?\n\r]|\b(?:but|although|though|however|except|besides|whereas|because|other than)\b"
    r"|(?:,|\band\b|\bthen\b)\s*(?=(?:i|i'm|i've|i'd|i'll|im|ive|also|now|currently|then|have|had|got|want|wanna"
    r"|need|plan|hope|am|was|would|will|did|didn't|do|don't|never|recently|just|still|my|worked|work)\b)",
    re.IGNORECASE,
)
NEG = re.compile(
    r"\b(?:no|not|never|nor|neither|without|lack(?:ing)?|lost|missing|none|don'?t|do not|doesn'?t|does not|didn'?t"
    r"|did not|haven'?t|have not|hasn'?t|has not|isn'?t|wasn'?t|aren'?t|can'?t|cannot|couldn'?t|unable|failed"
    r"|sin|nunca|tampoco|ningun[oa]?)\b",  # and in Spanish: "sin diploma", "no tengo GED"
    re.IGNORECASE,
)
INTENT = re.compile(
    r"\b(?:wants?|wanted|wanna|would like|i'?d like|hop(?:e|es|ing)|plan(?:s|ning)?|going to|gonna|will|i'?ll"
    r"|working (?:on|towards?)|work(?:ing)? toward|study(?:ing)?|studied for|prepar(?:e|ing)|enroll(?:ed|ing)?"
    r"|signed up|sign up|taking|in school for|in class for|trying|try to|need(?:s|ed)?|require[sd]?|interested"
    r"|thinking (?:about|of)|looking (?:into|to|for|at)|consider(?:ing)?|apply(?:ing)?|applied|to get|getting"
    r"|earning|to earn|pursu(?:e|ing)|start(?:ed|ing)?|scheduled|someday|one day|goal|dream|become|becoming"
    r"|quiero|quisiera|estudiando|estoy sacando)\b",
    re.IGNORECASE,
)
HELD = re.compile(r"\b(?:have|has|had|got|earned|passed|completed|finished|hold|obtained|received|i'?m|am|was)\b", re.IGNORECASE)
AFTER_LACK = re.compile(r"^\W{0,3}(?:\w+\W+){0,3}?(?:expired|lapsed|suspended|revoked|inactive|not current|no longer)\b", re.IGNORECASE)
#: a licence said to have lapsed later in the sentence ("an LPN for 12 years but my license lapsed")
LAPSED_LATER = re.compile(
    r"^[^.;!?\n]*?\b(?:but|and|though)\s+(?:my|the|her|his|that)\s+(?:\w+\s+)?(?:licen[cs]e|certification|certificate|registration)\s+"
    r"(?:has\s+|had\s+|was\s+|is\s+|got\s+)?(?:lapsed|expired|revoked|suspended|inactive)\b", re.IGNORECASE)
AFTER_GOAL = re.compile(
    r"^\W{0,3}(?:\w+\W+){0,2}?(?:in progress|pending|prep|classes|class|course|courses|program|training program"
    r"|soon|next (?:week|month|year|spring|summer|fall|winter)|required|test|exam)\b",
    re.IGNORECASE,
)
TITLE_NEG = re.compile(r"\b(?:not an?|never (?:been|worked|was)|wasn'?t an?|no experience (?:as|in)|without)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
TITLE_GOAL = re.compile(
    r"\b(?:want(?:s|ed)? to|wanna|would like to|i'?d like to|hope to|hoping to|plan(?:ning)? to|going to|become|becoming"
    r"|training to|train to|studying to|school to|looking for|apply(?:ing)? (?:for|to)|interested in|goal is|dream"
    r"|get hired as|find|mov(?:e|ing) (?:up )?(?:to|into)|switch(?:ing)? (?:to|into)|transition(?:ing)? (?:to|into)"
    r"|get into|eventually|someday|one day)\b(?:\W+\w+){0,6}\W*$",
    re.IGNORECASE,
)
#: said right after a job title, these make it a goal ("programmer eventually", "nurse someday")
TITLE_GOAL_AFTER = re.compile(r"^\W*(?:\w+\W+){0,2}(?:eventually|someday|some day|one day|in the future|down the road)\b", re.IGNORECASE)
TITLE_CUE = re.compile(
    r"(?:\bas an?|\bas the|\bi'?m an?|\bi am an?|\bim an?|\bi was an?|\bi'?ve been an?|\bi have been an?|\bworked as|\bwork as"
    r"|\bworking as|\bjob as|\bposition as|\brole as|\bexperience as|\bformer|\bcurrent|\bcurrently an?|\bprevious|\bsenior"
    r"|\bhired as|\bpromoted to)\W*(?:\w+\W+){0,1}$",
    re.IGNORECASE,
)
NOW = re.compile(r"\b(?:currently|now|presently|still|i'?m|i am|im|i work|i'?ve been|i have been|working as)\b", re.IGNORECASE)
PAST = re.compile(r"\b(?:was|used to|worked|former(?:ly)?|previously|past|retired|left|quit|before)\b", re.IGNORECASE)

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "couple": 2, "a couple": 2, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3, "half a": 0.5,
}
_NUM = r"(?P<n>\d+(?:\.\d+)?|half an?|a couple(?: of)?|couple(?: of)?|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty)"
_UNIT = r"(?P<u>years?|yrs?|months?|mos?|weeks?|wks?)"
DURATION = re.compile(
    r"(?<![\w.])(?:about |around |almost |nearly |over |more than |roughly |approximately |at least |the (?:past|last) )?"
    + _NUM + r"\s*\+?\s*(?:-\s*\d+\s*)?" + _UNIT + r"(?P<half> and a half)?(?!\w)",
    re.IGNORECASE,
)
BEFORE_DURATION = re.compile(
    _NUM + r"\s*\+?\s*(?:-\s*\d+\s*)?" + _UNIT + r"(?P<half> and a half)?['’]?\s+(?:of\s+)?(?:experience\s+|exp\s+|work\s+)?"
    r"(?:as\s+|working\s+as\s+|being\s+|in\s+)?(?:an?\s+|the\s+)?(?:(?:certified|professional|full[\s-]?time|part[\s-]?time)\s+)?$",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
RANGE = re.compile(
    r"(?:from\s+)?(?:" + _MONTH + r")?(?P<a>(?:19|20)\d{2})\s*(?:-|–|—|to|until|till|through|thru)\s*(?:" + _MONTH
    + r")?(?P<b>(?:19|20)\d{2}|present|now|current|today)\b",
    re.IGNORECASE,
)
SINCE = re.compile(r"\bsince\s+(?:" + _MONTH + r")?(?P<a>(?:19|20)\d{2})\b", re.IGNORECASE)

_NAME_WORD = r"[A-Za-z0-9&][\w&'’.-]*"
_STOP = (
    r"(?:for|since|from|in|during|and|but|where|when|until|as|doing|about|over|years?|yrs?|months?|then|i|my|with|at"
    r"|to|on|while|because|so|or|part|full|time|now|currently|till|through|the past|last|before|after|which|who)"
)
EMPLOYER = re.compile(
    r"(?:^|\s|,|\()(?P<p>at|for|with|@)\s+(?:the\s+|a\s+|an\s+)?(?P<name>(?!" + _STOP + r"\b)" + _NAME_WORD
    + r"(?:\s+(?!" + _STOP + r"\b)[A-Za-z&][\w&'’.-]*){0,3})",
    re.IGNORECASE,
)
NOT_EMPLOYER = {
    "home", "night", "nights", "work", "first", "least", "times", "once", "all", "moment", "time", "register", "front",
    "front desk", "front end", "desk", "counter", "least", "while", "long time", "living", "family", "myself", "years",
    "months", "hours", "him", "her", "them", "us", "people", "customers", "patients", "kids", "children", "residents",
    "clients", "elderly", "seniors", "everyone", "it", "this", "that", "job", "one", "company", "same",
}
FIELD = re.compile(r"^(?:\s*(?:degree|diploma)\b)?\s+(?:in|of)\s+")
FIELD_WORDS = re.compile(
    r"^\s*(?P<f>(?!(?:" + _STOP + r"|degree|back|ago|20\d\d|19\d\d)\b)[A-Za-z&][\w&'’-]*(?:\s+(?!(?:" + _STOP
    + r"|degree|back|ago|this|that|which|is|was)\b)[A-Za-z&][\w&'’-]*){0,3})",
    re.IGNORECASE,
)
LINE_START = re.compile(r"(?:^|[\n\r])[\s\-*•·▪►◦‣>]*(?:\d{1,2}[.)]\s*)?$")
FIELD_LEVELS = {"some-college", "associate", "bachelor", "master", "doctorate"}


# --------------------------------------------------------------------------- helpers


class Clauses:
    """Clause boundaries of one text, found once and looked up by bisection."""

    def __init__(self, text: str):
        spans = [m.span() for m in _CLAUSE.finditer(text)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.size = len(text)

    def start(self, pos: int, reach: int = 160) -> int:
        i = bisect_right(self.ends, pos) - 1
        return max(self.ends[i] if i >= 0 else 0, pos - reach, 0)

    def end(self, pos: int, reach: int = 90) -> int:
        i = bisect_left(self.starts, pos)
        return min(self.starts[i] if i < len(self.starts) else self.size, pos + reach, self.size)


def _number(raw: str) -> float:
    raw = " ".join(raw.lower().split())
    return float(raw) if raw[0].isdigit() else float(NUMBERS.get(raw, 1))


def duration(m: re.Match) -> float:
    n = _number(m.group("n"))
    if m.group("half"):
        n += 0.5
    unit = m.group("u").lower()
    if unit.startswith("m"):
        n /= 12
    elif unit.startswith("w"):
        n /= 52
    return round(n, 2)


def years_between(a: int, b: str, today: date) -> tuple[float, bool]:
    if b.isdigit():
        return float(max(int(b) - a, 0.5)), False
    return round(max((today - date(a, 7, 1)).days / 365.25, 0.5), 1), True


#: words that say English is a barrier for the person (not merely that they speak another language)
LANGUAGE_NEED = re.compile(
    r"\benglish\s+(?:isn'?t|is\s+not|not|no|is\s+no|is\s+still\s+not)\s+(?:so\s+|very\s+|too\s+|that\s+|yet\s+|really\s+)?"
    r"(?:good|great|strong|well|perfect|fluent|the best)\b"
    r"|\benglish\s+(?:is\s+)?(?:still\s+|very\s+|kind of\s+|a bit\s+)?(?:bad|poor|weak|limited|broken)\b"
    r"|\b(?:limited|little|some|basic|broken|poor|beginner|a little)\s+english\b"
    r"|\b(?:learning|studying|improving|practicing|practising)\s+(?:my\s+)?english\b"
    r"|\b(?:no|not much|don'?t speak|do not speak|can'?t speak|cannot speak|hardly speak)\s+(?:much\s+|good\s+)?english\b"
    r"|\benglish\s+(?:as\s+(?:a|my)\s+second\s+language|is\s+my\s+second\s+language)\b"
    r"|\b(?:esl|ell|english)\s+class(?:es)?\b|\b(?:taking|in|attend(?:ing)?)\s+esl\b"
    r"|\bonly\s+speak\s+(?!english)[a-z]+\b|\bneed(?:s)?\s+(?:to\s+)?(?:learn|improve)\s+(?:my\s+)?english\b",
    re.IGNORECASE,
)


#: words that say the person is still in high school (a diploma is then a goal, not held)
IN_HIGH_SCHOOL = re.compile(
    r"\b(?:(?:a\s+)?(?:senior|junior|sophomore|freshman)\s+in\s+high\s+school|high\s+school\s+(?:senior|junior|student|sophomore|freshman)"
    r"|still\s+in\s+high\s+school|(?:in|finishing)\s+(?:the\s+)?(?:12th|11th|10th|twelfth|eleventh)\s+grade"
    r"|graduat(?:e|ing)\s+(?:from\s+)?high\s+school\s+(?:in|this|next)\b)",
    re.IGNORECASE,
)

#: work done in the military or in another country: a past job there shows no U.S. civilian licence
#: (a Navy corpsman is not a certified EMT; a teacher in Korea holds no state teaching licence)
ELSEWHERE = re.compile(
    r"\b(?:army|navy|air\s+force|marines?|marine\s+corps|coast\s+guard|national\s+guard|military|usmc|usaf|usn|"
    r"in\s+the\s+service|overseas|abroad|back\s+home|in\s+my\s+country|en\s+mi\s+pa[ií]s)\b"
    r"|\b(?:in|from)\s+(?:mexico|guatemala|honduras|el\s+salvador|nicaragua|cuba|the\s+dominican\s+republic|haiti|jamaica|"
    r"venezuela|colombia|ecuador|peru|brazil|the\s+philippines|india|pakistan|bangladesh|nepal|china|vietnam|korea|"
    r"south\s+korea|japan|burma|myanmar|afghanistan|iraq|iran|syria|ukraine|russia|poland|nigeria|ghana|kenya|ethiopia|"
    r"eritrea|somalia|sudan|congo|cameroon|egypt|morocco|canada|england|the\s+uk)\b", re.IGNORECASE)
#: words that put a stated licence in doubt here: "no US license yet", "not licensed in this state"
LICENCE_DOUBT = re.compile(
    r"\b(?:no|not|without|don'?t\s+have\s+(?:a|my|the)?|do\s+not\s+have\s+(?:a|my|the)?|never\s+got\s+(?:a|my|the)?)\s+"
    r"(?:(?:a|my|the|any)\s+)?(?:u\.?s\.?|american|state|[a-z]+\s+state|local|current)?\s*licen[cs](?:e|ed)\b"
    r"|\blicen[cs]e\s+(?:expired|lapsed|(?:is\s+)?not\s+valid)\b",
    re.IGNORECASE,
)
#: an age under 18 said ("I'm 16", "17 years old"): no hazardous work (FLSA child labor rules)
MINOR_AGE = re.compile(r"\b(?:i'?m|i\s+am|age|aged)\s+(1[3-7])\b|\b(1[3-7])\s*(?:years?\s*old|yrs?\s*old|y/?o)\b", re.IGNORECASE)
#: a high school student by grade or year ("in 11th grade", "junior in high school"): a minor, most likely
IN_SCHOOL = re.compile(
    r"\b(?:in|a|an)\s+(?:9th|10th|11th|12th|ninth|tenth|eleventh|twelfth)\s+grade(?:r)?\b|\b(?:9th|10th|11th|12th)\s+grader\b"
    r"|\b(?:freshman|sophomore|junior|senior)\s+(?:in|at)\s+(?:the\s+)?(?:high\s+school|hs)\b"
    r"|\bhigh\s+school\s+(?:student|freshman|sophomore|junior|senior)\b", re.IGNORECASE)
#: words that say the person has worked, even when no job title is read ("20 years on the line")
WORKED = re.compile(r"\b\d+(?:\.\d+)?\s*\+?\s*(?:years?|yrs?|años|anos|months?|mos?)\b|\b(?:worked|trabaj[eé]|employed|laid\s+off)\b",
                    re.IGNORECASE)
