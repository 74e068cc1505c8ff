"""Small windows: an error with its title (never a traceback) and a yes/no question."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ErrorModal(ModalScreen[None]):
    """An :class:`~advisor.errors.AdvisorError` (or any problem) shown as title, message and hint."""

    CSS_PATH = "modals.tcss"
    BINDINGS = [Binding("escape,enter", "close", "Close", show=False)]

    def __init__(self, title: str, message: str, hint: str | None = None):
        super().__init__(classes="error-modal")
        self.title_text, self.message, self.hint = title, message, hint

    @classmethod
    def of(cls, error: BaseException) -> "ErrorModal":
        title = getattr(error, "title", None) or "Something went wrong"
        message = getattr(error, "message", None) or str(error) or type(error).__name__
        return cls(title, message, getattr(error, "hint", None))

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"✗ {self.title_text}", id="title", markup=False)
            yield Static(self.message, id="message", markup=False)
            if self.hint:
                yield Static(f"What to do: {self.hint}", id="hint", markup=False)
            with Horizontal(id="buttons"):
                yield Button("OK", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    """A yes/no question; ``dismiss(True)`` only for an explicit yes."""

    CSS_PATH = "modals.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "Cancel", detail: str = ""):
        super().__init__(classes="confirm-modal")
        self.question, self.yes, self.no, self.detail = question, yes, no, detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="title", markup=False)
            if self.detail:
                yield Static(self.detail, id="message", markup=False)
            with Horizontal(id="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
