#!/usr/bin/env python
"""Benchmark: how fast matching feels, and what it costs.

With the index warm: the time to match a 5-phrase profile against all shipped models (p50 and p95
over N runs), the time to only encode the same phrases (the floor), and their ratio; the index
load time (FAISS cache from disk, fresh process state); the index build time (everything embedded
from nothing into a temporary folder); peak RSS of this process.

    .venv/bin/python scripts/bench_speed.py [--runs 50] [--json] [--skip-build]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROFILE = "cashier 4 years, handled returns, drove a forklift, good with Excel, trained new hires"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main() -> int:
    ap = argparse.ArgumentParser(description="Speed and memory of matching")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--skip-build", action="store_true", help="skip the from-nothing index build timing")
    args = ap.parse_args()

    from advisor.guidance.matching import COLLECTION, Matcher, competency_entries
    from advisor.guidance.phrases import split_phrases
    from advisor.index.embedder import default_embedder
    from advisor.index.engine import Engine
    from advisor.models import load_catalog

    t0 = time.perf_counter()
    catalog = load_catalog()
    catalog_s = time.perf_counter() - t0
    embedder = default_embedder()
    t0 = time.perf_counter()
    embedder.load()
    model_load_s = time.perf_counter() - t0

    entries = competency_entries(catalog.unique_competencies())
    build_s = None
    if not args.skip_build:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            Engine(Path(tmp), embedder).ensure(COLLECTION, entries)
            build_s = time.perf_counter() - t0

    Engine().ensure(COLLECTION, entries)  # make sure the real cache is warm on disk
    t0 = time.perf_counter()
    engine = Engine()
    coll = engine.ensure(COLLECTION, entries)
    load_s = time.perf_counter() - t0
    assert not coll.built, "index should have loaded from the FAISS cache"

    matcher = Matcher(catalog, engine)
    phrases = [p.text for p in split_phrases(PROFILE)]
    for _ in range(5):  # warm up
        matcher.match(PROFILE)
        embedder.encode(phrases)
    match_ms, encode_ms = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        matcher.match(PROFILE)
        match_ms.append(1000 * (time.perf_counter() - t0))
        t0 = time.perf_counter()
        embedder.encode(phrases)
        encode_ms.append(1000 * (time.perf_counter() - t0))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    out = {
        "profile_phrases": len(phrases),
        "competencies": len(coll.items),
        "indexed_texts": len(coll),
        "match_ms_p50": round(statistics.median(match_ms), 2),
        "match_ms_p95": round(pct(match_ms, 0.95), 2),
        "encode_only_ms_p50": round(statistics.median(encode_ms), 2),
        "ratio_p50": round(statistics.median(match_ms) / statistics.median(encode_ms), 2),
        "index_load_s": round(load_s, 3),
        "index_build_s": round(build_s, 2) if build_s is not None else None,
        "catalog_load_s": round(catalog_s, 3),
        "model_load_s": round(model_load_s, 2),
        "peak_rss_mb": round(rss_mb, 1),
        "runs": args.runs,
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"Profile of {out['profile_phrases']} phrases vs {out['competencies']} competencies ({out['indexed_texts']} texts), {args.runs} runs")
    print(f"  match      p50 {out['match_ms_p50']:7.2f} ms   p95 {out['match_ms_p95']:7.2f} ms")
    print(f"  encode     p50 {out['encode_only_ms_p50']:7.2f} ms   (the floor)")
    print(f"  ratio      {out['ratio_p50']:.2f}")
    print(f"  index load {out['index_load_s']:.3f} s   index build {out['index_build_s']} s   catalog load {out['catalog_load_s']:.3f} s   model load {out['model_load_s']:.2f} s")
    print(f"  peak RSS   {out['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
