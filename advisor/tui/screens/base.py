"""What every step screen shares: the header, the step bar, the status line and the footer;
on the guided path (the kiosk) also big Back / Next buttons."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Header

from ..widgets.status import StatusLine
from ..widgets.steps import GUIDED_STEPS, StepBar


class StepScreen(Screen):
    STEP = 0

    @property
    def case(self):
        return self.app.case

    @property
    def advisor(self):
        return self.app.advisor

    @property
    def words(self):
        return self.app.words

    def compose(self) -> ComposeResult:
        self.add_class(self.app.mode)
        guided = self.app.guided
        yield Header(icon="◆")
        if self.STEP:
            yield StepBar(self.STEP, guided=guided, id="steps")
        yield from self.compose_body()
        if guided and self.STEP:
            with Horizontal(id="nav"):
                if self.STEP > 1:
                    yield Button(f"← Back: {GUIDED_STEPS[self.STEP - 1]}", id="back")
                if self.STEP < 4:
                    yield Button(f"Next: {GUIDED_STEPS[self.STEP + 1]} →", id="next", variant="primary")
                else:
                    yield Button("I'm done — clear my answers", id="start-over", variant="warning")
        yield StatusLine(id="status")
        yield Footer(compact=True)  # compact: every step's key fits at 80 columns

    def compose_body(self) -> ComposeResult:
        yield from ()

    def refresh_case(self) -> None:
        """Redraw from ``app.case`` (called by the app after every change)."""

    def on_screen_resume(self) -> None:
        self.refresh_case()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.action_goto(self.STEP - 1)

    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        self.app.action_goto(self.STEP + 1)

    @on(Button.Pressed, "#start-over")
    def _start_over(self) -> None:
        self.app.action_start_over()
