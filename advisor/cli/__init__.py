"""The ``advisor`` command: a thin argparse layer over :class:`advisor.guidance.service.Advisor`.

Each command parses its options, calls the core and prints: text (:mod:`advisor.render_text`) or
``--json`` (:mod:`advisor.serialize`; keys documented in ``docs/cli.md`` and kept stable). Library
errors (:class:`advisor.errors.AdvisorError`) become one line on stderr and an exit code here, at
the edge. Commands by concept: :mod:`.catalog` (models, index), :mod:`.guidance` (match, gaps, fit,
plan), :mod:`.data` (ladders, areas, training, config), :mod:`.app` (tui, kiosk, serve); the
shared options and the one loader are in :mod:`.common`.
"""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..errors import AdvisorError, InputError
from . import app, catalog, data, guidance, onet

__all__ = ["build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit code 2 with a clear line, as argparse does, plus a hint
        self.print_usage(sys.stderr)
        self.exit(2, f"advisor: error: {message}\n(see 'advisor --help' or '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="advisor", description="Competency Advisor: skills-gap guidance on the CMC competency models, offline.")
    p.add_argument("--version", action="version", version=f"advisor {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    catalog.add_commands(sub, _Parser)
    guidance.add_commands(sub)
    data.add_commands(sub, _Parser)
    onet.add_commands(sub, _Parser)
    app.add_commands(sub)
    return p


def check_arguments(args: argparse.Namespace) -> None:
    """Every argument must be text: bytes that are not UTF-8 (Python keeps them as lone surrogates)
    are refused here, naming the option but never showing the value."""
    for dest, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and any("\ud800" <= ch <= "\udfff" for ch in item):
                what = "TEXT" if dest == "text" else f"the {dest.replace('_', ' ')} given"
                raise InputError(f"{what} holds bytes that are not UTF-8 text",
                                 hint="check the terminal's or the script's encoding is UTF-8")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", None) or app.default_command
    try:
        check_arguments(args)
        return int(func(args) or 0)
    except AdvisorError as err:
        from ..render_text import strip_controls

        print(f"advisor: {err.title.lower()}: {strip_controls(str(err))}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:  # the reader stopped (| head): not an error; nothing more to print
        _quiet_stdout()
        return 0
    except OSError as exc:  # a file or folder the system refused that no check foresaw
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"advisor: system error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("advisor: interrupted", file=sys.stderr)
        return 130


def _quiet_stdout() -> None:
    """Point stdout at the null device, so the flush at exit does not fail on the closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture): nothing to flush
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
