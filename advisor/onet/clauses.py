"""The clauses of a person's words that may name a past job, for
:meth:`advisor.onet.occupations.Occupations.recognise`: each clause's title part and the years it
states ("stocker at Walmart 3 yrs" -> "stocker", 3), a station worked read as its worker ("worked
the register" -> cashier), the line of a plant as the work, and what people say of themselves
(traits, a veteran's service) set apart. Pure functions; nothing here keeps the words it is given."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

#: what people say of themselves, not a job they held
_TRAITS = re.compile(
    r"\b(?:hard\s*work(?:er|ing)?|team\s*player|people\s*person|(?:quick|fast)\s*learner|self\s*starter|go\s*getter|"
    r"detail\s*oriented|reliable|punctual|dependable|motivated|bilingual|good\s+with|great\s+with|people\s+skills|"
    r"certified|licensed\s+in|speaks?|spoke|fluent|native\s+speaker)\b", re.I)
#: a service's veterans ("Navy vet") are not veterinarians
_VETERAN = frozenset({"vet", "vets", "veteran", "veterans", "retired", "prior service", "reserves", "reserve", "active duty"})
#: a clause that starts with a doing word tells a task ("drove a forklift"), not a job title
_DOING = re.compile(r"^(?:\w+ed|drove|ran|made|kept|did|took|built|led|taught|sold|fixed|handled|helped|used|can|do|know)$")
_CLAUSE = re.compile(r"[^,;\n.•]+")
_YEARS = re.compile(r"\b(\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+\s*)?(years?|yrs?|anos?|months?|mos?|meses)\b", re.I)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_LEAD = re.compile(r"^\s*(?:i\s+)?(?:(?:was|am|worked|work|have\s+been|been|served|spent)\b)?\s*(?:as\s+)?(?:an?\s+|the\s+)?", re.I)
_TAIL = re.compile(r"\s+(?:at|for|with|in|from|since|during|on(?!\s+(?:the|a)\s+(?:\w+\s+){0,2}(?:line|floor|dock)\b))\s+.*$", re.I)
_LAID_OFF = re.compile(r"^(?:got\s+)?(?:laid\s+off|let\s+go|retired)(?:\s+(?:after|from))?\s*", re.I)
_ON_THE = re.compile(r"^(?:on|in|at)\s+the\s+", re.I)
#: a station worked ("worked the register") and who works it
_STATION = re.compile(r"^(?:i\s+)?(?:worked|work|working|ran|run|running|manned|covered|was\s+on|on)\s+the\s+(.+)$", re.I)
_STATIONS = {
    "register": "cashier", "registers": "cashier", "cash register": "cashier", "till": "cashier", "grill": "grill cook",
    "fryer": "fry cook", "fryers": "fry cook", "front desk": "front desk clerk", "dish pit": "dishwasher",
    "dish machine": "dishwasher", "deli": "deli clerk", "deli counter": "deli clerk", "sales floor": "sales associate",
    "dock": "dock worker", "loading dock": "dock worker", "phones": "receptionist", "switchboard": "switchboard operator",
    "bar": "bartender", "drive thru": "fast food worker", "drive-thru": "fast food worker", "pharmacy counter": "pharmacy clerk",
}
#: words of when or where before the work ("Inside I worked in the laundry", "then I worked ...")
_WHEN = re.compile(r"^(?:inside|there|then|also|later|before\s+that|after\s+that|in\s+there|while\s+inside)\s+", re.I)
#: a department worked in ("worked in the laundry"): its worker
_IN_A_SHOP = re.compile(
    r"\b(?:worked|working|work)\s+in\s+(?:the|a)\s+(laundry|kitchen|warehouse|mailroom|stockroom|bakery|deli|cafeteria|"
    r"dish\s*room|print\s+shop|wood\s+shop|machine\s+shop|paint\s+shop|greenhouse|dairy|butcher\s+shop)\b", re.I)
_ON_A_LINE = re.compile(r"\bon\s+(?:the|a|an)\s+((?:[a-z]+\s+){1,2}line)\b", re.I)


#: lines of work said by the work ("worked construction"): advisor/data/work_fields.yaml
WORK_FIELDS = Path(__file__).resolve().parent.parent / "data" / "work_fields.yaml"


@lru_cache(maxsize=1)
def work_fields() -> tuple[dict[str, str], frozenset[str], re.Pattern]:
    """Each line of work -> its worker; the lines that are everyday tasks too; the clause pattern."""
    import yaml

    doc = yaml.safe_load(WORK_FIELDS.read_text(encoding="utf-8")) or {}
    fields = {str(k).lower(): str(v) for k, v in (doc.get("fields") or {}).items()}
    tasks = {str(k).lower(): str(v) for k, v in (doc.get("tasks") or {}).items()}
    names = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted({**fields, **tasks}, key=len, reverse=True))
    frame = re.compile(
        r"^(?:i\s+)?(?:(?P<v>(?:have\s+|had\s+|used\s+to\s+)?(?:(?P<w>worked|work|working|been\s+working|been|was|were|spent)"
        r"|did|do|doing|done|been\s+doing))\s+)?(?P<p>(?:in|at)\s+)?(?:the\s+|a\s+)?"
        rf"(?P<f>{names})(?:\s+(?:work|jobs?|industry|business|field|company))?"
        r"(?P<t>\s+(?:at|for|with|in|from|since|during)\b.*)?$", re.I)
    return {**fields, **tasks}, frozenset(tasks), frame


#: work done for family, friends or at home ("did auto repair in my garage"): work shown, no job held
_INFORMAL = re.compile(
    r"\b(?:for|with|in|at|around)\s+(?:my|our)\s+(?:own\s+)?(?:family|dad|father|mom|mother|parents|uncle|aunt|brother|"
    r"sister|cousin|grand\w+|neighbou?rs?|friends?|church|kids|husband|wife|garage|house|home|yard)\b"
    r"(?!'s\s+(?:company|business|shop|crew|restaurant|store|firm))|\b(?:at|from)\s+home\b", re.I)


def field_worker(clause: str, years: bool) -> tuple[str, bool] | None:
    """The worker a clause names by its line of work ("worked construction", "did drywall",
    "in retail" with years) and whether it is said in the present ("I do security"), or None. A
    line that is also an everyday task ("did customer service") names a job only with years,
    "worked" or said in the present ("I do security")."""
    workers, tasks, frame = work_fields()
    m = frame.match(" ".join(clause.split()))
    if not m or not (m.group("v") or (m.group("p") and years)) or _INFORMAL.search(m.group("t") or ""):
        return None
    key = " ".join(m.group("f").lower().split())
    verb = " ".join((m.group("v") or "").lower().split())
    now = not verb.startswith(("used", "had")) and verb.split()[-1:] in (["work"], ["working"], ["do"], ["doing"], ["been"])
    if key in tasks and not (years or m.group("w") or now):
        return None
    return workers[key], now


def field_job(clause: str) -> tuple[str, float | None, bool] | None:
    """(worker, years, said in the present) when a whole clause names a job by its line of work;
    Spanish read as O*NET's title search reads it ("trabajé en construcción 6 años")."""
    from .spanish import _spanish, fold

    plain = " ".join(re.sub(r"[^a-z0-9+#]+", " ", fold(clause).lower()).split())  # as advisor.db.onet.normalize
    english = _spanish(plain)
    rest, years = _years(english if english != plain else clause)
    got = field_worker(_WHEN.sub("", " ".join(rest.split())), years is not None)
    return (got[0], years, got[1]) if got else None


def _years(clause: str) -> tuple[str, float | None]:
    """The clause without the years it states, and those years."""
    m = _YEARS.search(clause)
    if not m:
        return clause, None
    raw = m.group(1).lower()
    amount = float(_NUMBERS.get(raw, raw)) if raw in _NUMBERS or raw.replace(".", "", 1).isdigit() else None
    years = None
    if amount is not None:
        years = round(amount / 12, 2) if m.group(2).lower().startswith(("mo", "me")) else amount
    return clause[: m.start()] + " " + clause[m.end():], years


def _clauses(text: str):
    for m in _CLAUSE.finditer(text):
        if m.group().strip():
            yield m.start(), m.end(), m.group()


def _core(clause: str) -> tuple[str, float | None]:
    """The title part of a clause and the years it states: 'stocker at Walmart 3 yrs' -> ('stocker', 3)."""
    clause, years = _years(clause)
    worker = field_worker(_WHEN.sub("", " ".join(clause.split())), years is not None)
    if worker:  # "worked construction 6 years", "did security at a mall": its worker
        return worker[0], years
    line = _ON_A_LINE.search(clause) or _IN_A_SHOP.search(clause)  # "on the assembly line", "worked in the laundry"
    clause = _TAIL.sub("", clause)
    station = _STATION.match(" ".join(clause.split()))
    if station and station.group(1).lower() in _STATIONS:  # "worked the register": its worker
        clause = _STATIONS[station.group(1).lower()]
    if line and not _LAID_OFF.sub("", _LEAD.sub("", _WHEN.sub("", " ".join(clause.split())), count=1), count=1).strip():
        clause = line.group(1) if line.re is _ON_A_LINE else f"{line.group(1)} worker"
    clause = re.sub(r"\b(?:of experience|experience|exp)\b", " ", clause, flags=re.I)
    clause = _LEAD.sub("", clause, count=1)
    # "laid off after 20 years on the assembly line": the work is what follows
    clause = _LAID_OFF.sub("", " ".join(clause.split()), count=1)
    place = _ON_THE.sub("", clause, count=1)
    return (place if len(place.split()) >= 2 else clause), years


#: the last word of a lesser role, never left off ("crane operator helper", "electrician apprentice")
_UNDER = frozenset("helper helpers assistant assistants apprentice apprentices trainee trainees aide aides".split())
#: a service's code that is no word elsewhere (AFSC "3d1", Army "88m"), read inside a clause too
_SERVICE_CODE = re.compile(r"\d[a-z]\d|\d{2}[a-z]")


def _typical(ete: list[dict], scale: str, names: dict[int, str] | None = None) -> dict | None:
    rows = [r for r in ete if r["scale"] == scale and r["value"] is not None]
    if not rows:
        return None
    top = max(rows, key=lambda r: (r["value"], -r["category"]))
    label = (names or {}).get(top["category"]) or top.get("description") or str(top["category"])
    return {"category": top["category"], "label": label, "percent": round(top["value"], 1)}
