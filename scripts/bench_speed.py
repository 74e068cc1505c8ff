#!/usr/bin/env python
"""Benchmark: how fast matching feels, and what it costs.

With the index warm: the time to match a 5-phrase profile against all shipped models (p50 and p95
over N runs), the time to only encode the same phrases (the floor), and their ratio; the time to
encode 300 phrases; the index load time (FAISS cache from disk, fresh process state); the index
build time (everything embedded from nothing into a temporary folder); peak RSS of this process.

In fresh processes (median of --cold-runs, each with its own peak RSS): the time from starting
Python to the first embedding (import the embedder, load the model, encode one phrase), and the
wall time of a whole ``advisor match PROFILE --json``, the command a counselor waits for.

    .venv/bin/python scripts/bench_speed.py [--runs 50] [--cold-runs 3] [--json] [--skip-build]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
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


FIRST_EMBEDDING = (
    "from advisor.index.embedder import default_embedder\n"
    "default_embedder().encode(['drove a forklift'])\n"
)


def cold(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall time (s) and median peak RSS (MB) of ``argv`` run afresh ``runs`` times."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    walls, rss = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - t0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv[:3])}... failed ({proc.returncode}): {err.strip()[-300:]}")
        rss.append(usage.ru_maxrss / 1024)
    return statistics.median(walls), statistics.median(rss)


def three_hundred_phrases(catalog) -> list[str]:
    import yaml

    from advisor.guidance.phrases import split_phrases

    profiles = yaml.safe_load((ROOT / "scripts" / "data" / "profiles.yaml").read_text(encoding="utf-8"))["profiles"]
    phrases = [ph.text for p in profiles for ph in split_phrases(p["text"])]
    phrases += [b for c in catalog.unique_competencies() for b in c.behaviors]
    return list(dict.fromkeys(phrases))[:300]


def main() -> int:
    ap = argparse.ArgumentParser(description="Speed and memory of matching")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cold-runs", type=int, default=3, help="fresh processes for the cold figures")
    ap.add_argument("--skip-build", action="store_true", help="skip the from-nothing index build timing")
    args = ap.parse_args()

    # The fresh processes first, while this one is small: a child's peak RSS counts the pages it
    # shares with its parent at the fork. One unmeasured match builds the index if it is not there.
    match_argv = [sys.executable, "-m", "advisor", "match", PROFILE, "--json"]
    cold(match_argv, 1)
    cold_embed_s, cold_embed_mb = cold([sys.executable, "-c", FIRST_EMBEDDING], args.cold_runs)
    cold_match_s, cold_match_mb = cold(match_argv, args.cold_runs)


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
    many = three_hundred_phrases(catalog)
    embedder.encode(many)
    many_ms = []
    for _ in range(max(3, args.runs // 10)):
        t0 = time.perf_counter()
        embedder.encode(many)
        many_ms.append(1000 * (time.perf_counter() - t0))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    out = {
        "profile_phrases": len(phrases),
        "competencies": len(coll.items),
        "indexed_texts": len(coll),
        "match_ms_p50": round(statistics.median(match_ms), 2),
        "match_ms_p95": round(pct(match_ms, 0.95), 2),
        "encode_only_ms_p50": round(statistics.median(encode_ms), 2),
        "ratio_p50": round(statistics.median(match_ms) / statistics.median(encode_ms), 2),
        "encode_300_ms_p50": round(statistics.median(many_ms), 1),
        "encode_300_phrases": len(many),
        "cold_first_embedding_s": round(cold_embed_s, 2),
        "cold_first_embedding_rss_mb": round(cold_embed_mb),
        "cold_match_s": round(cold_match_s, 2),
        "cold_match_rss_mb": round(cold_match_mb),
        "encoder": f"{type(embedder).__module__}.{type(embedder).__name__} ({embedder.name})",
        "index_load_s": round(load_s, 3),
        "index_build_s": round(build_s, 2) if build_s is not None else None,
        "catalog_load_s": round(catalog_s, 3),
        "model_load_s": round(model_load_s, 2),
        "peak_rss_mb": round(rss_mb, 1),
        "runs": args.runs,
        "cold_runs": args.cold_runs,
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"Encoder: {out['encoder']}")
    print(f"Profile of {out['profile_phrases']} phrases vs {out['competencies']} competencies ({out['indexed_texts']} texts), {args.runs} runs")
    print(f"  match      p50 {out['match_ms_p50']:7.2f} ms   p95 {out['match_ms_p95']:7.2f} ms")
    print(f"  encode     p50 {out['encode_only_ms_p50']:7.2f} ms   (the floor)")
    print(f"  ratio      {out['ratio_p50']:.2f}")
    print(f"  encode {out['encode_300_phrases']} p50 {out['encode_300_ms_p50']:7.1f} ms")
    print(f"  cold, median of {args.cold_runs} fresh processes:")
    print(f"    start to first embedding {out['cold_first_embedding_s']:.2f} s   peak RSS {out['cold_first_embedding_rss_mb']} MB")
    print(f"    advisor match --json     {out['cold_match_s']:.2f} s   peak RSS {out['cold_match_rss_mb']} MB")
    print(f"  index load {out['index_load_s']:.3f} s   index build {out['index_build_s']} s   catalog load {out['catalog_load_s']:.3f} s   model load {out['model_load_s']:.2f} s")
    print(f"  peak RSS   {out['peak_rss_mb']:.0f} MB (this process, index build included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
