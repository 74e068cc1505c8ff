"""Markup in what people type is shown as typed: a jobseeker's name or words, a user model's
name, never read as Rich/Textual markup (no crash, no click action); a crash report shows no
local variables (they would hold other sessions' names and words)."""

from __future__ import annotations

import asyncio
import dataclasses

from rich.text import Text
from textual.widgets import DataTable, OptionList

from .conftest import plain, settle, type_text

NAMES = ["J [/nope] D", "[@click=app.quit]Q", "[b]bold"]
WORDS = "ran the [b]cash register[/b] for 4 years, drove a [red]forklift[/] daily, stocked shelves [/x] at night"


def run(coro):
    return asyncio.run(coro)


def _cells(table: DataTable) -> list[str]:
    out = []
    for key in table.rows:
        for cell in table.get_row(key):
            assert isinstance(cell, Text)  # never a str, which a DataTable reads as markup
            out.append(cell.plain)
    return out


def test_sessions_list_shows_markup_in_names_and_words_as_typed(make, tmp_path):
    from advisor.db.sessions import SessionStore

    store = SessionStore(tmp_path / "markup.db")
    for name in NAMES:
        store.create(name=name, text=f"{name} handled returns [/] [red]x")

    async def go():
        app = make(store=store)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(2):  # the crash came on every F6 after the first
                await pilot.press("f6")
                await settle(pilot)
                table = app.screen.query_one("#sessions", DataTable)
                assert table.row_count == 3
                cells = _cells(table)
                for name in NAMES:
                    assert name in cells
                assert any("handled returns [/] [red]x" in c for c in cells)
                await pilot.click("#sessions", offset=(20, 1))  # a click on "[@click=app.quit]Q"
                await pilot.click("#sessions", offset=(20, 2))
                await pilot.pause()
                assert app.is_running
                await pilot.press("f2")
                await settle(pilot)
            assert app.return_code is None

    run(go())


def test_goal_list_shows_a_user_model_name_as_written(make, advisor):
    shipped = advisor.catalog.models["retail"]
    odd = dataclasses.replace(shipped, id="odd-markup", name="[b]Odd[/b] [/nope] [@click=app.quit]Retail")
    advisor.catalog.models[odd.id] = odd
    try:
        async def go():
            app = make()
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.press("f4")
                await settle(pilot)
                await type_text(pilot, "odd")
                await settle(pilot)
                goals = app.screen.query_one("#goals", OptionList)
                prompts = [goals.get_option_at_index(i).prompt for i in range(goals.option_count)]
                assert all(isinstance(p, Text) for p in prompts)
                assert any("[b]Odd[/b] [/nope] [@click=app.quit]Retail" in p.plain for p in prompts)
                await pilot.click("#goals", offset=(10, 0))
                await pilot.pause()
                assert app.is_running and app.return_code is None

        run(go())
    finally:
        del advisor.catalog.models[odd.id]


def test_markup_in_the_words_reaches_the_plan_as_typed(make):
    async def go():
        app = make(skills=WORDS, target="retail")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("f5")
            await settle(pilot, timeout=60)
            assert app.case.plan is not None
            assert "Gap plan" in plain(app.screen.query_one("#plan-body"))
            await pilot.press("f3")  # the strengths, with the phrases quoted
            await settle(pilot)
            assert app.is_running and app.return_code is None

    run(go())


def test_plan_tables_show_cells_as_written():
    import io

    from rich.console import Console

    from advisor.guidance.plan.content import Section
    from advisor.tui.screens.plan import section_table

    cells = ["J [/nope] D", "[b]stocked shelves[/b] [/x]", "[@click=app.quit]Q"]
    table = section_table(Section("Strengths", headers=["Competency", "Area", "How we know"], rows=[cells]))
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(table)  # a str cell would be read as markup: '[/nope]' raised MarkupError
    shown = console.export_text()
    assert all(cell in shown for cell in cells)


def test_a_crash_report_shows_no_local_variables(make, capsys):
    secret = "Jane " + "roe".upper() + "-name"  # built, so the source lines in the report never show it

    async def go():
        app = make()

        def boom():
            names = [secret, "welded " + "steel"]  # noqa: F841 - a local a report would show
            raise RuntimeError("a bug")

        try:
            async with app.run_test() as pilot:
                app.call_later(boom)
                await pilot.pause(0.2)
        except RuntimeError:
            pass
        return app

    capsys.readouterr()
    app = run(go())
    report = capsys.readouterr().err
    assert app.return_code == 1
    assert "RuntimeError" in report and "a bug" in report  # the report is printed ...
    assert "ROE-name" not in report and "welded steel" not in report  # ... without its locals' values
