#!/usr/bin/env python
"""Benchmark: labelled jobseeker statements -> the CMC competency they show.

Reads a TSV of (model id, acceptable names separated by '|', statement), default
``../shared/eval/cmc_dev_statements.tsv``, runs each statement through the same matcher as
``advisor match --model ID`` and reports top-1, top-3 and MRR. In the same run it reports the
names-only baseline (embed only the competency names, rank by cosine).

    .venv/bin/python scripts/bench_cmc.py [--file F] [--json] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_FILE = ROOT.parent / "shared" / "eval" / "cmc_dev_statements.tsv"


def norm(name: str) -> str:
    name = name.lower().replace("&", " and ")
    words = re.findall(r"[a-z0-9]+", name)
    return " ".join(w for w in words if w != "and")


def read_rows(path: Path) -> list[tuple[str, set[str], str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        model, names, statement = line.split("\t")
        rows.append((model.strip(), {norm(n) for n in names.split("|")}, statement.strip()))
    return rows


def metrics(ranks: list[int | None]) -> dict:
    n = len(ranks) or 1
    return {
        "n": len(ranks),
        "top1": sum(1 for r in ranks if r == 1) / n,
        "top3": sum(1 for r in ranks if r is not None and r <= 3) / n,
        "mrr": sum(1.0 / r for r in ranks if r) / n,
    }


def run(path: Path, show_misses: bool = False, weights=None) -> dict:
    import numpy as np

    from advisor.guidance.matching import Matcher
    from advisor.index.engine import Engine
    from advisor.index.vectors import Entry
    from advisor.models import load_catalog

    catalog = load_catalog()
    engine = Engine()
    matcher = Matcher(catalog, engine, **({"weights": weights} if weights else {}))
    rows = read_rows(path)

    ranks, misses = [], []
    for model, gold, statement in rows:
        result = matcher.match(statement, model_ids=[model], top=200, floor=-1.0)
        names = [norm(m.competency.name) for m in result.matches]
        rank = next((i + 1 for i, n in enumerate(names) if n in gold), None)
        ranks.append(rank)
        if rank != 1:
            misses.append({"statement": statement, "gold": sorted(gold), "rank": rank, "top3": [m.competency.name for m in result.matches[:3]]})

    # Names-only baseline: one vector per competency name, cosine with the whole statement.
    base_ranks = []
    for model, gold, statement in rows:
        comps = catalog.get(model).competencies
        coll = engine.ensure(f"bench-names-{model}", [Entry(c.id, "name", c.name) for c in comps])
        q = engine.encode([statement])
        sims = coll.all_scores(q)[0]
        order = np.argsort(-sims)
        names = [norm(comps[i].name) for i in order]
        base_ranks.append(next((i + 1 for i, n in enumerate(names) if n in gold), None))

    out = {"file": str(path), "method": metrics(ranks), "names_only_baseline": metrics(base_ranks)}
    if show_misses:
        out["misses"] = misses
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--weights", default="", help="tuning aid: override scoring weights, e.g. context=0.4,second=0.2")
    args = ap.parse_args()
    if not args.file.exists():
        print(f"bench_cmc: {args.file} not found", file=sys.stderr)
        return 2
    from advisor.guidance.matching import parse_weights

    weights = parse_weights(args.weights)
    out = run(args.file, args.show_misses, weights)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"CMC statements: {out['method']['n']} ({args.file.name})")
    for label, key in (("method", "method"), ("names-only baseline", "names_only_baseline")):
        m = out[key]
        print(f"  {label:<22} top-1 {m['top1']:.3f}   top-3 {m['top3']:.3f}   MRR {m['mrr']:.3f}")
    for miss in out.get("misses", []):
        print(f"  miss (rank {miss['rank']}): {miss['statement']!r} gold={miss['gold']} got={miss['top3']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
