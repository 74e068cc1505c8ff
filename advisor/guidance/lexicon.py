"""The facts lexicon: credentials (``data/credentials.yaml``) and job titles (``data/titles.yaml``),
validated against the shipped competencies, training catalogue and ladders, and compiled into
two trie-shaped regular expressions so a long text is scanned once per kind.

Alias rules: case-insensitive (an alias written with capitals, like ``RN``, matches only so),
on word boundaries; spaces, hyphens, dots, slashes and apostrophes between an alias's words
are optional. The longest alias at a position wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import config
from ..errors import DataError
from ..models import ID_RE, SAFE_LOADER, Catalog
from .ladders import Ladders

KINDS = ("education", "credential", "license", "certificate")
LEVELS = ("none", "hse", "high-school", "some-college", "associate", "bachelor", "master", "doctorate")
CRED_KEYS = {"id", "name", "kind", "level", "field", "aliases", "evidences", "catalog", "implies", "industries", "variants"}
CRED_REQUIRED = ("id", "name", "kind", "aliases")

_TOKEN = re.compile(r"[^\W_]+\+*|[&+]")
SEP = r"[\s\-‐–_/.'’]*"
_START = r"(?<![^\W_])"
_END = r"(?![^\W_]|['’](?!s(?![^\W_]))[^\W_])"
_SEP_UNIT = "\x00"


def tokens(text: str) -> list[str]:
    """The words of an alias or a matched phrase (punctuation between them dropped)."""
    return _TOKEN.findall(text)


def alias_key(text: str) -> str:
    """The lookup key of an alias or a matched phrase: its lower-cased words run together."""
    return "".join(tokens(text.lower()))


@dataclass(frozen=True)
class Credential:
    id: str
    name: str
    kind: str
    level: str | None
    field: str | None
    aliases: tuple[str, ...]
    evidences: tuple[str, ...]  # own and implied
    catalog: tuple[str, ...]  # own and implied: training ids it is or makes redundant
    implies: tuple[str, ...]  # every credential it implies, transitively
    industries: tuple[str, ...]
    variants: tuple[tuple[str, re.Pattern], ...] = ()


@dataclass(frozen=True)
class Title:
    rung_id: str
    title: str
    model: str
    aliases: tuple[str, ...]
    weak: tuple[str, ...]
    required: tuple[str, ...]


@dataclass
class Lexicon:
    credentials: dict[str, Credential]
    titles: dict[str, Title]
    credential_re: re.Pattern
    title_re: re.Pattern
    credential_keys: dict[str, str]  # alias key -> credential id
    title_keys: dict[str, tuple[tuple[str, bool], ...]]  # alias key -> ((rung id, weak), ...)
    employers: dict[str, str] = field(default_factory=dict)  # employer key -> model id
    paths: tuple[Path, Path] | None = None

    def credential_for(self, phrase: str) -> Credential | None:
        key = alias_key(phrase)
        cid = self.credential_keys.get(key) or (self.credential_keys.get(key[:-1]) if key.endswith("s") else None)
        return self.credentials.get(cid) if cid else None

    def titles_for(self, phrase: str) -> tuple[tuple[str, bool], ...]:
        return self.title_keys.get(alias_key(phrase), ())


# --------------------------------------------------------------------------- regex building


def _trie_regex(aliases: list[str]) -> str:
    """One regex for many aliases: a character trie over the alias keys, so each position branches
    on one character and aliases that differ only in punctuation share one path (the longest
    alias then wins). A separator may stand wherever some alias had a break between words."""
    root: dict = {}
    for alias in aliases:
        node = root
        for i, tok in enumerate(tokens(alias.lower())):
            if i:
                node[_SEP_UNIT] = True
            for ch in tok:
                node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        kids = sorted(k for k in node if len(k) == 1 and k != _SEP_UNIT)
        if not kids:
            return ""
        parts = [re.escape(k) + emit(node[k]) for k in kids]
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if _SEP_UNIT in node:
            body = SEP + body
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def compile_aliases(aliases: list[str], plural: bool = False) -> re.Pattern:
    lower = [a for a in aliases if a == a.lower()]
    cased = [a for a in aliases if a != a.lower()]
    alts = [_trie_regex(lower)] if lower else []
    if cased:
        alts.append("(?-i:" + "|".join(SEP.join(map(re.escape, tokens(a))) for a in sorted(cased, key=len, reverse=True)) + ")")
    if not alts:
        return re.compile(r"(?!x)x")
    suffix = "(?:s(?![^\\W_]))?" if plural else ""
    return re.compile(_START + "(?:" + "|".join(alts) + ")" + suffix + _END, re.IGNORECASE)


# --------------------------------------------------------------------------- loading


def _load(path: Path) -> dict:
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read: {exc}", hint="check the file is UTF-8 text and readable") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise DataError(f"{path}: YAML error{where}", hint="fix the indentation or quoting there") from exc
    if not isinstance(doc, dict):
        raise DataError(f"{path}: must be a mapping", hint="see the comment at the top of the shipped file")
    return doc


def _words(value: object, path: Path, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        raise DataError(f"{path}: {where}: '{key}' must be a list of words", hint=f"write {key}: [a, b, c]")
    out = [" ".join(str(v).split()) for v in value]
    if any(not tokens(v) for v in out):
        raise DataError(f"{path}: {where}: '{key}' has an entry with no letters or digits", hint="remove it")
    return out


def _resource_ids(catalog: Catalog) -> set[str]:
    from .training import load_resources

    resources, _errors = load_resources(catalog)
    return {r.id for r in resources}


def _credentials(path: Path, catalog: Catalog, resources: set[str]) -> tuple[dict[str, Credential], dict[str, str]]:
    doc = _load(path)
    raw_list = doc.get("credentials")
    if not isinstance(raw_list, list) or not raw_list:
        raise DataError(f"{path}: needs a non-empty 'credentials' list", hint="see the comment at the top of the shipped file")
    comps, models = set(catalog.competencies_by_id()), set(catalog.models)
    raw_by_id: dict[str, dict] = {}
    keys: dict[str, str] = {}
    for raw in raw_list:
        if not isinstance(raw, dict):
            raise DataError(f"{path}: a credential entry is not a mapping", hint="start each entry with '- id: ...'")
        cid = str(raw.get("id", "?"))
        where = f"credential '{cid}'"
        bad = sorted(set(raw) - CRED_KEYS)
        if bad:
            raise DataError(f"{path}: {where}: unknown key(s) {bad}", hint=f"allowed: {', '.join(sorted(CRED_KEYS))}")
        missing = [k for k in CRED_REQUIRED if raw.get(k) in (None, "", [])]
        if missing:
            raise DataError(f"{path}: {where}: missing {missing}", hint="fill in id, name, kind and aliases")
        if not ID_RE.match(cid) or cid in raw_by_id:
            raise DataError(f"{path}: {where}: id is not kebab-case or is used twice", hint="give each entry its own lower-case id")
        if raw["kind"] not in KINDS:
            raise DataError(f"{path}: {where}: kind {raw['kind']!r} is not one of {', '.join(KINDS)}", hint="fix the kind")
        level = raw.get("level")
        if (raw["kind"] == "education") != (level is not None) or (level is not None and level not in LEVELS):
            raise DataError(f"{path}: {where}: level {level!r} is wrong", hint=f"education entries need a level ({', '.join(LEVELS)}); others none")
        for key, known, what in (("evidences", comps, "competency"), ("catalog", resources, "training catalogue entry"), ("industries", models, "model")):
            for value in _words(raw.get(key), path, where, key):
                if value not in known:
                    raise DataError(f"{path}: {where}: {key} names unknown {what} '{value}'", hint="use ids from the shipped data")
        for alias in _words(raw["aliases"], path, where, "aliases"):
            key = alias_key(alias)
            if keys.setdefault(key, cid) != cid:
                raise DataError(f"{path}: {where}: alias '{alias}' is also an alias of '{keys[key]}'", hint="give each alias to one credential")
        raw_by_id[cid] = raw
    for cid, raw in raw_by_id.items():
        for other in _words(raw.get("implies"), path, f"credential '{cid}'", "implies"):
            if other not in raw_by_id:
                raise DataError(f"{path}: credential '{cid}': implies unknown credential '{other}'", hint="name an id in this file")

    def closure(cid: str, trail: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for other in raw_by_id[cid].get("implies") or []:
            if other in trail:
                raise DataError(f"{path}: credential '{cid}': implies form a loop via '{other}'", hint="remove one 'implies' link")
            out += [other] + closure(other, trail + (other,))
        return list(dict.fromkeys(out))

    creds: dict[str, Credential] = {}
    for cid, raw in raw_by_id.items():
        chain = closure(cid, (cid,))
        ev = [e for c in [cid, *chain] for e in raw_by_id[c].get("evidences") or []]
        cat = [e for c in [cid, *chain] for e in raw_by_id[c].get("catalog") or []]
        variants = raw.get("variants") or {}
        if not isinstance(variants, dict):
            raise DataError(f"{path}: credential '{cid}': 'variants' must map a label to words", hint="e.g. Universal: [universal]")
        creds[cid] = Credential(
            id=cid,
            name=" ".join(str(raw["name"]).split()),
            kind=raw["kind"],
            level=raw.get("level"),
            field=str(raw["field"]) if raw.get("field") else None,
            aliases=tuple(_words(raw["aliases"], path, cid, "aliases")),
            evidences=tuple(dict.fromkeys(ev)),
            catalog=tuple(dict.fromkeys(cat)),
            implies=tuple(chain),
            industries=tuple(raw.get("industries") or []),
            variants=tuple((str(label), compile_aliases(_words(words, path, cid, f"variants.{label}"))) for label, words in variants.items()),
        )
    return creds, keys


def _titles(path: Path, catalog: Catalog, ladders: Ladders) -> tuple[dict[str, Title], dict[str, tuple], dict[str, str]]:
    doc = _load(path)
    raw_titles = doc.get("titles")
    if not isinstance(raw_titles, dict):
        raise DataError(f"{path}: needs a 'titles' mapping of rung id to aliases", hint="see the comment at the top of the shipped file")
    titles: dict[str, Title] = {}
    keys: dict[str, list[tuple[str, bool]]] = {}
    for rung_id, raw in raw_titles.items():
        where = f"rung '{rung_id}'"
        if rung_id not in ladders.rungs:
            raise DataError(f"{path}: {where} is not a ladder rung", hint="use ids from advisor/data/ladders")
        if not isinstance(raw, dict) or set(raw) - {"aliases", "weak"} or not raw.get("aliases"):
            raise DataError(f"{path}: {where}: needs 'aliases' (and optional 'weak') lists", hint="write aliases: [a, b]")
        rung = ladders.rungs[rung_id]
        strong, weak = _words(raw["aliases"], path, where, "aliases"), _words(raw.get("weak"), path, where, "weak")
        # one occupation on two ladders (a CNA in health care and in long-term care: one SOC code)
        # is one job: the experience shows what either ladder says it requires
        same_job = [r for r in ladders.rungs.values() if r.soc == rung.soc]
        required = tuple(dict.fromkeys(c for r in [rung, *same_job] for c in r.required))
        titles[rung_id] = Title(rung_id, rung.title, rung.model, tuple(strong), tuple(weak), required)
        for alias, is_weak in [(a, False) for a in strong] + [(a, True) for a in weak]:
            slot = keys.setdefault(alias_key(alias), [])
            if all(r != rung_id for r, _ in slot):
                slot.append((rung_id, is_weak))
    employers: dict[str, str] = {}
    raw_emp = doc.get("employers") or {}
    if not isinstance(raw_emp, dict):
        raise DataError(f"{path}: 'employers' must map a model id to names", hint="e.g. retail: [walmart, target]")
    for model_id, names in raw_emp.items():
        if model_id not in catalog.models:
            raise DataError(f"{path}: employers: '{model_id}' is not a loaded model", hint="use a model id")
        for name in _words(names, path, f"employers '{model_id}'", model_id):
            employers.setdefault(alias_key(name), model_id)
    return titles, {k: tuple(v) for k, v in keys.items()}, employers


_CACHE: dict[tuple, tuple[Lexicon, Catalog, Ladders]] = {}


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def load_lexicon(catalog: Catalog, ladders: Ladders, path: Path | None = None, titles_path: Path | None = None) -> Lexicon:
    """The validated, compiled lexicon (cached per files, catalog and ladders)."""
    path = Path(path) if path else config.data_dir() / "credentials.yaml"
    titles_path = Path(titles_path) if titles_path else config.data_dir() / "titles.yaml"
    key = (str(path), _stamp(path), str(titles_path), _stamp(titles_path), id(catalog), id(ladders))
    hit = _CACHE.get(key)
    if hit is not None:
        return hit[0]
    creds, cred_keys = _credentials(path, catalog, _resource_ids(catalog))
    titles, title_keys, employers = _titles(titles_path, catalog, ladders)
    lexicon = Lexicon(
        credentials=creds,
        titles=titles,
        credential_re=compile_aliases([a for c in creds.values() for a in c.aliases], plural=True),
        title_re=compile_aliases([a for t in titles.values() for a in t.aliases + t.weak]),
        credential_keys=cred_keys,
        title_keys=title_keys,
        employers=employers,
        paths=(path, titles_path),
    )
    _CACHE[key] = (lexicon, catalog, ladders)  # the objects are kept so their ids stay unique
    return lexicon
