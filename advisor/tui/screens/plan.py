"""Step 4: the gap plan. Gaps with training, the next ladder steps with local wages, the jobs that
fit now; an area field (US, a state code or a metro name) with a clear error line; exports to
Markdown, HTML and PDF in a chosen folder (kiosk: only the kiosk folder) with the full path shown."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from ...guidance.gaps import DEMONSTRATED, GAP, POSSIBLE
from ...guidance.wages import format_wage
from ..render import status_text
from .base import StepScreen

MOVES = {"target": "Goal", "up": "Step up", "lateral": "Sideways"}


class PlanScreen(StepScreen):
    STEP = 4
    CSS_PATH = "plan.tcss"
    BINDINGS = [
        Binding("f7", "export('md')", "Markdown", priority=True),
        Binding("f8", "export('html')", "HTML", priority=True),
        Binding("f9", "export('pdf')", "PDF", priority=True),
    ]

    def compose_body(self) -> ComposeResult:
        case = self.case
        with Horizontal(id="area-row"):
            yield Label("Area for pay: " if self.kiosk else "Wages for: ", id="area-label")
            yield Input(case.area, placeholder="US, OH or a city", id="area", compact=True)
            yield Static(id="area-status", markup=False)
        yield Static(id="area-error", classes="message error", markup=False)
        with VerticalScroll(id="report"):
            yield Static(id="plan-body")
            if not self.kiosk:
                yield Label("Advisor notes (printed on the plan)", classes="section-title")
                yield TextArea(case.notes, id="notes", soft_wrap=True, tab_behavior="focus")
        with Horizontal(id="export-row"):
            if self.kiosk:
                yield Button("Save my plan to print (PDF)", id="export-pdf", variant="primary", compact=True)
                yield Button("Save as a web page (HTML)", id="export-html", compact=True)
            else:
                yield Label("Save to folder: ", id="folder-label")
                yield Input(self.app.plans_folder, id="folder", compact=True)
                yield Button("Markdown F7", id="export-md", compact=True)
                yield Button("HTML F8", id="export-html", compact=True)
                yield Button("PDF F9", id="export-pdf", compact=True, variant="primary")
        yield Static(id="export-status", classes="message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#report").focus()
        self.app.request_plan()
        self.refresh_case()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "export" and self.kiosk and parameters and parameters[0] not in ("pdf", "html"):
            return False
        return True

    # -- inputs

    @on(Input.Changed, "#area")
    def _area_changed(self, event: Input.Changed) -> None:
        self.app.set_area(event.value)

    @on(Input.Submitted, "#area")
    def _area_submitted(self, event: Input.Submitted) -> None:
        self.app.set_area(event.value, now=True)

    @on(Input.Changed, "#folder")
    def _folder_changed(self, event: Input.Changed) -> None:
        self.app.plans_folder = event.value

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        self.app.set_field("notes", event.text_area.text)

    @on(Button.Pressed, "#export-md")
    def _md(self) -> None:
        self.action_export("md")

    @on(Button.Pressed, "#export-html")
    def _html(self) -> None:
        self.action_export("html")

    @on(Button.Pressed, "#export-pdf")
    def _pdf(self) -> None:
        self.action_export("pdf")

    def action_export(self, fmt: str) -> None:
        self.app.export_plan(fmt)

    # -- drawing

    def refresh_case(self) -> None:
        if not self.is_mounted:
            return
        app, case = self.app, self.case
        bad = app.area_state.startswith("✗")
        self.query_one("#area-status", Static).update(
            "✗ not found (see below)" if bad else (app.area_state or "US, a state code such as OH, or a metro name"))
        error = self.query_one("#area-error", Static)
        error.update(app.area_state if bad else "")
        error.display = bad
        export = self.query_one("#export-status", Static)
        export.update(app.export_state)
        export.set_class(app.export_state.startswith("✗"), "error")
        body = self.query_one("#plan-body", Static)
        if case.plan is not None and case.plan_key == case.plan_inputs():
            body.update(plan_view(case.plan, self.kiosk))
        else:
            body.update(Text(app.plan_state or "Making the plan…", style="italic"))
        if not self.kiosk:
            notes = self.query_one("#notes", TextArea)
            if notes.text != case.notes:
                notes.load_text(case.notes)


# --------------------------------------------------------------------------- the plan, drawn


def plan_view(plan, kiosk: bool = False) -> Group:
    counts = plan.counts
    head = Text()
    head.append(f"Gap plan: {plan.target.title}", style="bold")
    if plan.name:
        head.append(f"  ·  for {plan.name}")
    head.append(f"  ·  wages: {plan.area.name}")
    cover = Text()
    cover.append(f"Coverage of the goal: {round(100 * plan.coverage)}%  ", style="bold")
    cover.append_text(status_text("shown", pad=False))
    cover.append(f" {counts.get(DEMONSTRATED, 0)}   ")
    cover.append_text(status_text("ask", pad=False))
    cover.append(f" {counts.get(POSSIBLE, 0)}   ")
    cover.append_text(status_text("gap", pad=False))
    cover.append(f" {counts.get(GAP, 0)}")
    parts: list = [head, cover, Text("")]

    parts.append(Text("Things to build, with training" if kiosk else "Gaps and training", style="bold underline"))
    if plan.gaps:
        table = Table(box=None, expand=True, show_edge=False, padding=(0, 1), header_style="bold")
        table.add_column("Status", no_wrap=True)
        table.add_column("Competency", ratio=2)
        table.add_column("Training", ratio=3)
        for g in plan.gaps:
            training = "; ".join(_course(r) for r in g.training[:2]) or "Learn on the job; ask an advisor"
            table.add_row(status_text("gap" if g.status == GAP else "ask", pad=False), g.competency.name, training)
        parts.append(table)
    else:
        parts.append(Text("No gaps: everything this goal needs is shown."))
    parts.append(Text(""))

    parts.append(Text("Your next steps" if kiosk else "Next steps on the career ladder", style="bold underline"))
    if plan.steps:
        table = Table(box=None, expand=True, show_edge=False, padding=(0, 1), header_style="bold")
        table.add_column("Move", no_wrap=True)
        table.add_column("Job", ratio=2)
        table.add_column(f"Wage ({plan.area.name})", ratio=2)
        table.add_column("What it takes", ratio=3)
        for s in plan.steps:
            takes = s.takes or "; ".join(c.name for c in s.adds[:3]) or "Ready now"
            table.add_row(MOVES.get(s.kind, s.kind), f"{s.rung.title} ({s.rung.soc})", format_wage(s.wage), takes)
        parts.append(table)
        notes = [s.wage.note() for s in plan.steps if s.wage and s.wage.note()]
        if notes:
            parts.append(Text(f"Note: {notes[0]}.", style="italic"))
    else:
        parts.append(Text("No ladder steps for this goal."))
    parts.append(Text(""))

    parts.append(Text("Jobs that fit now", style="bold underline"))
    if plan.fits:
        table = Table(box=None, expand=True, show_edge=False, padding=(0, 1), header_style="bold")
        table.add_column("Covered", no_wrap=True, justify="right")
        table.add_column("Job", ratio=2)
        table.add_column("Wage", ratio=2)
        for f in plan.fits:
            table.add_row(f"{round(100 * f.coverage)}%", f.rung.title, format_wage(f.wage))
        parts.append(table)
    parts.append(Text(""))
    parts.append(Text("To do", style="bold underline"))
    for item in plan.checklist:
        parts.append(Text(f"☐ {item}"))
    return Group(*parts)


def _course(resource) -> str:
    """A training resource in a few words: its name, and its length when that is short."""
    length = resource.length if len(resource.length) <= 24 else ""
    return resource.name + (f" ({length})" if length else "")
