#!/usr/bin/env python
"""How well past job titles are recognised among every O*NET occupation.

Imports the O*NET text release into a fixed temporary user folder once (later runs reuse it), then
runs the labelled titles of scripts/data/occupation_titles.yaml through ``Occupations.search``
(top-1 and top-3: the right SOC code first, or among the first three) and the labelled sentences
through ``Occupations.recognise`` (the first past title found). Prints the accuracy, the misses,
title search p50/p95 in milliseconds, the import time (when this run imported) and peak memory.

The titles come in seven splits. ``titles``, ``validation``, ``validation2`` and ``validation3`` tune
the method (and the alias table); their misses are printed. ``heldout``, ``heldout2`` and ``heldout3`` (the
last two from scripts/data/occupation_titles_heldout2.yaml and _heldout3.yaml, each written
independently of the others and of the method) judge it:
run them only to report, never while tuning, and only their summary figures are printed unless
``--show-heldout-misses`` is given. The ``nothing`` sentences are tasks and self-descriptions in
which ``recognise`` must find no past title (its precision).

    .venv/bin/python scripts/bench_occupations.py
        [--split titles|validation|validation2|validation3|heldout|heldout2|heldout3|all] [--release DIR]
        [--home DIR] [--set FILE] [--heldout2-set FILE] [--heldout3-set FILE] [--no-aliases] [--show-heldout-misses] [-v]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

RELEASE = ROOT.parent / "shared" / "onet" / "db_29_3_text"
HOME = Path("/tmp/advisor-bench-occupations")
SPLITS = ("titles", "validation", "validation2", "validation3", "heldout", "heldout2", "heldout3")
LABELS = {"titles": "titles", "validation": "validation titles", "validation2": "second validation titles",
          "validation3": "third validation titles", "heldout": "held-out titles",
          "heldout2": "second held-out titles", "heldout3": "third held-out titles"}
JUDGING = ("heldout", "heldout2", "heldout3")  # the splits that judge the method: their misses stay hidden
#: the judging splits kept in files of their own (each written apart from everything else)
APART = ("heldout2", "heldout3")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _right(codes: list[str], wanted: list[str]) -> bool:
    return any(c in wanted for c in codes)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--release", type=Path, default=RELEASE, help="the unpacked O*NET text release")
    ap.add_argument("--home", type=Path, default=HOME, help="the user folder to import into (reused when it holds an import)")
    ap.add_argument("--set", type=Path, default=ROOT / "scripts" / "data" / "occupation_titles.yaml")
    for key in APART:
        ap.add_argument(f"--{key}-set", type=Path, default=ROOT / "scripts" / "data" / f"occupation_titles_{key}.yaml",
                        help=f"the file holding the {key} split")
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="all",
                    help="which labelled titles to run (titles and validation to validation3 tune the method; "
                         "heldout, heldout2 and heldout3 judge it)")
    ap.add_argument("--show-heldout-misses", action="store_true",
                    help="also print the misses of the judging splits (heldout, heldout2, heldout3); never while tuning")
    ap.add_argument("--no-aliases", action="store_true", help="leave out the shipped alias table (the figures before it)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every answer, not only the misses")
    args = ap.parse_args()
    os.environ["ADVISOR_HOME"] = str(args.home)
    args.home.mkdir(parents=True, exist_ok=True)

    from advisor.db.onet import OnetStore, default_path
    from advisor.onet import occupations as occ_mod
    from advisor.onet.importer import import_onet
    from advisor.onet.occupations import Occupations

    if args.no_aliases and hasattr(occ_mod, "ALIASES_OFF"):
        occ_mod.ALIASES_OFF = True
    labelled = yaml.safe_load(args.set.read_text(encoding="utf-8"))
    for key in APART:
        if args.split in (key, "all"):
            path = getattr(args, f"{key}_set")
            if not path.is_file():
                print(f"no {key} set at {path} (give --{key}-set FILE)", file=sys.stderr)
                return 2
            labelled[key] = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key, [])
    imported = None
    db = default_path()
    ready = False
    if db.exists():
        with OnetStore(db) as store:
            ready = store.imported()
    if not ready:
        if not args.release.is_dir():
            print(f"no O*NET release at {args.release} (give --release DIR)", file=sys.stderr)
            return 2
        print(f"importing {args.release} into {args.home} ...", flush=True)
        report = import_onet(args.release)
        imported = report.seconds
    with Occupations.open() as occ:
        occ.collection()  # load the title vectors and the model before timing
        occ.search("warm up")
        keys = SPLITS if args.split == "all" else (args.split,)
        groups: dict[str, list] = {key: [] for key in keys}
        times = []
        for key in keys:
            for item in labelled.get(key, []):
                t0 = time.perf_counter()
                hits = occ.search(item["say"], limit=3)
                times.append((time.perf_counter() - t0) * 1000)
                groups[key].append((item["say"], [str(s) for s in item["soc"]], hits))
        sentences = []
        for item in labelled.get("sentences", []):
            found = occ.recognise(item["say"])
            sentences.append((item["say"], [str(s) for s in item["soc"]], found))
        wrong = [(say, found) for say in labelled.get("nothing", []) if (found := occ.recognise(say))]

    rec = sum(bool(found) and _right([found[0].hit.soc], wanted) for _, wanted, found in sentences)
    for key, group in groups.items():
        label = LABELS[key]
        if not group:
            continue
        n = len(group)
        top1 = sum(_right([h.soc for h in hits[:1]], wanted) for _, wanted, hits in group)
        top3 = sum(_right([h.soc for h in hits[:3]], wanted) for _, wanted, hits in group)
        by_alias = sum(bool(hits) and hits[0].how == "alias" for _, _, hits in group)
        print(f"{label}: {n}  top-1 {top1 / n:.3f} ({top1})  top-3 {top3 / n:.3f} ({top3})  answered by the alias table: {by_alias}"
              + ("  [aliases off]" if args.no_aliases else ""))
    judged = [item for key in JUDGING for item in groups.get(key, [])]
    if len([k for k in JUDGING if groups.get(k)]) > 1:  # the judging splits as one figure
        n = len(judged)
        top1 = sum(_right([h.soc for h in hits[:1]], wanted) for _, wanted, hits in judged)
        top3 = sum(_right([h.soc for h in hits[:3]], wanted) for _, wanted, hits in judged)
        print(f"held-out splits together: {n}  top-1 {top1 / n:.3f} ({top1})  top-3 {top3 / n:.3f} ({top3})")
    if sentences:
        print(f"sentences (recognise): {len(sentences)}  right {rec / len(sentences):.3f} ({rec})")
    if labelled.get("nothing"):
        print(f"sentences with no title (recognise): {len(labelled['nothing'])}  a title found in {len(wrong)}")
    q = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
    print(f"title search: p50 {statistics.median(times):.1f} ms  p95 {q[18]:.1f} ms")
    print(f"import: {imported:.0f} s" if imported is not None else "import: reused the earlier import")
    print(f"peak memory: {_peak_mb():.0f} MB")
    hidden = 0
    for key, group in groups.items():
        if key in JUDGING and not args.show_heldout_misses:
            hidden += bool(group)
            continue
        for say, wanted, hits in group:
            ok = _right([h.soc for h in hits[:1]], wanted)
            if ok and not args.verbose:
                continue
            got = ", ".join(f"{h.soc} {h.title} ({h.how} {h.score:.2f})" for h in hits[:3]) or "nothing"
            print(f"  {'ok  ' if ok else 'MISS'} {say!r} want {'/'.join(wanted)}: {got}")
    if hidden:
        print("  (the held-out splits' answers are not printed: they judge the method; --show-heldout-misses prints them)")
    for say, wanted, found in sentences:
        ok = bool(found) and _right([found[0].hit.soc], wanted)
        if args.verbose or not ok:
            got = "; ".join(f"{p.phrase!r} -> {p.hit.soc} {p.hit.title}" for p in found) or "nothing"
            print(f"  {'ok  ' if ok else 'MISS'} sentence {say!r} want {'/'.join(wanted)}: {got}")
    for say, found in wrong:
        print(f"  WRONG sentence {say!r} has no title: " + "; ".join(f"{p.phrase!r} -> {p.hit.soc} {p.hit.title}" for p in found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
