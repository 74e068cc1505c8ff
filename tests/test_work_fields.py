"""Past jobs said by their line of work, not by a title: "I worked construction for 6 years",
"did drywall", "6 years in retail", "did security at a mall" (advisor/data/work_fields.yaml). Read
as the worker, on the ladders and among every O*NET occupation alike; an everyday task ("did
customer service"), a wish or a trade's informal help is never read as the job."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from advisor.guidance.facts import load_lexicon, read_facts
from advisor.guidance.ladders import load_ladders
from advisor.models import load_catalog
from advisor.onet.clauses import WORK_FIELDS, field_job


@pytest.mark.parametrize("clause, want", [
    ("I worked construction for 6 years", ("construction worker", 6.0, False)),
    ("did drywall", ("drywall installer", None, False)),
    ("6 years in retail", ("retail sales associate", 6.0, False)),
    ("I was in construction 10 yrs", ("construction worker", 10.0, False)),
    ("I do security at the mall", ("security guard", None, True)),
    ("did plumbing work for my uncle's company for 5 years", ("plumber helper", 5.0, False)),
    ("worked in customer service", ("customer service representative", None, False)),
    ("been doing landscaping", ("landscaper", None, True)),
])
def test_a_line_of_work_said_as_a_whole_clause_names_its_worker(clause, want):
    assert field_job(clause) == want


@pytest.mark.parametrize("clause", [
    "did customer service",  # a task of many jobs, without years or "worked"
    "in retail",  # no doing word and no years: a field named, not work told
    "I want to do construction",  # a wish
    "never worked construction",
    "construction safety",
    "did drywall repair on the weekends and painted",  # more than the line of work
    "did maintenance on the machines",
    "did auto repair in my garage",  # work for family, friends or at home shows work, not a job held
    "did childcare for my neighbors",
])
def test_anything_more_or_less_than_a_line_of_work_is_not_read_as_a_job(clause):
    assert field_job(clause) is None


def test_every_worker_of_the_table_is_a_job_title_and_licensed_trades_are_helpers():
    doc = yaml.safe_load(WORK_FIELDS.read_text(encoding="utf-8"))
    workers = {**doc["fields"], **doc["tasks"]}
    assert not set(doc["fields"]) & set(doc["tasks"])
    for line in ("plumbing", "electrical"):  # informal work in a licensed trade never stands for its licence
        assert workers[line].endswith("helper")
    assert not {"hvac", "trucking", "nails", "cosmetology"} & set(workers)


@pytest.fixture(scope="module")
def lex():
    catalog = load_catalog()
    return load_lexicon(catalog, load_ladders(catalog))


def held(lex, text: str) -> list[tuple[str, float | None]]:
    return [(t.rung_id, t.years) for t in read_facts(text, lex, date(2026, 1, 1)).titles]


def test_a_line_of_work_is_a_past_job_on_the_ladders(lex):
    assert held(lex, "I worked construction for 6 years, no diploma") == [("cci-laborer", 6.0)]
    assert held(lex, "did drywall for 6 years") == [("cci-carpenter", 6.0)]
    assert held(lex, "I worked in retail for 5 years. I have my GED") == [("retail-sales-associate", 5.0)]
    assert held(lex, "trabajé en construcción 6 años") == [("cci-laborer", 6.0)]  # Spanish, as O*NET's search reads it
    facts = read_facts("I worked construction for 6 years", lex, date(2026, 1, 1))
    assert "construction-commercial-industrial" in facts.industries


def test_a_title_said_wins_and_tasks_helpers_and_wishes_are_not_jobs(lex):
    assert held(lex, "cashier at Walmart 3 years") == [("retail-cashier", 3.0)]
    assert held(lex, "stocked shelves, did customer service, ran the register") == []
    assert held(lex, "did electrical work for 3 years") == []  # a helper is not the electrician (a licensed rung)
    facts = read_facts("I want to do construction", lex, date(2026, 1, 1))
    assert not facts.titles


def test_the_profile_credits_the_line_of_work_like_a_job(lex):
    from advisor.guidance.service import Advisor

    adv = Advisor.load(load_catalog())
    said = adv.profile("I worked construction for 6 years")
    titled = adv.profile("construction worker for 6 years")
    shown = {c for c, s in said.status.items() if s == "demonstrated"}
    assert shown == {c for c, s in titled.status.items() if s == "demonstrated"}
    assert any(c.startswith("construction-commercial-industrial:") for c in shown)


def test_the_onet_title_search_reads_the_clause_as_its_worker():
    # what Occupations.recognise looks up among O*NET's titles for each clause
    from advisor.onet.clauses import _core

    assert _core("did drywall for 6 years") == ("drywall installer", 6.0)
    assert _core("I did security at a mall for 2 years") == ("security guard", 2.0)
    assert _core("stocker at Walmart 3 yrs") == ("stocker", 3.0)  # a title is left as it is


def test_a_workplace_named_without_a_title_is_the_industry_of_the_work_not_a_job(lex):
    def at(text):
        facts = read_facts(text, lex, date(2026, 1, 1))
        return facts.workplaces, [t.rung_id for t in facts.titles]

    assert at("I worked at McDonald's for 2 years") == (["hospitality-tourism-events"], [])
    assert at("I was at Kroger 4 years") == (["retail"], [])
    assert at("I work at Amazon") == (["transportation-distribution-logistics"], [])
    assert at("I want to work at Amazon") == ([], [])  # a goal
    assert at("I shop at Walmart") == ([], [])  # no work said
    assert at("cashier at Walmart 3 years") == ([], ["retail-cashier"])  # the title says it


def test_the_common_jobs_of_a_workplace_named_come_first(catalog, user_home, shared_index):
    from advisor.guidance.service import Advisor
    from advisor.onet.importer import import_onet

    FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet" / "db_90_1_text"
    adv = Advisor.load(catalog)
    import_onet(FIXTURE, engine=adv.ensure_matcher().engine)
    plain = adv.occupation_fits(adv.profile("I have my GED"))
    amazon = adv.occupation_fits(adv.profile("I work at Amazon, I have my GED"))
    assert plain[0].soc == "41-2011"  # the most common job within reach
    assert amazon[0].soc.startswith("53-") and amazon[0].why.startswith("a common job at places like the one you worked at")
    assert {f.soc for f in amazon} == {f.soc for f in plain}  # the same jobs, in the order of the work named
