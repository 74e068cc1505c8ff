"""Career ladders and lattices: real occupations (SOC codes) per industry model, the competencies
each rung adds, and the moves between rungs. Format: ``docs/data-format.md``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import config
from ..errors import DataError, InputError
from ..models import SAFE_LOADER, Catalog

RUNG_KEYS = {
    "id", "title", "soc", "soc_title", "level", "education", "experience", "training", "credentials",
    "summary", "builds_on", "adds", "moves", "entry",
}
ENTRY_KEYS = {"route", "requires", "on_the_job", "cip", "training"}
CIP_RE = re.compile(r"^\d{2}\.\d{4}$")
REQUIRED = {"id", "title", "soc", "soc_title", "level", "education", "summary", "adds"}
SOC_RE = re.compile(r"^\d{2}-\d{4}$")


@dataclass(frozen=True)
class Move:
    to: str
    kind: str  # up | lateral
    takes: str


@dataclass(frozen=True)
class Entry:
    """How people get into the job: the usual route in plain words, what must be held before
    applying, whether it can be learned on the job, and the programs that prepare for it."""

    route: str
    #: hard prerequisites, each a tuple of alternatives (any one will do): credential-lexicon ids
    #: (education levels such as ``high-school-diploma``, licences such as ``cdl-a``) or plain names
    requires: tuple[tuple[str, ...], ...]
    on_the_job: bool
    cip: tuple[str, ...]  # CIP 2020 codes of programs that prepare for it (NCES CIP-SOC crosswalk)
    training: tuple[str, ...]  # training catalogue ids of the route


@dataclass
class Rung:
    id: str
    model: str
    title: str
    soc: str
    soc_title: str
    level: int
    education: str
    experience: str
    training: str
    credentials: list[str]
    summary: str
    builds_on: list[str]
    adds: list[str]
    moves: list[Move]
    entry: Entry | None = None
    required: list[str] = field(default_factory=list)  # filled by the ladder set: own + inherited


@dataclass
class Ladders:
    rungs: dict[str, Rung] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # model id -> ladder name
    sources: dict[str, list[str]] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)
    #: (how many rungs it was built from, SOC code -> first rung), built on first use
    _by_soc: tuple = field(default=(-1, None), repr=False, compare=False)

    def get(self, rung_id: str) -> Rung:
        try:
            return self.rungs[rung_id]
        except KeyError:
            raise InputError(f"unknown occupation '{rung_id}'", hint="see 'advisor ladders' for the ids") from None

    def for_model(self, model_id: str) -> list[Rung]:
        return sorted((r for r in self.rungs.values() if r.model == model_id), key=lambda r: (r.level, r.title))

    def for_soc(self, soc: str) -> Rung | None:
        """The first rung (in file order) of a 2018 SOC code, or None: what an occupation found
        elsewhere (O*NET) means on the ladders."""
        count, table = self._by_soc
        if count != len(self.rungs):
            table = {}
            for r in self.rungs.values():
                table.setdefault(r.soc, r)
            self._by_soc = (len(self.rungs), table)
        return table.get(soc)

    def moves_from(self, rung_id: str) -> list[tuple[Move, Rung]]:
        rung = self.get(rung_id)
        return [(m, self.rungs[m.to]) for m in rung.moves if m.to in self.rungs]


def _err(path: Path, rung: str | None, what: str, fix: str) -> DataError:
    where = f"{path}" + (f": rung '{rung}'" if rung else "")
    return DataError(f"{where}: {what}", hint=fix)


def _names(path: Path, rid: str, raw: dict, key: str) -> list:
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise _err(path, rid, f"entry.{key} must be a list", "write it as [a, b] or one '- item' a line")
    return value


def _entry(path: Path, rid: str, raw: object) -> Entry:
    """An ``entry`` block, checked: a route, a list of requirements (a nested list is a choice of
    alternatives), on_the_job true/false, CIP 2020 codes like 51.3901, training catalogue ids."""
    fix = "see 'Entry routes' in docs/data-format.md"
    if not isinstance(raw, dict):
        raise _err(path, rid, "entry is not a mapping", fix)
    bad = set(raw) - ENTRY_KEYS
    if bad:
        raise _err(path, rid, f"entry has unknown key(s) {sorted(bad)}", f"allowed: {', '.join(sorted(ENTRY_KEYS))}")
    route = " ".join(str(raw.get("route") or "").split())
    if not route:
        raise _err(path, rid, "entry.route is missing", "say in plain words how people get into this job")
    if not isinstance(raw.get("on_the_job"), bool):
        raise _err(path, rid, "entry.on_the_job must be true or false", "true when employers hire and train beginners")
    requires = []
    for item in _names(path, rid, raw, "requires"):
        alts = item if isinstance(item, list) else [item]
        if not alts or not all(isinstance(a, str) and a.strip() for a in alts):
            raise _err(path, rid, f"entry.requires item {item!r} is not a name or a list of names", fix)
        requires.append(tuple(a.strip() for a in alts))
    cip = [str(c) for c in _names(path, rid, raw, "cip")]
    for code in cip:
        if not CIP_RE.match(code):
            raise _err(path, rid, f"CIP code '{code}' is not like 51.3901", "use a quoted 6-digit CIP 2020 code")
    training = [str(t) for t in _names(path, rid, raw, "training")]
    return Entry(route, tuple(requires), raw["on_the_job"], tuple(dict.fromkeys(cip)), tuple(dict.fromkeys(training)))


def _parse_file(path: Path, catalog: Catalog) -> tuple[str, str, list[str], list[Rung]]:
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise _err(path, None, f"cannot be read: {exc}", "fix the YAML") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("rungs"), list):
        raise _err(path, None, "must have 'model', 'name' and a list of 'rungs'", "see docs/data-format.md")
    unknown = set(doc) - {"model", "name", "sources", "rungs"}
    if unknown:
        raise _err(path, None, f"unknown key(s) {sorted(unknown)}", "allowed: model, name, sources, rungs")
    model_id = str(doc.get("model"))
    if model_id not in catalog.models:
        raise _err(path, None, f"model '{model_id}' is not loaded", "ship the model or fix the id")
    known = {c.id for c in catalog.get(model_id).competencies} | set(catalog.competencies_by_id())
    rungs = []
    for raw in doc["rungs"]:
        if not isinstance(raw, dict):
            raise _err(path, None, "a rung is not a mapping", "see docs/data-format.md")
        rid = str(raw.get("id", "?"))
        bad = set(raw) - RUNG_KEYS
        if bad:
            raise _err(path, rid, f"unknown key(s) {sorted(bad)}", f"allowed: {', '.join(sorted(RUNG_KEYS))}")
        missing = sorted(k for k in REQUIRED if raw.get(k) in (None, "", []))
        if missing:
            raise _err(path, rid, f"missing {missing}", "fill in every required field")
        soc = str(raw["soc"])
        if not SOC_RE.match(soc):
            raise _err(path, rid, f"SOC code '{soc}' is not like 41-2011", "use the 2018 SOC detailed code")
        for cid in raw["adds"]:
            if cid not in known:
                raise _err(path, rid, f"adds unknown competency '{cid}'", "use ids from 'advisor models show'")
        moves = []
        for m in raw.get("moves") or []:
            if not isinstance(m, dict) or set(m) - {"to", "kind", "takes"} or m.get("kind") not in ("up", "lateral"):
                raise _err(path, rid, f"bad move {m!r}", "a move has to, kind (up|lateral) and takes")
            moves.append(Move(str(m["to"]), m["kind"], " ".join(str(m.get("takes", "")).split())))
        entry = _entry(path, rid, raw["entry"]) if raw.get("entry") is not None else None
        rungs.append(
            Rung(
                id=rid,
                model=model_id,
                title=str(raw["title"]),
                soc=soc,
                soc_title=str(raw["soc_title"]),
                level=int(raw["level"]),
                education=str(raw["education"]),
                experience=str(raw.get("experience") or "None"),
                training=str(raw.get("training") or "None"),
                credentials=[str(c) for c in raw.get("credentials") or []],
                summary=" ".join(str(raw["summary"]).split()),
                builds_on=[str(b) for b in raw.get("builds_on") or []],
                adds=[str(a) for a in raw["adds"]],
                moves=moves,
                entry=entry,
            )
        )
    return model_id, str(doc.get("name") or model_id), [str(s) for s in doc.get("sources") or []], rungs


def load_ladders(catalog: Catalog, directory: Path | None = None) -> Ladders:
    directory = directory or config.data_dir() / "ladders"
    ladders = Ladders()
    for path in sorted(directory.glob("*.yaml")):
        try:
            model_id, name, sources, rungs = _parse_file(path, catalog)
        except DataError as err:
            ladders.errors.append(err)
            continue
        ladders.names[model_id] = name
        ladders.sources[model_id] = sources
        for rung in rungs:
            if rung.id in ladders.rungs:
                ladders.errors.append(_err(path, rung.id, "id is used twice", "rung ids are unique across ladders"))
                continue
            ladders.rungs[rung.id] = rung
    for rung in ladders.rungs.values():
        rung.moves = [m for m in rung.moves if m.to in ladders.rungs] or rung.moves
        rung.required = _required(rung, ladders.rungs, set())
    return ladders


def _required(rung: Rung, rungs: dict[str, Rung], seen: set[str]) -> list[str]:
    """The rung's own competencies first, then those of the rungs it builds on (no repeats)."""
    out = list(dict.fromkeys(rung.adds))
    seen = seen | {rung.id}
    for base in rung.builds_on:
        if base in rungs and base not in seen:
            for cid in _required(rungs[base], rungs, seen):
                if cid not in out:
                    out.append(cid)
    return out
