"""``advisor data import onet DIR``, ``advisor data import cip-soc FILE`` and ``advisor occupations``
(search, show): every O*NET occupation, once the user has imported the release."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_area_option, area_arg, emit

JSON_HELP = "print JSON (keys documented in docs/cli.md)"
ATTRIBUTION = ("Occupation data: O*NET {release} Database, U.S. Department of Labor, Employment and Training "
               "Administration (USDOL/ETA), used under the CC BY 4.0 license.")


def cmd_import_onet(args) -> int:
    from ..onet.importer import import_onet
    from .catalog import _progress_bar

    report = import_onet(Path(args.dir), progress=_progress_bar, with_tasks=not args.no_tasks)
    c = report.counts
    print(f"Imported O*NET {report.version or '(release not named)'}: {c['occupations']} occupations, {c['titles']} titles, "
          f"{c['tasks']} tasks, {c['technology']} technology skills, {c['related']} related-occupation links; "
          f"{report.texts} texts in the index ({report.embedded} embedded now); {report.seconds:.1f}s")
    print(f"Location: {report.path}")
    print(ATTRIBUTION.format(release=report.version))
    return 0


def cmd_import_cip_soc(args) -> int:
    from ..onet.crosswalk import import_crosswalk

    n = import_crosswalk(Path(args.file))
    print(f"Imported {n} CIP-SOC pairs from {args.file}: local programs (CIP codes) now link to occupations.")
    return 0


def _hit_dict(h) -> dict:
    return {"code": h.code, "soc": h.soc, "title": h.title, "matched": h.matched, "how": h.how, "score": h.score, "job_zone": h.job_zone}


def cmd_search(args) -> int:
    from ..onet.occupations import Occupations

    with Occupations.open() as occ:
        hits = occ.search(" ".join(args.text), limit=args.limit)

    def text() -> str:
        if not hits:
            return "No occupation found."
        return "\n".join(f"{h.soc}  {h.title}  (zone {h.job_zone or '?'}; {h.how}: {h.matched}; {h.score:.2f})" for h in hits)

    emit(args, lambda: [_hit_dict(h) for h in hits], text)
    return 0


def cmd_show(args) -> int:
    from ..guidance.wages import wage_table
    from ..onet.occupations import Occupations
    from ..serialize import area_dict, wage_dict
    from ..guidance.wages import format_wage

    table = wage_table()
    area = table.resolve(area_arg(args))
    with Occupations.open() as occ:
        d = occ.detail(args.soc, tasks=args.tasks)
        release = occ.store.meta().get("release", "")
    wage = table.wage(d["soc"], area)
    related = [{**r, "wage": wage_dict(table.wage(r["code"][:7], area))} for r in d["related"]]
    data = {
        "code": d["code"], "soc": d["soc"], "title": d["title"], "description": d["description"],
        "job_zone": d["job_zone"], "job_zone_name": d["job_zone_name"], "education": d["education"],
        "experience": d["experience"], "training": d["training"], "tasks": d["tasks"], "technology": d["technology"],
        "related": related, "area": area_dict(area), "wage": wage_dict(wage), "source": ATTRIBUTION.format(release=release),
    }

    def text() -> str:
        lines = [f"{d['soc']}  {d['title']}  ({d['code']})", ""]
        if d["job_zone"]:
            lines.append(f"Job Zone {d['job_zone']}: {d['job_zone_name'] or ''}")
        for key, label in (("education", "Typical education"), ("experience", "Related experience"), ("training", "On-the-job training")):
            if d[key]:
                lines.append(f"{label}: {d[key]['label']} ({d[key]['percent']:.0f}% of workers)")
        lines.append(f"Wages in {area.name}: {format_wage(wage)}")
        if d["tasks"]:
            lines += ["", "Main tasks:"] + [f"  - {t}" for t in d["tasks"]]
        if d["technology"]:
            shown = [t["example"] + (" (hot)" if t["hot"] else "") for t in d["technology"][:15]]
            lines += ["", "Technology skills: " + ", ".join(shown)]
        if related:
            lines += ["", "Related occupations:"]
            lines += [f"  {r['code'][:7]}  {r['title']}  (zone {r['job_zone'] or '?'}; {format_wage(table.wage(r['code'][:7], area))})" for r in related[:10]]
        lines += ["", data["source"]]
        return "\n".join(lines)

    emit(args, lambda: data, text)
    return 0


def add_commands(sub, parser_class) -> None:
    da = sub.add_parser("data", help="import O*NET occupations and the CIP-SOC crosswalk", description="Import public data into the user data folder.")
    das = da.add_subparsers(dest="data_command", metavar="SUBCOMMAND", parser_class=parser_class, required=True)
    imp = das.add_parser("import", help="import a data release", description="Import a data release into the user data folder.")
    imps = imp.add_subparsers(dest="import_command", metavar="KIND", parser_class=parser_class, required=True)
    on = imps.add_parser("onet", help="the O*NET database (text files release)", description="Import the unpacked 'O*NET Database, text files' release; a re-run replaces the previous import.")
    on.add_argument("dir", help="the release folder, e.g. db_29_3_text")
    on.add_argument("--no-tasks", action="store_true", help="leave the task statements out of the index (faster; jobs that fit and O*NET goals then go by past job titles only)")
    on.set_defaults(func=cmd_import_onet)
    cw = imps.add_parser("cip-soc", help="the NCES CIP 2020 to SOC 2018 crosswalk (CSV)", description="Import the CIP-SOC crosswalk so programs of study link to occupations.")
    cw.add_argument("file", help="CIP2020_SOC2018_Crosswalk.csv")
    cw.set_defaults(func=cmd_import_cip_soc)

    oc = sub.add_parser("occupations", help="every O*NET occupation: search titles, show one", description="Search and show the imported O*NET occupations.")
    ocs = oc.add_subparsers(dest="occupations_command", metavar="SUBCOMMAND", parser_class=parser_class, required=True)
    se = ocs.add_parser("search", help="find occupations by job title", description="Exact and fuzzy title search, then search by meaning.")
    se.add_argument("text", nargs="+", help="a job title as people say it, e.g. night stocker")
    se.add_argument("--limit", type=int, default=10, help="how many occupations (default 10)")
    se.add_argument("--json", action="store_true", help=JSON_HELP)
    se.set_defaults(func=cmd_search)
    sh = ocs.add_parser("show", help="one occupation: Job Zone, education, tasks, technology, related, wages", description="Show one occupation by SOC code.")
    sh.add_argument("soc", help="SOC code (53-7065) or O*NET-SOC code (53-7065.00)")
    sh.add_argument("--tasks", type=int, default=10, help="how many tasks (default 10)")
    add_area_option(sh)
    sh.add_argument("--json", action="store_true", help=JSON_HELP)
    sh.set_defaults(func=cmd_show)
