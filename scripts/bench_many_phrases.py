#!/usr/bin/env python
"""Benchmark: a text of very many phrases, matched whole (phrases are never cut).

Builds skills lists of N comma-separated short phrases (N = 400, 2000 and as many as fit in
the 20,000-character limit), then times, with the real model and the index warm: splitting, the
match (``Advisor.match``) and the whole profile (match, facts, gaps-ready profile). Prints one
line per size; ``--json`` prints the figures as JSON.

    .venv/bin/python scripts/bench_many_phrases.py [--sizes 400,2000,max] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: short skills, as a pasted skills list has them (2,000 of them fit in the 20,000-character limit)
SKILLS = [
    "Excel", "forklift", "cashier", "CDL-A", "welding", "POS", "OSHA 10", "typing", "sales", "payroll",
    "stocking", "returns", "Word", "driving", "cooking", "cleaning", "CPR", "ServSafe", "tutoring", "filing",
    "lifting", "QuickBooks", "inventory", "shipping", "receiving", "scheduling", "phones", "billing", "Spanish", "sewing",
    "painting", "drywall", "plumbing", "wiring", "CNC", "soldering", "babysitting", "lawn care", "data entry", "pallets",
]


def text_of(n: int | None) -> str:
    """N phrases (or, for None, as many as the length limit holds), in a comma-separated list."""
    from advisor.config import MAX_TEXT_CHARS

    parts, size, i = [], 0, 0
    while n is None or i < n:
        part = SKILLS[i % len(SKILLS)]
        if size + len(part) + 2 > MAX_TEXT_CHARS:
            if n is not None:
                raise SystemExit(f"{n} phrases do not fit in {MAX_TEXT_CHARS} characters")
            break
        parts.append(part)
        size += len(part) + 2
        i += 1
    return ", ".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description="Matching a text of very many phrases")
    ap.add_argument("--sizes", default="400,2000,max")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from advisor.guidance.phrases import split_phrases
    from advisor.guidance.service import Advisor

    adv = Advisor.load()
    adv.match("warming up: stocked shelves")  # model load and index check are not what is timed
    rows = []
    for spec in args.sizes.split(","):
        text = text_of(None if spec == "max" else int(spec))
        t0 = time.perf_counter()
        phrases = split_phrases(text)
        split_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = adv.match(text, top=10)
        match_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        adv.profile(text)
        profile_s = time.perf_counter() - t0
        rows.append({"phrases": len(phrases), "chars": len(text), "split_s": round(split_s, 3),
                     "match_s": round(match_s, 2), "profile_s": round(profile_s, 2),
                     "phrases_in_result": len(result.phrases)})
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps({"rows": rows, "peak_rss_mb": round(rss_mb)}, indent=2))
    else:
        for r in rows:
            print(f"{r['phrases']:>5} phrases ({r['chars']:,} chars): split {r['split_s']:.3f} s, match {r['match_s']:.2f} s, "
                  f"profile {r['profile_s']:.2f} s, phrases kept {r['phrases_in_result']}")
        print(f"peak RSS {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
