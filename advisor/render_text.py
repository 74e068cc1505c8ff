"""Plain-text renderings shared by the CLI (tables, the pyramid)."""

from __future__ import annotations

import textwrap

from .models import Model


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
