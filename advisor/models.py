"""Competency models: typed objects and a strict loader.

One YAML file per model (format: ``docs/data-format.md``). An industry model may ``extends`` the
Building Blocks model to take its foundational tiers by reference and override only what differs.
A broken file never stops the others from loading: :func:`load_catalog` returns the models that
loaded and a list of :class:`~advisor.errors.DataError` for the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import config
from .catalog import PROVENANCES, Catalog, Competency, Model, Tier
from .errors import DataError, InputError

__all__ = ["Catalog", "Competency", "Model", "Tier", "SAFE_LOADER", "load_catalog", "new_model_file"]

#: libyaml's C loader when available (about 5x faster: the first screen waits for the data)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MIN_BEHAVIORS = 4
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBER_RE = re.compile(r"^\d+\.\d+$")

MODEL_KEYS = {
    "id": True,
    "name": True,
    "version": True,
    "sources": True,
    "tiers": True,
    "competencies": True,
    "extends": False,
    "inherit_tiers": False,
    "exclude": False,
}
COMPETENCY_KEYS = {
    "number": True,
    "name": True,
    "tier": True,
    "definition": True,
    "behaviors": True,
    "provenance": True,
    "replaces": False,
}
TIER_KEYS = {"number": True, "name": True}


# --------------------------------------------------------------------------- parsing


def _fail(path: Path, what: str, fix: str, model: str | None = None, comp: str | None = None) -> DataError:
    where = str(path)
    if model:
        where += f": model '{model}'"
    if comp:
        where += f", competency {comp}"
    return DataError(f"{where}: {what}", hint=fix)


def _check_keys(raw: dict, spec: dict[str, bool], path: Path, model: str | None, comp: str | None, what: str) -> None:
    unknown = sorted(set(raw) - set(spec), key=str)  # keys may be numbers beside words
    if unknown:
        raise _fail(
            path,
            f"unknown key(s) {', '.join(repr(k) for k in unknown)} in {what}",
            f"allowed keys are {', '.join(spec)}; check the spelling",
            model,
            comp,
        )
    missing = [k for k, required in spec.items() if required and raw.get(k) in (None, "", [])]
    if missing:
        raise _fail(
            path,
            f"missing or empty {', '.join(repr(k) for k in missing)} in {what}",
            "fill in every required field (see docs/data-format.md)",
            model,
            comp,
        )


def _text(value: object, path: Path, model: str | None, comp: str | None, key: str) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise _fail(path, f"'{key}' must be text", f"write '{key}' as plain text", model, comp)
    text = " ".join(str(value).split())
    if not text:
        raise _fail(path, f"'{key}' is empty", f"write a '{key}'", model, comp)
    return text


def _parse_competency(raw: object, path: Path, model_id: str, tiers: set[int]) -> tuple[Competency, str | None]:
    if not isinstance(raw, dict):
        raise _fail(path, "a competency entry is not a mapping", "each competency is a set of key: value lines", model_id)
    label = str(raw.get("number") or raw.get("name") or "?")
    _check_keys(raw, COMPETENCY_KEYS, path, model_id, label, "competency")
    number = _text(raw["number"], path, model_id, label, "number")
    if not NUMBER_RE.match(number):
        raise _fail(path, f"number '{number}' is not of the form 'tier.n'", "write numbers like \"4.3\" (quoted)", model_id, label)
    name = _text(raw["name"], path, model_id, number, "name")
    label = f"{number} '{name}'"
    tier = raw["tier"]
    if not isinstance(tier, int) or isinstance(tier, bool) or tier not in tiers:
        raise _fail(
            path,
            f"tier {tier!r} is not one of the model's tiers {sorted(tiers)}",
            "add the tier to 'tiers' or correct the competency's tier",
            model_id,
            label,
        )
    if int(number.split(".")[0]) != tier:
        raise _fail(path, f"number {number} does not start with its tier {tier}", "make the number's first part the tier", model_id, label)
    behaviors = raw["behaviors"]
    if not isinstance(behaviors, list):
        raise _fail(path, "'behaviors' must be a list", "write one '- behavior' line each", model_id, label)
    clean = tuple(_text(b, path, model_id, label, "behaviors") for b in behaviors if b is not None and str(b).strip())
    if len(clean) < MIN_BEHAVIORS:
        raise _fail(
            path,
            f"has {len(clean)} behavior(s); at least {MIN_BEHAVIORS} are needed",
            "add key behaviors that describe the work concretely",
            model_id,
            label,
        )
    provenance = raw["provenance"]
    if provenance not in PROVENANCES:
        raise _fail(path, f"provenance {provenance!r} is not 'cmc' or 'drafted'", "use cmc for official CMC names, drafted otherwise", model_id, label)
    replaces = raw.get("replaces")
    comp = Competency(
        model=model_id,
        number=number,
        name=name,
        tier=tier,
        definition=_text(raw["definition"], path, model_id, label, "definition"),
        behaviors=clean,
        provenance=provenance,
    )
    return comp, (str(replaces) if replaces is not None else None)


def _read_yaml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read: {exc}", hint="check the file is UTF-8 text and readable") from exc
    try:
        raw = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise DataError(f"{path}: YAML error{where}: {problem}", hint="fix the indentation or quoting there") from exc
    if not isinstance(raw, dict):
        raise DataError(f"{path}: the file must hold one model (a mapping of keys)", hint="see docs/data-format.md")
    odd = [k for k in raw if not isinstance(k, str)]
    if odd:
        raise DataError(f"{path}: the key {odd[0]!r} is not a word", hint="keys are names such as id, name, tiers (docs/data-format.md)")
    for key, ok, what in (("id", lambda v: isinstance(v, str), "a text id"),
                          ("extends", lambda v: isinstance(v, str), "one model id, e.g. building-blocks"),
                          ("exclude", lambda v: isinstance(v, list) and all(isinstance(x, (str, int, float)) for x in v),
                           "a list of competency numbers, e.g. ['1.4']")):
        if raw.get(key) is not None and not ok(raw[key]):
            raise DataError(f"{path}: '{key}' must be {what}, not {type(raw[key]).__name__}", hint="see docs/data-format.md")
    return raw


@dataclass
class _RawModel:
    path: Path
    raw: dict
    origin: str


def _build(raw_model: _RawModel, bases: dict[str, Model]) -> Model:
    path, raw = raw_model.path, raw_model.raw
    model_id = str(raw.get("id") or path.stem)
    _check_keys(raw, MODEL_KEYS, path, model_id, None, "model")
    if not ID_RE.match(model_id):
        raise _fail(path, f"id '{model_id}' is not kebab-case", "use lower-case words joined by '-'", model_id)
    if model_id != path.stem:
        raise _fail(path, f"id '{model_id}' differs from the file name", f"rename the file to {model_id}.yaml or fix the id", model_id)
    sources = raw["sources"]
    if not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
        raise _fail(path, "'sources' must be a list of URLs", "list where the model's structure was read", model_id)
    tiers_raw = raw["tiers"]
    if not isinstance(tiers_raw, list):
        raise _fail(path, "'tiers' must be a list", "write '- {number: 1, name: ...}' per tier", model_id)
    tiers: list[Tier] = []
    for entry in tiers_raw:
        if not isinstance(entry, dict):
            raise _fail(path, "a tier entry is not a mapping", "write '- {number: 1, name: ...}'", model_id)
        _check_keys(entry, TIER_KEYS, path, model_id, None, "tier")
        if not isinstance(entry["number"], int) or isinstance(entry["number"], bool):
            raise _fail(path, f"tier number {entry['number']!r} is not a whole number", "number tiers 1, 2, 3 ...", model_id)
        if any(t.number == entry["number"] for t in tiers):
            raise _fail(path, f"tier {entry['number']} is listed twice", "list each tier once", model_id)
        tiers.append(Tier(entry["number"], _text(entry["name"], path, model_id, None, "tier name")))
    tier_numbers = {t.number for t in tiers}

    inherited: list[Competency] = []
    extends = raw.get("extends")
    if extends is not None:
        extends = str(extends)
        base = bases.get(extends)
        if base is None:
            raise _fail(path, f"extends '{extends}', which is missing or did not load", f"ship advisor/data/models/{extends}.yaml or remove 'extends'", model_id)
        inherit_tiers = raw.get("inherit_tiers", [1, 2, 3])
        if not isinstance(inherit_tiers, list) or not all(isinstance(t, int) for t in inherit_tiers):
            raise _fail(path, "'inherit_tiers' must be a list of tier numbers", "e.g. [1, 2, 3]", model_id)
        for t in inherit_tiers:
            if t not in tier_numbers:
                raise _fail(path, f"inherits tier {t}, which is not in 'tiers'", "list the tier in 'tiers'", model_id)
        exclude = [str(x) for x in raw.get("exclude") or []]
        base_numbers = {c.number for c in base.competencies if c.tier in inherit_tiers}
        for num in exclude:
            if num not in base_numbers:
                raise _fail(path, f"excludes {num}, which '{extends}' does not have in the inherited tiers", "list only inherited numbers", model_id)
        inherited = [c for c in base.competencies if c.tier in inherit_tiers and c.number not in exclude]
    elif raw.get("inherit_tiers") or raw.get("exclude"):
        raise _fail(path, "'inherit_tiers' or 'exclude' without 'extends'", "add 'extends: building-blocks' or remove them", model_id)

    comps_raw = raw["competencies"]
    if not isinstance(comps_raw, list):
        raise _fail(path, "'competencies' must be a list", "write one '- number: ...' block per competency", model_id)
    own: list[Competency] = []
    replaced: set[str] = set()
    for entry in comps_raw:
        comp, replaces = _parse_competency(entry, path, model_id, tier_numbers)
        if replaces is not None:
            if not any(c.number == replaces for c in inherited):
                raise _fail(path, f"replaces {replaces}, which is not an inherited competency", "name an inherited number, or drop 'replaces'", model_id, f"{comp.number} '{comp.name}'")
            replaced.add(replaces)
        own.append(comp)
    merged = [c for c in inherited if c.number not in replaced] + own
    seen: dict[str, Competency] = {}
    for comp in merged:
        if comp.number in seen:
            raise _fail(
                path,
                f"number {comp.number} is used twice ('{seen[comp.number].name}' and '{comp.name}')",
                "give each competency its own number, or use 'replaces' to override an inherited one",
                model_id,
                comp.number,
            )
        seen[comp.number] = comp
    merged.sort(key=Competency.sort_key)
    return Model(
        id=model_id,
        name=_text(raw["name"], path, model_id, None, "name"),
        version=_text(raw["version"], path, model_id, None, "version"),
        sources=[s.strip() for s in sources],
        tiers=sorted(tiers, key=lambda t: t.number),
        competencies=merged,
        path=path,
        extends=extends,
        origin=raw_model.origin,
    )


def model_dirs() -> list[tuple[Path, str]]:
    return [(config.data_dir() / "models", "shipped"), (config.user_models_dir(), "user")]


def load_catalog(dirs: list[tuple[Path, str]] | None = None) -> Catalog:
    """Load every model file; shipped models first, then the user's (which may extend them)."""
    catalog = Catalog()
    pending: list[_RawModel] = []
    for directory, origin in dirs if dirs is not None else model_dirs():
        paths = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
        if origin == "shipped" and not paths:
            # an install without its data would otherwise look like a tool that knows nothing
            raise DataError(
                f"{directory}: no shipped competency models found",
                hint="reinstall advisor (the package data is missing) or point ADVISOR_DATA at a data folder",
            )
        for path in paths:
            try:
                pending.append(_RawModel(path, _read_yaml(path), origin))
            except DataError as err:
                catalog.errors.append(err)
    # Resolve 'extends' in dependency order: base models first, however the files are named.
    remaining = pending
    while remaining:
        progress = False
        later: list[_RawModel] = []
        for item in remaining:
            base = item.raw.get("extends")
            if base is not None and base not in catalog.models and any(
                str(o.raw.get("id") or o.path.stem) == base for o in remaining if o is not item
            ):
                later.append(item)
                continue
            progress = True
            try:
                model = _build(item, catalog.models)
            except DataError as err:
                catalog.errors.append(err)
                continue
            except (TypeError, ValueError, AttributeError, KeyError) as exc:  # a shape no check foresaw
                catalog.errors.append(_fail(item.path, f"a value has the wrong type ({type(exc).__name__})",
                                            "compare the file with docs/data-format.md", str(item.raw.get("id") or item.path.stem)))
                continue
            if model.id in catalog.models:
                catalog.errors.append(
                    _fail(item.path, f"model id '{model.id}' is already loaded from {catalog.models[model.id].path}", "give your model its own id", model.id)
                )
                continue
            catalog.models[model.id] = model
        if not progress:
            for item in later:
                catalog.errors.append(_fail(item.path, "'extends' forms a cycle", "break the cycle", str(item.raw.get("id"))))
            break
        remaining = later
    return catalog


def new_model_file(new_id: str, base: Model, directory: Path | None = None) -> Path:
    """Write a starting file for a user's own model that extends ``base`` (like the CMC's
    "Build a Competency Model" tool): foundational tiers inherited, an industry tier to fill."""
    if not ID_RE.match(new_id):
        raise InputError(f"'{new_id}' is not a valid model id", hint="use lower-case words joined by '-', e.g. 'regional-logistics'")
    directory = directory or config.user_models_dir()
    path = directory / f"{new_id}.yaml"
    if path.exists():
        raise InputError(f"{path} already exists", hint="pick another id or edit that file")
    inherit = sorted({c.tier for c in base.competencies if c.tier <= 3})
    doc = {
        "id": new_id,
        "name": new_id.replace("-", " ").title(),
        "version": f"Local model started from {base.id}",
        "sources": [f"local: customised from the {base.name}"],
        "extends": base.id,
        "inherit_tiers": inherit,
        "tiers": [{"number": t.number, "name": t.name} for t in base.tiers if t.number in inherit]
        + [{"number": 4, "name": "Industry-Wide Technical Competencies"}],
        "competencies": [
            {
                "number": "4.1",
                "name": "Replace With Your Competency",
                "tier": 4,
                "definition": "Say in one or two sentences what this competency covers in your region's jobs.",
                "behaviors": [
                    "Describe one concrete thing a worker does that shows this competency",
                    "Describe a second activity, with the tools or documents it involves",
                    "Describe a third activity, as a supervisor would put it",
                    "Describe a fourth activity, as a job ad would put it",
                ],
                "provenance": "drafted",
            }
        ],
    }
    header = (
        f"# Your own competency model, started from '{base.id}'.\n"
        "# It inherits the foundational tiers; add industry competencies below.\n"
        "# Format: docs/data-format.md. Check it with: advisor models show " + new_id + "\n"
    )
    from .safe_write import write_file  # in one step: a full or read-only disk leaves no empty file

    return write_file(path, header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100))
