"""Stable JSON shapes of the core objects (the CLI's ``--json`` contract, see docs/cli.md)."""

from __future__ import annotations

from .errors import AdvisorError
from .models import Competency, Model


def competency_dict(comp: Competency) -> dict:
    return {
        "id": comp.id,
        "model": comp.model,
        "number": comp.number,
        "name": comp.name,
        "tier": comp.tier,
        "definition": comp.definition,
        "behaviors": list(comp.behaviors),
        "provenance": comp.provenance,
    }


def model_summary(model: Model) -> dict:
    by_tier = model.by_tier()
    return {
        "id": model.id,
        "name": model.name,
        "version": model.version,
        "origin": model.origin,
        "extends": model.extends,
        "count": len(model.competencies),
        "provenance": model.provenance,
        "provenance_counts": model.provenance_counts(),
        "tiers": [{"number": t.number, "name": t.name, "count": len(by_tier.get(t.number, []))} for t in model.tiers],
        "sources": list(model.sources),
    }


def model_detail(model: Model) -> dict:
    out = model_summary(model)
    by_tier = model.by_tier()
    out["tiers"] = [
        {
            "number": t.number,
            "name": t.name,
            "count": len(by_tier.get(t.number, [])),
            "competencies": [competency_dict(c) for c in by_tier.get(t.number, [])],
        }
        for t in model.tiers
    ]
    return out


def plan_dict(plan) -> dict:
    """A gap plan (``plan --format json``)."""
    def comp(c: Competency) -> dict:
        return {"id": c.id, "number": c.number, "name": c.name, "tier": c.tier}

    def wage(w: Wage | None):
        return w.as_dict() if w else None

    return {
        "date": plan.date.isoformat(),
        "name": plan.name,
        "area": {"code": plan.area.code, "name": plan.area.name},
        "target": {"kind": plan.target.kind, "id": plan.target.id, "title": plan.target.title, "model": plan.target.model},
        "coverage": round(plan.coverage, 4),
        "counts": plan.counts,
        "strengths": [
            {**comp(s.competency), "status": s.status, "score": round(s.score, 4), "phrase": s.phrase, "matched_text": s.matched, "source": s.source}
            for s in plan.strengths
        ],
        "gaps": [
            {**comp(g.competency), "status": g.status, "training": [r.as_dict() for r in g.training]} for g in plan.gaps
        ],
        "next_steps": [
            {"rung": s.rung.id, "title": s.rung.title, "soc": s.rung.soc, "kind": s.kind, "education": s.rung.education,
             "training": s.rung.training, "credentials": s.rung.credentials, "wage": wage(s.wage), "takes": s.takes,
             "adds": [comp(c) for c in s.adds]}
            for s in plan.steps
        ],
        "jobs_that_fit": [
            {"rung": f.rung.id, "title": f.rung.title, "soc": f.rung.soc, "coverage": round(f.coverage, 4), "wage": wage(f.wage),
             "gaps": [comp(c) for c in f.gaps]}
            for f in plan.fits
        ],
        "checklist": plan.checklist,
        "notes": plan.notes,
        "sources": plan.sources,
    }


def emit_json(obj) -> None:
    """Print ``obj`` as the CLI's JSON (UTF-8 kept, indented)."""
    import json
    import sys

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def error_dict(err: AdvisorError) -> dict:
    return {"title": err.title, "message": err.message, "hint": err.hint}
