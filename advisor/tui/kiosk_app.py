"""Kiosk mode: a jobseeker alone at a kiosk. One guided path in four steps with plain words, no
saved sessions, plans written only into the kiosk folder, no way out to a shell, and privacy.

Any key, click, scroll, mouse move or paste restarts the quiet-spell timer (``idle_seconds``,
from ``settings.kiosk_idle_seconds``). When it runs out and there is anything to forget, the
:class:`~advisor.tui.screens.kiosk.StillThere` window counts down ``countdown_seconds``; a key or
click keeps going, silence wipes: the case (words, matches, corrections, goal, plan), pending
work, every open window, the text areas' undo history and the clipboard.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from textual import events
from textual.app import SystemCommand
from textual.timer import Timer

from ..case import Case
from .base_app import BaseApp
from .messages import Status
from .screens.intake import IntakeScreen
from .screens.kiosk import StillThere
from .screens.modals import ConfirmModal
from .words import KioskWords

ACTIVITY = (events.Key, events.MouseDown, events.MouseMove, events.MouseScrollDown, events.MouseScrollUp, events.Paste)
#: what a kiosk never does: leave for a shell, save sessions, write screenshots, change the theme
LOCKED = ("sessions", "new_session", "save", "quit", "screenshot", "change_theme", "suspend_process")


class KioskApp(BaseApp):
    mode = "kiosk"
    words = KioskWords
    guided = True
    technical = False
    asks_name = False
    can_write_notes = False
    can_choose_folder = False
    export_formats = ("pdf", "html")

    def __init__(self, advisor, settings, store=None, skills=None, target=None, *, idle_seconds: float | None = None,
                 countdown_seconds: float | None = None, autosave_delay: float = 0.0, plans_folder: str | None = None,
                 **options):
        super().__init__(advisor, settings, None, skills, target, **options)  # never a session store
        self.idle_seconds = float(idle_seconds if idle_seconds is not None else settings.kiosk_idle_seconds)
        self.countdown_seconds = float(countdown_seconds if countdown_seconds is not None else settings.kiosk_countdown_seconds)
        self._idle_timer: Timer | None = None

    def started(self) -> None:
        self.save_status = Status("idle", self.words.privacy)
        self._idle_timer = self.set_interval(self.idle_seconds, self._idle, name="kiosk-idle")

    def export_folder(self) -> Path:
        return self.settings.kiosk_dir()

    # ------------------------------------------------------------------ lockdown

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return action not in LOCKED

    def action_help_quit(self) -> None:
        """ctrl+c: no hint about quitting, there is no way out."""

    async def action_quit(self) -> None:
        self.bell()  # a kiosk is never left for a shell

    def mode_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Start over", "Clear every answer and go back to step 1", self.action_start_over)

    # ------------------------------------------------------------------ idle countdown and wipe

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY) and self._idle_timer is not None:
            self._idle_timer.reset()
        await super().on_event(event)

    def _idle(self) -> None:
        if any(isinstance(s, StillThere) for s in self.screen_stack):
            return
        if not self.case.has_content() and isinstance(self.screen, IntakeScreen):
            return  # nothing to forget
        self.push_screen(StillThere(self.countdown_seconds), self._countdown_over)

    def _countdown_over(self, timed_out: bool | None) -> None:
        if timed_out:
            self.call_later(self.wipe)

    async def wipe(self) -> None:
        """Forget everything about the person at the kiosk and go back to step 1."""
        for group in ("match", "plan", "area", "export"):
            self.workers.cancel_group(self, group)
        self._forget_work()
        self.replace_case(Case(area=self.settings.area or "US"))
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
