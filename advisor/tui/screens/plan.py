"""Step 4: the gap plan, drawn from the same sections and words as the Markdown, HTML and PDF
(:mod:`advisor.guidance.plan.content`): strengths, gaps with training, the next ladder steps with
local wages, the jobs that fit now, the checklist. An area field (US, a state code or a metro
name) with a clear error line; exports in the formats and to the folder the mode allows, with the
full path shown."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from ...guidance.plan.content import Section, sections, summary_lines, title
from ..messages import IDLE, AreaChanged, ContactChanged, ExportRequested, FieldChanged, FolderChanged, PlanWanted
from ..render import label_text
from ..widgets.status import StatusText
from .base import StepScreen
from .modals import ConfirmModal

#: a column whose cells are all this short is kept on one line
SHORT = 12


class PlanScreen(StepScreen):
    STEP = 4
    CSS_PATH = "plan.tcss"
    BINDINGS = [
        # the export buttons say their keys: the footer keeps room for the steps' keys at 80 columns
        Binding("f7", "export('md')", "Markdown", priority=True, show=False),
        Binding("f8", "export('html')", "HTML", priority=True, show=False),
        Binding("f9", "export('pdf')", "PDF", priority=True, show=False),
    ]

    def compose_body(self) -> ComposeResult:
        case, app = self.case, self.app
        with Horizontal(id="area-row"):
            yield Label(self.words.area_label, id="area-label")
            yield Input(case.area, placeholder="US, OH or a city", id="area", compact=True)
            yield Static(id="area-status", markup=False)
        yield StatusText(id="area-error", classes="message error")
        if app.can_choose_folder:  # advisor mode: who the jobseeker follows up with, and when
            from ...config import load_settings

            saved = load_settings()
            with Horizontal(id="contact-row"):
                for key, label, value, hint in (
                    ("advisor_name", "Advisor ", saved.advisor_name, "your name"),
                    ("center_name", "Center ", saved.center_name, "American Job Center"),
                    ("center_contact", "Contact ", saved.center_contact, "phone or email"),
                    ("follow_up_days", "Follow-up in days ", str(saved.follow_up_days), "14"),
                ):
                    yield Label(label, classes="contact-label")
                    yield Input(value, placeholder=hint, id=key, classes="contact", compact=True)
        with VerticalScroll(id="report"):
            yield Static(id="plan-body")
            if app.can_write_notes:
                yield Label("Advisor notes (printed on the plan)", classes="section-title")
                yield TextArea(case.notes, id="notes", soft_wrap=True, tab_behavior="focus")
        with Horizontal(id="export-row"):
            if app.can_choose_folder:
                yield Label("Save to folder: ", id="folder-label")
                yield Input(app.plans_folder, id="folder", compact=True)
            for fmt, label, primary in self.words.export_buttons:
                yield Button(label, id=f"export-{fmt}", name=fmt, classes="export", compact=True,
                             variant="primary" if primary else "default")
        yield StatusText(id="export-status", classes="message")

    def on_mount(self) -> None:
        self.query_one("#report").focus()
        self.post_message(PlanWanted())
        self.refresh_case()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "export" and parameters and parameters[0] not in self.app.export_formats:
            return False
        return True

    # -- inputs

    @on(Input.Changed, "#area")
    def _area_changed(self, event: Input.Changed) -> None:
        self.post_message(AreaChanged(event.value))

    @on(Input.Submitted, "#area")
    def _area_submitted(self, event: Input.Submitted) -> None:
        self.post_message(AreaChanged(event.value, now=True))

    @on(Input.Submitted, ".contact")
    @on(Input.Blurred, ".contact")
    def _contact_changed(self, event) -> None:
        self.post_message(ContactChanged(event.input.id, event.input.value))

    @on(Input.Changed, "#folder")
    def _folder_changed(self, event: Input.Changed) -> None:
        self.post_message(FolderChanged(event.value))

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        self.post_message(FieldChanged("notes", event.text_area.text))

    @on(Button.Pressed, ".export")
    def _export_pressed(self, event: Button.Pressed) -> None:
        self.action_export(event.button.name)

    def action_export(self, fmt: str) -> None:
        self.post_message(ExportRequested(fmt))

    # -- drawing

    def refresh_case(self) -> None:
        if not self.is_mounted:
            return
        app, case = self.app, self.case
        bad = app.area_state.kind == "error"
        self.query_one("#area-status", Static).update(
            "✗ not found (see below)" if bad else (str(app.area_state) or "US, a state code such as OH, or a metro name"))
        error = self.query_one("#area-error", StatusText)
        error.show(app.area_state if bad else IDLE)
        error.display = bad
        self.query_one("#export-status", StatusText).show(app.export_state)
        body = self.query_one("#plan-body", Static)
        if case.plan is not None and case.plan_key == case.plan_inputs():
            body.update(plan_view(case.plan))
        else:
            body.update(Text(str(app.plan_state) or "Making the plan…", style="italic"))
        for notes in self.query("#notes").results(TextArea):
            if notes.text != case.notes:
                notes.load_text(case.notes)


def asks_for_folder(app, fmt: str) -> bool:
    """Before an export to a folder typed on this screen that does not exist yet: ask whether to
    create it (a typo would otherwise leave a stray folder) and export only after a yes. True when
    it asked. The folder the app started with is created without asking."""
    folder = app.export_folder() if app.can_choose_folder else None
    start = getattr(app, "first_plans_folder", None)
    if folder is None or app.case.plan is None or folder.is_dir() or start is None or folder == Path(start).expanduser():
        return False

    def answered(yes: bool | None) -> None:
        if yes:
            app.export_plan(fmt, asked=True)
        else:
            app.notify("Nothing was saved: check the folder name.", title="Not saved", markup=False, timeout=5)

    app.push_screen(ConfirmModal(f"Create the folder {folder}?", yes="Create it and save",
                                 detail="It does not exist yet. Say no to correct the name first."), answered)
    return True


# --------------------------------------------------------------------------- the plan, drawn


def plan_view(plan) -> Group:
    """The plan's title, summary and sections (the advisor's notes are edited below it)."""
    parts: list = [Text(title(plan), style="bold")]
    parts += [Text(line) for line in summary_lines(plan)]
    for section in sections(plan):
        if section.notes:
            continue
        parts += [Text(""), Text(section.title, style="bold underline")]
        parts += [Text(line) for line in section.lead]
        if section.rows:
            parts.append(section_table(section))
        for line in section.lines:
            parts.append(Text(f"☐ {line}") if section.checklist else Text(line, style="italic"))
    return Group(*parts)


def section_table(section: Section) -> Table:
    """A section's rows as a table: short columns on one line, the others share the width by the
    section's percentages; status labels get their glyph and colour."""
    table = Table(box=None, expand=True, show_edge=False, padding=(0, 1), header_style="bold")
    widths = section.widths or [1] * len(section.headers)
    for i, (header, width) in enumerate(zip(section.headers, widths)):
        longest = max(len(line) for row in section.rows for line in [header, *row[i].splitlines()])
        if longest <= SHORT:
            table.add_column(header, no_wrap=True)
        else:
            table.add_column(header, ratio=width)
    status = section.headers.index("Status") if "Status" in section.headers else None
    for row in section.rows:
        table.add_row(*(label_text(cell) if i == status else Text(cell) for i, cell in enumerate(row)))  # words are not markup
    return table
