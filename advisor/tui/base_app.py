""":class:`BaseApp`, what both modes of the app share: the case, the workers and their messages,
navigation, one handler for worker errors. The modes subclass it (:mod:`~advisor.tui.advisor_app`,
:mod:`~advisor.tui.kiosk_app`); screens post :mod:`~advisor.tui.messages` and read ``app.words``
and the app's capabilities. Workers call plain core functions and post a message; answers for
inputs changed since are dropped. The words are matched once per change; the jobs that fit are
computed with that match and the plan is built from it. The factory is :mod:`advisor.tui.app`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from ..case import Case
from ..config import Settings
from ..errors import AdvisorError, InputError, StoreError
from ..guidance.gaps import DEMONSTRATED, POSSIBLE
from ..guidance.plan.content import FORMAT_NAMES
from . import messages as m
from .keys import step_commands
from .messages import IDLE, Status
from .screens.base import StepScreen
from .screens.help import HelpScreen
from .screens.intake import IntakeScreen
from .screens.modals import ErrorModal
from .screens.plan import PlanScreen
from .screens.strengths import StrengthsScreen
from .screens.target import FITS_SHOWN, TargetScreen
from .theme import HIGH_CONTRAST, high_contrast
from .words import AdvisorWords

STEPS: dict[int, type[StepScreen]] = {1: IntakeScreen, 2: StrengthsScreen, 3: TargetScreen, 4: PlanScreen}
LOADING = Status("busy", "Loading the language model…")
READY = Status("ok", "Ready")
WAITING = Status("busy", "Waiting for the language model…")
WAITING_KEPT = Status("busy", "Waiting for the language model… (your words are kept)")
MATCHING = Status("busy", "Matching…")


class BaseApp(App[int]):
    """The case, the workers and their messages, navigation: everything both modes share."""

    CSS_PATH = ["app.tcss", "screens/base.tcss"]
    TITLE = "Competency Advisor"
    BINDINGS = [
        Binding("f1", "help", "Help", priority=True),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f2", "goto(1)", "Words", priority=True),
        Binding("f3", "goto(2)", "Strengths", priority=True),
        Binding("f4", "goto(3)", "Goal", priority=True),
        Binding("f5", "goto(4)", "Plan", priority=True),
        Binding("ctrl+r", "match_now", "Match", show=False, priority=True),
        Binding("ctrl+t", "toggle_contrast", "Contrast", show=False),
    ]

    #: overridden by each mode
    mode = "advisor"
    words = AdvisorWords
    guided = False  # one guided path: big Back / Next buttons, plain step names
    technical = True  # competency ids, tiers and models shown; every industry offered as a goal
    can_save_sessions = False
    asks_name = True  # a name or case id, printed on the plan
    can_write_notes = True
    can_choose_folder = True
    export_formats: tuple[str, ...] = ("md", "html", "pdf")

    model_status: reactive[Status] = reactive(LOADING)
    save_status: reactive[Status] = reactive(IDLE)

    def __init__(self, advisor, settings: Settings, store=None, skills: str | None = None, target: str | None = None, *,
                 startup_errors: Iterable[AdvisorError] = (), debounce: float = 0.4, today: dt.date | None = None):
        super().__init__()
        self.advisor = advisor
        self.settings = settings
        self.store = store
        self._startup_errors = list(startup_errors)
        self.debounce = debounce
        self.today = today
        self.case = Case(area=settings.area or "US", text=skills or "", target=target or "")
        self._generation = 0  # bumped whenever the case is replaced, so late answers are dropped
        self._debouncers: dict[str, Timer] = {}
        self._area_text = self.case.area
        self.match_state = self.plan_state = self.area_state = self.export_state = IDLE
        self.title, self.sub_title = self.words.title, self.words.sub_title
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
        self.started()
        for err in self._startup_errors:
            self.show_error(err)
        if self.case.text.strip():
            self.case_changed()
            self.request_match()
        if not self.advisor.ready:
            self._load_matcher()
        else:
            self.model_status = READY

    def started(self) -> None:
        """The first screen is up: a mode starts its own things here (timers, notices)."""

    @work(thread=True, exclusive=True, exit_on_error=False, group="matcher")
    def _load_matcher(self) -> None:
        def progress(label: str, done: int, total: int) -> None:
            self.call_from_thread(setattr, self, "model_status", Status("busy", f"{LOADING.text} {label} {done}/{total}"))

        self.advisor.ensure_matcher(progress=progress)
        self.advisor.match("warming up: stocked shelves")  # the first match is slow; do it now
        self.advisor.wages  # warm the wage table too, so the plan step answers at once
        self.post_message(m.MatcherReady())

    @on(m.MatcherReady)
    def _matcher_ready(self) -> None:
        self.model_status = READY
        if self.match_state == WAITING_KEPT:
            self.request_match()

    # ------------------------------------------------------------------ views

    def refresh_views(self) -> None:
        """Ask every step screen on the stack to redraw from ``self.case``."""
        for screen in self.screen_stack:
            if isinstance(screen, StepScreen) and screen.is_mounted:
                screen.refresh_case()

    def show_error(self, error: BaseException) -> None:
        self.push_screen(ErrorModal.of(error))

    def _debounce(self, name: str, delay: float, callback) -> None:
        old = self._debouncers.pop(name, None)
        if old is not None:
            old.stop()
        self._debouncers[name] = self.set_timer(delay, callback, name=name)

    def _forget_work(self) -> None:
        """Drop every answer on its way and every pending timer: the case is being replaced."""
        for timer in self._debouncers.values():
            timer.stop()
        self._debouncers.clear()
        self._generation += 1

    def replace_case(self, case: Case) -> None:
        self.case = case
        self._area_text = case.area
        self.match_state = self.plan_state = self.area_state = self.export_state = IDLE

    def case_changed(self) -> None:
        """A saved field of the case changed (advisor mode autosaves it)."""

    def store_failed(self, error: StoreError) -> None:
        self.show_error(error)

    # ------------------------------------------------------------------ editing the case

    @on(m.TextChanged)
    def _text_changed(self, message: m.TextChanged) -> None:
        if message.text == self.case.text:
            return
        self.case.text = message.text
        self.case_changed()
        self._debounce("match", self.debounce, self.request_match)
        if not message.text.strip():
            self.request_match()

    @on(m.FieldChanged)
    def _field_changed(self, message: m.FieldChanged) -> None:
        if getattr(self.case, message.name) == message.value:
            return
        setattr(self.case, message.name, message.value)
        self.case_changed()
        if message.name == "name":
            self._replan_if_visible()

    @on(m.Correction)
    def _corrected(self, message: m.Correction) -> None:
        case = self.case
        case.correct(message.comp_id, message.action)
        if case.profile is not None:
            case.fits = self.advisor.fits(case.profile, limit=None)  # once per correction, no matching
        self.case_changed()
        self.refresh_views()

    @on(m.TargetChosen)
    def _target_chosen(self, message: m.TargetChosen) -> None:
        if message.spec == self.case.target:
            return
        self.case.target = message.spec
        self.case.plan = None
        self.case_changed()
        self.refresh_views()

    # ------------------------------------------------------------------ matching

    def action_match_now(self) -> None:
        self.request_match()

    def request_match(self) -> None:
        timer = self._debouncers.pop("match", None)
        if timer is not None:
            timer.stop()
        case = self.case
        if not case.text.strip():
            case.profile, case.fits, case.occupation_fits, case.matched_text = None, [], [], None
            self.match_state = IDLE
            self.refresh_views()
            return
        if case.profile is not None and case.matched_text == case.text:
            return
        self.match_state = MATCHING if self.advisor.ready else WAITING_KEPT
        if self.advisor.ready:  # no worker that only waits for the model: it holds a thread the saves need
            self._match(case.text, case.corrections())
        self.refresh_views()

    @work(thread=True, exclusive=True, exit_on_error=False, group="match")
    def _match(self, text: str, corrections) -> None:
        profile = self.advisor.profile(text, corrections, widened=self.case.widened)  # the one match of these words
        fits = self.advisor.fits(profile, limit=None)
        self.post_message(m.Matched(text, profile, fits, corrections, self.advisor.occupation_fits(profile, limit=FITS_SHOWN) or []))

    @on(m.Matched)
    def _matched(self, message: m.Matched) -> None:
        case = self.case
        if message.text != case.text:
            return  # stale: the words changed while matching
        case.profile, case.fits, case.occupation_fits = message.profile, message.fits, message.occupation_fits
        if message.corrections != case.corrections() or message.profile.widened != case.widened:  # corrected while matching
            case.profile = self.advisor.reprofile(message.profile, case.corrections(), case.widened)
            case.fits = self.advisor.fits(case.profile, limit=None)
        case.matched_text = message.text
        statuses = list(case.profile.status.values())
        self.match_state = self.words.match_found(statuses.count(DEMONSTRATED), statuses.count(POSSIBLE))
        self.refresh_views()
        self._replan_if_visible()

    # ------------------------------------------------------------------ the plan

    def _replan_if_visible(self) -> None:
        if isinstance(self.screen, PlanScreen):
            self._debounce("plan", self.debounce, self.request_plan)

    @on(m.PlanWanted)
    def request_plan(self) -> None:
        case = self.case
        if not case.text.strip():
            self.plan_state = Status("idle", self.words.no_words_plan)
        elif not case.target:
            self.plan_state = Status("idle", "Pick a goal first (F4).")
        else:
            key = case.plan_inputs()
            if case.plan is not None and case.plan_key == key:
                return
            if case.profile is None or case.matched_text != case.text:
                # the plan is built from the match of these words: it follows when that arrives
                self.plan_state = WAITING if not self.advisor.ready else MATCHING
                if self._debouncers.get("match") is None:
                    self.request_match()
            else:
                self.plan_state = Status("busy", "Making the plan…")
                self._plan(key, case.profile, case.fits, case.occupation_fits, case.target, case.area, case.name)
        self.refresh_views()

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan")
    def _plan(self, key: tuple, profile, fits, occupation_fits, target: str, area: str, name: str) -> None:
        plan = self.advisor.plan(profile, target, area, name=name, fits=fits, today=self.today, occupation_fits=occupation_fits)
        self.post_message(m.Planned(key, plan))

    @on(m.Planned)
    def _planned(self, message: m.Planned) -> None:
        if message.key != self.case.plan_inputs():
            return  # stale
        self.case.plan, self.case.plan_key = message.plan, message.key
        self.plan_state = IDLE
        self.refresh_views()

    @on(m.AreaChanged)
    def _area_changed(self, message: m.AreaChanged) -> None:
        self._area_text = message.text
        if message.now:
            self._check_area(message.text)
        else:
            self._debounce("area", self.debounce, lambda: self._check_area(self._area_text))

    @work(thread=True, exclusive=True, exit_on_error=False, group="area")
    def _check_area(self, text: str) -> None:
        try:
            area = self.advisor.area(text.strip() or "US")
        except InputError as err:
            self.post_message(m.AreaChecked(text, error=err))
        else:
            self.post_message(m.AreaChecked(text, area=area))

    @on(m.AreaChecked)
    def _area_checked(self, message: m.AreaChecked) -> None:
        if message.text != self._area_text:
            return  # stale
        if message.error is not None:
            err = message.error
            self.area_state = Status("error", f"{err.message[:1].upper()}{err.message[1:]}" + (f" — {err.hint}" if err.hint else ""))
            self.refresh_views()
            return
        self.area_state = Status("ok", message.area.name)
        text = message.text.strip() or "US"
        if text != self.case.area:
            self.case.area = text
            self.case_changed()
            self._replan_if_visible()
        self.refresh_views()

    # ------------------------------------------------------------------ export

    def export_folder(self) -> Path:
        raise NotImplementedError

    @on(m.ExportRequested)
    def _export_requested(self, message: m.ExportRequested) -> None:
        self.export_plan(message.fmt)

    def export_plan(self, fmt: str) -> None:
        case = self.case
        if fmt not in self.export_formats:
            return
        if case.plan is None or case.plan_key != case.plan_inputs():
            self.export_state = Status("error", "There is no plan to save yet: " + (str(self.plan_state) or "it is still being made."))
            self.refresh_views()
            return
        plan = dataclasses.replace(case.plan, notes=case.notes.strip())
        self.export_state = Status("busy", f"Saving the {FORMAT_NAMES[fmt]} plan…")
        self.refresh_views()
        self._export(plan, fmt, self.export_folder())

    @work(thread=True, exclusive=False, exit_on_error=False, group="export")
    def _export(self, plan, fmt: str, folder: Path) -> None:
        from ..guidance.plan import export_plan

        path = export_plan(plan, fmt, directory=folder)
        self.post_message(m.Exported(fmt, path, self.exported_file(path, fmt)))

    def exported_file(self, path: Path, fmt: str) -> StoreError | None:
        """A plan was written (on the export worker's thread); advisor mode records it."""
        return None

    @on(m.Exported)
    def _exported(self, message: m.Exported) -> None:
        self.export_state = self.words.exported(FORMAT_NAMES[message.fmt], message.path)
        self.refresh_views()
        if message.store_error is not None:
            self.store_failed(message.store_error)

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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from self.leading_commands(screen)
        yield from step_commands(self)
        yield from self.mode_commands()

    def leading_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from ()

    def mode_commands(self) -> Iterable[SystemCommand]:
        yield from ()

    # ------------------------------------------------------------------ worker errors

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error, group = event.worker.error, event.worker.group
        if isinstance(error, StoreError):
            self.store_failed(error)
        elif isinstance(error, InputError) and group in ("match", "plan"):
            setattr(self, f"{group}_state", Status.of(error))
            self.refresh_views()
        elif isinstance(error, AdvisorError) and group == "export":
            self.export_state = Status.of(error)
            self.refresh_views()
            self.show_error(error)
        else:
            if group == "matcher":
                self.model_status = Status("error", "The language model could not be loaded")
            self.show_error(error)

