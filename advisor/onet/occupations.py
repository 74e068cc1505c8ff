"""Every O*NET occupation, once imported: title search, the facts of one occupation, and past job
titles recognised in a jobseeker's words.

Title search first reads the words as a title: the employer, the place and filler are set aside
("server at Olive Garden" -> "server"), a doing phrase becomes its title ("I drive trucks" -> "truck
driver"), short forms are spelled out ("tech" -> "technician") and misspelt words are corrected
against the words of O*NET's titles. Each reading is then looked up exactly (every primary,
reported, alternate and short title, compared word by word in a singular form), as the words of an
occupation's own title ("substitute teacher" -> Substitute Teachers, Short-Term), by its head noun
("night shift stocker" -> "stocker"), fuzzily (titles sharing three-letter pieces, scored by edit
similarity) and by meaning (the title vectors in the FAISS index). Among occupations named equally
well, the one more people work in (OEWS national employment) and the one the meaning search also
finds come first. Nothing here logs or keeps the words it is given.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from ..db.onet import OnetStore, default_path, normalize
from ..errors import InputError
from .importer import TASKS, TITLES, task_entries, title_entries

#: job titles O*NET does not list (military specialty codes, gig work, slang), read before its titles
ALIASES = Path(__file__).resolve().parent.parent / "data" / "occupation_aliases.yaml"
ALIAS_SCORE = 1.3  # above any title match (an exact title with every bonus stays under 1.25)
ALIASES_OFF = False  # scripts/bench_occupations.py --no-aliases: the O*NET titles alone
ENABLE_HINT = "import O*NET first: advisor data import onet DIR (the unpacked 'O*NET Database, text files' release)"
_KIND_BONUS = {"title": 0.03, "reported": 0.02, "alternate": 0.01, "short": 0.0}
#: scores at or above these count as a recognised past title (fuzzy, by meaning)
FUZZY_MIN = 0.86
EMBED_MIN = 0.72
#: Required Level of Education categories in plain words (O*NET's category numbers)
EDUCATION = {
    1: "less than a high school diploma", 2: "high school diploma or equivalent", 3: "postsecondary certificate",
    4: "some college", 5: "associate's degree", 6: "bachelor's degree", 7: "post-baccalaureate certificate",
    8: "master's degree", 9: "post-master's certificate", 10: "first professional degree", 11: "doctoral degree",
    12: "post-doctoral training",
}


@dataclass(frozen=True)
class Hit:
    code: str  # O*NET-SOC code, 53-7065.00
    soc: str  # 2018 SOC code, 53-7065
    title: str  # the occupation's title
    matched: str  # the title (or wording) that matched
    how: str  # exact | fuzzy | meaning
    score: float
    job_zone: int | None = None


@dataclass(frozen=True)
class PastTitle:
    """A past job named in the words: where, which occupation, for how long."""

    start: int
    end: int
    phrase: str
    hit: Hit
    years: float | None = None
    alternatives: tuple[Hit, ...] = field(default=())


@lru_cache(maxsize=1)
def _alias_table() -> tuple[dict[str, tuple[str, ...]], dict[str, list[tuple[frozenset[str], tuple[str, ...]]]]]:
    import yaml

    doc = yaml.safe_load(ALIASES.read_text(encoding="utf-8")) or {}
    plain: dict[str, tuple[str, ...]] = {}
    gated: dict[str, list[tuple[frozenset[str], tuple[str, ...]]]] = {}
    for group in doc.get("aliases", []):
        codes = tuple(str(c) for c in group["soc"])
        needs = frozenset(normalize(str(w)) for w in group.get("with", ()))
        for say in group["say"]:
            if needs:
                gated.setdefault(normalize(str(say)), []).append((needs, codes))
            else:
                plain.setdefault(normalize(str(say)), codes)
    return plain, gated


def aliases() -> dict[str, tuple[str, ...]]:
    """The shipped alias table: a normalized title -> its 2018 SOC codes, best first."""
    return _alias_table()[0]


def gated_aliases() -> dict[str, list[tuple[frozenset[str], tuple[str, ...]]]]:
    """The codes that mean a job only with a service named ("hm" with "navy"): title -> (the
    services, as 'navy', 'air force', 'marine', its codes)."""
    return _alias_table()[1]


class Occupations:
    """Search and describe the imported occupations (open with :meth:`open`)."""

    def __init__(self, store: OnetStore, engine=None):
        self.store = store
        self._engine = engine
        self._collection = None
        self._titles_by_code: dict[str, dict] | None = None
        self._words_index: _TitleIndex | None = None
        self._tasks = None
        self._shares: dict[str, dict[int, float]] | None = None

    @classmethod
    def open(cls, path=None, engine=None) -> "Occupations":
        """The imported occupations; :class:`InputError` (one line, how to import) when there are none."""
        target = path or default_path()
        if not target.exists():
            raise InputError("no O*NET occupations are imported", hint=ENABLE_HINT)
        store = OnetStore(target)
        if not store.imported():
            store.close()
            raise InputError("no O*NET occupations are imported", hint=ENABLE_HINT)
        return cls(store, engine)

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- lookup

    def occupations(self) -> dict[str, dict]:
        if self._titles_by_code is None:
            self._titles_by_code = {o["code"]: o for o in self.store.occupations()}
        return self._titles_by_code

    def resolve(self, code: str) -> dict:
        """An occupation by O*NET-SOC code (53-7065.00) or SOC code (53-7065: its .00 occupation)."""
        text = (code or "").strip()
        found = self.store.occupation(text) or self.store.occupation(text + ".00")
        if found is None:
            under = self.store.occupations_for_soc(text[:7]) if re.fullmatch(r"\d{2}-\d{4}(\.\d{2})?", text) else []
            found = under[0] if under else None
        if found is None:
            raise InputError(f"no O*NET occupation '{text}'", hint="use a SOC code such as 53-7065, or find one with: advisor occupations search TEXT")
        return found

    def _hit(self, code: str, matched: str, how: str, score: float) -> Hit:
        occ = self.occupations().get(code, {})
        return Hit(code, code[:7], occ.get("title", code), matched, how, round(score, 4), occ.get("job_zone"))

    # -- search

    def _alias(self, norm: str, out: dict[str, Hit], context: frozenset[str] = frozenset(), score: float = ALIAS_SCORE) -> bool:
        """The alias table's occupations for ``norm`` (each SOC code's first O*NET occupation); a
        code that needs a service named ("hm" with "navy") counts only with one of its words in ``context``."""
        if ALIASES_OFF:
            return False
        codes = aliases().get(norm, ())
        if not codes:
            codes = next((c for needs, c in gated_aliases().get(norm, ()) if needs & context), ())
        for rank, soc in enumerate(codes):
            occ = self.occupations().get(soc + ".00") or next(iter(self.store.occupations_for_soc(soc)), None)
            if occ and (occ["code"] not in out or out[occ["code"]].score < score - 0.01 * rank):
                out[occ["code"]] = self._hit(occ["code"], norm, "alias", score - 0.01 * rank)
        return bool(codes)

    def _index(self) -> "_TitleIndex":
        if self._words_index is None:
            self._words_index = _title_index(self.store)
        return self._words_index

    def _exact(self, norm: str) -> list[tuple[str, str, str, float]]:
        """Titles equal to ``norm`` word by word, each word in its singular form ("cooks" is "cook")."""
        rows = self._index().exact.get(_key(norm), ())
        weights = {}
        for title_norm in {r[3] for r in rows}:  # how many O*NET lists name it so (a reported title also listed as alternate)
            for r in self.store.titles_exact(title_norm):
                weights[(r["code"], title_norm)] = r["weight"] or 1
        return [(code, title, kind, weights.get((code, n), 1)) for code, title, kind, n in rows]

    def _own_words(self, norm: str) -> list[tuple[str, str, str, float]]:
        """Occupations whose own title holds every word of ``norm`` (not only generic ones)."""
        stems = [_stem(w) for w in norm.split() if w not in _STOP]
        if not stems or all(w in _GENERIC for w in stems):
            return []
        index = self._index()
        codes = set(index.own.get(stems[0], ()))
        for w in stems[1:]:
            codes &= index.own.get(w, set())
        occs = self.occupations()
        return [(c, occs[c]["title"], "own", 1) for c in sorted(codes) if c in occs]

    def _prior(self, code: str) -> float:
        """A small bonus for occupations many people work in (log of OEWS national employment)."""
        emp = _employment().get(code[:7])
        if not emp:
            return 0.0
        return max(-0.03, min(0.05, PRIOR_PER_DECADE * (math.log10(emp) - 4.5)))

    def _scored(self, norm: str, rows: list[tuple[str, str, str, float]], how: str, out: dict[str, Hit]) -> None:
        """Keep each occupation's best row; a primary title, more matching titles, the words of the
        occupation's own title and how many people work in it break ties."""
        counts: dict[str, int] = {}
        for code, _, _, _ in rows:
            counts[code] = counts.get(code, 0) + 1
        q = _words(norm)
        for code, title, kind, base in rows:
            own = self.occupations().get(code, {}).get("title", "")
            overlap = len(q & _words(own)) / len(q) if q and kind != "own" else 0.0
            score = base + _KIND_BONUS.get(kind, 0.0) + 0.005 * min(counts[code], 5) + 0.03 * overlap + self._prior(code)
            if code not in out or score > out[code].score:
                if how == "words" and code in out and out[code].how == "exact":  # named exactly too: say so
                    old = out[code]
                    out[code] = Hit(old.code, old.soc, old.title, old.matched, old.how, round(score, 4), old.job_zone)
                else:
                    out[code] = self._hit(code, title, how, score)

    def _fuzzy(self, norm: str) -> list[tuple[str, str, str, float]]:
        rows = []
        for r in self.store.titles_like(norm):
            ratio = SequenceMatcher(None, norm, r["norm"]).ratio()
            if ratio >= 0.75:
                rows.append((r["code"], r["title"], r["kind"], 0.9 * ratio))
        return rows

    def collection(self):
        """The title vectors (FAISS), rebuilt from the stored vectors if the cache is stale."""
        if self._collection is None:
            if self._engine is None:
                from ..index.engine import Engine

                self._engine = Engine()
            self._collection = self._engine.ensure(TITLES, title_entries(self.store.titles()))
        return self._collection

    def _meaning(self, text: str, k: int = 40) -> list[tuple[str, str, str, float]]:
        coll = self.collection()
        vectors = self._engine.encode([text])
        scores, rows = coll.search(vectors, k)
        out = []
        for score, row in zip(scores[0], rows[0]):
            if row < 0:
                continue
            e = coll.entries[int(row)]
            out.append((e.item, e.text, e.kind, float(score)))
        return out

    def _titles(self, reading: "_Reading", found: dict[str, Hit]) -> None:
        """Exact titles, own-title words and head nouns of one reading of the words."""
        for form, penalty in reading.forms:
            self._scored(form, [(c, t, k, 1.0 - penalty + 0.005 * min(w - 1, 4)) for c, t, k, w in self._exact(form)], reading.how, found)
            self._scored(form, [(c, t, k, OWN_SCORE - penalty) for c, t, k, _ in self._own_words(form)], "words", found)
        head = reading.forms[0][0].split() if reading.trim else []
        for drop in range(1, len(head)):  # "night shift stocker" -> "shift stocker" -> "stocker"
            rest = head[drop:]
            if rest[-1] in _STOP:
                break
            penalty = reading.forms[0][1] + HEAD_PENALTY * drop + (HEAD_GENERIC if len(rest) == 1 and _stem(rest[0]) in _GENERIC else 0.0)
            rows = self._exact(" ".join(rest))
            if rows:
                self._scored(" ".join(head), [(c, t, k, 1.0 - penalty + 0.005 * min(w - 1, 4)) for c, t, k, w in rows], "head", found)
                break

    def search(self, text: str, limit: int = 10, meaning: bool = True) -> list[Hit]:
        """Occupations for a job title as people say it, best first."""
        norm = normalize(text)
        if not norm:
            raise InputError("give a job title to search for", hint="for example: advisor occupations search \"night stocker\"")
        found: dict[str, Hit] = {}
        readings = _readings(norm, self._index())
        context = frozenset(norm.split()) | readings[0].context
        for words in dict.fromkeys([tuple(norm.split())] + [tuple(f.split()) for r in readings[:2] for f, _ in r.forms[:1]]):
            if self._alias(" ".join(words), found, context):
                break
        else:  # else the longest run of its words the alias table names
            words = readings[0].forms[0][0].split() or norm.split()
            for size in range(len(words) - 1, 0, -1):
                if any(self._alias(" ".join(words[i:i + size]), found, context) for i in range(len(words) - size + 1)):
                    break
        for reading in readings:
            self._titles(reading, found)
        best = max((h.score for h in found.values()), default=0.0)
        core = readings[0].forms[0][0] or norm
        if best < 1.0:
            self._scored(core, self._fuzzy(core), "fuzzy", found)
        ranked = sorted((h.score for h in found.values()), reverse=True)
        close = len(ranked) > 1 and ranked[0] - ranked[1] < CLOSE
        if meaning and (len(found) < limit or best < 1.0 or close):
            extra: dict[str, Hit] = {}
            near = self._meaning(readings[0].said or core)
            self._scored(core, [(c, t, k, 0.9 * score) for c, t, k, score in near], "meaning", extra)
            floor = min((score for *_, score in near), default=0.0)
            closest: dict[str, float] = {}
            for code, _, _, score in near:
                closest[code] = max(closest.get(code, floor), score)
            for code, old in list(found.items()):  # the titles' occupations the meaning is nearer to gain
                if old.how != "alias":
                    gain = AGREE * (closest.get(code, floor) - floor)
                    found[code] = Hit(old.code, old.soc, old.title, old.matched, old.how, round(old.score + gain, 4), old.job_zone)
            for code, hit in extra.items():  # and by meaning adds the occupations the titles did not name
                found.setdefault(code, hit)
        return sorted(found.values(), key=lambda h: (-h.score, h.code))[:limit]

    # -- one occupation

    def detail(self, code: str, tasks: int = 10) -> dict:
        occ = self.resolve(code)
        ete = self.store.ete(occ["code"])
        return {
            **occ,
            "job_zone_name": (self.store.job_zone(occ["job_zone"]) or {}).get("name"),
            "education": _typical(ete, "RL", EDUCATION),
            "experience": _typical(ete, "RW"),
            "training": _typical(ete, "OJ"),
            "tasks": [t["task"] for t in self.store.tasks(occ["code"], tasks)],
            "technology": [{"example": t["example"], "category": t["commodity"], "hot": bool(t["hot"])} for t in self.store.technology(occ["code"])],
            "related": self.store.related(occ["code"]),
        }

    # -- past titles in the words

    def recognise(self, text: str, meaning: bool = True) -> list[PastTitle]:
        """Past job titles in ``text`` ("stocker at Walmart 3 yrs", "night stocker") as occupations."""
        out: list[PastTitle] = []
        low = normalize(text)  # a service named anywhere lets its codes count ("Navy, HM3, 4 years")
        context = frozenset(name for word, name in _SERVICES if re.search(rf"\b{word}\b", low))
        for start, end, clause in _clauses(text):
            core, years = _core(_SERVICE_WORDS.sub(" ", clause.lower()) if context else clause)
            if not core or _TRAITS.search(core) or (context and normalize(core) in _VETERAN):
                continue
            best = self._recognise_core(core, meaning, context, worked=years is not None)
            if best:
                out.append(PastTitle(start, end, clause.strip(), best[0], years, tuple(best[1:3])))
        return out

    def _recognise_core(self, core: str, meaning: bool, context: frozenset[str] = frozenset(), worked: bool = False) -> list[Hit]:
        """``worked``: the clause states years, so a doing phrase in the past is a job held
        ("taught middle school math 10 years"); without them it is a task ("drove a forklift")."""
        text = _AFSC.sub(r"\1", normalize(core))
        if context & {"navy", "coast guard"}:
            text = _RATE.sub(r"\1", text)
        words = text.split()
        if not words or len(words) > 8:
            return []
        found: dict[str, Hit] = {}
        # the longest run of words the alias table names or that is a title exactly (a single word
        # of several only from the alias table: "doordash driver" is not any "driver")
        for size in range(len(words), 0, -1):
            runs = [" ".join(words[i:i + size]) for i in range(len(words) - size + 1)]
            for run in runs:  # a service's own codes ("hm") only as the whole title, never a word inside
                self._alias(run, found, context if size == len(words) else frozenset())
            if not found and (size > 1 or len(words) == 1):
                for run in runs:
                    self._scored(run, [(c, t, k, 1.0 + 0.005 * min(w - 1, 4)) for c, t, k, w in self._exact(run)], "exact", found)
            if found:
                return sorted(found.values(), key=lambda h: -h.score)
        norm = " ".join(words)
        fixed = [(_correct(w, self._index()) or (w, 1.0)) for w in words]
        if any(ratio < 1.0 for _, ratio in fixed):  # misspelt words corrected: "forklift operater"
            penalty = sum(SPELL_PENALTY + 0.3 * (1 - ratio) for _, ratio in fixed if ratio < 1.0)
            self._scored(norm, [(c, t, k, 1.0 - penalty) for c, t, k, _ in self._exact(" ".join(w for w, _ in fixed))], "fuzzy", found)
            if found:
                return sorted(found.values(), key=lambda h: -h.score)
        if worked or not _DOING.match(words[0]):  # a doing phrase in the present: "I drive trucks" -> truck driver
            for reading in _readings(norm, self._index())[1:]:
                if reading.how == "exact":
                    for form, penalty in reading.forms[:-1] or reading.forms:
                        self._scored(form, [(c, t, k, 1.0 - penalty) for c, t, k, _ in self._exact(form)], "exact", found)
            if found:
                return sorted(found.values(), key=lambda h: -h.score)
        self._scored(norm, [r for r in self._fuzzy(norm) if r[3] >= 0.9 * FUZZY_MIN], "fuzzy", found)
        if not found and meaning and len(words) <= 4 and not _DOING.match(words[0]):
            self._scored(norm, [r for r in self._meaning(core) if r[3] >= EMBED_MIN], "meaning", found)
        return sorted(found.values(), key=lambda h: -h.score)


def _typical(ete: list[dict], scale: str, names: dict[int, str] | None = None) -> dict | None:
    rows = [r for r in ete if r["scale"] == scale and r["value"] is not None]
    if not rows:
        return None
    top = max(rows, key=lambda r: (r["value"], -r["category"]))
    label = (names or {}).get(top["category"]) or top.get("description") or str(top["category"])
    return {"category": top["category"], "label": label, "percent": round(top["value"], 1)}


# -- reading a title as people say it

#: scores of the readings that are not the words as given (below an exact title, 1.0)
OWN_SCORE = 1.04  # every word is in the occupation's own title
HEAD_PENALTY = 0.07  # per word left off the front ("night stocker" -> "stocker")
HEAD_GENERIC = 0.12  # more when only a generic word is left ("associate")
VERB_PENALTY = 0.02  # a doing phrase read as its title ("drive trucks" -> "truck driver")
PLACE_PENALTY = 0.01  # the place put in front ("front desk at a hotel" -> "hotel front desk")
SPELL_PENALTY = 0.03  # per misspelt word corrected (and 0.3 of how far the word is from its correction)
AGREE = 0.3  # how much nearer in meaning (cosine above the farthest of the nearest 40) counts among titles found
CLOSE = 0.05  # the search by meaning also weighs in when the best two are this close
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
    "med": "medical", "maintainance": "maintenance", "govt": "government",
}
#: short forms that mean something else in front of another word ("tech support", "admin assistant")
_SHORT_FRONT = {"tech": "technical", "admin": "administrative"}
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
_PAST = {
    "drove": "drive", "ran": "run", "built": "build", "sold": "sell", "taught": "teach", "cut": "cut", "laid": "lay",
    "sewed": "sew", "wrote": "write", "sat": "sit", "waited": "wait", "driving": "drive", "running": "run",
}
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
_LEAD_WORDS = re.compile(
    r"^(?:(?:i|we)\s+)?(?:(?:used to|have been|has been|had been|was|am|m|were|been|worked|work|working|served|serve|"
    r"did|do|was doing|doing)\s+)*(?:(?:as|like)\s+)?(?:(?:an?|the|my)\s+)?"
)
_SPAN = re.compile(r"\b(?:\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:years?|yrs?|months?|mos?)\b"
                   r"|\bsince\s+\d{4}\b|\b(?:part|full)\s+time\b|\bseasonal\b|\btemporary\b|\bexperience\b")
_PLACE = re.compile(r"\s+(?:at|for|with|in|from|on|inside)(?:\s+(?:an?\s+|the\s+)?(.*))?$")


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
    for o in store.occupations():
        for w in _words(o["title"]):
            own.setdefault(w, set()).add(o["code"])
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


def _readings(norm: str, index: _TitleIndex) -> list[_Reading]:
    """The ways to read ``norm`` as a title, the closest first."""
    context = {name for word, name in _SERVICES if re.search(rf"\b{word}\b", norm)}
    text = _SERVICE_WORDS.sub(" ", norm) if context else norm
    text = _AFSC.sub(r"\1", text)
    if context & {"navy", "coast guard"}:
        text = _RATE.sub(r"\1", text)
    text = " ".join(_SPAN.sub(" ", text).split())
    text = _LEAD_WORDS.sub("", text, count=1)
    place = ""
    m = _PLACE.search(" " + text)
    if m and m.start() > 0:
        text, place = (" " + text)[: m.start()].strip(), m.group(1) or ""
    said = text
    words = text.split()
    words = [_SHORT_FRONT[w] if w in _SHORT_FRONT and i < len(words) - 1 else _SHORT.get(w, w) for i, w in enumerate(words)]
    core = " ".join(words) or norm
    first = [(core, 0.0)]
    if core != text and text:
        first.append((text, 0.0))
    if place and len(place.split()) <= 3:
        first.append((f"{place} {core}", PLACE_PENALTY))
    context = frozenset(context)
    out = [_Reading(first, "exact", context, said)]
    # a doing phrase: "drive trucks" -> "truck driver", "wash dishes" -> "dish washer", "dishwasher"
    verb = _PAST.get(words[0], words[0]) if words else ""
    verb = verb[:-1] if verb not in _DOERS and verb.endswith("s") and verb[:-1] in _DOERS else verb
    if verb in _DOERS and (len(words) > 1 or place or verb == words[0]):
        rest = [w for w in words[1:] if w not in _STOP]
        doer = _DOERS[verb]
        forms = []
        if rest:
            obj = " ".join(_stem(w) for w in rest)
            forms.append((f"{obj} {doer}", VERB_PENALTY))
            if len(rest) == 1 and " " not in doer:
                forms.append((f"{obj}{doer}", VERB_PENALTY))
        if place and len(place.split()) <= 3:
            forms.append((f"{place} {doer}", VERB_PENALTY + PLACE_PENALTY))
        forms.append((doer, VERB_PENALTY + (HEAD_PENALTY if rest else 0.0)))
        out.append(_Reading(forms, "exact", context, said))
    elif len(words) == 1 and words[0].endswith("ing") and len(words[0]) > 5:  # "welding" -> "welder"
        base = words[0][:-3]
        doer = next((d for d in (base + "er", base + "r", base[:-1] + "er" if base[-1:] == base[-2:-1] else "") if d in index.vocab), None)
        if doer:
            out.append(_Reading([(doer, VERB_PENALTY)], "exact", context, said))
    elif words[:1] in (["care"], ["caring"]) or words[:3] == ["take", "care", "of"] or words[:2] == ["took", "care"]:
        out.append(_Reading([("caregiver", VERB_PENALTY)], "exact", context, said))
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


#: what people say of themselves, not a job they held
_TRAITS = re.compile(
    r"\b(?:hard\s*work(?:er|ing)?|team\s*player|people\s*person|(?:quick|fast)\s*learner|self\s*starter|go\s*getter|"
    r"detail\s*oriented|reliable|punctual|dependable|motivated|bilingual|good\s+with|great\s+with|people\s+skills|"
    r"certified|licensed\s+in)\b", re.I)
#: a service's veterans ("Navy vet") are not veterinarians
_VETERAN = frozenset({"vet", "vets", "veteran", "veterans", "retired", "prior service", "reserves", "reserve", "active duty"})
#: a clause that starts with a doing word tells a task ("drove a forklift"), not a job title
_DOING = re.compile(r"^(?:\w+ed|drove|ran|made|kept|did|took|built|led|taught|sold|fixed|handled|helped|used|can|do|know)$")
_CLAUSE = re.compile(r"[^,;\n.•]+")
_YEARS = re.compile(r"\b(\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+\s*)?(years?|yrs?|months?|mos?)\b", re.I)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_LEAD = re.compile(r"^\s*(?:i\s+)?(?:(?:was|am|worked|work|have\s+been|been|served|spent)\b)?\s*(?:as\s+)?(?:an?\s+|the\s+)?", re.I)
_TAIL = re.compile(r"\s+(?:at|for|with|in|from|since|during)\s+.*$", re.I)


def _clauses(text: str):
    for m in _CLAUSE.finditer(text):
        if m.group().strip():
            yield m.start(), m.end(), m.group()


def _core(clause: str) -> tuple[str, float | None]:
    """The title part of a clause and the years it states: 'stocker at Walmart 3 yrs' -> ('stocker', 3)."""
    years = None
    m = _YEARS.search(clause)
    if m:
        raw = m.group(1).lower()
        amount = float(_NUMBERS.get(raw, raw)) if raw in _NUMBERS or raw.replace(".", "", 1).isdigit() else None
        if amount is not None:
            years = round(amount / 12, 2) if m.group(2).lower().startswith("mo") else amount
        clause = clause[: m.start()] + " " + clause[m.end():]
    clause = _TAIL.sub("", clause)
    clause = re.sub(r"\b(?:of experience|experience|exp)\b", " ", clause, flags=re.I)
    clause = _LEAD.sub("", clause, count=1)
    return " ".join(clause.split()), years
