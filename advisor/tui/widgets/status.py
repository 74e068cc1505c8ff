"""The status line above the footer: is the language model ready, is the session saved."""

from __future__ import annotations

from textual.widgets import Static


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; color: $text; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "model_status", self._changed)
        self.watch(self.app, "save_status", self._changed)

    def _changed(self, _value: str) -> None:
        app = self.app
        parts = [app.model_status]
        if getattr(app, "save_status", ""):
            parts.append(app.save_status)
        self.update("  ·  ".join(p for p in parts if p))
