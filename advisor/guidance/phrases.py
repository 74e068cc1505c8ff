"""Split a jobseeker's words into skill phrases, keeping character offsets for highlighting.

Splits, in order: lines (bullets and numbering stripped), sentences, semicolons and commas (not
inside numbers such as 1,000), then "and" / "&" / "plus" / "as well as" lists when both sides
the first part still reads as a phrase of its own ("drove a forklift and a pallet jack" splits;
"measured and cut lumber" does not). A phrase keeps its *parent* clause when it came from an "and" split, so
the matcher can score the clause as a whole as well as its parts. Every phrase is kept, however many:
a text is bounded by its length (``MAX_TEXT_CHARS``), never cut (``scripts/bench_many_phrases.py``
times the longest lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"\s*(?:[-*•·▪►◦‣o]|\d{1,2}[.)]|[a-zA-Z][.)])\s+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\s*[;|]\s*")
_COMMA = re.compile(r"(?<!\d),|,(?!\d)|\s+[–—]\s+|\s+-\s+")
_AND = re.compile(r"\s+(?:and|&|plus|as well as|then)\s+|\s*/\s*(?=[a-zA-Z]{3,})", re.IGNORECASE)
_LEAD = re.compile(r"^(?:and|or|also|plus|then|but|so|i've|i have|i am|i'm|i)\b[\s,]*", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_TRAIL = " \t.,;:!?-–—()[]{}\"'"


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int
    end: int
    parent: tuple[int, int] | None = None  # offsets of the clause this phrase was split from
    sentence: tuple[int, int] | None = None  # offsets of the sentence, when it holds several phrases


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _trim(source: str, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start] in _TRAIL:
        start += 1
    while end > start and source[end - 1] in _TRAIL:
        end -= 1
    m = _BULLET.match(source, start, end) if start < end else None
    if m and m.end() <= end:
        start = m.end()
    m = _LEAD.match(source[start:end])
    if m and m.end() < end - start and _words(source[start + m.end() : end]) >= 1:
        start += m.end()
    while start < end and source[start] in _TRAIL:
        start += 1
    return start, end


def _pieces(source: str, start: int, end: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in pattern.finditer(source, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def split_phrases(text: str) -> list[Phrase]:
    """The skill phrases of ``text`` in reading order, each with its offsets in ``text``."""
    phrases: list[Phrase] = []
    for line in re.finditer(r"[^\n\r]+", text):
        for t0, t1 in _pieces(text, line.start(), line.end(), _SENTENCE):
            t0, t1 = _trim(text, t0, t1)
            if t0 >= t1 or not _WORD.search(text, t0, t1):
                continue
            sentence: list[Phrase] = []
            for s0, s1 in _pieces(text, t0, t1, _COMMA):
                s0, s1 = _trim(text, s0, s1)
                if s0 >= s1 or not _WORD.search(text, s0, s1):
                    continue
                parts = [_trim(text, a, b) for a, b in _pieces(text, s0, s1, _AND)]
                parts = [(a, b) for a, b in parts if a < b and _WORD.search(text, a, b)]
                if len(parts) > 1 and _words(text[parts[0][0] : parts[0][1]]) >= 2:
                    for a, b in parts:
                        sentence.append(Phrase(text[a:b], a, b, parent=(s0, s1)))
                else:
                    sentence.append(Phrase(text[s0:s1], s0, s1))
            if len(sentence) > 1 and any(p.parent != (t0, t1) for p in sentence):
                sentence = [Phrase(p.text, p.start, p.end, p.parent, (t0, t1)) for p in sentence]
            phrases.extend(sentence)
    return phrases  # never cut: the text's length is limited instead (MAX_TEXT_CHARS)


def query_units(text: str, phrases: list[Phrase]) -> list[Phrase]:
    """What gets embedded: every phrase, plus each clause split on "and" and each sentence that
    holds several phrases (once each), so context is scored as well as the parts."""
    units = list(phrases)
    seen = {(p.start, p.end) for p in phrases}
    for p in phrases:
        for span in (p.parent, p.sentence):
            if span and span not in seen:
                seen.add(span)
                a, b = span
                outer = p.sentence if span == p.parent and p.sentence != span else None
                units.append(Phrase(text[a:b], a, b, sentence=outer))
    return units
