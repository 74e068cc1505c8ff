"""Advisor mode's saved sessions: autosave as the advisor types, reopen, new, delete, quit.

A mixin of :class:`advisor.tui.app.AdvisorApp` (kept apart so no file grows large). Writes run in
thread workers through :class:`~advisor.tui.autosave.Autosaver`; a ``StoreError`` shows one
modal and the app keeps working in memory (ctrl+s tries again).
"""

from __future__ import annotations

from textual import work
from textual.screen import ModalScreen

from ..errors import AdvisorError, StoreError
from .screens.intake import IntakeScreen
from .screens.sessions import SessionsScreen
from ..case import Case


class SessionsMixin:
    # -- saving

    def _changed(self) -> None:
        """A saved field changed: queue an autosave (debounced)."""
        if self._saver is None:
            return
        self._saver.queue(self.case.fields())
        if self._store_broken:
            return
        self._debounce("autosave", self.autosave_delay, self._autosave_now)

    def _autosave_now(self) -> None:
        self._save(self._generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, generation: int) -> None:
        sid = self._saver.flush()
        self.post_message(self.Saved(generation, sid))

    def on_advisor_app_saved(self, message) -> None:
        if message.generation != self._generation:
            return
        self.case.session_id = message.session_id
        if message.session_id is not None:
            self.save_status = "✔ Saved"

    def _store_failed(self, error: StoreError) -> None:
        first = not self._store_broken
        self._store_broken = True
        self.save_status = "✗ Not saved: working in memory (ctrl+s tries again)"
        if first:
            self.show_error(error)

    def action_save(self) -> None:
        if self.kiosk:
            return
        if self._saver is None:
            self.show_error(StoreError("saved sessions are not available in this window",
                                       hint="the app keeps working in memory; restart it to try the database again"))
            return
        self._store_broken = False
        self._saver.queue(self.case.fields())
        self._autosave_now()

    # -- sessions

    def action_sessions(self) -> None:
        if self.kiosk or isinstance(self.screen, (ModalScreen, SessionsScreen)):
            return
        self.switch_screen(SessionsScreen())

    def _switch_case(self, case: Case) -> bool:
        if self._saver is not None:
            try:
                self._saver.switch(case.session_id, case.fields() if case.session_id is not None else None)
            except StoreError as err:
                self._store_failed(err)
                return False
        self._generation += 1
        self.case = case
        self._area_text = case.area
        self.match_state = self.plan_state = self.area_state = self.export_state = ""
        self.save_status = "✔ Saved" if case.session_id is not None else ""
        if self._saver is None and not self.kiosk:
            self.save_status = "✗ Not saved: working in memory"
        return True

    def open_session(self, session_id: int) -> None:
        try:
            session = self.store.get(session_id)
        except AdvisorError as err:
            self.show_error(err)
            return
        if self._switch_case(Case.from_session(session)):
            self.switch_screen(IntakeScreen())
            self.request_match()

    def action_new_session(self) -> None:
        if self.kiosk or isinstance(self.screen, ModalScreen):
            return
        if self._switch_case(Case(area=self.settings.area or "US")):
            self.switch_screen(IntakeScreen())

    def delete_session(self, session_id: int) -> None:
        self._delete(session_id)

    @work(thread=True, exclusive=False, exit_on_error=False, group="delete")
    def _delete(self, session_id: int) -> None:
        self.store.delete(session_id)
        self.post_message(self.Deleted(session_id))

    def on_advisor_app_deleted(self, message) -> None:
        if self._saver is not None:
            self._saver.forget(message.session_id)
        if self.case.session_id == message.session_id:
            self._switch_case(Case(area=self.settings.area or "US"))
        self.notify("The session was deleted for good.", title="Deleted", timeout=4)
        if isinstance(self.screen, SessionsScreen):
            self.screen.reload()

    # -- quitting

    async def action_quit(self) -> None:
        if self.kiosk:
            self.bell()  # a kiosk is never left for a shell
            return
        if self._saver is not None and not self._quit_anyway and self._saver.dirty:
            try:
                self._saver.flush()
            except StoreError as err:
                self._quit_anyway = True
                self.show_error(StoreError(f"{err.message}. The last changes were not saved",
                                           hint="press ctrl+q again to quit anyway, or fix the problem and press ctrl+s"))
                return
        self.exit(0)
