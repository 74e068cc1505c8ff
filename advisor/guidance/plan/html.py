"""The plan as one self-contained, print-friendly HTML page (letter size, page numbers)."""

from __future__ import annotations

from .content import clean, footer_line, sections, summary_lines, title, who
from .model import Plan


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
@media print { body { max-width: none; margin: 0; } h1, h2 { break-after: avoid; page-break-after: avoid; }
  th { background: #e8e8e8 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def render_html(plan: Plan) -> str:
    from html import escape

    def h(x) -> str:
        return escape(" ".join(clean(x).split()), quote=True)

    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">']
    out.append(f"<title>{h(title(plan))} - {h(who(plan))}</title>")
    out.append(f"<style>{_CSS}</style></head><body>")
    out.append(f"<h1>{h(title(plan))}</h1>")
    out.append('<ul class="summary">' + "".join(f"<li><b>{h(k)}:</b> {h(v)}</li>" for k, _, v in (l.partition(": ") for l in summary_lines(plan))) + "</ul>")
    for sec in sections(plan):
        out.append(f"<h2>{h(sec.title)}</h2>")
        out += [f"<p>{h(line)}</p>" for line in sec.lead]
        if sec.rows:
            out.append("<table><colgroup>" + "".join(f'<col style="width:{w}%">' for w in sec.widths) + "</colgroup>")
            out.append("<thead><tr>" + "".join(f"<th>{h(x)}</th>" for x in sec.headers) + "</tr></thead><tbody>")
            for row in sec.rows:
                out.append("<tr>" + "".join("<td>" + "<br>".join(h(x) for x in cell.split("\n")) + "</td>" for cell in row) + "</tr>")
            out.append("</tbody></table>")
        if sec.checklist:
            out.append('<ul class="check">' + "".join(f"<li>{h(item)}</li>" for item in sec.lines) + "</ul>")
        elif sec.notes:
            out.append(f'<div class="notes">{escape(clean(sec.lines[0])) if sec.lines else ""}</div>')
        else:
            out += [f"<p>{h(line)}</p>" for line in sec.lines]
    out.append(f"<footer>{h(footer_line(plan))}</footer>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
