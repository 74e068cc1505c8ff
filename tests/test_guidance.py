"""Gaps, jobs that fit, training, ladders, wages and the gap plan in every format."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from advisor.errors import ExportError, InputError
from advisor.guidance.gaps import Corrections
from advisor.guidance.plan import export_plan, render
from advisor.guidance.plan.content import sections
from advisor.serialize import plan_dict
from advisor.guidance.service import Advisor
from advisor.guidance.training import read_etpl

GOLDEN = Path(__file__).parent / "golden"
DAY = dt.date(2026, 11, 23)
CASHIER = "Cashier at a grocery store for 4 years: ran the register, handled returns and exchanges, counted and closed out the cash drawer, stocked shelves and trained new cashiers"
WAREHOUSE = "Warehouse associate 3 years. Drove a forklift and pallet jack, loaded and unloaded trucks at the dock, picked and packed orders with an RF scanner, did cycle counts"


_ADVISORS: dict = {}


@pytest.fixture
def adv(catalog, matcher):
    """One loaded Advisor per embedder (the fake one, or the real model for ``model`` tests)."""
    if id(matcher) not in _ADVISORS:
        a = Advisor.load(catalog)
        a._matcher = matcher
        assert not a.errors, [str(e) for e in a.errors]
        _ADVISORS[id(matcher)] = a
    return _ADVISORS[id(matcher)]


def test_every_ladder_has_five_or_more_real_rungs(adv):
    for model_id in adv.catalog.models:
        if model_id == "building-blocks":
            continue
        rungs = adv.ladders.for_model(model_id)
        assert len(rungs) >= 5, model_id
        assert min(r.level for r in rungs) == 1
        for r in rungs:
            assert r.moves, r.id
            assert adv.wage(r.soc, adv.area("US")) is not None, f"{r.id} {r.soc} has no national wage"
            assert set(r.required) >= set(r.adds)


def test_wages_by_state_metro_and_fallback(adv):
    oh = adv.area("oh")
    assert oh.name == "Ohio"
    w = adv.wage("41-2011", oh)
    assert w.area.name == "Ohio" and not w.fallback and w.hourly_median > 7
    metro = adv.area("Columbus, OH")
    assert metro.type == "M"
    nuclear = adv.wage("51-8011", adv.area("VT"))  # no nuclear operators estimate in Vermont
    assert nuclear is not None and nuclear.fallback and "national" in nuclear.note()
    with pytest.raises(InputError):
        adv.area("Columbus")  # ambiguous: says which ones
    with pytest.raises(InputError):
        adv.area("Atlantis")


def test_gap_report_for_an_occupation(adv):
    profile = adv.profile(CASHIER)
    report = adv.gaps(profile, "retail-cashier")
    statuses = {i.competency.id: i.status for i in report.items}
    assert statuses["retail:4.5"] == "demonstrated"  # register operations and cash handling
    assert set(statuses) == set(adv.ladders.get("retail-cashier").required)
    # four years as a cashier is the strongest evidence there is: the role's technical and personal
    # requirements are shown; its academic and workplace ones are shown where the words say so,
    # else asked about (with the job as evidence); none is a gap
    assert report.by_status("gap") == [] and {i.source for i in report.items} <= {"title", "matched"}
    assert all(i.status == "demonstrated" for i in report.items if i.competency.tier not in (2, 3))
    assert report.coverage > 0.8
    assert any(i.source == "title" and i.evidence[0].matched_text == "worked as Cashier, 4 years" for i in report.items)
    report = adv.gaps(profile, "retail-supervisor")  # the step up still has gaps
    assert 0 < report.coverage < 1
    # the rung's own requirements come first
    own = [i.own for i in report.items]
    assert own == sorted(own, reverse=True)


def test_corrections_change_the_gaps(adv):
    base = adv.gaps(adv.profile(CASHIER), "retail-supervisor")
    gap = base.by_status("gap")[0].competency.id
    shown = base.by_status("demonstrated")[0].competency.id
    fixed = adv.gaps(adv.profile(CASHIER, Corrections.of(confirmed=[gap], rejected=[shown])), "retail-supervisor")
    statuses = {i.competency.id: i.status for i in fixed.items}
    assert statuses[gap] == "demonstrated" and statuses[shown] == "gap"


def test_model_target_orders_by_tier(adv):
    report = adv.gaps(adv.profile(WAREHOUSE), "transportation-distribution-logistics")
    tiers = [i.competency.tier for i in report.by_status("gap")]
    assert tiers == sorted(tiers)


def test_jobs_that_fit_rank_warehouse_work_first(adv):
    fits = adv.fits(adv.profile(WAREHOUSE), limit=5)
    assert fits[0].rung.model == "transportation-distribution-logistics"
    cov = [f.coverage for f in fits]
    assert cov == sorted(cov, reverse=True)


def test_training_for_a_gap_prefers_matching_resources(adv):
    forklift = [r for r in adv.resources if "forklift" in r.name.lower()]
    assert forklift, "the catalogue has forklift certification"
    comp = forklift[0].builds[0]
    assert forklift[0] in adv.training_for(comp, limit=10)
    for r in adv.resources:
        assert r.description and r.length and r.cost and r.wioa in {"usually", "sometimes", "rarely", "n/a"}


def test_the_catalogue_covers_the_required_credentials(adv):
    names = " ".join(r.name.lower() for r in adv.resources)
    for word in ["osha", "forklift", "cdl", "nursing assistant", "phlebotomy", "pharmacy", "servsafe", "comptia",
                 "apprenticeship", "weld", "ged", "digital literacy", "workkeys", "english"]:
        assert word in names, word
    assert len(adv.resources) >= 40


# ----------------------------------------------------------------- ETPL import


def test_etpl_import_rejects_a_broken_row_with_its_line_and_keeps_the_rest(tmp_path):
    src = tmp_path / "etpl.csv"
    src.write_text(
        "Provider Name,Program Title,Credential,Length,Tuition,City,About\n"
        "Lakeside CC (sample),CNA Training,State CNA,6 weeks,\"$1,250\",Akron,Hands-on care skills\n"
        "Lakeside CC (sample),,CDL-A,4 weeks,4000,Akron,Truck driving\n"
        "Metro Tech (sample),Welding I,AWS D1.1,12 weeks,abc,Canton,Arc welding basics\n"
        "Metro Tech (sample),IT Support,CompTIA A+,10 weeks,2100,Canton,Help desk and hardware\n"
    )
    mapping = {"provider": "Provider Name", "program": "Program Title", "cost": "Tuition", "location": "City", "description": "About"}
    good, bad = read_etpl(src, mapping)
    assert [r["program"] for r in good] == ["CNA Training", "IT Support"]
    assert good[0]["cost_usd"] == 1250
    assert bad == [(3, "missing program"), (4, "cost 'abc' is not a number of dollars")]


@pytest.mark.model  # linking a program's description to competencies is a quality question
def test_etpl_import_cli_links_programs_and_lists_them_first(capsys, user_home, shared_index, matcher):
    from advisor.cli import main

    sample = Path(__file__).resolve().parent.parent / "advisor" / "data" / "samples" / "etpl-sample.csv"
    code = main(["training", "import", str(sample)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "rejected" in err and f"{sample}:" in err
    assert "linked to competencies" in out
    adv = Advisor.load()
    local = [r for r in adv.resources if r.local]
    assert local and all(r.builds for r in local)
    first = adv.training_for(local[0].builds[0], limit=3)
    assert first[0].local


def test_unknown_etpl_columns_say_how_to_map(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n")
    with pytest.raises(InputError) as info:
        read_etpl(f)
    assert "--map" in info.value.hint


# ----------------------------------------------------------------- the plan


def _plan(adv, text, target, area, name):
    from advisor.config import Settings

    settings = Settings(advisor_name="Dana Ruiz", center_name="Franklin County AJC", center_contact="614-555-0142",
                        follow_up_days=14)
    return adv.plan(adv.profile(text), target, area=area, name=name, today=DAY, notes="Follow up next Tuesday",
                    settings=settings)


@pytest.mark.model  # the golden plans are what a counselor reads: made with the real model
@pytest.mark.parametrize(
    "slug, text, target, area, name",
    [
        ("cashier", CASHIER, "retail-supervisor", "OH", "Jordan <b>Lee</b>"),
        ("warehouse", WAREHOUSE, "transportation-distribution-logistics", "Columbus, OH", "A.R. #1042"),
    ],
)
def test_golden_plans(adv, slug, text, target, area, name):
    plan = _plan(adv, text, target, area, name)
    for fmt in ("md", "html"):
        got = render(plan, fmt)
        path = GOLDEN / f"plan-{slug}.{fmt}"
        if os.environ.get("UPDATE_GOLDEN"):
            path.write_text(got, encoding="utf-8")
        assert got == path.read_text(encoding="utf-8"), f"{path} differs: review, then UPDATE_GOLDEN=1 pytest"


def test_plan_content_is_sensible(adv):
    plan = _plan(adv, WAREHOUSE, "tdl-forklift-operator", "OH", "")
    data = plan_dict(plan)
    assert data["strengths"] and data["next_steps"] and data["jobs_that_fit"]
    assert data["gaps"] == []  # three years on a forklift: nothing technical left to build
    assert data["next_steps"][0]["kind"] == "target"
    assert data["next_steps"][0]["wage"]["area"] == "Ohio"
    assert any(s["kind"] == "up" for s in data["next_steps"])
    assert set(data) >= {"date", "area", "target", "strengths", "gaps", "next_steps", "jobs_that_fit", "checklist", "notes", "sources"}
    # the counts are the lists' lengths
    assert data["counts"] == {"demonstrated": len(data["strengths"]),
                              "possible": len(data["questions"]) + data["more_questions"], "gap": len(data["gaps"])}
    # the same worker aiming at a truck: the plan leads with the way in, the licence first
    plan = _plan(adv, WAREHOUSE, "tdl-tractor-trailer-driver", "OH", "")
    assert plan.route is not None and any("CDL" in need or "commercial" in need.lower() for need in plan.route.needs)
    assert any("cdl" in r.id for r in plan.route.training)
    assert sections(plan)[0].title.startswith("How to get into")
    assert plan.checklist[0].startswith("Get ")


def test_typed_markup_is_escaped_in_every_format(adv, tmp_path):
    evil = "<script>alert('x')</script> | **bold** [link](http://x)"
    plan = adv.plan(adv.profile(f"ran the register, {evil}"), "retail-cashier", area="US", name=evil, today=DAY, notes=evil)
    html = render(plan, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = render(plan, "md")
    assert "<script>" not in md and "\\<script\\>" in md and "\\| \\*\\*bold" in md
    assert json.loads(render(plan, "json"))["name"] == evil
    pdf_text = _pdf_text(export_plan(plan, "pdf", directory=tmp_path))
    assert "<script>alert('x')</script>" in pdf_text  # printed as text


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_pdf_reads_back_with_the_same_content(adv, tmp_path):
    plan = _plan(adv, CASHIER, "retail-supervisor", "OH", "Jordan Lee")
    path = export_plan(plan, "pdf", directory=tmp_path)
    assert path.read_bytes().startswith(b"%PDF")
    text = " ".join(_pdf_text(path).split())
    assert "Gap plan: Retail Supervisor" in text and "Jordan Lee" in text
    assert "Page 1 of" in text and "BLS OEWS, May 2025" in text
    for s in plan.strengths[:3]:
        assert s.competency.name in text
    assert plan.steps[0].rung.soc in text


def test_plan_never_writes_outside_the_folder(adv, tmp_path):
    plan = _plan(adv, CASHIER, "retail-cashier", "US", "../../etc/passwd")
    path = export_plan(plan, "md", directory=tmp_path / "kiosk")
    assert path.parent == (tmp_path / "kiosk").resolve()
    assert ".." not in path.name and "/" not in path.name
    with pytest.raises(ExportError):
        export_plan(plan, "md", output=tmp_path / "elsewhere" / "x.md", directory=tmp_path / "kiosk")
    link = tmp_path / "kiosk" / "link"
    link.symlink_to(tmp_path)
    with pytest.raises(ExportError):
        export_plan(plan, "md", output=link / "x.md", directory=tmp_path / "kiosk")


def test_plan_export_to_a_missing_or_unwritable_place_is_a_clear_error(adv, tmp_path):
    plan = _plan(adv, CASHIER, "retail-cashier", "US", "")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError) as info:
        export_plan(plan, "md", directory=blocker / "sub")
    assert "could not write" in str(info.value)


def test_plan_cli_writes_all_formats(capsys, tmp_path, matcher):
    from advisor.cli import main

    for fmt in ("md", "html", "pdf", "json"):
        out = tmp_path / f"p.{fmt}"
        code = main(["plan", WAREHOUSE, "--target", "tdl-forklift-operator", "--area", "OH", "--format", fmt, "-o", str(out)])
        assert code == 0 and out.exists() and out.stat().st_size > 500
    assert "Forklift Operator" in (tmp_path / "p.md").read_text()
    code = main(["plan", WAREHOUSE, "--target", "nope"])
    assert code == 2 and "unknown target" in capsys.readouterr().err
