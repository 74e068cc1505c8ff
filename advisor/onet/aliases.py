"""The shipped alias table (advisor/data/occupation_aliases.yaml): job titles O*NET does not list
(military specialty codes, gig work, slang) and the 2018 SOC codes they mean, read before O*NET's
titles."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..db.onet import normalize

#: job titles O*NET does not list (military specialty codes, gig work, slang), read before its titles
ALIASES = Path(__file__).resolve().parent.parent / "data" / "occupation_aliases.yaml"


@lru_cache(maxsize=1)
def _alias_table() -> tuple[dict[str, tuple[str, ...]], dict[str, list[tuple[frozenset[str], tuple[str, ...]]]]]:
    import yaml

    doc = yaml.safe_load(ALIASES.read_text(encoding="utf-8")) or {}
    plain: dict[str, tuple[str, ...]] = {}
    gated: dict[str, list[tuple[frozenset[str], tuple[str, ...]]]] = {}
    for group in doc.get("aliases", []):
        codes = tuple(str(c) for c in group["soc"])
        needs = frozenset(normalize(str(w)) for w in group.get("with", ()))
        for say in group["say"]:
            if needs:
                gated.setdefault(normalize(str(say)), []).append((needs, codes))
            else:
                plain.setdefault(normalize(str(say)), codes)
    return plain, gated


def aliases() -> dict[str, tuple[str, ...]]:
    """The shipped alias table: a normalized title -> its 2018 SOC codes, best first."""
    return _alias_table()[0]


def gated_aliases() -> dict[str, list[tuple[frozenset[str], tuple[str, ...]]]]:
    """The codes that mean a job only with a service named ("hm" with "navy"): title -> (the
    services, as 'navy', 'air force', 'marine', its codes)."""
    return _alias_table()[1]
