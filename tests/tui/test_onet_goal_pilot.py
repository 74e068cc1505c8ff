"""With O*NET imported, the Goal screen's filter also lists O*NET occupations by title, and one
chosen there is the goal (``onet:CODE``) shown by its title (#11)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import OptionList

from .conftest import SKILLS, settle, type_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "onet" / "db_90_1_text"


def on_onet(make, advisor, steps) -> None:
    """Import the fixture release, start the app and run ``steps(app, pilot)`` once the words
    (``steps.words``) are matched."""
    from advisor.onet.importer import import_onet

    import_onet(FIXTURE, engine=advisor.ensure_matcher().engine)
    app = make("advisor")

    async def run():
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            await type_text(pilot, steps.words)
            await settle(pilot)
            await steps(app, pilot)

    asyncio.run(run())


def test_an_onet_occupation_is_chosen_as_the_goal(make, advisor, user_home):
    async def steps(app, pilot):
        await pilot.press("f4")
        await settle(pilot)
        await type_text(pilot, "order filler")
        await settle(pilot)
        goals = app.screen.query_one("#goals", OptionList)
        ids = [goals.get_option_at_index(i).id for i in range(goals.option_count)]
        assert "onet:onet:53-7065.00" in ids
        goals.highlighted = ids.index("onet:onet:53-7065.00")
        await pilot.press("enter")
        await settle(pilot)
        assert app.case.target == "onet:53-7065.00"
        assert app.case.plan is not None and app.case.plan.target.title == "Stockers and Order Fillers"

    steps.words = SKILLS
    on_onet(make, advisor, steps)


def test_fits_list_onet_occupations_and_lead_the_plan(make, advisor, user_home):
    async def steps(app, pilot):
        assert app.case.occupation_fits and app.case.occupation_fits[0].soc == "53-7065"
        await pilot.press("f4")
        await settle(pilot)
        fits = app.screen.query_one("#fits", OptionList)
        first = fits.get_option_at_index(0)
        assert first.id == "onet:onet:53-7065.00" and "your past work" in str(first.prompt)
        fits.focus()
        fits.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.case.target.startswith("onet:")
        plan = app.case.plan
        assert plan is not None and plan.occupation_fits[0].fit.soc == "53-7065"

    steps.words = "stocker at Walmart 3 years, GED"
    on_onet(make, advisor, steps)
