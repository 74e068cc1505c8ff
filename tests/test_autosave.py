"""The autosave schedule (a debounce with a maximum wait) and the signal handling that saves before
the app ends, tested without a terminal: a fake clock, a stand-in app, a recorded exit."""

from __future__ import annotations

import signal
import threading

from advisor.db.sessions import SessionStore
from advisor.tui import shutdown
from advisor.tui.autosave import Autosaver, Schedule


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_schedule_waits_for_a_pause_but_never_past_the_maximum():
    clock = Clock()
    plan = Schedule(delay=1.0, max_wait=1.5, clock=clock)
    assert not plan.waiting
    assert plan.changed() == 1.0  # the first change: a pause of 1 s would do
    assert plan.waiting
    clock.now += 0.3
    assert plan.changed() == 1.0
    clock.now += 0.3
    assert abs(plan.changed() - 0.9) < 1e-9  # 0.6 s since the first change: write by 1.5 s
    clock.now += 0.8
    assert abs(plan.changed() - 0.1) < 1e-9
    clock.now += 0.3
    assert plan.changed() == 0.0  # past the maximum while typing goes on: write now
    plan.writing()
    assert not plan.waiting
    clock.now += 0.2
    assert plan.changed() == 1.0  # a new wait starts with the next change


def test_steady_typing_on_the_schedule_is_written_while_it_goes_on(tmp_path):
    """Simulate keys every 0.3 s for 4 s with a 1 s debounce: writes happen before the typing stops."""
    clock = Clock()
    plan = Schedule(delay=1.0, max_wait=1.5, clock=clock)
    store = SessionStore(tmp_path / "s.db")
    saver = Autosaver(store)
    due = None
    text = ""
    saved_while_typing = []
    for i in range(14):
        text += f"w{i} "
        saver.queue({"text": text})
        due = clock.now + plan.changed()
        clock.now += 0.3
        if clock.now >= due:  # the timer fired before the next key
            plan.writing()
            saver.flush()
            saved_while_typing.append(store.get(saver.session_id).text)
            due = None
    assert len(saved_while_typing) >= 2
    assert all(text.startswith(s) and s for s in saved_while_typing)
    store.close()


class FakeApp:
    def __init__(self, saver=None):
        self.saver = saver
        self.exited = None
        self.saved = 0

    def save_for_exit(self):
        self.saved += 1
        self.saver.flush()
        return True

    def exit(self, result=None, return_code=0):
        self.exited = return_code


def test_sigterm_saves_asks_the_app_to_exit_and_a_watchdog_ends_the_process(tmp_path):
    store = SessionStore(tmp_path / "s.db")
    saver = Autosaver(store)
    saver.queue({"text": "typed just before the signal"})
    app = FakeApp(saver)
    ended = threading.Event()
    codes = []

    def hard_exit(code):
        codes.append(code)
        ended.set()

    shutdown.on_signal(app, signal.SIGTERM, hard_exit=hard_exit, grace=0.05)
    assert app.saved == 1 and app.exited == 128 + signal.SIGTERM
    assert [s.text for s in store.list()] == ["typed just before the signal"]
    assert ended.wait(5) and codes == [128 + signal.SIGTERM]
    store.close()


def test_sighup_saves_and_ends_at_once_without_touching_the_terminal(tmp_path):
    store = SessionStore(tmp_path / "s.db")
    saver = Autosaver(store)
    saver.queue({"name": "Case 9", "text": "the terminal was closed"})
    app = FakeApp(saver)
    codes = []
    shutdown.on_signal(app, signal.SIGHUP, hard_exit=codes.append)
    assert codes == [128 + signal.SIGHUP] and app.exited is None
    assert [s.text for s in store.list()] == ["the terminal was closed"]
    store.close()


def test_install_handles_the_three_signals_on_the_loop():
    import asyncio

    loop = asyncio.new_event_loop()
    try:
        installed = shutdown.install(FakeApp(), loop)
        assert set(installed) == {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}
    finally:
        for signum in shutdown.SIGNALS:
            loop.remove_signal_handler(signum)
        loop.close()


def test_finish_ends_the_process_only_while_a_thread_still_runs():
    codes = []
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if not others:  # (a test runner may keep threads of its own)
        assert shutdown.finish(0, hard_exit=codes.append) == 0 and codes == []
    gate = threading.Event()
    worker = threading.Thread(target=gate.wait, args=(10,))  # like the model load: not a daemon
    worker.start()
    try:
        shutdown.finish(3, hard_exit=codes.append)
        assert codes == [3]
    finally:
        gate.set()
        worker.join()
