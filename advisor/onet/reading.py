"""Reading a job title as people say it, for :mod:`advisor.onet.occupations`: the clauses of the
words and the years each states, the employer, place and filler set aside, doing phrases turned
into titles ("drive trucks" -> "truck driver"), short forms spelled out, misspellings corrected
against the words of O*NET's titles, and the title index and national employment that break ties.
Pure functions over the imported titles; nothing here keeps the words it is given."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from ..db.onet import OnetStore, normalize
from .workers import _CHILDREN, _ELDERS, cared_for
from .spanish import _spanish

# -- reading a title as people say it

#: scores of the readings that are not the words as given (below an exact title, 1.0)
OWN_SCORE = 1.04  # every word is in the occupation's own title
HEAD_PENALTY = 0.07  # per word left off the front ("night stocker" -> "stocker")
HEAD_GENERIC = 0.12  # more when only a generic word is left ("associate")
VERB_PENALTY = 0.02  # a doing phrase read as its title ("drive trucks" -> "truck driver")
PLACE_PENALTY = 0.01  # the place put in front ("front desk at a hotel" -> "hotel front desk")
INSTITUTION_BONUS = 0.08  # an "institutional" title for a nursing home, hospital or jail beats the bare title
SPELL_PENALTY = 0.03  # per misspelt word corrected (and 0.3 of how far the word is from its correction)
AGREE = 0.3  # how much nearer in meaning (cosine above the farthest of the nearest 40) counts among titles found
CLOSE = 0.05  # the search by meaning also weighs in when the best two are this close
COMPOUND_PENALTY = 0.01
FIELD_PENALTY = 0.03  # a line of work read as its worker ("assembly line" -> "assembly line worker")  # two words written as one or one as two ("fork lift", "sheetrock")
BOSS_PENALTY = 0.1  # a manager's or supervisor's occupation when the words name no such role ("janitorial")
SAID_PLACE = True  # the search by meaning reads the place too ("cook at a nursing home")
PRIOR_PER_DECADE = 0.02  # per tenfold national employment, around 30,000 people

_STOP = frozenset("a an the and or of in at for to with on from by my our s".split())
#: head words that say little alone ("associate", "worker")
_GENERIC = frozenset(
    "worker associate operator technician tech specialist assistant helper clerk attendant agent laborer hand crew "
    "member staff employee person man lady guy lead manager supervisor aide driver work job".split()
)
#: short forms spelled out
_SHORT = {
    "tech": "technician", "techs": "technicians", "rep": "representative", "reps": "representatives", "asst": "assistant",
    "mgr": "manager", "maint": "maintenance", "svc": "service", "cust": "customer", "supv": "supervisor",
    "coord": "coordinator", "spec": "specialist", "engr": "engineer", "ops": "operations", "dept": "department",
    "assoc": "associate", "mech": "mechanic", "equip": "equipment", "mgmt": "management", "whse": "warehouse",
    "med": "medical", "maintainance": "maintenance", "govt": "government", "lab": "laboratory",
    "op": "operator", "opr": "operator", "drvr": "driver", "sup": "supervisor", "supt": "superintendent", "assy": "assembly",
    "mfg": "manufacturing", "prod": "production", "gen": "general", "elec": "electrical", "ofc": "office",
    "acctg": "accounting", "recv": "receiving", "demo": "demolition", "mktg": "marketing", "hosp": "hospital",
    "gm": "general manager", "para": "paraprofessional", "paras": "paraprofessionals",
}
#: short forms that mean something else in front of another word ("tech support", "admin assistant")
_SHORT_FRONT = {"tech": "technical", "admin": "administrative", "sub": "substitute"}
_SHORT["admin"] = "administrator"
#: doing words and the title of who does them ("drive" -> "driver"); the past and -ing forms too
_DOERS = {
    "drive": "driver", "wash": "washer", "load": "loader", "unload": "unloader", "paint": "painter", "clean": "cleaner",
    "cook": "cook", "bake": "baker", "fix": "repairer", "repair": "repairer", "install": "installer", "operate": "operator",
    "run": "operator", "manage": "manager", "stock": "stocker", "pick": "picker", "pack": "packer", "weld": "welder",
    "serve": "server", "teach": "teacher", "tutor": "tutor", "build": "builder", "sell": "salesperson", "deliver": "delivery driver",
    "cut": "cutter", "mow": "mower", "sew": "sewer", "move": "mover", "sort": "sorter", "inspect": "inspector",
    "assemble": "assembler", "frame": "framer", "lay": "layer", "guard": "guard", "watch": "sitter", "sit": "sitter",
    "walk": "walker", "groom": "groomer", "landscape": "landscaper", "plumb": "plumber", "wire": "electrician",
    "design": "designer", "program": "programmer", "code": "developer", "write": "writer", "translate": "translator",
    "nanny": "nanny", "babysit": "babysitter", "bartend": "bartender", "wait": "server", "tend": "tender",
}
_DOERS_TOO = {"fix": "mechanic", "repair": "mechanic"}
_PAST = {
    "drove": "drive", "ran": "run", "built": "build", "sold": "sell", "taught": "teach", "cut": "cut", "laid": "lay",
    "sewed": "sew", "wrote": "write", "sat": "sit", "waited": "wait", "driving": "drive", "running": "run",
    "babysat": "babysit", "raised": "raise", "looked": "look",
}
#: short forms, the other way: O*NET lists "HVAC Tech" but not "HVAC Technician"
_LONG = {"technician": "tech", "technicians": "techs", "representative": "rep", "administrative": "admin"}
#: the last word of a title that names a person (else the words name a line of work: "assembly line")
_ROLE = re.compile(
    r"(?:er|or|ist|ian|ant|ent|man|men|aide|aid|hand|tech|techs|cook|chef|nurse|guard|clerk|agent|staff|crew|rep|lead|"
    r"ee|ess|smith|wright|keeper|maid|nanny|teller|officer|medic|pilot|boss|s|sitter|driver|[0-9a-z]\d\w*)$")
#: places O*NET's "institutional" titles mean ("cook at a nursing home" is an institutional cook)
_INSTITUTIONS = re.compile(r"\b(?:nursing home|hospital|jail|prison|assisted living|care home|group home|"
                           r"rehab|correctional|detention|retirement home|senior living)\b")
#: the part of a workplace a line of work is done in ("the deboning line", "a framing crew")
_WORK_UNITS = frozenset("line crew shop department dept room station floor".split())
#: doing words of minding someone ("watched the kids", "babysat my cousins", "sat with grandma")
_MINDING = frozenset({"watch", "sit", "babysit", "mind", "raise", "look"})
#: the words of a carer, whose job is named by whom they care for
_CARERS = frozenset("caretaker caretakers caregiver caregivers carer sitter companion aide helper provider".split())
#: a grade after a title ("Cook II", "Custodian 2")
_LEVELS = frozenset("i ii iii iv 1 2 3 4".split())
#: the last word that names a first-line supervisor ("shift lead", "team leader")
_LEADS = frozenset({"lead", "leader", "leadman", "lead person"})
#: words in a query that ask for a manager or supervisor (else those occupations count for less)
_BOSS = frozenset(
    "manager managers management supervisor supervisors supervising lead leader foreman forewoman boss head director "
    "chief superintendent owner ceo executive president vp administrator coordinator charge gerente supervisora".split()
)
_SERVICES = (
    ("air force", "air force"), ("usaf", "air force"), ("coast guard", "coast guard"), ("uscg", "coast guard"),
    ("national guard", "army"), ("army", "army"), ("navy", "navy"), ("usn", "navy"), ("marine corps", "marine"),
    ("marines", "marine"), ("marine", "marine"), ("usmc", "marine"), ("military", "military"),
)
_SERVICE_WORDS = re.compile(
    r"\b(?:(?:in|with|for)\s+(?:the\s+)?(?:us\s+|u\s+s\s+)?)?(?:air force|usaf|coast guard|uscg|national guard|army|navy|usn|"
    r"marine corps|marines|usmc|military)(?:\s+(?:reserves?|national guard))?\b"
)
_AFSC = re.compile(r"\b(\d[a-z]\d)(?:x\d|\d\d)[a-z]?\b")  # Air Force specialty codes: 2T1X1, 2T151 -> 2t1
_RATE = re.compile(r"\b([a-z]{2,3})[1-3]\b")  # Navy and Coast Guard rates: HM3 -> hm
#: an Army specialty's letter said in the radio alphabet ("25 bravo" is 25B, "68 whiskey" 68W)
_PHONETIC = re.compile(
    r"\b(\d{2})\s*(alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliet|juliett|kilo|lima|mike|november|oscar|"
    r"papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|whisky|x ray|xray|yankee|zulu)\b")
#: "MOS" before a specialty code; four digits are a Marine Corps specialty ("MOS 3531")
_MOS = re.compile(r"\b(?:mos|m o s)\s+(?=(\d{4}\b)|\d{2}[a-z]\b)")
_LEAD_WORDS = re.compile(
    r"^(?:(?:i|we)\s+)?(?:(?:used to|have been|has been|had been|was|am|m|were|been|worked|work|working|served|serve|"
    r"did|do|was doing|doing)\s+)*(?:(?:as|like)\s+)?(?:(?:an?|the|my)\s+)?"
)
_SPAN = re.compile(r"\b(?:\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:years?|yrs?|anos?|months?|mos?|meses)\b"
                   r"|\bsince\s+\d{4}\b|\b(?:part|full)\s+time\b|\bseasonal\b|\btemporary\b|\bexperience\b"
                   r"|\b(?:under\s+the\s+table|off\s+the\s+books|for\s+cash|(?:on|as)\s+the\s+side|side\s+hustle|on\s+call)\b")
_PLACE = re.compile(
    r"\s+(?:at|for|with|in|from|on|inside|through|thru|of(?=\s+(?:an?|the)\s)|(?:attached|assigned)\s+to|"
    r"stationed\s+(?:at|in|on))(?:\s+(?:an?\s+|the\s+)?(.*))?$")


def _stem(word: str) -> str:
    """A word in its singular form, crudely: 'cooks' -> 'cook', 'dishes' -> 'dish', 'nannies' -> 'nanny'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _key(norm: str) -> tuple[str, ...]:
    """The words compared for an exact title: singular, the possessive 's' left out."""
    return tuple(_stem(w) for w in norm.split() if w != "s")


def _words(text: str) -> set[str]:
    return {_stem(w) for w in normalize(text).split() if len(w) > 2 and w not in _STOP}


#: everyday words and the word O*NET's occupation titles use for them ("store manager" is retail)
_TITLE_WORDS = {
    "store": "retail", "shop": "retail", "car": "automotive", "auto": "automotive", "kid": "child", "daycare": "childcare",
    "elderly": "care", "restaurant": "food", "kitchen": "food", "cafeteria": "food", "factory": "production",
}


def _overlap(asked: set[str], title: set[str]) -> float:
    """The share of the asked words an occupation's own title names, itself or by its title word."""
    return sum(w in title or _TITLE_WORDS.get(w) in title for w in asked) / len(asked) if asked else 0.0


@dataclass
class _TitleIndex:
    exact: dict[tuple[str, ...], list[tuple[str, str, str, str]]]  # word key -> (code, title, kind, normalized title)
    own: dict[str, set[str]]  # a word of an occupation's own title -> its codes
    vocab: dict[str, int]  # every word of every title -> how many titles use it
    by_letter: dict[str, list[str]]


_INDEXES: dict[tuple[str, int], _TitleIndex] = {}


def _title_index(store: OnetStore) -> _TitleIndex:
    """The titles in memory by their word keys (built once per imported database and process)."""
    path = Path(getattr(store, "path", "") or "")
    try:
        stamp = (str(path), path.stat().st_mtime_ns)
    except OSError:
        stamp = (str(path), -1)
    if stamp in _INDEXES and stamp[1] != -1:
        return _INDEXES[stamp]
    exact: dict[tuple[str, ...], list] = {}
    vocab: dict[str, int] = {}
    for t in store.titles():
        exact.setdefault(_key(t["norm"]), []).append((t["code"], t["title"], t["kind"], t["norm"]))
        for w in set(t["norm"].split()):
            vocab[w] = vocab.get(w, 0) + 1
    own: dict[str, set[str]] = {}
    fronts: dict[tuple[str, ...], list] = {}
    for o in store.occupations():
        for w in _words(o["title"]):
            own.setdefault(w, set()).add(o["code"])
        front = o["title"].split(",")[0]  # "Substitute Teachers, Short-Term" is a substitute teacher
        if front != o["title"] and " and " not in front and len(front.split()) > 1:
            fronts.setdefault(_key(normalize(front)), []).append((o["code"], o["title"], "title", normalize(front)))
    for key, rows in fronts.items():
        if len(rows) == 1 and not any(r[0] == rows[0][0] for r in exact.get(key, ())):
            exact.setdefault(key, []).append(rows[0])
    by_letter: dict[str, list[str]] = {}
    for w in vocab:
        if len(w) >= 4 and w.isalpha():
            by_letter.setdefault(w[0], []).append(w)
    index = _TitleIndex(exact, own, vocab, by_letter)
    _INDEXES.clear()
    _INDEXES[stamp] = index
    return index


@lru_cache(maxsize=1)
def _employment() -> dict[str, int]:
    """National employment by SOC code from the shipped OEWS table (empty when it cannot be read)."""
    import gzip
    import json

    from .. import config

    try:
        path = config.data_dir() / "wages" / "oews-2025.csv.gz"
        index = json.loads(path.with_suffix("").with_suffix(".json").read_text(encoding="utf-8"))
        columns, area = list(index["columns"]), index["areas"]["0000000"]
        with path.open("rb") as f:
            f.seek(int(area["offset"]))
            raw = gzip.decompress(f.read(int(area["length"]))).decode("utf-8")
        out = {}
        for line in raw.splitlines():
            cells = dict(zip(columns, line.split(",")))
            try:
                out[cells["soc"]] = int(float(cells["employment"]))  # some are written as 3.50302e+06
            except (KeyError, ValueError):
                continue
        return out
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return {}


@dataclass
class _Reading:
    forms: list[tuple[str, float]]  # the words read as a title, and how far that is from what was said
    how: str = "exact"  # exact | fuzzy (misspelt words corrected)
    context: frozenset[str] = frozenset()
    said: str = ""  # the words without filler, the place kept ("cook at a nursing home"), asked by meaning
    trim: bool = True  # its head noun may stand alone (not when a word in front is only misspelt)
    plain: str = ""  # the words before short forms are spelled out ("gm" stays "gm": a Navy gunner's mate)


def _correct(word: str, index: _TitleIndex) -> tuple[str, float] | None:
    """The title word closest to a word no title uses ('cashere' -> 'cashier')."""
    if len(word) < 4 or not word.isalpha() or word in index.vocab or _stem(word) in index.vocab or word in _SHORT:
        return None
    best, best_ratio = None, 0.0
    for cand in index.by_letter.get(word[0], ()):
        if abs(len(cand) - len(word)) > 2:
            continue
        ratio = SequenceMatcher(None, word, cand).ratio()
        if ratio > best_ratio or (ratio == best_ratio and best and index.vocab[cand] > index.vocab[best]):
            best, best_ratio = cand, ratio
    return (best, best_ratio) if best and best_ratio >= 0.8 else None


def _compounds(words: list[str], index: _TitleIndex) -> list[str]:
    """The words with two of them written as one title word, or one split in two title words."""
    out = []
    for i in range(len(words) - 1):
        joined = words[i] + words[i + 1]
        if index.vocab.get(joined, 0) >= 2 or index.vocab.get(_stem(joined), 0) >= 2:
            out.append(" ".join(words[:i] + [joined] + words[i + 2:]))
    for i, w in enumerate(words):
        if len(w) >= 7 and w.isalpha():
            for k in range(3, len(w) - 2):
                if index.vocab.get(w[:k], 0) >= 3 and index.vocab.get(w[k:], 0) >= 3:
                    out.append(" ".join(words[:i] + [w[:k], w[k:]] + words[i + 1:]))
                    break
    return out


def _derived(word: str, index: _TitleIndex) -> str | None:
    """The doer a one-word field names: 'welding' -> 'welder', 'janitorial' -> 'janitor', 'clerical' -> 'clerk'."""
    if word.endswith("ing") and len(word) > 5:
        base = word[:-3]
        cands = (base + "er", base + "r", base[:-1] + "er" if base[-1:] == base[-2:-1] else "")
    elif word.endswith("ial") and len(word) > 6:
        cands = (word[:-3], word[:-3] + "an", word[:-4] + "y" if word.endswith("rial") else "")
    elif word.endswith("ical") and len(word) > 6:
        cands = (word[:-4] + "k", word[:-4])
    else:
        return None
    return next((d for d in cands if d and d in index.vocab), None)


def doing_verb(word: str) -> str | None:
    """The doing word a word is a form of ("drove" -> drive, "fixes", "fixed" -> fix), or None."""
    verb = _PAST.get(word, word)
    if verb not in _DOERS and verb.endswith("s") and verb[:-1] in _DOERS:
        verb = verb[:-1]
    if verb not in _DOERS and verb.endswith("ed"):  # "fixed", "operated", "mopped"
        verb = next((v for v in (verb[:-2], verb[:-1], verb[:-3]) if v in _DOERS), verb)
    return verb if verb in _DOERS else None


def _readings(norm: str, index: _TitleIndex) -> list[_Reading]:
    """The ways to read ``norm`` as a title, the closest first."""
    norm = _spanish(norm)
    norm = _PHONETIC.sub(lambda m: m.group(1) + m.group(2)[0], norm)
    context = {name for word, name in _SERVICES if re.search(rf"\b{word}\b", norm)}
    mos = _MOS.search(norm)
    if mos:
        context |= {"marine"} if mos.group(1) else {"army"}
        norm = _MOS.sub("", norm)
    text = _SERVICE_WORDS.sub(" ", norm) if context else norm
    text = _AFSC.sub(r"\1", text)
    if context & {"navy", "coast guard"}:
        text = _RATE.sub(r"\1", text)
    text = " ".join(_SPAN.sub(" ", text).split())
    text = _LEAD_WORDS.sub("", text, count=1)
    place, said = "", text
    m = _PLACE.search(" " + text)
    if m and m.start() > 0:
        text, place = (" " + text)[: m.start()].strip(), m.group(1) or ""
    if not SAID_PLACE or not place or len(place.split()) > 3:
        said = text
    words = text.split()
    words = [_SHORT_FRONT[w] if w in _SHORT_FRONT and i < len(words) - 1 else _SHORT.get(w, w) for i, w in enumerate(words)]
    core = " ".join(words) or norm
    first = [(core, 0.0)]
    if core != text and text:
        first.append((text, 0.0))
    if words and len(words) <= 3 and not _ROLE.search(words[-1]):  # "assembly line" -> "assembly line worker"
        first.append((f"{core} worker", FIELD_PENALTY))
    short = " ".join(_LONG.get(w, w) for w in words)
    if short != core and short != text:  # "hvac technician" is listed as "hvac tech"
        first.append((short, 0.0))
    level = len(words)
    while level > 1 and words[level - 1] in _LEVELS:  # "cook ii", "custodian 2": the grade left off
        level -= 1
    if level < len(words):
        first.append((" ".join(words[:level]), COMPOUND_PENALTY))
    for form in _compounds(words, index):  # "fork lift operator" -> "forklift operator", "sheetrock" -> "sheet rock"
        first.append((form, COMPOUND_PENALTY))
    if len(words) > 1 and words[-1] in _LEADS:  # "shift lead" -> "shift supervisor"
        first.append((" ".join(words[:-1] + ["supervisor"]), VERB_PENALTY))
    if words[-1:] == ["manager"] and "assistant" in words[:-1]:  # an assistant manager supervises a shift
        rest = [w for w in words[:-1] if w != "assistant"]
        first.append((" ".join(rest + ["supervisor"]) if rest else "shift supervisor", VERB_PENALTY))
        if rest:
            first.append((" ".join(rest + ["manager"]), VERB_PENALTY + PLACE_PENALTY))
    if place and len(place.split()) <= 3:
        first.append((f"{place} {core}", PLACE_PENALTY))
    institution = bool(place) and bool(_INSTITUTIONS.search(place))
    if institution:
        first.append((f"institutional {core}", -INSTITUTION_BONUS))
    if place and words and words[-1] in _CARERS and set(place.split()) & (_ELDERS | _CHILDREN):
        first.insert(0, (cared_for(place.split()), 0.0))  # "caretaker for the elderly": whom the care is for names the job
    context = frozenset(context)
    out = [_Reading(first, "exact", context, said, plain=text)]
    # a doing phrase: "drive trucks" -> "truck driver", "wash dishes" -> "dish washer", "dishwasher"
    verb = (doing_verb(words[0]) or words[0]) if words else ""
    minded = words + place.split()
    if verb in _MINDING and set(minded) & (_CHILDREN | _ELDERS):  # "watched my sister's kids": whom names the job
        out.append(_Reading([(cared_for(minded), VERB_PENALTY)], "exact", context, said))
    elif verb in _DOERS and (len(words) > 1 or place or verb == words[0]):
        rest = [w for w in words[1:] if w not in _STOP]
        doer = _DOERS[verb]
        forms = []
        if rest:
            obj = " ".join(_stem(w) for w in rest)
            forms.append((f"{obj} {doer}", VERB_PENALTY))
            first_obj = words[1:words.index("and")] if "and" in words[2:] else []  # "cleaned houses and offices"
            if first_obj:
                forms.append((" ".join(_stem(w) for w in first_obj if w not in _STOP) + f" {doer}", VERB_PENALTY))
            if len(rest) == 1 and " " not in doer:
                forms.append((f"{obj}{doer}", VERB_PENALTY))
        if place and len(place.split()) <= 3:
            forms.append((f"{place} {doer}", VERB_PENALTY + PLACE_PENALTY))
        if institution:
            forms.append((f"institutional {doer}", VERB_PENALTY - INSTITUTION_BONUS))
        if rest and verb in _DOERS_TOO:  # "fix cars" -> "car mechanic" too
            forms.append((f"{obj} {_DOERS_TOO[verb]}", VERB_PENALTY))
        forms.append((doer, VERB_PENALTY + (HEAD_PENALTY if rest else 0.0)))
        out.append(_Reading(forms, "exact", context, said))
    elif len(words) == 1 and _derived(words[0], index):  # "welding" -> "welder", "janitorial" -> "janitor"
        out.append(_Reading([(_derived(words[0], index), VERB_PENALTY)], "exact", context, said))
    elif len(words) == 2 and words[1] in _WORK_UNITS and _derived(words[0], index):  # "the deboning line" -> "deboner"
        out.append(_Reading([(_derived(words[0], index), VERB_PENALTY + FIELD_PENALTY)], "exact", context, said))
    elif words[:1] in (["care"], ["caring"]) or words[:3] == ["take", "care", "of"] or words[:2] == ["took", "care"]:
        out.append(_Reading([(cared_for(words), VERB_PENALTY)], "exact", context, said))
    # misspelt words corrected against the words of the titles
    fixed, penalty = [], 0.0
    for w in words:
        c = _correct(w, index)
        fixed.append(c[0] if c else w)
        penalty += SPELL_PENALTY + 0.3 * (1 - c[1]) if c else 0.0
    if penalty:
        out[0].trim = False
        out.append(_Reading([(" ".join(fixed), penalty)], "fuzzy", context, said))
    return out
