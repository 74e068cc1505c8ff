"""Run the app in a web browser with textual-serve: ``advisor serve`` (kiosk by default).

Each browser tab gets its own process running ``python -m advisor kiosk`` (or ``advisor tui``),
so nothing is shared between people; closing the tab ends the process and its memory.
"""

from __future__ import annotations

import shlex
import sys

COMMANDS = {"kiosk": "kiosk", "advisor": "tui"}


def command_for(mode: str) -> str:
    if mode not in COMMANDS:
        raise ValueError(f"mode must be one of {', '.join(COMMANDS)}, not {mode!r}")
    return f"{shlex.quote(sys.executable)} -m advisor {COMMANDS[mode]}"


def make_server(mode: str = "kiosk", host: str = "127.0.0.1", port: int = 8000):
    from textual_serve.server import Server

    title = "Competency Advisor" + (" · Find your strengths" if mode == "kiosk" else "")
    return Server(command_for(mode), host=host, port=port, title=title)


def serve(mode: str = "kiosk", host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app at http://host:port until interrupted."""
    make_server(mode, host, port).serve()
