"""Jobs that fit: every ladder occupation ranked by how much of it the profile already covers."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Catalog, Competency
from .gaps import CREDIT, GAP, POSSIBLE, Profile
from .ladders import Ladders, Rung


@dataclass
class Fit:
    rung: Rung
    coverage: float
    gaps: list[Competency]
    possible: list[Competency]


def jobs_that_fit(profile: Profile, ladders: Ladders, catalog: Catalog, limit: int = 8, max_gaps: int = 4) -> list[Fit]:
    """Every ladder occupation ranked by how much of its requirement the profile already covers.
    A step down is never offered: on a ladder where the words state a past job, rungs below
    that job's level are left out (a shift lead is not sent back to the register)."""
    reached: dict[str, int] = {}
    for job in profile.facts.titles if profile.facts is not None else []:
        rung = ladders.rungs.get(job.rung_id)
        if rung is not None:
            reached[rung.model] = max(reached.get(rung.model, 0), rung.level)
    fits = []
    for rung in ladders.rungs.values():
        req = rung.required
        if not req or rung.level < reached.get(rung.model, 0):
            continue
        statuses = [profile.status.get(cid, GAP) for cid in req]
        coverage = sum(CREDIT[s] for s in statuses) / len(req)
        gaps = [catalog.competency(c) for c, s in zip(req, statuses) if s == GAP]
        possible = [catalog.competency(c) for c, s in zip(req, statuses) if s == POSSIBLE]
        fits.append(Fit(rung, coverage, gaps[:max_gaps], possible))
    fits.sort(key=lambda f: (-f.coverage, f.rung.level, f.rung.title))
    return fits[:limit]
