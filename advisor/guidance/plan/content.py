"""What a plan says, once: its title, summary, sections and labels. Every view draws these.

Cells are plain text; each renderer (TUI, Markdown, HTML, PDF) escapes them for its format, so
every format carries the same content and the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..gaps import DEMONSTRATED, GAP, POSSIBLE
from ..training import Resource
from ..wages import format_wage
from .model import SOURCES_LINE, Plan
#: the one vocabulary of labels every view of a plan uses (TUI, Markdown, HTML, PDF)
STATUS_LABELS = {DEMONSTRATED: "Shown", POSSIBLE: "Ask about", GAP: "To build"}
STEP_LABELS = {"target": "Goal", "up": "Step up", "lateral": "Sideways move"}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "pdf": "PDF", "json": "JSON"}


def title(plan: Plan) -> str:
    return f"Gap plan: {plan.target.title}"


def who(plan: Plan) -> str:
    return plan.name or "Jobseeker"


def pct(x: float) -> str:
    return f"{round(100 * x)}%"


def step_label(kind: str) -> str:
    return STEP_LABELS.get(kind, kind)


def status_label(status: str) -> str:
    return STATUS_LABELS[status]


def training_text(r: Resource) -> str:
    bits = [r.name]
    if r.local:
        bits.append(f"at {r.provider}" + (f", {r.location}" if r.location else ""))
    bits.append(f"{r.length}; {r.cost}")
    if r.wioa in ("usually", "sometimes"):
        bits.append(f"WIOA funds {r.wioa} apply")
    return " - ".join(bits)




@dataclass
class Section:
    """One part of the printed plan. Cells are plain text (lines split by newlines); each
    renderer escapes them for its format, so every format carries the same content."""

    title: str
    headers: list[str] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)  # percent of the page width
    rows: list[list[str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # paragraphs (or checklist items)
    checklist: bool = False
    notes: bool = False


def summary_lines(plan: Plan) -> list[str]:
    return [
        f"For: {who(plan)}",
        f"Date: {plan.date.isoformat()}",
        f"Area for wages: {plan.area.name}",
        f"Coverage of the goal: {pct(plan.coverage)} ({plan.counts.get(DEMONSTRATED, 0)} shown, "
        f"{plan.counts.get(POSSIBLE, 0)} to ask about, {plan.counts.get(GAP, 0)} to build)",
    ]


def sections(plan: Plan) -> list[Section]:
    out = []
    s = Section("Strengths", ["Competency", "Tier", "Status", "Evidence"], [26, 7, 12, 55])
    for st in plan.strengths:
        ev = f'"{st.phrase}" ~ {st.matched}' if st.phrase else f"added by the advisor ({st.source})"
        s.rows.append([st.competency.name, str(st.competency.tier), status_label(st.status), ev])
    if not s.rows:
        s.lines.append("No clear strengths yet: talk through past jobs, volunteering and school.")
    out.append(s)

    s = Section(f"Gaps for {plan.target.title}", ["Competency", "Tier", "Status", "Suggested training"], [26, 7, 12, 55])
    for g in plan.gaps:
        training = "\n".join(training_text(r) for r in g.training) or "On-the-job learning; ask the advisor"
        s.rows.append([g.competency.name, str(g.competency.tier), status_label(g.status), training])
    if not s.rows:
        s.lines.append("No gaps: every competency the goal needs is shown.")
    out.append(s)

    s = Section("Next steps on the career ladder", ["Move", "Job (SOC)", "Wage in area", "Entry education", "What it takes"], [11, 22, 17, 17, 33])
    for st in plan.steps:
        takes = st.takes or ("; ".join(c.name for c in st.adds[:4]) or "Ready now")
        s.rows.append([step_label(st.kind), f"{st.rung.title} ({st.rung.soc})", format_wage(st.wage), st.rung.education, takes])
    if not s.rows:
        s.lines.append("No ladder steps for this goal.")
    notes = [st.wage.note() for st in plan.steps if st.wage and st.wage.note()]
    if notes:
        s.lines.append(f"Note: {notes[0]}.")
    out.append(s)

    s = Section("Jobs that fit now", ["Job (SOC)", "Covered", "Wage in area", "Gaps"], [30, 10, 22, 38])
    for f in plan.fits:
        gaps = ", ".join(c.name for c in f.gaps) or "none"
        needs = f"Needs first: {'; '.join(f.needs)}. " if f.needs else ""
        s.rows.append([f"{f.rung.title} ({f.rung.soc})", pct(f.coverage), format_wage(f.wage), needs + gaps])
    out.append(s)
    out.append(Section("Action checklist", lines=list(plan.checklist), checklist=True))
    out.append(Section("Advisor notes", lines=[plan.notes] if plan.notes else [], notes=True))
    return out


def footer_line(plan: Plan) -> str:
    return f"{SOURCES_LINE} Plan made {plan.date.isoformat()}."


