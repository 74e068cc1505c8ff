"""The ``advisor`` command: a thin argparse layer over the library.

Library errors (:class:`advisor.errors.AdvisorError`) become one line on stderr and an exit code
here, at the edge. ``--json`` shapes are documented in ``docs/cli.md`` and kept stable.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import AdvisorError, InputError
from .serialize import emit_json


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit code 2 with a clear line, as argparse does, plus a hint
        self.print_usage(sys.stderr)
        self.exit(2, f"advisor: error: {message}\n(see 'advisor --help' or '{self.prog} --help')\n")


def _catalog(report: bool = True):
    from .models import load_catalog

    catalog = load_catalog()
    if report:
        for err in catalog.errors:
            print(f"advisor: warning: {err}", file=sys.stderr)
    return catalog


# --------------------------------------------------------------------------- models


def cmd_models(args) -> int:
    from .render_text import table
    from .serialize import error_dict, model_summary

    catalog = _catalog(report=not args.json)
    if args.json:
        emit_json({"models": [model_summary(m) for m in catalog.models.values()], "errors": [error_dict(e) for e in catalog.errors]})
        return 0
    rows = []
    for m in catalog.models.values():
        counts = m.provenance_counts()
        tiers = ",".join(str(t.number) for t in m.tiers)
        rows.append([m.id, m.name, tiers, str(len(m.competencies)), f"{m.provenance} ({counts['cmc']} cmc, {counts['drafted']} drafted)"])
    print(table(rows, ["ID", "NAME", "TIERS", "COUNT", "PROVENANCE"]))
    return 0


def cmd_models_show(args) -> int:
    from .render_text import pyramid_lines
    from .serialize import model_detail

    catalog = _catalog(report=not args.json)
    model = catalog.get(args.id)
    if args.json:
        emit_json(model_detail(model))
        return 0
    print(f"{model.name} ({model.id}): {len(model.competencies)} competencies, provenance {model.provenance}")
    if model.extends:
        print(f"Foundational tiers taken from '{model.extends}'.")
    print(f"Version: {model.version}")
    print()
    for line in pyramid_lines(model, width=min(110, max(60, args.width))):
        print(line)
    print()
    for tier in sorted(model.tiers, key=lambda t: -t.number):
        comps = model.by_tier().get(tier.number, [])
        print(f"Tier {tier.number}: {tier.name}")
        for c in comps:
            tag = "" if c.provenance == "cmc" else "  [drafted]"
            inherited = f"  (from {c.model})" if c.model != model.id else ""
            print(f"  {c.number:<5} {c.name}{tag}{inherited}")
            if args.verbose:
                print(f"        {c.definition}")
                for b in c.behaviors:
                    print(f"        - {b}")
        print()
    print("Sources: " + "; ".join(model.sources))
    return 0


def cmd_models_new(args) -> int:
    from .models import new_model_file

    catalog = _catalog()
    base = catalog.get(args.base)
    path = new_model_file(args.id, base, Path(args.dir) if args.dir else None)
    print(f"Wrote {path}. Edit it, then check it with: advisor models show {args.id}")
    return 0


# --------------------------------------------------------------------------- index


def _progress_bar(label: str, done: int, total: int) -> None:
    if not sys.stderr.isatty():
        if done == total:
            print(f"{label}: {total} texts", file=sys.stderr)
        return
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r{label:<28} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_index_build(args) -> int:
    import time

    from .guidance.matching import COLLECTION, competency_entries
    from .index.engine import Engine

    catalog = _catalog()
    engine = Engine()
    t0 = time.perf_counter()
    coll = engine.ensure(COLLECTION, competency_entries(catalog.unique_competencies()), progress=_progress_bar, force=args.force)
    took = time.perf_counter() - t0
    verb = "rebuilt" if coll.built else "up to date"
    print(f"Index {verb}: {len(coll)} texts for {len(coll.items)} competencies; {coll.embedded} embedded now; {took:.2f}s")
    print(f"Location: {engine.directory}")
    return 0


def cmd_index_status(args) -> int:
    from .guidance.matching import COLLECTION, competency_entries
    from .index.engine import Engine

    catalog = _catalog(report=not args.json)
    engine = Engine()
    entries = competency_entries(catalog.unique_competencies())
    fresh = engine.is_fresh(COLLECTION, entries)
    info = engine.store.collections() if (engine.directory / "index.db").exists() else []
    texts = engine.store.db["texts"].count if (engine.directory / "index.db").exists() else 0
    status = {
        "directory": str(engine.directory),
        "embedding_model": engine.embedder.name,
        "fresh": fresh,
        "wanted_texts": len(entries),
        "stored_vectors": texts,
        "collections": info,
    }
    if args.json:
        emit_json(status)
        return 0
    print(f"Index folder:     {status['directory']}")
    print(f"Embedding model:  {status['embedding_model']}")
    print(f"Stored vectors:   {texts}")
    print(f"Competency texts: {len(entries)} ({'up to date' if fresh else 'stale or missing: it is rebuilt on the next match, or run advisor index build'})")
    for c in info:
        print(f"  collection {c['name']}: {c['count']} entries")
    return 0


# --------------------------------------------------------------------------- match


def _read_profiles(args) -> list[str]:
    if args.input:
        if args.text:
            raise InputError("give either TEXT or --input, not both")
        try:
            raw = sys.stdin.read() if args.input == "-" else Path(args.input).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read {args.input}: {exc}") from exc
        profiles = [line for line in raw.splitlines() if line.strip()]
        if not profiles:
            raise InputError(f"{args.input} has no non-empty lines", hint="write one profile per line")
        return profiles
    return [" ".join(args.text)]


def _print_match(result) -> None:
    from .render_text import table

    print(f"Phrases: {' | '.join(p.text for p in result.phrases)}")
    if not result.matches:
        print("No competency matched clearly. Ask the jobseeker for more detail about their tasks.")
        return
    rows = []
    for m in result.matches:
        ev = m.evidence[0] if m.evidence else None
        why = f'"{ev.phrase}" ~ "{ev.matched_text}" ({ev.score:.2f})' if ev else ""
        rows.append([f"{m.score:.2f}", m.status, m.competency.id, m.competency.name, why[:90]])
    print(table(rows, ["SCORE", "STATUS", "ID", "COMPETENCY", "EVIDENCE"]))


def cmd_match(args) -> int:
    from .guidance.matching import Matcher, validate_text

    profiles = _read_profiles(args)
    for i, text in enumerate(profiles, 1):
        try:
            validate_text(text)
        except InputError as err:
            if len(profiles) > 1:
                err.message = f"profile on line {i}: {err.message}"
            raise
    catalog = _catalog(report=not (args.json or args.jsonl))
    for mid in args.model or []:
        catalog.get(mid)
    matcher = Matcher(catalog)
    for text in profiles:
        result = matcher.match(text, model_ids=args.model or None, top=args.top)
        if args.jsonl:
            sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
        elif args.json:
            emit_json(result.as_dict())
        else:
            _print_match(result)
    return 0


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="advisor", description="Competency Advisor: skills-gap guidance on the CMC competency models, offline.")
    p.add_argument("--version", action="version", version=f"advisor {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    m = sub.add_parser("models", help="list the competency models (or show / create one)", description="List the competency models: id, name, tiers, count, provenance.")
    m.add_argument("--json", action="store_true", help="print JSON (keys documented in docs/cli.md)")
    m.set_defaults(func=cmd_models)
    msub = m.add_subparsers(dest="models_command", metavar="SUBCOMMAND", parser_class=_Parser)
    ms = msub.add_parser("show", help="print a model's pyramid, tier by tier", description="Print a model as the CMC pyramid, then its competencies tier by tier.")
    ms.add_argument("id", help="model id, e.g. retail")
    ms.add_argument("--json", action="store_true", help="print JSON (keys documented in docs/cli.md)")
    ms.add_argument("-v", "--verbose", action="store_true", help="also print definitions and key behaviors")
    ms.add_argument("--width", type=int, default=100, help="pyramid width in characters (default 100)")
    ms.set_defaults(func=cmd_models_show)
    mn = msub.add_parser("new", help="start your own model from an existing one", description="Write a starting YAML file for your own model in the user models folder.")
    mn.add_argument("id", help="kebab-case id of the new model")
    mn.add_argument("--from", dest="base", default="building-blocks", help="model to start from (default building-blocks)")
    mn.add_argument("--dir", help="folder to write to (default: the user models folder)")
    mn.set_defaults(func=cmd_models_new)

    ix = sub.add_parser("index", help="build or inspect the embedding index", description="The embedding index: SQLite vectors plus a FAISS cache.")
    ixsub = ix.add_subparsers(dest="index_command", metavar="SUBCOMMAND", parser_class=_Parser, required=True)
    ib = ixsub.add_parser("build", help="embed what changed and rebuild the FAISS cache", description="Embed new or changed texts and rebuild the FAISS cache.")
    ib.add_argument("--force", action="store_true", help="rebuild the FAISS cache even if it is up to date (stored vectors are reused)")
    ib.set_defaults(func=cmd_index_build)
    ist = ixsub.add_parser("status", help="say whether the index is up to date", description="Say where the index is and whether it matches the data.")
    ist.add_argument("--json", action="store_true", help="print JSON")
    ist.set_defaults(func=cmd_index_status)

    mt = sub.add_parser("match", help="match a jobseeker's words to competencies", description="Match a jobseeker's words to CMC competencies, with evidence.")
    mt.add_argument("text", nargs="*", help="the jobseeker's words")
    mt.add_argument("--input", metavar="FILE", help="read profiles from FILE ('-' for stdin), one per non-empty line")
    mt.add_argument("--model", action="append", metavar="ID", help="search only this model (repeatable); default: all models")
    mt.add_argument("--top", type=int, default=10, metavar="K", help="at most K competencies (default 10)")
    fmt = mt.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON object per profile (docs/cli.md)")
    fmt.add_argument("--jsonl", action="store_true", help="one JSON object per line, in input order")
    mt.set_defaults(func=cmd_match)

    from . import cli_more

    cli_more.add_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        from . import cli_more

        return cli_more.default_command(args)
    try:
        return int(args.func(args) or 0)
    except AdvisorError as err:
        print(f"advisor: {err.title.lower()}: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("advisor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
