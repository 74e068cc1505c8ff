"""Words are matched exactly once per change: the strengths, the jobs that fit, the plan and its
exports all work from that one match."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, TextArea

from .conftest import SKILLS, settle, type_text


def test_one_match_per_text_from_words_to_exported_plans(make, tmp_path, monkeypatch):
    from advisor.guidance.matching import Matcher

    matched: list[str] = []
    real = Matcher.match

    def counting(self, text, *args, **kwargs):
        matched.append(text)
        return real(self, text, *args, **kwargs)

    monkeypatch.setattr(Matcher, "match", counting)
    folder = tmp_path / "exports"

    async def go():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            app.screen.query_one("#words", TextArea).focus()
            await type_text(pilot, SKILLS)
            await settle(pilot)
            assert app.case.matched_text == SKILLS and app.case.fits
            # strengths: a correction re-applies to the same match
            await pilot.press("f3")
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            assert app.case.confirmed
            # goal: the jobs that fit come from the case, computed with the match
            await pilot.press("f4")
            await settle(pilot)
            assert app.screen.query_one("#fits").option_count == min(8, len(app.case.fits))
            await type_text(pilot, "cashier")
            await pilot.press("enter")
            await settle(pilot)
            assert app.case.plan is not None and app.case.plan.target.id == "retail-cashier"
            # exports to Markdown and PDF
            folder.mkdir()  # one that does not exist is asked about first (tests/tui/test_ergonomics.py)
            app.screen.query_one("#folder", Input).value = str(folder)
            for key in ("f7", "f9"):
                await pilot.press(key)
                await settle(pilot)
            assert sorted(p.suffix for p in folder.iterdir()) == [".md", ".pdf"]
            assert matched == [SKILLS]

            # the words change once more: one more match, and the plan follows from it
            await pilot.press("f2")
            await settle(pilot)
            app.screen.query_one("#words", TextArea).focus()
            await type_text(pilot, " Stocked shelves overnight.")
            await settle(pilot)
            await pilot.press("f5")
            await settle(pilot)
            assert app.case.plan is not None and app.case.plan_key == app.case.plan_inputs()
            assert len(matched) == 2 and matched[1] == app.case.text != SKILLS

    asyncio.run(go())
