"""Kiosk mode: a jobseeker alone at a kiosk. One guided path in four steps with plain words, no
saved sessions, plans written only into the kiosk folder, no way out to a shell, and privacy.

Any key, click, scroll, mouse move or paste restarts the quiet-spell timer (``idle_seconds``,
from ``settings.kiosk_idle_seconds``). When it runs out and there is anything to forget, the
:class:`~advisor.tui.screens.kiosk.StillThere` window counts down ``countdown_seconds``; a key or
click keeps going, silence wipes: the case (words, matches, corrections, goal, plan), pending
work, every open window, the text areas' undo history and the clipboard.

Plan files carry a tag drawn for each visit (a wipe draws a new one), so two people with the same
goal on the same day never share a file; tagged files older than ``settings.kiosk_plan_keep_minutes``
are removed at start and every minute. Under ``advisor serve`` (Textual's web driver) a saved plan
is also handed to the browser: the PDF as a download, the HTML opened in a tab to print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from textual import events, on, work
from textual.app import SystemCommand
from textual.timer import Timer

from ..case import Case
from ..guidance.plan.export import export_plan, new_tag, remove_old_plans
from . import messages as m
from .base_app import BaseApp
from .messages import Status
from .screens.intake import IntakeScreen
from .screens.kiosk import StillThere
from .screens.modals import ConfirmModal
from .words import KioskBrowserWords, KioskWords

ACTIVITY = (events.Key, events.MouseDown, events.MouseMove, events.MouseScrollDown, events.MouseScrollUp, events.Paste)
#: what a kiosk never does: leave for a shell, save sessions, write screenshots, change the theme
LOCKED = ("sessions", "new_session", "save", "quit", "screenshot", "change_theme", "suspend_process")
#: how a plan reaches the browser: (MIME type, open it in a tab or download it)
DELIVERY = {"pdf": ("application/pdf", "download"), "html": ("text/html", "browser")}
CLEANUP_EVERY = 60.0


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
                 in_browser: bool | None = None, **options):
        super().__init__(advisor, settings, None, skills, target, **options)  # never a session store
        if in_browser is None:
            from textual.drivers.web_driver import WebDriver

            in_browser = issubclass(self.driver_class, WebDriver)
        self.in_browser = in_browser
        if in_browser:
            self.words = KioskBrowserWords
        self.plan_tag = new_tag()
        self.idle_seconds = float(idle_seconds if idle_seconds is not None else settings.kiosk_idle_seconds)
        self.countdown_seconds = float(countdown_seconds if countdown_seconds is not None else settings.kiosk_countdown_seconds)
        self._idle_timer: Timer | None = None

    def started(self) -> None:
        self.save_status = Status("idle", self.words.privacy)
        self._idle_timer = self.set_interval(self.idle_seconds, self._idle, name="kiosk-idle")
        self.remove_old_plans()
        self.set_interval(CLEANUP_EVERY, self.remove_old_plans, name="kiosk-plan-cleanup")

    # ------------------------------------------------------------------ plans: tagged files, kept a while, handed over

    def export_folder(self) -> Path:
        return self.settings.kiosk_dir()

    def remove_old_plans(self) -> int:
        return remove_old_plans(self.export_folder(), self.settings.kiosk_plan_keep_minutes)

    @work(thread=True, exclusive=False, exit_on_error=False, group="export")
    def _export(self, plan, fmt: str, folder: Path) -> None:
        path = export_plan(plan, fmt, directory=folder, tag=self.plan_tag)
        self.post_message(m.Exported(fmt, path))

    @on(m.Exported)
    def _hand_over(self, message: m.Exported) -> None:
        """In a browser the saved file is delivered to it (this handler runs before the status line
        is set, which then says where to look)."""
        if not self.in_browser or message.fmt not in DELIVERY:
            return
        mime, how = DELIVERY[message.fmt]
        if message.fmt == "html":
            self.deliver_text(message.path, save_filename=message.path.name, open_method=how, encoding="utf-8",
                              mime_type=mime, name="plan")
        else:
            self.deliver_binary(message.path, save_filename=message.path.name, open_method=how, mime_type=mime, name="plan")

    @on(events.DeliveryFailed)
    def _hand_over_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "plan":
            self.export_state = self.words.not_delivered
            self.refresh_views()

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
        self.plan_tag = new_tag()  # the next person's files are their own
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
