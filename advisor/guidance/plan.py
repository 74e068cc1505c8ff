"""The gap plan: one content model, rendered to Markdown, HTML, PDF and JSON with the same content.

Everything the jobseeker typed is escaped in every format, and a plan is only ever written inside
the folder the user asked for (:func:`export_plan`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExportError, InputError
from ..models import Competency
from .gaps import DEMONSTRATED, GAP, POSSIBLE, Corrections, GapReport, Target
from .ladders import Rung
from .training import Resource
from .wages import RELEASE, Area, Wage, format_wage

FORMATS = ("md", "html", "pdf", "json")
#: a plan lists every demonstrated strength but only the strongest few "ask about" ones
MAX_POSSIBLE_STRENGTHS = 5
SOURCES_LINE = (
    "Competencies: U.S. DOL Competency Model Clearinghouse models (names and tiers), definitions and "
    f"behaviors written by the Competency Advisor team. Wages: {RELEASE}. Training: Competency Advisor "
    "catalogue and any local ETPL programs imported. See data/SOURCES.md."
)


@dataclass
class Strength:
    competency: Competency
    status: str
    score: float
    phrase: str
    matched: str
    source: str


@dataclass
class GapLine:
    competency: Competency
    status: str  # gap | possible
    training: list[Resource]


@dataclass
class Step:
    rung: Rung
    kind: str  # target | up | lateral
    wage: Wage | None
    takes: str
    adds: list[Competency]


@dataclass
class FitLine:
    rung: Rung
    coverage: float
    wage: Wage | None
    gaps: list[Competency]


@dataclass
class Plan:
    date: dt.date
    name: str
    area: Area
    target: Target
    coverage: float
    strengths: list[Strength]
    gaps: list[GapLine]
    steps: list[Step]
    fits: list[FitLine]
    checklist: list[str]
    notes: str
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        def comp(c: Competency) -> dict:
            return {"id": c.id, "number": c.number, "name": c.name, "tier": c.tier}

        def wage(w: Wage | None):
            return w.as_dict() if w else None

        return {
            "date": self.date.isoformat(),
            "name": self.name,
            "area": {"code": self.area.code, "name": self.area.name},
            "target": {"kind": self.target.kind, "id": self.target.id, "title": self.target.title, "model": self.target.model},
            "coverage": round(self.coverage, 4),
            "counts": self.counts,
            "strengths": [
                {**comp(s.competency), "status": s.status, "score": round(s.score, 4), "phrase": s.phrase, "matched_text": s.matched, "source": s.source}
                for s in self.strengths
            ],
            "gaps": [
                {**comp(g.competency), "status": g.status, "training": [r.as_dict() for r in g.training]} for g in self.gaps
            ],
            "next_steps": [
                {"rung": s.rung.id, "title": s.rung.title, "soc": s.rung.soc, "kind": s.kind, "education": s.rung.education,
                 "training": s.rung.training, "credentials": s.rung.credentials, "wage": wage(s.wage), "takes": s.takes,
                 "adds": [comp(c) for c in s.adds]}
                for s in self.steps
            ],
            "jobs_that_fit": [
                {"rung": f.rung.id, "title": f.rung.title, "soc": f.rung.soc, "coverage": round(f.coverage, 4), "wage": wage(f.wage),
                 "gaps": [comp(c) for c in f.gaps]}
                for f in self.fits
            ],
            "checklist": self.checklist,
            "notes": self.notes,
            "sources": SOURCES_LINE,
        }


def build_plan(adv, text: str, target: str, area: str | None = "US", name: str = "", corrections: Corrections | None = None,
               notes: str = "", today: dt.date | None = None) -> Plan:
    catalog = adv.catalog
    profile = adv.profile(text, corrections)
    report: GapReport = adv.gaps(profile, target)
    where = adv.area(area)

    # strengths that matter for this goal: the target model's competencies and the management tier
    relevant = {c.id for c in catalog.get(report.target.model).competencies}
    relevant |= {c.id for c in catalog.get("building-blocks").competencies} if "building-blocks" in catalog.models else set()
    strengths = []
    possible_shown = 0
    for comp, status, score, evidence, source in profile.strengths(catalog):
        if comp.id not in relevant:
            continue
        if status == POSSIBLE:
            possible_shown += 1
            if possible_shown > MAX_POSSIBLE_STRENGTHS:
                continue
        ev = evidence[0] if evidence else None
        strengths.append(Strength(comp, status, score, ev.phrase if ev else "", ev.matched_text if ev else "", source))

    industry = report.target.model
    gap_lines = [GapLine(i.competency, GAP, adv.training_for(i.competency.id, 3, industry)) for i in report.by_status(GAP)]
    gap_lines += [GapLine(i.competency, POSSIBLE, adv.training_for(i.competency.id, 1, industry)) for i in report.by_status(POSSIBLE)]

    def missing(rung: Rung) -> list[Competency]:
        return [catalog.competency(c) for c in rung.adds if profile.status.get(c) != DEMONSTRATED]

    all_fits = adv.fits(profile, limit=len(adv.ladders.rungs))
    steps: list[Step] = []
    t = report.target
    if t.rung is not None:
        steps.append(Step(t.rung, "target", adv.wage(t.rung.soc, where), "", missing(t.rung)))
        for move, rung in adv.ladders.moves_from(t.rung.id):
            steps.append(Step(rung, move.kind, adv.wage(rung.soc, where), move.takes, missing(rung)))
    else:
        # an industry target: the model's entry rungs the profile comes closest to, with their next move up
        ranked = [f for f in all_fits if f.rung.model == t.id][:3]
        for fit in ranked:
            steps.append(Step(fit.rung, "target", adv.wage(fit.rung.soc, where), "", missing(fit.rung)))
        for fit in ranked[:2]:
            for move, rung in adv.ladders.moves_from(fit.rung.id):
                if move.kind == "up" and all(s.rung.id != rung.id for s in steps):
                    steps.append(Step(rung, "up", adv.wage(rung.soc, where), move.takes, missing(rung)))
                    break

    fits = [FitLine(f.rung, f.coverage, adv.wage(f.rung.soc, where), f.gaps) for f in all_fits[:5]]

    checklist = []
    possible = report.by_status(POSSIBLE)
    if possible:
        checklist.append("Ask about: " + ", ".join(i.competency.name for i in possible[:4]) + " (weak evidence so far)")
    for line in gap_lines:
        if line.status == GAP and line.training:
            checklist.append(f"Look into {line.training[0].name} for {line.competency.name}")
        if len(checklist) >= 4:
            break
    if any(r.wioa in ("usually", "sometimes") for g in gap_lines for r in g.training):
        checklist.append("Check WIOA eligibility for an Individual Training Account (ITA) and the state ETPL")
    if fits:
        checklist.append("Apply now to: " + ", ".join(f.rung.title for f in fits[:3]))
    checklist.append("Set a follow-up date with the advisor")

    counts = {s: len(report.by_status(s)) for s in (DEMONSTRATED, POSSIBLE, GAP)}
    return Plan(today or dt.date.today(), name.strip(), where, t, report.coverage, strengths, gap_lines, steps, fits, checklist,
                notes.strip(), counts)


# --------------------------------------------------------------------------- shared wording


def _title(plan: Plan) -> str:
    return f"Gap plan: {plan.target.title}"


def _who(plan: Plan) -> str:
    return plan.name or "Jobseeker"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _step_label(kind: str) -> str:
    return {"target": "Goal", "up": "Step up", "lateral": "Sideways move"}.get(kind, kind)


def _status_label(status: str) -> str:
    return {DEMONSTRATED: "Shown", POSSIBLE: "Ask about", GAP: "To build"}[status]


def _training_text(r: Resource) -> str:
    bits = [r.name]
    if r.local:
        bits.append(f"at {r.provider}" + (f", {r.location}" if r.location else ""))
    bits.append(f"{r.length}; {r.cost}")
    if r.wioa in ("usually", "sometimes"):
        bits.append(f"WIOA funds {r.wioa} apply")
    return " - ".join(bits)


# --------------------------------------------------------------------------- one content model


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
        f"For: {_who(plan)}",
        f"Date: {plan.date.isoformat()}",
        f"Area for wages: {plan.area.name}",
        f"Coverage of the goal: {_pct(plan.coverage)} ({plan.counts.get(DEMONSTRATED, 0)} shown, "
        f"{plan.counts.get(POSSIBLE, 0)} to ask about, {plan.counts.get(GAP, 0)} to build)",
    ]


def sections(plan: Plan) -> list[Section]:
    out = []
    s = Section("Strengths", ["Competency", "Tier", "Status", "Evidence"], [26, 7, 12, 55])
    for st in plan.strengths:
        ev = f'"{st.phrase}" ~ {st.matched}' if st.phrase else f"added by the advisor ({st.source})"
        s.rows.append([st.competency.name, str(st.competency.tier), _status_label(st.status), ev])
    if not s.rows:
        s.lines.append("No clear strengths yet: talk through past jobs, volunteering and school.")
    out.append(s)

    s = Section(f"Gaps for {plan.target.title}", ["Competency", "Tier", "Status", "Suggested training"], [26, 7, 12, 55])
    for g in plan.gaps:
        training = "\n".join(_training_text(r) for r in g.training) or "On-the-job learning; ask the advisor"
        s.rows.append([g.competency.name, str(g.competency.tier), _status_label(g.status), training])
    if not s.rows:
        s.lines.append("No gaps: every competency the goal needs is shown.")
    out.append(s)

    s = Section("Next steps on the career ladder", ["Move", "Job (SOC)", "Wage in area", "Entry education", "What it takes"], [11, 22, 17, 17, 33])
    for st in plan.steps:
        takes = st.takes or ("; ".join(c.name for c in st.adds[:4]) or "Ready now")
        s.rows.append([_step_label(st.kind), f"{st.rung.title} ({st.rung.soc})", format_wage(st.wage), st.rung.education, takes])
    if not s.rows:
        s.lines.append("No ladder steps for this goal.")
    notes = [st.wage.note() for st in plan.steps if st.wage and st.wage.note()]
    if notes:
        s.lines.append(f"Note: {notes[0]}.")
    out.append(s)

    s = Section("Jobs that fit now", ["Job (SOC)", "Covered", "Wage in area", "Gaps"], [30, 10, 22, 38])
    for f in plan.fits:
        s.rows.append([f"{f.rung.title} ({f.rung.soc})", _pct(f.coverage), format_wage(f.wage), ", ".join(c.name for c in f.gaps) or "none"])
    out.append(s)
    out.append(Section("Action checklist", lines=list(plan.checklist), checklist=True))
    out.append(Section("Advisor notes", lines=[plan.notes] if plan.notes else [], notes=True))
    return out


def footer_line(plan: Plan) -> str:
    return f"{SOURCES_LINE} Plan made {plan.date.isoformat()}."


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    """Escape Markdown and inline HTML so typed text prints as text."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render_markdown(plan: Plan) -> str:
    e = md_escape
    out = [f"# {e(_title(plan))}", ""]
    out += [f"**{e(k)}:** {e(v)}  " for k, _, v in (line.partition(": ") for line in summary_lines(plan))]
    out[-1] = out[-1].rstrip()
    for sec in sections(plan):
        out += ["", f"## {e(sec.title)}", ""]
        if sec.rows:
            out.append("| " + " | ".join(e(h) for h in sec.headers) + " |")
            out.append("|" + "---|" * len(sec.headers))
            for row in sec.rows:
                out.append("| " + " | ".join("<br>".join(e(x) for x in cell.split("\n")) for cell in row) + " |")
        if sec.checklist:
            out += [f"- [ ] {e(item)}" for item in sec.lines]
        elif sec.notes:
            out.append(e(sec.lines[0]) if sec.lines else "_" * 60)
        else:
            out += [e(line) for line in sec.lines]
    out += ["", "---", "", f"*{e(footer_line(plan))}*", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- HTML

_CSS = """
@page { size: letter; margin: 0.7in 0.6in 0.8in 0.6in;
  @bottom-left { content: "Competency Advisor gap plan"; font-size: 8pt; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #444; } }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 11pt; color: #111; line-height: 1.35; max-width: 8in; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 6pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #999; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 8pt; }
th, td { border: 1px solid #888; padding: 3pt 5pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; font-size: 10pt; }
th { background: #e8e8e8; } tr { page-break-inside: avoid; break-inside: avoid; } thead { display: table-header-group; }
.summary { margin: 0; padding: 0; list-style: none; } .notes { border: 1px solid #888; min-height: 1.2in; padding: 6pt; white-space: pre-wrap; }
ul.check { list-style: none; padding-left: 0; } ul.check li::before { content: "\\2610  "; }
footer { margin-top: 14pt; font-size: 8pt; color: #333; border-top: 1px solid #999; padding-top: 4pt; }
"""


def render_html(plan: Plan) -> str:
    from html import escape

    def h(x) -> str:
        return escape(" ".join(str(x).split()), quote=True)

    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">']
    out.append(f"<title>{h(_title(plan))} - {h(_who(plan))}</title>")
    out.append(f"<style>{_CSS}</style></head><body>")
    out.append(f"<h1>{h(_title(plan))}</h1>")
    out.append('<ul class="summary">' + "".join(f"<li><b>{h(k)}:</b> {h(v)}</li>" for k, _, v in (l.partition(": ") for l in summary_lines(plan))) + "</ul>")
    for sec in sections(plan):
        out.append(f"<h2>{h(sec.title)}</h2>")
        if sec.rows:
            out.append("<table><colgroup>" + "".join(f'<col style="width:{w}%">' for w in sec.widths) + "</colgroup>")
            out.append("<thead><tr>" + "".join(f"<th>{h(x)}</th>" for x in sec.headers) + "</tr></thead><tbody>")
            for row in sec.rows:
                out.append("<tr>" + "".join("<td>" + "<br>".join(h(x) for x in cell.split("\n")) + "</td>" for cell in row) + "</tr>")
            out.append("</tbody></table>")
        if sec.checklist:
            out.append('<ul class="check">' + "".join(f"<li>{h(item)}</li>" for item in sec.lines) + "</ul>")
        elif sec.notes:
            out.append(f'<div class="notes">{escape(sec.lines[0]) if sec.lines else ""}</div>')
        else:
            out += [f"<p>{h(line)}</p>" for line in sec.lines]
    out.append(f"<footer>{h(footer_line(plan))}</footer>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- JSON


def render_json(plan: Plan) -> str:
    return json.dumps(plan.as_dict(), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- PDF

def render_pdf(plan: Plan) -> bytes:
    from .plan_pdf import render_pdf as _render

    return _render(plan)


RENDERERS = {"md": render_markdown, "html": render_html, "json": render_json, "pdf": render_pdf}


def render(plan: Plan, fmt: str) -> str | bytes:
    if fmt not in RENDERERS:
        raise InputError(f"unknown format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](plan)


# --------------------------------------------------------------------------- safe export

_SLUG = re.compile(r"[^a-z0-9]+")


def default_filename(plan: Plan, fmt: str) -> str:
    who = _SLUG.sub("-", (plan.name or "jobseeker").lower()).strip("-")[:40] or "jobseeker"
    goal = _SLUG.sub("-", plan.target.id.lower()).strip("-")[:40]
    return f"gap-plan-{who}-{goal}-{plan.date.isoformat()}.{fmt}"


def export_plan(plan: Plan, fmt: str, output: Path | str | None = None, directory: Path | str | None = None) -> Path:
    """Write the plan and return where it went.

    ``output`` is a file path (or an existing folder); ``directory`` is a folder that the plan must
    stay inside (the kiosk folder, the TUI's chosen folder). The file name never comes from the
    jobseeker's text, and the resolved path is checked to be inside the folder asked for."""
    content = render(plan, fmt)
    if output is not None:
        out = Path(output).expanduser()
        if out.is_dir():
            folder, name = out, default_filename(plan, fmt)
        else:
            folder, name = out.parent, out.name
    else:
        folder, name = Path(directory or ".").expanduser(), default_filename(plan, fmt)
    if directory is not None and output is not None:
        allowed = Path(directory).expanduser().resolve()
        if not str(folder.resolve()).startswith(str(allowed)):
            raise ExportError(f"{output} is outside {allowed}", hint="plans are saved only in the chosen folder")
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise ExportError(f"'{name}' is not a file name")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = (folder / name).resolve()
        if target.parent != folder.resolve():
            raise ExportError(f"{name} would be written outside {folder}", hint="choose a plain file name")
        data = content.encode("utf-8") if isinstance(content, str) else content
        fd, tmp = tempfile.mkstemp(prefix=".plan-", dir=str(folder))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ExportError(f"could not write the plan to {folder}: {exc.strerror or exc}", hint="check the folder exists, is writable and the disk has space") from exc
    return target
