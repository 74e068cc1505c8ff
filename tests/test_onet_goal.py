"""Any imported O*NET occupation as a goal (issue #11): by O*NET code, SOC code or title; its plan
has the Job Zone and typical education as the way in, its tasks and technology, and its related
occupations with area wages. Without an import nothing changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.errors import InputError
from advisor.guidance.gaps import FOUNDATION
from advisor.guidance.plan.content import sections
from advisor.guidance.service import Advisor, soc_model
from advisor.onet.occupations import ENABLE_HINT

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet" / "db_90_1_text"
PLUMBERS = "47-2152.00\tPlumbers, Pipefitters, and Steamfitters\tLay and mend pipes in buildings (fixture text).\n"


@pytest.fixture
def adv(catalog, user_home, shared_index):
    return Advisor.load(catalog)


def imported(adv, folder: Path = FIXTURE) -> Advisor:
    from advisor.onet.importer import import_onet

    import_onet(folder, engine=adv.ensure_matcher().engine)
    return adv


def test_a_goal_by_onet_code_takes_the_model_of_a_rung_with_its_soc(adv):
    target = imported(adv).target("onet:53-7065.00")
    rung = adv.ladders.rungs["retail-stocker"]  # the ladder rung with SOC 53-7065
    assert (target.kind, target.id, target.title, target.key) == ("onet", "53-7065.00", "Stockers and Order Fillers", "onet:53-7065.00")
    assert (target.model, target.required, target.rung) == (rung.model, rung.required, None)
    d = target.details
    assert (d["soc"], d["job_zone"], d["education"], d["rung"]) == ("53-7065", 2, "high school diploma or equivalent", "retail-stocker")
    assert d["tasks"][0] == "Put stock on shelves and face the products"
    assert d["technology"] == ["Spreadsheet software", "Handheld barcode scanner app"]
    # 99-9999.00 is named as related but is no occupation of the release: left out
    assert [r["code"] for r in d["related"]] == ["53-7062.00", "53-7051.00", "41-2011.00"]


def test_a_goal_by_soc_code_or_by_an_onet_title(adv):
    imported(adv)
    assert adv.target("53-7065").id == "53-7065.00"
    assert adv.target("onet:53-7065").id == "53-7065.00"
    by_title = adv.target("Stockers and Order Fillers")  # no ladder rung is called that
    assert (by_title.kind, by_title.id) == ("onet", "53-7065.00")
    assert adv.target("retail-stocker").kind == "rung"  # ladder ids still come first
    with pytest.raises(InputError) as err:
        adv.target("onet:99-9999")
    assert "no O*NET occupation" in err.value.message
    with pytest.raises(InputError) as err:
        adv.target("zzqx plumbing wizard")  # named nowhere: the ladder error, as before
    assert err.value.message.startswith("unknown target")


def test_an_occupation_no_rung_shares_gets_its_model_by_soc_group(adv, tmp_path):
    folder = tmp_path / "release"
    shutil.copytree(FIXTURE, folder)
    with (folder / "Occupation Data.txt").open("a", encoding="utf-8") as f:
        f.write(PLUMBERS)
    target = imported(adv, folder).target("onet:47-2152")
    assert target.model == "construction-commercial-industrial" == soc_model("47-2152")
    tiers = {adv.catalog.competency(c).tier for c in target.required}
    models = {adv.catalog.competency(c).model for c in target.required if adv.catalog.competency(c).tier == 4}
    assert tiers == {1, 2, 3, 4} and models == {"construction-commercial-industrial"}
    assert target.details["tasks"] == [] and target.details["rung"] == ""


def test_soc_groups_map_to_models():
    assert soc_model("15-1232") == "information-technology"
    assert soc_model("31-1122") == "long-term-care-supports-services"  # a minor group before its major group
    assert soc_model("31-9092") == "fundamentals-of-health-care"
    assert soc_model("11-3031") == "financial-services"
    assert soc_model("25-2021") == FOUNDATION  # teachers: no industry model of theirs


def test_the_plan_of_an_onet_goal(adv):
    imported(adv)
    profile = adv.profile("stocker at a grocery store 2 years, I have my GED")
    plan = adv.plan(profile, "onet:53-7065.00", "OH", settings=_settings())
    # no route of its own and no crosswalk: the catalogue's trainings that lead to the work, its own first
    route = [r.id for r in plan.route.training] if plan.route is not None else []
    assert route[0] == "mssc-certified-logistics-associate" and "forklift-operator-training" in route
    assert "cdl-class-a" not in route and "pharmacy-technician-cpht" not in route
    assert "Job Zone 2" in plan.route.text and "high school diploma or equivalent (70% of workers)" in plan.route.text
    kinds = [(s.kind, s.rung.soc) for s in plan.steps]
    assert kinds == [("target", "53-7065"), ("lateral", "53-7062"), ("lateral", "53-7051"), ("lateral", "41-2011")]
    assert all(s.wage is not None and s.wage.area.code == plan.area.code for s in plan.steps)
    assert plan.steps[1].takes == "Closely related in O*NET; Job Zone 1"
    titled = {s.title: s for s in sections(plan)}
    involves = titled["What the job involves"]
    # the same occupation held: every main task is marked as done, without quoting the words
    assert ["Pick items for customer orders", "close to what you have done"] in involves.rows
    other = adv.plan(adv.profile("I like to draw and paint"), "onet:53-7065.00", "OH", settings=_settings())
    assert not any(other.tasks_shown) and ["Pick items for customer orders"] in next(
        s for s in sections(other) if s.title == "What the job involves").rows
    assert "Spreadsheet software" in involves.lines[0]
    assert any("How to get into Stockers and Order Fillers" == t for t in titled)
    assert "O*NET" in plan.sources and "CC BY 4.0" in plan.sources


def _settings():
    from advisor.config import Settings

    return Settings()


def test_cli_plan_json_with_an_onet_goal(adv, capsys):
    imported(adv)
    capsys.readouterr()
    code = main(["plan", "stocker 2 years", "--target", "onet:53-7065.00", "--area", "OH", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0
    doc = json.loads(out)
    assert doc["target"]["kind"] == "onet" and doc["target"]["soc"] == "53-7065" and doc["target"]["job_zone"] == 2
    assert doc["target"]["tasks"][0] == "Put stock on shelves and face the products"
    steps = doc["next_steps"]
    assert [s["kind"] for s in steps] == ["target", "lateral", "lateral", "lateral"]
    assert steps[1]["rung"] == "onet:53-7062.00" and steps[1]["wage"]["area_code"] == doc["area"]["code"]
    assert "Job Zone 2" in doc["route"]["text"]


def test_without_an_import_an_onet_goal_says_how_to_import(adv, capsys):
    code = main(["plan", "stocker 2 years", "--target", "onet:53-7065.00", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    err = captured.err.strip()
    assert ENABLE_HINT in err and "Traceback" not in err and "stocker" not in err
    with pytest.raises(InputError) as raised:
        adv.target("53-7065")  # a SOC code without an import: unknown, as before
    assert raised.value.message.startswith("unknown target")


def test_an_onet_goal_names_the_technology_the_words_name():
    from advisor.guidance.gaps import Target
    from advisor.guidance.plan.model import _technology_named

    goal = Target("onet", "53-7065.00", "Stockers and Order Fillers", "retail", [], None,
                  {"technology": ["Microsoft Excel", "SAP software", "Microsoft Office software", "Handheld barcode scanner app"]})
    assert _technology_named(goal, "stocker 2 years, good with excel and SAP") == ["Microsoft Excel", "SAP software"]
    assert _technology_named(goal, "I used an office computer") == []  # common words alone name nothing
    assert _technology_named(Target("rung", "x", "X", "retail", [], None, {"technology": ["Microsoft Excel"]}), "excel") == []


def test_an_onet_goal_is_never_its_own_step_up(adv):
    imported(adv)
    goal = adv.target("onet:53-7065.00")
    assert all(u["soc"] != "53-7065" for u in goal.details["up"])


def test_a_goal_by_title_takes_the_one_clearly_nearest_occupation_or_names_the_nearest(adv):
    imported(adv)
    import pytest as _pytest
    from advisor.errors import InputError

    goal = adv.target("cashierr")  # misspelt, one occupation clearly nearest
    assert goal.kind == "onet" and goal.details["soc"] == "41-2011"
    with _pytest.raises(InputError) as err:
        adv.target("zzzz qqqq")
    assert "O*NET occupation" in (err.value.hint or "")
