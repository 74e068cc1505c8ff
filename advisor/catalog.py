"""The catalogue's types: tiers, competencies, models and the catalogue of loaded models.

:mod:`advisor.models` reads the YAML files into these (and re-exports them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, InputError

PROVENANCES = ("cmc", "drafted")


@dataclass(frozen=True)
class Tier:
    number: int
    name: str


def tier_of(comp_id: str) -> int:
    """The tier of a competency id ("retail:4.2" -> 4): a number starts with its tier (the model
    loader checks it), so no catalogue is needed."""
    return int(comp_id.rsplit(":", 1)[1].split(".")[0])


@dataclass(frozen=True)
class Competency:
    """One competency. ``model`` is the model that defines it; ``id`` is ``model:number``."""

    model: str
    number: str
    name: str
    tier: int
    definition: str
    behaviors: tuple[str, ...]
    provenance: str

    @property
    def id(self) -> str:
        return f"{self.model}:{self.number}"

    def sort_key(self) -> tuple[int, int]:
        major, minor = self.number.split(".")
        return (int(major), int(minor))


@dataclass
class Model:
    id: str
    name: str
    version: str
    sources: list[str]
    tiers: list[Tier]
    competencies: list[Competency]
    path: Path | None = None
    extends: str | None = None
    origin: str = "shipped"  # shipped | user

    def tier(self, number: int) -> Tier | None:
        return next((t for t in self.tiers if t.number == number), None)

    def by_tier(self) -> dict[int, list[Competency]]:
        out: dict[int, list[Competency]] = {t.number: [] for t in self.tiers}
        for comp in self.competencies:
            out.setdefault(comp.tier, []).append(comp)
        return out

    @property
    def provenance(self) -> str:
        """``cmc`` when every competency is official, ``drafted`` when all are ours, else ``mixed``."""
        kinds = {c.provenance for c in self.competencies}
        return kinds.pop() if len(kinds) == 1 else "mixed"

    def provenance_counts(self) -> dict[str, int]:
        counts = {p: 0 for p in PROVENANCES}
        for comp in self.competencies:
            counts[comp.provenance] += 1
        return counts


@dataclass
class Catalog:
    """The models that loaded, in load order, and the errors of those that did not."""

    models: dict[str, Model] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)

    def get(self, model_id: str) -> Model:
        try:
            return self.models[model_id]
        except KeyError:
            known = ", ".join(self.models) or "none"
            raise InputError(f"unknown model '{model_id}'", hint=f"known models: {known}") from None

    def competency(self, comp_id: str) -> Competency:
        comp = self.competencies_by_id().get(comp_id)
        if comp is None:
            raise InputError(f"unknown competency '{comp_id}'", hint="ids look like 'building-blocks:3.2'")
        return comp

    def competencies_by_id(self) -> dict[str, Competency]:
        out: dict[str, Competency] = {}
        for model in self.models.values():
            for comp in model.competencies:
                out.setdefault(comp.id, comp)
        return out

    def unique_competencies(self, model_ids: list[str] | None = None) -> list[Competency]:
        """Every competency once, in model order (inherited ones count once)."""
        ids = model_ids or list(self.models)
        seen: dict[str, Competency] = {}
        for mid in ids:
            for comp in self.get(mid).competencies:
                seen.setdefault(comp.id, comp)
        return list(seen.values())
