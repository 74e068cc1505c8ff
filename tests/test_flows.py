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
