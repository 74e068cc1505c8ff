"""Matching with the real embedding model: results, evidence, statuses, the cache, the JSON contract."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.model

from advisor.cli import main
from advisor.errors import InputError
from advisor.guidance.matching import DEMONSTRATED, POSSIBLE, competency_entries
from advisor.index.engine import Engine
from advisor.index.vectors import Entry


def top_names(result, n=3):
    return [m.competency.name for m in result.matches[:n]]


def test_plain_words_land_on_the_right_competencies(matcher):
    r = matcher.match("drove a forklift and loaded trucks at the dock, counted inventory every week")
    ids = {m.competency.id for m in r.matches}
    assert "transportation-distribution-logistics:4.2" in ids  # material handling and equipment
    assert "building-blocks:3.8" in ids  # checking, examining & recording


def test_restricting_to_one_model(matcher):
    r = matcher.match("ran a CNC lathe and inspected parts with calipers", model_ids=["advanced-manufacturing"])
    assert r.models == ["advanced-manufacturing"]
    assert all(m.model == "advanced-manufacturing" for m in r.matches)
    assert r.matches[0].competency.name in {"Production", "Quality Assurance/Continuous Improvement"}
    allowed = {c.id for c in matcher.catalog.get("advanced-manufacturing").competencies}
    assert {m.competency.id for m in r.matches} <= allowed


def test_several_models(matcher):
    r = matcher.match("took vital signs and charted them, rang up customers", model_ids=["fundamentals-of-health-care", "retail"])
    models = {m.competency.model for m in r.matches}
    assert models <= {"fundamentals-of-health-care", "retail", "building-blocks"}
    assert any(m.competency.model == "fundamentals-of-health-care" for m in r.matches)


def test_evidence_names_the_phrase_and_the_matched_text(matcher):
    text = "cashier 4 years, handled returns, good with Excel"
    r = matcher.match(text)
    assert r.matches
    for m in r.matches:
        assert m.evidence
        top = m.evidence[0]
        assert text[top.start : top.end] == top.phrase
        comp = m.competency
        assert top.matched_text in (comp.name, comp.definition, *comp.behaviors)
        assert -1.0 <= top.score <= 1.0
    excel = next(m for m in r.matches if m.competency.id == "building-blocks:2.7")
    assert "Excel" in excel.evidence[0].phrase


def test_status_follows_the_calibrated_thresholds(matcher):
    r = matcher.match("trained the new cashiers and checked in on how they were doing; filed papers")
    assert r.matches
    for m in r.matches:
        assert m.score >= POSSIBLE
        assert m.status == ("demonstrated" if m.score >= DEMONSTRATED else "possible")
    scores = [m.score for m in r.matches]
    assert scores == sorted(scores, reverse=True)


def test_nonsense_matches_nothing_clearly(matcher):
    r = matcher.match("zxqv blorf")
    assert all(m.status != "demonstrated" for m in r.matches)


def test_top_k_limits_results(matcher):
    r = matcher.match("cashier, stocker, forklift driver, cook, nurse aide, bookkeeper, welder", top=3)
    assert len(r.matches) == 3


def test_bad_input_is_refused(matcher):
    with pytest.raises(InputError):
        matcher.match("   ")
    with pytest.raises(InputError):
        matcher.match("... ,,, !!!")


def test_unchanged_text_is_never_embedded_twice(tmp_path, catalog):
    class CountingEmbedder:
        name = "all-MiniLM-L6-v2"
        dimension = 384

        def __init__(self, real):
            self.real, self.calls = real, []

        def encode(self, texts, **kw):
            self.calls.append(list(texts))
            return self.real.encode(texts)

    from advisor.index.embedder import default_embedder

    counting = CountingEmbedder(default_embedder())
    comps = catalog.get("retail").competencies[:5]
    entries = competency_entries(comps)
    eng = Engine(tmp_path / "ix", embedder=counting)
    first = eng.ensure("models", entries)
    assert first.built and first.embedded == len({e.text for e in entries})
    # a second engine on the same folder loads the FAISS cache: no embedding at all
    eng2 = Engine(tmp_path / "ix", embedder=counting)
    counting.calls.clear()
    again = eng2.ensure("models", entries)
    assert not again.built and counting.calls == []
    # change one behavior: only that text is embedded, the FAISS cache is rebuilt
    changed = entries[:-1] + [Entry(entries[-1].item, "behavior", "Stacks freshly delivered pallets of soda")]
    rebuilt = eng2.ensure("models", changed)
    assert rebuilt.built and rebuilt.embedded == 1
    assert counting.calls == [["Stacks freshly delivered pallets of soda"]]


def test_a_damaged_faiss_cache_is_rebuilt(tmp_path, catalog):
    entries = competency_entries(catalog.get("retail").competencies[:3])
    eng = Engine(tmp_path / "ix")
    eng.ensure("models", entries)
    (tmp_path / "ix" / "models.faiss").write_bytes(b"not a faiss file")
    again = Engine(tmp_path / "ix").ensure("models", entries)
    assert again.built and again.embedded == 0 and len(again) == len(entries)


def test_a_newer_index_database_is_a_clear_error(tmp_path):
    from advisor.errors import IndexError_
    from advisor.index.vectors import VectorStore

    store = VectorStore(tmp_path / "index.db")
    store.db["_sqlite_migrations"].insert({"migration_set": "advisor.index", "name": "m999_future", "applied_at": "2099-01-01"})
    store.close()
    with pytest.raises(IndexError_) as info:
        VectorStore(tmp_path / "index.db")
    assert "newer version" in str(info.value)


def test_a_corrupt_index_database_is_a_clear_error(tmp_path):
    from advisor.errors import IndexError_
    from advisor.index.vectors import VectorStore

    (tmp_path / "index.db").write_bytes(b"garbage" * 100)
    with pytest.raises(IndexError_) as info:
        VectorStore(tmp_path / "index.db")
    assert "delete the index folder" in info.value.hint


# ----------------------------------------------------------------- the CLI contract


def test_match_json_contract(capsys, matcher):
    code = main(["match", "drove a forklift, handled returns", "--model", "retail", "--model", "transportation-distribution-logistics", "--top", "4", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"text", "models", "phrases", "competencies"}
    assert data["text"] == "drove a forklift, handled returns"
    assert data["models"] == ["retail", "transportation-distribution-logistics"]
    assert data["phrases"] == [{"text": "drove a forklift", "start": 0, "end": 16}, {"text": "handled returns", "start": 18, "end": 33}]
    assert 1 <= len(data["competencies"]) <= 4
    for c in data["competencies"]:
        assert {"id", "model", "number", "name", "tier", "score", "status", "evidence"} <= set(c)
        assert c["status"] in {"demonstrated", "possible"}
        assert c["model"] in data["models"]
        for ev in c["evidence"]:
            assert {"phrase", "matched_text", "score"} <= set(ev)


def test_match_jsonl_keeps_input_order(capsys, tmp_path, matcher):
    f = tmp_path / "profiles.txt"
    f.write_text("took vital signs\n\n   \nclosed out the register\nwelded steel frames\n")
    code = main(["match", "--input", str(f), "--jsonl", "--top", "2"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    assert [json.loads(l)["text"] for l in lines] == ["took vital signs", "closed out the register", "welded steel frames"]


def test_match_table_output(capsys, matcher):
    code = main(["match", "closed out the register and counted the cash drawer"])
    out = capsys.readouterr().out
    assert code == 0
    assert "STATUS" in out and "EVIDENCE" in out and "Phrases:" in out


def test_match_unknown_model_exit_2(capsys):
    code = main(["match", "cashier", "--model", "nope"])
    assert code == 2
    assert "unknown model 'nope'" in capsys.readouterr().err
