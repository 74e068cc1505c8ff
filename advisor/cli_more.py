"""CLI commands for guidance (gaps, fit, plan, ladders, training, areas, config) and the app
(tui, kiosk, serve). Each parses options and calls the library; nothing here holds logic."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError
from .serialize import emit_json


def _advisor(need_matcher: bool = True, quiet: bool = False):
    from .guidance.service import Advisor

    adv = Advisor.load()
    if not quiet:
        for err in adv.errors:
            print(f"advisor: warning: {err}", file=sys.stderr)
    if need_matcher:
        adv.ensure_matcher()
    return adv


def _area_arg(args) -> str:
    if getattr(args, "area", None):
        return args.area
    from .config import load_settings

    return load_settings().area


def _corrections(args):
    from .guidance.gaps import Corrections

    return Corrections.of(args.confirm or [], args.reject or [], args.add or [])


def _text(args) -> str:
    from .guidance.matching import validate_text

    text = " ".join(args.text) if isinstance(args.text, list) else args.text
    if text == "-":
        text = sys.stdin.read()
    return validate_text(text)


def _check_ids(adv, ids: list[str]) -> None:
    for cid in ids:
        adv.catalog.competency(cid)


# --------------------------------------------------------------------------- gaps / fit / plan


def cmd_gaps(args) -> int:
    from .render_text import table

    text = _text(args)
    adv = _advisor(quiet=args.json)
    corr = _corrections(args)
    _check_ids(adv, [*corr.confirmed, *corr.rejected, *corr.added])
    report = adv.gaps(adv.profile(text, corr), args.target)
    if args.json:
        emit_json(report.as_dict())
        return 0
    print(f"Target: {report.target.title} ({report.target.key}); coverage {round(100 * report.coverage)}%")
    rows = []
    for item in report.items:
        ev = item.evidence[0].phrase if item.evidence else ""
        mark = {"demonstrated": "[x] shown", "possible": "[?] ask", "gap": "[ ] gap"}[item.status]
        rows.append([mark, item.competency.id, item.competency.name, f'"{ev}"' if ev else ""])
    print(table(rows, ["STATUS", "ID", "COMPETENCY", "EVIDENCE"]))
    return 0


def cmd_fit(args) -> int:
    from .guidance.wages import format_wage
    from .render_text import table

    text = _text(args)
    adv = _advisor(quiet=args.json)
    profile = adv.profile(text, _corrections(args))
    area = adv.area(_area_arg(args))
    fits = adv.fits(profile, limit=args.top)
    if args.json:
        emit_json(
            {
                "area": {"code": area.code, "name": area.name},
                "jobs": [
                    {"rung": f.rung.id, "title": f.rung.title, "soc": f.rung.soc, "model": f.rung.model, "coverage": round(f.coverage, 4),
                     "wage": (w.as_dict() if (w := adv.wage(f.rung.soc, area)) else None),
                     "gaps": [{"id": c.id, "name": c.name} for c in f.gaps]}
                    for f in fits
                ],
            }
        )
        return 0
    rows = [[f"{round(100 * f.coverage)}%", f.rung.id, f"{f.rung.title} ({f.rung.soc})", format_wage(adv.wage(f.rung.soc, area)),
             ", ".join(c.name for c in f.gaps)[:60]] for f in fits]
    print(f"Jobs that fit now (wages: {area.name})")
    print(table(rows, ["COVERED", "ID", "JOB", "WAGE", "GAPS"]))
    return 0


def cmd_plan(args) -> int:
    from .guidance.plan import export_plan, render

    text = _text(args)
    adv = _advisor(quiet=args.format == "json" and not args.output)
    corr = _corrections(args)
    _check_ids(adv, [*corr.confirmed, *corr.rejected, *corr.added])
    target = adv.target(args.target)  # a bad target fails before the model loads
    area = adv.area(_area_arg(args))
    plan = adv.plan(adv.profile(text, corr), target, area, name=args.name or "", notes=args.notes or "")
    if args.output:
        path = export_plan(plan, args.format, output=args.output)
        print(f"Plan written to {path}")
        return 0
    if args.format == "pdf":
        if sys.stdout.isatty():
            path = export_plan(plan, "pdf", directory=Path.cwd())
            print(f"Plan written to {path}")
        else:
            sys.stdout.buffer.write(render(plan, "pdf"))
        return 0
    sys.stdout.write(render(plan, args.format))
    return 0


# --------------------------------------------------------------------------- ladders / areas


def cmd_ladders(args) -> int:
    from .guidance.wages import format_wage
    from .render_text import table

    adv = _advisor(need_matcher=False, quiet=args.json)
    area = adv.area(_area_arg(args))
    models = [args.model] if args.model else sorted({r.model for r in adv.ladders.rungs.values()})
    if args.model:
        adv.catalog.get(args.model)
    out = []
    for mid in models:
        for rung in adv.ladders.for_model(mid):
            out.append((rung, adv.wage(rung.soc, area)))
    if args.json:
        emit_json(
            {
                "area": {"code": area.code, "name": area.name},
                "rungs": [
                    {"id": r.id, "model": r.model, "title": r.title, "soc": r.soc, "soc_title": r.soc_title, "level": r.level,
                     "education": r.education, "experience": r.experience, "training": r.training, "credentials": r.credentials,
                     "summary": r.summary, "requires": r.required, "moves": [{"to": m.to, "kind": m.kind, "takes": m.takes} for m in r.moves],
                     "wage": w.as_dict() if w else None}
                    for r, w in out
                ],
            }
        )
        return 0
    rows = [[r.id, str(r.level), f"{r.title} ({r.soc})", format_wage(w), r.education, ", ".join(f"{m.kind}->{m.to}" for m in r.moves)[:50]] for r, w in out]
    from .guidance.wages import RELEASE

    print(f"Career ladders (wages: {area.name}, {RELEASE})")
    print(table(rows, ["ID", "LEVEL", "JOB", "WAGE", "ENTRY EDUCATION", "MOVES"]))
    return 0


def cmd_areas(args) -> int:
    from .guidance.wages import wage_table

    found = wage_table().search(" ".join(args.query))
    if args.json:
        emit_json([{"code": a.code, "type": a.type, "name": a.name} for a in found])
        return 0
    if not found:
        print("No area matches. Try a state name, a city or an OEWS area code.")
    for a in found:
        kind = {"N": "national", "S": "state", "M": "metro/nonmetro"}.get(a.type, a.type)
        print(f"{a.code}  {kind:<15} {a.name}")
    return 0


# --------------------------------------------------------------------------- training


def cmd_training_list(args) -> int:
    adv = _advisor(need_matcher=False, quiet=args.json)
    resources = adv.resources
    if args.competency:
        adv.catalog.competency(args.competency)
        resources = adv.training_for(args.competency, limit=100)
    if args.json:
        emit_json([r.as_dict() for r in resources])
        return 0
    from .render_text import table

    rows = [[r.id, r.name[:48], r.length[:18], r.cost[:16], r.wioa, "local" if r.local else r.kind] for r in resources]
    print(table(rows, ["ID", "NAME", "LENGTH", "COST", "WIOA", "KIND"]))
    return 0


def cmd_training_import(args) -> int:
    from .guidance.training import import_etpl, parse_mapping

    mapping = parse_mapping(args.map)
    path = Path(args.file)
    if not path.exists():
        raise InputError(f"{path} does not exist")
    adv = _advisor()
    report = import_etpl(path, adv.ensure_matcher(), mapping)
    for line, reason in report.rejected:
        print(f"{path}:{line}: rejected: {reason}", file=sys.stderr)
    print(f"Imported {report.imported} program(s) from {path}; {report.linked} linked to competencies; {len(report.rejected)} row(s) rejected.")
    return 0 if report.imported or not report.rejected else 2


# --------------------------------------------------------------------------- config


def cmd_config(args) -> int:
    from dataclasses import asdict, fields

    from .config import Settings, load_settings, save_settings, settings_path

    settings = load_settings()
    if args.key is None:
        if args.json:
            emit_json({"path": str(settings_path()), **asdict(settings)})
        else:
            for k, v in asdict(settings).items():
                print(f"{k} = {v}")
        return 0
    known = {f.name: f for f in fields(Settings) if f.name != "extra"}
    if args.key not in known:
        raise InputError(f"unknown setting '{args.key}'", hint=f"settings: {', '.join(known)}")
    if args.value is None:
        print(getattr(settings, args.key))
        return 0
    value: object = args.value
    if isinstance(getattr(settings, args.key), int):
        try:
            value = int(args.value)
        except ValueError:
            raise InputError(f"'{args.key}' takes a whole number") from None
    if args.key == "area":
        from .guidance.wages import wage_table

        wage_table().resolve(args.value)  # refuse an unknown or ambiguous area now, not at plan time
    setattr(settings, args.key, value)
    path = save_settings(settings)
    print(f"{args.key} = {value} (saved in {path})")
    return 0


# --------------------------------------------------------------------------- app


def cmd_tui(args) -> int:
    from .tui.app import run_app

    return run_app("advisor", skills=" ".join(args.skills) if args.skills else None, target=args.target)


def cmd_kiosk(args) -> int:
    from .tui.app import run_app

    return run_app("kiosk")


def cmd_serve(args) -> int:
    from .tui.serve import serve

    serve(mode="advisor" if args.advisor else "kiosk", host=args.host, port=args.port)
    return 0


def default_command(args) -> int:
    """``advisor`` with no command opens the app."""
    from .tui.app import run_app

    return run_app("advisor")


def _profile_args(p, target: bool = True) -> None:
    p.add_argument("text", nargs="+", help="the jobseeker's words ('-' reads stdin)")
    if target:
        p.add_argument("--target", required=True, metavar="ID", help="an industry model id (retail) or an occupation id (retail-cashier)")
    p.add_argument("--confirm", action="append", metavar="ID", help="competency the advisor confirmed (repeatable)")
    p.add_argument("--reject", action="append", metavar="ID", help="competency the advisor rejected (repeatable)")
    p.add_argument("--add", action="append", metavar="ID", help="competency the advisor added by hand (repeatable)")


def add_commands(sub) -> None:
    g = sub.add_parser("gaps", help="what a target needs, what is covered, what is missing", description="Gaps for a target: each required competency is demonstrated, possible or gap.")
    _profile_args(g)
    g.add_argument("--json", action="store_true", help="print JSON (docs/cli.md)")
    g.set_defaults(func=cmd_gaps)

    f = sub.add_parser("fit", help="jobs that fit the profile now", description="Rank every ladder occupation by how much of it the profile covers.")
    _profile_args(f, target=False)
    f.add_argument("--area", metavar="CODE", help="US, a state code (OH), or a metro name or OEWS code; default: the saved setting")
    f.add_argument("--top", type=int, default=8, help="how many jobs (default 8)")
    f.add_argument("--json", action="store_true", help="print JSON")
    f.set_defaults(func=cmd_fit)

    p = sub.add_parser("plan", help="build the printable gap plan", description="Build the gap plan: strengths, gaps, training, ladder steps with wages, jobs that fit, checklist.")
    _profile_args(p)
    p.add_argument("--area", metavar="CODE", help="US, a state code (OH), or a metro name or OEWS code; default: the saved setting")
    p.add_argument("--name", help="the jobseeker's name or initials/ID printed on the plan")
    p.add_argument("--notes", help="advisor's notes printed on the plan")
    p.add_argument("--format", choices=["md", "html", "pdf", "json"], default="md", help="output format (default md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (or into an existing folder) instead of stdout")
    p.set_defaults(func=cmd_plan)

    ld = sub.add_parser("ladders", help="career ladders with local wages", description="List ladder occupations with SOC codes, entry education, moves and wages.")
    ld.add_argument("model", nargs="?", help="only this model's ladder")
    ld.add_argument("--area", metavar="CODE", help="US, a state code, or a metro name or OEWS code")
    ld.add_argument("--json", action="store_true", help="print JSON")
    ld.set_defaults(func=cmd_ladders)

    ar = sub.add_parser("areas", help="find a wage area by name or code", description="Search the OEWS areas (national, states, metro areas).")
    ar.add_argument("query", nargs="+", help="part of a name, e.g. Columbus")
    ar.add_argument("--json", action="store_true", help="print JSON")
    ar.set_defaults(func=cmd_areas)

    tr = sub.add_parser("training", help="training resources: list, import local ETPL programs", description="The training catalogue and local programs.")
    trs = tr.add_subparsers(dest="training_command", metavar="SUBCOMMAND", required=True)
    tl = trs.add_parser("list", help="list resources", description="List training resources (local programs first).")
    tl.add_argument("--competency", metavar="ID", help="only resources that build this competency, best first")
    tl.add_argument("--json", action="store_true", help="print JSON")
    tl.set_defaults(func=cmd_training_list)
    ti = trs.add_parser("import", help="import a state ETPL export (CSV)", description="Import a state Eligible Training Provider List export; bad rows are reported with line numbers, good rows kept.")
    ti.add_argument("file", help="the CSV file")
    ti.add_argument("--map", action="append", metavar="FIELD=COLUMN", help="map our field (provider, program, credential, length, cost, location, description) to the CSV's column name (repeatable)")
    ti.set_defaults(func=cmd_training_import)

    cf = sub.add_parser("config", help="show or change settings (area, kiosk folder, idle time)", description="Show settings, or set one: advisor config area OH")
    cf.add_argument("key", nargs="?", help="setting name")
    cf.add_argument("value", nargs="?", help="new value")
    cf.add_argument("--json", action="store_true", help="print JSON")
    cf.set_defaults(func=cmd_config)

    t = sub.add_parser("tui", help="open the app (advisor mode; same as plain 'advisor')", description="Open the terminal app in advisor mode.")
    t.add_argument("--skills", nargs="+", metavar="TEXT", help="start with these words entered and matched")
    t.add_argument("--target", metavar="ID", help="start with this target chosen")
    t.set_defaults(func=cmd_tui)

    k = sub.add_parser("kiosk", help="open the self-service kiosk", description="Open the self-service kiosk: one guided path, nothing personal kept.")
    k.set_defaults(func=cmd_kiosk)

    s = sub.add_parser("serve", help="serve the kiosk (or advisor mode) in a web browser", description="Serve the app in a browser with textual-serve (localhost by default).")
    s.add_argument("--advisor", action="store_true", help="serve advisor mode instead of the kiosk")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    s.set_defaults(func=cmd_serve)
