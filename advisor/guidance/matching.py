"""From a jobseeker's words to the competencies they show, with the evidence for each match.

Every competency is embedded as several texts (its name, its definition and each key behavior).
Each phrase of the jobseeker's text (and each clause that was split on "and") is compared with
every text; a competency's score for a phrase blends its best and second-best text, and its
profile score is its best phrase plus a small bonus for further phrases that support it. Rare
words shared with the competency's texts (tool names, credentials, acronyms such as CNC, OSHA,
CDL) add a lexical bonus from SQLite FTS5. Every weight below was chosen by measuring
``scripts/bench_cmc.py`` and ``scripts/bench_skill_extraction.py`` (validation sets only).
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field

from ..config import MAX_TEXT_CHARS
from ..errors import InputError
from ..index.engine import Collection, Engine
from ..index.vectors import Entry
from ..models import Catalog, Competency
from .cues import LANGUAGE_NEED
from .phrases import Phrase, query_units, split_phrases

COLLECTION = "models"

#: Profile scores at or above this are "demonstrated"; at or above POSSIBLE they are "possible".
#: Calibrated on the labelled development statements (see README, "Quality and speed").
DEMONSTRATED = 0.60
POSSIBLE = 0.45

#: nearest texts FAISS returns per query unit; the rest score as unrelated. Larger than the
#: competency collection (~1,400 texts, so exact there), a cut for big taxonomies (ESCO: 13,896).
SEARCH_K = 2048


#: a phrase that says what someone wants ("wants a job at a restaurant", "hoping to get into IT")
#: is a goal, not evidence: it scores nothing
WISH = re.compile(
    r"^\W*(?:(?:i|he|she|they|we)\s+)?(?:(?:really|also|would|eventually|someday|one day)\s+)*"
    r"(?:wants?\b|wanted to|wanna|would like|(?:i'?d|he'?d|she'?d) like|like to (?:get|become|be|work)|hop(?:e|es|ing) to"
    r"|looking (?:for|to)|interested in|plan(?:s|ning)? to|dream|(?:my |the )?goal is|thinking (?:about|of)|wish)",
    re.IGNORECASE,
)


LEARNING = re.compile(r"(?:learning|studying|improving|practi[cs]ing|taking|in\s|attend|esl|ell|english\s+class)", re.IGNORECASE)


#: what a person lacks ("no diploma", "never finished high school", "left in 11th grade") and how
#: they were paid ("cash", "under the table"): facts about the person, never evidence of a skill
LACK = re.compile(
    r"^\W*(?:(?:i\s+)?(?:have\s+)?(?:no|not\s+an?|never\s+(?:finished|got|graduated|completed|had)|without|"
    r"don'?t\s+have(?:\s+(?:an?|my|the|any))?|didn'?t\s+(?:finish|get|graduate|complete))\b.*"
    r"\b(?:diploma|ged|hse|hiset|degree|high\s+school|school|college|experience|licen[cs]e|certificat\w*|cdl|english)\b"
    r"(?:\s+(?:yet|either|at\s+all|now|anymore))?"
    r"|(?:i\s+)?(?:left|quit|dropped\s+out\s+(?:of|in))\s+(?:school\s+)?(?:in\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+grade"
    r"|(?:i\s+)?dropped\s+out(?:\s+of\s+(?:high\s+)?school)?"
    r"|(?:paid\s+)?(?:in\s+)?cash(?:\s+(?:only|jobs?|work|pay))?|(?:paid\s+)?under\s+the\s+table|off\s+the\s+books"
    r"|(?:(?:they|he|she|people|customers)\s+)?pa(?:y|ys|id)\s+(?:me\s+)?(?:in\s+)?cash\b.*)\W*$",
    re.IGNORECASE)


def is_wish(text: str) -> bool:
    """A wish ("wants a job at a restaurant"), or a need the person states ("my english is not so
    good"), or what they lack or how they were paid ("no diploma", "cash"): words about the
    person's goals, barriers and terms, never evidence of a competency."""
    if WISH.match(text) or LACK.match(text.strip()):
        return True
    need = LANGUAGE_NEED.search(text)
    # "learning English", "ESL classes" show learning; "my english is not so good" shows nothing
    return bool(need) and not LEARNING.match(need.group())


@dataclass(frozen=True)
class Weights:
    second: float = 0.35  # weight of a competency's second-best text for one phrase
    support: float = 0.0  # bonus per further supporting phrase (capped); measured: no gain
    support_cap: int = 3
    lexical: float = 0.2  # bonus for lexical (FTS5 BM25) hits, scaled by the query's best hit
    context: float = 0.5  # share of a phrase's score taken from its whole sentence
    specific: float = 0.01  # bonus for industry-specific (tier 4-5) competencies over generic ones
    context_items: float = 3.0  # sentences of more phrases than this get proportionally less context
    lexical_scale: float = 0.0  # 0: scale BM25 by the query's best hit; >0: s / (s + scale)
    name_kind: float = 1.0  # multiplier for name texts
    definition_kind: float = 1.0


DEFAULT_WEIGHTS = Weights()


def parse_weights(spec: str) -> Weights:
    """``"context=0.4,lexical=0.1"`` -> Weights (a tuning aid for the benchmark scripts)."""
    from dataclasses import replace

    if not spec:
        return DEFAULT_WEIGHTS
    pairs = dict(kv.split("=", 1) for kv in spec.split(","))
    unknown = set(pairs) - set(Weights.__dataclass_fields__)
    if unknown:
        raise InputError(f"unknown weight(s) {sorted(unknown)}", hint=f"known: {', '.join(Weights.__dataclass_fields__)}")
    return replace(DEFAULT_WEIGHTS, **{k: type(getattr(DEFAULT_WEIGHTS, k))(v) for k, v in pairs.items()})


@dataclass
class Evidence:
    phrase: str
    start: int
    end: int
    matched_text: str
    kind: str
    score: float


@dataclass
class Match:
    competency: Competency
    model: str  # the model searched in which it was found
    score: float
    status: str  # demonstrated | possible
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class MatchResult:
    text: str
    models: list[str]
    phrases: list[Phrase]
    matches: list[Match]


def status_for(score: float) -> str | None:
    if score >= DEMONSTRATED:
        return "demonstrated"
    if score >= POSSIBLE:
        return "possible"
    return None


def validate_text(text: str) -> str:
    if text is None or not str(text).strip():
        raise InputError("the text is empty", hint="type what the jobseeker has done, e.g. 'cashier 4 years, drove a forklift'")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}",
            hint="split it into several profiles or shorten it; nothing was cut",
        )
    return text


def competency_entries(comps: list[Competency]) -> list[Entry]:
    """The texts embedded for each competency, grouped by competency."""
    out: list[Entry] = []
    for c in comps:
        out.append(Entry(c.id, "name", c.name))
        out.append(Entry(c.id, "definition", c.definition))
        for b in c.behaviors:
            out.append(Entry(c.id, "behavior", b))
    return out


class Scorer:
    """Scores query units against any collection whose entries are grouped by item."""

    def __init__(self, engine: Engine, collection: Collection, weights: Weights = DEFAULT_WEIGHTS):
        import numpy as np

        self.engine = engine
        self.collection = collection
        self.weights = weights
        items = collection.entry_item
        starts = np.flatnonzero(np.r_[True, items[1:] != items[:-1]])
        if len(starts) != len(collection.items):
            raise ValueError("collection entries must be grouped by item")
        self._starts = starts
        kinds = [e.kind for e in collection.entries]
        self._kind_weight = np.array(
            [weights.name_kind if k == "name" else weights.definition_kind if k == "definition" else 1.0 for k in kinds],
            dtype=np.float32,
        )

    def unit_scores(self, vectors):
        """(units x items) scores, and the (units x items) best entry row for each."""
        import numpy as np

        sims = self.collection.all_scores(vectors, k=SEARCH_K) * self._kind_weight
        best = np.maximum.reduceat(sims, self._starts, axis=1)
        if self.weights.second:
            # second best per item: mask the best entry and reduce again
            argbest = _argmax_reduceat(sims, self._starts, best)
            masked = sims.copy()
            rows = np.arange(sims.shape[0])[:, None]
            masked[rows, argbest] = -1.0
            second = np.maximum.reduceat(masked, self._starts, axis=1)
            sizes = np.diff(np.r_[self._starts, sims.shape[1]])
            second = np.where(sizes[None, :] > 1, second, best)
            score = (1 - self.weights.second) * best + self.weights.second * second
        else:
            argbest = _argmax_reduceat(sims, self._starts, best)
            score = best
        return score, argbest

    def profile(self, text: str, phrases: list[Phrase] | None = None):
        """Score a whole text: its query units, the (units x items) scores, the best entry per
        unit and item, and each item's profile score (best phrase + support + lexical bonus)."""
        import numpy as np

        phrases = split_phrases(text) if phrases is None else phrases
        units = query_units(text, phrases)
        # phrases and the (longer) context clauses are batched apart: in one batch every short
        # phrase would be padded to the longest sentence (measured: ~1.6x slower); the two
        # batches run side by side
        n = len(phrases)
        groups = [[u.text for u in units[:n]]] + ([[u.text for u in units[n:]]] if len(units) > n else [])
        wishes = [i for i, u in enumerate(units) if is_wish(u.text)]
        # a sentence or clause of nothing but wishes and lacks ("No diploma, I left in 11th grade") is one too
        wished = set(wishes)
        lacking = {(p.start, p.end) for i, p in enumerate(phrases) if i in wished}
        wishes += [i for i, u in enumerate(units[n:], n) if i not in wished and all(
            (p.start, p.end) in lacking for p in phrases if u.start <= p.start and p.end <= u.end)]
        skip = set(wishes)
        # the lexical (SQLite full-text) lookups need no vectors: they run while the model encodes
        lexical = _beside(self.lexical_bonus, [u.text for i, u in enumerate(units) if i not in skip])
        vectors = np.vstack(self.engine.encode_many(groups))
        scores, argbest = self.unit_scores(vectors)
        if wishes and len(wishes) < len(units):
            scores[wishes] = 0.0
        if self.weights.context:
            # Read each phrase in the context of its sentence: blend in the sentence's score.
            span_row = {(u.start, u.end): i for i, u in enumerate(units)}
            ctx = [span_row.get(u.sentence or u.parent or (u.start, u.end), i) for i, u in enumerate(units)]
            if any(c != i for i, c in enumerate(ctx)):
                # a clause of two or three phrases is read as one thought; a long list (a résumé
                # line of skills) holds independent items, so its context counts for less
                share = np.bincount(ctx, minlength=len(units))[ctx]
                a = self.weights.context * np.minimum(1.0, self.weights.context_items / np.maximum(share, 1))
                a = np.where(np.arange(len(units)) == np.asarray(ctx), 0.0, a)[:, None]
                scores = (1 - a) * scores + a * scores[ctx]
                if wishes and len(wishes) < len(units):
                    scores[wishes] = 0.0
        best = scores.max(axis=0)
        w = self.weights
        support = np.zeros_like(best)
        if len(units) > 1 and w.support:
            extra = (scores >= POSSIBLE).sum(axis=0) - 1
            support = w.support * np.clip(extra, 0, w.support_cap)
        total = best + support + lexical.result()
        return units, scores, argbest, total

    def lexical_bonus(self, units: list[str]):
        import numpy as np

        bonus = np.zeros(len(self.collection.items), dtype=np.float32)
        if not self.weights.lexical:
            return bonus
        for text in units:
            hits = self.engine.store.lexical(self.collection.name, text, limit=20)
            if not hits:
                continue
            top = hits[0][1] or 1.0
            tau = self.weights.lexical_scale
            for item, s in hits:
                pos = self.collection.item_pos.get(item)
                if pos is not None:
                    rel = s / (s + tau) if tau else s / top
                    bonus[pos] = max(bonus[pos], self.weights.lexical * rel)
        return bonus


_side: list = [None, None]  # (pid, executor): one thread for work done beside the encoding
_side_lock = threading.Lock()


def _beside(fn, *args):
    """``fn(*args)`` on a helper thread, as a future: the caller goes on meanwhile (the model's
    runs and SQLite both release the GIL), then takes ``.result()``."""
    from concurrent.futures import ThreadPoolExecutor

    with _side_lock:
        if _side[1] is None or _side[0] != os.getpid():  # threads do not survive a fork
            _side[:] = [os.getpid(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="advisor-side")]
        return _side[1].submit(fn, *args)


def _argmax_reduceat(sims, starts, best=None):
    """For each row and each group of columns, the column index of the group's maximum (the
    first one, as ``np.argmax`` gives); ``best`` is the groups' maxima when already known."""
    import numpy as np

    n_cols = sims.shape[1]
    if best is None:
        best = np.maximum.reduceat(sims, starts, axis=1)
    sizes = np.diff(np.r_[starts, n_cols])
    cols = np.where(sims == np.repeat(best, sizes, axis=1), np.arange(n_cols), n_cols)
    return np.minimum.reduceat(cols, starts, axis=1).astype(np.int64, copy=False)


class Matcher:
    """Matches text against the competencies of a catalog. Build once, match many times."""

    def __init__(self, catalog: Catalog, engine: Engine | None = None, weights: Weights = DEFAULT_WEIGHTS, progress=None):
        self.catalog = catalog
        self.engine = engine or Engine()
        self.weights = weights
        comps = catalog.unique_competencies()
        self.competencies = {c.id: c for c in comps}
        self.collection = self.engine.ensure(COLLECTION, competency_entries(comps), progress=progress)
        self.scorer = Scorer(self.engine, self.collection, weights)
        import numpy as np

        self._by_models: dict = {}
        self._specific = np.array([weights.specific if self.competencies[i].tier in (4, 5) else 0.0 for i in self.collection.items], dtype=np.float32)

    def model_items(self, model_ids: list[str] | None) -> tuple[list[str], dict[str, str]]:
        """The models searched and, for each competency id allowed, the model it is shown under."""
        ids, owner, _ = self._searched(model_ids)
        return ids, owner

    def _searched(self, model_ids: list[str] | None):
        """:meth:`model_items` and the mask of the collection's items they allow, worked out once
        per choice of models (the catalog does not change under a matcher)."""
        import numpy as np

        key = tuple(model_ids) if model_ids else None
        got = self._by_models.get(key)
        if got is None:
            ids = model_ids or list(self.catalog.models)
            owner: dict[str, str] = {}
            for mid in ids:
                model = self.catalog.get(mid)
                for c in model.competencies:
                    owner.setdefault(c.id, mid if model_ids else c.model)
            allowed = np.zeros(len(self.collection.items), dtype=bool)
            for item in owner:
                pos = self.collection.item_pos.get(item)
                if pos is not None:
                    allowed[pos] = True
            got = self._by_models[key] = (ids, owner, allowed)
        ids, owner, allowed = got
        return list(ids), dict(owner), allowed

    def match(self, text: str, model_ids: list[str] | None = None, top: int = 10, floor: float | None = None) -> MatchResult:
        """Best competencies first, at most ``top``; ``floor`` lowers the cut-off (benchmarks use it)."""
        import numpy as np

        validate_text(text)
        models, owner, allowed = self._searched(model_ids)
        phrases = split_phrases(text)
        if not phrases:
            raise InputError("no words to match in the text", hint="type what the jobseeker has done, in words")
        units, scores, argbest, total = self.scorer.profile(text, phrases)
        # evidence comes from the jobseeker's own phrases; context units only when nothing else
        leaf = scores[: len(phrases)]
        order = np.argsort(-leaf, axis=0)
        total = np.where(allowed, total + self._specific, -np.inf)
        ranked = [int(i) for i in np.argsort(-total) if np.isfinite(total[i])]
        matches: list[Match] = []
        for pos in ranked:
            score = float(total[pos])
            status = status_for(score)
            if len(matches) >= top or (score < (POSSIBLE if floor is None else floor)):
                break
            status = status or "weak"
            item = self.collection.items[pos]
            evidence = []
            for u_idx in order[:, pos][:3]:
                s = float(leaf[u_idx, pos])
                if evidence and s < POSSIBLE:
                    break
                unit = units[int(u_idx)]
                entry = self.collection.entries[int(argbest[u_idx, pos])]
                evidence.append(Evidence(unit.text, unit.start, unit.end, entry.text, entry.kind, s))
            matches.append(Match(self.competencies[item], owner[item], score, status, evidence))
        return MatchResult(text, models, phrases, matches)
