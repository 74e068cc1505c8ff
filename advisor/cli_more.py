"""CLI commands for guidance (plan, training, ladders) and the app (tui, kiosk, serve)."""

from __future__ import annotations


def add_commands(sub) -> None:
    """Register the guidance and app commands (filled in by later modules)."""


def default_command(args) -> int:
    """``advisor`` with no command opens the app."""
    from .tui.app import run_app

    return run_app()
