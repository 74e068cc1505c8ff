"""The shipped alias table (advisor/data/occupation_aliases.yaml): titles O*NET does not list well
(military specialty codes, gig work, slang), read before the O*NET titles."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from advisor.db.onet import OnetStore
from advisor.index.engine import Engine
from advisor.onet import occupations as occ_mod
from advisor.onet.importer import import_onet
from advisor.onet.occupations import Occupations, aliases, gated_aliases

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "onet" / "db_90_1_text"
from conftest import shared_data  # noqa: E402

SHARED = shared_data("onet", "db_29_3_text", "Occupation Data.txt")


@pytest.fixture
def occ(tmp_path, fake_embedder):
    engine = Engine(tmp_path / "index", fake_embedder)
    import_onet(FIXTURE, path=tmp_path / "onet.db", engine=engine)
    with Occupations(OnetStore(tmp_path / "onet.db"), engine) as o:
        yield o


def test_the_table_is_normalized_soc_codes():
    table = aliases()
    assert table["88m"] == ("53-3032",) and table["doordash driver"][0] == "53-3031"
    assert all(re.fullmatch(r"\d{2}-\d{4}", c) for codes in table.values() for c in codes)
    assert all(k == " ".join(k.split()) and k == k.lower() for k in table)


@pytest.mark.skipif(not SHARED.is_file(), reason="the shared O*NET copy is not here")
def test_every_alias_names_an_occupation_o_net_has():
    with SHARED.open(encoding="utf-8", newline="") as f:
        socs = {r["O*NET-SOC Code"][:7] for r in csv.DictReader(f, delimiter="\t")}
    assert {c for codes in aliases().values() for c in codes} <= socs


def test_search_and_recognise_read_the_table_first(occ, monkeypatch):
    hit = occ.search("Instacart shopper", meaning=False)[0]
    assert (hit.soc, hit.how) == ("53-7065", "alias")
    # a run of the words the table names counts too ("unit supply specialist" in a longer phrase)
    assert occ.search("army unit supply specialist", meaning=False)[0].soc == "53-7065"
    past = occ.recognise("Instacart shopper 2 years, cashier at Kroger", meaning=False)
    assert [(p.hit.soc, p.years) for p in past] == [("53-7065", 2.0), ("41-2011", None)]
    # an alias whose occupation is not imported adds nothing (the fixture has no truck drivers)
    assert occ.recognise("88M in the Army", meaning=False) == []
    monkeypatch.setattr(occ_mod, "ALIASES_OFF", True)
    assert all(h.how != "alias" for h in occ.search("Instacart shopper", meaning=False))


def test_a_service_s_own_codes_count_only_with_the_service_named(occ):
    # Navy ratings are short words elsewhere ("it", "am"); Marine specialties are four digits like a year
    assert all(needs for entries in gated_aliases().values() for needs, _ in entries)
    assert {"navy"} <= next(needs for needs, _ in gated_aliases()["hm"]) and "hm" not in aliases()
    assert occ.search("3051 in the Marines", meaning=False)[0].soc == "53-7065"
    assert occ.search("USMC 3051", meaning=False)[0].how == "alias"
    assert all(h.how != "alias" for h in occ.search("3051", meaning=False))
    past = occ.recognise("Marines 2015 to 2019, 3051 for 4 years", meaning=False)
    assert [(p.hit.soc, p.years) for p in past] == [("53-7065", 4.0)]
    # the code must be the whole title: a word inside a clause is not a rating
    assert occ.recognise("3051 warehouse clerk, since 2019", meaning=False) == []


def test_air_force_codes_are_matched_by_their_first_three_characters():
    from advisor.onet.occupations import _readings, _TitleIndex

    index = _TitleIndex({}, {}, {}, {})
    assert _readings("2t1x1 vehicle operator", index)[0].forms[0][0] == "2t1 vehicle operator"
    assert _readings("2t151", index)[0].forms[0][0] == "2t1"
    assert aliases()["2t1"][0] == "53-3032"


def test_more_specialties_and_ratings_and_gig_apps_are_known():
    table, gated = aliases(), gated_aliases()
    assert table["92f"][0] == "53-7199" and table["68c"] == ("29-2061",) and table["4n0"][0] == "29-2042"
    assert "mr" not in table and next(codes for needs, codes in gated["mr"] if "navy" in needs) == ("51-4041",)
    assert next(codes for needs, codes in gated["0481"] if "marine" in needs)[0] == "53-7062"
    assert table["shipt"][0] == "53-7065" and table["mturk"][0] == "43-9199"


def test_specialty_codes_said_aloud_or_after_mos():
    from advisor.onet.occupations import _readings, _TitleIndex

    index = _TitleIndex({}, {}, {}, {})
    # an Army letter in the radio alphabet ("25 bravo" is 25B)
    assert _readings("25 bravo", index)[0].forms[0][0] == "25b"
    assert _readings("68 whiskey combat medic", index)[0].forms[0][0] == "68w combat medic"
    # "MOS" before four digits names a Marine Corps specialty, before an Army code the Army
    mos = _readings("mos 3051", index)[0]
    assert mos.forms[0][0] == "3051" and "marine" in mos.context
    assert "army" in _readings("mos 88m", index)[0].context
    # a "mos" after a number is still months
    assert _readings("cashier 6 mos", index)[0].forms[0][0] == "cashier"


def test_mos_and_a_four_digit_code_reach_the_marine_table(occ):
    hit = occ.search("MOS 3051", meaning=False)[0]
    assert (hit.soc, hit.how) == ("53-7065", "alias")


def test_an_alias_inside_longer_words_that_are_an_o_net_title_only_orders_that_title_s_codes(occ, monkeypatch):
    monkeypatch.setattr(occ_mod, "aliases", lambda: {"stocker": ("53-7062",)})
    # "night stocker" is an O*NET title (53-7065): the alias for "stocker" may not override it
    hits = occ.search("night stocker", meaning=False)
    assert hits[0].soc == "53-7065" and all(h.how != "alias" for h in hits), hits
    # words that are no O*NET title still take the alias of their part
    assert occ.search("weekend stocker", meaning=False)[0].soc == "53-7062"
    # the title's own codes are ordered by the alias ("stocker" is a title of 53-7062 and 53-7065)
    monkeypatch.setattr(occ_mod, "aliases", lambda: {"night": ("53-7065",)})
    assert occ.search("night stocker", meaning=False)[0].how == "alias"


def test_a_nursing_home_hospital_or_jail_reads_a_title_as_o_net_s_institutional_one():
    from advisor.onet.occupations import _readings, _TitleIndex
    from advisor.onet.reading import INSTITUTION_BONUS

    index = _TitleIndex({}, {}, {}, {})
    forms = dict(_readings("cook at a nursing home", index)[0].forms)
    assert forms["institutional cook"] == -INSTITUTION_BONUS < forms["cook"]  # ahead of the bare title
    doing = [dict(r.forms) for r in _readings("i cook at the county jail", index)]
    assert any("institutional cook" in f for f in doing)
    # a school is no institution here (a school aide is not an institutional aide), nor a restaurant
    assert all("institutional aide" not in dict(r.forms) for r in _readings("aide at a school", index))
    assert all("institutional cook" not in dict(r.forms) for r in _readings("cook at a restaurant", index))


def test_front_desk_floor_and_warehouse_words_and_no_past_task_read_as_a_job(occ):
    table = aliases()
    assert table["grocery bagger"][0] == "53-7064" and table["call center"][0] == "43-4051"
    assert table["lunch lady"][0] == "35-2012" and table["yard jockey"][0] == "53-7051"
    assert table["h r block"] == ("13-2082",) and table["warehouse lead"][0] == "53-1042"
    assert occ.search("stocking shelves", meaning=False)[0].soc == "53-7065"
    # a past doing phrase is a task unless the words say how long; recognise takes an alias as a
    # job held, so the table holds the present form only
    assert not {"stocked shelves", "answered phones", "bagged groceries"} & set(table)
    assert occ.recognise("stocked shelves and helped customers", meaning=False) == []


def test_the_supervisor_of_work_the_table_names_is_its_first_line_supervisor_not_the_worker(occ, monkeypatch):
    from advisor.onet.workers import supervisors_of

    monkeypatch.setattr(occ_mod, "aliases", lambda: {"weekend stocker": ("53-7065",)})
    table = {**occ.occupations(),
             "53-1042.00": {"code": "53-1042.00", "title": "First-Line Supervisors of Helpers, Laborers, and Material Movers, Hand"},
             "41-1011.00": {"code": "41-1011.00", "title": "First-Line Supervisors of Retail Sales Workers"},
             "53-1041.00": {"code": "53-1041.00", "title": "Aircraft Cargo Handling Supervisors"}}
    assert supervisors_of(["53-7065.00", "41-2011.00"], table) == ["53-1042.00", "41-1011.00"]
    monkeypatch.setattr(occ, "_titles_by_code", table)
    hits = occ.search("weekend stocker supervisor", meaning=False)
    assert hits[0].soc == "53-1042" and all(h.soc != "53-7065" for h in hits), hits
    assert occ.search("weekend stocker", meaning=False)[0].soc == "53-7065"  # the worker without the boss word
    # a past job said so is read the same way
    found = occ.recognise("weekend stocker supervisor at Kroger 2 years", meaning=False)
    assert found and found[0].hit.soc == "53-1042" and found[0].years == 2, found
