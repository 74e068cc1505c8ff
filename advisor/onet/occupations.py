"""Every O*NET occupation, once imported: title search, the facts of one occupation, and past job
titles recognised in a jobseeker's words.

Title search is exact first (every primary, reported, alternate and short title, compared in a
normalized form), then fuzzy (titles sharing three-letter pieces, scored by edit similarity, which
catches misspellings), then by meaning (the title vectors in the FAISS index, which catches
wordings O*NET does not list). Nothing here logs or keeps the words it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from ..db.onet import OnetStore, default_path, normalize
from ..errors import InputError
from .importer import TITLES, title_entries

#: job titles O*NET does not list (military specialty codes, gig work, slang), read before its titles
ALIASES = Path(__file__).resolve().parent.parent / "data" / "occupation_aliases.yaml"
ALIAS_SCORE = 1.1
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
def aliases() -> dict[str, tuple[str, ...]]:
    """The shipped alias table: a normalized title -> its 2018 SOC codes, best first."""
    import yaml

    doc = yaml.safe_load(ALIASES.read_text(encoding="utf-8")) or {}
    out: dict[str, tuple[str, ...]] = {}
    for group in doc.get("aliases", []):
        codes = tuple(str(c) for c in group["soc"])
        for say in group["say"]:
            out.setdefault(normalize(str(say)), codes)
    return out


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in normalize(text).split() if len(w) > 2}


class Occupations:
    """Search and describe the imported occupations (open with :meth:`open`)."""

    def __init__(self, store: OnetStore, engine=None):
        self.store = store
        self._engine = engine
        self._collection = None
        self._titles: dict[str, dict] | None = None

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
        if self._titles is None:
            self._titles = {o["code"]: o for o in self.store.occupations()}
        return self._titles

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

    def _alias(self, norm: str, out: dict[str, Hit]) -> bool:
        """The alias table's occupations for ``norm`` (each SOC code's first O*NET occupation)."""
        codes = () if ALIASES_OFF else aliases().get(norm, ())
        for rank, soc in enumerate(codes):
            occ = self.occupations().get(soc + ".00") or next(iter(self.store.occupations_for_soc(soc)), None)
            if occ and occ["code"] not in out:
                out[occ["code"]] = self._hit(occ["code"], norm, "alias", ALIAS_SCORE - 0.01 * rank)
        return bool(codes)

    def _exact(self, norm: str) -> list[tuple[str, str, str]]:
        forms = [norm] + ([norm[:-1]] if norm.endswith("s") else [norm + "s"])
        return [(r["code"], r["title"], r["kind"], r["weight"] or 1) for f in forms for r in self.store.titles_exact(f)]

    def _scored(self, norm: str, rows: list[tuple[str, str, str, float]], how: str, out: dict[str, Hit]) -> None:
        """Keep each occupation's best row; a primary title, more matching titles and a shared word
        with the occupation's own title break ties."""
        counts: dict[str, int] = {}
        for code, _, _, _ in rows:
            counts[code] = counts.get(code, 0) + 1
        q = _words(norm)
        for code, title, kind, base in rows:
            own = self.occupations().get(code, {}).get("title", "")
            score = base + _KIND_BONUS.get(kind, 0.0) + 0.005 * min(counts[code], 5) + (0.02 if q & _words(own) else 0.0)
            if code not in out or score > out[code].score:
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

    def search(self, text: str, limit: int = 10, meaning: bool = True) -> list[Hit]:
        """Occupations for a job title as people say it, best first."""
        norm = normalize(text)
        if not norm:
            raise InputError("give a job title to search for", hint="for example: advisor occupations search \"night stocker\"")
        found: dict[str, Hit] = {}
        words = norm.split()
        if not self._alias(norm, found):  # else the longest run of its words the alias table names
            for size in range(len(words) - 1, 0, -1):
                if any(self._alias(" ".join(words[i:i + size]), found) for i in range(len(words) - size + 1)):
                    break
        self._scored(norm, [(c, t, k, 1.0 + 0.005 * min(w - 1, 4)) for c, t, k, w in self._exact(norm)], "exact", found)
        self._scored(norm, self._fuzzy(norm), "fuzzy", found)
        if meaning and len(found) < limit:
            extra: dict[str, Hit] = {}
            self._scored(norm, [(c, t, k, 0.9 * score) for c, t, k, score in self._meaning(text)], "meaning", extra)
            for code, hit in extra.items():  # by meaning only adds occupations the titles did not name
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
        for start, end, clause in _clauses(text):
            core, years = _core(clause)
            if not core:
                continue
            best = self._recognise_core(core, meaning)
            if best:
                out.append(PastTitle(start, end, clause.strip(), best[0], years, tuple(best[1:3])))
        return out

    def _recognise_core(self, core: str, meaning: bool) -> list[Hit]:
        words = normalize(core).split()
        if not words or len(words) > 8:
            return []
        found: dict[str, Hit] = {}
        # the longest run of words the alias table names or that is a title exactly (a single word
        # of several only from the alias table: "doordash driver" is not any "driver")
        for size in range(len(words), 0, -1):
            runs = [" ".join(words[i:i + size]) for i in range(len(words) - size + 1)]
            for run in runs:
                self._alias(run, found)
            if not found and (size > 1 or len(words) == 1):
                for run in runs:
                    self._scored(run, [(c, t, k, 1.0 + 0.005 * min(w - 1, 4)) for c, t, k, w in self._exact(run)], "exact", found)
            if found:
                return sorted(found.values(), key=lambda h: -h.score)
        norm = " ".join(words)
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


#: a clause that starts with a doing word tells a task ("drove a forklift"), not a job title
_DOING = re.compile(r"^(?:\w+ed|drove|ran|made|kept|did|took|built|led|taught|sold|fixed|handled|helped|used|can|do|know)$")
_CLAUSE = re.compile(r"[^,;\n.•]+")
_YEARS = re.compile(r"\b(\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+\s*)?(years?|yrs?|months?|mos?)\b", re.I)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_LEAD = re.compile(r"^\s*(?:i\s+)?(?:was|am|worked|work|have\s+been|been|served|spent)?\s*(?:as\s+)?(?:an?\s+|the\s+)?", re.I)
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
