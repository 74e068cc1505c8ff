"""The shipped ladders against the data they name: OEWS titles and national medians, the NCES CIP
2020-SOC 2018 crosswalk (read from /work/shared, never shipped), the credential lexicon and the
training catalogue; and the loader's checks of the entry block."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from advisor.errors import DataError

CROSSWALK = Path("/work/shared/crosswalk/CIP2020_SOC2018_Crosswalk.csv")
CIP_CODES = Path("/work/shared/crosswalk/CIPCode2020.csv")
#: OEWS publishes these as aggregates; the crosswalk uses their detailed codes
OEWS_GROUPS = {"31-1120": ("31-1121", "31-1122"), "53-1047": ("53-1042", "53-1043", "53-1044", "53-1049")}
DATA = Path(__file__).resolve().parent.parent / "advisor" / "data"


@pytest.fixture(scope="module")
def ladders(catalog):
    from advisor.guidance.ladders import load_ladders

    lad = load_ladders(catalog)
    assert not lad.errors, [str(e) for e in lad.errors]
    return lad


@pytest.fixture(scope="module")
def table():
    from advisor.guidance.wages import wage_table

    return wage_table()


def national(table, soc: str) -> float:
    from advisor.guidance.wages import NATIONAL

    w = table.wage(soc, table.areas[NATIONAL])
    assert w is not None and (w.annual_median or w.hourly_median), f"no national median for {soc}"
    return w.annual_median or w.hourly_median * 2080


@lru_cache(maxsize=1)
def crosswalk() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    with CROSSWALK.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["SOC2018Code"], set()).add(row["CIP2020Code"])
    return out


def test_every_soc_code_and_title_is_the_oews_one(ladders, table):
    assert len(ladders.rungs) == 80
    wrong = {r.id: (r.soc, r.soc_title, table.titles.get(r.soc)) for r in ladders.rungs.values() if table.titles.get(r.soc) != r.soc_title}
    assert not wrong


def test_store_managers_are_retail_supervisors_not_general_managers(ladders):
    assert ladders.get("retail-store-manager").soc == "41-1011"
    assert ladders.get("retail-district-manager").soc == "11-1021"


def test_every_up_move_pays_more_nationally(ladders, table):
    bad = []
    for rung in ladders.rungs.values():
        for move, to in ladders.moves_from(rung.id):
            if move.kind == "up" and not national(table, to.soc) > national(table, rung.soc):
                bad.append(f"{rung.id} -> {to.id}: {national(table, rung.soc):.0f} -> {national(table, to.soc):.0f}")
    assert not bad, "label these moves lateral or fix the SOC codes:\n" + "\n".join(bad)


def test_the_moves_issue_14_named_are_fixed(ladders):
    kinds = {(r.id, m.to): m.kind for r in ladders.rungs.values() for m in r.moves}
    assert kinds[("energy-line-installer", "energy-supervisor")] == "lateral"
    assert kinds[("hte-food-service-manager", "hte-lodging-manager")] == "lateral"
    assert ladders.get("hte-lodging-manager").level <= ladders.get("hte-food-service-manager").level
    # a shift lead still has a path to store manager, and none of its moves goes to a lower level
    lead = ladders.get("retail-supervisor")
    assert "retail-store-manager" in {m.to for m in lead.moves}
    assert all(to.level >= lead.level for _, to in ladders.moves_from(lead.id))


def test_every_rung_has_an_entry_route_with_real_ids(ladders, catalog):
    from advisor.guidance.training import load_resources

    resources = {r.id for r in load_resources(catalog)[0]}
    lexicon = yaml.safe_load((DATA / "credentials.yaml").read_text(encoding="utf-8"))["credentials"]
    credentials = {c["id"] for c in lexicon}
    for rung in ladders.rungs.values():
        entry = rung.entry
        assert entry is not None and len(entry.route.split()) >= 6, rung.id
        assert set(entry.training) <= resources, (rung.id, set(entry.training) - resources)
        for alts in entry.requires:
            assert set(alts) <= credentials, (rung.id, alts)  # every shipped requirement is a lexicon id
    # the routes issue 14 asks for
    assert ladders.get("fhc-lpn").entry.training == ("practical-nursing-program",)
    assert ("lpn",) in ladders.get("ltc-lpn").entry.requires
    assert "certified-nursing-assistant" in ladders.get("fhc-nursing-assistant").entry.training
    assert ("cdl-a",) in ladders.get("tdl-tractor-trailer-driver").entry.requires
    assert "registered-apprenticeship-electrician" in ladders.get("cci-electrician").entry.training
    assert not ladders.get("retail-cashier").entry.requires and ladders.get("retail-cashier").entry.on_the_job


@pytest.mark.skipif(not CROSSWALK.exists(), reason="the shared NCES crosswalk is not on this machine")
def test_every_cip_code_is_paired_with_the_rung_soc_in_the_crosswalk(ladders):
    pairs = crosswalk()
    valid = set()
    with CIP_CODES.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["CIPCode"].strip('="')
            if row["Action"] not in ("Moved from", "Deleted"):
                valid.add(code)
    with_cip = 0
    for rung in ladders.rungs.values():
        allowed = set().union(*(pairs.get(s, set()) for s in OEWS_GROUPS.get(rung.soc, (rung.soc,))))
        assert set(rung.entry.cip) <= allowed & valid, (rung.id, rung.soc, set(rung.entry.cip) - allowed)
        with_cip += bool(rung.entry.cip)
        if allowed - {"99.9999"}:
            # a rung goes without CIP codes only where the crosswalk offers nothing that prepares for it
            assert rung.entry.cip or rung.id == "retail-visual-merchandiser" or rung.entry.on_the_job, rung.id
    assert with_cip >= 60
    assert ladders.get("fhc-lpn").entry.cip == ("51.3901",)
    assert "51.3902" in ladders.get("ltc-nursing-assistant").entry.cip


def _ladder(tmp_path: Path, entry: str) -> Path:
    src = (DATA / "ladders" / "retail.yaml").read_text(encoding="utf-8")
    head, _, _ = src.partition("    builds_on: []\n")
    start = head.rindex("  - id: retail-cashier")
    rung = head[start:]
    rung = rung[: rung.index("    entry:")] + entry + "    builds_on: []\n    adds: [building-blocks:1.1]\n"
    path = tmp_path / "retail.yaml"
    path.write_text(src[: src.index("rungs:")] + "rungs:\n" + rung, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "entry, message",
    [
        ("    entry: {requires: []}\n", "entry.route is missing"),
        ("    entry: {route: Hired and trained, on_the_job: maybe}\n", "on_the_job must be true or false"),
        ("    entry: {route: Hired and trained, on_the_job: true, cip: [51.39]}\n", "is not like 51.3901"),
        ("    entry: {route: Hired and trained, on_the_job: true, requires: cna}\n", "entry.requires must be a list"),
        ("    entry: {route: Hired and trained, on_the_job: true, requires: [[]]}\n", "is not a name or a list of names"),
        ("    entry: {route: Hired and trained, on_the_job: true, school: x}\n", "unknown key(s) ['school']"),
        ("    entry: [a route]\n", "entry is not a mapping"),
    ],
)
def test_a_bad_entry_block_is_a_clear_data_error(catalog, tmp_path, entry, message):
    from advisor.guidance.ladders import load_ladders

    lad = load_ladders(catalog, _ladder(tmp_path, entry))
    assert not lad.rungs and len(lad.errors) == 1
    err = lad.errors[0]
    assert isinstance(err, DataError) and message in str(err) and "retail-cashier" in str(err)


def test_a_good_entry_block_loads_with_its_alternatives(catalog, tmp_path):
    from advisor.guidance.ladders import load_ladders

    entry = ('    entry:\n      route: Hired and trained\n      requires: [[high-school-diploma, hse], cna]\n'
             '      on_the_job: false\n      cip: ["51.3902", "51.3902"]\n      training: [certified-nursing-assistant]\n')
    lad = load_ladders(catalog, _ladder(tmp_path, entry))
    assert not lad.errors
    e = lad.rungs["retail-cashier"].entry
    assert e.requires == (("high-school-diploma", "hse"), ("cna",)) and e.cip == ("51.3902",) and not e.on_the_job
