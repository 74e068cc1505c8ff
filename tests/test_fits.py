"""Believable jobs that fit: "apply now" only where the stated facts meet the entry education,
licences and experience; otherwise the fit says what is needed first. Fake embedder (the default):
the facts come from the words through the lexicon, not from the model."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def adv(catalog):
    from advisor.guidance.service import Advisor

    return Advisor.load(catalog)


def fits_of(adv, text: str) -> dict:
    return {f.rung.id: f for f in adv.fits(adv.profile(text), limit=None)}


def test_a_ged_holder_with_no_work_history_is_not_sent_to_apply_for_it_jobs(adv):
    fits = fits_of(adv, "I have my GED. I build PCs, fix computers and phones for my family, set up wifi and install software.")
    help_desk, developer = fits["it-help-desk"], fits["it-software-developer"]
    assert not help_desk.ready and "CompTIA A+" in " ".join(help_desk.needs)
    assert not developer.ready and developer.needs == ["a bachelor's degree"]
    assert fits["it-network-support"].needs and fits["it-manager"].needs  # degree and 5 years


def test_a_high_school_senior_gets_no_degree_job_as_apply_now(adv):
    fits = fits_of(adv, "I'm a senior in high school. I code websites in HTML and JavaScript and fix computers.")
    for rid, fit in fits.items():
        entry = fit.rung.entry
        if any(set(alts) <= {"associate", "bachelor"} for alts in entry.requires):
            assert not fit.ready, rid
    assert not fits["it-web-developer"].ready and not fits["it-software-developer"].ready


def test_the_licence_a_job_requires_must_be_held(adv):
    cna = fits_of(adv, "I have my CNA certification. I took vital signs, bathed and fed residents at a nursing home.")
    assert cna["fhc-nursing-assistant"].ready and cna["ltc-nursing-assistant"].ready
    assert cna["fhc-lpn"].needs == ["Licensed Practical/Vocational Nurse license (LPN/LVN)"]
    plain = fits_of(adv, "I took vital signs, bathed and fed residents at a nursing home.")
    assert not plain["fhc-nursing-assistant"].ready  # the same care without the certificate
    wanting = fits_of(adv, "I want to get my CNA. I took care of my grandmother, bathed and fed her.")
    assert not wanting["fhc-nursing-assistant"].ready  # a goal is not a credential held


def test_a_cdl_a_holder_can_apply_to_drive_a_tractor_trailer(adv):
    held = fits_of(adv, "I have my CDL-A and drove a box truck for 2 years doing deliveries.")
    assert held["tdl-tractor-trailer-driver"].ready
    working = fits_of(adv, "Working on my CDL-A. I drove a box truck for 2 years doing deliveries.")
    assert "Commercial Driver's License (CDL) Class A" in working["tdl-tractor-trailer-driver"].needs


def test_a_past_job_shows_what_it_required(adv):
    # "LPN for 6 years" names the licence by holding the job; the licence is not asked for again
    fits = fits_of(adv, "LPN for 6 years at a nursing home, passed medications, charted and supervised aides.")
    assert fits["ltc-lpn"].ready and fits["fhc-lpn"].ready
    assert fits["fhc-rn"].needs == ["Registered Nurse license (RN)"]


def test_education_counts_at_its_level_or_above(adv):
    degree = fits_of(adv, "I have a bachelor's degree in computer science. I wrote Python programs and built websites.")
    assert degree["it-software-developer"].ready and degree["it-web-developer"].ready
    lacks = fits_of(adv, "I never finished high school and have no GED. I rang up customers at a gas station.")
    assert "a high school diploma or equivalent" in lacks["fin-teller"].needs
    assert lacks["retail-cashier"].ready  # no education asked


def test_supervisor_jobs_need_related_work_experience(adv):
    none = fits_of(adv, "I rang up customers, ran the register, trained new cashiers and opened the store.")
    assert "related work experience" in none["retail-supervisor"].needs
    cashier = fits_of(adv, "Cashier at Kroger for 4 years, ran the register and trained new cashiers.")
    assert cashier["retail-supervisor"].ready
    # two levels up is too far for a cashier's years alone
    assert cashier["retail-store-manager"].needs == ["related work experience"]
    lead = fits_of(adv, "Shift supervisor at Dollar General for 3 years, ran the registers and opened the store")
    assert lead["retail-store-manager"].ready
    assert lead["retail-district-manager"].needs == ["5 years of related work experience"]


def test_an_experienced_worker_is_never_sent_down_on_either_ladder_of_the_same_job(adv):
    fits = fits_of(adv, "LPN for 6 years at a nursing home, passed medications, charted and supervised aides.")
    for rid in ("ltc-nursing-assistant", "fhc-nursing-assistant", "ltc-personal-care-aide"):
        assert rid not in fits  # an LPN is not offered aide work on the health care or long-term care ladder
    lead = fits_of(adv, "Shift supervisor at Dollar General for 3 years, ran the registers and opened the store")
    assert not {"retail-cashier", "retail-sales-associate", "retail-stocker"} & set(lead)


def test_the_plan_says_apply_now_only_for_ready_jobs_and_needs_in_json(adv, capsys):
    from advisor.cli import main

    text = "I have my GED. I build PCs, fix computers and set up wifi networks and install software."
    assert main(["plan", text, "--target", "it-help-desk", "--format", "json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    ready = [f["title"] for f in plan["jobs_that_fit"] if f["apply_now"]]
    assert all(f["apply_now"] == (not f["needs"] and f["coverage"] >= 0.5) for f in plan["jobs_that_fit"])
    apply_line = [c for c in plan["checklist"] if c.startswith("Apply now to:")]
    for line in apply_line:
        assert all(title in ready for title in line.removeprefix("Apply now to: ").split(", "))
    assert "Help Desk Technician" not in " ".join(apply_line)
    assert main(["fit", text, "--json"]) == 0
    jobs = {j["rung"]: j for j in json.loads(capsys.readouterr().out)["jobs"]}
    for job in jobs.values():
        assert job["apply_now"] == (not job["needs"] and job["coverage"] >= 0.5) and job["entry"]["route"]
    if "it-help-desk" in jobs:
        assert not jobs["it-help-desk"]["apply_now"]


def test_a_plain_name_requirement_is_never_met(catalog):
    from advisor.guidance.fits import Checker
    from advisor.guidance.ladders import Entry, load_ladders

    ladders = load_ladders(catalog)
    rung = ladders.get("retail-loss-prevention")
    rung = type(rung)(**{**rung.__dict__, "entry": Entry("Hired and trained", (("state security licence",),), True, (), ())})
    assert Checker(None, ladders, None).needs(rung)[0] == "state security licence"


def test_a_licensed_job_on_a_ladder_asks_for_its_licence_as_among_every_occupation(adv):
    # the ladder's entry asks only for a diploma; the licensed-occupations table asks for the
    # registration or certificate first, so a cashier is not told to apply now
    cashier = fits_of(adv, "Cashier for 4 years at a grocery store, I have my GED.")
    pharmacy = cashier["fhc-pharmacy-technician"]
    assert not pharmacy.ready and not pharmacy.apply_now
    assert any("registration" in n for n in pharmacy.needs)
    assert not cashier["cci-electrician"].ready
    held = fits_of(adv, "I have my GED and I am a certified pharmacy technician (CPhT).")
    assert held["fhc-pharmacy-technician"].ready
    worked = fits_of(adv, "Pharmacy technician at Walgreens for 3 years.")
    assert worked["fhc-pharmacy-technician"].ready  # the job held shows its registration


def test_advisor_fit_says_what_each_job_needs_first(adv, capsys):
    # the text table says it as the plan does: a CNA is not sent to apply as an LPN
    from advisor.cli import main

    assert main(["fit", "I was a CNA for 3 years at a nursing home"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "NEXT STEP" in out or "next step:" in out
    lpn = out[out.index("Licensed Practical Nurse"):]
    assert lpn.split("Needs first:", 1)[1].lstrip().startswith("Licensed Practical/Vocational Nurse license")
    assert "Apply now. Gaps: none" in out  # the CNA's own job
