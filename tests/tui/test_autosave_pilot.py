"""Autosave under steady typing, saving on signals and on ctrl+q while the model still loads, and
two windows on one session - in the app (pilot) and, where tmux is installed, in a real terminal
(a subprocess). The model never loads in these tests: its loading is held back, as on a slow start."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import TextArea

from advisor.db.sessions import SessionStore
from advisor.tui import shutdown

from .conftest import TODAY, type_text, wait_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def loading(catalog):
    """An advisor whose language model is still loading (until the test ends)."""
    from advisor.guidance.service import Advisor

    adv = Advisor.load(catalog)
    adv.gate = gate = threading.Event()  # set it before the event loop ends: asyncio.run waits for the thread
    adv.ensure_matcher = lambda progress=None: gate.wait(60)
    yield adv
    gate.set()


@pytest.fixture
def build(loading, settings, tmp_path):
    from advisor.tui.app import make_app

    def make(**kwargs):
        kwargs.setdefault("store", tmp_path / "sessions.db")
        kwargs.setdefault("plans_folder", str(tmp_path / "plans"))
        kwargs.setdefault("autosave_delay", 1.0)  # a pause of 1 s: the 0.3 s between keys never is one
        kwargs.setdefault("autosave_max_wait", 1.5)
        return make_app("advisor", advisor=loading, settings=settings, today=TODAY, debounce=0.05, **kwargs)

    return make


def run(coro, advisor):
    """Run the test's coroutine; the held-back model load is let go before the event loop closes
    (closing waits for the thread)."""

    async def main():
        try:
            return await coro
        finally:
            advisor.gate.set()

    return asyncio.run(main())


def saved_texts(path) -> list[str]:
    with SessionStore(path) as store:
        return [s.text for s in store.list()]


def test_steady_typing_is_saved_before_it_stops(build, loading, tmp_path):
    db = tmp_path / "sessions.db"

    async def go():
        app = build()
        async with app.run_test() as pilot:
            app.screen.query_one("#words", TextArea).focus()
            typed = ""
            seen_while_typing = []
            for i in range(14):  # a key every 0.3 s for about 4 s
                await type_text(pilot, f"w{i} ")
                typed += f"w{i} "
                await pilot.pause(0.3)
                seen_while_typing += [t for t in saved_texts(db) if t]
            assert seen_while_typing, "nothing was saved while the typing went on"
            assert all(typed.startswith(t) for t in seen_while_typing)
            assert len(seen_while_typing[-1]) > len(seen_while_typing[0]), "saved again as the typing went on"

    run(go(), loading)


def test_sigterm_saves_at_once_and_ends_the_app(build, loading, tmp_path):
    db = tmp_path / "sessions.db"
    codes = []

    async def go():
        app = build(autosave_delay=30, autosave_max_wait=30)  # no autosave would come in time
        async with app.run_test() as pilot:
            app.screen.query_one("#words", TextArea).focus()
            await type_text(pilot, "typed a moment before the signal")
            assert saved_texts(db) == []
            shutdown.on_signal(app, signal.SIGTERM, hard_exit=codes.append, grace=30)
            assert saved_texts(db) == ["typed a moment before the signal"]
            await pilot.pause()
        return app

    app = run(go(), loading)
    assert app.return_code == 128 + signal.SIGTERM
    assert codes == []  # the app ended by itself: the watchdog was not needed


def test_ctrl_q_while_the_model_loads_saves_and_quits(build, loading, tmp_path):
    db = tmp_path / "sessions.db"

    async def go():
        app = build(autosave_delay=30, autosave_max_wait=30)
        async with app.run_test() as pilot:
            app.screen.query_one("#words", TextArea).focus()
            await type_text(pilot, "drove a forklift")
            assert "Loading" in str(app.model_status)
            await pilot.press("ctrl+q")
            await pilot.pause()
        return app

    app = run(go(), loading)
    assert app.return_code == 0 and not app.advisor.ready
    assert saved_texts(db) == ["drove a forklift"]


def test_same_session_in_two_windows_the_second_writer_is_told_and_keeps_a_copy(build, loading, tmp_path):
    db = tmp_path / "sessions.db"
    with SessionStore(db) as other:
        s = other.create(name="Ann", text="stocked shelves")

    async def go():
        app = build(autosave_delay=0.05)
        async with app.run_test() as pilot:
            from advisor.tui import messages as m

            app.post_message(m.OpenSession(s.id))
            assert await wait_for(pilot, lambda: app.case.session_id == s.id)
            with SessionStore(db) as other:  # the other window saves first
                other.autosave(s.id, expected_version=0, text="stocked shelves, the other window")
            app.screen.query_one("#words", TextArea).focus()
            app.screen.query_one("#words", TextArea).move_cursor((0, len("stocked shelves")))
            await type_text(pilot, " and this window")
            assert await wait_for(pilot, lambda: "copy" in str(app.save_status))
            notes = [n.message for n in app._notifications]
            assert any("another window" in n for n in notes)
            assert app.case.session_id != s.id
        return app

    run(go(), loading)
    with SessionStore(db) as store:
        texts = {x.id: x.text for x in store.list()}
    assert texts[s.id] == "stocked shelves, the other window"
    assert "stocked shelves and this window" in texts.values()


# --------------------------------------------------------------------------- a real terminal

LAUNCHER = textwrap.dedent(
    """
    import sys, threading
    from advisor.guidance.service import Advisor
    Advisor.ensure_matcher = lambda self, progress=None: threading.Event().wait()  # the model never loads
    from advisor.cli import main
    sys.exit(main(["tui"]))
    """
)

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """The real app in a detached tmux window (a real terminal), with its own ADVISOR_HOME."""

    def __init__(self, tmp_path: Path):
        self.home = tmp_path / "home"
        self.name = f"advisor-test-{os.getpid()}-{time.monotonic_ns()}"
        launcher = tmp_path / "launch.py"
        launcher.write_text(LAUNCHER, encoding="utf-8")
        cmd = f"exec env ADVISOR_HOME={self.home} HF_HUB_OFFLINE=1 {sys.executable} {launcher}"
        self.tmux("new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", "-c", str(ROOT), cmd)
        self.pid = int(self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True, timeout=20).stdout

    def screen(self) -> str:
        try:
            return self.tmux("capture-pane", "-p", "-t", self.name)
        except subprocess.CalledProcessError:
            return ""

    def wait_for(self, text: str, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return True
            time.sleep(0.1)
        return False

    def gone(self, timeout: float = 20) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                state = Path(f"/proc/{self.pid}/stat").read_text().split()[2]
            except OSError:
                return True
            if state == "Z":
                return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _saved(home: Path) -> list[str]:
    db = home / "sessions.db"
    return saved_texts(db) if db.exists() else []


@needs_tmux
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "close the terminal", "ctrl+q"])
def test_real_terminal_typing_is_saved_when_the_app_is_ended(tmp_path, how):
    term = Terminal(tmp_path)
    try:
        assert term.wait_for("Loading the language model"), term.screen()
        term.tmux("send-keys", "-t", term.name, "-l", "ran the register")
        assert term.wait_for("ran the register", timeout=20), term.screen()
        if how == "close the terminal":
            term.close()
        elif how == "ctrl+q":
            term.tmux("send-keys", "-t", term.name, "C-q")
        else:
            os.kill(term.pid, getattr(signal, how))
        assert term.gone(), f"the app still runs after {how}"
        assert _saved(term.home) == ["ran the register"]
    finally:
        term.close()
