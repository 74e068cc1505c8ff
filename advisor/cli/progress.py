"""A one-line spinner on stderr while the language model and the index load (the first match of a
command), so a terminal never sits silent for seconds.

It is shown only when stderr is a terminal, the command does not print JSON, ``TERM`` is not
``dumb`` and ``CI`` is not set; otherwise :class:`Spinner` does nothing. It draws with plain
carriage returns, one short line, and wipes it before the command prints. The index's own
progress (``embedding competencies 640/2102``) replaces the label while the index is built.
"""

from __future__ import annotations

import os
import sys
import threading
import time

#: seconds before the spinner shows (quick loads print nothing)
DELAY = 0.3
#: seconds between frames
INTERVAL = 0.12
FRAMES = "|/-\\"


def wanted(args, stream=None) -> bool:
    """Whether a spinner belongs on ``stream`` (stderr) for this command."""
    from .common import wants_json

    stream = sys.stderr if stream is None else stream
    if wants_json(args) or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Spinner:
    """``with Spinner(label, enabled) as s: ...`` draws ``| label... 2s`` on ``stream`` until the
    block ends; ``s.progress`` is a ``progress(label, done, total)`` callback for the index."""

    def __init__(self, label: str, enabled: bool, stream=None, delay: float | None = None, interval: float | None = None):
        self.label = label
        self.enabled = enabled
        self.stream = sys.stderr if stream is None else stream
        self.delay = DELAY if delay is None else delay
        self.interval = INTERVAL if interval is None else interval
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._shown = 0  # width of the line on screen
        self._frame = 0
        self._start = 0.0

    def __enter__(self) -> "Spinner":
        if self.enabled:
            self._start = time.monotonic()
            if self.delay <= 0:
                self._draw()
            self._thread = threading.Thread(target=self._run, name="advisor-spinner", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop drawing and wipe the line (safe to call twice)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._lock:
            if self._shown:
                self._write("\r" + " " * self._shown + "\r")
                self._shown = 0

    def progress(self, label: str, done: int, total: int) -> None:
        """The index's progress callback: the label shows the step and its count."""
        with self._lock:
            self.label = f"{label} {done}/{total}" if total else label

    def _run(self) -> None:
        if self.delay > 0 and self._stop.wait(self.delay):
            return
        while not self._stop.is_set():
            self._draw()
            self._stop.wait(self.interval)

    def _draw(self) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            seconds = int(time.monotonic() - self._start)
            text = f"{FRAMES[self._frame % len(FRAMES)]} {self.label}... {seconds}s"
            self._frame += 1
            width = _columns(self.stream) - 1
            text = text[:width]
            pad = max(0, self._shown - len(text))
            self._write("\r" + text + " " * pad)
            self._shown = len(text)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken terminal: the spinner is only a courtesy
            self._stop.set()


def _columns(stream) -> int:
    """The terminal's width (a terminal that reports none: ``COLUMNS``, else 80)."""
    import shutil

    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = 0
    return max(20, columns or shutil.get_terminal_size().columns)


def loading(args, adv) -> Spinner:
    """The spinner of a matching command: ``with loading(args, adv): ...first match...``; the
    matcher and the model are loaded inside it (the index's progress shown), then the label says
    the words are being matched."""
    return _Loading(adv, "loading the language model", wanted(args))


class _Loading(Spinner):
    def __init__(self, adv, label: str, enabled: bool):
        super().__init__(label, enabled)
        self.adv = adv

    def __enter__(self) -> "Spinner":
        super().__enter__()
        try:
            matcher = self.adv.ensure_matcher(self.progress)
            embedder = getattr(getattr(matcher, "engine", None), "embedder", None)
            if embedder is not None and hasattr(embedder, "load"):
                embedder.load()  # the slow part: the model itself, not only the index
        except BaseException:
            self.stop()
            raise
        with self._lock:
            self.label = "matching"
        return self
