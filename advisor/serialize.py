"""Stable JSON shapes of the core objects: each shape is defined here, once.

These are the CLI's ``--json`` contract (keys documented in docs/cli.md, checked by
tests/test_cli.py) and the plan's JSON format. The guidance objects are read by their attributes
(duck typing): this module imports nothing from :mod:`advisor.guidance` at run time, so
``guidance.plan.export`` can import :func:`plan_dict` without a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .errors import AdvisorError
from .models import Competency, Model

if TYPE_CHECKING:  # pragma: no cover
    from .config import Settings
    from .guidance.fits import Fit
    from .guidance.gaps import GapItem, GapReport, Target
    from .guidance.ladders import Entry, Move, Rung
    from .guidance.matching import Evidence, Match, MatchResult
    from .guidance.phrases import Phrase
    from .guidance.training import Resource
    from .guidance.wages import Area, Wage

#: the statuses in the order the gap report lists them
STATUSES = ("demonstrated", "possible", "gap")


# --------------------------------------------------------------------------- models


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


def competency_ref(comp: Competency) -> dict:
    """A competency named inside a plan: ``{id, number, name, tier}``."""
    return {"id": comp.id, "number": comp.number, "name": comp.name, "tier": comp.tier}


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
    """``model_summary`` with each tier also holding its competencies."""
    out = model_summary(model)
    by_tier = model.by_tier()
    for tier in out["tiers"]:
        tier["competencies"] = [competency_dict(c) for c in by_tier.get(tier["number"], [])]
    return out


def models_dict(models: Iterable[Model], errors: Iterable[AdvisorError]) -> dict:
    """``advisor models --json``."""
    return {"models": [model_summary(m) for m in models], "errors": [error_dict(e) for e in errors]}


def error_dict(err: AdvisorError) -> dict:
    return {"title": err.title, "message": err.message, "hint": err.hint}


# --------------------------------------------------------------------------- matching


def phrase_dict(phrase: "Phrase") -> dict:
    return {"text": phrase.text, "start": phrase.start, "end": phrase.end}


def evidence_dict(ev: "Evidence") -> dict:
    return {
        "phrase": ev.phrase,
        "start": ev.start,
        "end": ev.end,
        "matched_text": ev.matched_text,
        "kind": ev.kind,
        "score": round(ev.score, 4),
    }


def _judged(found) -> dict:
    """What the matcher made of one competency: ``{status, score, evidence}``."""
    return {"status": found.status, "score": round(found.score, 4), "evidence": [evidence_dict(e) for e in found.evidence]}


def match_dict(match: "Match") -> dict:
    c = match.competency
    return {"id": c.id, "model": match.model, "number": c.number, "name": c.name, "tier": c.tier, **_judged(match)}


def match_result_dict(result: "MatchResult") -> dict:
    """One profile's match (``advisor match --json``)."""
    return {
        "text": result.text,
        "models": list(result.models),
        "phrases": [phrase_dict(p) for p in result.phrases],
        "competencies": [match_dict(m) for m in result.matches],
    }


# --------------------------------------------------------------------------- gaps


def target_dict(target: "Target") -> dict:
    """A goal; an O*NET goal (``kind`` ``onet``) also has its SOC code, Job Zone, typical
    education, main tasks and technology examples."""
    out = {"kind": target.kind, "id": target.id, "title": target.title, "model": target.model}
    d = getattr(target, "details", None)
    if d:
        out.update(soc=d.get("soc", ""), job_zone=d.get("job_zone"), education=d.get("education", ""),
                   tasks=list(d.get("tasks", [])), technology=list(d.get("technology", [])))
    return out


def gap_item_dict(item: "GapItem") -> dict:
    c = item.competency
    return {"id": c.id, "name": c.name, "tier": c.tier, "number": c.number, **_judged(item), "source": item.source}


def facts_dict(facts) -> dict:
    """What the words state as facts: education, credentials, past jobs, industries, goals, lacks."""
    if facts is None:
        return {"education": "unknown", "credentials": [], "titles": [], "industries": [], "goals": [], "lacks": []}

    def mention(f) -> dict:
        is_title = f.SOURCE == "title"
        return {"kind": f.SOURCE, "id": f.rung_id if is_title else f.id,
                "name": f.title if is_title else f.name, "phrase": f.phrase, "start": f.start, "end": f.end}

    return {
        "education": facts.education_level(),
        "credentials": [
            {"id": c.id, "name": c.name, "kind": c.kind, "level": c.level, "field": c.field, "phrase": c.phrase,
             "start": c.start, "end": c.end, "evidences": list(c.evidences), "covers": list(c.covers)}
            for c in facts.credentials
        ],
        "titles": [
            {"rung": t.rung_id, "title": t.title, "model": t.model, "years": t.years, "employer": t.employer,
             "current": t.current, "phrase": t.phrase, "start": t.start, "end": t.end, "evidences": list(t.evidences),
             "onet": t.onet}
            for t in facts.titles
        ],
        "industries": list(facts.industries),
        "goals": [mention(f) for f in facts.goals],
        "lacks": [mention(f) for f in facts.lacks],
    }


def gap_report_dict(report: "GapReport") -> dict:
    """``advisor gaps --json``: the items split by status (``gap`` items under ``gaps``); the
    first few worth asking about under ``possible``, the rest under ``more_possible``."""
    demonstrated, gap = ([gap_item_dict(i) for i in report.by_status(s)] for s in (STATUSES[0], STATUSES[2]))
    return {
        "target": target_dict(report.target),
        "coverage": round(report.coverage, 4),
        "demonstrated": demonstrated,
        "possible": [gap_item_dict(i) for i in report.ask_about()],
        "more_possible": [gap_item_dict(i) for i in report.more_to_ask()],
        "gaps": gap,
        "sectors": [competency_ref(c) for c in report.sectors],
        "facts": facts_dict(report.facts),
    }


# --------------------------------------------------------------------------- wages, areas, ladders, fits


def area_dict(area: "Area") -> dict:
    """The area a command's wages are for: ``{code, name}``."""
    return {"code": area.code, "name": area.name}


def area_entry_dict(area: "Area") -> dict:
    """An area found by ``advisor areas``: ``{code, type, name}``."""
    return {"code": area.code, "type": area.type, "name": area.name}


def wage_dict(wage: "Wage | None") -> dict | None:
    if wage is None:
        return None
    return {
        "soc": wage.soc,
        "area": wage.area.name,
        "area_code": wage.area.code,
        "hourly_median": wage.hourly_median,
        "hourly_p25": wage.hourly_p25,
        "hourly_p75": wage.hourly_p75,
        "annual_median": wage.annual_median,
        "annual_p25": wage.annual_p25,
        "annual_p75": wage.annual_p75,
        "employment": wage.employment,
        "fallback": wage.fallback,
        "note": wage.note(),
    }


def move_dict(move: "Move") -> dict:
    return {"to": move.to, "kind": move.kind, "takes": move.takes}


def entry_dict(entry: "Entry | None") -> dict | None:
    """How people get into a job: ``requires`` lists what must be held, each as ``{any_of}``: the
    alternatives (credential-lexicon ids or plain names), any one of which meets it."""
    if entry is None:
        return None
    return {"route": entry.route, "requires": [{"any_of": list(alts)} for alts in entry.requires], "on_the_job": entry.on_the_job,
            "cip": list(entry.cip), "training": list(entry.training)}


def rung_dict(rung: "Rung", wage: "Wage | None") -> dict:
    r = rung
    return {
        "id": r.id, "model": r.model, "title": r.title, "soc": r.soc, "soc_title": r.soc_title, "level": r.level,
        "education": r.education, "experience": r.experience, "training": r.training, "credentials": r.credentials,
        "summary": r.summary, "requires": r.required, "moves": [move_dict(m) for m in r.moves], "wage": wage_dict(wage),
        "entry": entry_dict(r.entry),
    }


def ladders_dict(area: "Area", rungs: Iterable[tuple["Rung", "Wage | None"]]) -> dict:
    """``advisor ladders --json``: each rung with its wage in ``area``."""
    return {"area": area_dict(area), "rungs": [rung_dict(r, w) for r, w in rungs]}


def fit_dict(fit: "Fit", wage: "Wage | None") -> dict:
    """A job that fits (``advisor fit --json``): its gaps as ``{id, name}``; ``needs``: what must be
    held first; ``apply_now``: nothing to hold and at least half the job shown."""
    r = fit.rung
    return {"rung": r.id, "title": r.title, "soc": r.soc, "model": r.model, "coverage": round(fit.coverage, 4),
            "wage": wage_dict(wage), "gaps": [{"id": c.id, "name": c.name} for c in fit.gaps],
            "needs": list(fit.needs), "apply_now": fit.apply_now, "entry": entry_dict(r.entry)}


def fits_dict(area: "Area", fits: Iterable[tuple["Fit", "Wage | None"]]) -> dict:
    """``advisor fit --json``."""
    return {"area": area_dict(area), "source": "ladders", "jobs": [fit_dict(f, w) for f, w in fits]}


def occupation_fits_dict(area: "Area", fits) -> dict:
    """``advisor fit --json`` with O*NET imported: (OccupationFit, Wage | None) pairs."""
    jobs = [{"code": f.code, "soc": f.soc, "title": f.title, "job_zone": f.job_zone, "score": f.score, "how": f.how,
             "why": f.why, "entry": f.entry, "tasks": f.tasks[:3], "wage": wage_dict(w)} for f, w in fits]
    return {"area": area_dict(area), "source": "onet", "jobs": jobs}


# --------------------------------------------------------------------------- training


def resource_dict(res: "Resource") -> dict:
    """A training resource; local (ETPL) programs also carry ``provider`` and ``location``."""
    keys = ("id", "name", "kind", "issuer", "length", "format", "cost", "wioa", "wioa_note", "description", "builds", "url", "local")
    out = {k: getattr(res, k) for k in keys}
    if res.local:
        out.update(provider=res.provider, location=res.location, cip=res.cip)
    return out


# --------------------------------------------------------------------------- plan


def plan_dict(plan) -> dict:
    """A gap plan (``plan --format json``)."""
    comp = competency_ref
    return {
        "date": plan.date.isoformat(),
        "name": plan.name,
        "area": area_dict(plan.area),
        "target": target_dict(plan.target),
        "coverage": round(plan.coverage, 4),
        "counts": plan.counts,
        "strengths": [
            {**comp(s.competency), "status": s.status, "area": s.area, "source": s.source, "how": s.how,
             "also": [comp(a) for a in s.also]}
            for s in plan.strengths
        ],
        "other_strengths": [comp(c) for c in plan.other_strengths],
        "questions": [{**comp(q.competency), "area": q.area, "why": q.why, "question": q.question} for q in plan.questions],
        "more_questions": plan.more_questions,
        "gaps": [
            {**comp(g.competency), "status": g.status, "area": g.area, "why": g.why, "on_the_job": g.on_the_job,
             "training": [resource_dict(r) for r in g.training]}
            for g in plan.gaps
        ],
        "sectors": [comp(c) for c in plan.sectors],
        "route": None if plan.route is None else {
            "text": plan.route.text, "on_the_job": plan.route.on_the_job, "needs": list(plan.route.needs),
            "cip": list(plan.route.cip), "training": [resource_dict(r) for r in plan.route.training],
        },
        "next_steps": [
            {"rung": s.rung.id, "title": s.rung.title, "soc": s.rung.soc, "kind": s.kind, "education": s.rung.education,
             "training": s.rung.training, "credentials": s.rung.credentials, "wage": wage_dict(s.wage), "takes": s.takes,
             "adds": [comp(c) for c in s.adds]}
            for s in plan.steps
        ],
        "jobs_that_fit": [
            {"rung": f.rung.id, "title": f.rung.title, "soc": f.rung.soc, "coverage": round(f.coverage, 4), "wage": wage_dict(f.wage),
             "gaps": [comp(c) for c in f.gaps], "needs": list(f.needs), "apply_now": f.apply_now}
            for f in plan.fits
        ],
        "tasks_shown": list(plan.tasks_shown),
        "technology_named": list(plan.technology_named),
        "occupations_that_fit": [
            {"code": f.fit.code, "soc": f.fit.soc, "title": f.fit.title, "job_zone": f.fit.job_zone, "how": f.fit.how,
             "why": f.fit.why, "entry": f.fit.entry, "wage": wage_dict(f.wage)}
            for f in plan.occupation_fits
        ],
        "facts": facts_dict(plan.facts),
        "contact": {"advisor": plan.contact.advisor, "center": plan.contact.center, "reach": plan.contact.reach},
        "follow_up": plan.follow_up.isoformat() if plan.follow_up else None,
        "checklist": plan.checklist,
        "notes": plan.notes,
        "sources": plan.sources,
    }


# --------------------------------------------------------------------------- index, settings


def index_status_dict(directory, embedding_model: str, fresh: bool, wanted_texts: int, stored_vectors: int,
                      collections: list[dict]) -> dict:
    """``advisor index status --json`` (``collections``: ``{name, model, fingerprint, count, updated}``)."""
    return {
        "directory": str(directory),
        "embedding_model": embedding_model,
        "fresh": fresh,
        "wanted_texts": wanted_texts,
        "stored_vectors": stored_vectors,
        "collections": collections,
    }


def settings_dict(settings: "Settings", path) -> dict:
    """``advisor config --json``: the settings file's path, then every setting."""
    from dataclasses import asdict

    return {"path": str(path), **asdict(settings)}


def emit_json(obj) -> None:
    """Print ``obj`` as the CLI's JSON (UTF-8 kept, indented)."""
    import json
    import sys

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
