"""The facts layer: credential and job-title facts read from a jobseeker's words (no embedding model)."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from advisor.errors import DataError
from advisor.guidance.facts import CredentialFact, Facts, TitleFact, load_lexicon, read_facts
from advisor.guidance.ladders import load_ladders
from advisor.guidance.lexicon import LEVELS, alias_key
from advisor.guidance.training import load_resources
from advisor.models import load_catalog
from conftest import ROOT

DATA = ROOT / "advisor" / "data"
TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def shipped():
    catalog = load_catalog()
    return catalog, load_ladders(catalog)


@pytest.fixture(scope="module")
def lex(shipped):
    return load_lexicon(*shipped)


def read(text, lex):
    return read_facts(text, lex, today=TODAY)


def held(text, lex):
    return [c.id for c in read(text, lex).credentials]


# --------------------------------------------------------------------------- the data files


def test_every_id_in_the_yaml_files_exists(shipped):
    catalog, ladders = shipped
    comps, models = set(catalog.competencies_by_id()), set(catalog.models)
    resources = {r.id for r in load_resources(catalog)[0]}
    creds = yaml.safe_load((DATA / "credentials.yaml").read_text(encoding="utf-8"))["credentials"]
    ids = {c["id"] for c in creds}
    assert len(creds) >= 45 and len(ids) == len(creds)
    for c in creds:
        assert set(c["evidences"]) <= comps, c["id"]
        assert set(c["catalog"]) <= resources, c["id"]
        assert set(c.get("implies") or []) <= ids, c["id"]
        assert set(c.get("industries") or []) <= models, c["id"]
        assert (c["kind"] == "education") == (c.get("level") in LEVELS), c["id"]
    titles = yaml.safe_load((DATA / "titles.yaml").read_text(encoding="utf-8"))
    assert set(titles["titles"]) == set(ladders.rungs), "every ladder rung has title aliases, and no other ids"
    for rung_id, entry in titles["titles"].items():
        assert 4 <= len(entry["aliases"]) + len(entry.get("weak") or []) <= 25, rung_id
    assert set(titles["employers"]) <= models


def test_lexicon_resolves_implies_chains(lex):
    bachelor = lex.credentials["bachelor"]
    assert "high-school-diploma" in bachelor.implies
    assert {"ged-test", "hiset-exam"} <= set(bachelor.catalog)
    assert {"osha-10-construction", "osha-10-general-industry"} <= set(lex.credentials["osha-30"].catalog)


def test_a_broken_lexicon_names_the_file_and_entry(shipped, tmp_path):
    bad = tmp_path / "credentials.yaml"
    bad.write_text(
        "credentials:\n  - id: ged\n    name: GED\n    kind: education\n    level: hse\n"
        "    aliases: [ged]\n    evidences: [building-blocks:99.9]\n    catalog: []\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_lexicon(*shipped, path=bad)
    assert "credentials.yaml" in str(err.value) and "'ged'" in str(err.value) and "building-blocks:99.9" in str(err.value)
    bad.write_text("credentials:\n  - id: a\n    name: A\n    kind: card\n    aliases: [a]\n", encoding="utf-8")
    with pytest.raises(DataError, match="kind"):
        load_lexicon(*shipped, path=bad)
    bad.write_text("credentials: [\n", encoding="utf-8")
    with pytest.raises(DataError, match="YAML"):
        load_lexicon(*shipped, path=bad)


def test_the_lexicon_is_cached(shipped, lex):
    assert load_lexicon(*shipped) is lex


# --------------------------------------------------------------------------- credential families


def test_hse_and_ged(lex):
    facts = read("I finished my GED in 2019.", lex)
    assert [c.id for c in facts.credentials] == ["hse"]
    assert facts.holds("ged-test") and facts.holds("hiset-exam") and facts.holds("adult-basic-education")
    assert "building-blocks:2.1" in facts.evidenced() and "building-blocks:1.7" not in facts.evidenced()
    assert facts.education_level() == "hse"
    for text in ("passed the HiSET", "I have my high school equivalency", "got my G.E.D."):
        assert held(text, lex) == ["hse"], text


def test_high_school_diploma(lex):
    for text in ("high school diploma", "I graduated high school in 2010", "HS grad"):
        facts = read(text, lex)
        assert [c.id for c in facts.credentials] == ["high-school-diploma"], text
        assert facts.education_level() == "high-school"
    assert read("I have my high school diploma", lex).holds("ged-test")


def test_degrees_by_level_and_field(lex):
    facts = read("I have an associates in nursing and a bachelor's degree in business administration from Ohio State", lex)
    by_id = {c.id: c for c in facts.credentials}
    assert by_id["associate"].field == "nursing"
    assert by_id["bachelor"].field == "business administration"
    assert facts.education_level() == "bachelor"
    assert facts.holds("ged-test"), "a bachelor's implies a high school credential"
    assert read("Bachelor of Science in Accounting", lex).credentials[0].field == "Accounting"
    assert read("MBA", lex).education_level() == "master"
    assert read("BSN", lex).credentials[0].field == "nursing"
    assert read("some college", lex).education_level() == "some-college"
    assert read("I want to be a cashier", lex).education_level() == "unknown"


def test_cna_and_stna(lex):
    for text in ("I am a CNA", "STNA", "certified nursing assistant", "C.N.A."):
        facts = read(text, lex)
        assert "cna" in [c.id for c in facts.credentials], text
        assert facts.holds("certified-nursing-assistant")
        assert "long-term-care-supports-services" in facts.industries


def test_cdl_class_and_endorsements(lex):
    assert held("Class A CDL", lex) == ["cdl-a"]
    assert held("CDL-A", lex) == ["cdl-a"]
    assert held("I have my A license", lex) == ["cdl-a"]
    assert held("CDL class B", lex) == ["cdl-b"]
    facts = read("CDL-A with hazmat and tanker endorsements", lex)
    assert [c.id for c in facts.credentials] == ["cdl-a", "tanker-hazmat-endorsement"]
    assert facts.holds("cdl-class-a") and facts.holds("cdl-class-b") and facts.holds("hazmat-endorsement")
    assert held("hazmat endorsement", lex) == ["hazmat-endorsement"]
    assert held("tanker endorsement", lex) == ["tanker-endorsement"]
    assert "transportation-distribution-logistics:5.4" in read("CDL", lex).evidenced()


def test_osha_10_and_30(lex):
    for text in ("OSHA 10", "OSHA-10", "osha10 card", "10 hour OSHA"):
        assert held(text, lex) == ["osha-10"], text
    facts = read("OSHA 30", lex)
    assert facts.holds("osha-30-construction") and facts.holds("osha-10-general-industry")
    assert held("OSHA 10 construction", lex) == ["osha-10-construction"]
    assert not read("OSHA 10 construction", lex).holds("osha-10-general-industry")


def test_servsafe(lex):
    assert held("ServSafe food handler", lex) == ["servsafe-food-handler"]
    facts = read("ServSafe Manager certified", lex)
    assert [c.id for c in facts.credentials] == ["servsafe-manager"]
    assert facts.holds("servsafe-manager") and facts.holds("servsafe-food-handler")
    assert held("food handlers card", lex) == ["food-handler-card"]
    assert read("food handler card", lex).holds("servsafe-food-handler")


def test_cpr_bls_first_aid(lex):
    facts = read("I have CPR, BLS and first aid", lex)
    assert [c.id for c in facts.credentials] == ["cpr", "bls", "first-aid"]
    assert facts.holds("red-cross-first-aid-cpr-aed") and facts.holds("aha-bls-provider")
    assert "building-blocks:3.11" in facts.evidenced()
    assert held("CPR/BLS card", lex) == ["cpr", "bls"]


def test_forklift(lex):
    for text in ("forklift certified", "I have my forklift license", "hi-lo certified"):
        facts = read(text, lex)
        assert [c.id for c in facts.credentials] == ["forklift"], text
        assert facts.holds("forklift-operator-training")


def test_comptia_and_mos(lex):
    assert held("CompTIA A+, Network+ and Security+", lex) == ["comptia-a-plus", "comptia-network-plus", "comptia-security-plus"]
    assert held("A+ certified", lex) == ["comptia-a-plus"]
    assert held("an A+ student", lex) == []
    assert held("MOS Excel", lex) == ["mos-excel"]
    assert read("Microsoft Office Specialist Excel certified", lex).holds("mos-excel-associate")
    assert held("my MOS was 88M in the Army", lex) == []


def test_epa_608_types(lex):
    facts = read("EPA 608 Type II and Type III", lex)
    assert [c.id for c in facts.credentials] == ["epa-608"]
    assert facts.credentials[0].field == "Type II, Type III"
    assert read("universal EPA", lex).credentials[0].id == "epa-608"
    assert read("608 certified universal", lex).credentials[0].field == "Universal"


def test_nccer_and_journeyman_licenses(lex):
    facts = read("NCCER core, journeyman electrician license", lex)
    assert [c.id for c in facts.credentials] == ["nccer-core", "journeyman-electrician"]
    assert facts.holds("registered-apprenticeship-electrician") and facts.holds("nccer-core")
    assert held("licensed journeyman plumber", lex) == ["journeyman-plumber"]
    assert held("master electrician license", lex) == ["master-electrician"]
    assert read("master electrician license", lex).holds("electrical-pre-apprenticeship")


def test_ptcb_phlebotomy_security_guard(lex):
    assert held("PTCB certified", lex) == ["cpht"]
    assert held("CPhT", lex) == ["cpht"]
    assert read("PTCB", lex).holds("pharmacy-technician-cpht")
    assert held("phlebotomy certification", lex) == ["phlebotomy"]
    assert read("certified phlebotomy technician", lex).holds("phlebotomy-technician")
    for text in ("security guard license", "guard card"):
        assert held(text, lex) == ["security-guard-license"], text


def test_capitals_only_aliases(lex):
    assert held("RN with 10 years", lex) == ["rn"]
    assert held("I'm looking for work rn", lex) == []


# --------------------------------------------------------------------------- negation and intention


@pytest.mark.parametrize(
    "text, cid",
    [
        ("no GED", "hse"),
        ("I don't have my CDL", "cdl"),
        ("I never got my GED", "hse"),
        ("I lost my CDL last year", "cdl"),
        ("My CNA expired", "cna"),
        ("no high school diploma", "high-school-diploma"),
        ("limpio casas 5 años, sin diploma", "high-school-diploma"),  # in Spanish too
        ("nunca terminé la high school, no tengo GED", "hse"),
    ],
)
def test_negations_are_not_held(lex, text, cid):
    facts = read(text, lex)
    assert facts.credentials == []
    assert [c.id for c in facts.lacks] == [cid]
    assert not facts.holds(next(iter(lex.credentials[cid].catalog), "x"))


@pytest.mark.parametrize(
    "text, cid",
    [
        ("working on my GED", "hse"),
        ("I want to get my CNA", "cna"),
        ("studying for the CDL permit test", "cdl-permit"),
        ("I plan to take OSHA 10", "osha-10"),
        ("would like to get forklift certified", "forklift"),
        ("I'm taking CNA classes", "cna"),
        ("GED in progress", "hse"),
    ],
)
def test_intentions_are_goals_not_held(lex, text, cid):
    facts = read(text, lex)
    assert facts.credentials == [] and facts.titles == []
    assert cid in [g.id for g in facts.goals if isinstance(g, CredentialFact)]


def test_negation_stays_in_its_clause(lex):
    facts = read("I never finished high school but I got my GED. I want to get my CDL, and I have CPR.", lex)
    assert [c.id for c in facts.credentials] == ["hse", "cpr"]
    assert [c.id for c in facts.lacks] == ["high-school-diploma"]
    assert [g.id for g in facts.goals] == ["cdl"]
    assert facts.education_level() == "hse"
    facts = read("I want to get my GED and CNA", lex)
    assert facts.credentials == [] and facts.titles == []
    assert {g.id for g in facts.goals if isinstance(g, CredentialFact)} == {"hse", "cna"}


def test_title_goals(lex):
    facts = read("I'd like to become a medical assistant. Looking for cashier jobs.", lex)
    assert facts.titles == []
    assert [g.rung_id for g in facts.goals] == ["fhc-medical-assistant", "retail-cashier"]


@pytest.mark.parametrize(
    "text, held_ids, goal_ids",
    [
        # a wish naming two jobs: both are goals, however many words the wish takes
        ("CNC operator 6 years. wants to move up to machinist or programmer eventually",
         ["am-cnc-operator"], ["am-machinist", "it-software-developer"]),
        ("cashier 4 years at Kroger, want to be a store manager someday", ["retail-cashier"], ["retail-store-manager"]),
        ("cashier 4 years, maybe a pharmacy technician one day", ["retail-cashier"], ["fhc-pharmacy-technician"]),
        ("worked as a cashier and stocker at walmart", ["retail-cashier", "retail-stocker"], []),
    ],
)
def test_titles_of_a_wish_are_goals(lex, text, held_ids, goal_ids):
    facts = read(text, lex)
    assert [t.rung_id for t in facts.titles] == held_ids
    assert [g.rung_id for g in facts.goals if isinstance(g, TitleFact)] == goal_ids


# --------------------------------------------------------------------------- titles, years, employer


def test_title_with_years(lex):
    (t,) = read("cashier 4 yrs", lex).titles
    assert (t.rung_id, t.years) == ("retail-cashier", 4.0)
    facts = read("5 years as a CNA", lex)
    (t,) = facts.titles
    assert t.rung_id in ("fhc-nursing-assistant", "ltc-nursing-assistant") and t.years == 5.0 and t.also
    assert [c.id for c in facts.credentials] == ["cna"]
    (t,) = read("shift lead at Dollar General for 2 years", lex).titles
    assert (t.rung_id, t.employer, t.years) == ("retail-supervisor", "Dollar General", 2.0)
    (t,) = read("CNA 5 years", lex).titles
    assert t.years == 5.0


@pytest.mark.parametrize(
    "text, years",
    [
        ("line cook for five years", 5.0),
        ("prep cook 6 months", 0.5),
        ("night stocker for a year and a half", 1.5),
        ("welder for over 10 years", 10.0),
        ("I have 3+ years of experience as a bank teller", 3.0),
        ("forklift driver (2016-2020)", 4.0),
        ("server since 2019", 5.9),
        ("housekeeper for a couple of years", 2.0),
    ],
)
def test_years_forms(lex, text, years):
    (t,) = read(text, lex).titles
    assert t.years == years


def test_employer_and_current(lex):
    (t,) = read("cashier at Walmart", lex).titles
    assert (t.employer, t.current) == ("Walmart", None)
    (t,) = read("I'm a server at Applebee's since 2019", lex).titles
    assert (t.employer, t.current) == ("Applebee's", True)
    (t,) = read("I used to work as a line cook for Kroger", lex).titles
    assert (t.employer, t.current) == ("Kroger", False)
    (t,) = read("caregiver for my mom for six months", lex).titles
    assert t.employer == "" and t.years == 0.5
    (t,) = read("Walmart cashier", lex).titles
    assert t.employer == "Walmart"


def test_employer_picks_the_rung(lex):
    (t,) = read("shift lead at McDonald's", lex).titles
    assert t.rung_id == "hte-food-service-supervisor" and "retail-supervisor" in t.also
    (t,) = read("shift lead at Target", lex).titles
    assert t.rung_id == "retail-supervisor"


def test_two_jobs_keep_their_own_years(lex):
    facts = read("Night stocker at Kroger for a year and a half, then cashier at Target for 3 years", lex)
    assert [(t.rung_id, t.employer, t.years) for t in facts.titles] == [
        ("retail-stocker", "Kroger", 1.5),
        ("retail-cashier", "Target", 3.0),
    ]
    assert facts.industries == ["retail"]


def test_one_job_said_twice_and_titles_inside_an_employer_name(lex):
    (t,) = read("home health aide HHA 3 yrs", lex).titles
    assert (t.rung_id, t.years) == ("ltc-personal-care-aide", 3.0)
    (t,) = read("Team lead at Amazon warehouse 3 years", lex).titles
    assert (t.rung_id, t.employer, t.years) == ("tdl-transportation-supervisor", "Amazon warehouse", 3.0)
    (t,) = read("worked as an STNA at a nursing home until 2022", lex).titles
    assert t.current is False and t.rung_id == "ltc-nursing-assistant"


def test_weak_titles_need_a_cue(lex):
    assert read("I set up a server at home", lex).titles == []
    assert [t.rung_id for t in read("I was a server at Olive Garden", lex).titles] == ["hte-server"]
    assert [t.rung_id for t in read("- Server, Olive Garden", lex).titles] == ["hte-server"]


def test_evidenced_includes_the_rung_requirements(lex, shipped):
    _catalog, ladders = shipped
    facts = read("cashier at Walmart for 4 years", lex)
    ev = facts.evidenced()
    assert set(ladders.get("retail-cashier").required) <= set(ev)
    assert all(isinstance(f, TitleFact) for f in ev["retail:4.5"])


# --------------------------------------------------------------------------- offsets and speed


def test_offsets_point_at_the_right_characters(lex):
    text = "Hi! I'm a CNA (5 yrs) with OSHA-10 and CompTIA A+; cashier at Walmart.\nGED"
    facts = read(text, lex)
    for fact in [*facts.credentials, *facts.titles]:
        assert text[fact.start : fact.end] == fact.phrase
    assert {f.phrase for f in facts.credentials} == {"CNA", "OSHA-10", "CompTIA A+", "GED"}
    cashier = next(t for t in facts.titles if t.rung_id == "retail-cashier")
    assert text[cashier.start : cashier.end] == "cashier"


def test_plural_and_punctuation_variants(lex):
    assert held("my CNA's license", lex) == ["cna"]
    assert held("bachelor’s in biology", lex) == ["bachelor"]
    assert alias_key("OSHA-10") == alias_key("osha 10") == "osha10"


def test_a_long_text_is_read_in_one_pass(lex):
    # a sanity check of scale, not a timed test
    text = ("I was a cashier at Walmart for 4 years, have my GED, CPR and a forklift cert. " * 70)[:5000]
    facts = read(text, lex)
    assert len(facts.titles) >= 60 and isinstance(facts, Facts)


@pytest.mark.parametrize(
    "text, rung",
    [
        # a title that names another trade's job is not that job
        ("apprentice lineworker for a rural electric co-op 2 years", "energy-line-installer"),
        ("data entry clerk 3 years at an insurance office", None),
        ("assembly line at the auto parts place, 2 years", None),
        ("security officer 2 yrs at the outlet mall", None),
        ("on the framing crew 6 years", None),
    ],
)
def test_titles_that_name_another_job_are_not_read_as_it(lex, text, rung):
    assert [t.rung_id for t in read(text, lex).titles] == ([rung] if rung else [])


@pytest.mark.parametrize("text", ["I'm a senior in high school", "high school senior looking for a summer job",
                                  "I'm in 12th grade", "still in high school"])
def test_a_high_school_student_is_working_toward_the_diploma(lex, text):
    facts = read(text, lex)
    assert not facts.credentials
    assert [g.id for g in facts.goals if isinstance(g, CredentialFact)] == ["high-school-diploma"]


def test_a_diploma_held_is_not_undone_by_school_words(lex):
    facts = read("I have my high school diploma, graduated high school in 2019", lex)
    assert {c.id for c in facts.credentials} == {"high-school-diploma"} and not facts.goals


@pytest.mark.parametrize("text, held, lacks", [
    ("no GED, forklift certified", {"forklift"}, {"hse"}),
    ("never finished high school, CNA 3 years", {"cna"}, {"high-school-diploma"}),
    ("no diploma, CDL-A", {"cdl-a"}, {"high-school-diploma"}),
    ("I do not have a GED, CNA or CDL", set(), {"hse", "cna", "cdl"}),
    ("no GED, CNA, or CDL", set(), {"hse", "cna", "cdl"}),
    ("I have my diploma", {"high-school-diploma"}, set()),
    ("bachelor's and a state teaching licence", {"bachelor"}, set()),
])
def test_a_negation_covers_its_list_not_the_next_item(lex, text, held, lacks):
    facts = read_facts(text, lex)
    assert {c.id for c in facts.credentials} == held
    assert {c.id for c in facts.lacks} == lacks


@pytest.mark.parametrize("text, rungs", [
    ("customer service, Excel, cash handling", []),
    ("forklift, inventory", []),
    ("5 years customer service at a bank", ["fin-customer-service-rep"]),
    ("Forklift\nloaded trucks", ["tdl-forklift-operator"]),
])
def test_a_weak_title_first_in_a_list_of_skills_is_not_a_job(lex, text, rungs):
    assert [t.rung_id for t in read_facts(text, lex).titles] == rungs


@pytest.mark.parametrize("text, held", [
    ("laid off after 20 years on the assembly line at Ford, high school", {"high-school-diploma"}),
    ("taught high school math", set()),
    ("I am 17, senior in high school", set()),
    ("high school, GED", {"hse"}),
])
def test_high_school_said_on_its_own_is_the_diploma(lex, text, held):
    assert {c.id for c in read_facts(text, lex).credentials} == held


def test_a_licence_that_lapsed_later_in_the_sentence_is_lacking(lex):
    facts = read("I was an LPN for 12 years but my license lapsed when I moved", lex)
    assert [c.id for c in facts.credentials] == [] and [c.id for c in facts.lacks] == ["lpn"]
    assert [c.id for c in read("I have my CDL and my forklift card", lex).credentials] == ["cdl", "forklift"]
