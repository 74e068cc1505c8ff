"""Training resources: the national catalogue we ship, and local programs imported from a state's
Eligible Training Provider List (ETPL) export, linked to competencies with the embedding engine.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import config
from ..catalog import tier_of
from ..errors import DataError, InputError
from ..models import SAFE_LOADER, Catalog

RESOURCE_KEYS = {
    "id", "name", "kind", "issuer", "length", "format", "cost", "wioa", "wioa_note", "description", "builds",
    "industries", "url", "requires",
}
RESOURCE_REQUIRED = {"id", "name", "kind", "length", "cost", "wioa", "description", "builds"}
ETPL_FIELDS = ["provider", "program", "credential", "length", "cost", "location", "description", "cip"]
#: the names ETPL exports give each field, best first (lower case; the standardized state layout,
#: New Jersey's export among them, names its columns ``officialname``, ``cipcode``, ``totalcost``...).
#: In each row the first of these columns with a value is used; ``--map FIELD=COLUMN`` names one instead.
ETPL_ALIASES = {
    "provider": ("provider", "provider name", "providername", "provider_name", "standardized_name_1", "name", "school"),
    "program": ("program", "program name", "programname", "program_name", "program title", "officialname",
                "standardized_name", "course"),
    "credential": ("credential", "credential name", "industrycredentialname", "licenseawardedname",
                   "degreeawardedname", "credentialtype"),
    "length": ("length", "duration", "program length"),
    "cost": ("cost", "total cost", "totalcost", "total_cost", "price"),
    "location": ("location",),
    "description": ("description", "program description", "standardized_description", "about", "summary"),
    "cip": ("cip", "cipcode", "cip_code", "cip code", "cip 2020"),
}
#: when a file has no column for a field, what it is made of: the parts of the cost (summed), the
#: clock hours (a length of "320 hours"), the place (city, county and state) and distance learning
COST_PARTS = ("tuition", "fees", "booksmaterialscost", "suppliestoolscost", "othercosts")
HOURS = ("totalclockhours", "total clock hours", "clock hours", "clockhours", "contact hours", "hours")
PLACE = ("city", "county", "state")
DISTANCE = ("distancelearning", "distance learning", "online")
PROVIDER_ID = ("providerid", "provider id")
_YES = {"1", "t", "true", "y", "yes"}
CIP_DIGITS = re.compile(r"^(\d{2})\.?(\d{4})$")
ETPL_REQUIRED = ["provider", "program"]
#: how strongly a program's description must match a competency for a link
LINK_THRESHOLD = 0.50
MAX_LINKS = 6
#: a resource is suggested for a competency only if it is among the first this many it builds
PRIMARY_BUILDS = 3
#: kinds of training that teach a whole job, not one exam's or one short course's content
WHOLE_PROGRAMS = frozenset({"apprenticeship", "pre-apprenticeship", "certificate-program", "degree"})


@dataclass
class Resource:
    id: str
    name: str
    kind: str
    issuer: str
    length: str
    format: str
    cost: str
    wioa: str
    wioa_note: str
    description: str
    builds: list[str]
    industries: list[str]
    url: str
    local: bool = False
    provider: str = ""
    location: str = ""
    cip: str = ""  # a local program's CIP 2020 code ("51.3902"), which ties it to occupations
    #: credential ids of which one must be held (or come with the goal) before it makes sense
    #: (a CDL endorsement needs a CDL)
    requires: tuple[str, ...] = ()


def load_resources(catalog: Catalog, path: Path | None = None) -> tuple[list[Resource], list[DataError]]:
    path = path or config.data_dir() / "training" / "catalog.yaml"
    errors: list[DataError] = []
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [], [DataError(f"{path}: training catalogue cannot be read: {exc}", hint="fix the YAML")]
    known = set(catalog.competencies_by_id())
    out = []
    for raw in (doc or {}).get("resources", []):
        rid = str(raw.get("id", "?")) if isinstance(raw, dict) else "?"
        if not isinstance(raw, dict):
            errors.append(DataError(f"{path}: an entry is not a mapping"))
            continue
        bad = set(raw) - RESOURCE_KEYS
        missing = sorted(k for k in RESOURCE_REQUIRED if raw.get(k) in (None, "", []))
        unknown_ids = [c for c in raw.get("builds") or [] if c not in known]
        if bad or missing or unknown_ids:
            what = "; ".join(
                x
                for x in (
                    f"unknown key(s) {sorted(bad)}" if bad else "",
                    f"missing {missing}" if missing else "",
                    f"unknown competency id(s) {unknown_ids}" if unknown_ids else "",
                )
                if x
            )
            errors.append(DataError(f"{path}: resource '{rid}': {what}", hint="see docs/data-format.md"))
            continue
        out.append(
            Resource(
                id=rid,
                name=str(raw["name"]),
                kind=str(raw["kind"]),
                issuer=str(raw.get("issuer") or ""),
                length=str(raw["length"]),
                format=str(raw.get("format") or ""),
                cost=str(raw["cost"]),
                wioa=str(raw["wioa"]),
                wioa_note=" ".join(str(raw.get("wioa_note") or "").split()),
                description=" ".join(str(raw["description"]).split()),
                builds=[str(c) for c in raw["builds"]],
                industries=[str(i) for i in raw.get("industries") or []],
                url=str(raw.get("url") or ""),
                requires=tuple(str(c) for c in raw.get("requires") or ()),
            )
        )
    return out, errors


# --------------------------------------------------------------------------- ETPL import


@dataclass
class ImportReport:
    imported: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    linked: int = 0


def parse_mapping(pairs: list[str] | None) -> dict[str, str]:
    """``--map program=Program Name`` pairs: our field = the CSV's column name."""
    mapping = {}
    for pair in pairs or []:
        ours, sep, theirs = pair.partition("=")
        if not sep or ours.strip() not in ETPL_FIELDS or not theirs.strip():
            raise InputError(f"bad --map '{pair}'", hint=f"write FIELD=COLUMN with FIELD one of {', '.join(ETPL_FIELDS)}")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def _cost(value: str) -> float | None:
    text = value.strip().replace("$", "").replace(",", "").replace("USD", "").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"cost '{value}' is not a number of dollars") from None
    if not math.isfinite(number) or number < 0 or number > 1_000_000:
        raise ValueError(f"cost '{value}' is out of range")
    return number


def _cip(value: str) -> str:
    """A CIP code as ``51.3902`` ("513902", "51.3902" and a leading-zero-less "1.0000" all read)."""
    text = value.strip()
    if not text:
        return ""
    if re.fullmatch(r"\d\.\d{4}", text):
        text = "0" + text
    if text.isdigit() and len(text) in (5, 6):  # "513902"; a spreadsheet drops the 0 of "010000"
        text = text.zfill(6)
    m = CIP_DIGITS.match(text)
    if not m:
        raise ValueError(f"CIP code '{value}' is not like 51.3902")
    return f"{m.group(1)}.{m.group(2)}"


def read_etpl(path: Path, mapping: dict[str, str] | None = None) -> tuple[list[dict], list[tuple[int, str]]]:
    """Rows that pass validation, and (line number, reason) for those that do not."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    # a spreadsheet's "Unicode text" export is UTF-16 with a byte-order mark
    encodings = ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "cp1252")
    for enc in encodings:
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{path} is neither UTF-8 nor Windows-1252 text", hint="save the export as CSV (UTF-8) and import it again")
    try:
        # strict: a quote never closed is an error, not the rest of the file read as one cell
        return _read_rows(path, csv.DictReader(io.StringIO(text, newline=""), strict=True), mapping)
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc})", hint="save the export as CSV (UTF-8) and import it again") from exc


def _clean(value: str | None) -> str:
    """A cell as plain text: one space between words, without the literal quotes some exports keep
    around free text, and with the apostrophe or dash a mis-encoded ``¿`` stands for."""
    text = value or ""
    if "\u00bf" in text:
        text = re.sub(r"(?<=\w)\u00bf(?=(?:s|t|d|ll|re|ve|m)\b)|(?<=s)\u00bf(?= )", "'", text)
        text = re.sub(r"(?<=[A-Za-z])\u00bf(?= )", "", text).replace("\u00bf", " - ")  # "CompTIA\u00bf Security+": a lost mark
    text = " ".join(text.split())
    if len(text) > 1 and text[0] == text[-1] == '"':
        text = text[1:-1].strip()
    elif text.count('"') == 1 and (text[0] == '"' or text[-1] == '"'):
        text = text.strip('"').strip()
    return text


def _columns(names: list[str], mapping: dict[str, str]) -> dict[str, list[str]]:
    """For each field, the file's columns to read it from, best first (one when --map names it)."""
    lower: dict[str, str] = {}
    for c in names:
        lower.setdefault(c.strip().lower(), c)
    out: dict[str, list[str]] = {}
    for f in ETPL_FIELDS:
        if f in mapping:
            out[f] = [lower[mapping[f].lower()]] if mapping[f].lower() in lower else []
        else:
            out[f] = [lower[n] for n in (f, *ETPL_ALIASES.get(f, ())) if n in lower]
            out[f] = list(dict.fromkeys(out[f]))
    for key, names_ in (("_cost_parts", COST_PARTS), ("_hours", HOURS), ("_distance", DISTANCE), ("_provider_id", PROVIDER_ID)):
        out[key] = [lower[n] for n in names_ if n in lower]
    out["_place"] = [lower[n] for n in PLACE if n in lower]
    out["_county"] = [lower["county"]] if "county" in lower else []
    return out


def _pick(row: dict, cols: list[str]) -> str:
    return next((v for v in (_clean(row.get(c)) for c in cols) if v), "")


def _record(row: dict, cols: dict[str, list[str]], mapping: dict[str, str]) -> dict:
    """One program's fields, filled from what the row has when no column names a field."""
    rec = {f: _pick(row, cols[f]) for f in ETPL_FIELDS}
    if not rec["cost"] and "cost" not in mapping and cols["_cost_parts"]:
        parts = [_clean(row.get(c)) for c in cols["_cost_parts"]]
        if any(parts):
            total = sum(_cost(p) or 0 for p in parts)
            rec["cost"] = f"{total:g}"
    if not rec["length"] and "length" not in mapping:
        hours = _pick(row, cols["_hours"])
        if hours:
            rec["length"] = f"{hours} hours" if re.fullmatch(r"\d+(?:\.\d+)?", hours) else hours
    if not rec["location"] and "location" not in mapping:
        place = []
        for c in cols["_place"]:
            part = _clean(row.get(c))
            if part and c in cols["_county"] and not part.lower().endswith("county"):
                part += " County"
            place.append(part)
        rec["location"] = ", ".join(x for x in place if x)
        if _pick(row, cols["_distance"]).lower() in _YES:
            rec["location"] = "; ".join(x for x in (rec["location"], "distance learning") if x)
    if not rec["provider"] and "provider" not in mapping:
        pid = _pick(row, cols["_provider_id"])
        if pid:  # a program whose provider record the export did not join in: its id on the state list
            rec["provider"] = f"ETPL provider #{pid}"
    if rec["credential"] and " " not in rec["credential"] and re.search(r"[a-z][A-Z]", rec["credential"]):
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", rec["credential"]).split()  # CertificateOfCompletion
        rec["credential"] = " ".join([words[0]] + [w.lower() if w in ("Of", "And", "In", "For") else w for w in words[1:]])
    return rec


def _read_rows(path: Path, reader: csv.DictReader, mapping: dict[str, str] | None) -> tuple[list[dict], list[tuple[int, str]]]:
    if not reader.fieldnames:
        raise InputError(f"{path} is empty", hint="an ETPL export starts with a header row")
    mapping = mapping or {}
    cols = _columns(list(reader.fieldnames), mapping)
    missing = [f for f in ETPL_REQUIRED if not cols[f]]
    if missing:
        raise InputError(
            f"{path}: no column for {', '.join(missing)} (columns are: {', '.join(reader.fieldnames)})",
            hint="map them with --map program='Program Name' (see docs/cli.md)",
        )
    good, bad = [], []
    for row in reader:
        line = reader.line_num
        if None in row:  # more cells than headers
            bad.append((line, "more cells than the header has columns"))
            continue
        try:
            rec = _record(row, cols, mapping)
            empty = [f for f in ETPL_REQUIRED if not rec[f]]
            if empty:
                bad.append((line, f"missing {', '.join(empty)}"))
                continue
            rec["cost_usd"] = _cost(rec["cost"])
            rec["cip"] = _cip(rec["cip"])
        except ValueError as exc:
            bad.append((line, str(exc)))
            continue
        good.append(rec)
    return good, bad


def local_resource(row: dict) -> Resource:
    """A training resource for one imported program (a row of the programs store)."""
    return Resource(
        id=f"local-{row['id']}",
        name=row["program"],
        kind="local program",
        issuer=row["provider"],
        length=row["length"] or "",
        format="",
        cost=f"${row['cost_usd']:,.0f}" if row["cost_usd"] is not None else (row["cost"] or ""),
        wioa="usually",
        wioa_note="On the state's Eligible Training Provider List, so an ITA can usually pay for it.",
        description=row["description"] or "",
        builds=list(row["links"]),
        industries=[],
        url="",
        local=True,
        provider=row["provider"],
        location=row["location"] or "",
        cip=row.get("cip") or "",
    )


def link_programs(rows: list[dict], matcher) -> int:
    """Attach to each program the competencies its text shows (same engine as jobseekers' words)."""
    linked = 0
    for rec in rows:
        text = ". ".join(x for x in (rec["program"], rec.get("credential", ""), rec.get("description", "")) if x)
        result = matcher.match(text[:5000], top=MAX_LINKS, floor=LINK_THRESHOLD)
        rec["links"] = [m.competency.id for m in result.matches]
        linked += bool(rec["links"])
    return linked


GENERIC = "building-blocks"
#: English classes are offered only when the words show a language need
ESL = re.compile(r"\b(?:esl|ell|english language|english learners?)\b", re.IGNORECASE)


def is_esl(r: Resource) -> bool:
    return bool(ESL.search(f"{r.id} {r.name}"))


def _foundational(comp_id: str) -> bool:
    """Building Blocks competencies (tiers 1-3 and management) and any tier 1-3 one."""
    return comp_id.partition(":")[0] == GENERIC or tier_of(comp_id) <= 3


def _meant_for(r: Resource, comp_id: str, industry: str | None, cip: tuple[str, ...], goal_comps: set[str]) -> bool:
    """Whether ``r`` serves this gap toward this goal. A catalogue resource: made for the goal's
    industry, or a foundational course for a foundational competency (a CPR course is never a
    retail answer; a generic course never stands in for a technical gap). A local program: its
    CIP code is one of the goal's; without a code, its text must be about the goal's industry."""
    if r.local:
        if r.cip and cip:
            return r.cip in cip
        if industry is None:
            return True
        return any(c in goal_comps and not c.startswith(GENERIC + ":") for c in r.builds)
    if industry is None or not r.industries:
        return True
    if industry in r.industries:
        return True
    return GENERIC in r.industries and _foundational(comp_id)


def recommend(comp_id: str, resources: list[Resource], limit: int = 3, industry: str | None = None, *,
              cip: tuple[str, ...] = (), goal_comps: set[str] | None = None, language_need: bool = True,
              broad: bool = False) -> list[Resource]:
    """The best few resources for one gap toward a goal, best first: local programs with the
    goal's CIP code, then resources for which the competency is a main aim (among the first three
    it builds), those of the goal's industry before foundational ones, then the most focused.
    ESL only with a language need. ``broad`` (an industry goal, no one occupation): when nothing
    aims at the competency first, a course of the goal's industry that covers it among the rest.
    Empty when nothing fits: learn it on the job."""
    goal_comps = goal_comps if goal_comps is not None else set()
    hits = [
        r for r in resources
        if comp_id in r.builds[:PRIMARY_BUILDS] and _meant_for(r, comp_id, industry, cip, goal_comps)
        and (language_need or not is_esl(r))
    ]

    def key(r: Resource):
        return (not (r.local and r.cip and r.cip in cip), not r.local, GENERIC in r.industries,
                r.builds.index(comp_id), len(r.builds), r.name)

    found = sorted(hits, key=key)
    if not found and broad and industry is not None and not _foundational(comp_id):
        # nothing aims at it first: a course of the goal's own industry that covers it among the rest
        found = sorted((r for r in resources if comp_id in r.builds and not r.local and industry in r.industries
                        and (language_need or not is_esl(r))), key=lambda r: (r.builds.index(comp_id), len(r.builds), r.name))
    return found[:limit]


def route_training(resources: list[Resource], ids: tuple[str, ...], cip: tuple[str, ...]) -> list[Resource]:
    """The training of an entry route: local programs with one of its CIP codes first, then the
    catalogue entries it names, in its order."""
    local = [r for r in resources if r.local and r.cip and r.cip in cip]
    by_id = {r.id: r for r in resources if not r.local}
    return local + [by_id[i] for i in ids if i in by_id]
