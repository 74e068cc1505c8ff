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

from ..messages import FieldChanged, TextChanged
from ..render import highlighted, short_id, source_tag, status_key, status_text
from ..widgets.facts import FactsBlock
from ..widgets.status import StatusText
from .base import StepScreen

TOP = 8


class IntakeScreen(StepScreen):
    STEP = 1
    CSS_PATH = "intake.tcss"

    def compose_body(self) -> ComposeResult:
        case, words = self.case, self.words
        if words.intake_lead:
            yield Static(words.intake_lead, classes="lead", markup=False)
        # the words box comes first: focus starts there, so the first thing typed lands where the
        # cursor is shown (also while the model loads); tab goes on to the name below it
        yield TextArea(
            case.text,
            id="words",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=words.placeholder,
        )
        if self.app.asks_name:
            with Horizontal(id="who"):
                yield Label("Name or ID: ", id="name-label")
                yield Input(case.name, placeholder="optional, e.g. J. Doe or case 1234", id="name", compact=True)
        yield StatusText(id="match-state", classes="message")
        yield FactsBlock(words, id="facts")
        with VerticalScroll(id="heard"):
            yield Static(id="heard-text")
            yield Static(id="heard-list")

    def on_mount(self) -> None:
        self.query_one("#words", TextArea).focus()
        heard = self.query_one("#heard")
        heard.can_focus = False  # read-only: tab never lands where typing would be lost (the mouse scrolls it)
        heard.border_title = self.words.heard_title
        self.refresh_case()

    @on(TextArea.Changed, "#words")
    def _words_changed(self, event: TextArea.Changed) -> None:
        self.post_message(TextChanged(event.text_area.text))

    @on(Input.Changed, "#name")
    def _name_changed(self, event: Input.Changed) -> None:
        self.post_message(FieldChanged("name", event.value))

    def refresh_case(self) -> None:
        if not self.is_mounted:
            return
        case, app = self.case, self.app
        words = self.query_one("#words", TextArea)
        if words.text != case.text:  # the case was replaced (reopened, wiped)
            words.load_text(case.text)
        for name in self.query("#name").results(Input):
            if name.value != case.name:
                name.value = case.name
        self.query_one("#match-state", StatusText).show(app.match_state)
        profile = case.profile if case.profile is not None and case.matched_text == case.text else None
        self.query_one("#heard-text", Static).update(
            highlighted(case.text, profile) if case.text.strip() else Text("Nothing yet.", style="italic")
        )
        self.query_one("#facts", FactsBlock).show(profile)
        self.query_one("#heard-list", Static).update(self._top_list(profile))

    def _top_list(self, profile):
        if profile is None:
            return Text("")
        strengths = profile.strengths(self.advisor.catalog)
        if not strengths:
            return Text(self.words.no_match, style="italic")
        lines = [Text("")]
        for comp, status, _score, evidence, source in strengths[:TOP]:
            line = Text()
            line.append_text(status_text(status_key(status, source), labels=self.words.status_words))
            line.append(" ")
            line.append(comp.name, style="bold")
            if self.app.technical:
                line.append(f" ({short_id(comp.id)})", style="dim")
            tag = source_tag(profile, comp.id, self.words)
            if tag or evidence:
                line.append(f"  ← {tag}" if tag else f"  ← “{evidence[0].phrase}”", style="italic")
            line.no_wrap, line.overflow = True, "ellipsis"
            lines.append(line)
        more = len(strengths) - TOP
        if more > 0:
            lines.append(Text(f"… and {more} more on the strengths step (F3)", style="italic"))
        return Group(*lines)
