"""What every step screen shares: the header, the step bar, the status line and the footer;
in kiosk mode also big Back / Next buttons."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Header

from ..widgets.status import StatusLine
from ..widgets.steps import KIOSK_STEPS, StepBar


class StepScreen(Screen):
    STEP = 0

    @property
    def kiosk(self) -> bool:
        return self.app.kiosk

    @property
    def case(self):
        return self.app.case

    @property
    def advisor(self):
        return self.app.advisor

    def compose(self) -> ComposeResult:
        self.set_class(self.kiosk, "kiosk")
        yield Header(icon="◆")
        if self.STEP:
            yield StepBar(self.STEP, kiosk=self.kiosk, id="steps")
        yield from self.compose_body()
        if self.kiosk and self.STEP:
            with Horizontal(id="nav"):
                if self.STEP > 1:
                    yield Button(f"← Back: {KIOSK_STEPS[self.STEP - 1]}", id="back")
                if self.STEP < 4:
                    yield Button(f"Next: {KIOSK_STEPS[self.STEP + 1]} →", id="next", variant="primary")
                else:
                    yield Button("I'm done — clear my answers", id="start-over", variant="warning")
        yield StatusLine(id="status")
        yield Footer()

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
