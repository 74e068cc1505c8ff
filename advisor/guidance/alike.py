"""Near-duplicate competencies folded into one: "Adaptability & Flexibility" (tier 1) and
"Adaptability/Flexibility" (tier 3), or a bank's "Customer Service/Service Orientation" that
replaces the Building Blocks "Customer Focus".

The groups are listed in ``advisor/data/alike.yaml`` (reviewed by hand: an industry model that
puts a different skill in a Building Blocks slot is not folded). Evidence for one member counts for every member, and every view
shows one row per group that names the other members' models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from .. import config
from ..errors import DataError
from ..models import SAFE_LOADER, Catalog

@dataclass(frozen=True)
class Folds:
    """Competency id -> the other ids of its group (empty for most)."""

    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def others(self, cid: str) -> tuple[str, ...]:
        return self.groups.get(cid, ())

    def fold(self, ids: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
        """``ids`` with one entry per group: the first member met stands for the group and
        carries the other members that were also in ``ids``."""
        ids = list(ids)
        present = set(ids)
        seen: set[str] = set()
        out = []
        for cid in ids:
            if cid in seen:
                continue
            mates = tuple(o for o in self.others(cid) if o in present)
            seen.add(cid)
            seen.update(mates)
            out.append((cid, mates))
        return out


def read_alike(path: Path, known: set[str]) -> list[list[str]]:
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: cannot be read: {exc}", hint="fix the YAML") from None
    groups = doc.get("alike") if isinstance(doc, dict) else None
    if not isinstance(groups, list) or not all(isinstance(g, list) and len(g) >= 2 for g in groups):
        raise DataError(f"{path}: 'alike' must be a list of groups of two or more competency ids")
    for group in groups:
        unknown = [str(cid) for cid in group if str(cid) not in known]
        if unknown:
            raise DataError(f"{path}: unknown competency id {unknown[0]!r}", hint="ids look like 'building-blocks:3.2'")
    return [[str(c) for c in g] for g in groups]


def build_folds(catalog: Catalog, path: Path | None = None) -> Folds:
    path = path or config.data_dir() / "alike.yaml"
    known = set(catalog.competencies_by_id())
    listed = read_alike(path, known) if path.exists() else []
    parent: dict[str, str] = {}
    order = {cid: i for i, cid in enumerate(c for g in listed for c in g)}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for group in listed:
        first = root(group[0])
        for other in group[1:]:
            parent[root(other)] = first
    members: dict[str, list[str]] = {}
    for cid in parent:
        members.setdefault(root(cid), []).append(cid)
    for r, ms in members.items():
        if r not in ms:
            ms.append(r)
    groups = {}
    for ms in members.values():
        ms.sort(key=lambda c: order[c])  # as the file lists them: the first names the row
        for cid in ms:
            groups[cid] = tuple(o for o in ms if o != cid)
    return Folds(groups)


def folds_for(catalog: Catalog) -> Folds:
    """The folds of ``catalog``, built once per catalogue object."""
    folds = catalog.__dict__.get("_folds")
    if folds is None:
        folds = catalog.__dict__["_folds"] = build_folds(catalog)
    return folds
