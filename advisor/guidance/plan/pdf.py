"""The gap plan as a printable PDF (letter size) with fpdf2, a pure-Python PDF library.

Tables wrap their cells and repeat their header row on a new page; every page carries the page
number and a footer with the data sources and the date. A Unicode TrueType font (DejaVu Sans) is
used when the system has one, so any name or phrase prints; otherwise the built-in Helvetica is
used and characters outside Latin-1 are replaced.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path


#: room (points) a heading needs below it for its first lines or table rows
KEEP_WITH_HEADING = 110
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

    from . import content as P

    font = _find_font()

    def t(text) -> str:
        text = "\n".join(" ".join(P.clean(part).split()) for part in str(text).split("\n"))
        if font:
            return text
        text = unicodedata.normalize("NFKD", text)
        return text.encode("latin-1", "replace").decode("latin-1")

    class Doc(FPDF):
        def footer(self):
            self.set_font(family, size=7)
            self.set_text_color(60, 60, 60)
            text = t(P.footer_line(plan))
            # the sources end above the page number however many lines they take (an O*NET credit adds one)
            lines = len(self.multi_cell(0, 9, text, dry_run=True, output="LINES"))
            self.set_y(-0.3 * 72 - 9 * lines - 2)
            self.multi_cell(0, 9, text, align="L", new_x="LMARGIN", new_y="NEXT")
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
    pdf.set_title(t(P.title(plan)))
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

    def first_row(sec) -> float:
        """The height of a section's header and first table row (a tall row of training details
        would otherwise leave its heading alone at the foot of a page)."""
        if not sec.rows:
            return 0.0
        pdf.set_font(family, "", 9)
        total = sum(sec.widths) or 1

        def tall(cells) -> float:
            lines = [len(pdf.multi_cell(width * w / total - 6, 12, t(c), dry_run=True, output="LINES")) for c, w in zip(cells, sec.widths)]
            return 12 * max(lines or [1]) + 6

        return tall(sec.headers) + tall(sec.rows[0])

    pdf.set_font(family, "B", 18)
    pdf.multi_cell(0, 24, t(P.title(plan)), align="L", new_x="LMARGIN", new_y="NEXT")
    for line in P.summary_lines(plan):
        para(line)
    for sec in P.sections(plan):
        # a heading never ends a page: it starts the next one when its text and the table's
        # first rows would not fit below it
        if pdf.will_page_break(max(KEEP_WITH_HEADING, 60 + first_row(sec))):
            pdf.add_page()
        heading(sec.title)
        for line in sec.lead:
            para(line)
        if sec.rows:
            table(sec.headers, sec.rows, sec.widths)
        if sec.checklist:
            for item in sec.lines:
                para(f"[  ]  {item}")
        elif sec.notes:
            if sec.lines:
                para(sec.lines[0])
            else:
                pdf.set_draw_color(120, 120, 120)
                for _ in range(5):
                    pdf.ln(18)
                    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        else:
            for line in sec.lines:
                para(line, size=9 if sec.rows else 10)
    return bytes(pdf.output())
