"""Rich renderings the screens share: status words, highlighted phrases, the pyramid rows.

Status is always carried by a symbol and a word as well as a colour ("✔ shown", "? ask about",
"✗ to build"), so it reads the same in high contrast, in monochrome terminals and for colour-blind
users. The words of a profile status are the plan's (:data:`~advisor.guidance.plan.content.STATUS_LABELS`);
only the glyphs, the colours and the words for corrections are the TUI's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text

from ..guidance.gaps import DEMONSTRATED, GAP, POSSIBLE, Profile
from ..guidance.plan.content import STATUS_LABELS

#: (symbol + word, style) for every status the screens show
STATUS = {
    "shown": (f"✔ {STATUS_LABELS[DEMONSTRATED].lower()}", "bold green"),
    "confirmed": ("✔ confirmed", "bold green"),
    "added": ("+ added", "bold cyan"),
    "ask": (f"? {STATUS_LABELS[POSSIBLE].lower()}", "bold yellow"),
    "rejected": ("✗ not shown", "red"),
    "gap": (f"✗ {STATUS_LABELS[GAP].lower()}", "bold red"),
}
#: a plan's status label ("To build") -> its STATUS key ("gap")
LABEL_KEYS = {label: key for key, label in zip(("shown", "ask", "gap"), (STATUS_LABELS[s] for s in (DEMONSTRATED, POSSIBLE, GAP)))}
#: the width every status word is padded to, so names line up
STATUS_WIDTH = max(len(word) for word, _ in STATUS.values())

#: CMC tier names used when no loaded model names a tier
DEFAULT_TIER_NAMES = {
    1: "Personal Effectiveness",
    2: "Academic",
    3: "Workplace",
    4: "Industry-Wide Technical",
    5: "Industry-Sector Technical",
    6: "Occupation-Specific Knowledge",
    7: "Occupation-Specific Technical",
    8: "Occupation-Specific Requirements",
    9: "Management",
}

#: plain-language tier names (the kiosk)
PLAIN_TIER_NAMES = {
    1: "Personal strengths",
    2: "School skills: reading, writing, math",
    3: "Workplace skills",
    4: "Skills for a whole industry",
    5: "Skills for one part of an industry",
    6: "Job knowledge",
    7: "Job skills",
    8: "Job requirements",
    9: "Leading and managing",
}


def status_key(status: str | None, source: str = "matched") -> str:
    """The key into :data:`STATUS` for a profile status and its source."""
    if source == "rejected":
        return "rejected"
    if source == "added":
        return "added"
    if source == "confirmed":
        return "confirmed"
    if status == DEMONSTRATED:
        return "shown"
    if status == POSSIBLE:
        return "ask"
    if status == GAP or status is None:
        return "gap"
    return "ask"


def status_text(key: str, pad: bool = True, labels: dict[str, str] | None = None) -> Text:
    """A status as its symbol and word; ``labels`` (a mode's ``status_words``) may say it otherwise."""
    word, style = STATUS[key]
    word = (labels or {}).get(key, word)
    return Text(word.ljust(STATUS_WIDTH) if pad else word, style=style)


def label_text(label: str) -> Text:
    """A plan's status label with its glyph and colour: "To build" -> "✗ To build" in red."""
    key = LABEL_KEYS.get(label)
    if key is None:
        return Text(label)
    word, style = STATUS[key]
    return Text(f"{word.split(' ', 1)[0]} {label}", style=style)


def legend(keys=("shown", "ask", "added", "rejected")) -> str:
    """The status words in a row, for a hint line: "✔ shown ? ask about + added ✗ not shown"."""
    return " ".join(STATUS[k][0] for k in keys)


def short_id(comp_id: str) -> str:
    """'retail:4.1' -> 'retail 4.1'; long model ids shrink to initials: 'TDL 4.2'."""
    model, _, number = comp_id.partition(":")
    if len(model) > 15:
        model = "".join(w[0] for w in model.split("-") if w not in ("of", "and")).upper()
    return f"{model} {number}".strip()


def tier_names(catalog) -> dict[int, str]:
    names = dict(DEFAULT_TIER_NAMES)
    seen: set[int] = set()
    for model in catalog.models.values():
        for tier in model.tiers:
            if tier.number not in seen:
                seen.add(tier.number)
                names[tier.number] = tier.name.replace(" Competencies", "")
    return names


# --------------------------------------------------------------------------- highlighted text


def evidence_spans(profile: Profile | None) -> list[tuple[int, int, str]]:
    """(start, end, status) of the phrases that matched a competency the profile keeps, merged."""
    if profile is None:
        return []
    spans: list[tuple[int, int, str]] = []
    for cid, status in profile.status.items():
        for ev in profile.evidence.get(cid, []):
            if ev.end > ev.start:
                spans.append((ev.start, ev.end, status))
    spans.sort()
    merged: list[list] = []
    for start, end, status in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if status == DEMONSTRATED:
                last[2] = DEMONSTRATED
        else:
            merged.append([start, end, status])
    return [(a, b, s) for a, b, s in merged]


def highlighted(text: str, profile: Profile | None, mark_style: str = "bold underline") -> Text:
    """The jobseeker's words with every matched phrase underlined AND in [brackets]."""
    out = Text()
    if profile is None or profile.result.text != text:
        out.append(text)
        return out
    pos = 0
    for start, end, status in evidence_spans(profile):
        if start < pos or end > len(text):
            continue
        out.append(text[pos:start])
        style = mark_style if status == DEMONSTRATED else "underline"
        out.append("[", style="bold")
        out.append(text[start:end], style=style)
        out.append("]", style="bold")
        pos = end
    out.append(text[pos:])
    return out


# --------------------------------------------------------------------------- pyramid


@dataclass
class PyramidEntry:
    comp_id: str
    name: str
    tier: int
    key: str  # STATUS key
    phrase: str
    tag: str = ""  # "from CNA": shown by a stated fact, said instead of the phrase


def pyramid_entries(profile: Profile | None, catalog, words=None, ask_limit: int | None = None) -> dict[int, list[PyramidEntry]]:
    """The profile's strengths and rejected matches grouped by tier (shown first, then ask: the
    strongest ``ask_limit`` of them, all when None); with ``words``, those a stated credential or
    past job shows are tagged with it."""
    out: dict[int, list[PyramidEntry]] = {}
    if profile is None:
        return out
    rows = profile.strengths(catalog)
    if ask_limit is not None:
        asks = [r for r in rows if r[1] == POSSIBLE]
        keep = {id(r) for r in asks[:ask_limit]}
        rows = [r for r in rows if r[1] != POSSIBLE or id(r) in keep]
    for comp, status, _score, evidence, source in rows:
        phrase = evidence[0].phrase if evidence else ""
        tag = source_tag(profile, comp.id, words) if words is not None else ""
        out.setdefault(comp.tier, []).append(PyramidEntry(comp.id, comp.name, comp.tier, status_key(status, source), phrase, tag))
    for cid, source in profile.source.items():
        if source == "rejected":
            comp = catalog.competency(cid)
            ev = next((m.evidence for m in profile.result.matches if m.competency.id == cid), [])
            phrase = ev[0].phrase if ev else ""
            out.setdefault(comp.tier, []).append(PyramidEntry(cid, comp.name, comp.tier, "rejected", phrase))
    return out


def hidden_asks(profile: Profile | None, catalog, ask_limit: int) -> int:
    """How many "ask about" items the first ``ask_limit`` leave out."""
    if profile is None:
        return 0
    return max(0, sum(1 for r in profile.strengths(catalog) if r[1] == POSSIBLE) - ask_limit)


def pyramid_tiers(entries: dict[int, list[PyramidEntry]]) -> list[int]:
    """Tiers drawn, top (narrowest) first: the foundation 1-4 always, higher tiers when used."""
    tiers = set(range(1, 5)) | set(entries)
    return sorted(tiers, reverse=True)


def pyramid_rows(entries: dict[int, list[PyramidEntry]], names: dict[int, str], width: int,
                 empty: str = "nothing yet", numbered: bool = True,
                 labels: dict[str, str] | None = None) -> list[tuple[str | None, Text]]:
    """The pyramid as rows (competency id or None for a drawing line; each ``width`` wide).

    A stepped pyramid: one box per tier, the top tier narrowest, each box joined to the one above
    (┴), every competency a row inside its tier's box with its status word and evidence phrase."""
    width = max(width, 30)
    tiers = pyramid_tiers(entries)
    n = len(tiers)
    if width >= 110:
        top = min(width, max(40, int(width * 0.55)))
    else:  # narrow (80x24): nearly full width, each tier 2 columns in from the one below, so names fit
        top = max(width - 4 * (n - 1), min(width, 30))
    boxes = []  # (tier, left, box width)
    for i, tier in enumerate(tiers):
        w = top + int(round((width - top) * (i / (n - 1) if n > 1 else 1)))
        w -= (width - w) % 2  # keep it centred
        boxes.append((tier, (width - w) // 2, w))
    rows: list[tuple[str | None, Text]] = []
    prev: tuple[int, int] | None = None
    for tier, left, w in boxes:
        right = left + w - 1
        line = [" "] * width
        line[left], line[right] = "┌", "┐"
        for x in range(left + 1, right):
            line[x] = "─"
        lo, hi = left + 1, right - 1
        if prev is not None:
            p_left, p_right = prev
            line[p_left] = "├" if p_left == left else "┴"
            line[p_right] = "┤" if p_right == right else "┴"
            lo, hi = p_left + 2, p_right - 2
        items = entries.get(tier, [])
        label = f"Tier {tier} · {names.get(tier, '')}" if numbered else names.get(tier, f"Tier {tier}")
        title = f" {label} ({len(items)}) "
        if len(title) > hi - lo + 1:  # no room between the joints: the title goes over them
            lo, hi = left + 1, right - 1
        title = _fit(title, hi - lo + 1)
        start = lo + max((hi - lo + 1 - len(title)) // 2, 0)
        for k, ch in enumerate(title):
            line[start + k] = ch
        rows.append((None, Text("".join(line), style="bold")))
        inner = w - 2
        for e in items or [None]:
            row = Text(" " * left)
            row.append("│", style="bold")
            if e is None:
                body = Text(_fit(f" · {empty}", inner), style="italic")
            else:
                body = Text(" ")
                body.append_text(status_text(e.key, labels=labels))
                body.append(" ")
                body.append(e.name, style="bold" if e.key != "rejected" else "strike")
                room = inner - len(body) - 4
                if e.tag and room >= 6:
                    body.append(f"  {_fit(e.tag, room + 2)}", style="italic")
                elif e.phrase and room >= 8:
                    body.append(f"  “{_fit(e.phrase, room)}”", style="italic")
            body.truncate(inner, overflow="ellipsis", pad=True)
            row.append_text(body)
            row.append("│", style="bold")
            row.append(" " * (width - right - 1))
            rows.append((e.comp_id if e is not None else None, row))
        prev = (left, right)
    rows.append((None, Text("└" + "─" * (width - 2) + "┘", style="bold")))
    return rows


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


# --------------------------------------------------------------------------- facts

_ABBR = re.compile(r"^(?P<long>[^()]+?) \((?P<abbr>[^()]*(?:\([^()]*\))?[^()]*)\)(?P<rest>.*)$")
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9+]*[A-Z0-9+]")


def credential_label(fact, explain: bool = True) -> str:
    """A credential as short as the person said it: "CNA", "CDL Class A", "GED (high school
    equivalency)"; the catalogue name when the words name none of its abbreviations."""
    label, said = fact.name, fact.phrase.lower()
    m = _ABBR.match(fact.name)
    if m:
        alternatives = [a.strip() for a in re.split(r"/| or |, ", m.group("abbr")) if a.strip()]
        hit = next((a for a in alternatives if _ACRONYM.fullmatch(a.split(" ")[0]) and a.split(" ")[0].lower() in said), None)
        if hit:
            label = hit + m.group("rest")
            if explain and fact.kind == "education":
                label += f" ({m.group('long').lower().removesuffix(' credential')})"
    if fact.field and fact.field.lower() not in label.lower():
        label += f", {fact.field}"
    return label


def job_label(fact, units: tuple[str, str] = ("yr", "yrs")) -> str:
    """A past job: "Cashier, 4 yrs (Kroger)"."""
    label = fact.title
    if fact.years:
        label += f", {fact.years:g} {units[0] if fact.years == 1 else units[1]}"
    if fact.employer:
        label += f" ({fact.employer})"
    return label


def fact_label(fact, units: tuple[str, str] = ("yr", "yrs")) -> str:
    return job_label(fact, units) if fact.SOURCE == "title" else credential_label(fact)


def fact_groups(facts, words) -> list[Text]:
    """The facts as labelled groups ("Credentials: GED · CNA"), in the words of the mode; a group
    the mode does not name (``None``) or with nothing in it is left out."""
    if facts is None:
        return []
    groups = []
    for key, found in (("held", facts.credentials), ("jobs", facts.titles), ("goals", facts.goals), ("lacks", facts.lacks)):
        label = words.facts_labels.get(key)
        items = list(dict.fromkeys(fact_label(f, words.years_units) for f in found))
        if label and items:
            group = Text()
            group.append(f"{label}: ", style="bold")
            group.append(" · ".join(items))
            groups.append(group)
    return groups


def source_tag(profile: Profile | None, cid: str, words) -> str:
    """"from CNA" / "from job: Cashier" for a competency a held credential or past job shows."""
    source = profile.source.get(cid) if profile is not None else None
    if source not in ("credential", "title") or profile.facts is None:
        return ""
    pool = profile.facts.credentials if source == "credential" else profile.facts.titles
    spans = {(e.start, e.end) for e in profile.evidence.get(cid, []) if e.kind == source}
    fact = next((f for f in pool if (f.start, f.end) in spans), None)
    if fact is None:
        return ""
    if source == "credential":
        return words.from_credential + credential_label(fact, explain=False)
    return words.from_job + fact.title
