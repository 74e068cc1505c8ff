"""'a' on the strengths screen: pick any competency from the full list, typing to filter."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..render import short_id


class PickCompetency(ModalScreen[str | None]):
    """Dismisses with the chosen competency id, or ``None`` on escape."""

    CSS_PATH = "pick.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("down", "list_down", show=False),
        Binding("up", "list_up", show=False),
    ]

    def __init__(self, catalog, exclude: set[str] | None = None, title: str = "Add a competency"):
        super().__init__()
        self.catalog = catalog
        self.exclude = exclude or set()
        self.heading = title
        self.comps = [c for c in catalog.unique_competencies() if c.id not in self.exclude]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"{self.heading}  ·  type to filter, ↑ ↓ to move, enter to add, escape to cancel", id="title")
            yield Input(placeholder="Filter, e.g. forklift, customer, math", id="filter")
            yield OptionList(id="choices")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        words = query.lower().split()
        options = []
        for c in self.comps:
            label = f"{c.name}  ({short_id(c.id)}, tier {c.tier})"
            hay = f"{label} {c.definition}".lower()
            if all(w in hay for w in words):
                options.append(Option(Text(label), id=c.id))  # a name is shown as written, not as markup
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        choices.add_options(options or [Option("No competency matches the filter", disabled=True)])
        choices.highlighted = 0 if options else None

    @on(Input.Submitted, "#filter")
    def _submit(self) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is not None:
            option = choices.get_option_at_index(choices.highlighted)
            if option.id:
                self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_list_down(self) -> None:
        self.query_one("#choices", OptionList).action_cursor_down()

    def action_list_up(self) -> None:
        self.query_one("#choices", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
