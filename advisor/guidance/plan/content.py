"""What a plan says, once: its title, summary, sections and labels. Every view draws these.

Cells are plain text; each renderer (TUI, Markdown, HTML, PDF) escapes them for its format, so
every format carries the same content and the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..fits import next_step
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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text without control characters or terminal escapes (a typed name can hold them)."""
    return _CONTROL.sub("", str(text))


def who(plan: Plan) -> str:
    return plan.name or "Jobseeker"


def pct(x: float) -> str:
    return f"{round(100 * x)}%"


def step_label(kind: str) -> str:
    return STEP_LABELS.get(kind, kind)


def status_label(status: str) -> str:
    return STATUS_LABELS[status]


_MONEY = re.compile(r"\$[\d,.]+(?:\s*(?:-|to)\s*\$[\d,.]+)?|\bfree\b|\bno cost\b", re.IGNORECASE)


def short_cost(cost: str) -> str:
    """The first amount or range of a cost ("$5,000-$25,000"), else the text up to its first clause."""
    m = _MONEY.search(cost or "")
    return m.group() if m else (cost or "").split(";")[0].split("(")[0].strip()


def short_length(length: str) -> str:
    return (length or "").split(";")[0].split("(")[0].strip()


def training_text(r: Resource) -> str:
    """One line: name, length, cost and where (the details are in the appendix)."""
    bits = [r.name]
    if r.length:
        bits.append(short_length(r.length))
    if r.cost:
        bits.append(short_cost(r.cost))
    if r.local:
        bits.append(f"at {r.provider}" + (f", {r.location}" if r.location else ""))
    return " - ".join(bits)


ON_THE_JOB = "Learn it on the job: ask the employer about training"


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
    lead: list[str] = field(default_factory=list)  # paragraphs printed before the table


def counts_line(plan: Plan) -> str:
    c = plan.counts
    return (f"{pct(plan.coverage)} of what the goal needs is shown ({c.get(DEMONSTRATED, 0)} shown, "
            f"{c.get(POSSIBLE, 0)} to ask about, {c.get(GAP, 0)} to build)")


def summary_lines(plan: Plan) -> list[str]:
    out = [f"For: {who(plan)}", f"Date: {plan.date.isoformat()}"]
    k = plan.contact
    advisor = ", ".join(x for x in (k.advisor, k.center) if x)
    if advisor:
        out.append(f"Advisor: {advisor}")
    if k.reach:
        out.append(f"Contact: {k.reach}")
    if plan.follow_up:
        out.append(f"Follow-up: {plan.follow_up.isoformat()}")
    out += [f"Area for wages (medians): {plan.area.name}", f"Coverage of the goal: {counts_line(plan)}"]
    return out


def _facts_lines(plan: Plan) -> list[str]:
    facts = plan.facts
    if facts is None:
        return []
    out = []
    held = list(dict.fromkeys(c.name for c in facts.credentials))
    if held:
        out.append("Credentials and education: " + "; ".join(held))
    jobs = []
    for j in facts.titles:
        years = f", {j.years:g} year{'s' if j.years != 1 else ''}" if j.years else ""
        jobs.append(f"{j.title}{years}")
    if jobs:
        out.append("Work experience: " + "; ".join(dict.fromkeys(jobs)))
    return out


def _route_section(plan: Plan) -> Section | None:
    r = plan.route
    if r is None:
        return None
    s = Section(f"How to get into {plan.target.title}", ["Program", "Length", "Cost", "Where"], [40, 22, 18, 20])
    s.lead.append(r.text)
    if r.needs:
        s.lead.append("Before you apply, you still need: " + "; ".join(r.needs) + ".")
    elif plan.target.kind == "onet":
        s.lead.append("This is what most people in the job have, not a fixed rule: ask employers what they require."
                      + (" Beginners are often trained on the job." if r.on_the_job else ""))
    else:
        s.lead.append("You meet the entry requirements we know of." + (" Employers also train beginners on the job." if r.on_the_job else ""))
    for res in r.training:
        if res.local:
            where = f"{res.provider}, {res.location}".strip(", ")
        elif res.kind in ("license", "certification") and getattr(res, "issuer", ""):
            where = res.issuer  # an exam or a card (TWIC, CPhT) comes from its issuer, not a school
        else:
            where = "Schools on the state training list (ETPL)"
        s.rows.append([res.name, short_length(res.length), short_cost(res.cost), where])
    if r.cip:
        s.lines.append("Program codes to look for on the state training list (CIP): " + ", ".join(r.cip))
    return s


def _involves_section(plan: Plan) -> Section | None:
    """An O*NET goal's main tasks and the technology used in it."""
    d = plan.target.details
    if not d or not (d.get("tasks") or d.get("technology")):
        return None
    tasks, shown = d.get("tasks", []), plan.tasks_shown
    if any(shown):  # the tasks the words are close to, marked (never the words themselves)
        s = Section("What the job involves", ["Main tasks (O*NET)", "From what you told us"], [75, 25],
                    rows=[[t, "close to what you have done" if i < len(shown) and shown[i] else ""] for i, t in enumerate(tasks)])
        n = sum(shown)
        s.lead.append(f"{n} of its {len(tasks)} main tasks {'is' if n == 1 else 'are'} close to what you told us you have done.")
    else:
        s = Section("What the job involves", ["Main tasks (O*NET)"], [100], rows=[[t] for t in tasks])
    if d.get("technology"):
        s.lines.append("Technology used on the job: " + ", ".join(d["technology"]) + ".")
        if plan.technology_named:
            s.lines.append("Of these, you named: " + ", ".join(plan.technology_named) + ".")
    return s


def sections(plan: Plan) -> list[Section]:
    out = []
    route = _route_section(plan)
    if route is not None:
        out.append(route)
    involves = _involves_section(plan)
    if involves is not None:
        out.append(involves)
    facts = _facts_lines(plan)
    if facts:
        out.append(Section("What you bring", lines=facts))

    s = Section(f"Strengths for {plan.target.title}", ["Competency", "Area", "How we know"], [30, 22, 48])
    for st in plan.strengths:
        name = st.competency.name + "".join(f" / {a.name}" for a in st.also if a.name != st.competency.name)
        s.rows.append([name, st.area, st.how])
    if not s.rows:
        s.lines.append("No clear strengths for this goal yet: talk through past jobs, volunteering and school.")
    if plan.other_strengths:
        s.lines.append("Also shown: " + ", ".join(c.name for c in plan.other_strengths) + ".")
    out.append(s)

    s = Section("Questions to ask", ["Competency", "Area", "Question"], [28, 22, 50])
    for q in plan.questions:
        s.rows.append([q.competency.name, q.area, q.question])
    if plan.more_questions:
        s.lines.append(f"{plan.more_questions} more to ask about in the app.")
    if not s.rows:
        s.lines.append("Nothing left to ask about for this goal.")
    out.append(s)

    s = Section(f"To build for {plan.target.title}", ["Competency", "Area", "Training (details at the end)"], [28, 22, 50])
    for g in plan.gaps:
        s.rows.append([g.competency.name, g.area, "\n".join(training_text(r) for r in g.training) or ON_THE_JOB])
    technical = [c for c in plan.target.required if c.rsplit(":", 1)[-1][:1] in ("4", "5")]
    if not s.rows and not technical:  # an O*NET goal outside the industry models: its tasks are its technical side
        s.lines.append("No industry competency model covers this job: its work is in \"What the job involves\".")
    elif not s.rows:
        s.lines.append("Nothing to build: every technical and management competency the goal needs is shown.")
    if plan.sectors:
        s.lines.append("Sectors of this industry to choose among with the advisor: " + ", ".join(c.name for c in plan.sectors) + ".")
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

    if plan.occupation_fits:  # with O*NET imported: among every occupation, each with why
        s = Section("Jobs that fit now", ["Job (SOC)", "Wage in area", "Why it fits"], [32, 22, 46])
        for line in plan.occupation_fits:
            f = line.fit
            s.rows.append([f"{f.title} ({f.soc})", format_wage(line.wage), f.sentence()])
        s.lead.append("Each needs no licence or degree beyond what you told us. Occupation data: O*NET (USDOL/ETA), CC BY 4.0.")
        out.append(s)
    s = Section("Jobs that fit now" if not plan.occupation_fits else "On the career ladders",
                ["Job (SOC)", "Covered", "Wage in area", "Needs first / gaps"], [30, 10, 22, 38])
    for f in plan.fits:
        s.rows.append([f"{f.rung.title} ({f.rung.soc})", pct(f.coverage), format_wage(f.wage), next_step(f.needs, f.apply_now, f.gaps)])
    out.append(s)
    out.append(Section("Action checklist", lines=list(plan.checklist), checklist=True))
    out.append(Section("Advisor notes", lines=[plan.notes] if plan.notes else [], notes=True))
    details = plan.appendix()
    if details:
        s = Section("Training details", ["Training", "Details"], [30, 70])
        for r in details:
            who_runs = f"{r.provider}, {r.location}".strip(", ") if r.local else r.issuer
            bits = [r.description.strip(), f"Who: {who_runs}." if who_runs else "", f"Length: {r.length}." if r.length else "",
                    f"Format: {r.format}." if r.format else "", f"Cost: {r.cost}." if r.cost else "",
                    f"WIOA: {r.wioa_note}" if r.wioa_note else ""]
            s.rows.append([r.name, " ".join(b for b in bits if b)])
        s.lines.append("Costs and lengths change: confirm with the provider and the state Eligible Training Provider List.")
        out.append(s)
    return out


def footer_line(plan: Plan) -> str:
    return f"{plan.sources or SOURCES_LINE} Plan made {plan.date.isoformat()}."
