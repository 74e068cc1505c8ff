"""Snapshot tests: every screen, advisor and kiosk, at 80x24 and 120x40.

Update on purpose with ``pytest tests/tui --snapshot-update`` and review the SVG diffs. Blinking
cursors, toasts, dates and clocks are frozen so the pictures are the same on every run."""

from __future__ import annotations

import threading
import time

import pytest
from textual.widgets import Input, TextArea

from .conftest import SKILLS, freeze, settle, type_text

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
FOLDER = "~/Documents/advisor-plans"  # the default; a tmp path would differ every run


@pytest.fixture
def utc(monkeypatch):
    """Saved sessions stamped at a fixed time, shown in UTC."""
    import advisor.db.sessions

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(advisor.db.sessions, "_now", lambda: "2025-03-14T15:30:00.000000+00:00")
    yield
    monkeypatch.undo()
    time.tzset()


def steps(*keys: str, text: str | None = None, area: str | None = None, after=None):
    """A run_before: optionally type words, press keys (waiting for the workers), then freeze."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        if text is not None:
            pilot.app.screen.query_one("#words", TextArea).focus()
            await type_text(pilot, text)
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if area is not None:
            pilot.app.screen.query_one("#area", Input).value = area
            await settle(pilot)
        if after is not None:
            await after(pilot)
            await settle(pilot)
        freeze(pilot.app)
        await pilot.pause()

    return run_before


# --------------------------------------------------------------------------- advisor mode


@pytest.mark.parametrize("size", SIZES)
def test_intake_empty(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_intake_while_the_model_loads(snap_compare, make, advisor, size):
    from advisor.guidance.service import Advisor

    fresh = Advisor(advisor.catalog, advisor.ladders, advisor.resources)
    gate = threading.Event()
    fresh.ensure_matcher = lambda progress=None: gate.wait(30)
    app = make(advisor=fresh)
    shoot = app.export_screenshot

    def shot_then_release(*args, **kwargs):
        # the loading worker holds the app open: let it go once the picture is taken
        try:
            return shoot(*args, **kwargs)
        finally:
            gate.set()

    app.export_screenshot = shot_then_release
    try:
        assert snap_compare(app, terminal_size=size, run_before=steps())
    finally:
        gate.set()


@pytest.mark.parametrize("size", SIZES)
def test_intake_with_matches(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=steps(text=SKILLS))


@pytest.mark.parametrize("size", SIZES)
def test_strengths_pyramid(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=steps("f3", "down", "c", text=SKILLS))


@pytest.mark.parametrize("size", SIZES)
def test_add_competency_window(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=steps("f3", "a", "m", "a", "t", "h", text=SKILLS))


@pytest.mark.parametrize("size", SIZES)
def test_target(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=steps("f4", "c", "a", "s", "h", text=SKILLS))


@pytest.mark.parametrize("size", SIZES)
def test_plan(snap_compare, make, size):
    app = make(target="retail-cashier", plans_folder=FOLDER)
    assert snap_compare(app, terminal_size=size, run_before=steps("f5", text=SKILLS))


@pytest.mark.parametrize("size", SIZES)
def test_plan_unknown_area(snap_compare, make, size):
    app = make(target="retail-cashier", plans_folder=FOLDER)
    assert snap_compare(app, terminal_size=size, run_before=steps("f5", text=SKILLS, area="Atlantis"))


@pytest.mark.parametrize("size", SIZES)
def test_sessions(snap_compare, make, tmp_path, utc, size):
    from advisor.db.sessions import SessionStore

    store = SessionStore(tmp_path / "snap.db")
    store.create(name="A. Rivera", text="babysat my nephews, tutored math at the library", target="fundamentals-of-health-care")
    store.create(name="Case 1042", text=SKILLS, target="retail-cashier")
    assert snap_compare(make(store=store), terminal_size=size, run_before=steps("f6"))


@pytest.mark.parametrize("size", SIZES)
def test_delete_question(snap_compare, make, tmp_path, utc, size):
    from advisor.db.sessions import SessionStore

    store = SessionStore(tmp_path / "snap.db")
    store.create(name="Case 1042", text=SKILLS)

    async def ask(pilot):
        from textual.widgets import DataTable

        pilot.app.screen.query_one(DataTable).focus()
        await pilot.press("d")

    assert snap_compare(make(store=store), terminal_size=size, run_before=steps("f6", after=ask))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=steps("f1"))


@pytest.mark.parametrize("size", SIZES)
def test_error_window(snap_compare, make, tmp_path, size):
    db = tmp_path / "broken.db"
    db.write_bytes(b"not a database" * 64)
    app = make(store=db)

    async def hide_path(pilot):
        # the temporary path differs every run: show a fixed one in the picture
        from textual.widgets import Static

        pilot.app.screen.query_one("#message", Static).update(
            "/home/advisor/.local/share/advisor/sessions.db is not a saved sessions database (not an SQLite file)")

    assert snap_compare(app, terminal_size=size, run_before=steps(after=hide_path))


@pytest.mark.parametrize("size", SIZES)
def test_high_contrast(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=steps("f3", "ctrl+t", text=SKILLS))


# --------------------------------------------------------------------------- kiosk mode


@pytest.mark.parametrize("size", SIZES)
def test_kiosk_step1(snap_compare, make, size):
    assert snap_compare(make("kiosk"), terminal_size=size, run_before=steps(text="I was a cashier for 2 years and helped customers find things."))


@pytest.mark.parametrize("size", SIZES)
def test_kiosk_step2(snap_compare, make, size):
    assert snap_compare(make("kiosk"), terminal_size=size, run_before=steps("f3", text="I was a cashier for 2 years and helped customers find things."))


@pytest.mark.parametrize("size", SIZES)
def test_kiosk_step3(snap_compare, make, size):
    assert snap_compare(make("kiosk"), terminal_size=size, run_before=steps("f4", text="I was a cashier for 2 years and helped customers find things."))


@pytest.mark.parametrize("size", SIZES)
def test_kiosk_step4(snap_compare, make, size):
    app = make("kiosk", target="retail-cashier")
    assert snap_compare(app, terminal_size=size, run_before=steps("f5", text="I was a cashier for 2 years and helped customers find things."))


@pytest.mark.parametrize("size", SIZES)
def test_kiosk_still_there(snap_compare, make, size):
    app = make("kiosk", idle_seconds=3600, countdown_seconds=30)

    async def idle(pilot):
        pilot.app._idle()  # as if an hour had passed
        await pilot.pause()
        # hold the countdown still: on a busy machine a tick could land before the screenshot
        from advisor.tui.screens.kiosk import StillThere

        screen = pilot.app.screen
        assert isinstance(screen, StillThere)
        screen._tick.pause()
        screen._end.pause()
        screen.left = screen.seconds
        screen.query_one("#countdown").update(screen._line())

    assert snap_compare(app, terminal_size=size, run_before=steps(text="drove a forklift", after=idle))
