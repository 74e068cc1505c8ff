"""The kiosk hands the plan over: in a browser (``advisor serve``) the saved PDF is delivered as a
download and the HTML opened in a tab; in a terminal it is saved to the kiosk folder only. Plan
files carry a tag per visit, and old kiosk plan files are removed after
``kiosk_plan_keep_minutes``."""

from __future__ import annotations

import asyncio
import os
import time

import pytest
from textual import events
from textual.widgets import Button

from advisor.config import Settings
from advisor.errors import AdvisorError
from advisor.guidance.plan.export import new_tag, remove_old_plans

from .conftest import settle, wait_for

TARGET = "retail-cashier"
WORDS = "drove a forklift, handled returns, trained new cashiers"


def run(coro):
    return asyncio.run(coro)


class Deliveries:
    """Stands in for ``App.deliver_binary`` / ``App.deliver_text`` and remembers each call."""

    def __init__(self, app):
        self.calls: list[tuple[str, object, dict]] = []
        app.deliver_binary = lambda path, **kw: self._record("binary", path, kw)
        app.deliver_text = lambda path, **kw: self._record("text", path, kw)

    def _record(self, kind, path, kw):
        self.calls.append((kind, path, kw))
        return f"key{len(self.calls)}"


def _age(path, minutes: float) -> None:
    then = time.time() - minutes * 60
    os.utime(path, (then, then), follow_symlinks=False)


def test_kiosk_in_a_browser_delivers_the_pdf_as_a_download_and_opens_the_html(make, settings):
    async def go():
        app = make("kiosk", skills=WORDS, target=TARGET, in_browser=True)
        sent = Deliveries(app)
        async with app.run_test(size=(110, 32)) as pilot:
            await settle(pilot)
            labels = [str(b.label) for b in app.screen.query(Button) if "export" in b.classes]
            assert labels == ["Download my plan (PDF)", "Open my plan to print"]
            await pilot.press("f9")
            await settle(pilot)
            assert await wait_for(pilot, lambda: len(sent.calls) == 1)
            kind, path, kw = sent.calls[0]
            assert kind == "binary" and kw["open_method"] == "download" and kw["mime_type"] == "application/pdf"
            assert path.parent == settings.kiosk_dir() and kw["save_filename"] == path.name
            assert path.read_bytes().startswith(b"%PDF") and path.name.endswith(f"-{app.plan_tag}.pdf")
            assert "downloading" in app.export_state.text and str(path) not in app.export_state.text
            await pilot.press("f8")
            await settle(pilot)
            assert await wait_for(pilot, lambda: len(sent.calls) == 2)
            kind, path, kw = sent.calls[1]
            assert kind == "text" and kw["open_method"] == "browser" and kw["mime_type"] == "text/html"
            assert kw["encoding"] == "utf-8" and "<html" in path.read_text(encoding="utf-8")
            assert "Ctrl+P" in app.export_state.text
            # a delivery the browser never took is said plainly
            app.post_message(events.DeliveryFailed("key2", OSError("gone"), name="plan"))
            assert await wait_for(pilot, lambda: app.export_state.kind == "error")
            assert "did not get your plan" in app.export_state.text

    run(go())


def test_kiosk_in_a_terminal_saves_to_the_folder_and_delivers_nothing(make, settings):
    async def go():
        app = make("kiosk", skills=WORDS, target=TARGET)
        sent = Deliveries(app)
        async with app.run_test(size=(110, 32)) as pilot:
            assert app.in_browser is False  # the headless test driver is not the web driver
            await settle(pilot)
            await pilot.press("f9")
            await settle(pilot)
            files = list(settings.kiosk_dir().iterdir())
            assert len(files) == 1 and files[0].suffix == ".pdf"
            assert str(files[0]) in app.export_state.text and "staff member" in app.export_state.text
            assert sent.calls == []

    run(go())


def test_two_visits_with_the_same_goal_on_the_same_day_keep_their_own_files(make, settings):
    async def visit():
        app = make("kiosk", skills=WORDS, target=TARGET)
        async with app.run_test(size=(110, 32)) as pilot:
            await settle(pilot)
            await pilot.press("f9")
            await settle(pilot)
            first_tag = app.plan_tag
            await app.wipe()
            await settle(pilot)
            assert app.plan_tag != first_tag  # the next person at this kiosk gets new names too
        return first_tag

    tags = [run(visit()), run(visit())]
    files = sorted(settings.kiosk_dir().iterdir())
    assert len(files) == 2 and tags[0] != tags[1]
    assert {f.name.rsplit("-", 1)[1] for f in files} == {f"{t}.pdf" for t in tags}
    assert all(f.read_bytes().startswith(b"%PDF") for f in files)


def test_kiosk_removes_its_old_plan_files_at_start_and_while_running(make, tmp_path, monkeypatch):
    import advisor.tui.kiosk_app as kiosk_app

    settings = Settings(kiosk_folder=str(tmp_path / "kiosk"), kiosk_plan_keep_minutes=30)
    folder = settings.kiosk_dir()
    folder.mkdir()
    old = folder / f"gap-plan-jobseeker-retail-cashier-2025-03-14-{new_tag()}.pdf"
    fresh = folder / f"gap-plan-jobseeker-retail-cashier-2025-03-14-{new_tag()}.html"
    leftover = folder / ".plan-abc123"
    untagged = folder / "gap-plan-j-doe-retail-cashier-2025-03-14.pdf"  # not a kiosk file: kept
    other = folder / "notes.txt"
    for f in (old, fresh, leftover, untagged, other):
        f.write_text("x")
    for f in (old, leftover, untagged, other):
        _age(f, 45)
    monkeypatch.setattr(kiosk_app, "CLEANUP_EVERY", 0.2)

    async def go():
        app = make("kiosk", settings=settings)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert not old.exists() and not leftover.exists()
            assert fresh.exists() and untagged.exists() and other.exists()
            _age(fresh, 31)  # while the kiosk runs, a file passes its time
            assert await wait_for(pilot, lambda: not fresh.exists(), timeout=5)
            assert untagged.exists() and other.exists()

    run(go())


def test_remove_old_plans_leaves_links_folders_and_a_missing_folder_alone(tmp_path):
    assert remove_old_plans(tmp_path / "nowhere", 1) == 0
    assert not (tmp_path / "nowhere").exists()
    target = tmp_path / "keep.pdf"
    target.write_text("mine")
    link = tmp_path / f"gap-plan-x-y-2025-01-01-{new_tag()}.pdf"
    link.symlink_to(target)
    sub = tmp_path / f"gap-plan-x-y-2025-01-01-{new_tag()}.md"
    sub.mkdir()
    plan = tmp_path / f"gap-plan-x-y-2025-01-01-{new_tag()}.md"
    plan.write_text("old")
    for p in (link, sub, plan, target):
        _age(p, 90)
    assert remove_old_plans(tmp_path, 60, now=time.time() - 3600) == 0 and plan.exists()  # measured from `now`
    assert remove_old_plans(tmp_path, 60) == 1
    assert link.is_symlink() and sub.is_dir() and target.read_text() == "mine" and not plan.exists()


@pytest.mark.parametrize("value", [0, -5, 10_081, True, "60", 1.5])
def test_kiosk_plan_keep_minutes_is_checked(value):
    with pytest.raises(AdvisorError, match="kiosk_plan_keep_minutes"):
        Settings(kiosk_plan_keep_minutes=value).validate()
    Settings(kiosk_plan_keep_minutes=1).validate()
