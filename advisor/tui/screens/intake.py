"""Step 1: the jobseeker's own words. Matching runs as they type (debounced by the app, stale
results dropped) or at once on ctrl+r; the phrases that matched are shown [bracketed] and
underlined, with the competencies they matched."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from ..render import highlighted, short_id, status_key, status_text
from .base import StepScreen

KIOSK_LEAD = (
    "Write about jobs, volunteering, school or family care, in your own words.\n"
    "Example: \"Cashier 2 years, trained new staff, handled returns.\""
)
ADVISOR_PLACEHOLDER = "The jobseeker's words: jobs, tasks, tools, volunteering, school… e.g. cashier 4 years, drove a forklift"
KIOSK_PLACEHOLDER = "Start typing here…"
TOP = 8


class IntakeScreen(StepScreen):
    STEP = 1
    CSS_PATH = "intake.tcss"

    def compose_body(self) -> ComposeResult:
        case = self.case
        if self.kiosk:
            yield Static(KIOSK_LEAD, classes="kiosk-lead", markup=False)
        else:
            with Horizontal(id="who"):
                yield Label("Name or ID: ", id="name-label")
                yield Input(case.name, placeholder="optional, e.g. J. Doe or case 1234", id="name", compact=True)
        yield TextArea(
            case.text,
            id="words",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=KIOSK_PLACEHOLDER if self.kiosk else ADVISOR_PLACEHOLDER,
        )
        yield Static(id="match-state", classes="message", markup=False)
        with VerticalScroll(id="heard"):
            yield Static(id="heard-text")
            yield Static(id="heard-list")

    def on_mount(self) -> None:
        self.query_one("#words", TextArea).focus()
        heard = self.query_one("#heard")
        heard.can_focus = not self.kiosk  # kiosk: tab goes straight from the words to "Next"
        heard.border_title = "What we noticed" if self.kiosk else "What we heard · \\[brackets] = matched phrases"
        self.refresh_case()

    @on(TextArea.Changed, "#words")
    def _words_changed(self, event: TextArea.Changed) -> None:
        self.app.set_text(event.text_area.text)

    @on(Input.Changed, "#name")
    def _name_changed(self, event: Input.Changed) -> None:
        self.app.set_field("name", event.value)

    def refresh_case(self) -> None:
        if not self.is_mounted:
            return
        case, app = self.case, self.app
        words = self.query_one("#words", TextArea)
        if words.text != case.text:  # the case was replaced (reopened, wiped)
            words.load_text(case.text)
        if not self.kiosk:
            name = self.query_one("#name", Input)
            if name.value != case.name:
                name.value = case.name
        state = self.query_one("#match-state", Static)
        state.update(app.match_state)
        state.set_class(app.match_state.startswith("✗"), "error")
        profile = case.profile if case.profile is not None and case.matched_text == case.text else None
        self.query_one("#heard-text", Static).update(
            highlighted(case.text, profile) if case.text.strip() else Text("Nothing yet.", style="italic")
        )
        self.query_one("#heard-list", Static).update(self._top_list(profile))

    def _top_list(self, profile):
        if profile is None:
            return Text("")
        strengths = profile.strengths(self.advisor.catalog)
        if not strengths:
            hint = "No clear match yet: add what you did day to day." if self.kiosk else \
                "No competency matched clearly: ask about tasks, tools and responsibilities."
            return Text(hint, style="italic")
        lines = [Text("")]
        for comp, status, _score, evidence, source in strengths[:TOP]:
            line = Text()
            line.append_text(status_text(status_key(status, source)))
            line.append(" ")
            line.append(comp.name, style="bold")
            if not self.kiosk:
                line.append(f" ({short_id(comp.id)})", style="dim")
            if evidence:
                line.append(f"  ← “{evidence[0].phrase}”", style="italic")
            line.no_wrap, line.overflow = True, "ellipsis"
            lines.append(line)
        more = len(strengths) - TOP
        if more > 0:
            lines.append(Text(f"… and {more} more on the strengths step (F3)", style="italic"))
        return Group(*lines)
