"""Local wages from the shipped OEWS table (built by ``scripts/build_wages.py``).

The table covers every detailed SOC code in every OEWS area. It is stored one gzip member per area
with a JSON index beside it (area names, types and byte ranges), so opening the table reads only
the index, and an area's rows are decompressed the first time a wage there is asked for.

An area is a state's two-letter code (``OH``), ``US`` for national, or a metro area's OEWS code
(``0017460``) or a piece of its name (``Cleveland``). When an area has no estimate for an
occupation, the national figure is used and the result says so.
"""

from __future__ import annotations

import csv
import io
import json
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import config
from ..errors import DataError, InputError

RELEASE = "BLS OEWS, May 2025"

STATES = {
    "AL": "01", "AK": "02", "AZ": "04", "AR": "05", "CA": "06", "CO": "08", "CT": "09", "DE": "10", "DC": "11",
    "FL": "12", "GA": "13", "HI": "15", "ID": "16", "IL": "17", "IN": "18", "IA": "19", "KS": "20", "KY": "21",
    "LA": "22", "ME": "23", "MD": "24", "MA": "25", "MI": "26", "MN": "27", "MS": "28", "MO": "29", "MT": "30",
    "NE": "31", "NV": "32", "NH": "33", "NJ": "34", "NM": "35", "NY": "36", "NC": "37", "ND": "38", "OH": "39",
    "OK": "40", "OR": "41", "PA": "42", "RI": "44", "SC": "45", "SD": "46", "TN": "47", "TX": "48", "UT": "49",
    "VT": "50", "VA": "51", "WA": "53", "WV": "54", "WI": "55", "WY": "56", "GU": "66", "PR": "72", "VI": "78",
}
NATIONAL = "0000000"


@dataclass(frozen=True)
class Area:
    code: str
    type: str  # N national, S state, M metro/nonmetro
    name: str


@dataclass(frozen=True)
class Wage:
    soc: str
    area: Area
    hourly_median: float | None
    hourly_p25: float | None
    hourly_p75: float | None
    annual_median: float | None
    annual_p25: float | None
    annual_p75: float | None
    employment: int | None
    fallback: bool = False  # True when the national figure stands in for the asked area
    asked: Area | None = None
    #: the broader SOC group whose figure stands in, when OEWS publishes only the group
    #: (31-1120 Home Health and Personal Care Aides for 31-1121 and 31-1122); "" when its own
    group: str = ""

    def note(self) -> str:
        notes = []
        if self.fallback and self.asked is not None:
            notes.append(f"no estimate for {self.asked.name}; national figure shown")
        if self.group:
            notes.append(f"OEWS counts it within {self.group}; that figure shown")
        return "; ".join(notes)


def _num(value: str, kind=float):
    try:
        return kind(float(value)) if value else None
    except ValueError:
        return None


class WageTable:
    def __init__(self, path: Path | None = None):
        self.path = path or config.data_dir() / "wages" / "oews-2025.csv.gz"
        self.index_path = self.path.with_suffix("").with_suffix(".json")
        self.areas: dict[str, Area] = {}
        self.rows: dict[tuple[str, str], dict] = {}  # (area code, soc) -> row, filled an area at a time
        self.titles: dict[str, str] = {}
        self._ranges: dict[str, tuple[int, int]] = {}
        self._loaded: set[str] = set()
        self._blob: bytes | None = None
        try:
            index = json.loads(self.index_path.read_text(encoding="utf-8"))
            self.columns = list(index["columns"])
            self.titles = dict(index.get("titles", {}))
            for code, a in index["areas"].items():
                self.areas[code] = Area(code, a["type"], a["name"])
                self._ranges[code] = (int(a["offset"]), int(a["length"]))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DataError(f"{self.index_path}: wage index cannot be read: {exc}", hint="rebuild it with scripts/build_wages.py") from exc
        if NATIONAL not in self.areas:
            raise DataError(f"{self.path}: no national rows", hint="rebuild it with scripts/build_wages.py")

    def _load(self, code: str) -> None:
        """Decompress one area's member of the table (once)."""
        if code in self._loaded or code not in self._ranges:
            return
        try:
            if self._blob is None:
                self._blob = self.path.read_bytes()
            start, length = self._ranges[code]
            unpack = zlib.decompressobj(wbits=31)
            raw = unpack.decompress(self._blob[start:start + length]).decode("utf-8")
            if not unpack.eof:
                raise zlib.error("the area's part of the table is cut short")
        except (OSError, zlib.error, UnicodeDecodeError) as exc:
            raise DataError(f"{self.path}: wage table cannot be read: {exc}", hint="rebuild it with scripts/build_wages.py") from exc
        lines = raw.splitlines()
        if lines and lines[0].startswith("area_code,"):
            lines = lines[1:]
        for row in csv.DictReader(io.StringIO("\n".join(lines)), fieldnames=self.columns):
            self.rows[(code, row["soc"])] = row
        self._loaded.add(code)

    def socs(self) -> list[str]:
        """Every SOC code the table has a wage for."""
        return sorted(self.titles)

    def resolve(self, area: str | None) -> Area:
        """An area from 'US', a state code, an OEWS area code or part of a metro name."""
        text = (area or "US").strip()
        if not text or text.upper() in {"US", "USA", "NATIONAL", "U.S."}:
            return self.areas[NATIONAL]
        if text.upper() in STATES:
            code = STATES[text.upper()] + "00000"
            if code in self.areas:
                return self.areas[code]
        digits = text.zfill(7) if text.isdigit() else None
        if digits and digits in self.areas:
            return self.areas[digits]
        low = text.lower()
        hits = [a for a in self.areas.values() if low == a.name.lower()]
        hits = hits or [a for a in self.areas.values() if low in a.name.lower()]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = "; ".join(sorted(a.name for a in hits)[:6])
            raise InputError(f"area '{text}' matches several areas: {names}", hint="type more of the name, or the OEWS area code")
        raise InputError(f"unknown area '{text}'", hint="use US, a state code such as OH, or a metro area name or OEWS code")

    def search(self, text: str, limit: int = 20) -> list[Area]:
        low = text.strip().lower()
        found = [a for a in self.areas.values() if low in a.name.lower() or low == a.code]
        return sorted(found, key=lambda a: ("NSM".index(a.type) if a.type in "NSM" else 3, a.name))[:limit]

    def wage(self, soc: str, area: Area) -> Wage | None:
        """The wage of ``soc`` in ``area`` (the national one when the area has none); when OEWS
        publishes only the broader group ("31-1120" for "31-1121"), the group's, marked so."""
        found = self._wage(soc, area)
        if found is not None:
            return found
        # the broader group OEWS publishes, or the one detailed code of the same broad group that
        # OEWS keeps for codes O*NET still splits (53-1042 and 53-1043 are counted in 53-1047)
        group = soc[:6] + "0"
        near = [g for g in self.titles if g[:6] == soc[:6] and g != soc]
        for g in ([group] if group != soc else []) + sorted(near, key=lambda g: -(self._employment(g) or 0))[:1]:
            found = self._wage(g, area)
            if found is not None:
                from dataclasses import replace

                return replace(found, soc=soc, group=g)
        return None

    def _employment(self, soc: str) -> int | None:
        w = self._wage(soc, self.areas.get(NATIONAL) or next(iter(self.areas.values())))
        return w.employment if w is not None else None

    def _wage(self, soc: str, area: Area) -> Wage | None:
        self._load(area.code)
        row = self.rows.get((area.code, soc))
        fallback = False
        if row is None or not row.get("hourly_median") and not row.get("annual_median"):
            self._load(NATIONAL)
            row = self.rows.get((NATIONAL, soc))
            fallback = area.code != NATIONAL
        if row is None:
            return None
        return Wage(
            soc=soc,
            area=self.areas[row["area_code"]],
            hourly_median=_num(row["hourly_median"]),
            hourly_p25=_num(row["hourly_p25"]),
            hourly_p75=_num(row["hourly_p75"]),
            annual_median=_num(row["annual_median"]),
            annual_p25=_num(row["annual_p25"]),
            annual_p75=_num(row["annual_p75"]),
            employment=_num(row["employment"], int),
            fallback=fallback,
            asked=area,
        )


@lru_cache(maxsize=2)
def wage_table(path: str | None = None) -> WageTable:
    return WageTable(Path(path) if path else None)


def format_wage(w: Wage | None) -> str:
    if w is None:
        return "no wage estimate"
    parts = []
    if w.hourly_median is not None:
        parts.append(f"${w.hourly_median:,.2f}/hr")
    if w.annual_median is not None:
        parts.append(f"${w.annual_median:,.0f}/yr")
    text = " or ".join(parts) if parts else "no wage estimate"
    if w.fallback:
        text += " (national)"
    if w.group:
        text += f" (group {w.group})"
    return text
