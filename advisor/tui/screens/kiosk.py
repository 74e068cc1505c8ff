"""Kiosk mode's own window: "Still there?" with a countdown before everything is wiped."""

from __future__ import annotations

import math

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class StillThere(ModalScreen[bool]):
    """Dismisses ``False`` on any key or click (keep going), ``True`` when time runs out (wipe)."""

    CSS_PATH = "kiosk.tcss"

    def __init__(self, seconds: float):
        super().__init__()
        self.seconds = float(seconds)
        self.left = self.seconds

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Still there?", id="title")
            yield Static(self._line(), id="countdown")
            yield Static("Press any key or click to continue.", id="help")

    def on_mount(self) -> None:
        step = min(1.0, self.seconds)
        self._tick = self.set_interval(step, self._count, name="kiosk-countdown-tick")
        self._end = self.set_timer(self.seconds, self._expire, name="kiosk-countdown")

    def _line(self) -> str:
        return f"Starting over in {max(math.ceil(self.left), 0)} s — press any key to continue"

    def _count(self) -> None:
        self.left -= min(1.0, self.seconds)
        self.query_one("#countdown", Static).update(self._line())

    def _expire(self) -> None:
        self._tick.stop()
        self.dismiss(True)

    def _keep(self) -> None:
        self._tick.stop()
        self._end.stop()
        self.dismiss(False)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self._keep()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self._keep()
