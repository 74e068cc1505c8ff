"""Property-based fuzzing: random text, bytes and shapes never crash the readers; only the
project's own errors (with a message) may come out."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.errors import AdvisorError

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.sampled_from(
    ["", " ", "\x00", "\u202e", "[bold]x[/]", "CDL-A, GED; 4 yrs", "\n\n-\t•", "a" * 500]
)


@FUZZ
@given(TEXT)
def test_phrase_offsets_always_point_into_the_text(text):
    from advisor.guidance.phrases import split_phrases

    for p in split_phrases(text):
        assert 0 <= p.start <= p.end <= len(text)
        assert text[p.start : p.end].strip()


@FUZZ
@given(TEXT)
def test_validate_text_accepts_or_refuses_with_an_input_error(text):
    from advisor.errors import InputError
    from advisor.guidance.matching import validate_text

    try:
        validate_text(text)
    except InputError as err:
        assert err.message


@pytest.fixture(scope="module")
def lexicon():
    from advisor.guidance.ladders import load_ladders
    from advisor.guidance.lexicon import load_lexicon
    from advisor.models import load_catalog

    catalog = load_catalog()
    return load_lexicon(catalog, load_ladders(catalog))


@FUZZ
@given(TEXT)
def test_facts_never_crash_and_point_at_their_words(lexicon, text):
    from advisor.guidance.facts import read_facts

    facts = read_facts(text, lexicon)
    for f in [*facts.credentials, *facts.titles, *facts.goals, *facts.lacks]:
        assert 0 <= f.start < f.end <= len(text)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
SETTING_KEYS = st.sampled_from(["area", "kiosk_folder", "kiosk_idle_seconds", "kiosk_countdown_seconds", "theme", "advisor_name", "x"])


@FUZZ
@given(st.dictionaries(SETTING_KEYS, JSONISH, max_size=4) | JSONISH)
def test_any_settings_file_loads_or_gives_a_data_error(tmp_path_factory, raw):
    from advisor.config import load_settings

    path = tmp_path_factory.mktemp("settings") / "settings.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    try:
        load_settings(path)
    except AdvisorError as err:
        assert err.message


MODEL_KEYS = st.sampled_from(["id", "name", "version", "sources", "tiers", "competencies", "extends", "exclude", "inherit_tiers", 5])


@FUZZ
@given(st.dictionaries(MODEL_KEYS, JSONISH, max_size=6))
def test_any_user_model_file_loads_or_is_reported(tmp_path_factory, raw):
    import yaml

    from advisor.models import load_catalog

    folder = tmp_path_factory.mktemp("models")
    (folder / "mine.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    shipped = load_catalog.__globals__["model_dirs"]()[0]
    catalog = load_catalog([shipped, (folder, "user")])
    assert "building-blocks" in catalog.models  # one bad user file never takes the shipped ones down
    for err in catalog.errors:
        assert isinstance(err, AdvisorError) and err.message


@FUZZ
@given(st.binary(max_size=600))
def test_any_etpl_bytes_import_or_give_a_clear_error(tmp_path_factory, data):
    from advisor.guidance.training import read_etpl

    path = tmp_path_factory.mktemp("etpl") / "x.csv"
    path.write_bytes(b"provider,program,cost\n" + data)
    try:
        read_etpl(path)
    except AdvisorError as err:
        assert err.message
