"""The gap plan as a printable PDF (letter size) with fpdf2, a pure-Python PDF library.

Tables wrap their cells and repeat their header row on a new page; every page carries the page
number and a footer with the data sources and the date. A Unicode TrueType font (DejaVu Sans) is
used when the system has one, so any name or phrase prints; otherwise the built-in Helvetica is
used and characters outside Latin-1 are replaced.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .gaps import DEMONSTRATED, GAP, POSSIBLE
from .wages import format_wage

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts", "/Library/Fonts", "C:/Windows/Fonts"]


def _find_font() -> tuple[Path, Path] | None:
    for d in FONT_DIRS:
        regular, bold = Path(d) / "DejaVuSans.ttf", Path(d) / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    return None


def render_pdf(plan) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from . import plan as P

    font = _find_font()

    def t(text) -> str:
        text = " ".join(str(text).split())
        if font:
            return text
        text = unicodedata.normalize("NFKD", text)
        return text.encode("latin-1", "replace").decode("latin-1")

    class Doc(FPDF):
        def footer(self):
            self.set_y(-0.55 * 72)
            self.set_font(family, size=7)
            self.set_text_color(60, 60, 60)
            self.multi_cell(0, 9, t(f"{P.SOURCES_LINE} Plan made {plan.date.isoformat()}."), align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_y(-0.3 * 72)
            self.set_font(family, size=8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = Doc(orientation="portrait", unit="pt", format="letter")
    pdf.set_margins(0.6 * 72, 0.6 * 72, 0.6 * 72)
    pdf.set_auto_page_break(True, margin=0.85 * 72)
    if font:
        pdf.add_font("DejaVu", "", str(font[0]))
        pdf.add_font("DejaVu", "B", str(font[1]))
        family = "DejaVu"
    else:
        family = "Helvetica"
    pdf.set_title(t(P._title(plan)))
    pdf.set_author("Competency Advisor")
    pdf.alias_nb_pages()
    pdf.add_page()
    width = pdf.epw

    def heading(text: str, size: int = 13) -> None:
        pdf.ln(6)
        pdf.set_font(family, "B", size)
        pdf.multi_cell(0, size + 4, t(text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(150, 150, 150)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        pdf.ln(4)

    def para(text: str, bold: bool = False, size: int = 10) -> None:
        pdf.set_font(family, "B" if bold else "", size)
        pdf.multi_cell(0, size + 4, t(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def table(headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
        pdf.set_font(family, "", 9)
        head = FontFace(emphasis="BOLD", fill_color=(232, 232, 232))
        with pdf.table(
            col_widths=widths,
            width=width,
            headings_style=head,
            repeat_headings=1,
            line_height=12,
            padding=3,
            text_align="LEFT",
        ) as tbl:
            row = tbl.row()
            for hcell in headers:
                row.cell(t(hcell))
            for r in rows:
                row = tbl.row()
                for c in r:
                    row.cell(t(c))
        pdf.ln(4)

    pdf.set_font(family, "B", 18)
    pdf.multi_cell(0, 24, t(P._title(plan)), align="L", new_x="LMARGIN", new_y="NEXT")
    para(f"For: {P._who(plan)}    Date: {plan.date.isoformat()}    Area for wages: {plan.area.name}")
    para(
        f"Coverage of the goal: {P._pct(plan.coverage)} ({plan.counts.get(DEMONSTRATED, 0)} shown, "
        f"{plan.counts.get(POSSIBLE, 0)} to ask about, {plan.counts.get(GAP, 0)} to build)"
    )

    heading("Strengths")
    if plan.strengths:
        table(
            ["Competency", "Tier", "Status", "Evidence"],
            [[s.competency.name, str(s.competency.tier), P._status_label(s.status),
              f'"{s.phrase}" ~ {s.matched}' if s.phrase else f"added by the advisor ({s.source})"] for s in plan.strengths],
            [26, 7, 12, 55],
        )
    else:
        para("No clear strengths yet: talk through past jobs, volunteering and school.")
    heading(f"Gaps for {plan.target.title}")
    if plan.gaps:
        table(
            ["Competency", "Tier", "Status", "Suggested training"],
            [[g.competency.name, str(g.competency.tier), P._status_label(g.status),
              "\n".join(P._training_text(r) for r in g.training) or "On-the-job learning; ask the advisor"] for g in plan.gaps],
            [26, 7, 12, 55],
        )
    else:
        para("No gaps: every competency the goal needs is shown.")
    heading("Next steps on the career ladder")
    if plan.steps:
        table(
            ["Move", "Job (SOC)", "Wage in area", "Entry education", "What it takes"],
            [[P._step_label(s.kind), f"{s.rung.title} ({s.rung.soc})", format_wage(s.wage), s.rung.education,
              s.takes or ("; ".join(c.name for c in s.adds[:4]) or "Ready now")] for s in plan.steps],
            [11, 22, 17, 17, 33],
        )
        notes = [s.wage.note() for s in plan.steps if s.wage and s.wage.note()]
        if notes:
            para(f"Note: {notes[0]}.", size=9)
    else:
        para("No ladder steps for this goal.")
    heading("Jobs that fit now")
    if plan.fits:
        table(
            ["Job (SOC)", "Covered", "Wage in area", "Gaps"],
            [[f"{f.rung.title} ({f.rung.soc})", P._pct(f.coverage), format_wage(f.wage), ", ".join(c.name for c in f.gaps) or "none"]
             for f in plan.fits],
            [30, 10, 22, 38],
        )
    heading("Action checklist")
    for item in plan.checklist:
        para(f"[  ]  {item}")
    heading("Advisor notes")
    if plan.notes:
        para(plan.notes)
    else:
        pdf.set_draw_color(120, 120, 120)
        for _ in range(5):
            pdf.ln(18)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    return bytes(pdf.output())
