#!/usr/bin/env python
"""Benchmark: the public skill-extraction benchmark of Decorte et al. (TECH, HOUSE, TECHWOLF).

The 13,896 ESCO skill labels of ``skills_en_label.txt`` are loaded as a flat taxonomy into the
same engine the app uses (SQLite vectors + FAISS cache, the same phrase splitting and scoring).
Protocol: rows labelled LABEL NOT PRESENT or UNDERSPECIFIED are dropped; rows are grouped by
sentence; the gold set is the sentence's remaining labels (whitespace stripped, commas dropped
when comparing); the query is the whole sentence; RP@K = |top-K & gold| / min(K, |gold|), and MRR
of the first gold label, averaged over sentences. The stock model (embed sentence and labels,
cosine) is reported in the same run as the baseline.

    .venv/bin/python scripts/bench_skill_extraction.py [--dir D] [--json] [--split test|validation|all]

Source: github.com/jensjorisdecorte/Skill-Extraction-benchmark; Decorte et al., "Design of
Negative Sampling Strategies for Distantly Supervised Skill Extraction" (RecSys in HR 2022) and
"Extreme Multi-Label Skill Extraction Training using Large Language Models" (arXiv 2307.10778).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DIR = ROOT.parent / "shared" / "benchmarks" / "skill-extraction"
SETS = [
    ("tech", "validation"),
    ("house", "validation"),
    ("tech", "test"),
    ("house", "test"),
    ("techwolf", "test"),
]
DROP = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}


def key(label: str) -> str:
    return label.strip().replace(",", "")


def load_labels(directory: Path) -> list[str]:
    labels = [line.strip() for line in (directory / "skills_en_label.txt").read_text(encoding="utf-8").splitlines()]
    return list(OrderedDict.fromkeys(l for l in labels if l))


def load_set(path: Path) -> list[tuple[str, set[str]]]:
    groups: "OrderedDict[str, set[str]]" = OrderedDict()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            label = (row.get("label") or "").strip()
            if not label or label in DROP:
                continue
            groups.setdefault(row["sentence"], set()).add(key(label))
    return [(s, g) for s, g in groups.items() if g]


def score_rankings(rankings: list[list[str]], golds: list[set[str]]) -> dict:
    out = {}
    for k in (5, 10):
        vals = [len(set(r[:k]) & g) / min(k, len(g)) for r, g in zip(rankings, golds)]
        out[f"rp@{k}"] = 100 * sum(vals) / len(vals)
    rr = []
    for r, g in zip(rankings, golds):
        rank = next((i + 1 for i, lab in enumerate(r) if lab in g), None)
        rr.append(1.0 / rank if rank else 0.0)
    out["mrr"] = 100 * sum(rr) / len(rr)
    out["n"] = len(golds)
    return out


def run(directory: Path, split: str, top: int = 100, weights=None) -> dict:
    import numpy as np

    from advisor.guidance.matching import DEFAULT_WEIGHTS
    from advisor.guidance.taxonomy import FlatTaxonomy
    from advisor.index.engine import Engine

    labels = load_labels(directory)
    engine = Engine()
    t0 = time.perf_counter()
    taxonomy = FlatTaxonomy(engine, "esco", labels, weights or DEFAULT_WEIGHTS)
    build_s = time.perf_counter() - t0
    label_keys = [key(l) for l in labels]
    results = {"labels": len(labels), "index_seconds": round(build_s, 2), "sets": {}}
    for name, part in SETS:
        if split != "all" and part != split:
            continue
        path = directory / f"{name}_{part}_annotations.csv"
        if not path.exists():
            continue
        data = load_set(path)
        sentences = [s for s, _ in data]
        golds = [g for _, g in data]
        method = [[label_keys[i] for i in taxonomy.rank(s, top)] for s in sentences]
        q = engine.encode(sentences)
        sims = taxonomy.collection.all_scores(q)
        base = [[label_keys[i] for i in np.argsort(-row)[:top]] for row in sims]
        results["sets"][f"{name}-{part}"] = {"method": score_rankings(method, golds), "stock_baseline": score_rankings(base, golds)}
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description="Skill-extraction benchmark (Decorte et al.) through the advisor engine")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--split", choices=["test", "validation", "all"], default="all")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--weights", default="", help="tuning aid: override scoring weights, e.g. context=0.4,lexical=0.02")
    args = ap.parse_args()
    if not (args.dir / "skills_en_label.txt").exists():
        print(f"bench_skill_extraction: no benchmark files in {args.dir}", file=sys.stderr)
        return 2
    from advisor.guidance.matching import parse_weights

    weights = parse_weights(args.weights)
    out = run(args.dir, args.split, weights=weights)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"ESCO labels: {out['labels']}  (index ready in {out['index_seconds']} s)")
    print(f"{'set':<18}{'n':>5}  {'RP@5':>14}  {'RP@10':>14}  {'MRR':>14}    (method / stock baseline)")
    for name, r in out["sets"].items():
        m, b = r["method"], r["stock_baseline"]
        cells = "  ".join(f"{m[k]:6.1f} / {b[k]:5.1f}" for k in ("rp@5", "rp@10", "mrr"))
        print(f"{name:<18}{m['n']:>5}  {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
