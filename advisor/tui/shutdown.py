"""Leaving the app quickly and without losing words.

* :func:`install` makes SIGTERM, SIGHUP (the terminal was closed) and SIGINT save the open session
  first (``app.save_for_exit()``), then end the app. After SIGHUP there is no terminal left to
  restore, so the process ends at once; after SIGTERM and SIGINT the app is asked to exit (which
  puts the terminal back) and a watchdog ends the process if that takes longer than
  :data:`EXIT_GRACE` seconds.
* :func:`finish` ends the process once the app has returned. A thread worker (the language model
  loading, a match) cannot be stopped, and Python would wait for it before exiting; the app's
  words are already saved by then, so the process exits without waiting.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Callable

#: seconds the app gets to put the terminal back after SIGTERM / SIGINT before the process ends
EXIT_GRACE = 0.7
SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


def exit_code(signum: int) -> int:
    """The shell's convention for a process ended by a signal."""
    return 128 + int(signum)


def install(app, loop) -> list[int]:
    """Handle the signals on ``loop`` (the app's event loop, in the main thread); returns those installed."""
    installed = []
    for signum in SIGNALS:
        try:
            loop.add_signal_handler(signum, on_signal, app, signum)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no such support
            continue
        installed.append(signum)
    return installed


def on_signal(app, signum: int, *, hard_exit: Callable[[int], None] = os._exit, grace: float = EXIT_GRACE) -> None:
    """Save, then end: at once after SIGHUP, within ``grace`` seconds otherwise."""
    code = exit_code(signum)
    save = getattr(app, "save_for_exit", None)
    if save is not None:
        save()
    if getattr(signal, "SIGHUP", None) == signum:
        _flush_std()
        hard_exit(code)
        return
    watchdog = threading.Timer(grace, _end, args=(hard_exit, code))
    watchdog.daemon = True
    watchdog.start()
    app.exit(return_code=code)


def _end(hard_exit: Callable[[int], None], code: int) -> None:
    _flush_std()
    hard_exit(code)


def finish(code: int, *, hard_exit: Callable[[int], None] = os._exit) -> int:
    """After the app returned: end the process now if a thread worker is still running; else return ``code``."""
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and t.is_alive() and not t.daemon]
    if others:
        _flush_std()
        hard_exit(code)
    return code


def _flush_std() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the terminal is gone
            pass
