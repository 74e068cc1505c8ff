#!/usr/bin/env python
"""Benchmark: how far a counselor would trust the strengths a profile "shows".

Reads hand-labelled, multi-sentence jobseeker profiles (``scripts/data/profiles.yaml``: text,
target, gold / acceptable / wrong competency ids) and short credential statements
(``scripts/data/credential_cases.yaml``). Each profile goes through the same calls as the CLI and
the TUI: ``profile = adv.profile(text)`` then ``report = adv.gaps(profile, target)``.

  shown      = the report's ``demonstrated`` items; ask about = the ``possible`` items it asks
               first (``report.ask_about()``: at most 8; the rest are one key away)
  precision  = |shown & (gold | acceptable)| / |shown|          (pooled over profiles)
  recall     = |shown & gold| / |gold & required by the target| (only gold the target requires)
  wrong-rate = |shown & wrong| / |shown|
  traps hit  = |wrong labels demonstrated anywhere in profile.status| / |wrong labels|
  ask about  = median number of possible items per profile

Credential cases (when ``profile.facts`` exists): detection accuracy (a held credential is found,
a negated or intended one is not reported as held) and credential misses (share of the
competencies a held credential evidences that are not ``demonstrated`` in ``profile.status``).

    .venv/bin/python scripts/bench_profiles.py [--split dev|test|all] [--model all|ID[,ID]]
                                               [--json] [--verbose]

Every id in both data files is checked before the model loads; an unknown one stops the run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "scripts" / "data"
PROFILES = DATA / "profiles.yaml"
CASES = DATA / "credential_cases.yaml"
CREDENTIALS = ROOT / "advisor" / "data" / "credentials.yaml"
SPLITS = ("dev", "test")


class LabelError(SystemExit):
    pass


@dataclass
class Case:
    id: str
    split: str
    target: str
    text: str
    gold: set[str]
    acceptable: set[str]
    wrong: set[str]


@dataclass
class CredCase:
    id: str
    credential: str
    held: bool
    text: str


@dataclass
class Row:
    case: Case
    model: str
    shown: set[str]
    possible: set[str]
    required: set[str]
    anywhere: set[str]  # demonstrated in profile.status, any model
    names: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> set[str]:
        return self.shown & (self.case.gold | self.case.acceptable)

    @property
    def gold_req(self) -> set[str]:
        return self.case.gold & self.required

    @property
    def wrong_shown(self) -> set[str]:
        return self.shown & self.case.wrong


# --------------------------------------------------------------------------- data and checks


def _load(path: Path, key: str) -> list[dict]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise LabelError(f"{path}: cannot read: {exc}")
    rows = doc.get(key)
    if not isinstance(rows, list):
        raise LabelError(f"{path}: expected a top-level '{key}:' list")
    return rows


def credential_table(path: Path = CREDENTIALS) -> dict[str, set[str]]:
    """Credential id -> the competencies a holder has shown (its own and its implied credentials')."""
    return implied(_load(path, "credentials"), "evidences")


def by_split(rows: list, split: str, figures) -> dict[str, dict]:
    """``figures`` of the rows of each split and of all (``split`` "all"), or of the one split."""
    if split != "all":
        return {split: figures(rows)}
    columns = {s: figures([r for r in rows if r.case.split == s]) for s in SPLITS}
    columns["all"] = figures(rows)
    return columns


def implied(rows: list[dict], key: str) -> dict[str, set[str]]:
    """Credential id -> the ``key`` values (competencies, catalogue ids) of it and every
    credential it implies, transitively."""
    own = {r["id"]: set(r.get(key) or []) for r in rows}
    implies = {r["id"]: list(r.get("implies") or []) for r in rows}

    def closure(cid: str, seen: set[str]) -> set[str]:
        out = set(own.get(cid, ()))
        for other in implies.get(cid, ()):
            if other not in seen:
                seen.add(other)
                out |= closure(other, seen)
        return out

    return {cid: closure(cid, {cid}) for cid in own}


def read_profiles(path: Path, comp_ids: set[str], resolve) -> list[Case]:
    problems, cases, seen = [], [], set()
    for i, raw in enumerate(_load(path, "profiles")):
        pid = raw.get("id") or f"#{i + 1}"
        if pid in seen:
            problems.append(f"{pid}: duplicate id")
        seen.add(pid)
        missing = [k for k in ("split", "target", "text", "gold") if not raw.get(k)]
        if missing:
            problems.append(f"{pid}: missing {', '.join(missing)}")
            continue
        if raw["split"] not in SPLITS:
            problems.append(f"{pid}: split must be dev or test, not {raw['split']!r}")
        try:
            resolve(raw["target"])
        except Exception as exc:  # InputError from resolve_target
            problems.append(f"{pid}: unknown target {raw['target']!r} ({exc})")
        sets = {}
        for key in ("gold", "acceptable", "wrong"):
            ids = raw.get(key) or []
            for cid in ids:
                if cid not in comp_ids:
                    problems.append(f"{pid}: unknown competency id {cid!r} in {key}")
            sets[key] = set(ids)
        for a, b in (("gold", "acceptable"), ("gold", "wrong"), ("acceptable", "wrong")):
            both = sets[a] & sets[b]
            if both:
                problems.append(f"{pid}: {sorted(both)} in both {a} and {b}")
        cases.append(Case(pid, raw["split"], raw["target"], " ".join(str(raw["text"]).split()),
                          sets["gold"], sets["acceptable"], sets["wrong"]))
    if problems:
        raise LabelError(f"{path}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return cases


def read_cred_cases(path: Path, cred_ids: set[str]) -> list[CredCase]:
    problems, cases, seen = [], [], set()
    for i, raw in enumerate(_load(path, "cases")):
        cid = raw.get("id") or f"#{i + 1}"
        if cid in seen:
            problems.append(f"{cid}: duplicate id")
        seen.add(cid)
        if not raw.get("text") or not raw.get("credential"):
            problems.append(f"{cid}: needs text and credential")
            continue
        if raw["credential"] not in cred_ids:
            problems.append(f"{cid}: unknown credential id {raw['credential']!r}")
        held = raw.get("held", True)
        if not isinstance(held, bool):
            problems.append(f"{cid}: held must be true or false")
        cases.append(CredCase(cid, raw["credential"], bool(held), str(raw["text"]).strip()))
    if problems:
        raise LabelError(f"{path}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return cases


# --------------------------------------------------------------------------- running


def run_profiles(adv, cases: list[Case]) -> list[Row]:
    rows = []
    for case in cases:
        profile = adv.profile(case.text)
        report = adv.gaps(profile, case.target)
        names = {i.competency.id: i.competency.name for i in report.items}
        anywhere = {cid for cid, st in profile.status.items() if st == "demonstrated"}
        for cid in case.wrong & anywhere:
            names.setdefault(cid, adv.catalog.competency(cid).name)
        rows.append(Row(
            case, report.target.model,
            {i.competency.id for i in report.by_status("demonstrated")},
            # what the advisor is asked first (the rest are one key away)
            {i.competency.id for i in (report.ask_about() if hasattr(report, "ask_about") else report.by_status("possible"))},
            set(report.target.required), anywhere, names,
        ))
    return rows


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def profile_figures(rows: list[Row]) -> dict:
    shown = sum(len(r.shown) for r in rows)
    wrong_labels = sum(len(r.case.wrong) for r in rows)
    return {
        "profiles": len(rows),
        "shown": shown,
        "precision": _ratio(sum(len(r.ok) for r in rows), shown),
        "recall": _ratio(sum(len(r.shown & r.gold_req) for r in rows), sum(len(r.gold_req) for r in rows)),
        "wrong_rate": _ratio(sum(len(r.wrong_shown) for r in rows), shown),
        "traps_hit": _ratio(sum(len(r.case.wrong & r.anywhere) for r in rows), wrong_labels),
        "unlabelled_shown": _ratio(sum(len(r.shown - r.case.gold - r.case.acceptable - r.case.wrong) for r in rows), shown),
        "median_shown": statistics.median([len(r.shown) for r in rows]) if rows else None,
        "median_ask_about": statistics.median([len(r.possible) for r in rows]) if rows else None,
    }


def run_credentials(adv, cases: list[CredCase], evidences: dict[str, set[str]]) -> dict:
    found = clean = missed = evidenced = 0
    failures = []
    for case in cases:
        profile = adv.profile(case.text)
        facts = getattr(profile, "facts", None)
        if facts is None or not hasattr(facts, "credentials"):
            return {"available": False}
        held = {c.id for c in facts.credentials}
        ok = (case.credential in held) == case.held
        miss = set()
        if case.held:
            found += ok
            need = evidences.get(case.credential, set())
            miss = {cid for cid in need if profile.status.get(cid) != "demonstrated"}
            missed += len(miss)
            evidenced += len(need)
        else:
            clean += ok
        if not ok or miss:
            failures.append({"id": case.id, "credential": case.credential, "held": case.held,
                             "reported_held": sorted(held), "missed": sorted(miss), "text": case.text})
    held_n = sum(c.held for c in cases)
    return {
        "available": True,
        "cases": len(cases),
        "held_cases": held_n,
        "not_held_cases": len(cases) - held_n,
        "detection_accuracy": _ratio(found + clean, len(cases)),
        "held_found": _ratio(found, held_n),
        "not_held_clean": _ratio(clean, len(cases) - held_n),
        "credential_misses": _ratio(missed, evidenced),
        "failures": failures,
    }


# --------------------------------------------------------------------------- output


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.3f}"
    return f"{v:g}" if isinstance(v, float) else str(v)


LABELS = [
    ("profiles", "profiles"),
    ("shown", "shown items (total)"),
    ("precision", "precision of shown"),
    ("recall", "recall of gold (target requires)"),
    ("wrong_rate", "wrong-rate of shown"),
    ("traps_hit", "wrong labels demonstrated, any model"),
    ("unlabelled_shown", "shown but unlabelled"),
    ("median_shown", "median shown / profile"),
    ("median_ask_about", "median ask-about / profile"),
]


def print_table(columns: dict[str, dict], creds: dict) -> None:
    heads = list(columns)
    width = max(len(l) for _, l in LABELS) + 2
    print("profiles".ljust(width) + "".join(h.rjust(8) for h in heads))
    for key, label in LABELS:
        print(label.ljust(width) + "".join(_fmt(columns[h][key]).rjust(8) for h in heads))
    print()
    if not creds.get("available"):
        print("credential cases".ljust(width) + "facts: not available")
        return
    print("credential cases".ljust(width) + f"{creds['cases']:>8}")
    for key, label in (("detection_accuracy", "detection accuracy"),
                       ("held_found", f"  held found ({creds['held_cases']})"),
                       ("not_held_clean", f"  not-held not reported ({creds['not_held_cases']})"),
                       ("credential_misses", "credential misses")):
        print(label.ljust(width) + _fmt(creds[key]).rjust(8))


def print_verbose(rows: list[Row], creds: dict) -> None:
    print("\nper profile: shown | ok | gold required | gold shown | ask about")
    for r in rows:
        line = (f"  {r.case.id:<36} {r.case.target:<44} shown {len(r.shown):>2}  ok {len(r.ok):>2}  "
                f"gold {len(r.gold_req):>2}  hit {len(r.shown & r.gold_req):>2}  ask {len(r.possible):>2}")
        print(line)
        if r.wrong_shown:
            print("      WRONG shown: " + "; ".join(f"{c} {r.names.get(c, '')}" for c in sorted(r.wrong_shown)))
        elsewhere = (r.case.wrong & r.anywhere) - r.shown
        if elsewhere:
            print("      wrong, demonstrated outside the target: " + "; ".join(f"{c} {r.names.get(c, '')}" for c in sorted(elsewhere)))
        missed = r.gold_req - r.shown
        if missed:
            print("      gold not shown: " + ", ".join(sorted(missed)))
    for f in creds.get("failures", []):
        print(f"  credential {f['id']} {f['credential']} held={f['held']} reported={f['reported_held']} "
              f"missed={f['missed']}  ({f['text']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--model", default="all", help="'all' or comma-separated model ids: only profiles whose target is in them")
    ap.add_argument("--profiles", type=Path, default=PROFILES)
    ap.add_argument("--credentials", type=Path, default=CASES)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--verbose", action="store_true", help="per-profile lines with the wrong shown items")
    args = ap.parse_args(argv)

    from advisor.guidance.service import Advisor

    adv = Advisor.load()
    comp_ids = set(adv.catalog.competencies_by_id())
    evidences = credential_table()
    cases = read_profiles(args.profiles, comp_ids, adv.target)
    cred_cases = read_cred_cases(args.credentials, set(evidences))
    bad_evid = sorted({c for ids in evidences.values() for c in ids} - comp_ids)
    if bad_evid:
        raise LabelError(f"{CREDENTIALS}: unknown competency ids in evidences: {bad_evid}")

    shadowed = []  # a foundation id where the target's model has its own version (retail:1.4 ...)
    for c in cases:
        model = adv.catalog.get(adv.target(c.target).model)
        own = {m.id.split(":")[1]: m.id for m in model.competencies if not m.id.startswith("building-blocks:")}
        ids = {m.id for m in model.competencies}
        for cid in sorted(c.gold | c.acceptable | c.wrong):
            num = cid.split(":")[1]
            if cid.startswith("building-blocks:") and cid not in ids and num in own:
                shadowed.append(f"{c.id}: {cid} -> {model.id} uses {own[num]}")
    if shadowed:
        raise LabelError(f"{args.profiles}: use the target model's own id:\n  " + "\n  ".join(shadowed))

    if args.model != "all":
        wanted = {m.strip() for m in args.model.split(",") if m.strip()}
        unknown = wanted - set(adv.catalog.models)
        if unknown:
            raise LabelError(f"unknown model id(s): {sorted(unknown)}")
        cases = [c for c in cases if adv.target(c.target).model in wanted]
    if args.split != "all":
        cases = [c for c in cases if c.split == args.split]
    if not cases:
        raise LabelError("no profiles selected")

    rows = run_profiles(adv, cases)
    creds = run_credentials(adv, cred_cases, evidences)
    columns = by_split(rows, args.split, profile_figures)

    if args.json:
        out = {"profiles": columns, "credentials": creds, "per_profile": [
            {"id": r.case.id, "split": r.case.split, "target": r.case.target, "shown": sorted(r.shown),
             "ask_about": sorted(r.possible), "wrong_shown": sorted(r.wrong_shown),
             "gold_missed": sorted(r.gold_req - r.shown)} for r in rows]}
        if not args.verbose:
            out.pop("per_profile")
            out["credentials"] = {k: v for k, v in creds.items() if k != "failures"}
        print(json.dumps(out, indent=2))
        return 0
    print_table(columns, creds)
    if args.verbose:
        print_verbose(rows, creds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
