"""The shipped competency models and the strict loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from advisor.errors import InputError
from advisor.models import load_catalog, new_model_file

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "advisor" / "data" / "models"

EXPECTED_IDS = {
    "building-blocks",
    "advanced-manufacturing",
    "information-technology",
    "fundamentals-of-health-care",
    "retail",
    "hospitality-tourism-events",
    "transportation-distribution-logistics",
    "construction-commercial-industrial",
    "energy-generation-transmission-distribution",
    "financial-services",
    "long-term-care-supports-services",
}

# Chapter 2 of the CMC technical assistance guide (shared/seeds/002_*), names exactly.
SEED_TIERS = {
    1: ["Interpersonal Skills", "Integrity", "Professionalism", "Initiative", "Dependability & Reliability",
        "Adaptability & Flexibility", "Lifelong Learning"],
    2: ["Reading", "Writing", "Mathematics", "Science & Technology", "Communication", "Critical & Analytic Thinking",
        "Basic Computer Skills"],
    3: ["Teamwork", "Adaptability/Flexibility", "Customer Focus", "Planning & Organizing", "Creative Thinking",
        "Problem Solving & Decision Making", "Working with Tools & Technology", "Scheduling & Coordinating",
        "Checking, Examining & Recording", "Business Fundamentals", "Sustainable Practices", "Health & Safety"],
}
SEED_MANAGEMENT = ["Monitoring & Controlling Resources", "Preparing & Evaluating Budgets", "Staffing",
                   "Managing Conflict & Team Building", "Clarifying Roles & Objectives", "Monitoring Work", "Informing",
                   "Delegating", "Supporting Others", "Developing & Mentoring", "Motivating & Inspiring",
                   "Developing an Organizational Vision", "Strategic Planning/Action", "Networking", "Entrepreneurship"]
AM_TIER4 = ["Manufacturing Process Design & Development", "Production", "Maintenance, Installation & Repair",
            "Supply Chain Logistics", "Quality Assurance/Continuous Improvement", "Sustainable and Green Manufacturing",
            "Health, Safety, Security, & Environment"]


def test_all_eleven_models_load_cleanly(catalog):
    assert set(catalog.models) == EXPECTED_IDS
    assert catalog.errors == []


def test_every_competency_has_definition_and_at_least_four_behaviors(catalog):
    for model in catalog.models.values():
        assert model.competencies, model.id
        for comp in model.competencies:
            assert len(comp.definition.split()) >= 8, comp.id
            assert len(comp.behaviors) >= 4, comp.id
            assert len(set(comp.behaviors)) == len(comp.behaviors), f"repeated behavior in {comp.id}"


def test_building_blocks_names_are_exactly_the_seed_names(catalog):
    bb = catalog.get("building-blocks")
    by_tier = bb.by_tier()
    for tier, names in SEED_TIERS.items():
        assert sorted(c.name for c in by_tier[tier]) == sorted(names)
    assert sorted(c.name for c in by_tier[9]) == sorted(SEED_MANAGEMENT)
    for comp in bb.competencies:
        assert 5 <= len(comp.behaviors) <= 8


def test_advanced_manufacturing_tier4_is_the_seed_list_in_order(catalog):
    am = catalog.get("advanced-manufacturing")
    assert [c.name for c in am.by_tier()[4]] == AM_TIER4


def test_industry_models_inherit_foundation_by_reference(catalog):
    bb_ids = {c.id for c in catalog.get("building-blocks").competencies if c.tier <= 3}
    for mid in EXPECTED_IDS - {"building-blocks"}:
        model = catalog.get(mid)
        assert model.extends == "building-blocks"
        inherited = {c.id for c in model.competencies if c.model == "building-blocks"}
        assert len(inherited) >= 20, mid  # most foundational competencies come from the base
        assert inherited <= bb_ids
        assert any(c.tier >= 4 for c in model.competencies), mid
        # the shared text is written once: the industry file itself has no copy of it
        raw = yaml.safe_load((SHIPPED / f"{mid}.yaml").read_text())
        assert all(int(c["tier"]) >= 4 or "replaces" in c for c in raw["competencies"]), mid


def test_override_replaces_the_inherited_competency(catalog):
    retail = catalog.get("retail")
    names = {c.number: c.name for c in retail.competencies}
    assert names["1.4"] == "Motivation"
    assert "Initiative" not in {c.name for c in retail.competencies}
    assert retail.by_tier()[1][3].id == "retail:1.4"


def test_tier_numbers_are_consistent(catalog):
    for model in catalog.models.values():
        tiers = {t.number for t in model.tiers}
        for comp in model.competencies:
            assert comp.tier in tiers
            assert comp.number.split(".")[0] == str(comp.tier)


# ----------------------------------------------------------------- validation of broken files


def _write(dir_: Path, name: str, doc) -> Path:
    path = dir_ / f"{name}.yaml"
    path.write_text(doc if isinstance(doc, str) else yaml.safe_dump(doc, sort_keys=False))
    return path


def _good_model(model_id="mini"):
    return {
        "id": model_id,
        "name": "Mini",
        "version": "test",
        "sources": ["local"],
        "extends": "building-blocks",
        "tiers": [{"number": 1, "name": "P"}, {"number": 2, "name": "A"}, {"number": 3, "name": "W"}, {"number": 4, "name": "I"}],
        "competencies": [
            {
                "number": "4.1",
                "name": "Widget Work",
                "tier": 4,
                "definition": "Builds widgets to order on the shop floor.",
                "behaviors": ["Cuts widget blanks", "Files the edges", "Checks sizes with calipers", "Packs finished widgets"],
                "provenance": "drafted",
            }
        ],
    }


def _load_with(tmp_path: Path, doc, name="mini"):
    user = tmp_path / "user-models"
    user.mkdir()
    _write(user, name, doc)
    return load_catalog([(SHIPPED, "shipped"), (user, "user")])


def test_a_good_user_model_loads_after_the_shipped_ones(tmp_path):
    cat = _load_with(tmp_path, _good_model())
    assert cat.errors == []
    mini = cat.get("mini")
    assert mini.origin == "user"
    assert "mini:4.1" in {c.id for c in mini.competencies}
    assert len(cat.models) == 12


@pytest.mark.parametrize(
    "mutate, expect",
    [
        (lambda d: d.update(colour="red"), ["unknown key", "'colour'", "model 'mini'"]),
        (lambda d: d["competencies"][0].pop("definition"), ["missing or empty", "'definition'", "competency 4.1"]),
        (lambda d: d["competencies"][0].update(behaviors=[]), ["'behaviors'", "competency 4.1"]),
        (lambda d: d["competencies"][0].update(behaviors=["one", "two"]), ["2 behavior(s)", "at least 4", "competency 4.1 'Widget Work'"]),
        (lambda d: d["competencies"][0].update(tier=7), ["tier 7", "not one of the model's tiers", "4.1 'Widget Work'"]),
        (lambda d: d["competencies"].append(dict(d["competencies"][0], name="Second")), ["number 4.1 is used twice", "'Widget Work'", "'Second'"]),
        (lambda d: d["competencies"][0].update(number="1.1", tier=1), ["number 1.1 is used twice", "use 'replaces'"]),
        (lambda d: d["competencies"][0].update(provenance="guess"), ["provenance 'guess'"]),
        (lambda d: d.update(extends="no-such-model"), ["extends 'no-such-model'", "missing"]),
        (lambda d: d["competencies"][0].update(replaces="8.8"), ["replaces 8.8"]),
    ],
)
def test_broken_files_are_reported_with_file_model_and_competency(tmp_path, mutate, expect):
    doc = _good_model()
    mutate(doc)
    cat = _load_with(tmp_path, doc)
    assert "mini" not in cat.models
    assert len(cat.models) == 11, "the other models still load"
    assert len(cat.errors) == 1
    err = cat.errors[0]
    text = str(err)
    assert "mini.yaml" in text
    for fragment in expect:
        assert fragment in text
    assert err.hint  # every error says how to fix it


def test_yaml_syntax_error_names_the_line(tmp_path):
    cat = _load_with(tmp_path, "id: mini\nname: [unclosed\nversion: x\n")
    assert len(cat.errors) == 1
    assert "mini.yaml" in str(cat.errors[0]) and "line" in str(cat.errors[0])
    assert len(cat.models) == 11


def test_a_broken_shipped_file_does_not_stop_the_others(tmp_path):
    data = tmp_path / "models"
    shutil.copytree(SHIPPED, data)
    text = (data / "retail.yaml").read_text().replace("behaviors:", "behaviours:", 1)
    (data / "retail.yaml").write_text(text)
    cat = load_catalog([(data, "shipped")])
    assert "retail" not in cat.models and len(cat.models) == 10
    assert "unknown key(s) 'behaviours'" in str(cat.errors[0])


def test_a_broken_base_fails_its_children_with_a_clear_reason(tmp_path):
    data = tmp_path / "models"
    shutil.copytree(SHIPPED, data)
    (data / "building-blocks.yaml").write_text("id: building-blocks\n")
    cat = load_catalog([(data, "shipped")])
    assert cat.models == {}
    assert any("extends 'building-blocks'" in str(e) for e in cat.errors)


def test_new_model_file_starts_a_loadable_model(tmp_path, catalog):
    path = new_model_file("regional-logistics", catalog.get("building-blocks"), tmp_path)
    cat = load_catalog([(SHIPPED, "shipped"), (tmp_path, "user")])
    assert cat.errors == []
    model = cat.get("regional-logistics")
    assert model.extends == "building-blocks"
    assert len(model.competencies) == len([c for c in catalog.get("building-blocks").competencies if c.tier <= 3]) + 1
    with pytest.raises(InputError):
        new_model_file("regional-logistics", catalog.get("building-blocks"), tmp_path)
    assert path.read_text().startswith("# Your own competency model")


def test_unknown_model_error_lists_known_ids(catalog):
    with pytest.raises(Exception) as info:
        catalog.get("nope")
    assert "retail" in info.value.hint
