"""The licensed-occupations table (``advisor/data/licensed_occupations.yaml``), read once: the
licences and certificates each licensed occupation asks for, the credentials that make a person
ready to apply for an occupation, and the work never offered to someone under 18."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LICENSED = Path(__file__).resolve().parent.parent / "data" / "licensed_occupations.yaml"


@lru_cache(maxsize=1)
def _table() -> dict:
    import yaml

    return yaml.safe_load(LICENSED.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def licensed() -> dict[str, tuple[tuple[str, ...], ...]]:
    """SOC code -> its requirements, each a tuple of alternatives."""
    return {str(e["soc"]): tuple(tuple(str(a) for a in alts) for alts in e["needs"]) for e in _table().get("licensed", [])}


@lru_cache(maxsize=1)
def ready_with() -> dict[str, tuple[str, ...]]:
    """Credential id -> the SOC codes it makes a person ready to apply for."""
    return {str(k): tuple(str(s) for s in v) for k, v in (_table().get("ready_with") or {}).items()}


@lru_cache(maxsize=1)
def occupational() -> frozenset[str]:
    """Every credential id a licensed occupation asks for or that readies someone for one."""
    return frozenset({a for needs in licensed().values() for alts in needs for a in alts} | set(ready_with()))


@lru_cache(maxsize=1)
def not_for_minors() -> tuple[str, ...]:
    """SOC codes (or their starts) never offered to someone under 18."""
    return tuple(str(s) for s in _table().get("not_for_minors") or ())


@lru_cache(maxsize=1)
def by_audition() -> tuple[str, ...]:
    """SOC codes of work people are chosen for by audition or tryout (actors, athletes, dancers,
    musicians, models): offered only to someone who has done it."""
    return tuple(str(s) for s in _table().get("by_audition") or ())


MILITARY = Path(__file__).resolve().parent.parent / "data" / "military_civilian.yaml"


@lru_cache(maxsize=1)
def civilian_work() -> dict[str, tuple[str, ...]]:
    """Military SOC code (major group 55) -> the civilian SOC codes its training prepares for, best first."""
    import yaml

    doc = yaml.safe_load(MILITARY.read_text(encoding="utf-8")) or {}
    return {str(e["soc"]): tuple(str(c) for c in e["for"]) for e in doc.get("civilian", [])}


@lru_cache(maxsize=1)
def trains_for() -> dict[str, tuple[str, ...]]:
    """Training id -> the SOC codes (or starts of them) it is the way into."""
    return {str(k): tuple(str(s) for s in v) for k, v in (_table().get("trains_for") or {}).items()}


def _covers(listed: str, soc: str) -> bool:
    """Whether a listed SOC code, or the start of one ("47-"), covers ``soc``."""
    return soc == listed or (len(listed) < 7 and soc.startswith(listed))


def leads_to(training: str, soc: str) -> bool | None:
    """Whether a training is the way into the occupation ``soc``; None when it is listed for none."""
    socs = trains_for().get(training)
    if socs is None:
        return None
    return any(_covers(s, soc) for s in socs)


def rank_for(training: str, soc: str) -> int:
    """Where ``soc`` stands among the occupations a training leads to: 0 when it is the first
    (a medical assistant's own certificate before the phlebotomy course that also helps)."""
    socs = trains_for().get(training, ())
    return next((i for i, s in enumerate(socs) if _covers(s, soc)), len(socs))
