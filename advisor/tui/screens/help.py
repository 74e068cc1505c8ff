"""F1 / ?: every key of the current mode, from :data:`advisor.tui.keys.KEYS`."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import keys_for


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q,question_mark", "close", "Close", show=False)]

    def __init__(self, mode: str = "advisor"):
        super().__init__()
        self.mode = mode

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Keys  ·  escape closes this window", id="title")
            with VerticalScroll(id="keys"):
                yield Static(self._table())

    def _table(self) -> Table:
        table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True, min_width=14)
        table.add_column("what", ratio=1)
        section = None
        for sec, key, what in keys_for(self.mode):
            if sec != section:
                if section is not None:
                    table.add_row("", "")
                table.add_row(f"[u]{sec}[/u]", "")
                section = sec
            table.add_row(key, what)
        return table

    def action_close(self) -> None:
        self.dismiss(None)
