"""Pilot tests: the advisor's whole path, saved sessions surviving a crash, a damaged database,
the first screen before the model is ready, and the kiosk's idle wipe."""

from __future__ import annotations


import pytest
from textual.widgets import Input, TextArea

from advisor.tui.messages import Matched

from .conftest import SKILLS, held_back, plain, settle, type_text, wait_for



def run(coro):
    import asyncio

    return asyncio.run(coro)


def screen_name(app) -> str:
    return type(app.screen).__name__


# --------------------------------------------------------------------------- advisor path


def test_advisor_path_from_words_to_exported_plans(make, tmp_path):
    from advisor.tui.widgets.pyramid import Pyramid

    folder = tmp_path / "exports"

    async def go():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            assert screen_name(app) == "IntakeScreen"
            app.screen.query_one("#name", Input).value = "J. Doe"
            app.screen.query_one("#words", TextArea).focus()
            await type_text(pilot, SKILLS)
            await settle(pilot)
            # matches appear, and the phrases that matched are bracketed in the rendering
            assert app.case.profile is not None and app.case.matched_text == SKILLS
            assert app.match_state.kind == "ok" and str(app.match_state).startswith("✔")
            heard = plain(app.screen.query_one("#heard-text"))
            assert "[Drove a forklift" in heard or "[drove a forklift" in heard.lower()
            listed = plain(app.screen.query_one("#heard-list"))
            assert "✔ shown" in listed

            # strengths: the pyramid, confirm one
            await pilot.press("f3")
            await settle(pilot)
            assert screen_name(app) == "StrengthsScreen"
            pyramid = app.screen.query_one(Pyramid)
            first = pyramid.current_id
            assert first is not None
            await pilot.press("c")
            await settle(pilot)
            assert first in app.case.confirmed
            assert app.case.profile.source[first] == "confirmed"
            # reject another, then undo it
            await pilot.press("down")
            second = pyramid.current_id
            await pilot.press("x")
            assert second in app.case.rejected
            await pilot.press("u")
            assert second not in app.case.rejected

            # goal: filter, enter
            await pilot.press("f4")
            await settle(pilot)
            assert screen_name(app) == "TargetScreen"
            # (four years as a cashier already shows all a cashier needs: the goal is the step up)
            await type_text(pilot, "assistant store")
            await pilot.press("enter")
            await settle(pilot)
            assert app.case.target == "retail-supervisor"
            assert screen_name(app) == "PlanScreen"

            # plan: gaps and wages
            plan = app.case.plan
            assert plan is not None and plan.target.id == "retail-supervisor"
            body = plain(app.screen.query_one("#plan-body"))
            # the plan's own words, the same as in the Markdown, HTML and PDF
            assert "To build for Retail Supervisor" in body and "Questions to ask" in body
            assert "Next steps on the career ladder" in body and "Jobs that fit now" in body
            assert "$" in body and "/hr" in body  # area wages
            assert str(app.area_state) == "✔ National"

            # an unknown area: a clear error line, the plan keeps the last good area
            area = app.screen.query_one("#area", Input)
            area.value = "Atlantis"
            await settle(pilot)
            assert str(app.area_state).startswith("✗ Unknown area 'Atlantis'") and app.area_state.kind == "error"
            assert app.screen.query_one("#area-error").display
            assert app.case.area == "US"
            area.value = "OH"
            await settle(pilot)
            assert str(app.area_state) == "✔ Ohio" and app.case.area == "OH"
            assert app.case.plan.area.name == "Ohio"

            # export to a chosen folder: the confirmation names the full path
            app.screen.query_one("#folder", Input).value = str(folder)
            for key, fmt in (("f7", "md"), ("f8", "html"), ("f9", "pdf")):
                await pilot.press(key)
                await settle(pilot)
                if fmt == "md":  # the typed folder does not exist yet: created after a yes
                    assert type(app.screen).__name__ == "ConfirmModal"
                    await pilot.press("y")
                    await settle(pilot)
                written = sorted(folder.glob(f"*.{fmt}"))
                assert len(written) == 1, fmt
                assert str(written[0]) in app.export_state.text
            assert "j-doe" in written[0].name
            md = next(folder.glob("*.md")).read_text()
            assert "Gap plan: Retail Supervisor" in md and "Ohio" in md
            session = app.store.get(app.case.session_id)
            assert {p["format"] for p in session.plans} == {"md", "html", "pdf"}

    run(go())


def test_match_now_key_and_stale_results_dropped(make):
    async def go():
        app = make(debounce=30)  # typing alone would not match for 30 s
        async with app.run_test() as pilot:
            await type_text(pilot, "drove a forklift")
            await pilot.pause()
            assert app.case.profile is None
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert app.case.matched_text == "drove a forklift"
            # an answer for words that have changed since is dropped
            old = app.case.profile
            app.post_message(Matched("something else entirely", old, []))
            await pilot.pause()
            assert app.case.matched_text == "drove a forklift"

    run(go())


def test_add_a_competency_from_the_list(make):
    async def go():
        app = make(skills="drove a forklift")
        async with app.run_test() as pilot:
            await settle(pilot)
            assert screen_name(app) == "StrengthsScreen"
            await pilot.press("a")
            await pilot.pause()
            assert type(app.screen).__name__ == "PickCompetency"
            await type_text(pilot, "mathematics")
            await pilot.press("enter")
            await settle(pilot)
            assert "building-blocks:2.3" in app.case.added or any(c.endswith(":2.3") for c in app.case.added)
            cid = next(iter(app.case.added))
            assert app.case.profile.status[cid] == "demonstrated"

    run(go())


# --------------------------------------------------------------------------- sessions


def test_a_crash_loses_nothing_the_next_app_reopens_the_session(make, tmp_path):
    db = tmp_path / "crash.db"

    async def first():
        app = make(store=db)
        async with app.run_test() as pilot:
            app.screen.query_one("#name", Input).value = "Case 77"
            app.screen.query_one("#words", TextArea).focus()
            await type_text(pilot, "stocked shelves and ran the register")
            await settle(pilot)
            assert str(app.save_status) == "✔ Saved"
            # no ctrl+q, no flush at exit: the window is simply gone (a crash)

    async def second():
        app = make(store=db)
        async with app.run_test() as pilot:
            assert app.case.text == ""
            await pilot.press("f6")
            await settle(pilot)
            assert screen_name(app) == "SessionsScreen"
            from textual.widgets import DataTable

            table = app.screen.query_one(DataTable)
            assert table.row_count == 1
            await pilot.press("enter")  # from the search field: opens the highlighted (newest) session
            await settle(pilot)
            assert screen_name(app) == "IntakeScreen"
            assert app.screen.query_one("#words", TextArea).text == "stocked shelves and ran the register"
            assert app.screen.query_one("#name", Input).value == "Case 77"
            assert app.case.profile is not None

    run(first())
    run(second())


def test_search_and_delete_a_session_for_good(make, tmp_path):
    from advisor.db.sessions import SessionStore

    db = tmp_path / "del.db"
    store = SessionStore(db)
    store.create(name="Ann", text="babysat and tutored math")
    store.create(name="Bob", text="welded steel frames")

    async def go():
        app = make(store=store)
        async with app.run_test() as pilot:
            await pilot.press("f6")
            await settle(pilot)
            from textual.widgets import DataTable

            table = app.screen.query_one(DataTable)
            assert table.row_count == 2
            await type_text(pilot, "weld")
            await settle(pilot)
            assert table.row_count == 1
            table.focus()
            await pilot.press("d")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmModal"
            await pilot.press("y")
            await settle(pilot)
            assert [s.name for s in store.list()] == ["Ann"]
            assert store.list("welded") == []

    run(go())


def test_damaged_database_shows_a_modal_and_the_app_keeps_working(make, tmp_path):
    db = tmp_path / "broken.db"
    db.write_bytes(b"this is not a database at all" * 100)

    async def go():
        app = make(store=db)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "ErrorModal"
            title = plain(app.screen.query_one("#title"))
            assert "Saved sessions problem" in title
            assert "not an SQLite file" in plain(app.screen.query_one("#message"))
            await pilot.press("enter")
            assert screen_name(app) == "IntakeScreen"
            assert app.store is None and "memory" in app.save_status.text
            await type_text(pilot, "drove a forklift")
            await settle(pilot)
            assert app.case.profile is not None  # matching still works, in memory

    run(go())


def test_store_error_while_autosaving_shows_one_modal(make, tmp_path):
    from advisor.errors import StoreError
    from advisor.db.sessions import SessionStore

    store = SessionStore(tmp_path / "full.db")

    def full(**_):
        raise StoreError("cannot save the session: the disk is full", hint="free some disk space and save again")

    store.create = full

    async def go():
        app = make(store=store)
        async with app.run_test() as pilot:
            await type_text(pilot, "drove a forklift")
            await settle(pilot)
            assert type(app.screen).__name__ == "ErrorModal"
            assert "disk is full" in plain(app.screen.query_one("#message"))
            await pilot.press("enter")
            await type_text(pilot, " and a pallet jack")
            await settle(pilot)
            assert screen_name(app) == "IntakeScreen"  # no second modal while typing
            assert str(app.save_status).startswith("✗ Not saved")
            assert app.case.matched_text == "drove a forklift and a pallet jack"

    run(go())


# --------------------------------------------------------------------------- start-up


def test_first_screen_paints_before_the_model_is_ready(make, advisor):
    fresh, gate = held_back(advisor)

    async def go():
        app = make(advisor=fresh)
        async with app.run_test() as pilot:
            await pilot.pause(0.2)
            assert screen_name(app) == "IntakeScreen"
            status = plain(app.screen.query_one("#status"))
            assert "Loading the language model" in status
            # typing meanwhile is kept and matched as soon as the model is ready
            await type_text(pilot, "drove a forklift")
            await pilot.pause(0.3)
            assert "Waiting for the language model" in app.match_state.text
            gate.set()
            await settle(pilot)
            assert str(app.model_status) == "✔ Ready"
            assert "Ready" in plain(app.screen.query_one("#status"))
            assert app.case.matched_text == "drove a forklift"

    try:
        run(go())
    finally:
        gate.set()


def test_cli_arguments_open_on_the_plan(make):
    async def go():
        app = make(skills="drove a forklift, handled returns", target="retail-cashier")
        async with app.run_test() as pilot:
            await settle(pilot)
            assert screen_name(app) == "PlanScreen"
            assert app.case.plan is not None

    run(go())


def test_help_lists_every_key_and_contrast_toggles(make):
    async def go():
        app = make()
        async with app.run_test() as pilot:
            await pilot.press("f1")
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            assert screen_name(app) == "IntakeScreen"
            await pilot.press("ctrl+t")
            assert app.theme == "advisor-high-contrast"
            await pilot.press("ctrl+t")
            assert app.theme == "textual-dark"

    run(go())


def test_every_binding_is_documented():
    from advisor.tui import keys
    from advisor.tui.advisor_app import AdvisorApp
    from advisor.tui.base_app import BaseApp
    from advisor.tui.kiosk_app import KioskApp
    from advisor.tui.screens import help, kiosk, modals, pick, plan, sessions, strengths, target

    documented = set()
    for _section, key, _what, _modes in keys.KEYS:
        for part in key.replace(" or ", ",").replace(" / ", ",").replace(" ", ",").split(","):
            documented.add(part.strip().lower())
    alias = {"question_mark": "?", "down": "↓", "up": "↑", "delete": "delete"}
    classes = [BaseApp, AdvisorApp, KioskApp, strengths.StrengthsScreen, target.TargetScreen, plan.PlanScreen, sessions.SessionsScreen,
               modals.ErrorModal, modals.ConfirmModal, help.HelpScreen, pick.PickCompetency]
    missing = []
    for cls in classes:
        for binding in cls.BINDINGS:
            for key in binding.key.split(","):
                if alias.get(key, key).lower() not in documented and key not in ("enter", "f1", "q", "question_mark"):
                    missing.append(f"{cls.__name__}: {key}")
    assert not missing, missing
    assert kiosk.StillThere  # its "any key" is documented for the kiosk


def test_command_palette_entries(make):
    async def go():
        app = make()
        async with app.run_test():
            titles = {c.title for c in app.get_system_commands(app.screen)}
            assert {"Step 1: words", "Step 4: plan", "Saved sessions", "Save plan as PDF", "High contrast", "Quit"} <= titles

    run(go())


# --------------------------------------------------------------------------- kiosk


def test_kiosk_idle_countdown_wipes_everything(make):
    async def go():
        app = make("kiosk", idle_seconds=1.5, countdown_seconds=2.0)
        async with app.run_test() as pilot:
            await type_text(pilot, "drove a forklift, handled returns")
            app.copy_to_clipboard("drove a forklift")
            await pilot.press("f3")  # a key: the quiet spell starts now
            await pilot.pause(0.1)
            assert screen_name(app) == "StrengthsScreen"
            # quiet: the countdown appears
            # (wait for the window's content too: the screen is on the stack a moment before it is drawn)
            assert await wait_for(pilot, lambda: screen_name(app) == "StillThere" and bool(app.screen.query("#countdown")), timeout=5)
            assert "Starting over in" in plain(app.screen.query_one("#countdown"))
            # a key keeps everything
            await pilot.press("space")
            await pilot.pause()
            assert screen_name(app) == "StrengthsScreen"
            assert app.case.text == "drove a forklift, handled returns"
            # quiet again and nobody answers: the countdown comes back, then everything is wiped
            assert await wait_for(pilot, lambda: screen_name(app) == "StillThere", timeout=5)
            assert await wait_for(pilot, lambda: screen_name(app) == "IntakeScreen", timeout=10)
            await pilot.pause(0.1)
            assert app.case.text == "" and app.case.profile is None and app.case.plan is None
            assert app.screen.query_one("#words", TextArea).text == ""
            assert app.clipboard == ""
            assert len(app.screen_stack) == 2
            # and at step 1 with nothing typed, no more countdowns
            await pilot.pause(1.0)
            assert screen_name(app) == "IntakeScreen"

    run(go())


def test_kiosk_cannot_quit_has_no_sessions_and_exports_only_to_its_folder(make, settings, tmp_path):
    async def go():
        app = make("kiosk", skills="drove a forklift, handled returns", target="retail-cashier")
        async with app.run_test() as pilot:
            await settle(pilot)
            assert screen_name(app) == "PlanScreen"
            assert not app.screen.query("#folder")  # no free folder input
            await pilot.press("ctrl+q")
            await pilot.press("ctrl+c")
            await pilot.press("f6")
            await pilot.pause()
            assert app.is_running and app.return_code is None
            assert screen_name(app) == "PlanScreen"
            titles = {c.title for c in app.get_system_commands(app.screen)}
            assert "Quit" not in titles and "Saved sessions" not in titles and "Save screenshot" not in titles
            await pilot.press("f7")  # Markdown is not offered in the kiosk
            await pilot.press("f9")
            await settle(pilot)
            files = list(settings.kiosk_dir().iterdir())
            assert [f.suffix for f in files] == [".pdf"]
            assert str(files[0]) in app.export_state.text
            assert app.store is None

    run(go())


def test_kiosk_writes_nothing_personal(make, user_home, advisor, settings):
    """A whole kiosk visit without an export leaves the user folder exactly as it was."""

    def listing():
        return sorted(str(p.relative_to(user_home)) for p in user_home.rglob("*")) if user_home.exists() else []

    async def go():
        app = make("kiosk", advisor=advisor, settings=settings)
        before = listing()
        async with app.run_test() as pilot:
            await type_text(pilot, "Maria Lopez, 555-0100: babysat three kids and cooked dinner")
            await settle(pilot)
            for key in ("f3", "f4", "f5"):
                await pilot.press(key)
                await settle(pilot)
        assert listing() == before

    run(go())


def test_serve_builds_a_server_for_the_kiosk():
    from advisor.tui.serve import make_server

    server = make_server("kiosk", host="127.0.0.1", port=8765)
    assert server.command.endswith("-m advisor kiosk")
    assert server.port == 8765
    with pytest.raises(ValueError):
        make_server("shell")
