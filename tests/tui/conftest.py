"""Fixtures for the TUI tests: one loaded Advisor for the whole run, apps built by the same
factory as the CLI with short timers, a fixed date, and helpers that wait for the workers and
freeze the cursor blink so snapshots are stable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

TODAY = dt.date(2025, 3, 14)
SKILLS = "Cashier at a grocery store for 4 years, trained new cashiers, handled returns. Drove a forklift in the stockroom."


@pytest.fixture(scope="session")
def advisor(catalog, real_embedder):
    from advisor.guidance.matching import Matcher
    from advisor.guidance.service import Advisor
    from advisor.index.engine import Engine

    adv = Advisor.load(catalog)
    adv._matcher = Matcher(catalog, Engine(embedder=real_embedder))
    adv.match("warming up: stocked shelves")  # the first match pays for warming up the model
    adv.wages
    return adv


def held_back(advisor):
    """An Advisor with ``advisor``'s data whose model is "still loading" until the returned
    event is set (a first run: the model and its index are still being prepared)."""
    import threading

    from advisor.guidance.service import Advisor

    fresh = Advisor(advisor.catalog, advisor.ladders, advisor.resources)
    gate = threading.Event()

    def slow(progress=None):
        gate.wait(30)
        fresh._matcher = advisor._matcher
        return fresh._matcher

    fresh.ensure_matcher = slow
    return fresh, gate


@pytest.fixture
def settings(tmp_path):
    from advisor.config import Settings

    return Settings(kiosk_folder=str(tmp_path / "kiosk-plans"))


@pytest.fixture
def make(advisor, settings, tmp_path):
    """make(mode='advisor', **kwargs) -> app, with a store in tmp_path and short timers."""
    from advisor.tui.app import make_app

    def build(mode: str = "advisor", **kwargs):
        kwargs.setdefault("advisor", advisor)
        kwargs.setdefault("settings", settings)
        if mode == "advisor":
            kwargs.setdefault("store", tmp_path / "sessions.db")
        kwargs.setdefault("plans_folder", str(tmp_path / "plans"))
        kwargs.setdefault("today", TODAY)
        kwargs.setdefault("debounce", 0.05)
        kwargs.setdefault("autosave_delay", 0.05)
        return make_app(mode, **kwargs)

    return build


async def settle(pilot, timeout: float = 30.0) -> None:
    """Wait until the app is quiet: the screen switch is done (focus is on the top screen), no
    debounce timer is pending and no worker is running - twice in a row."""
    import asyncio
    import time

    app = pilot.app
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 2 and time.monotonic() < deadline:
        await pilot.pause(0.04)
        busy = [w for w in app.workers if not w.is_finished and w.group != "matcher"]
        timers = [t for t in getattr(app, "_debouncers", {}).values() if t._task is not None and not t._task.done()]
        focus_elsewhere = app.focused is not None and app.focused.screen is not app.screen
        if busy:
            # a cancelled (superseded) or failed worker is part of the story, not a test error
            await asyncio.gather(*(w.wait() for w in busy), return_exceptions=True)
        if busy or timers or focus_elsewhere or not app.screen.is_mounted:
            quiet = 0
            continue
        quiet += 1
    await pilot.pause()


async def wait_for(pilot, condition, timeout: float = 10.0) -> bool:
    """Poll ``condition()`` while the app runs; True once it holds."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def freeze(app) -> None:
    """No blinking cursors and no toasts: the screenshot is the same every run."""
    from textual.widgets import Input, TextArea

    for screen in app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False
        for widget in screen.query(TextArea):
            widget.cursor_blink = False
            # where a long text sits in a short box depends on when the box last changed height:
            # show it from the top so the picture is the same every run
            widget.move_cursor((0, 0))
            widget.scroll_home(animate=False, immediate=True)
    app.clear_notifications()


async def type_text(pilot, text: str) -> None:
    """Paste-like typing into the focused widget (one event per character is slow)."""
    app = pilot.app
    widget = app.focused
    from textual.widgets import Input, TextArea

    if isinstance(widget, TextArea):
        widget.insert(text)
    elif isinstance(widget, Input):
        widget.insert_text_at_cursor(text)
    else:  # pragma: no cover - a test bug
        raise AssertionError(f"cannot type into {widget!r}")
    await pilot.pause()


def plain(widget) -> str:
    """The text a Static shows (markup, Rich Text, tables or groups), without styles."""
    import io

    from rich.console import Console
    from textual.content import Content

    content = widget.content
    if isinstance(content, Content):
        return content.plain
    if isinstance(content, str):
        return content
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def pytest_collection_modifyitems(config, items):
    """The TUI tests run on the real model (the `advisor` fixture): they show what an advisor sees."""
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().parent == here:
            item.add_marker(pytest.mark.model)
