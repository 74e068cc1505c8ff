"""The Textual app's entry point: one factory for the CLI and the tests (:func:`make_app`), and
:func:`run_app`. The app classes live in :mod:`~advisor.tui.base_app` (what both modes share),
:mod:`~advisor.tui.advisor_app` and :mod:`~advisor.tui.kiosk_app`; they are imported when an app
is made, so importing this module loads no Textual."""

from __future__ import annotations

from pathlib import Path

from ..config import Settings, load_settings
from ..errors import AdvisorError, DataError, StoreError

MODES = ("advisor", "kiosk")


def make_app(
    mode: str = "advisor",
    skills: str | None = None,
    target: str | None = None,
    advisor=None,
    store=None,
    settings: Settings | None = None,
    **options,
):
    """The app for ``mode``, for the CLI and the tests.

    ``advisor``: a loaded :class:`~advisor.guidance.service.Advisor` (loaded here, data only, if
    not given; the model then loads in a worker after the first screen paints). ``store``: a
    ``SessionStore``, or a path to one (advisor mode; opened here, and a ``StoreError`` becomes a
    modal while the app keeps working in memory). ``options`` go to the app
    (``idle_seconds``, ``countdown_seconds``, ``debounce``, ``autosave_delay``, ``autosave_max_wait``,
    ``plans_folder``, ``today``).
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    from .crash import quiet_crashes  # a crash report shows no local variables (names, words)
    errors: list[AdvisorError] = []
    if settings is None:
        try:
            settings = load_settings()
        except DataError as err:
            errors.append(err)
            settings = Settings()
    if advisor is None:
        from ..guidance.service import Advisor

        advisor = Advisor.load()
    if mode == "kiosk":
        from .kiosk_app import KioskApp

        return quiet_crashes(KioskApp(advisor, settings, None, skills, target, startup_errors=errors, **options))
    if store is None or isinstance(store, (str, Path)):
        from ..db.sessions import SessionStore

        try:
            store = SessionStore(store)
        except StoreError as err:
            errors.append(err)
            store = None
    from .advisor_app import AdvisorApp

    return quiet_crashes(AdvisorApp(advisor, settings, store, skills, target, startup_errors=errors, **options))


def run_app(mode: str = "advisor", skills: str | None = None, target: str | None = None) -> int:
    """Run the app in this terminal; returns the exit code.

    SIGTERM, SIGHUP and SIGINT save the open session and end the app (:mod:`~advisor.tui.shutdown`).
    The app runs on an event loop of its own so that leaving never waits for a thread worker that
    cannot be stopped (the model loading); the process then ends without waiting for it either."""
    import asyncio

    from . import shutdown

    app = make_app(mode, skills=skills, target=target)
    loop = asyncio.new_event_loop()
    shutdown.install(app, loop)
    try:
        app.run(loop=loop)
    finally:
        if app.store is not None:
            app.store.close()
    return shutdown.finish(int(app.return_code or 0))
