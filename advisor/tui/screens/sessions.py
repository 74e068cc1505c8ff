"""Advisor mode: the saved sessions, newest first. Type to search names, words and notes (focus
stays in the search box); enter reopens; ctrl+d (or d / delete in the list) deletes for good after
a yes/no question."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from ..messages import DeleteSession, OpenSession
from .base import StepScreen
from .modals import ConfirmModal


def when(stamp: str) -> str:
    """An ISO timestamp as local 'YYYY-MM-DD HH:MM'."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16]


def excerpt(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


#: the goal column's width: a longer title wraps onto a second line of its row
GOAL_WIDTH = 22


class SessionsScreen(StepScreen):
    STEP = 0
    CSS_PATH = "sessions.tcss"
    BINDINGS = [
        Binding("ctrl+d", "delete", "Delete", priority=True),  # from the search box too
        Binding("d,delete", "delete", "Delete", show=False),  # in the list (in the box they type and edit)
        Binding("down", "rows_down", show=False),
        Binding("up", "rows_up", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("Saved sessions, newest first · type to search · enter reopens · ctrl+d deletes", id="sessions-title",
                     classes="section-title", markup=False)
        yield Input(placeholder="Search names, words and notes", id="search")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="sessions-state", classes="message", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_column("Updated", key="updated", width=16)
        table.add_column("Name or ID", key="name", width=16)
        table.add_column("Goal", key="goal", width=GOAL_WIDTH)  # a longer goal wraps: never cut
        self._words_width = max(20, self.app.size.width - 62)
        table.add_column("Words", key="words", width=self._words_width)
        self._titles: dict[str, str] = {}
        self.query_one("#search", Input).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- loading, search as you type with stale answers dropped

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.reload()

    @on(Input.Submitted, "#search")
    def _open_first(self) -> None:
        self._open_current()

    def reload(self) -> None:
        store = self.app.store
        if store is None:
            self._show("", [], "Saved sessions are not available: the app is working in memory only.")
            return
        self._load(self.query_one("#search", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sessions")
    def _load(self, query: str) -> None:
        rows = self.app.store.list(query)
        self.app.call_from_thread(self._show, query, rows)

    def _show(self, query: str, rows: list, message: str | None = None) -> None:
        if not self.is_mounted or query != self.query_one("#search", Input).value:
            return  # a newer search is on its way
        table = self.query_one("#sessions", DataTable)
        table.clear()
        current = self.app.case.session_id
        goals = [self._goal(s.target) for s in rows]
        # the words take what the dates, names and goals leave (the table adds 2 columns a cell)
        goal_width = min(GOAL_WIDTH, max(map(len, goals), default=4))
        table.columns["goal"].width = goal_width
        self._words_width = max(14, self.app.size.width - 16 - 16 - goal_width - 12)
        table.columns["words"].width = self._words_width
        for s, goal in zip(rows, goals):
            mark = "▶ " if s.id == current else ""
            # Text cells: a name or words such as "J [/nope] D" are shown as typed, never read as markup
            table.add_row(Text(when(s.updated)), Text(mark + (s.name or "(no name)")), Text(goal),
                          Text(excerpt(s.text, self._words_width)), key=str(s.id), height=None)
        state = self.query_one("#sessions-state", Static)
        if message:
            state.update(message)
        elif not rows:
            state.update("No saved session matches the search." if query.strip() else "No saved sessions yet.")
        else:
            state.update(f"{len(rows)} session{'s' if len(rows) != 1 else ''} · ▶ = open now")

    def _goal(self, spec: str) -> str:
        """A saved goal by its title ("Retail Supervisor"); its id when it is no longer known."""
        if not spec:
            return "–"
        if spec not in self._titles:
            self._titles[spec] = self.app.advisor.target_title(spec) or spec
        return self._titles[spec]

    # -- actions

    def _current_id(self) -> int | None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    @on(DataTable.RowSelected, "#sessions")
    def _selected(self) -> None:
        self._open_current()

    def _open_current(self) -> None:
        sid = self._current_id()
        if sid is not None:
            self.post_message(OpenSession(sid))

    def action_rows_down(self) -> None:
        self.query_one("#sessions", DataTable).action_cursor_down()

    def action_rows_up(self) -> None:
        self.query_one("#sessions", DataTable).action_cursor_up()

    def action_delete(self) -> None:
        sid = self._current_id()
        if sid is None:
            self.app.bell()
            return
        table = self.query_one("#sessions", DataTable)
        name = str(table.get_cell(str(sid), "name")).removeprefix("▶ ")

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(DeleteSession(sid))

        self.app.push_screen(
            ConfirmModal(f"Delete the session of {name}?", yes="Delete for good",
                         detail="Their words, corrections and notes are removed from this computer for good. "
                                "Exported plan files are not touched."),
            answered,
        )
