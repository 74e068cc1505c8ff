"""Plain-text renderings: tables, the pyramid, and what each CLI command prints without --json."""

from __future__ import annotations

import re
import textwrap

from .models import Model

#: terminal escape sequences (CSI, OSC, and two-character ESC ones), then the other control
#: characters (C0 but tab and newline, DEL, C1), and the bidirectional overrides that reorder text
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without terminal escapes and control characters (tab and newline kept): what the
    CLI prints never moves the cursor, recolours the terminal or rings the bell."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def pyramid_lines(model: Model, width: int = 100, marks: dict[str, str] | None = None) -> list[str]:
    """The model drawn as the CMC pyramid: top tier first, each tier wider than the one above.

    ``marks`` maps competency ids to a short tag (e.g. "[x]") printed before the name, so status is
    never carried by colour alone.
    """
    marks = marks or {}
    tiers = [t for t in sorted(model.tiers, key=lambda t: -t.number)]
    by_tier = model.by_tier()
    lines: list[str] = []
    n = max(len(tiers), 1)
    for i, tier in enumerate(tiers):
        tier_width = max(36, int(width * (0.55 + 0.45 * (i + 1) / n)))
        pad = (width - tier_width) // 2
        comps = by_tier.get(tier.number, [])
        title = f" Tier {tier.number}: {tier.name} ({len(comps)}) "
        lines.append(" " * pad + "+" + title.center(tier_width - 2, "-") + "+")
        names = [f"{marks.get(c.id, '')}{' ' if marks.get(c.id) else ''}{c.number} {c.name}" for c in comps]
        for row in pack(names, tier_width - 4, sep="  |  ") or ["(not defined in this model)"]:
            lines.append(" " * pad + "| " + row.center(tier_width - 4) + " |")
    if tiers:
        lines.append(" " * ((width - max(36, width)) // 2) + "+" + "-" * (max(36, width) - 2) + "+")
    return lines


def pack(names: list[str], width: int, sep: str = "  ") -> list[str]:
    """Greedily pack whole names into rows no wider than ``width`` (a long name is wrapped alone)."""
    rows: list[str] = []
    current = ""
    for name in names:
        if len(name) > width:
            if current:
                rows.append(current)
                current = ""
            rows.extend(textwrap.wrap(name, width))
            continue
        candidate = f"{current}{sep}{name}" if current else name
        if len(candidate) <= width:
            current = candidate
        else:
            rows.append(current)
            current = name
    if current:
        rows.append(current)
    return rows


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A simple fixed-width table."""
    cols = len(headers)
    widths = [len(h) for h in headers]
    for row in rows:
        for i in range(cols):
            widths[i] = max(widths[i], len(str(row[i])))
    fmt = "  ".join("{:<%d}" % w for w in widths)
    out = [fmt.format(*headers), fmt.format(*["-" * w for w in widths])]
    out.extend(fmt.format(*[str(c) for c in row]) for row in rows)
    return "\n".join(line.rstrip() for line in out)


# --------------------------------------------------------------------------- the CLI's text output

def models_table(models) -> str:
    rows = []
    for m in models:
        counts = m.provenance_counts()
        tiers = ",".join(str(t.number) for t in m.tiers)
        rows.append([m.id, m.name, tiers, str(len(m.competencies)), f"{m.provenance} ({counts['cmc']} cmc, {counts['drafted']} drafted)"])
    return table(rows, ["ID", "NAME", "TIERS", "COUNT", "PROVENANCE"])


def model_lines(model: Model, width: int = 100, verbose: bool = False) -> list[str]:
    """A model as ``advisor models show`` prints it: a heading, the pyramid, then tier by tier."""
    out = [f"{model.name} ({model.id}): {len(model.competencies)} competencies, provenance {model.provenance}"]
    if model.extends:
        out.append(f"Foundational tiers taken from '{model.extends}'.")
    out += [f"Version: {model.version}", "", *pyramid_lines(model, width=min(110, max(60, width))), ""]
    by_tier = model.by_tier()
    for tier in sorted(model.tiers, key=lambda t: -t.number):
        out.append(f"Tier {tier.number}: {tier.name}")
        for c in by_tier.get(tier.number, []):
            tag = "" if c.provenance == "cmc" else "  [drafted]"
            inherited = f"  (from {c.model})" if c.model != model.id else ""
            out.append(f"  {c.number:<5} {c.name}{tag}{inherited}")
            if verbose:
                out.append(f"        {c.definition}")
                out.extend(f"        - {b}" for b in c.behaviors)
        out.append("")
    out.append("Sources: " + "; ".join(model.sources))
    return out


def match_text(result) -> str:
    """One profile's match: its phrases, then the competencies with their best evidence."""
    head = f"Phrases: {' | '.join(p.text for p in result.phrases)}"
    if not result.matches:
        return head + "\nNo competency matched clearly. Ask the jobseeker for more detail about their tasks."
    rows = []
    for m in result.matches:
        ev = m.evidence[0] if m.evidence else None
        why = f'"{ev.phrase}" ~ "{ev.matched_text}" ({ev.score:.2f})' if ev else ""
        rows.append([f"{m.score:.2f}", m.status, m.competency.id, m.competency.name, why[:90]])
    return head + "\n" + table(rows, ["SCORE", "STATUS", "ID", "COMPETENCY", "EVIDENCE"])


GAP_MARKS = {"demonstrated": "[x] shown", "possible": "[?] ask", "gap": "[ ] gap"}


def gaps_text(report) -> str:
    head = f"Target: {report.target.title} ({report.target.key}); coverage {round(100 * report.coverage)}%"
    rows = []
    for item in report.items:
        ev = item.evidence[0].phrase if item.evidence else ""
        rows.append([GAP_MARKS[item.status], item.competency.id, item.competency.name, f'"{ev}"' if ev else ""])
    return head + "\n" + table(rows, ["STATUS", "ID", "COMPETENCY", "EVIDENCE"])


def fits_text(area, fits) -> str:
    """``fits``: (Fit, Wage | None) pairs."""
    from .guidance.wages import format_wage

    rows = [[f"{round(100 * f.coverage)}%", f.rung.id, f"{f.rung.title} ({f.rung.soc})", format_wage(w), ", ".join(c.name for c in f.gaps)[:60]]
            for f, w in fits]
    return f"Jobs that fit now (wages: {area.name})\n" + table(rows, ["COVERED", "ID", "JOB", "WAGE", "GAPS"])


def ladders_text(area, rungs) -> str:
    """``rungs``: (Rung, Wage | None) pairs."""
    from .guidance.wages import RELEASE, format_wage

    rows = [[r.id, str(r.level), f"{r.title} ({r.soc})", format_wage(w), r.education, ", ".join(f"{m.kind}->{m.to}" for m in r.moves)[:50]]
            for r, w in rungs]
    return f"Career ladders (wages: {area.name}, {RELEASE})\n" + table(rows, ["ID", "LEVEL", "JOB", "WAGE", "ENTRY EDUCATION", "MOVES"])


AREA_KINDS = {"N": "national", "S": "state", "M": "metro/nonmetro"}


def areas_text(areas) -> str:
    if not areas:
        return "No area matches. Try a state name, a city or an OEWS area code."
    return "\n".join(f"{a.code}  {AREA_KINDS.get(a.type, a.type):<15} {a.name}" for a in areas)


def resources_table(resources) -> str:
    rows = [[r.id, r.name[:48], r.length[:18], r.cost[:16], r.wioa, "local" if r.local else r.kind] for r in resources]
    return table(rows, ["ID", "NAME", "LENGTH", "COST", "WIOA", "KIND"])
