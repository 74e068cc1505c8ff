"""Pilot tests: the facts read from the words (credentials held, past jobs, what the person is
working toward) shown above the matches on step 1 and above the pyramid on step 2, in advisor
and kiosk words; what a fact shows is tagged with it; the person's text is never markup."""

from __future__ import annotations

import asyncio
import datetime as dt
import dataclasses
from types import SimpleNamespace

import pytest
from textual.widgets import TextArea

from .conftest import plain, settle, type_text

WORDS = "Cashier at Kroger 4 years, I have my GED and my CNA, working on my CDL-A"
MARKUP = "[bold]x[/bold]"


async def typed(pilot, text: str) -> None:
    pilot.app.screen.query_one("#words", TextArea).focus()
    await type_text(pilot, text)
    await settle(pilot)


def block(app) -> str:
    return " ".join(plain(app.screen.query_one("#facts")).split())


@pytest.mark.parametrize("mode, held, jobs, years", [
    ("advisor", "Credentials:", "Past jobs:", "4 yrs"),
    ("kiosk", "What you have:", "Jobs you've done:", "4 years"),
])
def test_facts_block_on_words_and_strengths(make, mode, held, jobs, years):
    from advisor.tui.widgets.pyramid import Pyramid

    async def go():
        app = make(mode)
        async with app.run_test(size=(80, 24)) as pilot:
            assert not app.screen.query_one("#facts").display  # nothing said yet
            await typed(pilot, WORDS)
            shown = []
            for key in ("f2", "f3"):
                await pilot.press(key)
                await settle(pilot)
                assert app.screen.query_one("#facts").display
                text = block(app)
                assert f"{held} GED (high school equivalency) · CNA" in text
                assert f"{jobs} Cashier, {years} (Kroger)" in text
                assert "Working toward: CDL Class A" in text
                assert text.index(held) < text.index(jobs) < text.index("Working toward")
                shown.append(text)
            assert shown[0] == shown[1]
            # the pyramid tags what a fact shows ("from CNA", "from job: Cashier") instead of a phrase
            pyramid = app.screen.query_one(Pyramid)
            rows = " ".join(pyramid.get_option_at_index(i).prompt.plain for i in range(pyramid.option_count))
            profile = app.case.profile
            tags = {profile.source[c] for c in profile.source if profile.source[c] in ("credential", "title")}
            assert tags, "the facts show competencies"
            if "credential" in tags:
                assert "from CNA" in rows or "from GED" in rows
            if "title" in tags:
                assert ("from job: Cashier" if mode == "advisor" else "from your job: Cashier") in rows

    asyncio.run(go())


def test_facts_detail_says_the_fact(make):
    from advisor.tui.widgets.pyramid import Pyramid

    async def go():
        app = make()
        async with app.run_test(size=(120, 40)) as pilot:
            await typed(pilot, WORDS)
            await pilot.press("f3")
            await settle(pilot)
            profile = app.case.profile
            pyramid = app.screen.query_one(Pyramid)
            ids = [pyramid.get_option_at_index(i).id for i in range(pyramid.option_count)]
            cid = next(c for c in ids if c and profile.source.get(c) in ("credential", "title"))
            pyramid.highlighted = ids.index(cid)
            await settle(pilot)
            detail = plain(app.screen.query_one("#detail"))
            assert "(holds " in detail or "(worked as Cashier, 4 years)" in detail

    asyncio.run(go())


def test_markup_in_the_words_shows_literally(make):
    async def go():
        app = make()
        async with app.run_test(size=(120, 40)) as pilot:
            await typed(pilot, f"{MARKUP} {WORDS} {MARKUP}")
            assert MARKUP in plain(app.screen.query_one("#heard-text"))
            assert "GED" in block(app)
            # a fact carrying markup (an employer, a field) is shown as typed, never styled
            facts = app.case.profile.facts
            job = dataclasses.replace(facts.titles[0], employer=MARKUP, title=f"Cashier {MARKUP}")
            odd = dataclasses.replace(facts, titles=[job], goals=[])
            for key in ("f2", "f3"):
                await pilot.press(key)
                await settle(pilot)
                facts_block = app.screen.query_one("#facts")
                facts_block.show(SimpleNamespace(facts=odd))
                await pilot.pause()
                assert f"Cashier {MARKUP}, 4 yrs ({MARKUP})" in block(app)
                drawn = "".join(facts_block.render_line(y).text for y in range(facts_block.size.height))
                assert MARKUP in drawn

    asyncio.run(go())


def test_widen_and_more_to_ask_are_one_key_each(make):
    """w widens the pyramid to every model and back (no new match); m shows every item to ask
    about, beyond the first few."""
    from advisor.guidance.gaps import ASK_LIMIT, POSSIBLE
    from advisor.tui.widgets.pyramid import Pyramid

    text = ("cashier 4 years at Kroger, ran the register, handled returns, stocked shelves, trained new cashiers, "
            "kept the break room clean, helped at my church food pantry")

    def ids(app) -> list[str]:
        pyramid = app.screen.query_one(Pyramid)
        return [pyramid.get_option_at_index(i).id for i in range(pyramid.option_count) if pyramid.get_option_at_index(i).id]

    async def go():
        app = make("advisor")
        async with app.run_test(size=(100, 32)) as pilot:
            await typed(pilot, text)
            await pilot.press("f3")
            await settle(pilot)
            profile = app.case.profile
            asks = [r for r in profile.strengths(app.advisor.catalog) if r[1] == POSSIBLE]
            narrow = ids(app)
            scope = plain(app.screen.query_one("#scope"))
            assert "w: every model" in scope
            if len(asks) > ASK_LIMIT:
                assert f"{len(asks) - ASK_LIMIT} more to ask about" in scope
                await pilot.press("m")
                await settle(pilot)
                assert len(ids(app)) == len(narrow) + len(asks) - ASK_LIMIT
                await pilot.press("m")
                await settle(pilot)
            assert ids(app) == narrow
            await pilot.press("w")
            await settle(pilot)
            assert app.case.widened and app.case.profile.widened
            assert app.case.profile.result is profile.result  # the same match, no new one
            assert "every model" in plain(app.screen.query_one("#scope")).lower()
            wide = app.case.profile.status
            assert set(profile.status) <= set(wide) and set(profile.aside) <= set(wide)
            await pilot.press("w")
            await settle(pilot)
            assert not app.case.profile.widened and app.case.profile.status == profile.status

    asyncio.run(go())


def test_plan_screen_sets_the_advisor_contact_printed_on_the_plan(make, user_home):
    """Advisor, center, contact and follow-up days typed on the Plan screen are saved and printed."""
    from textual.widgets import Input

    from advisor.config import load_settings

    async def go():
        app = make("advisor")
        async with app.run_test(size=(120, 40)) as pilot:
            await typed(pilot, "cashier 4 years at Kroger, ran the register")
            app.case.target = "retail-supervisor"
            await pilot.press("f5")
            await settle(pilot)
            for key, value in (("advisor_name", "Dana Ruiz"), ("center_contact", "614-555-0142"), ("follow_up_days", "7")):
                field = app.screen.query_one(f"#{key}", Input)
                field.value = value
                field.focus()
                await pilot.press("enter")
                await settle(pilot)
            saved = load_settings()
            assert (saved.advisor_name, saved.center_contact, saved.follow_up_days) == ("Dana Ruiz", "614-555-0142", 7)
            for _ in range(20):
                if app.case.plan is not None:
                    break
                await settle(pilot)
            plan = app.case.plan
            assert plan is not None and plan.contact.advisor == "Dana Ruiz" and plan.follow_up == plan.date + dt.timedelta(days=7)
            body = plain(app.screen.query_one("#plan-body"))
            assert "Advisor: Dana Ruiz" in body and "Contact: 614-555-0142" in body

    asyncio.run(go())
