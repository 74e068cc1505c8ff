"""Advisor mode: every key, saved sessions autosaved as the advisor types (reopen, new, delete),
exports to a folder they choose, and quitting that saves first.

Writes run in thread workers through :class:`~advisor.tui.autosave.Autosaver`, at a pause in
typing or at most ``autosave_max_wait`` seconds after the first unsaved change; a ``StoreError``
shows one modal and the app keeps working in memory (ctrl+s tries again). A session changed in
another window meanwhile is not overwritten: these words go to a copy and the advisor is told.
SIGTERM, SIGHUP and SIGINT save first (:meth:`AdvisorApp.save_for_exit`, see :mod:`~advisor.tui.shutdown`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from ..case import Case
from ..config import DEFAULT_PLANS_FOLDER
from ..errors import AdvisorError, StoreError
from . import messages as m
from .base_app import BaseApp
from .keys import screenshot_command
from .autosave import Autosaver, Schedule
from .messages import IDLE, Status
from .screens.intake import IntakeScreen
from .screens.plan import asks_for_folder
from .screens.sessions import SessionsScreen

SAVED = Status("ok", "Saved")
IN_MEMORY = Status("error", "Not saved: working in memory")
COPIED = Status("ok", "Saved as a copy (the session was changed in another window)")


class AdvisorApp(BaseApp):
    BINDINGS = [
        Binding("f6", "sessions", "Sessions", priority=True),
        Binding("ctrl+n", "new_session", "New", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
    ]
    can_save_sessions = True

    def __init__(self, advisor, settings, store=None, skills=None, target=None, *, autosave_delay: float = 1.0,
                 autosave_max_wait: float = 1.5, plans_folder: str | None = None, idle_seconds=None,
                 countdown_seconds=None, **options):
        super().__init__(advisor, settings, store, skills, target, **options)  # no idle wipe here
        self._saver = Autosaver(store) if store is not None else None
        self._store_broken = False
        self._quit_anyway = False
        self.autosave_delay = autosave_delay
        self._schedule = Schedule(autosave_delay, autosave_max_wait)
        self.plans_folder = plans_folder or (settings.plans_folder or DEFAULT_PLANS_FOLDER)
        self.first_plans_folder = self.plans_folder  # created without asking; a typed one is asked about

    def started(self) -> None:
        if self.store is None:
            self.save_status = IN_MEMORY
        if self.advisor.errors:
            self.notify(f"{len(self.advisor.errors)} data file(s) could not be read; the rest loaded. "
                        "See 'advisor models' for details.", title="Data", severity="warning", timeout=8)

    # ------------------------------------------------------------------ saving

    def case_changed(self) -> None:
        """A saved field changed: queue an autosave (debounced, with a maximum wait)."""
        if self._saver is None:
            return
        self._saver.queue(self.case.fields())
        if self._store_broken:
            return
        self._debounce("autosave", max(0.01, self._schedule.changed()), self._autosave_now)  # a 0 s timer fails

    def _autosave_now(self) -> None:
        self._schedule.writing()
        self._save(self._generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, generation: int) -> None:
        sid = self._saver.flush()
        self.post_message(m.Saved(generation, sid))

    @on(m.Saved)
    def _saved(self, message: m.Saved) -> None:
        if message.generation != self._generation:
            return
        self.case.session_id = message.session_id
        if message.session_id is not None:
            self.save_status = SAVED
        for original, copy in self._saver.take_moved():
            self.save_status = COPIED
            self.notify(f"Session {original} was changed in another window, so it was not overwritten: what you "
                        f"typed here is saved as a new session ({copy}). Open session {original} from the list (F6) "
                        "to see the other window's version.", title="Saved as a copy", severity="warning", timeout=15)

    def save_for_exit(self) -> bool:
        """Write what is pending now, on this thread (a signal is ending the app); True when saved."""
        if self._saver is None:
            return False
        self._saver.queue(self.case.fields())
        try:
            self._saver.flush()
        except StoreError:
            return False
        return True

    def store_failed(self, error: StoreError) -> None:
        first = not self._store_broken
        self._store_broken = True
        self.save_status = Status("error", "Not saved: working in memory (ctrl+s tries again)")
        if first:
            self.show_error(error)

    def action_save(self) -> None:
        if self._saver is None:
            self.show_error(StoreError("saved sessions are not available in this window",
                                       hint="the app keeps working in memory; restart it to try the database again"))
            return
        self._store_broken = False
        self._saver.queue(self.case.fields())
        self._autosave_now()

    # ------------------------------------------------------------------ exports

    def export_plan(self, fmt: str, asked: bool = False) -> None:
        if asked or not asks_for_folder(self, fmt):  # a typed folder that does not exist: asked first
            super().export_plan(fmt)

    def export_folder(self) -> Path:
        return Path(self.plans_folder.strip() or DEFAULT_PLANS_FOLDER).expanduser()

    @on(m.FolderChanged)
    def _folder_changed(self, message: m.FolderChanged) -> None:
        self.plans_folder = message.folder

    @on(m.ContactChanged)
    def _contact_changed(self, message: m.ContactChanged) -> None:
        """Save the advisor's name, center, contact or follow-up days; the plan is made again."""
        from dataclasses import replace

        from ..config import load_settings, save_settings
        from ..errors import AdvisorError

        try:
            value: object = message.value.strip()
            if message.key == "follow_up_days":
                value = int(value or 0)
            save_settings(replace(load_settings(), **{message.key: value}))
        except (ValueError, AdvisorError) as err:
            self.notify(f"Not saved: {err}", severity="warning", markup=False)
            return
        self.case.plan = None
        self._replan_if_visible()

    def exported_file(self, path: Path, fmt: str) -> StoreError | None:
        """Record the plan file on the session (the export worker's thread)."""
        if self._saver is None or self._store_broken:
            return None
        try:
            sid = self._saver.flush()
            if sid is not None:
                self.store.add_plan(sid, path, fmt)
        except StoreError as err:
            return err
        return None

    # ------------------------------------------------------------------ sessions

    def action_sessions(self) -> None:
        if isinstance(self.screen, (ModalScreen, SessionsScreen)):
            return
        self.switch_screen(SessionsScreen())

    def _switch_case(self, case: Case, version: int | None = None) -> bool:
        if self._saver is not None:
            try:
                self._saver.switch(case.session_id, case.fields() if case.session_id is not None else None, version)
            except StoreError as err:
                self.store_failed(err)
                return False
        self._forget_work()
        self.replace_case(case)
        self.save_status = SAVED if case.session_id is not None else IDLE
        if self._saver is None:
            self.save_status = IN_MEMORY
        return True

    @on(m.OpenSession)
    def _open_session(self, message: m.OpenSession) -> None:
        try:
            session = self.store.get(message.session_id)
        except AdvisorError as err:
            self.show_error(err)
            return
        if self._switch_case(Case.from_session(session), session.version):
            self.switch_screen(IntakeScreen())
            self.request_match()

    def action_new_session(self) -> None:
        if isinstance(self.screen, ModalScreen):
            return
        if self._switch_case(Case(area=self.settings.area or "US")):
            self.switch_screen(IntakeScreen())

    @on(m.DeleteSession)
    def _delete_session(self, message: m.DeleteSession) -> None:
        self._delete(message.session_id)

    @work(thread=True, exclusive=False, exit_on_error=False, group="delete")
    def _delete(self, session_id: int) -> None:
        self.store.delete(session_id)
        self.post_message(m.Deleted(session_id))

    @on(m.Deleted)
    def _deleted(self, message: m.Deleted) -> None:
        if self._saver is not None:
            self._saver.forget(message.session_id)
        if self.case.session_id == message.session_id:
            self._switch_case(Case(area=self.settings.area or "US"))
        self.notify("The session was deleted for good.", title="Deleted", timeout=4)
        if isinstance(self.screen, SessionsScreen):
            self.screen.reload()

    # ------------------------------------------------------------------ keys, commands, quitting

    def action_help_quit(self) -> None:
        self.notify("Press ctrl+q to quit (the session is saved first).", timeout=4)

    def leading_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in App.get_system_commands(self, screen):
            if command.title not in ("Quit", "Keys", "Screenshot"):  # replaced by ours
                yield command
        yield screenshot_command(self)
        yield SystemCommand("Quit", "Save the session and quit (ctrl+q)", self.action_quit)

    def mode_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Save plan as Markdown", "Export the plan as Markdown (F7)", lambda: self.export_plan("md"))
        yield SystemCommand("Saved sessions", "List, search, reopen and delete sessions (F6)", self.action_sessions)
        yield SystemCommand("New session", "Start a new jobseeker; the current one stays saved (ctrl+n)", self.action_new_session)
        yield SystemCommand("Save session now", "Write the session now (ctrl+s)", self.action_save)

    async def action_quit(self) -> None:
        if self._saver is not None and not self._quit_anyway and self._saver.dirty:
            try:
                self._saver.flush()
            except StoreError as err:
                self._quit_anyway = True
                self.show_error(StoreError(f"{err.message}. The last changes were not saved",
                                           hint="press ctrl+q again to quit anyway, or fix the problem and press ctrl+s"))
                return
        self.exit(0)
