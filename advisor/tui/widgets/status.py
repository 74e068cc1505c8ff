"""Status shown on screen, drawn from a typed :class:`~advisor.tui.messages.Status`.

:class:`StatusText` is one status (the match, the plan, the area, an export) with its glyph and a
class for its kind (``error`` is bold red); :class:`StatusLine` above the footer joins the app's
language-model and saving statuses."""

from __future__ import annotations

from textual.widgets import Static

from ..messages import Status


class StatusText(Static):
    DEFAULT_CSS = """
    StatusText { padding: 0 1; height: auto; }
    StatusText.error { text-style: bold; color: $error; }
    """

    def __init__(self, **kwargs):
        super().__init__(markup=False, **kwargs)

    def show(self, status: Status) -> None:
        self.update(str(status))
        for kind in ("idle", "busy", "ok", "error"):
            self.set_class(status.kind == kind, kind)


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; color: $text; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "model_status", self._changed)
        self.watch(self.app, "save_status", self._changed)

    def _changed(self, _value: Status) -> None:
        parts = [str(self.app.model_status), str(self.app.save_status)]
        self.update("  ·  ".join(p for p in parts if p))
