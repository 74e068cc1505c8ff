"""What a crash prints: the traceback without local variables.

Textual's own crash report shows each frame's locals, and in this app they hold jobseekers'
names and words (a session list, a profile). :func:`quiet_crashes` gives an app a report that
keeps the frames and the error but no values."""

from __future__ import annotations

import types


def _fatal_error(self) -> None:
    """Textual's ``App._fatal_error`` with ``show_locals=False``."""
    import rich
    from rich.segment import Segments
    from rich.traceback import Traceback

    self.bell()
    traceback = Traceback(show_locals=False, width=None, suppress=[rich])
    self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
    self._close_messages_no_wait()


def quiet_crashes(app):
    """``app`` with the crash report above; returns it."""
    app._fatal_error = types.MethodType(_fatal_error, app)
    return app
