"""Pilot tests for the app as people use it at 80x24 (#13): where typing lands on step 1, the
pyramid's keys walk the list, the sessions list deletes from the search box and shows whole
goals, names fit in the pyramid, the palette's screenshot is saved, a typed folder that does not
exist is asked about, and the kiosk speaks to a student alone."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from textual.widgets import DataTable, Input, TextArea

from .conftest import SKILLS, held_back, plain, settle, type_text


def ids_of(pyramid) -> list[str | None]:
    return [pyramid.get_option_at_index(i).id for i in range(pyramid.option_count)]


# --------------------------------------------------------------------------- 1. step 1 focus


def test_typing_lands_in_the_words_box_and_tab_skips_the_read_only_panel(make, advisor):
    fresh, gate = held_back(advisor)

    async def go():
        app = make(advisor=fresh)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.2)
            assert not fresh.ready
            words = app.screen.query_one("#words", TextArea)
            assert app.focused is words
            # the words box is the first field on the screen, above the name
            assert words.region.y < app.screen.query_one("#name").region.y
            for key in "cook":
                await pilot.press(key)
            assert words.text == "cook" and app.case.text == "cook"
            await pilot.press("tab")
            assert app.focused is app.screen.query_one("#name", Input)
            await pilot.press(*"Ann")
            assert app.case.name == "Ann" and app.case.text == "cook"
            seen = set()
            for _ in range(8):  # round the whole screen: never the read-only panel
                await pilot.press("tab")
                seen.add(app.focused.id if app.focused else None)
            assert "heard" not in seen and "words" in seen
            gate.set()
            await settle(pilot)
            assert app.case.matched_text == "cook"

    try:
        asyncio.run(go())
    finally:
        gate.set()


# --------------------------------------------------------------------------- 2. strengths keys


def test_x_keeps_the_row_so_x_down_x_walks_the_list_and_a_confirms(make):
    from advisor.tui.widgets.pyramid import Pyramid

    async def go():
        app = make(skills=SKILLS)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            pyramid = app.screen.query_one(Pyramid)
            start = pyramid.highlighted
            first, second = [cid for cid in ids_of(pyramid)[start:] if cid][:2]
            await pilot.press("x")
            await settle(pilot)
            assert first in app.case.rejected
            assert pyramid.highlighted == start and pyramid.current_id == second  # the next one came up
            for keys in (("x",), ("down", "x")):  # x, down, x: each x rejects what is under the cursor
                for key in keys[:-1]:
                    await pilot.press(key)
                row, under = pyramid.highlighted, pyramid.current_id
                await pilot.press("x")
                await settle(pilot)
                assert under in app.case.rejected and pyramid.highlighted == row

            # the highlighted row stays in view after a redraw, even at the bottom
            await pilot.press("end")
            await settle(pilot)
            await pilot.press("u")
            await settle(pilot)
            top = round(pyramid.scroll_y)
            assert top <= pyramid.highlighted < top + pyramid.scrollable_content_region.height

            # a: one already listed "to ask about" is found by the filter and confirmed, with a notice
            profile = app.case.profile
            ask = next(cid for cid, st in profile.status.items() if st == "possible" and profile.source.get(cid) == "matched")
            name = app.advisor.catalog.competency(ask).name
            said: list[str] = []
            notify = app.notify
            app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))
            await pilot.press("a")
            await settle(pilot)
            await type_text(pilot, name)
            await settle(pilot)
            assert any(o.id == ask for o in app.screen.query_one("#choices")._options)
            await pilot.press("enter")
            await settle(pilot)
            assert ask in app.case.confirmed and app.case.profile.status[ask] == "demonstrated"
            assert said == [f"Confirmed: {name}"]
            assert pyramid.current_id == ask  # the cursor is on it

    asyncio.run(go())


# --------------------------------------------------------------------------- 3. sessions


def test_sessions_delete_from_the_search_box_and_show_the_whole_goal(make, tmp_path):
    from advisor.db.sessions import SessionStore

    store = SessionStore(tmp_path / "s.db")

    async def go():
        app = make(store=store)
        target = max(app.advisor.ladders.rungs.values(), key=lambda r: len(r.title)).id  # a long title
        store.create(name="Ann", text="babysat and tutored math", target=target)
        store.create(name="Dee", text="welded steel frames")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f6")
            await settle(pilot)
            table = app.screen.query_one(DataTable)
            search = app.screen.query_one("#search", Input)
            assert app.focused is search and table.row_count == 2
            hint = plain(app.screen.query_one("#sessions-title"))
            assert "ctrl+d deletes" in hint and " d deletes" not in hint
            from advisor.guidance.gaps import resolve_target

            title = resolve_target(target, app.advisor.catalog, app.advisor.ladders).title
            goals = [" ".join(str(table.get_cell_at((r, 2))).split()) for r in range(table.row_count)]
            assert title in goals  # whole, not cut (a long one wraps)
            await pilot.press("d")  # in the search box "d" is typed...
            await settle(pilot)
            assert search.value == "d" and type(app.screen).__name__ == "SessionsScreen"
            assert table.row_count == 1  # "Dee"
            await pilot.press("ctrl+d")  # ...and ctrl+d deletes the highlighted row from there
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmModal"
            await pilot.press("y")
            await settle(pilot)
            assert [s.name for s in store.list()] == ["Ann"]
            await pilot.press("backspace", "tab")  # in the list, d and delete work too
            await settle(pilot)
            assert app.focused is table and table.row_count == 1
            await pilot.press("delete")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmModal"
            await pilot.press("n")

    asyncio.run(go())


# --------------------------------------------------------------------------- 4. 80x24


def test_at_80x24_the_pyramid_uses_the_width_and_names_are_not_cut(make):
    from advisor.tui.widgets.pyramid import Pyramid

    async def go():
        app = make(skills=SKILLS, target="retail-cashier")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f3")
            await settle(pilot)
            pyramid = app.screen.query_one(Pyramid)
            catalog = app.advisor.catalog
            lines = [pyramid.get_option_at_index(i).prompt.plain for i in range(pyramid.option_count)]
            for cid, line in zip(ids_of(pyramid), lines):
                if cid:
                    assert catalog.competency(cid).name in line, line
            top = next(line for line in lines if "┌" in line)
            assert len(top.strip()) >= len(lines[-1].strip()) - 20  # the top box is nearly full width
            assert len(lines[-1]) >= pyramid.scrollable_content_region.width - 3
            await pilot.press("f4")
            await settle(pilot)
            chosen = app.screen.query_one("#chosen")
            text = plain(chosen)
            assert "F5" in text and chosen.size.height * chosen.size.width >= len(text)

    asyncio.run(go())


def test_pyramid_boxes_are_nearly_full_width_when_narrow_and_stepped_when_wide():
    from advisor.tui.render import DEFAULT_TIER_NAMES, PyramidEntry, pyramid_rows

    entries = {9: [PyramidEntry("bb:9.9", "Developing & Mentoring", 9, "shown", "trained new cashiers")],
               1: [PyramidEntry("bb:1.6", "Monitoring & Controlling Operations", 1, "ask", "")]}
    narrow = [t.plain for _, t in pyramid_rows(entries, DEFAULT_TIER_NAMES, 76)]
    assert len(narrow[0].strip()) >= 76 - 20 and "Monitoring & Controlling Operations" in "".join(narrow)
    wide = [t.plain for _, t in pyramid_rows(entries, DEFAULT_TIER_NAMES, 160)]
    assert len(wide[0].strip()) < 110  # a wide terminal keeps the stepped shape


# --------------------------------------------------------------------------- 5. files


def test_screenshot_is_saved_and_a_typed_folder_is_asked_about(make, tmp_path, user_home):
    from advisor.tui.keys import screenshot

    async def go():
        app = make(skills=SKILLS, target="retail-cashier")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            path = screenshot(app)  # the plans folder does not exist yet: the user data folder
            assert path and str(path).startswith(str(user_home)) and path.endswith(".svg")
            (tmp_path / "plans").mkdir()
            path = screenshot(app)
            assert path.startswith(str(tmp_path / "plans")) and "<svg" in open(path).read()

            folder = app.screen.query_one("#folder", Input)
            typo = tmp_path / "plnas" / "nested"
            folder.value = str(typo)
            await settle(pilot)
            await pilot.press("f7")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmModal"
            await pilot.press("n")
            await settle(pilot)
            assert not (tmp_path / "plnas").exists()
            await pilot.press("f7")
            await pilot.pause()
            await pilot.press("y")
            await settle(pilot)
            assert [p.suffix for p in typo.iterdir()] == [".md"]
            await pilot.press("f8")  # it exists now: no question
            await settle(pilot)
            assert type(app.screen).__name__ == "PlanScreen"
            assert sorted(p.suffix for p in typo.iterdir()) == [".html", ".md"]

    asyncio.run(go())


# --------------------------------------------------------------------------- 6. kiosk words


def test_kiosk_words_speak_to_a_student_alone():
    from advisor.tui.keys import step_commands
    from advisor.tui.render import DEFAULT_TIER_NAMES, PyramidEntry, pyramid_rows
    from advisor.tui.words import AdvisorWords, KioskBrowserWords, KioskWords

    for words in (KioskWords, KioskBrowserWords):
        assert words.match_found(1, 1).text == "We found 1 clear strength and 1 possible one."
        assert words.match_found(2, 3).text == "We found 2 clear strengths and 3 possible ones."
        rows = "".join(t.plain for _, t in pyramid_rows({1: [PyramidEntry("bb:1.1", "Integrity", 1, "ask", "")]},
                                                         DEFAULT_TIER_NAMES, 80, labels=words.status_words))
        assert "? maybe" in rows and "ask" not in rows
        assert "maybe" in words.strengths_hint and "tell us more" in words.strengths_hint
        app = SimpleNamespace(words=words, action_goto=None, action_match_now=None, action_toggle_contrast=None,
                              action_help=None)
        said = " ".join(c.help for c in step_commands(app)).lower()
        assert "jobseeker" not in said and "confirm, reject" not in said
    assert "jobseeker" in " ".join(c.help for c in step_commands(SimpleNamespace(
        words=AdvisorWords, action_goto=None, action_match_now=None, action_toggle_contrast=None, action_help=None)))
    assert "ask about" in "".join(t.plain for _, t in pyramid_rows(
        {1: [PyramidEntry("bb:1.1", "Integrity", 1, "ask", "")]}, DEFAULT_TIER_NAMES, 80))
