"""An O*NET goal in the plan (with O*NET imported): its way in from the Job Zone and the education
most of its workers have, what of that the facts do not show, and its related occupations as
sideways steps with area wages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..gaps import Profile, Target
from ..ladders import Rung
from ..wages import Area
from .lines import Route, Step

if TYPE_CHECKING:  # pragma: no cover
    from ..library import Library


def onet_route(details: dict) -> Route:
    """An O*NET goal's way in: its Job Zone and what most of its workers have (no ladder route)."""
    d = details
    bits = [(d.get("job_zone_name") or (f"Job Zone {d['job_zone']}" if d.get("job_zone") else "")).rstrip(".")]
    if d.get("education"):
        share = f" ({d['education_percent']:g}% of workers)" if d.get("education_percent") is not None else ""
        bits.append(f"Typical education: {d['education']}{share}")
    if d.get("experience"):
        bits.append(f"Related work experience: {d['experience']}")
    if d.get("training"):
        bits.append(f"Training on the job: {d['training']}")
    text = ". ".join(b[:1].upper() + b[1:] for b in bits if b)
    return Route(text + "." if text else "", bool(d.get("job_zone")) and d["job_zone"] <= 2, [], [])


def onet_needs(target: Target, lib: "Library", profile: Profile) -> list[str]:
    """What an O*NET goal asks for first that the facts do not show: its licence, and the
    education most start with when too few of its workers started with what the words show."""
    from ..occupation_fits import Candidate, goal_needs

    d = target.details or {}
    reach = lib.onet_reach(profile)  # the same reading of the facts as the jobs that fit
    if reach is None:
        return []
    shares = {int(k): float(v) for k, v in (d.get("education_shares") or {}).items()}
    return goal_needs(Candidate(d.get("code", ""), d.get("soc", ""), target.title, d.get("job_zone"), shares), reach,
                      d.get("education_words") or {})


def onet_rung(occ: dict, model: str) -> Rung:
    """An O*NET occupation (plain data) in the shape of a ladder rung, for the plan's steps."""
    edu = occ.get("education", "")
    edu = edu[:1].upper() + edu[1:]
    return Rung(f"onet:{occ['code']}", model, occ["title"], occ["soc"], occ["title"], occ.get("job_zone") or 0,
                edu, occ.get("experience", ""), occ.get("training", ""), [], occ.get("description", ""), [], [], [])


def onet_steps(target: Target, lib: "Library", where: Area) -> list[Step]:
    """The goal, its O*NET related occupations (sideways, or up when their Job Zone is higher)
    and the higher Job Zones of its family (up the ladder), each with its area wage."""
    d = target.details or {}
    goal_zone = d.get("job_zone") or 0
    steps = [Step(onet_rung({**d, "title": target.title}, target.model), "target", lib.wage(d["soc"], where), "", [])]
    for r in d.get("related", []):
        near = "Closely related" if str(r.get("tier", "")).endswith("Short") else "Related"
        zone = f"; Job Zone {r['job_zone']}" if r.get("job_zone") else ""
        # up when it asks more preparation, or leads the work ("First-Line Supervisors of ...")
        lead = "Supervisors" in r.get("title", "") and "Supervisors" not in target.title
        kind = "up" if lead or (goal_zone and (r.get("job_zone") or 0) > goal_zone) else "lateral"
        steps.append(Step(onet_rung(r, target.model), kind, lib.wage(r["soc"], where), f"{near} in O*NET{zone}", []))
    for r in d.get("up", []):
        steps.append(Step(onet_rung(r, target.model), "up", lib.wage(r["soc"], where),
                          f"The same family in O*NET; Job Zone {r['job_zone']}: more preparation", []))
    return steps


#: an O*NET goal's plan credits O*NET as its licence asks
ONET_CREDIT = ("Occupation details: O*NET {release} Database, U.S. Department of Labor, Employment and "
               "Training Administration (USDOL/ETA), used under the CC BY 4.0 license.")
