"""The Textual app: one factory (:func:`make_app`) for the CLI and the tests, and :func:`run_app`.

Two modes share the screens:

* ``advisor`` - career advisors in a counseling session: every key, saved sessions (autosaved as
  they type), exports to a folder they choose.
* ``kiosk`` - a jobseeker alone at a kiosk: one guided path in four steps, nothing personal written
  to disk except a plan they ask for (only into the kiosk folder), no way out to a shell, and after
  a quiet spell a "Still there?" countdown that wipes everything and starts over.

Slow work (the language model, matching, the plan, exports, saving) runs in thread workers that
call plain core functions and post a message; answers for text that has changed since are dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from ..config import Settings, load_settings
from ..errors import AdvisorError, DataError, InputError, StoreError
from ..guidance.gaps import DEMONSTRATED, POSSIBLE, build_profile, resolve_target
from .autosave import Autosaver
from .kiosk_mixin import KioskMixin
from .sessions_mixin import SessionsMixin
from .screens.base import StepScreen
from .screens.help import HelpScreen
from .screens.intake import IntakeScreen
from .screens.modals import ErrorModal
from .screens.plan import PlanScreen
from .screens.strengths import StrengthsScreen
from .screens.target import TargetScreen
from ..case import Case
from .theme import HIGH_CONTRAST, high_contrast

MODES = ("advisor", "kiosk")
STEPS: dict[int, type[StepScreen]] = {1: IntakeScreen, 2: StrengthsScreen, 3: TargetScreen, 4: PlanScreen}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "pdf": "PDF", "json": "JSON"}
DEFAULT_PLANS_FOLDER = "~/Documents/advisor-plans"
LOADING = "◌ Loading the language model…"
READY = "✔ Ready"
KIOSK_PRIVACY = "Nothing you type is saved on this computer."


class AdvisorApp(SessionsMixin, KioskMixin, App[int]):
    CSS_PATH = ["app.tcss", "screens/base.tcss"]
    TITLE = "Competency Advisor"

    BINDINGS = [
        Binding("f1", "help", "Help", priority=True),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f2", "goto(1)", "Words", priority=True),
        Binding("f3", "goto(2)", "Strengths", priority=True),
        Binding("f4", "goto(3)", "Goal", priority=True),
        Binding("f5", "goto(4)", "Plan", priority=True),
        Binding("f6", "sessions", "Sessions", priority=True),
        Binding("ctrl+r", "match_now", "Match", show=False, priority=True),
        Binding("ctrl+t", "toggle_contrast", "Contrast", show=False),
        Binding("ctrl+n", "new_session", "New", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    model_status: reactive[str] = reactive(LOADING)
    save_status: reactive[str] = reactive("")

    # -- messages posted by the workers (from threads: post_message is thread-safe)

    class MatcherReady(Message):
        """The language model and the index are loaded."""

    class Matched(Message):
        def __init__(self, text: str, profile) -> None:
            super().__init__()
            self.text, self.profile = text, profile

    class Planned(Message):
        def __init__(self, key: tuple, plan) -> None:
            super().__init__()
            self.key, self.plan = key, plan

    class AreaChecked(Message):
        def __init__(self, text: str, area=None, error: InputError | None = None) -> None:
            super().__init__()
            self.text, self.area, self.error = text, area, error

    class Exported(Message):
        def __init__(self, fmt: str, path: Path, store_error: StoreError | None = None) -> None:
            super().__init__()
            self.fmt, self.path, self.store_error = fmt, path, store_error

    class Saved(Message):
        def __init__(self, generation: int, session_id: int | None) -> None:
            super().__init__()
            self.generation, self.session_id = generation, session_id

    class Deleted(Message):
        def __init__(self, session_id: int) -> None:
            super().__init__()
            self.session_id = session_id

    def __init__(
        self,
        mode: str,
        advisor,
        settings: Settings,
        store=None,
        skills: str | None = None,
        target: str | None = None,
        *,
        startup_errors: Iterable[AdvisorError] = (),
        idle_seconds: float | None = None,
        countdown_seconds: float | None = None,
        debounce: float = 0.4,
        autosave_delay: float = 1.0,
        plans_folder: str | None = None,
        today: dt.date | None = None,
    ):
        super().__init__()
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.mode = mode
        self.kiosk = mode == "kiosk"
        self.advisor = advisor
        self.settings = settings
        self.store = None if self.kiosk else store
        self._saver = Autosaver(self.store) if self.store is not None else None
        self._store_broken = False
        self._startup_errors = list(startup_errors)
        self.idle_seconds = float(idle_seconds if idle_seconds is not None else settings.kiosk_idle_seconds)
        self.countdown_seconds = float(countdown_seconds if countdown_seconds is not None else settings.kiosk_countdown_seconds)
        self.debounce = debounce
        self.autosave_delay = autosave_delay
        self.plans_folder = plans_folder or str(settings.extra.get("plans_folder") or DEFAULT_PLANS_FOLDER)
        self.today = today
        self.case = Case(area=settings.area or "US", text=skills or "", target=target or "")
        self._generation = 0  # bumped whenever the case is replaced, so late answers are dropped
        self._debouncers: dict[str, Timer] = {}
        self._idle_timer: Timer | None = None
        self._area_text = self.case.area
        self._quit_anyway = False
        self.match_state = ""
        self.plan_state = ""
        self.area_state = ""
        self.export_state = ""
        self.title = "Competency Advisor" + (" · Find your strengths" if self.kiosk else "")
        self.sub_title = "" if self.kiosk else "advisor"
        if advisor.ready:
            self.model_status = READY

    # ------------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        self.register_theme(high_contrast)
        try:
            self.theme = self.settings.theme or "textual-dark"
        except Exception:  # noqa: BLE001 - Textual raises a bare error for unknown theme names
            self.theme = "textual-dark"
        first = 1
        if self.case.text.strip():
            first = 4 if self.case.target else 2
        self.push_screen(STEPS[first]())
        if self.kiosk:
            self.save_status = KIOSK_PRIVACY
            self._idle_timer = self.set_interval(self.idle_seconds, self._idle, name="kiosk-idle")
        elif self.store is None:
            self.save_status = "✗ Not saved: working in memory"
        for err in self._startup_errors:
            self.show_error(err)
        if self.advisor.errors and not self.kiosk:
            self.notify(f"{len(self.advisor.errors)} data file(s) could not be read; the rest loaded. "
                        "See 'advisor models' for details.", title="Data", severity="warning", timeout=8)
        if self.case.text.strip():
            self._changed()
            self.request_match()
        if not self.advisor.ready:
            self._load_matcher()
        else:
            self.model_status = READY

    @work(thread=True, exclusive=True, exit_on_error=False, group="matcher")
    def _load_matcher(self) -> None:
        def progress(label: str, done: int, total: int) -> None:
            self.call_from_thread(setattr, self, "model_status", f"{LOADING} {label} {done}/{total}")

        self.advisor.ensure_matcher(progress=progress)
        self.advisor.match("warming up: stocked shelves")  # the first match is slow; do it now
        self.advisor.wages  # warm the wage table too, so the plan step answers at once
        self.post_message(self.MatcherReady())

    @on(MatcherReady)
    def _matcher_ready(self) -> None:
        self.model_status = READY
        if self.match_state.startswith("◌"):
            self.match_state = "Matching…"
            self.refresh_views()

    # ------------------------------------------------------------------ views

    def refresh_views(self) -> None:
        """Ask every step screen on the stack to redraw from ``self.case``."""
        for screen in self.screen_stack:
            if isinstance(screen, StepScreen) and screen.is_mounted:
                screen.refresh_case()

    def show_error(self, error: BaseException) -> None:
        self.push_screen(ErrorModal.of(error))

    def target_title(self, spec: str) -> str:
        try:
            t = resolve_target(spec, self.advisor.catalog, self.advisor.ladders)
        except InputError:
            return f"{spec} (unknown)"
        return f"{t.title} ({'industry' if t.kind == 'model' else 'job'})"

    def _debounce(self, name: str, delay: float, callback) -> None:
        old = self._debouncers.pop(name, None)
        if old is not None:
            old.stop()
        self._debouncers[name] = self.set_timer(delay, callback, name=name)

    # ------------------------------------------------------------------ editing the case

    def set_text(self, text: str) -> None:
        if text == self.case.text:
            return
        self.case.text = text
        self._changed()
        self._debounce("match", self.debounce, self.request_match)
        if not text.strip():
            self.request_match()

    def set_field(self, name: str, value: str) -> None:
        if getattr(self.case, name) == value:
            return
        setattr(self.case, name, value)
        self._changed()
        if name == "name":
            self._replan_if_visible()

    def correct(self, comp_id: str, action: str) -> None:
        self.case.correct(comp_id, action)
        self._changed()
        self.refresh_views()

    def set_target(self, spec: str) -> None:
        if spec == self.case.target:
            return
        self.case.target = spec
        self.case.plan = None
        self._changed()
        self.refresh_views()

    # ------------------------------------------------------------------ matching

    def action_match_now(self) -> None:
        self.request_match()

    def request_match(self) -> None:
        timer = self._debouncers.pop("match", None)
        if timer is not None:
            timer.stop()
        text = self.case.text
        if not text.strip():
            self.case.profile, self.case.matched_text = None, None
            self.match_state = ""
            self.refresh_views()
            return
        if self.case.profile is not None and self.case.matched_text == text:
            return
        self.match_state = "Matching…" if self.advisor.ready else "◌ Waiting for the language model… (your words are kept)"
        self._match(text, self.case.corrections())
        self.refresh_views()

    @work(thread=True, exclusive=True, exit_on_error=False, group="match")
    def _match(self, text: str, corrections) -> None:
        profile = self.advisor.profile(text, corrections)
        self.post_message(self.Matched(text, profile))

    @on(Matched)
    def _matched(self, message: Matched) -> None:
        case = self.case
        if message.text != case.text:
            return  # stale: the words changed while matching
        case.profile = build_profile(message.profile.result, case.corrections())
        case.matched_text = message.text
        statuses = list(case.profile.status.values())
        shown, ask = statuses.count(DEMONSTRATED), statuses.count(POSSIBLE)
        if self.kiosk:
            self.match_state = (f"✔ We found {shown} clear strengths and {ask} possible ones." if shown or ask
                                else "Nothing clear yet: tell us more about what you did each day.")
        elif shown or ask:
            self.match_state = f"✔ {shown + ask} competencies found: {shown} shown, {ask} to ask about"
        else:
            self.match_state = "No clear match yet: more detail about tasks and tools helps"
        self.refresh_views()
        self._replan_if_visible()

    # ------------------------------------------------------------------ the plan

    def _replan_if_visible(self) -> None:
        if isinstance(self.screen, PlanScreen):
            self._debounce("plan", self.debounce, self.request_plan)

    def request_plan(self) -> None:
        case = self.case
        if not case.text.strip():
            self.plan_state = "Tell us what you've done first (F2)." if self.kiosk else "No words yet: step 1 first (F2)."
        elif not case.target:
            self.plan_state = "Pick a goal first (F4)."
        else:
            key = case.plan_inputs()
            if case.plan is not None and case.plan_key == key:
                return
            if case.profile is None or case.matched_text != case.text:
                # the plan is built from the match of these words: it follows when that arrives
                self.plan_state = "◌ Waiting for the language model…" if not self.advisor.ready else "Matching…"
                if self._debouncers.get("match") is None:
                    self.request_match()
            else:
                self.plan_state = "Making the plan…"
                self._plan(key, case.profile, case.target, case.area, case.name)
        self.refresh_views()

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan")
    def _plan(self, key: tuple, profile, target: str, area: str, name: str) -> None:
        plan = self.advisor.plan(profile, target, area, name=name, today=self.today)
        self.post_message(self.Planned(key, plan))

    @on(Planned)
    def _planned(self, message: Planned) -> None:
        if message.key != self.case.plan_inputs():
            return  # stale
        self.case.plan, self.case.plan_key = message.plan, message.key
        self.plan_state = ""
        self.refresh_views()

    def set_area(self, text: str, now: bool = False) -> None:
        self._area_text = text
        if now:
            self._check_area(text)
        else:
            self._debounce("area", self.debounce, lambda: self._check_area(self._area_text))

    @work(thread=True, exclusive=True, exit_on_error=False, group="area")
    def _check_area(self, text: str) -> None:
        try:
            area = self.advisor.area(text.strip() or "US")
        except InputError as err:
            self.post_message(self.AreaChecked(text, error=err))
        else:
            self.post_message(self.AreaChecked(text, area=area))

    @on(AreaChecked)
    def _area_checked(self, message: AreaChecked) -> None:
        if message.text != self._area_text:
            return  # stale
        if message.error is not None:
            err = message.error
            self.area_state = f"✗ {err.message[:1].upper()}{err.message[1:]}" + (f" — {err.hint}" if err.hint else "")
            self.refresh_views()
            return
        self.area_state = f"✔ {message.area.name}"
        text = message.text.strip() or "US"
        if text != self.case.area:
            self.case.area = text
            self._changed()
            self._replan_if_visible()
        self.refresh_views()

    # ------------------------------------------------------------------ export

    def export_folder(self) -> Path:
        if self.kiosk:
            return self.settings.kiosk_dir()
        return Path(self.plans_folder.strip() or DEFAULT_PLANS_FOLDER).expanduser()

    def export_plan(self, fmt: str) -> None:
        case = self.case
        if case.plan is None or case.plan_key != case.plan_inputs():
            self.export_state = "✗ There is no plan to save yet: " + (self.plan_state or "it is still being made.")
            self.refresh_views()
            return
        plan = case.plan if self.kiosk else dataclasses.replace(case.plan, notes=case.notes.strip())
        self.export_state = f"Saving the {FORMAT_NAMES[fmt]} plan…"
        self.refresh_views()
        self._export(plan, fmt, self.export_folder())

    @work(thread=True, exclusive=False, exit_on_error=False, group="export")
    def _export(self, plan, fmt: str, folder: Path) -> None:
        from ..guidance.plan import export_plan

        path = export_plan(plan, fmt, directory=folder)
        store_error = None
        if self._saver is not None and not self._store_broken:
            try:
                sid = self._saver.flush()
                if sid is not None:
                    self.store.add_plan(sid, path, fmt)
            except StoreError as err:
                store_error = err
        self.post_message(self.Exported(fmt, path, store_error))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        name = FORMAT_NAMES[message.fmt]
        if self.kiosk:
            self.export_state = f"✔ Your plan ({name}) is saved as {message.path} — ask a staff member to print it."
        else:
            self.export_state = f"✔ {name} plan saved to {message.path}"
        self.refresh_views()
        if message.store_error is not None:
            self._store_failed(message.store_error)

    # ------------------------------------------------------------------ navigation and keys

    def action_goto(self, step: int) -> None:
        if isinstance(self.screen, ModalScreen) or step not in STEPS:
            return
        if type(self.screen) is STEPS[step]:
            return
        self.switch_screen(STEPS[step]())

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.mode))

    def action_toggle_contrast(self) -> None:
        base = self.settings.theme if self.settings.theme != HIGH_CONTRAST else "textual-dark"
        self.theme = base if self.theme == HIGH_CONTRAST else HIGH_CONTRAST

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.kiosk and action in ("sessions", "new_session", "save", "quit", "screenshot", "change_theme", "suspend_process"):
            return False
        return True

    def action_help_quit(self) -> None:
        if not self.kiosk:
            self.notify("Press ctrl+q to quit (the session is saved first).", timeout=4)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if not self.kiosk:
            for command in super().get_system_commands(screen):
                if command.title not in ("Quit", "Keys"):  # replaced by ours below
                    yield command
            yield SystemCommand("Quit", "Save the session and quit (ctrl+q)", self.action_quit)
        yield SystemCommand("Step 1: words", "The jobseeker's own words (F2)", lambda: self.action_goto(1))
        yield SystemCommand("Step 2: strengths", "The competency pyramid: confirm, reject, add (F3)", lambda: self.action_goto(2))
        yield SystemCommand("Step 3: goal", "Pick an industry or a job; jobs that fit now (F4)", lambda: self.action_goto(3))
        yield SystemCommand("Step 4: plan", "Gaps, training, next steps and wages (F5)", lambda: self.action_goto(4))
        yield SystemCommand("Match now", "Match the words again now (ctrl+r)", self.action_match_now)
        yield SystemCommand("High contrast", "Turn high-contrast colours on or off (ctrl+t)", self.action_toggle_contrast)
        yield SystemCommand("Keys", "Show every key (F1)", self.action_help)
        yield SystemCommand("Save plan as PDF", "Export the plan to print (F9)", lambda: self.export_plan("pdf"))
        yield SystemCommand("Save plan as HTML", "Export the plan as a web page (F8)", lambda: self.export_plan("html"))
        if self.kiosk:
            yield SystemCommand("Start over", "Clear every answer and go back to step 1", self.action_start_over)
        else:
            yield SystemCommand("Save plan as Markdown", "Export the plan as Markdown (F7)", lambda: self.export_plan("md"))
            yield SystemCommand("Saved sessions", "List, search, reopen and delete sessions (F6)", self.action_sessions)
            yield SystemCommand("New session", "Start a new jobseeker; the current one stays saved (ctrl+n)", self.action_new_session)
            yield SystemCommand("Save session now", "Write the session now (ctrl+s)", self.action_save)

    # ------------------------------------------------------------------ worker errors

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        group = event.worker.group
        if isinstance(error, StoreError):
            self._store_failed(error)
        elif isinstance(error, InputError) and group == "match":
            self.match_state = f"✗ {error.title}: {error}"
            self.refresh_views()
        elif isinstance(error, InputError) and group == "plan":
            self.plan_state = f"✗ {error.title}: {error}"
            self.refresh_views()
        elif isinstance(error, AdvisorError) and group == "export":
            self.export_state = f"✗ {error.title}: {error.message}"
            self.refresh_views()
            self.show_error(error)
        else:
            if group == "matcher":
                self.model_status = "✗ The language model could not be loaded"
            self.show_error(error)


# ---------------------------------------------------------------------- factory


def make_app(
    mode: str = "advisor",
    skills: str | None = None,
    target: str | None = None,
    advisor=None,
    store=None,
    settings: Settings | None = None,
    **options,
) -> AdvisorApp:
    """The app, for the CLI and the tests.

    ``advisor``: a loaded :class:`~advisor.guidance.service.Advisor` (loaded here, data only, if
    not given; the model then loads in a worker after the first screen paints). ``store``: a
    ``SessionStore``, or a path to one (advisor mode; opened here, and a ``StoreError`` becomes a
    modal while the app keeps working in memory). ``options`` go to :class:`AdvisorApp`
    (``idle_seconds``, ``countdown_seconds``, ``debounce``, ``autosave_delay``, ``plans_folder``, ``today``).
    """
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
        store = None
    elif store is None or isinstance(store, (str, Path)):
        from ..store import SessionStore

        try:
            store = SessionStore(store)
        except StoreError as err:
            errors.append(err)
            store = None
    return AdvisorApp(mode, advisor, settings, store, skills, target, startup_errors=errors, **options)


def run_app(mode: str = "advisor", skills: str | None = None, target: str | None = None) -> int:
    """Run the app in this terminal; returns the exit code."""
    app = make_app(mode, skills=skills, target=target)
    try:
        app.run()
    finally:
        if app.store is not None:
            app.store.close()
    return int(app.return_code or 0)
