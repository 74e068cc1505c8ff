#!/usr/bin/env python
"""Size and load time of the shipped wage table (advisor/data/wages/).

Prints the file sizes, the time to open the table (index only), to read the first area and the
national rows, and to look up every SOC code in one state. Each figure is the median of --runs
fresh loads in this process.

    .venv/bin/python scripts/bench_wages.py [--area OH] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor.guidance.wages import WageTable  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--area", default="OH")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    opened, first, every = [], [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        table = WageTable()
        t1 = time.perf_counter()
        area = table.resolve(args.area)
        table.wage("41-2011", area)
        t2 = time.perf_counter()
        found = sum(table.wage(soc, area) is not None for soc in table.socs())
        t3 = time.perf_counter()
        opened.append(t1 - t0)
        first.append(t2 - t0)
        every.append(t3 - t2)
    size = table.path.stat().st_size
    index = table.index_path.stat().st_size
    print(f"table: {size / 1e6:.2f} MB + index {index / 1e3:.0f} kB; {len(table.socs())} SOC codes, {len(table.areas)} areas")
    print(f"open (index only): {statistics.median(opened) * 1000:.1f} ms")
    print(f"open + first wage in {area.name} (that area and national decompressed): {statistics.median(first) * 1000:.1f} ms")
    print(f"then all {found} SOC codes in {area.name}: {statistics.median(every) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
