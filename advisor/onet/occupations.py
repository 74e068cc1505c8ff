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

from ..db.onet import OnetStore, default_path, normalize
from ..errors import InputError
from .doing import TASK_AGREE, doing_words, is_doing, task_closeness, task_rows
from .importer import TITLES, title_entries
from .spanish import _spanish, fold
from .workers import _THINGS, names_a_worker, supervisors_of
from .aliases import aliases, gated_aliases
from .reading import (
    OWN_SCORE, doing_verb, HEAD_PENALTY, HEAD_GENERIC, SPELL_PENALTY, AGREE, CLOSE, PRIOR_PER_DECADE, _STOP, _GENERIC, _SERVICES, _SERVICE_WORDS, _AFSC, _RATE, _BOSS, BOSS_PENALTY, _stem, _key, _words, _overlap, _TitleIndex, _title_index, _employment, _Reading, _correct, _readings,
)
from .clauses import _TRAITS, _VETERAN, _DOING, _SERVICE_CODE, _UNDER, _clauses, _core, _typical

ALIAS_SCORE = 1.3  # above any title match (an exact title with every bonus stays under 1.25)
BOSS_SCORE = 1.15  # the supervisors of work the alias table names ("crew member supervisor"), as an exact title
ALIASES_OFF = False  # scripts/bench_occupations.py --no-aliases: the O*NET titles alone
ENABLE_HINT = "import O*NET first: advisor data import onet DIR (the unpacked 'O*NET Database, text files' release)"
#: a last word that makes the words before it someone else's work ("crane operator helper", "post office supervisor")
_NOT_THE_WORKER = _UNDER | _BOSS
_BOSSES = re.compile(r"^First-Line Supervisors|\bManagers\b|^Chief Executives")
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

    def _supervisors(self, words: list[str], context: frozenset[str], found: dict[str, Hit]) -> None:
        """The first-line supervisors of the work the alias table names before a boss word ("crew
        member supervisor" -> 35-1012), scored as an exact title (the meaning search orders them)."""
        if len(words) < 2 or words[-1] not in _BOSS:
            return
        under: dict[str, Hit] = {}
        any(self._alias(" ".join(words[i:-1]), under, context) for i in range(len(words) - 1))
        for rank, code in enumerate(supervisors_of(sorted(under, key=lambda c: -under[c].score), self.occupations())):
            found[code] = self._hit(code, " ".join(words), "exact", BOSS_SCORE - 0.001 * rank)

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
        boss = bool(set(norm.split()) & _BOSS)
        for code, title, kind, base in rows:
            own = self.occupations().get(code, {}).get("title", "")
            overlap = _overlap(q, _words(own)) if kind != "own" else 0.0
            score = base + _KIND_BONUS.get(kind, 0.0) + 0.005 * min(counts[code], 5) + 0.03 * overlap + self._prior(code)
            if not boss and _BOSSES.search(own):  # "janitorial" is not the janitors' supervisor
                score -= BOSS_PENALTY
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

    @property
    def engine(self):
        """The embedding engine given at open, or the default one, made on first use."""
        if self._engine is None:
            from ..index.engine import Engine

            self._engine = Engine()
        return self._engine

    def collection(self):
        """The title vectors (FAISS), rebuilt from the stored vectors if the cache is stale."""
        if self._collection is None:
            self._collection = self.engine.ensure(TITLES, title_entries(self.store.titles()))
        return self._collection

    def _meaning(self, text: str, k: int = 40, vectors=None) -> list[tuple[str, str, str, float]]:
        coll = self.collection()
        vectors = self.engine.encode([text]) if vectors is None else vectors
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
        norm = normalize(fold(text))
        if not norm:
            raise InputError("give a job title to search for", hint="for example: advisor occupations search \"night stocker\"")
        found: dict[str, Hit] = {}
        readings = _readings(norm, self._index())
        context = frozenset(norm.split()) | readings[0].context
        bare = re.sub(r"^(?:i|we)\s+", "", norm)  # "i do nails": the alias table's "do nails"
        for words in dict.fromkeys([tuple(norm.split()), tuple(bare.split()), tuple(readings[0].plain.split())]
                                   + [tuple(f.split()) for r in readings[:2] for f, _ in r.forms[:1]]):
            if words and self._alias(" ".join(words), found, context):
                break
        else:  # else the longest run of its words the alias table names
            words = readings[0].forms[0][0].split() or norm.split()
            last = len(words) - 1 if words and words[-1] in _NOT_THE_WORKER else None  # "post office supervisor" is no postal worker
            for size in range(len(words) - 1, 0, -1):
                if any(self._alias(" ".join(words[i:i + size]), found, context) for i in range(len(words) - size + 1)
                       if last is None or i + size > last):
                    break
            if last is not None and not found:
                self._supervisors(words, context, found)
            # a part is an alias, the whole an O*NET title ("mason tender"): the alias only orders its codes
            named = {c[:7] for c, *_ in self._exact(" ".join(words))} if found else ()
            found = {code: hit for code, hit in found.items() if hit.soc in named} if named else found
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
            said = self.engine.encode([readings[0].said or core])
            near = self._meaning("", vectors=said)
            self._scored(core, [(c, t, k, 0.9 * score) for c, t, k, score in near], "meaning", extra)
            if best < 1.0 and is_doing(norm):  # "i draw blood": what the person does, read in the tasks too
                self._scored(core, task_rows(self, self.engine.encode([doing_words(norm)])), "tasks", extra)
            floor = min((score for *_, score in near), default=0.0)
            closest: dict[str, float] = {}
            for code, _, _, score in near:
                closest[code] = max(closest.get(code, floor), score)
            tasks, task_floor = task_closeness(self, said)  # "guard at the state prison": whose work is that
            for code, old in list(found.items()):  # the titles' occupations the meaning is nearer to gain
                if old.how != "alias":
                    gain = AGREE * (closest.get(code, floor) - floor) + TASK_AGREE * (tasks.get(code, task_floor) - task_floor)
                    found[code] = Hit(old.code, old.soc, old.title, old.matched, old.how, round(old.score + gain, 4), old.job_zone)
            for code, hit in extra.items():  # and by meaning adds the occupations the titles did not name
                found.setdefault(code, hit)
        for code, hit in list(found.items()):  # "nurse" is a registered nurse before a critical care one
            parent = found.get(code[:7] + ".00")
            if parent is not None and code != parent.code and hit.matched != hit.title and hit.score >= parent.score:
                found[code] = Hit(hit.code, hit.soc, hit.title, hit.matched, hit.how, round(parent.score - 0.001, 4), hit.job_zone)
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
        low = normalize(fold(text))  # a service named anywhere lets its codes count ("Navy, HM3, 4 years")
        context = frozenset(name for word, name in _SERVICES if re.search(rf"\b{word}\b", low))
        for start, end, clause in _clauses(text):
            plain = fold(clause)  # accents left off; Spanish in English words ("fui cajera en Walmart")
            english = _spanish(normalize(plain))
            said = english if english != normalize(plain) else plain
            core, years = _core(_SERVICE_WORDS.sub(" ", said.lower()) if context else said)
            if not core or _TRAITS.search(core) or (context and normalize(core) in _VETERAN):
                continue
            best = self._recognise_core(core, meaning, context, worked=years is not None)
            if best and years is None and best[0].how != "alias" and not names_a_worker(core):
                continue  # a skill in a list ("payroll", "scheduling", "customer service"), not a job held
            if best:
                out.append(PastTitle(start, end, clause.strip(), best[0], years, tuple(best[1:3])))
        return out

    def _recognise_core(self, core: str, meaning: bool, context: frozenset[str] = frozenset(), worked: bool = False) -> list[Hit]:
        """``worked``: the clause states years, so a doing phrase in the past is a job held
        ("taught middle school math 10 years"); without them it is a task ("drove a forklift")."""
        text = _AFSC.sub(r"\1", _spanish(normalize(core)))
        if context & {"navy", "coast guard"}:
            text = _RATE.sub(r"\1", text)
        words = [w for w in text.split() if w != "s"]  # "my sister's kids": the possessive is no word of a title
        if not words or len(words) > 8:
            return []
        found: dict[str, Hit] = {}
        # the longest run of words the alias table names or that is a title exactly (a single word
        # of several only from the alias table: "doordash driver" is not any "driver")
        for code in (w for w in words if _SERVICE_CODE.fullmatch(w)):  # a specialty code says the job ("as a 3D1X2 ...")
            self._alias(code, found, context)
        if found:
            return sorted(found.values(), key=lambda h: -h.score)
        last = len(words) - 1 if words[-1] in _NOT_THE_WORKER else None  # "crane operator helper" is no crane operator
        for size in range(len(words), 0, -1):
            runs = [" ".join(words[i:i + size]) for i in range(len(words) - size + 1) if last is None or i + size > last]
            for run in runs:  # a service's own codes ("hm") only as the whole title or a code ("3d1"), never a word inside
                self._alias(run, found, context if size == len(words) or _SERVICE_CODE.fullmatch(run) else frozenset())
            if not found and (size > 1 or len(words) == 1):
                for run in runs:
                    self._scored(run, [(c, t, k, 1.0 + 0.005 * min(w - 1, 4)) for c, t, k, w in self._exact(run)], "exact", found)
            if found:
                return sorted(found.values(), key=lambda h: -h.score)
        if last is not None:  # "crew member supervisor at McDonald's"
            self._supervisors(words, context, found)
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
        if (not found and len(words) > 1 and len(words[-1]) >= 4 and words[-1] not in _GENERIC and _stem(words[-1]) not in _GENERIC
                and words[-1] not in _THINGS and not doing_verb(words[0]) and not _DOING.match(words[0])):
            # the worker the clause ends on ("church secretary" is a secretary; "I run the PTA" is no job)
            self._scored(words[-1], [(c, t, k, 1.0 - HEAD_PENALTY) for c, t, k, _ in self._exact(words[-1])], "head", found)
        if not found and meaning and len(words) <= 4 and not _DOING.match(words[0]):
            self._scored(norm, [r for r in self._meaning(core) if r[3] >= EMBED_MIN], "meaning", found)
        return sorted(found.values(), key=lambda h: -h.score)
