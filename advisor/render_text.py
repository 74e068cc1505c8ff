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


def table(rows: list[list[str]], headers: list[str], width: int | None = None, lead: tuple[int, ...] = (0,),
          limits: dict[int, int] | None = None) -> str:
    """A simple fixed-width table, the cells of a column ``i`` in ``limits`` cut to that many
    characters; when a ``width`` is given and the table is wider, each row is printed whole as a
    short record instead (:func:`records`), so no line is wider than ``width``."""
    cols = len(headers)
    full = rows
    if limits:
        rows = [[str(c)[: limits[i]] if i in limits else c for i, c in enumerate(row)] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        for i in range(cols):
            widths[i] = max(widths[i], len(str(row[i])))
    if width is not None and sum(widths) + 2 * (cols - 1) > width:
        return records(full, headers, width, lead)
    fmt = "  ".join("{:<%d}" % w for w in widths)
    out = [fmt.format(*headers), fmt.format(*["-" * w for w in widths])]
    out.extend(fmt.format(*[str(c) for c in row]) for row in rows)
    return "\n".join(line.rstrip() for line in out)


#: how far a record's second and later lines are indented
INDENT = "    "


def records(rows: list[list[str]], headers: list[str], width: int, lead: tuple[int, ...] = (0,)) -> str:
    """Rows for a narrow terminal: the ``lead`` columns on a first line, then the others as
    ``header: value`` (empty ones left out), indented; every line wrapped at ``width``."""
    width = max(width, 20)
    out: list[str] = []
    for row in rows:
        cells = [str(c) for c in row]
        first = "  ".join(cells[i] for i in lead if cells[i])
        out.extend(wrap(first, width))
        rest = [f"{headers[i].lower()}: {c}" for i, c in enumerate(cells) if i not in lead and c]
        line = ""
        for piece in rest:  # whole pieces packed into lines; a long one wrapped on lines of its own
            joined = f"{line}; {piece}" if line else INDENT + piece
            if len(joined) <= width:
                line = joined
                continue
            if line:
                out.append(line)
            line = ""
            if len(INDENT + piece) <= width:
                line = INDENT + piece
            else:
                out.extend(wrap(piece, width, first_indent=INDENT))
        if line:
            out.append(line)
    return "\n".join(out)


def wrap(line: str, width: int | None, first_indent: str = "") -> list[str]:
    """``line`` wrapped at ``width`` (continuation lines indented); whole, when ``width`` is None.
    A word longer than the width (a link) is kept whole on a line of its own."""
    if width is None:
        return [first_indent + line]
    return textwrap.wrap(line, max(width, 20), initial_indent=first_indent, subsequent_indent=first_indent + INDENT,
                         break_on_hyphens=False, break_long_words=False) or [""]


def heading(line: str, width: int | None) -> str:
    """A heading line above a table, wrapped at ``width``."""
    return "\n".join(wrap(line, width))


# --------------------------------------------------------------------------- the CLI's text output

def models_table(models, width: int | None = None) -> str:
    rows = []
    for m in models:
        counts = m.provenance_counts()
        tiers = ",".join(str(t.number) for t in m.tiers)
        rows.append([m.id, m.name, tiers, str(len(m.competencies)), f"{m.provenance} ({counts['cmc']} cmc, {counts['drafted']} drafted)"])
    return table(rows, ["ID", "NAME", "TIERS", "COUNT", "PROVENANCE"], width, lead=(0, 1))


def model_lines(model: Model, width: int = 100, verbose: bool = False) -> list[str]:
    """A model as ``advisor models show`` prints it: a heading, the pyramid, then tier by tier."""
    out = [f"{model.name} ({model.id}): {len(model.competencies)} competencies, provenance {model.provenance}"]
    if model.extends:
        out.append(f"Foundational tiers taken from '{model.extends}'.")
    out += [*wrap(f"Version: {model.version}", width), "", *pyramid_lines(model, width=min(110, max(60, width))), ""]
    by_tier = model.by_tier()
    for tier in sorted(model.tiers, key=lambda t: -t.number):
        out.append(f"Tier {tier.number}: {tier.name}")
        for c in by_tier.get(tier.number, []):
            tag = "" if c.provenance == "cmc" else "  [drafted]"
            inherited = f"  (from {c.model})" if c.model != model.id else ""
            out.append(f"  {c.number:<5} {c.name}{tag}{inherited}")
            if verbose:
                out.extend(wrap(c.definition, width, first_indent="      "))
                for b in c.behaviors:
                    out.extend(wrap(f"- {b}", width, first_indent="      "))
        out.append("")
    out.append("Sources:")
    out.extend(f"  {source}" for source in model.sources)  # one a line: links stay whole
    return out


def match_text(result, width: int | None = None) -> str:
    """One profile's match: its phrases, then the competencies with their best evidence."""
    head = heading(f"Phrases: {' | '.join(p.text for p in result.phrases)}", width)
    if not result.matches:
        return head + "\nNo competency matched clearly. Ask the jobseeker for more detail about their tasks."
    rows = []
    for m in result.matches:
        ev = m.evidence[0] if m.evidence else None
        why = f'"{ev.phrase}" ~ "{ev.matched_text}" ({ev.score:.2f})' if ev else ""
        rows.append([f"{m.score:.2f}", m.status, m.competency.id, m.competency.name, why])
    return head + "\n" + table(rows, ["SCORE", "STATUS", "ID", "COMPETENCY", "EVIDENCE"], width, lead=(0, 1, 2, 3), limits={4: 90})


GAP_MARKS = {"demonstrated": "[x] shown", "possible": "[?] ask", "gap": "[ ] gap"}


def gaps_text(report, width: int | None = None) -> str:
    head = heading(f"Target: {report.target.title} ({report.target.key}); coverage {round(100 * report.coverage)}%", width)
    rows = []
    for item in report.items:
        ev = item.evidence[0].phrase if item.evidence else ""
        rows.append([GAP_MARKS[item.status], item.competency.id, item.competency.name, f'"{ev}"' if ev else ""])
    return head + "\n" + table(rows, ["STATUS", "ID", "COMPETENCY", "EVIDENCE"], width, lead=(0, 1, 2))


def fits_text(area, fits, width: int | None = None) -> str:
    """``fits``: (Fit, Wage | None) pairs."""
    from .guidance.wages import format_wage

    from .guidance.fits import next_step

    rows = [[f"{round(100 * f.coverage)}%", f.rung.id, f"{f.rung.title} ({f.rung.soc})", format_wage(w), next_step(f.needs, f.apply_now, f.gaps)]
            for f, w in fits]
    return (heading(f"Jobs that fit now (median wages: {area.name})", width) + "\n"
            + table(rows, ["COVERED", "ID", "JOB", "WAGE", "NEXT STEP"], width, lead=(0, 1, 2)))


def occupation_fits_text(area, fits, width: int | None = None) -> str:
    """``fits``: (OccupationFit, Wage | None) pairs: each job on one line, why and entry below it."""
    import textwrap

    from .guidance.wages import format_wage

    width = max(40, width or 80)
    lines = [heading(f"Jobs that fit now, among every O*NET occupation (median wages: {area.name})", width)]
    if not fits:
        lines.append("Nothing stands out yet: say more about past jobs, schooling and licences.")
    for n, (f, w) in enumerate(fits, 1):
        lines += textwrap.wrap(f"{n}. {f.title} ({f.soc}) · {format_wage(w)}", width=width, subsequent_indent="   ")
        lines += textwrap.wrap(f.sentence(), width=width, initial_indent="   ", subsequent_indent="   ")
    lines.append("")
    lines += textwrap.wrap("Each fit needs no licence or degree the words do not show. Occupation data: O*NET "
                           "(USDOL/ETA), used under the CC BY 4.0 license.", width=width)
    return "\n".join(lines)


def ladders_text(area, rungs, width: int | None = None) -> str:
    """``rungs``: (Rung, Wage | None) pairs."""
    from .guidance.wages import RELEASE, format_wage

    rows = [[r.id, str(r.level), f"{r.title} ({r.soc})", format_wage(w), r.education, ", ".join(f"{m.kind}->{m.to}" for m in r.moves)]
            for r, w in rungs]
    return (heading(f"Career ladders (median wages: {area.name}, {RELEASE})", width) + "\n"
            + table(rows, ["ID", "LEVEL", "JOB", "WAGE", "ENTRY EDUCATION", "MOVES"], width, lead=(0, 2), limits={5: 50}))


AREA_KINDS = {"N": "national", "S": "state", "M": "metro/nonmetro"}


def areas_text(areas) -> str:
    if not areas:
        return "No area matches. Try a state name, a city or an OEWS area code."
    return "\n".join(f"{a.code}  {AREA_KINDS.get(a.type, a.type):<15} {a.name}" for a in areas)


def resources_table(resources, width: int | None = None) -> str:
    rows = [[r.id, r.name, r.length, r.cost, r.wioa, "local" if r.local else r.kind] for r in resources]
    return table(rows, ["ID", "NAME", "LENGTH", "COST", "WIOA", "KIND"], width, lead=(0, 1), limits={1: 48, 2: 18, 3: 16})
