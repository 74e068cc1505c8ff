"""O*NET import (tiny fixture in the official text layout; the shared 29.3 copy when present), title
search, one occupation's facts, past titles in the words, and the CIP-SOC crosswalk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.db.onet import OnetStore
from advisor.errors import InputError
from advisor.index.engine import Engine
from advisor.onet.crosswalk import cip_code, cip_for_soc, import_crosswalk, read_crosswalk, soc_for_cip
from advisor.onet.importer import TITLES, import_onet
from advisor.onet.occupations import Occupations, _core
from advisor.onet.release import check_folder

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet" / "db_90_1_text"
CROSSWALK = FIXTURE.parent / "crosswalk.csv"
from conftest import shared_data  # noqa: E402

SHARED = shared_data("onet", "db_29_3_text")


@pytest.fixture
def imported(tmp_path, fake_embedder):
    engine = Engine(tmp_path / "index", fake_embedder)
    db = tmp_path / "onet.db"
    report = import_onet(FIXTURE, path=db, engine=engine)
    occ = Occupations(OnetStore(db), engine)
    yield report, occ, db, engine
    occ.close()


def test_the_fixture_release_is_imported_whole(imported):
    report, occ, db, _ = imported
    assert report.version == "90.1"
    assert report.counts["occupations"] == 5 and report.counts["related"] == 4  # the link to an unknown code is left out
    # 21 titles ("Stocker" names two occupations: one vector) and the 6 task statements
    assert report.texts == 27 and report.embedded == 26
    stockers = occ.resolve("53-7065")
    assert stockers["code"] == "53-7065.00" and stockers["job_zone"] == 2
    kinds = {(t["norm"], t["kind"]) for t in occ.store.titles() if t["code"] == "31-1131.00"}
    # "Certified Nursing Assistant (CNA)" is also known without the brackets, and as CNA
    assert {("certified nursing assistant", "alternate"), ("cna", "short"), ("nurse aide", "reported")} <= kinds


def test_one_occupation_has_its_zone_education_tasks_technology_and_related(imported):
    _, occ, _, _ = imported
    d = occ.detail("53-7065")
    assert d["job_zone_name"] == "Job Zone 2 (fixture)"
    assert d["education"] == {"category": 2, "label": "high school diploma or equivalent", "percent": 70.0}
    assert d["experience"]["label"] == "None (fixture)" and d["training"]["percent"] == 80.0
    assert d["tasks"][:2] == ["Put stock on shelves and face the products", "Pick items for customer orders"]  # core first
    assert d["technology"][0] == {"example": "Spreadsheet software", "category": "Office software", "hot": True}
    assert [r["code"] for r in d["related"]] == ["53-7062.00", "53-7051.00", "41-2011.00"]
    with pytest.raises(InputError, match="no O\\*NET occupation"):
        occ.resolve("12-3456")


@pytest.mark.parametrize(
    ("words", "soc", "how"),
    [
        ("night stocker", "53-7065", "exact"),
        ("Stocker", "53-7065", "exact"),  # two occupations list it; the one named for it wins
        ("stockers", "53-7065", "exact"),
        ("CNA", "31-1131", "exact"),
        ("forklfit driver", "53-7051", "fuzzy"),
        ("chekout clerk", "41-2011", "fuzzy"),
    ],
)
def test_title_search_exact_then_fuzzy(imported, words, soc, how):
    _, occ, _, _ = imported
    top = occ.search(words, limit=3)[0]
    assert (top.soc, top.how) == (soc, how)


def test_title_search_falls_back_to_meaning(imported):
    _, occ, _, _ = imported
    hits = occ.search("truck operator warehouse", limit=5)
    assert hits and hits[0].soc == "53-7051" and any(h.how == "meaning" for h in hits)
    with pytest.raises(InputError):
        occ.search("  ,, ")


def test_past_titles_are_recognised_in_the_words(imported):
    _, occ, _, _ = imported
    text = "stocker at Walmart 3 yrs, worked as a forklift operator for two years; drove a truck"
    found = occ.recognise(text, meaning=False)
    assert [(p.hit.soc, p.years) for p in found] == [("53-7065", 3.0), ("53-7051", 2.0)]
    assert text[found[0].start:found[0].end].strip() == "stocker at Walmart 3 yrs"
    assert occ.recognise("good with people, punctual", meaning=False) == []


@pytest.mark.parametrize(
    ("words", "soc", "how"),
    [
        ("cashier at Kroger", "41-2011", "exact"),  # the employer set aside
        ("I was a cashier for 2 years", "41-2011", "exact"),  # filler and time set aside
        ("stock associates", "53-7065", "exact"),  # a plural
        ("I drive forklifts", "53-7051", "exact"),  # a doing phrase read as its title: "forklift driver"
        ("night shift stocker", "53-7065", "head"),  # no such title: its head noun
        ("order filler", "53-7065", "words"),  # the words of the occupation's own title
        ("patient care aides", "31-1131", "exact"),
        ("cashere", "41-2011", "fuzzy"),  # a misspelt word corrected against the titles' words
        ("nursing assistent at the hospital", "31-1131", "fuzzy"),
    ],
)
def test_title_search_reads_the_title_as_people_say_it(imported, words, soc, how):
    _, occ, _, _ = imported
    top = occ.search(words, limit=3, meaning=False)[0]
    assert (top.soc, top.how) == (soc, how)


def test_titles_said_in_spanish_or_written_as_one_word_or_two(imported):
    _, occ, _, _ = imported
    assert occ.search("cajera", limit=3, meaning=False)[0].soc == "41-2011"
    assert occ.search("trabajé de cajera en Kroger", limit=3, meaning=False)[0].soc == "41-2011"
    assert occ.search("fork lift operator", limit=3, meaning=False)[0].soc == "53-7051"
    assert occ.search("forklift op", limit=3, meaning=False)[0].soc == "53-7051"  # a short form spelled out
    top = occ.search("cashier II", limit=3, meaning=False)[0]  # a grade after the title left off
    assert (top.soc, top.how) == ("41-2011", "exact")
    found = occ.recognise("fui cajera en Walmart 2 años, drove a forklift", meaning=False)
    assert [(p.phrase, p.hit.soc, p.years) for p in found] == [("fui cajera en Walmart 2 años", "41-2011", 2.0)]
    assert occ.recognise("hard worker, bilingüe", meaning=False) == []


def test_spanish_words_are_read_in_english_only_in_spanish_text():
    from advisor.onet.spanish import _spanish, fold

    assert fold("trabajé de niñera") == "trabaje de ninera"
    assert _spanish("trabaje de cocinero") == "worked as cook"
    assert _spanish("chofer de camion") == "truck driver"
    assert _spanish("ayudante de cocina en un hotel") == "kitchen helper in a hotel"
    assert _spanish("conductor on the la line") == "conductor on the la line"  # no word only Spanish uses


def test_a_head_noun_alone_counts_for_less_than_the_title(imported):
    _, occ, _, _ = imported
    exact = occ.search("dock hand", limit=3, meaning=False)[0]
    head = occ.search("loading dock hand", limit=3, meaning=False)[0]
    assert (exact.soc, exact.how) == ("53-7062", "exact")
    assert (head.soc, head.how) == ("53-7062", "head") and head.score < exact.score


def test_the_shipped_wage_table_gives_employment_to_break_ties():
    from advisor.onet.occupations import _employment

    jobs = _employment()
    assert jobs["53-7065"] > 1_000_000 and jobs["11-1021"] > 1_000_000  # written as 3.50302e+06 in the table
    assert jobs["29-1141"] > jobs["29-1171"]  # more registered nurses than nurse practitioners


def test_recognise_reads_doing_phrases_and_leaves_out_what_people_say_of_themselves(imported):
    _, occ, _, _ = imported
    found = occ.recognise("I drive forklifts 3 years; I wash the dishes", meaning=False)
    assert [(p.hit.soc, p.years) for p in found] == [("53-7051", 3.0)]
    assert occ.recognise("hard worker, team player, bilingual Spanish", meaning=False) == []
    assert occ.recognise("drove a forklift, stocked shelves", meaning=False) == []
    # a clause that begins like a filler word is not cut inside a word ("Amazon" is not "am azon")
    assert _core("Amazon picker 2 years") == ("Amazon picker", 2.0)
    assert _core("I wash dishes at Denny's") == ("wash dishes", None)


def test_a_rerun_replaces_and_a_failed_run_keeps_the_previous_import(imported, tmp_path, monkeypatch):
    report, occ, db, engine = imported
    import_crosswalk(CROSSWALK, db)
    again = import_onet(FIXTURE, path=db, engine=engine)
    assert again.embedded == 0 and again.counts["cip_soc"] == 6  # nothing embedded twice; the crosswalk carried over
    with OnetStore(db) as store:
        assert store.count("occupations") == 5 and store.count("titles") == report.counts["titles"]

    def broken(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "ensure", broken)
    with pytest.raises(KeyboardInterrupt):
        import_onet(FIXTURE, path=db, engine=engine)
    assert not list(tmp_path.glob("onet.db.importing*"))
    with OnetStore(db) as store:
        assert store.count("occupations") == 5 and store.soc_for_cip("52.0410") == ["53-7051", "53-7065"]


def test_a_folder_that_is_not_a_release_is_refused(tmp_path):
    with pytest.raises(InputError, match="not an O\\*NET text release"):
        check_folder(tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        check_folder(tmp_path / "nowhere")
    partial = tmp_path / "partial"
    shutil.copytree(FIXTURE, partial)
    (partial / "Job Zones.txt").unlink()
    with pytest.raises(InputError, match="missing O\\*NET file"):
        check_folder(partial)
    (partial / "Job Zones.txt").write_text("Code\tZone\n11-1011.00\t5\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'O\\*NET-SOC Code'"):
        import_onet(partial, path=tmp_path / "onet.db", engine=object())
    assert not (tmp_path / "onet.db").exists()


def test_the_crosswalk_links_programs_and_occupations(tmp_path):
    db = tmp_path / "onet.db"
    assert soc_for_cip("52.0410", db) == []  # nothing imported: no links, no error
    rows = read_crosswalk(CROSSWALK)
    assert {"cip": "52.1804", "cip_title": "Selling Skills and Sales Operations (fixture)", "soc": "41-2011", "soc_title": "Cashiers"} in rows
    assert import_crosswalk(CROSSWALK, db) == 6
    assert soc_for_cip("52.0410", db) == ["53-7051", "53-7065"]
    assert soc_for_cip("520410", db) == ["53-7051", "53-7065"] and cip_code("1.0") == "01.0000"
    assert cip_for_soc("31-1131", db) == ["51.3902"] and cip_for_soc("53-7062", db) == []  # NO MATCH rows link nothing
    assert soc_for_cip("01.0000", db) == []
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not the CIP-SOC crosswalk"):
        read_crosswalk(bad)


def test_cli_import_search_and_show(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    assert main(["occupations", "search", "stocker"]) == 2
    assert "advisor data import onet" in capsys.readouterr().err
    assert main(["data", "import", "onet", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "not an O*NET text release" in err and "Traceback" not in err
    assert main(["data", "import", "onet", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert "5 occupations" in out and "CC BY 4.0" in out
    assert main(["data", "import", "cip-soc", str(CROSSWALK)]) == 0
    capsys.readouterr()
    assert main(["occupations", "search", "night", "stocker", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["soc"] == "53-7065" and hits[0]["how"] == "exact"
    assert main(["occupations", "show", "53-7065", "--area", "OH", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["wage"]["area"] == "Ohio" and shown["wage"]["hourly_median"] > 10
    assert shown["related"][0]["wage"]["soc"] == "53-7062"
    assert main(["occupations", "show", "53-7065", "--area", "OH"]) == 0
    text = capsys.readouterr().out
    assert "Job Zone 2" in text and "Wages in Ohio: $" in text and "high school diploma" in text


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared O*NET 29.3 copy is not here")
def test_the_shared_release_reads_with_known_facts(tmp_path, fake_embedder, monkeypatch):
    import advisor.onet.occupations as occ_module

    engine = Engine(tmp_path / "index", fake_embedder)
    report = import_onet(SHARED, path=tmp_path / "onet.db", engine=engine)
    assert report.version == "29.3" and report.counts["occupations"] == 1016
    with Occupations(OnetStore(tmp_path / "onet.db"), engine) as occ:
        d = occ.detail("53-7065")
        assert d["title"] == "Stockers and Order Fillers" and d["job_zone"] == 2
        assert d["education"]["label"] == "high school diploma or equivalent"
        related = {r["code"][:7] for r in d["related"]}
        assert {"53-7062", "43-5071", "41-2011"} <= related
        assert occ.search("night stocker", meaning=False)[0].soc == "53-7065"
        assert occ.search("Certified Nursing Assistant", meaning=False)[0].soc == "31-1131"
        # a title its specialties share is the parent occupation first ("nurse": registered nurses)
        assert occ.search("nurse", meaning=False)[0].code == "29-1141.00"
        # a station worked, a crew chief with a service, the line of a plant
        assert [p.hit.soc for p in occ.recognise("worked the register at Dollar General 8 months", meaning=False)] == ["41-2011"]
        assert occ.recognise("Air Force, crew chief on C-130s, 8 years", meaning=False)[-1].hit.soc == "49-3011"
        assert occ.recognise("crew chief at Taco Bell 2 years", meaning=False)[0].hit.soc == "35-1012"
        # the general readings on the real titles, without the search by meaning
        top = {words: occ.search(words, limit=3, meaning=False)[0].soc for words in (
            "janitorial",  # a field is its worker ("janitor"), not the workers' supervisor
            "loss prevention",  # not Loss Prevention Managers: the words name no manager
            "substitute teacher",  # the front of an occupation's own title
            "HVAC technician",  # listed as "HVAC Tech"
            "sheetrock installer",  # listed as "Sheet Rock Installer"
            "dish washer",  # "dishwasher"
            "chofer de camión",  # Spanish: truck driver
            "assistant store manager",  # a store's supervisor
            "I fix cars",  # a doing phrase: "car mechanic"
        )}
        assert top == {"janitorial": "37-2011", "loss prevention": "33-9099", "substitute teacher": "25-3031",
                       "HVAC technician": "49-9021", "sheetrock installer": "47-2081", "dish washer": "35-9021",
                       "chofer de camión": "53-3032", "assistant store manager": "41-1011", "I fix cars": "49-3023"}
        line = occ.search("assembly line", limit=3, meaning=False)[0]  # the alias table: team assembly
        assert (line.soc, line.how) == ("51-2092", "alias")
        monkeypatch.setattr(occ_module, "ALIASES_OFF", True)  # without it, a line of work is read as its worker
        line = occ.search("assembly line", limit=3, meaning=False)[0]
        assert (line.soc[:2], line.how, line.matched) == ("51", "exact", "Assembly Line Worker")
        monkeypatch.setattr(occ_module, "ALIASES_OFF", False)
        assert occ.search("store manager", limit=3, meaning=False)[0].soc in {"11-1021", "41-1011"}  # a manager asked for
        assert engine.is_fresh(TITLES, occ.collection().entries)


def test_a_layoff_after_years_on_a_line_reads_the_work():
    from advisor.onet.clauses import _core

    assert _core("laid off after 20 years on the assembly line at Ford") == ("assembly line", 20.0)
    assert _core("stocker at Walmart 3 yrs") == ("stocker", 3.0)
    assert _core("10 years on the line at GM") == ("on the line", 10.0)  # one word left: kept as said


def test_short_forms_places_and_terms_of_the_work_are_read():
    from advisor.onet.reading import _readings, _TitleIndex

    index = _TitleIndex({}, {}, {}, {})
    first = _readings("gm of a family dollar", index)[0]
    assert first.forms[0][0] == "general manager" and ("family dollar general manager", 0.01) in first.forms
    assert _readings("sub teacher", index)[0].forms[0][0] == "substitute teacher"
    assert _readings("sub", index)[0].forms[0][0] == "sub"  # alone it is not a short form
    assert _readings("caregiver through ihss", index)[0].forms[0][0] == "caregiver"
    assert _readings("corpsman attached to a unit", index)[0].forms[0][0] == "corpsman"
    assert _readings("cleaning houses under the table", index)[0].forms[0][0] == "cleaning houses"
    assert _readings("director of nursing", index)[0].forms[0][0] == "director of nursing"  # "of" needs "a"/"the"
    # whom a carer cares for names the job
    assert _readings("caretaker for the elderly", index)[0].forms[0][0] == "personal care aide"
    assert _readings("sitter for two kids", index)[0].forms[0][0] == "childcare worker"
    assert _readings("caretaker at a cemetery", index)[0].forms[0][0] == "caretaker"


def test_what_a_person_does_is_read_in_the_tasks(imported):
    from advisor.onet.doing import doing_words, is_doing

    assert is_doing("i draw blood at a lab") and is_doing("pouring concrete") and is_doing("cleaned offices")
    assert not any(is_doing(w) for w in ("i was a cook", "worked at a call center", "welding", "cashier", "i m a cna"))
    assert doing_words("cleaning houses under the table 3 years") == "cleaning houses"
    _, occ, _, _ = imported
    hits = occ.search("putting stock on shelves", limit=5)
    assert any(h.soc == "53-7065" and h.how == "tasks" for h in hits)
    # a title found as said leaves the tasks out
    assert all(h.how != "tasks" for h in occ.search("cashier", limit=5))
    # the occupations whose tasks are nearest the words, and the farthest of the nearest
    from advisor.onet.doing import task_closeness

    near, floor = task_closeness(occ, occ.engine.encode(["put stock on shelves"]))
    assert max(near, key=near.get) == "53-7065.00" and all(v >= floor for v in near.values())


def test_a_station_worked_and_the_line_of_a_plant_read_as_the_work():
    from advisor.onet.clauses import _core

    assert _core("Worked the register at Dollar General for 8 months") == ("cashier", 0.67)
    assert _core("I ran the grill at Waffle House 2 years") == ("grill cook", 2.0)
    assert _core("worked the night shift at Walmart")[0] == "night shift"  # no station: no worker named
    assert _core("4 years in a chicken plant on the deboning line") == ("deboning line", 4.0)
    assert _core("crew chief on C-130s") == ("crew chief", None)


def test_a_military_crew_chief_is_an_aircraft_mechanic_only_with_a_service_named():
    from advisor.onet.occupations import gated_aliases

    needs, codes = gated_aliases()["crew chief"][0]
    assert codes == ("49-3011",) and {"air force", "army"} <= needs


def test_minding_someone_names_the_job_and_a_possessive_is_no_title():
    from advisor.onet.reading import _readings, _TitleIndex

    index = _TitleIndex({}, {}, {}, {})
    assert ("childcare worker", 0.02) in _readings("watched my sister s kids", index)[1].forms
    assert _readings("babysat my cousins", index)[1].forms[0][0] == "childcare worker"
    assert _readings("sat with my grandma", index)[1].forms[0][0] == "personal care aide"


def test_stray_words_are_no_past_job(imported):
    from advisor.onet.workers import names_a_worker

    assert not names_a_worker("RF scanner") and not names_a_worker("cash register") and names_a_worker("night stocker")
    _, occ, _, _ = imported
    assert occ.recognise("I speak Vietnamese and English", meaning=False) == []
    # a lesser role keeps its last word: a crane operator's helper is no crane operator
    assert all(p.hit.soc != "53-7051" for p in occ.recognise("forklift operator helper 2 years", meaning=False))


def test_a_department_worked_in_is_its_worker():
    from advisor.onet.clauses import _core

    assert _core("Inside I worked in the laundry") == ("laundry worker", None)
    assert _core("worked in the kitchen at the county jail 3 years") == ("kitchen worker", 3.0)
