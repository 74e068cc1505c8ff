"""Targets and competencies named the way people name them, and the closest ones when a name is
unknown.

:func:`find_target` accepts what :func:`advisor.guidance.gaps.resolve_target` accepts (an
industry model id, an occupation id, with or without ``model:`` / ``rung:``) and also an
occupation's title or a job title people use for it (the strong aliases of ``data/titles.yaml``),
an industry's name, or a part of a title before or after a ``/``: when such a name means exactly
one target it is that target; when it means several (``cna`` is on two ladders) the error lists
them to choose from. An unknown name gets the closest ids and titles as a suggestion. No language
model is needed, so a bad target fails at once.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from ..errors import DataError, InputError
from ..models import Catalog
from .gaps import Target, resolve_target
from .ladders import Ladders
from .lexicon import alias_key, tokens

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import Lexicon

#: how many close ids a suggestion names
SUGGESTIONS = 3
#: how alike (difflib's ratio) a name must be to be suggested
CLOSE = 0.6

_PARENS = re.compile(r"\s*\([^)]*\)")


def _title_names(title: str) -> list[str]:
    """A title and the ways it is shortened: without its bracketed part, each side of a ``/``."""
    names = [title]
    bare = _PARENS.sub("", title).strip()
    names.append(bare)
    names.extend(part.strip() for part in bare.split("/") if part.strip())
    return names


def target_names(catalog: Catalog, ladders: Ladders, lexicon: "Lexicon | None" = None,
                 words_of: dict[str, list[str]] | None = None) -> dict[str, tuple[dict[str, None], bool]]:
    """Every name a target is known by: its lookup key (:func:`alias_key`) -> (the target ids it
    names, in order; whether it names them firmly). Ids, titles, industry names and strong job-title
    aliases are firm; weak aliases (``forklift``, ``operator``) only help suggest."""
    names: dict[str, tuple[dict[str, None], bool]] = {}

    def add(name: str, target_id: str, firm: bool = True) -> None:
        key = alias_key(name)
        if not key:
            return
        if words_of is not None:
            words_of.setdefault(key, tokens(name.lower()))
        ids, was_firm = names.get(key, ({}, False))
        if firm and not was_firm:
            ids = {}  # a firm name outranks weak uses of the same words
        if firm or not was_firm:
            ids[target_id] = None
            names[key] = (ids, firm or was_firm)

    for model in catalog.models.values():
        add(model.id, model.id)
        add(model.name, model.id)
    for rung in ladders.rungs.values():
        add(rung.id, rung.id)
        for name in _title_names(rung.title):
            add(name, rung.id)
    if lexicon is not None:
        for title in lexicon.titles.values():
            for alias in title.aliases:
                add(alias, title.rung_id)
            for alias in title.weak:
                add(alias, title.rung_id, firm=False)
    return names


def _label(target_id: str, catalog: Catalog, ladders: Ladders, industry: bool = False) -> str:
    """``id (Title)``; with ``industry``, the industry too (two rungs may share a title)."""
    if target_id in ladders.rungs:
        rung = ladders.rungs[target_id]
        model = catalog.models.get(rung.model)
        where = f", in {model.name}" if industry and model is not None else ""
        return f"{target_id} ({rung.title}{where})"
    return f"{target_id} ({catalog.models[target_id].name}: the whole industry)"


def _listing(ids: list[str], catalog: Catalog, ladders: Ladders) -> str:
    """The ids with their titles, and their industries when two titles are the same."""
    titles = [ladders.rungs[i].title if i in ladders.rungs else i for i in ids]
    industry = len(set(titles)) < len(titles)
    labels = [_label(i, catalog, ladders, industry) for i in ids]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def _holds(words: list[str], name_words: list[str]) -> bool:
    """Every word of the query starts a word of the name."""
    return all(any(n.startswith(w) for n in name_words) for w in words)


def closest(spec: str, names: dict[str, tuple[dict[str, None], bool]], limit: int = SUGGESTIONS,
            words_of: dict[str, list[str]] | None = None) -> list[str]:
    """The target ids whose names are closest to ``spec``: those whose names hold every word of
    it (each word starting one of theirs), else those alike by spelling (difflib), best first."""
    key, words = alias_key(spec), tokens(spec.lower())
    if not key:
        return []
    holding: dict[str, float] = {}
    alike: dict[str, float] = {}
    for name, (ids, firm) in names.items():
        ratio = difflib.SequenceMatcher(None, key, name).ratio() + (0.01 if firm else 0.0)
        into = holding if _holds(words, (words_of or {}).get(name, [name])) else alike if ratio >= CLOSE else None
        if into is None:
            continue
        for target_id in ids:
            into[target_id] = max(into.get(target_id, 0.0), ratio)
    found = holding or alike
    return sorted(found, key=lambda i: (-found[i], i))[:limit]


def find_target(spec: str, catalog: Catalog, ladders: Ladders, lexicon: "Lexicon | None" = None) -> Target:
    """The target ``spec`` names: an id (as :func:`resolve_target`), else a title, an industry's
    name or a job title that names exactly one target. Several: an :class:`InputError` listing
    them; none: an :class:`InputError` suggesting the closest."""
    spec = (spec or "").strip()
    try:
        return resolve_target(spec, catalog, ladders)
    except InputError as err:
        if not spec:
            raise
        unknown = err
    bare = spec.partition(":")[2] if spec.startswith(("model:", "rung:")) else spec
    words_of: dict[str, list[str]] = {}
    names = target_names(catalog, ladders, lexicon, words_of)
    ids, firm = names.get(alias_key(bare), ({}, False))
    if firm and len(ids) == 1:
        return resolve_target(next(iter(ids)), catalog, ladders)
    if firm:
        raise InputError(f"'{spec}' names {len(ids)} occupations",
                         hint=f"choose one id: {_listing(list(ids), catalog, ladders)}")
    near = list(dict.fromkeys([*ids, *closest(bare, names, words_of=words_of)]))[:SUGGESTIONS]  # weak aliases first
    if not near:
        raise unknown
    raise InputError(f"unknown target '{spec}'",
                     hint=f"did you mean {_listing(near, catalog, ladders)}? 'advisor ladders' lists every occupation id")


def find_target_with(spec: str, library) -> Target:
    """:func:`find_target` with a library's catalogue, ladders and job titles (without the titles
    when their file does not load: ids and titles still work)."""
    try:
        lexicon = library.lexicon
    except DataError:
        lexicon = None
    return find_target(spec, library.catalog, library.ladders, lexicon)


def check_competency(comp_id: str, catalog: Catalog):
    """The competency ``comp_id``, or an :class:`InputError` that suggests the closest ids and names."""
    found = catalog.competencies_by_id()
    if comp_id in found:
        return found[comp_id]
    key, words = alias_key(comp_id), tokens(comp_id.lower())
    scored = []
    for cid, comp in found.items():
        by_name = alias_key(comp.name)
        holds = bool(words) and _holds(words, tokens(comp.name.lower()))
        ratio = max(difflib.SequenceMatcher(None, comp_id.lower(), cid).ratio(),
                    difflib.SequenceMatcher(None, key, by_name).ratio())
        if holds or ratio >= CLOSE:
            scored.append((0 if holds else 1, -ratio, cid, comp.name))
    scored.sort()
    if scored and scored[0][0] == 0:
        scored = [s for s in scored if s[0] == 0]
    if not scored:
        return catalog.competency(comp_id)  # the plain error: how ids look
    near = ", ".join(f"{cid} ({name})" for _, _, cid, name in scored[:SUGGESTIONS])
    raise InputError(f"unknown competency '{comp_id}'",
                     hint=f"did you mean {near}? 'advisor models show MODEL' lists the ids")
