"""Each result is computed once: one match per text, however many views and exports follow."""

from __future__ import annotations

import json

import pytest

TEXT = "Warehouse associate 3 years. Drove a forklift, loaded trucks at the dock, did cycle counts"


@pytest.fixture
def count_matches(monkeypatch):
    from advisor.guidance.matching import Matcher

    calls: list[str] = []
    real = Matcher.match

    def counting(self, text, *args, **kwargs):
        calls.append(text)
        return real(self, text, *args, **kwargs)

    monkeypatch.setattr(Matcher, "match", counting)
    return calls


def test_plan_cli_matches_the_words_once_for_json_and_for_a_file(count_matches, capsys, tmp_path):
    from advisor.cli import main

    assert main(["plan", TEXT, "--target", "tdl-forklift-operator", "--area", "OH", "--format", "json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["target"]["id"] == "tdl-forklift-operator" and plan["jobs_that_fit"]
    assert count_matches == [TEXT]
    out = tmp_path / "plan.pdf"
    assert main(["plan", TEXT, "--target", "tdl-forklift-operator", "--format", "pdf", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert count_matches == [TEXT, TEXT]  # one more command, one more match


def test_a_bad_target_fails_before_any_matching(count_matches, capsys):
    from advisor.cli import main

    assert main(["plan", TEXT, "--target", "no-such-job"]) == 2
    assert "unknown target" in capsys.readouterr().err
    assert count_matches == []


def test_the_service_builds_plans_and_fits_from_one_profile(count_matches, catalog):
    from advisor.guidance.gaps import Corrections
    from advisor.guidance.plan import render
    from advisor.guidance.service import Advisor

    adv = Advisor.load(catalog)
    profile = adv.profile(TEXT)
    fits = adv.fits(profile, limit=None)
    target = adv.target("transportation-distribution-logistics")
    plan = adv.plan(profile, target, "Columbus, OH", fits=fits)
    for fmt in ("md", "html", "json"):
        assert render(plan, fmt)
    again = adv.plan(adv.reprofile(profile, Corrections.of(added=["building-blocks:1.1"])), target, "US")
    assert again.target.id == plan.target.id
    assert count_matches == [TEXT]


def test_batch_gaps_and_plans_match_each_profile_once_and_keep_the_order(count_matches, capsys, tmp_path):
    from advisor.cli import main

    second = "Cashier at Kroger 4 years, I have my GED"
    profiles = tmp_path / "profiles.txt"
    profiles.write_text(f"{TEXT}\n\n{second}\n", encoding="utf-8")
    assert main(["gaps", "--input", str(profiles), "--target", "retail-supervisor", "--jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2 and all(r["target"]["id"] == "retail-supervisor" for r in lines)
    assert lines[1]["facts"]["education"] == "hse" and lines[1]["facts"]["titles"][0]["years"] == 4
    assert count_matches == [TEXT, second]
    assert main(["plan", "--input", str(profiles), "--target", "retail-supervisor", "--format", "json", "--jsonl"]) == 0
    plans = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [p["facts"]["education"] for p in plans] == ["unknown", "hse"]
    assert count_matches == [TEXT, second, TEXT, second]


@pytest.mark.parametrize(
    "argv, says",
    [
        (["gaps", "--input", "PROFILES", "--target", "retail"], "add --jsonl"),
        (["plan", "--input", "PROFILES", "--target", "retail", "--jsonl"], "--format json"),
        (["gaps", "words", "--input", "PROFILES", "--target", "retail", "--jsonl"], "not both"),
    ],
)
def test_batch_options_are_checked_before_any_matching(count_matches, capsys, tmp_path, argv, says):
    from advisor.cli import main

    profiles = tmp_path / "p.txt"
    profiles.write_text("drove a forklift\n", encoding="utf-8")
    assert main([str(profiles) if a == "PROFILES" else a for a in argv]) == 2
    assert says in capsys.readouterr().err
    assert count_matches == []


def test_another_industrys_weak_technical_match_is_kept_aside_for_its_own_goal():
    from advisor.catalog import Competency
    from advisor.guidance.facts import Facts
    from advisor.guidance.gaps import Target, build_profile, gap_report
    from advisor.guidance.matching import Evidence, Match, MatchResult
    from advisor.models import load_catalog

    catalog = load_catalog()
    air = next(c for c in catalog.get("transportation-distribution-logistics").competencies if c.tier == 4)
    found = Evidence("loaded trucks", 0, 13, "Loads and unloads", "behavior", 0.62)
    result = MatchResult("loaded trucks", [], [], [Match(air, air.model, 0.62, "demonstrated", [found])])
    retail_worker = Facts(industries=["retail"])
    profile = build_profile(result, facts=retail_worker)
    assert air.id not in profile.status and air.id in profile.aside  # not a retail worker's strength
    tdl = Target("model", air.model, "TDL", air.model, [air.id])
    item = gap_report(profile, tdl, catalog).items[0]
    assert item.status == "demonstrated" and item.evidence == [found]  # but it counts toward a TDL goal
    driver = build_profile(result, facts=Facts(industries=[air.model]))
    assert driver.status[air.id] == "demonstrated"  # in the words' own industry it is shown
    assert isinstance(air, Competency)


def test_one_job_on_two_ladders_is_one_job(catalog):
    """A CNA is 31-1131 on the health care and the long-term care ladders: five years of it shows
    what either ladder requires, whichever ladder the words were read as."""
    from advisor.guidance.service import Advisor

    adv = Advisor.load(catalog)
    profile = adv.profile("5 years as a CNA at a nursing home")
    (job,) = profile.facts.titles
    assert {job.rung_id, *job.also} >= {"ltc-nursing-assistant", "fhc-nursing-assistant"}
    for rung in ("ltc-nursing-assistant", "fhc-nursing-assistant"):
        report = adv.gaps(profile, rung)
        assert report.by_status("gap") == [], [i.competency.name for i in report.by_status("gap")]
        # the job shows its technical and personal competencies; its academic and workplace ones
        # (math, teamwork ...) are questions to ask, with the job as their evidence
        for item in report.items:
            tier = item.competency.tier
            assert item.status == ("demonstrated" if tier not in (2, 3) else item.status), item.competency.name
            if item.status == "possible":
                assert tier in (2, 3) and item.source == "title" and item.evidence[0].kind == "title"
        sources = {i.source for i in report.items}
        assert "title" in sources and sources <= {"title", "credential", "matched"}


def test_jobs_that_fit_never_step_down_from_a_stated_job(catalog):
    from advisor.guidance.service import Advisor

    adv = Advisor.load(catalog)
    lead = adv.profile("Shift supervisor at Dollar General for 3 years, ran the registers and opened the store")
    (job,) = lead.facts.titles
    level = adv.ladders.get(job.rung_id).level
    model = adv.ladders.get(job.rung_id).model
    fits = adv.fits(lead, limit=None)
    assert level > 1 and fits
    assert all(f.rung.level >= level for f in fits if f.rung.model == model)
    # the same words without the job title: the lower rungs are back
    plain = adv.profile("ran the registers and opened the store")
    assert any(f.rung.model == model and f.rung.level < level for f in adv.fits(plain, limit=None))


def test_gaps_json_asks_first_few_and_model_all_widens(capsys):
    """``possible`` holds the first 8 to ask about (the rest in ``more_possible``); ``--model all``
    shows every model's matches (the same words, matched once either way)."""
    from advisor.cli import main

    words = "cashier 4 years at Kroger, ran the register, loaded trucks at the dock, kept my station clean"
    assert main(["gaps", words, "--target", "retail", "--json"]) == 0
    auto = json.loads(capsys.readouterr().out)
    assert len(auto["possible"]) <= 8
    asked = auto["possible"] + auto["more_possible"]
    assert len({i["id"] for i in asked}) == len(asked)
    assert all(i["tier"] <= 3 or i["evidence"] for i in auto["gaps"] + asked if i["status"] == "possible" and not i["source"])
    assert main(["gaps", words, "--target", "retail", "--model", "all", "--json"]) == 0
    wide = json.loads(capsys.readouterr().out)
    shown = lambda d: {i["id"] for i in d["demonstrated"]}  # noqa: E731
    assert shown(auto) <= shown(wide)
