"""The shipped wage table: every detailed SOC code in every area, read one area at a time."""

from __future__ import annotations

import gzip
import shutil

import pytest

from advisor.errors import DataError
from advisor.guidance.wages import NATIONAL, WageTable, format_wage


@pytest.fixture(scope="module")
def table():
    return WageTable()


def test_every_detailed_occupation_has_a_national_wage(table):
    socs = table.socs()
    assert len(socs) >= 800
    assert {"53-7065", "31-1131", "41-2011", "35-3023", "15-1252"} <= set(socs)  # stockers, CNAs, cashiers, ...
    national = table.resolve("US")
    assert all(table.wage(soc, national) is not None for soc in socs[:50])
    stockers = table.wage("53-7065", national)
    assert stockers.employment > 1_000_000
    assert stockers.hourly_p25 < stockers.hourly_median < stockers.hourly_p75
    assert stockers.annual_p25 < stockers.annual_median < stockers.annual_p75


def test_areas_are_read_only_when_asked(table):
    fresh = WageTable(table.path)
    assert len(fresh.areas) > 500 and not fresh.rows  # opening reads the index only
    ohio = fresh.resolve("OH")
    w = fresh.wage("53-7065", ohio)
    assert w.area == ohio and not w.fallback
    assert {code for code, _ in fresh.rows} == {ohio.code}
    metro = fresh.resolve("Columbus, OH")
    assert fresh.wage("53-7065", metro).area == metro
    assert {code for code, _ in fresh.rows} == {ohio.code, metro.code}


def test_an_area_without_an_estimate_falls_back_to_national(table):
    w = table.wage("51-8011", table.resolve("VT"))  # no nuclear reactor operators estimate in Vermont
    assert w.fallback and w.area.code == NATIONAL and "national" in format_wage(w)
    assert table.wage("99-9999", table.resolve("OH")) is None


def test_annual_only_occupations_keep_their_annual_figures(table):
    teachers = table.wage("25-2021", table.resolve("US"))  # elementary teachers are paid by the year
    assert teachers.hourly_median is None and teachers.annual_median > 40_000
    assert "/yr" in format_wage(teachers) and "/hr" not in format_wage(teachers)


def test_a_damaged_table_is_a_clear_data_error(table, tmp_path):
    path = tmp_path / "oews-2025.csv.gz"
    shutil.copy(table.path, path)
    (tmp_path / "oews-2025.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="wage index"):
        WageTable(path)
    shutil.copy(table.index_path, tmp_path / "oews-2025.json")
    path.write_bytes(gzip.compress(b"x")[:5])  # truncated members
    damaged = WageTable(path)
    with pytest.raises(DataError, match="cannot be read"):
        damaged.wage("53-7065", damaged.resolve("OH"))
