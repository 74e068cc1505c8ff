"""The standardized state ETPL layout (New Jersey's export among them) read without --map: a
made-up fixture in that layout, and the real 2023 New Jersey file from /work/shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.guidance.library import Library
from advisor.guidance.training import local_resource, read_etpl

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "etpl" / "etpl-standard-sample.csv"
from conftest import shared_data  # noqa: E402

NJ = shared_data("etpl", "nj-etpl-2023.csv")
needs_nj = pytest.mark.skipif(not NJ.is_file(), reason="the shared New Jersey ETPL file is not here")


def _by_program(rows):
    return {r["program"]: r for r in rows}


def test_the_standard_layout_reads_every_field_without_a_map():
    rows, bad = read_etpl(FIXTURE)
    assert bad == []
    got = _by_program(rows)
    cdl = got["Commercial Driver Training Class A"]
    assert cdl["provider"] == "Maple Road Driving Academy (sample)"  # the clean name, not the campus one
    assert cdl["cip"] == "49.0205"
    assert cdl["cost_usd"] == 4500  # the total column
    assert cdl["length"] == "160 hours"  # from the clock hours
    assert cdl["location"] == "Trenton, Mercer County, NJ"
    assert cdl["credential"] == "TRUCK DRIVER"  # the licence it leads to
    assert cdl["description"].startswith("Range practice")  # the literal quotes are gone
    aide = got["Nurse Aide in Long-Term Care"]
    assert aide["cost_usd"] == 1050  # no total: tuition, fees, books, supplies and other costs summed
    assert aide["credential"] == "Certified Nurse Aide"
    assert aide["location"] == "Trenton, Mercer County, NJ; distance learning"
    assert "residents' rights" in aide["description"]  # the mis-encoded apostrophe


def test_a_program_whose_provider_record_is_missing_keeps_the_provider_id():
    office = _by_program(read_etpl(FIXTURE)[0])["Office Software Basics"]
    assert office["provider"] == "ETPL provider #777"
    assert office["location"] == ""
    assert office["credential"] == "Certificate of Completion"
    assert office["description"] == "Word processing, spreadsheets and e-mail for the modern office."


def test_map_still_names_the_column_to_use():
    rows, bad = read_etpl(FIXTURE, {"cost": "tuition", "provider": "name", "length": "calendarlengthid"})
    cdl = _by_program(rows)["Commercial Driver Training Class A"]
    assert cdl["cost_usd"] == 4200
    assert cdl["provider"] == "Maple Road Driving Academy (sample) - Trenton"
    assert cdl["length"] == "6"
    # a mapped column with no value is not filled from the others: that row has no provider
    assert "Office Software Basics" not in _by_program(rows)
    assert len(bad) == 1 and bad[0][1] == "missing provider"


@needs_nj
def test_the_real_new_jersey_file_imports_every_program():
    rows, bad = read_etpl(NJ)
    assert bad == [] and len(rows) == 128
    assert all(r["provider"] and r["program"] and r["cip"] and r["length"].endswith(" hours") for r in rows)
    assert all(r["cost_usd"] is not None and 0 <= r["cost_usd"] <= 36_189 for r in rows)
    assert not any('"' == r["provider"][:1] or "\u00bf" in r["description"] for r in rows)
    assert sum(r["cip"] == "49.0205" for r in rows) == 12  # the truck driving programs
    assert sum(r["location"].endswith("Atlantic County, NJ") for r in rows) == 80


@needs_nj
def test_its_programs_open_the_route_of_a_goal_with_their_cip_code(catalog):
    rows, _ = read_etpl(NJ)
    local = [local_resource({**r, "id": i, "links": []}) for i, r in enumerate(rows)]
    lib = Library(**Library.load_data(catalog, programs=local))
    route = lib.route_training(lib.target("tdl-tractor-trailer-driver"))
    trucking = [r for r in route if r.local]
    assert len(trucking) == 12 and all(r.cip == "49.0205" for r in trucking)
    assert route[0].local and not route[-1].local  # local programs first, then the catalogue's
    aide = [r for r in lib.route_training(lib.target("fhc-nursing-assistant")) if r.local]
    assert aide and all(r.cip == "51.3902" for r in aide)
