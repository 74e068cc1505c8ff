"""The plan as Markdown: typed text escaped so it prints as text, never as markup."""

from __future__ import annotations

import re

from .content import clean, footer_line, sections, summary_lines, title
from .model import Plan


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LEAD = re.compile(r"^([#+\-=>]|\d+[.)])")


def md_escape(text: str) -> str:
    """Escape Markdown and inline HTML so typed text prints as text: the characters that make
    markup anywhere, and those that do only at the start of a line ("# ", "- ", "1. ")."""
    out = _MD_SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))
    return _MD_LEAD.sub(r"\\\1", out)


def render_markdown(plan: Plan) -> str:
    e = md_escape
    out = [f"# {e(title(plan))}", ""]
    out += [f"**{e(k)}:** {e(v)}  " for k, _, v in (line.partition(": ") for line in summary_lines(plan))]
    out[-1] = out[-1].rstrip()
    for sec in sections(plan):
        out += ["", f"## {e(sec.title)}", ""]
        for line in sec.lead:
            out += [e(line), ""]
        if sec.rows:
            out.append("| " + " | ".join(e(h) for h in sec.headers) + " |")
            out.append("|" + "---|" * len(sec.headers))
            for row in sec.rows:
                out.append("| " + " | ".join("<br>".join(e(x) for x in cell.split("\n")) for cell in row) + " |")
            if sec.lines:
                out.append("")
        if sec.checklist:
            out += [f"- [ ] {e(item)}" for item in sec.lines]
        elif sec.notes:
            out.append(e(sec.lines[0]) if sec.lines else "_" * 60)
        else:
            for k, line in enumerate(sec.lines):
                out += ([""] if k else []) + [e(line)]
    out += ["", "---", "", f"*{e(footer_line(plan))}*", ""]
    return "\n".join(out)
