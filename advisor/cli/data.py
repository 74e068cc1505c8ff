"""``advisor ladders``, ``areas``, ``training`` (list, import) and ``config``: the data around the
guidance, no matching (except linking imported programs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError
from .common import add_area_option, area_arg, emit, emit_json, load, plain, settings, term_width

JSON_HELP = "print JSON (keys documented in docs/cli.md)"


def cmd_ladders(args) -> int:
    from ..render_text import ladders_text
    from ..serialize import ladders_dict

    adv = load(args)
    area = adv.area(area_arg(args))
    if args.model:
        adv.catalog.get(args.model)
    models = [args.model] if args.model else sorted({r.model for r in adv.ladders.rungs.values()})
    rungs = [(rung, adv.wage(rung.soc, area)) for mid in models for rung in adv.ladders.for_model(mid)]
    emit(args, lambda: ladders_dict(area, rungs), lambda: ladders_text(area, rungs, term_width()))
    return 0


def cmd_areas(args) -> int:
    from ..guidance.wages import wage_table
    from ..render_text import areas_text
    from ..serialize import area_entry_dict

    found = wage_table().search(" ".join(args.query))
    emit(args, lambda: [area_entry_dict(a) for a in found], lambda: areas_text(found))
    return 0


def cmd_training_list(args) -> int:
    from ..guidance.plan.model import TRAINING_PER_GAP
    from ..render_text import resources_table
    from ..serialize import resource_dict

    adv = load(args)
    resources = adv.resources
    if args.target and not args.competency:
        raise InputError("--target needs --competency", hint="e.g. advisor training list --competency fundamentals-of-health-care:5.2 --target fhc-lpn")
    if args.competency:
        from ..guidance.targets import check_competency

        check_competency(args.competency, adv.catalog)
        # with a goal: exactly the plan's suggestions for that gap (as for words that state no
        # credential and no language need); without one, every resource that builds it
        target = adv.target(args.target) if args.target else None
        resources = adv.training_for(args.competency, limit=TRAINING_PER_GAP if target else 100, target=target)
    emit(args, lambda: [resource_dict(r) for r in resources], lambda: resources_table(resources, term_width()))
    return 0


def cmd_training_import(args) -> int:
    from ..guidance.training import parse_mapping

    mapping = parse_mapping(args.map)
    path = Path(args.file)
    if not path.exists():
        raise InputError(f"{path} does not exist")
    report = load(args).import_programs(path, mapping)
    for line, reason in report.rejected:
        print(plain(f"{path}:{line}: rejected: {reason}"), file=sys.stderr)
    print(f"Imported {report.imported} program(s) from {path}; {report.linked} linked to competencies; {len(report.rejected)} row(s) rejected.")
    return 0 if report.imported or not report.rejected else 2


def cmd_config(args) -> int:
    from dataclasses import fields

    from ..config import Settings, check_setting, save_settings, settings_path
    from ..serialize import settings_dict

    current = settings(args)
    if args.key is None:
        if args.json:
            emit_json(settings_dict(current, settings_path()))
        else:
            for k, v in settings_dict(current, settings_path()).items():
                if k != "path":
                    print(plain(f"{k} = {v}"))
        return 0
    known = {f.name: f for f in fields(Settings)}
    if args.key not in known:
        raise InputError(f"unknown setting '{args.key}'", hint=f"settings: {', '.join(known)} (see advisor config --help)")
    if args.value is None:
        print(plain(str(getattr(current, args.key))))
        return 0
    value: object = args.value
    if known[args.key].type in (int, "int"):
        try:
            value = int(args.value)
        except ValueError:
            raise InputError(f"'{args.key}' takes a whole number", hint="see advisor config --help") from None
    value = check_setting(args.key, value)
    if args.key == "area":
        from ..guidance.wages import wage_table

        wage_table().resolve(args.value)  # refuse an unknown or ambiguous area now, not at plan time
    setattr(current, args.key, value)
    path = save_settings(current)
    print(plain(f"{args.key} = {value} (saved in {path})"))
    return 0


def _config_epilog() -> str:
    from ..config import MEANINGS

    width = max(len(k) for k in MEANINGS)
    return "settings:\n" + "\n".join(f"  {k:<{width}}  {v}" for k, v in MEANINGS.items())


def add_commands(sub, parser_class) -> None:
    ld = sub.add_parser("ladders", help="career ladders with local wages", description="List ladder occupations with SOC codes, entry education, moves and wages.")
    ld.add_argument("model", nargs="?", help="only this model's ladder")
    add_area_option(ld)
    ld.add_argument("--json", action="store_true", help=JSON_HELP)
    ld.set_defaults(func=cmd_ladders)

    ar = sub.add_parser("areas", help="find a wage area by name or code", description="Search the OEWS areas (national, states, metro areas).")
    ar.add_argument("query", nargs="+", help="part of a name, e.g. Columbus")
    ar.add_argument("--json", action="store_true", help=JSON_HELP)
    ar.set_defaults(func=cmd_areas)

    tr = sub.add_parser("training", help="training resources: list, import local ETPL programs", description="The training catalogue and local programs.")
    trs = tr.add_subparsers(dest="training_command", metavar="SUBCOMMAND", parser_class=parser_class, required=True)
    tl = trs.add_parser("list", help="list resources", description="List training resources (local programs first).")
    tl.add_argument("--competency", metavar="ID", help="only resources that build this competency, best first")
    tl.add_argument("--target", metavar="ID", help="with --competency: the plan's suggestions for that gap toward this goal")
    tl.add_argument("--json", action="store_true", help=JSON_HELP)
    tl.set_defaults(func=cmd_training_list)
    ti = trs.add_parser("import", help="import a state ETPL export (CSV)", description="Import a state Eligible Training Provider List export; bad rows are reported with line numbers, good rows kept.")
    ti.add_argument("file", help="the CSV file")
    ti.add_argument("--map", action="append", metavar="FIELD=COLUMN", help="map our field (provider, program, credential, length, cost, location, description, cip) to the CSV's column name (repeatable)")
    ti.set_defaults(func=cmd_training_import)

    cf = sub.add_parser("config", help="show or change settings (area, kiosk folder, idle time)", description="Show settings, or set one: advisor config area OH",
                        epilog=_config_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    cf.add_argument("key", nargs="?", help="setting name")
    cf.add_argument("value", nargs="?", help="new value")
    cf.add_argument("--json", action="store_true", help=JSON_HELP)
    cf.set_defaults(func=cmd_config)
