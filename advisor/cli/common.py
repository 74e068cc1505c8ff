"""What every command shares: the one loader, the profile options (words from argv, ``-`` or
``--input``; ``--confirm/--reject/--add``; ``--target``; ``--area``) and the case built from them."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError
from ..serialize import emit_json

AREA_HELP = "US, a state code (OH), or a metro name or OEWS code; default: the saved setting"


def wants_json(args) -> bool:
    """True when stdout carries JSON, so data warnings stay off stderr."""
    return bool(getattr(args, "json", False) or getattr(args, "jsonl", False)
                or (getattr(args, "format", None) == "json" and not getattr(args, "output", None)))


def term_width() -> int | None:
    """How wide text output may be: ``COLUMNS`` when set, else the terminal's width when stdout
    is one; None (no limit: whole lines for grep and files) when stdout is a pipe or a file."""
    import os

    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns or None
    except (OSError, ValueError, AttributeError):
        pass
    return None


def emit(args, as_json, as_text) -> None:
    """Print ``as_json()`` as JSON with ``--json``, else ``as_text()`` with control characters and
    terminal escapes taken out: only the one asked for is built."""
    if args.json:
        emit_json(as_json())
    else:
        print(plain(as_text()))


def plain(text: str) -> str:
    """Text for the terminal: control characters and escape sequences in it (from user text) removed."""
    from ..render_text import strip_controls

    return strip_controls(text)


def settings(args=None):
    """The saved settings; what the file held that was left out (unknown keys, bad values) is said
    on stderr, unless the command prints JSON."""
    from ..config import load_settings

    loaded = load_settings()
    if args is None or not wants_json(args):
        for note in loaded.notes:
            print(f"advisor: warning: {plain(note)}", file=sys.stderr)
    return loaded


def load(args=None):
    """The one loader: the data (fast; the matcher loads on the first match), data warnings on
    stderr unless the command prints JSON."""
    from ..guidance.service import Advisor

    adv = Advisor.load()
    if args is None or not wants_json(args):
        for err in adv.errors:
            print(f"advisor: warning: {err}", file=sys.stderr)
    return adv


# --------------------------------------------------------------------------- options


def add_area_option(p) -> None:
    p.add_argument("--area", metavar="CODE", help=AREA_HELP)


def add_profile_options(p, target: bool = True, area: bool = False) -> None:
    p.add_argument("text", nargs="*", help="the jobseeker's words ('-' reads stdin)")
    p.add_argument("--input", metavar="FILE", help="many profiles: one per non-empty line of FILE ('-' for stdin); with --jsonl")
    if target:
        p.add_argument("--target", required=True, metavar="ID", help="an industry model id (retail), an occupation id (retail-cashier), "
                       "or a job title that names one ('forklift operator')")
    p.add_argument("--confirm", action="append", metavar="ID", help="competency the advisor confirmed (repeatable)")
    p.add_argument("--reject", action="append", metavar="ID", help="competency the advisor rejected (repeatable)")
    p.add_argument("--add", action="append", metavar="ID", help="competency the advisor added by hand (repeatable)")
    p.add_argument("--model", choices=("auto", "all"), default="auto",
                   help="auto (default): the building blocks, the industries the words point to and the target's; "
                        "all: every model's technical competencies on any evidence")
    if area:
        add_area_option(p)


def area_arg(args) -> str:
    """``--area``, else the saved setting."""
    if getattr(args, "area", None):
        return args.area
    return settings(args).area


# --------------------------------------------------------------------------- profile text


def read_text(args) -> str:
    """The words given as TEXT (``-`` reads stdin), checked (empty or too long is refused)."""
    from ..guidance.matching import validate_text

    text = " ".join(args.text) if isinstance(args.text, list) else args.text
    if text == "-":
        text = read_stdin()
    return validate_text(text)


def decode(data: bytes, where: str) -> str:
    """Bytes read as UTF-8 text (a BOM dropped), or an :class:`InputError` saying where the first
    byte that is not UTF-8 is (binary files, other encodings); the bytes themselves are not shown."""
    if b"\x00" in data:
        raise InputError(f"{where} looks like a binary file (it holds NUL bytes)", hint="give the words as plain UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{where} is not UTF-8 text (byte {exc.start + 1:,}, line {line})",
                         hint="save it as UTF-8 text; binary files cannot be read") from None


def read_stdin() -> str:
    """Standard input as UTF-8 text (see :func:`decode`)."""
    buffer = getattr(sys.stdin, "buffer", None)
    return decode(buffer.read(), "standard input") if buffer is not None else sys.stdin.read()


def read_profiles(args) -> list[str]:
    """TEXT as one profile, or ``--input FILE`` (``-``: stdin) with one profile per non-empty line;
    every profile checked before anything loads."""
    from ..guidance.matching import validate_text

    if not args.input:
        return [read_text(args)]
    if args.text:
        raise InputError("give either TEXT or --input, not both")
    try:
        raw = read_stdin() if args.input == "-" else decode(Path(args.input).read_bytes(), args.input)
    except OSError as exc:
        raise InputError(f"cannot read {args.input}: {exc.strerror or exc}") from exc
    profiles = [line for line in raw.splitlines() if line.strip()]
    if not profiles:
        raise InputError(f"{args.input} has no non-empty lines", hint="write one profile per line")
    for i, text in enumerate(profiles, 1):
        try:
            validate_text(text)
        except InputError as err:
            if len(profiles) > 1:
                err.message = f"profile on line {i}: {err.message}"
            raise
    return profiles


def case_from_args(args, text: str | None = None):
    """A :class:`advisor.case.Case` from a profile command's options (text read and checked)."""
    from ..case import Case

    return Case(
        name=getattr(args, "name", None) or "",
        text=read_text(args) if text is None else text,
        confirmed=set(args.confirm or []),
        rejected=set(args.reject or []),
        added=set(args.add or []),
        target=getattr(args, "target", None) or "",
        area=area_arg(args) if hasattr(args, "area") else "US",
        notes=getattr(args, "notes", None) or "",
        widened=getattr(args, "model", "auto") == "all",
    )


def check_corrections(adv, case) -> None:
    """Every corrected id must be a known competency (before the model loads); an unknown one
    gets the closest ids and names as a suggestion."""
    from ..guidance.targets import check_competency

    for cid in sorted(case.confirmed | case.rejected | case.added):
        check_competency(cid, adv.catalog)


def target_arg(adv, spec: str):
    """``--target``: an id, or a title or job title that names one target; an unknown or
    ambiguous one fails here, before the model loads, with the closest ids or the choices. With
    O*NET imported, an O*NET occupation too (``onet:53-7065.00``, a SOC code, its title)."""
    return adv.target(spec)


def start_case(args):
    """A profile command's case (words checked) and the loaded data, its corrections checked."""
    cases, adv = start_cases(args)
    return cases[0], adv


def start_cases(args):
    """Every case of a profile command: one for TEXT, one per line of ``--input`` (all checked
    before anything loads), with the same target, area and corrections; and the loaded data."""
    if getattr(args, "input", None) and not getattr(args, "jsonl", False):
        raise InputError("--input reads many profiles: add --jsonl (one JSON line per profile)")
    texts = read_profiles(args) if getattr(args, "input", None) else [None]
    cases = [case_from_args(args, text) for text in texts]
    adv = load(args)
    check_corrections(adv, cases[0])
    return cases, adv


def emit_each(args, items, as_json, as_text) -> None:
    """``--jsonl``: one compact JSON line per item, in input order; else :func:`emit` of the one item."""
    if getattr(args, "jsonl", False):
        import json

        for item in items:
            sys.stdout.write(json.dumps(as_json(item), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    else:
        (item,) = items
        emit(args, lambda: as_json(item), lambda: as_text(item))


def profile(adv, case):
    """The case's words matched once, the corrections applied (widened with ``--model all``)."""
    return adv.profile(case.text, case.corrections(), widened=case.widened)
