"""Step 3: pick a goal, an industry model or a ladder occupation, from a filtered list; the
jobs that fit the profile now are suggested with the share of their needs already covered."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...errors import InputError
from ...guidance.gaps import resolve_target
from ...guidance.plan.content import pct
from ..messages import TargetChosen
from .base import StepScreen

FITS_SHOWN = 8
ONET_HINT = "import O*NET for every job"
#: why an O*NET occupation fits, in a few words (the plan says it in full)
FIT_HOW = {"same": "your past work", "licence": "your licence or certificate", "related": "related to your work",
           "tasks": "close to what you did", "starter": "a common job"}


class TargetScreen(StepScreen):
    STEP = 3
    CSS_PATH = "target.tcss"
    BINDINGS = [
        Binding("down", "list_down", show=False),
        Binding("up", "list_up", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static(self.words.goal_hint, classes="hint", markup=False)
        yield Input(placeholder="Filter, e.g. cashier, health care, welding, driver", id="filter")
        with Horizontal(id="lists"):
            goals = OptionList(id="goals")
            goals.can_focus = False  # the filter's up/down and enter drive it: tab goes to the jobs that fit
            yield goals
            yield OptionList(id="fits")
        yield Static(id="chosen", classes="message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#goals").border_title = "Industries and jobs"
        self._fill_goals("")
        self.query_one("#filter", Input).focus()
        self.refresh_case()

    # -- the goals list

    def _goal_options(self, query: str) -> list[Option]:
        """Industries with their jobs; an industry is listed when it or one of its jobs matches.
        Prompts are Text: a user model's name is shown as written, never read as markup."""
        adv = self.advisor
        words = query.lower().split()
        current = self.case.target
        out: list[Option] = []
        for model in adv.catalog.models.values():
            if not self.app.technical and model.id == "building-blocks":
                continue  # not an industry: only advisors pick it
            rungs = adv.ladders.for_model(model.id)
            model_hay = f"{model.name} {model.id}".lower()
            model_hit = all(w in model_hay for w in words)
            jobs = [r for r in rungs if model_hit or all(w in f"{r.title} {r.soc_title} {r.summary} {model.name}".lower() for w in words)]
            if not model_hit and not jobs:
                continue
            mark = "✔ " if current == model.id else ""
            out.append(Option(Text(f"{mark}Industry · {model.name}"), id=f"model:{model.id}"))
            if words and not model_hit and self._first_hit is None:
                self._first_hit = len(out)  # the first job that matched, not its industry
            for r in jobs:
                mark = "✔ " if current == r.id else ""
                out.append(Option(Text(f"   {mark}Job · {r.title} (level {r.level})"), id=f"rung:{r.id}"))
        return out

    def _fill_goals(self, query: str) -> None:
        goals = self.query_one("#goals", OptionList)
        self._first_hit = None
        options = self._goal_options(query)
        goals.clear_options()
        goals.add_options(options or [Option("Nothing matches the filter", disabled=True)])
        ids = [o.id for o in options]
        current = self.case.target
        for key in (f"rung:{current}", f"model:{current}"):
            if key in ids and not query.strip():
                goals.highlighted = ids.index(key)
                break
        else:
            goals.highlighted = (self._first_hit or 0) if options else None
        if len(query.strip()) >= 3:
            self._search_onet(query)  # with O*NET imported: any occupation by its title, off the UI thread

    @work(thread=True, exclusive=True, exit_on_error=False, group="goal-search")
    def _search_onet(self, query: str) -> None:
        found = self.advisor.search_occupations(query)
        if found:
            self.app.call_from_thread(self._add_onet, query, found)

    def _add_onet(self, query: str, found: list[tuple[str, str, str]]) -> None:
        """The O*NET occupations a search found ("onet:" goals), below the ladders' matches, if
        the filter still says what was searched."""
        if not self.is_mounted or self.query_one("#filter", Input).value != query:
            return
        goals = self.query_one("#goals", OptionList)
        nothing = goals.option_count == 1 and goals.get_option_at_index(0).disabled
        if nothing:
            goals.clear_options()
        current = self.case.target
        goals.add_options([Option(Text(f"{'✔ ' if current == f'onet:{code}' else ''}O*NET · {title} ({soc})"), id=f"onet:onet:{code}")
                           for code, title, soc in found])
        if nothing:
            goals.highlighted = 0

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill_goals(event.value)

    @on(Input.Submitted, "#filter")
    def _submit(self) -> None:
        goals = self.query_one("#goals", OptionList)
        if goals.highlighted is not None:
            self._choose(goals.get_option_at_index(goals.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if not option_id:
            return
        spec = option_id.partition(":")[2]
        self.post_message(TargetChosen(spec))
        self.app.action_goto(4)

    def action_list_down(self) -> None:
        self._active_list().action_cursor_down()

    def action_list_up(self) -> None:
        self._active_list().action_cursor_up()

    def _active_list(self) -> OptionList:
        focused = self.focused
        return focused if isinstance(focused, OptionList) else self.query_one("#goals", OptionList)

    # -- the case

    def refresh_case(self) -> None:
        if not self.is_mounted:
            return
        case = self.case
        fits = self.query_one("#fits", OptionList)
        fits.clear_options()
        fits.border_title = "Fit now · all jobs" if case.occupation_fits else "Fit now · % covered"
        # without O*NET, the advisor sees in one line how to rank every occupation
        fits.border_subtitle = ONET_HINT if self.app.technical and not case.occupation_fits and not self.advisor.onet_imported else ""
        profile = case.profile if case.matched_text == case.text else None
        if profile is None:
            fits.add_option(Option(self.words.no_words_goal, disabled=True))
        else:
            for fit in case.occupation_fits[:FITS_SHOWN]:  # with O*NET imported: every occupation
                label = Text(fit.title)
                label.append(f" · {FIT_HOW.get(fit.how, '')}", style="dim")
                fits.add_option(Option(label, id=f"onet:onet:{fit.code}"))
            for fit in [] if case.occupation_fits else case.fits[:FITS_SHOWN]:  # computed with the match, not here
                label = Text(f"{pct(fit.coverage):>4}  {fit.rung.title}")
                if fit.needs:  # not an apply-now job: the first thing to hold first
                    label.append(f" · needs {fit.needs[0]} first", style="dim")
                fits.add_option(Option(label, id=f"rung:{fit.rung.id}"))
            fits.highlighted = 0 if fits.option_count else None
        chosen = self.query_one("#chosen", Static)
        if case.target:
            chosen.update(f"Goal: ✔ {self._title(case.target)} · F5: the plan")
        else:
            chosen.update("No goal chosen yet.")

    def _title(self, spec: str) -> str:
        if spec.startswith("onet:"):
            title = self.advisor.target_title(spec)
            return f"{title} (O*NET occupation)" if title else f"{spec} (unknown)"
        try:
            t = resolve_target(spec, self.advisor.catalog, self.advisor.ladders)
        except InputError:
            return f"{spec} (unknown)"
        return f"{t.title} ({'industry' if t.kind == 'model' else 'job'})"
