#!/usr/bin/env python
"""Benchmark: would a counselor hand over the training a gap plan suggests?

Reads hand-labelled profile -> goal cases (``scripts/data/plan_cases.yaml``: the jobseeker's words,
a target, the credentials they hold, whether English is a barrier, and keywords of the training a
counselor would accept and would call nonsense). Each case goes through the same calls as the CLI:
``profile = adv.profile(text)`` then ``plan = adv.plan(profile, target, "US")``.

  relevant          share of gaps (plan lines with status "gap") with at least one relevant
                    suggestion: one matching an accept keyword (the case's, or the competency's own)
                    and no reject keyword, not already held; or the line says "learn on the job"
                    where the case marks that competency on_the_job_ok                 (target >= 0.90)
  nonsense gaps     gaps with a suggestion matching a reject keyword                   (target 0)
  held suggested    suggestions (any plan line or the entry route) that the person's held credentials
                    already cover: ``profile.facts.holds(id)`` or the labelled ``holds`` (target 0)
  ESL w/o need      cases without a language need whose plan suggests ESL anywhere      (target 0)
  need w/o ESL      cases with a language need whose plan never suggests ESL           (target 0)
  tier 1-3 gaps     gap lines of a foundational competency (tier <= 3): without evidence these are
                    questions to ask, not gaps (no advisor corrections are applied here) (target 0)
  entry route       occupation targets whose plan leads with an entry route (``plan.route``), and
                    how many of those routes match an accept keyword ("-" while plans have no route)

    .venv/bin/python scripts/bench_plans.py [--split dev|test|all] [--area US] [--json] [--verbose]

Every id in the cases file (targets, credential ids, competency ids) is checked before the
embedding model loads; an unknown one stops the run with the full list. The plan is read in one
place, :func:`read_plan`: adapt that function when the plan's structure changes.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = ROOT / "scripts" / "data" / "plan_cases.yaml"
CREDENTIALS = ROOT / "advisor" / "data" / "credentials.yaml"
SPLITS = ("dev", "test")
CASE_KEYS = {"id", "split", "target", "text", "holds", "language_need", "accept", "accept_for",
             "on_the_job_ok", "reject"}
GAP = "gap"
FOUNDATION_TIERS = (1, 2, 3)
ESL_IDS = {"english-language-acquisition"}
ESL_WORDS = re.compile(r"\b(esl|ell|english language|english as a second language|english learners?)\b")
ON_THE_JOB = re.compile(r"\b(on the job|ask the employer|ask your employer|employer training|ojt)\b")


from bench_profiles import LabelError, _load, by_split, implied  # noqa: E402  (one YAML reader for both benchmarks)


def norm(text: str) -> str:
    """Lowercase, every non-alphanumeric character a space, spaces collapsed."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(text).lower()).split())


# --------------------------------------------------------------------------- keywords


@dataclass(frozen=True)
class Keyword:
    raw: str
    name_only: bool
    pattern: re.Pattern

    @classmethod
    def parse(cls, raw: str) -> "Keyword":
        text = raw.strip()
        name_only = text.startswith("name:")
        if name_only:
            text = text[5:]
        prefix = text.endswith("*")
        words = norm(text.rstrip("*"))
        if not words:
            raise ValueError(f"keyword {raw!r} has no letters or digits")
        tail = r"[a-z0-9]*" if prefix else r"(?:s|es)?"
        return cls(raw, name_only, re.compile(r"\b" + re.escape(words) + tail + r"\b"))

    def hit(self, s: "Sugg") -> bool:
        return bool(self.pattern.search(s.short if self.name_only else s.full))


# --------------------------------------------------------------------------- the plan, read in one place


@dataclass
class Sugg:
    id: str
    name: str
    kind: str
    description: str
    local: bool = False

    @property
    def full(self) -> str:
        return norm(f"{self.name} {self.description} {self.kind}")

    @property
    def short(self) -> str:
        return norm(f"{self.name} {self.kind}")

    @property
    def esl(self) -> bool:
        return self.id in ESL_IDS or bool(ESL_WORDS.search(norm(f"{self.name} {self.kind}")))


@dataclass
class Line:
    comp_id: str
    comp_name: str
    tier: int
    status: str
    suggestions: list[Sugg]
    on_the_job: bool
    language: bool = False  # a line the plan gives because the words say English is a barrier


@dataclass
class PlanView:
    lines: list[Line]
    route: list[Sugg] | None  # None: the plan has no entry route (or no such field yet)
    has_route_field: bool


def _get(obj, key, default=None):
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _sugg(res) -> Sugg:
    return Sugg(str(_get(res, "id", "") or ""), str(_get(res, "name", "") or ""), str(_get(res, "kind", "") or ""),
                str(_get(res, "description", "") or ""), bool(_get(res, "local", False)))


def _said_on_the_job(line, suggs: list[Sugg]) -> bool:
    for attr in ("on_the_job", "learn_on_the_job", "ojt"):
        if _get(line, attr) is True:
            return True
    for attr in ("note", "advice", "hint", "fallback", "how", "message", "training_note"):
        value = _get(line, attr)
        if isinstance(value, str) and ON_THE_JOB.search(norm(value)):
            return True
    return any(ON_THE_JOB.search(s.short) for s in suggs)


def _line(item, default_status: str) -> Line | None:
    comp = _get(item, "competency")
    if comp is None:
        return None
    training = _get(item, "training") or []
    suggs = [_sugg(r) for r in training if _get(r, "name")]
    real = [s for s in suggs if not ON_THE_JOB.search(s.short)]  # a "learn on the job" pseudo-entry is not training
    return Line(str(_get(comp, "id", "")), str(_get(comp, "name", "")), int(_get(comp, "tier", 0) or 0),
                str(_get(item, "status", default_status) or default_status), real, _said_on_the_job(item, suggs),
                _get(item, "why") == "language")


def read_plan(plan) -> PlanView:
    """Everything the benchmark reads from a plan. ``plan.gaps``: GapLine(competency, status,
    training); "to ask about" lines may move to a list of their own (read here if they do); the
    entry route, when plans have one, is ``plan.route``: a resource, a list of them, or an object
    holding them."""
    lines = [ln for item in (_get(plan, "gaps") or []) if (ln := _line(item, GAP))]
    for attr in ("ask_about", "asks", "questions"):
        lines += [ln for item in (_get(plan, attr) or []) if (ln := _line(item, "possible"))]
    has_route = hasattr(plan, "route") or (isinstance(plan, dict) and "route" in plan)
    route = _get(plan, "route")
    if route is None or route == [] or route == {}:
        return PlanView(lines, None, has_route)
    items = list(route) if isinstance(route, (list, tuple)) else [route]
    out: list[Sugg] = []
    for item in items:
        if _get(item, "name"):
            out.append(_sugg(item))
        for attr in ("resources", "training", "programs", "options", "credentials"):
            for sub in _get(item, attr) or []:
                if _get(sub, "name"):
                    out.append(_sugg(sub))
    return PlanView(lines, out or None, has_route)


# --------------------------------------------------------------------------- cases and checks


@dataclass
class Case:
    id: str
    split: str
    target: str
    text: str
    holds: list[str]
    language_need: bool
    accept: list[Keyword]
    accept_for: dict[str, list[Keyword]]
    on_the_job_ok: set[str]
    reject: list[Keyword]
    occupation: bool = False
    model: str = ""


def credential_cover(path: Path = CREDENTIALS) -> dict[str, dict]:
    """Credential id -> {name, catalog: training ids it or an implied credential covers}."""
    rows = _load(path, "credentials")
    implies = {r["id"]: list(r.get("implies") or []) for r in rows}
    names = {r["id"]: str(r.get("name") or "") for r in rows}
    catalog = implied(rows, "catalog")
    return {cid: {"name": names[cid], "catalog": catalog[cid], "implies": implies[cid]} for cid in catalog}


def read_cases(path: Path, resolve, comp_ids: set[str], creds: dict[str, dict]) -> list[Case]:
    problems, cases, seen = [], [], set()

    def keywords(cid: str, where: str, raw) -> list[Keyword]:
        if not isinstance(raw, list):
            problems.append(f"{cid}: {where} must be a list of keywords")
            return []
        out = []
        for kw in raw:
            if not isinstance(kw, str) or not kw.strip():
                problems.append(f"{cid}: {where}: {kw!r} is not a keyword")
                continue
            if kw != kw.lower():
                problems.append(f"{cid}: {where}: {kw!r} must be lowercase")
            try:
                out.append(Keyword.parse(kw))
            except ValueError as exc:
                problems.append(f"{cid}: {where}: {exc}")
        return out

    for i, raw in enumerate(_load(path, "cases")):
        if not isinstance(raw, dict):
            problems.append(f"#{i + 1}: not a mapping")
            continue
        cid = str(raw.get("id") or f"#{i + 1}")
        if cid in seen:
            problems.append(f"{cid}: duplicate id")
        seen.add(cid)
        extra = set(raw) - CASE_KEYS
        if extra:
            problems.append(f"{cid}: unknown key(s) {sorted(extra)}")
        missing = [k for k in ("split", "target", "text", "accept", "reject") if not raw.get(k)]
        if "language_need" not in raw:
            missing.append("language_need")
        if missing:
            problems.append(f"{cid}: missing {', '.join(missing)}")
            continue
        if raw["split"] not in SPLITS:
            problems.append(f"{cid}: split must be dev or test, not {raw['split']!r}")
        if not isinstance(raw["language_need"], bool):
            problems.append(f"{cid}: language_need must be true or false")
        target = None
        try:
            target = resolve(str(raw["target"]))
        except Exception as exc:  # InputError from resolve_target
            problems.append(f"{cid}: unknown target {raw['target']!r} ({exc})")
        required = set(target.required) if target is not None else set()
        holds = raw.get("holds") or []
        for h in holds:
            if h not in creds:
                problems.append(f"{cid}: unknown credential id {h!r} in holds")
        accept = keywords(cid, "accept", raw["accept"])
        reject = keywords(cid, "reject", raw["reject"])
        accept_for = {}
        for comp, kws in (raw.get("accept_for") or {}).items():
            if comp not in comp_ids:
                problems.append(f"{cid}: unknown competency id {comp!r} in accept_for")
            elif target is not None and comp not in required:
                problems.append(f"{cid}: accept_for {comp!r} is not required by {raw['target']} (it can never be a gap)")
            accept_for[comp] = keywords(cid, f"accept_for {comp}", kws)
        ojt = raw.get("on_the_job_ok") or []
        for comp in ojt:
            if comp not in comp_ids:
                problems.append(f"{cid}: unknown competency id {comp!r} in on_the_job_ok")
            elif target is not None and comp not in required:
                problems.append(f"{cid}: on_the_job_ok {comp!r} is not required by {raw['target']}")
        acc_raw = {k.raw for k in accept} | {k.raw for ks in accept_for.values() for k in ks}
        both = acc_raw & {k.raw for k in reject}
        if both:
            problems.append(f"{cid}: {sorted(both)} in both accept and reject")
        cases.append(Case(cid, str(raw["split"]), str(raw["target"]), " ".join(str(raw["text"]).split()),
                          list(holds), bool(raw["language_need"]), accept, accept_for, set(ojt), reject,
                          occupation=target is not None and target.kind == "rung",
                          model=target.model if target is not None else ""))
    if problems:
        raise LabelError(f"{path}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return cases


# --------------------------------------------------------------------------- judging one plan


@dataclass
class GapJudged:
    line: Line
    relevant: bool
    by: str  # the accept keyword or "on the job"
    nonsense: list[tuple[str, str]]  # (suggestion name, reject keyword)


@dataclass
class Result:
    case: Case
    gaps: list[GapJudged]
    asks: int
    other_nonsense: list[tuple[str, str, str]]  # (where, suggestion, keyword)
    held: list[tuple[str, str, str]]  # (where, suggestion, why)
    esl: bool
    tier13: list[Line]
    route: list[Sugg] | None
    route_field: bool
    route_relevant: bool
    holds_found: list[str]
    holds_missed: list[str]
    seconds: float = 0.0

    @property
    def relevant(self) -> int:
        return sum(g.relevant for g in self.gaps)

    @property
    def nonsense_gaps(self) -> int:
        return sum(bool(g.nonsense) for g in self.gaps)


def _first(kws: list[Keyword], s: Sugg) -> str | None:
    return next((k.raw for k in kws if k.hit(s)), None)


def judge(case: Case, view: PlanView, facts, creds: dict[str, dict]) -> Result:
    covered = {rid: h for h in case.holds for rid in creds[h]["catalog"]}
    held_names = {norm(creds[h]["name"]): h for h in case.holds}

    def held_by(s: Sugg) -> str | None:
        if facts is not None and hasattr(facts, "holds") and s.id and facts.holds(s.id):
            return "facts.holds"
        if s.id in covered:
            return f"holds {covered[s.id]}"
        if s.id in case.holds or norm(s.name) in held_names:
            return f"holds {held_names.get(norm(s.name), s.id)}"
        return None

    held, other_nonsense, gaps, tier13 = [], [], [], []
    seen_held = set()
    for line in view.lines:
        for s in line.suggestions:
            why = held_by(s)
            if why and s.id not in seen_held:
                seen_held.add(s.id)
                held.append((line.comp_name, s.name, why))
        if line.status != GAP:
            for s in line.suggestions:
                kw = _first(case.reject, s)
                if kw:
                    other_nonsense.append((f"ask: {line.comp_name}", s.name, kw))
            continue
        # English classes for someone whose words say English is a barrier have those words behind
        # them: neither a foundational gap without a question nor an irrelevant suggestion
        language = line.language and case.language_need and any(s.esl for s in line.suggestions)
        if line.tier in FOUNDATION_TIERS and not language:
            tier13.append(line)
        accept = case.accept + case.accept_for.get(line.comp_id, [])
        nonsense = [(s.name, kw) for s in line.suggestions if (kw := _first(case.reject, s))]
        by = ""
        for s in line.suggestions:
            kw = _first(accept, s)
            if kw and not _first(case.reject, s) and not held_by(s):
                by = kw
                break
        if not by and line.on_the_job and line.comp_id in case.on_the_job_ok:
            by = "on the job"
        if not by and language:
            by = "esl (language need)"
        gaps.append(GapJudged(line, bool(by), by, nonsense))

    route_relevant = False
    for s in view.route or []:
        why = held_by(s)
        if why and s.id not in seen_held:
            seen_held.add(s.id)
            held.append(("entry route", s.name, why))
        kw = _first(case.reject, s)
        if kw:
            other_nonsense.append(("entry route", s.name, kw))
        elif not why and _first(case.accept, s):
            route_relevant = True

    esl = any(s.esl for ln in view.lines for s in ln.suggestions) or any(s.esl for s in view.route or [])
    stated = set()
    if facts is not None:
        stated = {c.id for c in getattr(facts, "credentials", [])}
        stated |= {i for c in list(stated) for i in creds.get(c, {}).get("implies", [])}
    found = [h for h in case.holds if h in stated]
    return Result(case, gaps, sum(ln.status != GAP for ln in view.lines), other_nonsense, held, esl, tier13,
                  view.route, view.has_route_field, route_relevant, found,
                  [h for h in case.holds if h not in stated])


# --------------------------------------------------------------------------- figures and output


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def figures(rows: list[Result]) -> dict:
    gaps = [g for r in rows for g in r.gaps]
    need = [r for r in rows if r.case.language_need]
    no_need = [r for r in rows if not r.case.language_need]
    occ = [r for r in rows if r.case.occupation]
    routed = [r for r in occ if r.route]
    route_field = any(r.route_field for r in rows)
    holds = sum(len(r.case.holds) for r in rows)
    return {
        "cases": len(rows),
        "industries": len({r.case.model for r in rows}),
        "gaps": len(gaps),
        "median_gaps": statistics.median([len(r.gaps) for r in rows]) if rows else None,
        "relevant": _ratio(sum(g.relevant for g in gaps), len(gaps)),
        "relevant_on_the_job": sum(g.by == "on the job" for g in gaps),
        "gaps_no_suggestion": sum(not g.line.suggestions and not g.line.on_the_job for g in gaps),
        "nonsense_gaps": sum(bool(g.nonsense) for g in gaps),
        "nonsense_elsewhere": sum(len(r.other_nonsense) for r in rows),
        "held_suggested": sum(len(r.held) for r in rows),
        "esl_without_need": sum(r.esl for r in no_need),
        "no_need_cases": len(no_need),
        "need_without_esl": sum(not r.esl for r in need),
        "need_cases": len(need),
        "tier13_gaps": sum(len(r.tier13) for r in rows),
        "cases_with_tier13_gaps": sum(bool(r.tier13) for r in rows),
        "occupation_cases": len(occ),
        "route_field": route_field,
        "led_by_route": len(routed) if route_field else None,
        "route_relevant": sum(r.route_relevant for r in routed) if route_field else None,
        "holds_labelled": holds,
        "holds_detected": _ratio(sum(len(r.holds_found) for r in rows), holds),
    }


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.3f}"
    return f"{v:g}" if isinstance(v, float) else str(v)


ROWS = [
    ("cases", "cases", None),
    ("industries", "industries (target models)", None),
    ("gaps", "gap lines (status gap)", None),
    ("median_gaps", "median gaps / case", None),
    ("relevant", "gaps with a relevant suggestion", ">= 0.90"),
    ("relevant_on_the_job", "  of them by 'learn on the job'", None),
    ("gaps_no_suggestion", "gaps with no suggestion at all", None),
    ("nonsense_gaps", "gaps with a nonsense suggestion", "0"),
    ("nonsense_elsewhere", "nonsense on ask-about lines / route", None),
    ("held_suggested", "held credentials suggested", "0"),
    ("esl_without_need", "ESL without a language need", "0"),
    ("need_without_esl", "language need without ESL", "0"),
    ("tier13_gaps", "tier 1-3 gaps", "0"),
    ("cases_with_tier13_gaps", "  cases with any", None),
    ("led_by_route", "occupation plans led by an entry route", None),
    ("route_relevant", "  entry route relevant", None),
    ("holds_detected", "labelled holds found in facts", None),
]


def _cell(key: str, col: dict) -> str:
    v = col[key]
    if key == "esl_without_need":
        return f"{v}/{col['no_need_cases']}"
    if key == "need_without_esl":
        return f"{v}/{col['need_cases']}"
    if key == "led_by_route" and v is not None:
        return f"{v}/{col['occupation_cases']}"
    return _fmt(v)


def print_table(columns: dict[str, dict]) -> None:
    heads = list(columns)
    width = max(len(label) for _, label, _ in ROWS) + 2
    print("plans".ljust(width) + "".join(h.rjust(9) for h in heads) + "   target")
    for key, label, goal in ROWS:
        print(label.ljust(width) + "".join(_cell(key, columns[h]).rjust(9) for h in heads) + (f"   {goal}" if goal else ""))
    if not any(c["route_field"] for c in columns.values()):
        print("(plans have no 'route' yet: entry-route figures are '-')")


def print_verbose(rows: list[Result]) -> None:
    print("\nper case: gaps | relevant | nonsense | held | ESL | tier 1-3 gaps | route")
    for r in rows:
        route = "-" if not r.route_field else ("none" if not r.route else ("ok" if r.route_relevant else "not accepted"))
        if not r.case.occupation and r.route_field:
            route = "(model)" if not r.route else route
        esl = ("ESL" if r.esl else "no ESL") + (" (need)" if r.case.language_need else "")
        print(f"  {r.case.split:<4} {r.case.id:<46} {r.case.target:<44} gaps {len(r.gaps):>2}  rel {r.relevant:>2}  "
              f"nons {r.nonsense_gaps:>2}  held {len(r.held)}  {esl:<14} t1-3 {len(r.tier13):>2}  route {route}  "
              f"{r.seconds:.1f}s")
        for g in r.gaps:
            if not g.relevant:
                names = "; ".join(s.name for s in g.line.suggestions) or ("learn on the job" if g.line.on_the_job else "nothing")
                print(f"      not relevant: {g.line.comp_id} {g.line.comp_name} (tier {g.line.tier}) <- {names}")
            for name, kw in g.nonsense:
                print(f"      NONSENSE: {g.line.comp_name} <- {name}  [{kw}]")
        for where, name, kw in r.other_nonsense:
            print(f"      nonsense ({where}): {name}  [{kw}]")
        for where, name, why in r.held:
            print(f"      HELD suggested ({where}): {name}  [{why}]")
        if r.esl != r.case.language_need:
            print("      ESL suggested without a language need" if r.esl else "      language need, ESL never suggested")
        if r.tier13:
            print("      tier 1-3 gaps: " + ", ".join(f"{ln.comp_name} (t{ln.tier})" for ln in r.tier13))
        if r.route:
            print("      entry route: " + "; ".join(s.name for s in r.route))
        if r.holds_missed:
            print("      holds not found in facts: " + ", ".join(r.holds_missed))


def per_case_json(r: Result) -> dict:
    return {
        "id": r.case.id, "split": r.case.split, "target": r.case.target,
        "gaps": [{"id": g.line.comp_id, "name": g.line.comp_name, "tier": g.line.tier, "relevant": g.relevant,
                  "by": g.by, "training": [s.name for s in g.line.suggestions], "on_the_job": g.line.on_the_job,
                  "nonsense": [{"training": n, "keyword": k} for n, k in g.nonsense]} for g in r.gaps],
        "nonsense_elsewhere": [{"where": w, "training": n, "keyword": k} for w, n, k in r.other_nonsense],
        "held_suggested": [{"where": w, "training": n, "why": y} for w, n, y in r.held],
        "esl": r.esl, "language_need": r.case.language_need,
        "tier13_gaps": [ln.comp_id for ln in r.tier13],
        "route": [s.name for s in r.route] if r.route else None, "route_relevant": r.route_relevant,
        "holds_missed": r.holds_missed,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--cases", type=Path, default=CASES)
    ap.add_argument("--area", default="US", help="wage area for the plans (does not change training)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--verbose", action="store_true", help="per-case lines: what was not relevant, nonsense or held")
    args = ap.parse_args(argv)

    from advisor.guidance.service import Advisor

    adv = Advisor.load()  # data only; the embedding model loads on the first profile
    creds = credential_cover()
    cases = read_cases(args.cases, adv.target, set(adv.catalog.competencies_by_id()), creds)
    if args.split != "all":
        cases = [c for c in cases if c.split == args.split]
    if not cases:
        raise LabelError("no cases selected")
    local = sum(1 for r in adv.resources if getattr(r, "local", False))

    rows = []
    for case in cases:
        t0 = time.perf_counter()
        profile = adv.profile(case.text)
        plan = adv.plan(profile, case.target, args.area)
        result = judge(case, read_plan(plan), getattr(profile, "facts", None), creds)
        result.seconds = time.perf_counter() - t0
        rows.append(result)

    columns = by_split(rows, args.split, figures)

    if args.json:
        out = {"local_programs": local, "figures": columns}
        if args.verbose:
            out["per_case"] = [per_case_json(r) for r in rows]
        print(json.dumps(out, indent=2))
        return 0
    print(f"{len(rows)} cases, {local} local ETPL programs loaded, area {args.area}\n")
    print_table(columns)
    if args.verbose:
        print_verbose(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
