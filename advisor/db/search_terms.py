"""How a search of the saved sessions is turned into SQL terms: an FTS5 prefix query for plain
words, case-folded substrings for anything FTS cannot take as it is (``advisor_fold`` is the SQL
function the sessions store registers on each connection)."""

from __future__ import annotations

import re

_WORDS_ONLY = re.compile(r"[\w\s]+")
_WORD = re.compile(r"\w+")
_EDGE_PUNCT = "\"'“”‘’()[]{}<>,;:!?*^~`"


def fold(value: str | None) -> str:
    return value.casefold() if value else ""


def fts_query(query: str) -> str | None:
    """An FTS5 query (every word, as a prefix) for a plain-words query; None for anything else."""
    if not _WORDS_ONLY.fullmatch(query):
        return None
    words = _WORD.findall(query)
    return " ".join('"' + w + '"*' for w in words) if words else None


def like_terms(query: str) -> list[str]:
    """Case-folded substrings that must all appear, for queries FTS cannot take as they are."""
    terms = []
    for raw in query.split():
        term = raw.strip(_EDGE_PUNCT) or raw
        terms.append(term.casefold())
    return terms
