#!/usr/bin/env python
"""How plausible "jobs that fit now" is to a counselor, among every O*NET occupation.

Imports the O*NET text release (titles and tasks) into a fixed temporary user folder once (later
runs reuse it), then runs the labelled profiles of scripts/data/fit_cases.yaml: each profile's top 5
from ``Advisor.occupation_fits`` against the counselor's labels (``good``: gladly seen in an
"apply now" list; ``ok``: would not object; ``never``: would cost their trust). The same labels
judge the top 5 of the ladder occupations (``Advisor.fits``, what the app ranked before O*NET), by
the SOC code of each rung. Per split it prints:

- good@5: the share of the top-5 slots holding a good occupation;
- plausible@5: good or ok;
- never: how many top-5 slots hold a "never" occupation (the trust breakers);
- first good: how many profiles have a good occupation first;
- timing: the fit ranking p50/p95 after the profile is matched, and peak memory.

    .venv/bin/python scripts/bench_fits.py [--release DIR] [--home DIR] [--split validation|test|all] [-v]
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
HOME = Path("/tmp/advisor-bench-fits")
TOP = 5


def _score(socs: list[str], case: dict) -> dict:
    good, ok, never = ({str(s) for s in case.get(k) or []} for k in ("good", "ok", "never"))
    top = socs[:TOP]
    return {"good": sum(s in good for s in top), "plausible": sum(s in good or s in ok for s in top),
            "never": sum(s in never for s in top), "first": bool(top) and top[0] in good, "slots": TOP}


def _row(label: str, scores: list[dict]) -> str:
    slots = sum(s["slots"] for s in scores) or 1
    return (f"{label:<26} good@5 {sum(s['good'] for s in scores) / slots:.3f}  plausible@5 {sum(s['plausible'] for s in scores) / slots:.3f}  "
            f"never {sum(s['never'] for s in scores):>2}  first good {sum(s['first'] for s in scores)}/{len(scores)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--release", type=Path, default=RELEASE, help="the unpacked O*NET text release")
    ap.add_argument("--home", type=Path, default=HOME, help="the user folder to import into (reused when it holds an import with tasks)")
    ap.add_argument("--set", type=Path, default=ROOT / "scripts" / "data" / "fit_cases.yaml")
    ap.add_argument("--split", default="all", help="validation, test or all (default)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each profile's top 5")
    args = ap.parse_args()
    os.environ["ADVISOR_HOME"] = str(args.home)
    args.home.mkdir(parents=True, exist_ok=True)

    from advisor.guidance.service import Advisor
    from advisor.onet.importer import import_onet
    from advisor.onet.occupations import Occupations

    cases = [c for c in yaml.safe_load(args.set.read_text(encoding="utf-8"))["cases"] if args.split in ("all", c.get("split"))]
    adv = Advisor.load()
    engine = adv.ensure_matcher().engine
    imported = None
    try:
        with Occupations.open() as occ:
            from advisor.onet.work import Work

            ready = Work(occ).has_tasks()
    except Exception:
        ready = False
    if not ready:
        if not args.release.is_dir():
            print(f"no O*NET release at {args.release} (give --release DIR)", file=sys.stderr)
            return 2
        print(f"importing {args.release} into {args.home} ...", flush=True)
        imported = import_onet(args.release, engine=engine).seconds
    adv.occupation_fits(adv.profile("warm up: cashier 2 years"))  # load the vectors before timing

    by_split: dict[str, dict[str, list[dict]]] = {}
    times, lines = [], []
    for case in cases:
        prof = adv.profile(case["say"])
        t0 = time.perf_counter()
        fits = adv.occupation_fits(prof, limit=TOP) or []
        times.append((time.perf_counter() - t0) * 1000)
        ladder = [f.rung.soc for f in adv.fits(prof, limit=TOP)]
        got = _score([f.soc for f in fits], case)
        base = _score(ladder, case)
        split = by_split.setdefault(case.get("split", "?"), {"onet": [], "ladders": []})
        split["onet"].append(got)
        split["ladders"].append(base)
        if args.verbose or got["never"] or not got["first"]:
            good, ok, never = ({str(s) for s in case.get(k) or []} for k in ("good", "ok", "never"))
            mark = lambda s: "+" if s in good else "~" if s in ok else "X" if s in never else " "  # noqa: E731
            lines.append(f"  [{case.get('split')}] {case['id']}: good {got['good']}/5 never {got['never']}")
            lines += [f"      {mark(f.soc)} {f.soc} {f.title} ({f.how})" for f in fits]
    for split, rows in sorted(by_split.items()):
        print(_row(f"{split} ({len(rows['onet'])}) O*NET fits", rows["onet"]))
        print(_row(f"{split} ({len(rows['ladders'])}) ladder fits", rows["ladders"]))
    if len(by_split) > 1:
        print(_row(f"all ({len(cases)}) O*NET fits", [s for r in by_split.values() for s in r["onet"]]))
        print(_row(f"all ({len(cases)}) ladder fits", [s for r in by_split.values() for s in r["ladders"]]))
    q = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
    print(f"fit ranking after the match: p50 {statistics.median(times):.1f} ms  p95 {q[18]:.1f} ms")
    print(f"import: {imported:.0f} s" if imported is not None else "import: reused the earlier import")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
