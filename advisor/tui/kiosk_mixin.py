"""Kiosk mode's privacy: after a quiet spell a "Still there?" countdown, then everything is wiped
and the kiosk starts over at step 1. A mixin of :class:`advisor.tui.app.AdvisorApp`.

Any key, click, scroll, mouse move or paste restarts the quiet-spell timer (``idle_seconds``,
from ``settings.kiosk_idle_seconds``). When it runs out and there is anything to forget, the
:class:`~advisor.tui.screens.kiosk.StillThere` window counts down ``countdown_seconds``; a key or
click keeps going, silence wipes: the case (words, matches, corrections, goal, plan), pending
work, every open window, the text areas' undo history and the clipboard.
"""

from __future__ import annotations

from textual import events

from .screens.intake import IntakeScreen
from .screens.kiosk import StillThere
from .screens.modals import ConfirmModal
from ..case import Case

ACTIVITY = (events.Key, events.MouseDown, events.MouseMove, events.MouseScrollDown, events.MouseScrollUp, events.Paste)


class KioskMixin:
    async def on_event(self, event: events.Event) -> None:
        if self.kiosk and isinstance(event, ACTIVITY):
            if self._idle_timer is not None:
                self._idle_timer.reset()
        await super().on_event(event)

    def _idle(self) -> None:
        if any(isinstance(s, StillThere) for s in self.screen_stack):
            return
        fresh = not self.case.has_content() and isinstance(self.screen, IntakeScreen)
        if fresh:
            return
        self.push_screen(StillThere(self.countdown_seconds), self._countdown_over)

    def _countdown_over(self, timed_out: bool | None) -> None:
        if timed_out:
            self.call_later(self.wipe)

    async def wipe(self) -> None:
        """Forget everything about the person at the kiosk and go back to step 1."""
        for group in ("match", "plan", "area", "export"):
            self.workers.cancel_group(self, group)
        for timer in self._debouncers.values():
            timer.stop()
        self._debouncers.clear()
        self._generation += 1
        self.case = Case(area=self.settings.area or "US")
        self._area_text = self.case.area
        self.match_state = self.plan_state = self.area_state = self.export_state = ""
        self._clipboard = ""
        self.clear_notifications()
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        await self.switch_screen(IntakeScreen())
        if self._idle_timer is not None:
            self._idle_timer.reset()

    def action_start_over(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.call_later(self.wipe)

        self.push_screen(ConfirmModal("Clear your answers and start over?", yes="Clear everything", no="Keep going",
                                      detail="Your words, strengths and plan are removed from the screen."), answered)
