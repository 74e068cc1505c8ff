"""``advisor match``, ``gaps``, ``fit`` and ``plan``: a jobseeker's words, matched once per
command (once per profile for ``match --input``), then what the core makes of the profile."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

from ..errors import InputError
from .common import add_profile_options, emit_each, emit_json, load, plain, profile, read_profiles, start_cases, target_arg, term_width
from .progress import loading

JSON_HELP = "print JSON (keys documented in docs/cli.md)"


def positive(text: str) -> int:
    """A count of at least 1 (argparse type)."""
    import argparse

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def cmd_match(args) -> int:
    from ..render_text import match_text
    from ..serialize import match_result_dict

    profiles = read_profiles(args)
    adv = load(args)
    for mid in args.model or []:
        adv.catalog.get(mid)
    results = []
    with loading(args, adv):  # a spinner on a terminal while the model loads (never with JSON)
        first = adv.match(profiles[0], models=args.model or None, top=args.top)
    for i, text in enumerate(profiles):
        result = first if i == 0 else adv.match(text, models=args.model or None, top=args.top)
        if args.jsonl:
            sys.stdout.write(json.dumps(match_result_dict(result), ensure_ascii=False) + "\n")
        elif args.json:
            results.append(match_result_dict(result))
        else:
            print(plain(match_text(result, term_width())))
    if args.json:
        emit_json(results if args.input else results[0])  # --input: one JSON array of results
    return 0


def cmd_gaps(args) -> int:
    from ..render_text import gaps_text
    from ..serialize import gap_report_dict

    cases, adv = start_cases(args)
    target = target_arg(adv, cases[0].target)  # a bad target fails before the model loads
    reports = (adv.gaps(profile(adv, case), target) for case in cases)
    with loading(args, adv):
        reports = list(reports) if not args.jsonl else reports
    emit_each(args, reports, gap_report_dict, lambda r: gaps_text(r, term_width()))
    return 0


def cmd_fit(args) -> int:
    from ..onet.occupations import ENABLE_HINT, default_path as onet_path
    from ..render_text import fits_text, occupation_fits_text
    from ..serialize import fits_dict, occupation_fits_dict

    cases, adv = start_cases(args)
    area = adv.area(cases[0].area)

    def one(case):
        prof = profile(adv, case)
        found = None if args.ladders else adv.occupation_fits(prof, limit=args.top)
        if found is None:  # not imported (or --ladders): the ladder occupations
            return "ladders", [(f, adv.wage(f.rung.soc, area)) for f in adv.fits(prof, limit=args.top)]
        return "onet", [(f, adv.wage(f.soc, area)) for f in found]

    def as_json(item):
        kind, fits = item
        return fits_dict(area, fits) if kind == "ladders" else occupation_fits_dict(area, fits)

    def as_text(item):
        kind, fits = item
        if kind == "onet":
            return occupation_fits_text(area, fits, term_width())
        how = ("the O*NET import cannot be read: run advisor data import onet DIR again" if onet_path().exists() else ENABLE_HINT)
        hint = "" if args.ladders else "\n\n" + textwrap.fill(
            f"These are the {len(adv.ladders.rungs)} ladder occupations. To rank every O*NET occupation, {how}", term_width() or 80)
        return fits_text(area, fits, term_width()) + hint

    fits = (one(case) for case in cases)
    with loading(args, adv):
        fits = list(fits) if not args.jsonl else fits
    emit_each(args, fits, as_json, as_text)
    return 0


def cmd_plan(args) -> int:
    from ..guidance.plan import render
    from ..safe_write import check_target, is_folder
    from ..serialize import plan_dict

    if args.jsonl and (args.format != "json" or args.output):
        raise InputError("--jsonl prints JSON plans: use it with --format json and without -o")
    if args.force and not args.output:
        raise InputError("--force replaces the file given with -o: add -o FILE")
    if args.output and not (is_folder(args.output) or args.output.endswith(("/", os.sep))):
        check_target(Path(args.output).expanduser(), args.force)  # before the model loads, not after
    cases, adv = start_cases(args)
    target = target_arg(adv, cases[0].target)  # a bad target or area fails before the model loads
    area = adv.area(cases[0].area)
    plans = (adv.plan(profile(adv, case), target, area, name=case.name, notes=case.notes) for case in cases)
    if args.jsonl:
        emit_each(args, plans, plan_dict, None)
        return 0
    with loading(args, adv):
        (plan,) = plans
    if args.output or (args.format == "pdf" and sys.stdout.isatty()):
        path = write_plan(plan, args.format, args.output, force=args.force)
        print(plain(f"Plan written to {path}"))
    elif args.format == "pdf":
        sys.stdout.buffer.write(render(plan, "pdf"))
    else:
        text = render(plan, args.format)
        sys.stdout.write(text if args.format == "json" else plain(text))
    return 0


def plan_path(plan, fmt: str, output: str | None) -> Path:
    """Where ``plan -o`` writes: OUTPUT itself, or a new generated name inside OUTPUT when it is a
    folder (an existing one, or a new one written with a trailing '/'); without ``-o`` (a PDF on a
    terminal) a new generated name in the current folder. The name never comes from the words."""
    from ..guidance.plan.export import default_filename
    from ..safe_write import is_folder, unique_path

    if output is None:
        return unique_path(Path.cwd(), default_filename(plan, fmt))
    out = Path(output).expanduser()
    if is_folder(out) or output.endswith(("/", os.sep)):
        return unique_path(out, default_filename(plan, fmt))
    return out


def write_plan(plan, fmt: str, output: str | None, force: bool = False) -> Path:
    """The plan rendered and written safely (:func:`advisor.safe_write.write_file`: regular files
    or new names only, an existing file only with ``--force``, in one step)."""
    from ..guidance.plan import render
    from ..safe_write import write_file

    path = plan_path(plan, fmt, output)
    write_file(path, render(plan, fmt), force=force)
    return path


def add_commands(sub) -> None:
    mt = sub.add_parser("match", help="match a jobseeker's words to competencies", description="Match a jobseeker's words to CMC competencies, with evidence.")
    mt.add_argument("text", nargs="*", help="the jobseeker's words")
    mt.add_argument("--input", metavar="FILE", help="read profiles from FILE ('-' for stdin), one per non-empty line")
    mt.add_argument("--model", action="append", metavar="ID", help="search only this model (repeatable); default: all models")
    mt.add_argument("--top", type=int, default=10, metavar="K", help="at most K competencies (default 10)")
    fmt = mt.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON document: an object for TEXT, an array of objects for --input (docs/cli.md)")
    fmt.add_argument("--jsonl", action="store_true", help="one JSON object per line, in input order")
    mt.set_defaults(func=cmd_match)

    g = sub.add_parser("gaps", help="what a target needs, what is covered, what is missing", description="Gaps for a target: each required competency is demonstrated, possible or gap.")
    add_profile_options(g)
    _json_options(g)
    g.set_defaults(func=cmd_gaps)

    f = sub.add_parser("fit", help="jobs that fit the profile now", description=(
        "Jobs the person could apply for now. With O*NET imported: every occupation, filtered by the education, "
        "licences and Job Zone the words show, each with one line on why; without it (or with --ladders): "
        "every ladder occupation by how much of it the profile covers."))
    add_profile_options(f, target=False, area=True)
    f.add_argument("--top", type=positive, default=8, help="how many jobs (default 8)")
    f.add_argument("--ladders", action="store_true", help="rank the ladder occupations even when O*NET is imported")
    _json_options(f)
    f.set_defaults(func=cmd_fit)

    p = sub.add_parser("plan", help="build the printable gap plan", description="Build the gap plan: strengths, gaps, training, ladder steps with wages, jobs that fit, checklist.")
    add_profile_options(p, area=True)
    p.add_argument("--name", help="the jobseeker's name or initials/ID printed on the plan")
    p.add_argument("--notes", help="advisor's notes printed on the plan")
    p.add_argument("--format", choices=["md", "html", "pdf", "json"], default="md", help="output format (default md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (or a new file inside FOLDER/) instead of stdout; an existing FILE only with --force")
    p.add_argument("--force", action="store_true", help="with -o: replace FILE if it exists (only a regular file is ever replaced)")
    p.add_argument("--jsonl", action="store_true", help="with --format json: one plan per line (for --input FILE)")
    p.set_defaults(func=cmd_plan)


def _json_options(p) -> None:
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=JSON_HELP)
    fmt.add_argument("--jsonl", action="store_true", help="one JSON object per line, in input order (for --input FILE)")
