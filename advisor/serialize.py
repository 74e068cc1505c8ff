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


def emit_json(obj) -> None:
    """Print ``obj`` as the CLI's JSON (UTF-8 kept, indented)."""
    import json
    import sys

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def error_dict(err: AdvisorError) -> dict:
    return {"title": err.title, "message": err.message, "hint": err.hint}
