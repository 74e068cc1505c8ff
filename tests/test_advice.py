"""Advice a counselor can hand over (issue 14): three states, training chosen for the goal, the
entry route, English classes only on a language need, safe evidence, counts that match.

Unit tests: the fake embedder, so what is asserted comes from the facts (credentials, past jobs,
language) and the data, never from the real model's matches.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from advisor.config import Settings
from advisor.guidance.cues import LANGUAGE_NEED
from advisor.guidance.gaps import GAP, POSSIBLE, GapItem
from advisor.guidance.matching import Evidence
from advisor.guidance.plan import render
from advisor.guidance.plan.content import sections
from advisor.guidance.training import WHOLE_PROGRAMS
from advisor.guidance.plan.model import _how, question_for
from advisor.guidance.sensitive import is_sensitive, sensitive_topic
from advisor.guidance.training import is_esl, local_resource, read_etpl
from conftest import ROOT

DAY = dt.date(2026, 11, 23)
SETTINGS = Settings(advisor_name="Dana Ruiz", center_name="Franklin County AJC", center_contact="614-555-0142", follow_up_days=14)


@pytest.fixture(scope="module")
def adv(catalog):
    from advisor.guidance.service import Advisor

    return Advisor.load(catalog)


def plan_for(adv, text, target):
    return adv.plan(adv.profile(text), target, "US", today=DAY, settings=SETTINGS)


# --------------------------------------------------------------------------- sensitive words


@pytest.mark.parametrize(
    "text, topic",
    [
        ("need a job that will hire someone with a record", "record"),
        ("got forklift certified while I was locked up", "record"),
        ("on parole till march", "record"),
        ("I was out on disability for a year", "disability"),
        ("my back injury", "health"),
        ("in recovery two years now", "health"),
        ("waiting on my green card", "immigration"),
        ("I'm 58 years old", "age"),
        ("single mom, need day shifts for child care", "family"),
        ("we got evicted last month", "money"),
        ("behind on rent", "money"),
    ],
)
def test_sensitive_phrases_are_recognised(text, topic):
    assert sensitive_topic(text) == topic


@pytest.mark.parametrize("text", ["ran the register", "in charge of the cash office", "trained new cashiers", "drove a forklift"])
def test_work_phrases_are_not_sensitive(text):
    assert not is_sensitive(text)


def _item(comp, source, phrase, kind="behavior"):
    return GapItem(comp, "demonstrated", 0.7, [Evidence(phrase, 0, len(phrase), "Handles returns and exchanges", kind, 0.7)], True, source)


def test_quotes_only_for_confirmed_and_never_sensitive(catalog):
    comp = catalog.competency("building-blocks:1.7")
    # a match the advisor did not confirm: our words, never theirs
    assert "record" not in _how(_item(comp, "matched", "need a job that will hire someone with a record"))
    # confirmed, but about a record: no quote
    assert _how(_item(comp, "confirmed", "need a job that will hire someone with a record")) == "Confirmed by the advisor"
    # confirmed and harmless: the quote, marked as confirmed
    assert _how(_item(comp, "confirmed", "took a class on excel at the library")) == '"took a class on excel at the library" (confirmed by the advisor)'
    assert _how(_item(comp, "added", "")) == "Added by the advisor"


def test_a_sensitive_phrase_never_reaches_the_plan(adv):
    text = "cashier 4 years at Kroger. I have a felony from 2015 and I'm on probation. ran the register, handled returns"
    profile = adv.profile(text)
    confirmed = {cid for cid, st in profile.status.items() if st == "demonstrated"}
    from advisor.guidance.gaps import Corrections

    plan = adv.plan(adv.reprofile(profile, Corrections.of(confirmed=confirmed)), "retail-cashier", "US", today=DAY, settings=SETTINGS)
    for fmt in ("md", "html"):
        out = render(plan, fmt).lower()
        assert "felony" not in out and "probation" not in out


# --------------------------------------------------------------------------- language need


@pytest.mark.parametrize(
    "text, need",
    [
        ("my english is not so good", True),
        ("my english no very good", True),
        ("I speak Spanish, learning English at the library", True),
        ("I only speak Spanish", True),
        ("taking ESL classes at night", True),
        ("I speak Spanish and English", False),
        ("my English is good", False),
        ("fluent in english and spanish", False),
        ("cashier 4 years", False),
    ],
)
def test_language_need(text, need):
    assert bool(LANGUAGE_NEED.search(text)) is need


def test_english_classes_only_on_a_language_need(adv):
    learner = plan_for(adv, "my english is not so good. I work 5 years in a warehouse, picking and packing", "tdl-warehouse-associate")
    first = learner.gaps[0]
    assert first.why == "language" and first.training and all(is_esl(r) for r in first.training)
    assert first.competency.id not in {s.competency.id for s in learner.strengths}
    fluent = plan_for(adv, "I speak Spanish and English. I work 5 years in a warehouse, picking and packing", "tdl-warehouse-associate")
    named = [r for g in fluent.gaps for r in g.training] + (fluent.route.training if fluent.route else [])
    assert not any(is_esl(r) for r in named)


# --------------------------------------------------------------------------- training for the goal


def test_every_suggestion_is_meant_for_the_goal(adv):
    """For every ladder occupation and every competency it needs: what the plan would suggest is
    of the goal's industry, or a foundational course for a foundational competency; never ESL
    when no language need was said."""
    from advisor.guidance.training import GENERIC

    for rung in adv.ladders.rungs.values():
        target = adv.target(rung.id)
        for cid in target.required:
            comp = adv.catalog.competency(cid)
            for r in adv.training_for(cid, 2, target):
                assert not is_esl(r), (rung.id, cid, r.id)
                assert rung.model in r.industries or (GENERIC in r.industries and (comp.model == GENERIC or comp.tier <= 3)), (rung.id, cid, r.id)


def test_a_held_credential_is_never_suggested(adv):
    plan = plan_for(adv, "I have my GED, my CPR card and OSHA 10. cashier 2 years", "retail-supervisor")
    named = {r.id for g in plan.gaps for r in g.training} | {r.id for r in (plan.route.training if plan.route else [])}
    held = plan.facts
    assert not any(held.holds(rid) for rid in named)
    assert not named & {"ged-test", "hiset-exam", "cpr-first-aid", "osha-10-general-industry", "osha-10-construction"}


def test_cli_training_list_gives_exactly_the_plans_suggestions(adv, capsys):
    from advisor.cli import main

    plan = plan_for(adv, "cashier 4 years at Kroger, ran the register", "fhc-lpn")
    assert plan.gaps
    for line in plan.gaps:
        assert main(["training", "list", "--competency", line.competency.id, "--target", "fhc-lpn", "--json"]) == 0
        got = [r["id"] for r in json.loads(capsys.readouterr().out)]
        assert got == [r.id for r in line.training]


def test_etpl_cip_codes_are_read_and_match_the_goal(adv, tmp_path):
    rows, bad = read_etpl(ROOT / "advisor" / "data" / "samples" / "etpl-sample.csv")
    assert rows and all(r["cip"] for r in rows)  # (the sample keeps one bad row on purpose)
    stna = next(r for r in rows if "STNA" in r["program"])
    assert stna["cip"] == "51.3902"
    # CIP written as six digits, and a bad one, are read and rejected clearly
    (tmp_path / "x.csv").write_text("provider,program,cipcode\nA,Nurse aide,513902\nB,Bad,12\n", encoding="utf-8")
    rows2, bad2 = read_etpl(tmp_path / "x.csv")
    assert rows2[0]["cip"] == "51.3902" and bad2 and "CIP" in bad2[0][1]
    # as local programs: the STNA program opens a CNA goal's route; the production technician
    # program never shows on a health goal, even linked to a competency the goal needs
    local = []
    for i, r in enumerate(rows):
        links = ["building-blocks:3.11", "fundamentals-of-health-care:5.1"] if "Production" in r["program"] else []
        local.append(local_resource({**r, "id": i, "links": links}))
    from advisor.guidance.library import Library

    lib = Library(**Library.load_data(adv.catalog, programs=local))
    target = lib.target("fhc-nursing-assistant")
    route = lib.route_training(target)
    assert route[0].local and route[0].cip == "51.3902"
    for cid in target.required:
        assert not any("Production" in r.name for r in lib.training_for(cid, 3, target))


# --------------------------------------------------------------------------- the plan


def test_three_states_and_counts_that_match(adv):
    plan = plan_for(adv, "cashier 4 years at Kroger, ran the register, handled returns, trained new cashiers", "retail-supervisor")
    data = json.loads(render(plan, "json"))
    assert data["counts"] == {"demonstrated": len(data["strengths"]), "possible": len(data["questions"]) + data["more_questions"],
                              "gap": len(data["gaps"])}
    assert len(data["questions"]) <= 8
    assert all(s["status"] == "demonstrated" for s in data["strengths"])
    # a foundational competency is never a gap unless the advisor rejected it
    assert all(g["tier"] not in (1, 2, 3) for g in data["gaps"])
    assert all(q["question"].endswith(("?", ".")) for q in data["questions"])
    # one row per competency: nothing is both a strength and a question or a gap
    ids = [s["id"] for s in data["strengths"]] + [q["id"] for q in data["questions"]] + [g["id"] for g in data["gaps"]]
    assert len(ids) == len(set(ids))
    md = render(plan, "md")
    assert "Tier " not in md and "Personal effectiveness" in md
    assert "Dana Ruiz, Franklin County AJC" in md and "614-555-0142" in md and "2026-12-07" in md


def test_a_rejected_foundation_is_a_gap(adv):
    from advisor.guidance.gaps import Corrections

    profile = adv.profile("cashier 4 years at Kroger", Corrections.of(rejected=["building-blocks:3.1"]))
    report = adv.gaps(profile, "retail-supervisor")
    item = next(i for i in report.items if i.competency.id == "building-blocks:3.1")
    assert item.status == GAP and item.source == "rejected"
    untouched = next(i for i in report.items if i.competency.tier == 2 and i.status == POSSIBLE)
    assert untouched.open or untouched.source == "title"


def test_an_occupation_plan_leads_with_its_entry_route(adv):
    plan = plan_for(adv, "5 years as a CNA at a nursing home, have my CNA and my GED", "fhc-lpn")
    assert plan.route is not None and plan.route.cip
    assert any("LPN" in n or "Practical" in n for n in plan.route.needs)
    assert any("practical nursing" in r.name.lower() for r in plan.route.training)
    first = sections(plan)[0]
    assert first.title.startswith("How to get into") and first.lead[0] == plan.route.text


def test_an_industry_plan_lists_sectors_to_choose_not_every_sector_as_a_gap(adv):
    plan = plan_for(adv, "I have my GED. worked at a gas station 2 years", "energy-generation-transmission-distribution")
    assert plan.route is None
    assert all(g.competency.tier != 5 for g in plan.gaps)
    assert plan.sectors and all(c.tier == 5 for c in plan.sectors)
    assert "Sectors of this industry" in render(plan, "md")


def test_questions_read_as_questions(catalog):
    comp = catalog.competency("building-blocks:3.1")
    q = question_for(comp)
    assert q.startswith(("Do you ", "Can you give an example")) and q[-1] in "?."
    assert "analyz " not in question_for(catalog.competency("building-blocks:2.6"))


def test_markdown_keeps_parentheses_and_escapes_markup(adv):
    plan = plan_for(adv, "5 years as a CNA", "fhc-lpn")
    md = render(plan, "md")
    assert "(LPN/LVN)" in md and "\\(" not in md


def test_control_characters_never_reach_a_plan_file(adv):
    evil = "Jo\x1b[31mrdan\x07 \x00Lee"
    plan = adv.plan(adv.profile("ran the register 3 years"), "retail-cashier", "US", name=evil, notes=evil, today=DAY, settings=SETTINGS)
    for fmt in ("md", "html"):
        out = render(plan, fmt)
        assert "\x1b" not in out and "\x07" not in out and "\x00" not in out and "Jo[31mrdan" in out.replace("\\[", "[")


def test_past_jobs_found_among_imported_onet_titles(catalog, user_home, shared_index):
    """With O*NET imported, a past job no ladder title names ("dock hand") is read from O*NET's
    titles, with its years; one with a ladder rung of the same SOC code credits that rung. A
    wish is never a past job. Without an import nothing changes."""
    from advisor.guidance.service import Advisor
    from advisor.onet.importer import import_onet

    adv = Advisor.load(catalog)
    text = "dock hand 2 years at a grocery warehouse. want to be a lift truck operator"
    before = adv.profile(text)
    assert not before.facts.titles  # no ladder title says "dock hand"
    import_onet(ROOT / "tests" / "fixtures" / "onet" / "db_90_1_text", engine=adv.ensure_matcher().engine)
    after = adv.profile(text)
    (job,) = after.facts.titles
    assert (job.onet, job.years, job.rung_id) == ("53-7062.00", 2.0, "tdl-warehouse-associate")
    assert "transportation-distribution-logistics" in after.facts.industries
    assert any(after.source.get(c) == "title" for c in job.evidences)


@pytest.mark.parametrize("cost", ["nan", "inf", "-5", "$2,000,000"])
def test_etpl_costs_that_are_not_money_are_rejected(tmp_path, cost):
    (tmp_path / "x.csv").write_text(f"provider,program,cost\nA,Welding,{cost}\nB,Nursing,950\n", encoding="utf-8")
    rows, bad = read_etpl(tmp_path / "x.csv")
    assert [r["program"] for r in rows] == ["Nursing"] and bad[0][0] == 2


def test_etpl_utf16_and_an_unclosed_quote(tmp_path):
    (tmp_path / "u16.csv").write_bytes("provider,program\nRiverbend,Soudage é\n".encode("utf-16"))
    rows, _ = read_etpl(tmp_path / "u16.csv")
    assert rows == [{**rows[0], "provider": "Riverbend", "program": "Soudage é"}]
    (tmp_path / "q.csv").write_text('provider,program\nA,"Welding\nB,Nursing\nC,CDL\n', encoding="utf-8")
    from advisor.errors import InputError

    with pytest.raises(InputError, match="not a readable CSV"):
        read_etpl(tmp_path / "q.csv")


def test_a_stated_language_need_is_not_evidence_of_communication():
    from advisor.guidance.matching import is_wish

    assert is_wish("my english is not so good") and is_wish("I only speak Spanish")
    # learning English is evidence of learning, not a barrier to hide
    assert not is_wish("learning English at the library two nights a week")
    assert not is_wish("explained the specials to customers")


def test_what_a_person_lacks_and_how_they_were_paid_is_not_evidence():
    from advisor.guidance.matching import is_wish

    for lack in ("No diploma", "no GED yet", "never finished high school", "left in 11th grade", "I dropped out",
                 "no experience at all", "cash", "paid cash", "under the table", "they pay me cash or give me a plate"):
        assert is_wish(lack), lack
    for work in ("handled cash", "cash handling", "never missed a day", "counted the cash drawer", "no call no shows: zero"):
        assert not is_wish(work), work


def test_a_sentence_of_nothing_but_lacks_is_no_evidence_either(matcher):
    units, scores, _, total = matcher.scorer.profile("cashier 2 years. No diploma, I left in 11th grade")
    lacks = [i for i, u in enumerate(units) if "diploma" in u.text or "grade" in u.text]
    assert [units[i].text for i in lacks] == ["No diploma", "left in 11th grade", "No diploma, I left in 11th grade"]
    assert float(scores[lacks].max()) == 0.0 and float(scores.max()) > 0.0


def test_the_cip_soc_crosswalk_brings_local_programs_to_a_goal_without_cip_codes(catalog, user_home):
    """A rung with no CIP codes of its own (Cashier) gets the local programs whose CIP code the
    imported NCES crosswalk ties to its SOC code; before the import it gets none of them."""
    from advisor.guidance.service import Advisor
    from advisor.onet.crosswalk import import_crosswalk

    row = {"id": 1, "provider": "Riverbend (test)", "program": "Retail Sales Skills", "credential": "", "length": "6 weeks",
           "cost_usd": 400.0, "cost": "400", "location": "Columbus, OH", "description": "selling and register skills",
           "links": [], "cip": "52.1804"}
    adv = Advisor(**Advisor.load_data(catalog, programs=[local_resource(row)]))
    target = adv.target("retail-cashier")
    assert not target.rung.entry.cip
    assert not any(r.local for r in adv.route_training(target))
    import_crosswalk(ROOT / "tests" / "fixtures" / "onet" / "crosswalk.csv")
    route = adv.route_training(target)
    assert route and route[0].local and route[0].cip == "52.1804"


def test_a_course_is_named_once_on_the_checklist_and_only_for_gaps_it_builds(adv):
    plan = plan_for(adv, "dishwasher 2 years at Applebee's, prep cook, GED, ServSafe food handler", "hte-food-service-manager")
    looks = [c for c in plan.checklist if c.startswith("Look into ")]
    courses = [c.removeprefix("Look into ").split(":")[0].split(" for ")[0] for c in looks]
    assert courses and len(courses) == len(set(courses)), looks  # the manager certificate once, its gaps together
    for line in plan.gaps:
        for r in line.training:  # a certificate exam is no course in what it does not test
            assert r.local or line.competency.id in r.builds or r.kind in WHOLE_PROGRAMS, (r.name, line.competency.name)
    assert any(line.training for line in plan.gaps)


def test_a_whole_program_of_the_job_covers_its_technical_gaps_and_an_exam_only_what_it_tests(adv):
    line = adv.target("energy-line-installer")
    gap = "energy-generation-transmission-distribution:4.5"  # Troubleshooting: nothing aims at it
    assert adv.catalog.competency(gap).name == "Troubleshooting"
    got = adv.training_for(gap, target=line)
    assert got and all(r.kind in WHOLE_PROGRAMS or gap in r.builds for r in got), [(r.name, r.kind) for r in got]
    kitchen = adv.target("hte-food-service-supervisor")
    sales = "hospitality-tourism-events:4.3"  # Sales, Marketing, and Reservations
    got = adv.training_for(sales, target=kitchen)
    assert not any(r.id == "servsafe-manager" for r in got), [r.name for r in got]
