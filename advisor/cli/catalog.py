"""``advisor models`` (list, show, new) and ``advisor index`` (build, status)."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import emit, emit_json, load, term_width

JSON_HELP = "print JSON (keys documented in docs/cli.md)"


# --------------------------------------------------------------------------- models


def cmd_models(args) -> int:
    from ..render_text import models_table
    from ..serialize import models_dict

    catalog = load(args).catalog
    emit(args, lambda: models_dict(catalog.models.values(), catalog.errors), lambda: models_table(catalog.models.values(), term_width()))
    return 0


def cmd_models_show(args) -> int:
    from ..render_text import model_lines
    from ..serialize import model_detail

    model = load(args).catalog.get(args.id)
    emit(args, lambda: model_detail(model), lambda: "\n".join(model_lines(model, width=args.width or term_width() or 100, verbose=args.verbose)))
    return 0


def cmd_models_new(args) -> int:
    from ..models import new_model_file

    base = load(args).catalog.get(args.base)
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

    from ..guidance.matching import COLLECTION, competency_entries
    from ..index.engine import Engine

    catalog = load(args).catalog
    engine = Engine()
    t0 = time.perf_counter()
    coll = engine.ensure(COLLECTION, competency_entries(catalog.unique_competencies()), progress=_progress_bar, force=args.force)
    took = time.perf_counter() - t0
    verb = "rebuilt" if coll.built else "up to date"
    print(f"Index {verb}: {len(coll)} texts for {len(coll.items)} competencies; {coll.embedded} embedded now; {took:.2f}s")
    print(f"Location: {engine.directory}")
    return 0


def cmd_index_status(args) -> int:
    from ..guidance.matching import COLLECTION, competency_entries
    from ..index.engine import Engine
    from ..serialize import index_status_dict

    catalog = load(args).catalog
    engine = Engine()
    entries = competency_entries(catalog.unique_competencies())
    fresh = engine.is_fresh(COLLECTION, entries)
    exists = (engine.directory / "index.db").exists()
    info = engine.store.collections() if exists else []
    texts = engine.store.db["texts"].count if exists else 0
    status = index_status_dict(engine.directory, engine.embedder.name, fresh, len(entries), texts, info)
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


# --------------------------------------------------------------------------- parsers


def add_commands(sub, parser_class) -> None:
    m = sub.add_parser("models", help="list the competency models (or show / create one)", description="List the competency models: id, name, tiers, count, provenance.")
    m.add_argument("--json", action="store_true", help=JSON_HELP)
    m.set_defaults(func=cmd_models)
    msub = m.add_subparsers(dest="models_command", metavar="SUBCOMMAND", parser_class=parser_class)
    ms = msub.add_parser("show", help="print a model's pyramid, tier by tier", description="Print a model as the CMC pyramid, then its competencies tier by tier.")
    ms.add_argument("id", help="model id, e.g. retail")
    ms.add_argument("--json", action="store_true", help=JSON_HELP)
    ms.add_argument("-v", "--verbose", action="store_true", help="also print definitions and key behaviors")
    ms.add_argument("--width", type=int, default=None, help="pyramid width in characters (default: the terminal's width, else 100)")
    ms.set_defaults(func=cmd_models_show)
    mn = msub.add_parser("new", help="start your own model from an existing one", description="Write a starting YAML file for your own model in the user models folder.")
    mn.add_argument("id", help="kebab-case id of the new model")
    mn.add_argument("--from", dest="base", default="building-blocks", help="model to start from (default building-blocks)")
    mn.add_argument("--dir", help="folder to write to (default: the user models folder)")
    mn.set_defaults(func=cmd_models_new)

    ix = sub.add_parser("index", help="build or inspect the embedding index", description="The embedding index: SQLite vectors plus a FAISS cache.")
    ixsub = ix.add_subparsers(dest="index_command", metavar="SUBCOMMAND", parser_class=parser_class, required=True)
    ib = ixsub.add_parser("build", help="embed what changed and rebuild the FAISS cache", description="Embed new or changed texts and rebuild the FAISS cache.")
    ib.add_argument("--force", action="store_true", help="rebuild the FAISS cache even if it is up to date (stored vectors are reused)")
    ib.set_defaults(func=cmd_index_build)
    ist = ixsub.add_parser("status", help="say whether the index is up to date", description="Say where the index is and whether it matches the data.")
    ist.add_argument("--json", action="store_true", help=JSON_HELP)
    ist.set_defaults(func=cmd_index_status)
