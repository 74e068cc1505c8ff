"""The saved index checks itself when it is opened: a damaged FAISS file (truncated, overwritten
vectors with the header kept, wrong dimension) or damaged SQLite rows (deleted entries, an emptied
search table, deleted or damaged vectors) are found, reported and rebuilt; a sound one is used as
it is. All with the fake embedder, on a small collection of its own."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest

from advisor.index.engine import Engine
from advisor.index.vectors import Entry

ENTRIES = [
    Entry(f"c{i}", "name", text)
    for i, text in enumerate(
        [
            "operate a forklift in a warehouse", "run a cash register", "stock shelves and rotate goods",
            "weld steel frames", "read blueprints", "answer customer questions", "count inventory",
            "train new cashiers", "handle returns and refunds", "keep the work area clean and safe",
        ]
    )
]
NAME = "verify"


@pytest.fixture
def built(tmp_path, fake_embedder):
    directory = tmp_path / "index"
    eng = Engine(directory, embedder=fake_embedder)
    coll = eng.ensure(NAME, ENTRIES)
    assert coll.built
    eng.close()
    return directory


def reopen(directory, fake_embedder):
    """A new engine (a new process, in effect): nothing cached in memory."""
    messages = []
    eng = Engine(directory, embedder=fake_embedder)
    return eng, messages, (lambda label, done, total: messages.append(label))


def top_item(coll, embedder, text: str) -> str:
    scores, rows = coll.search(embedder.encode([text]), 1)
    return coll.entries[int(rows[0][0])].item


def test_a_sound_index_is_checked_and_used_as_it_is(built, fake_embedder):
    eng, messages, progress = reopen(built, fake_embedder)
    assert eng.check(NAME, ENTRIES) is None and eng.is_fresh(NAME, ENTRIES)
    coll = eng.ensure(NAME, ENTRIES, progress=progress)
    assert not coll.built and messages == []
    assert top_item(coll, fake_embedder, "forklift warehouse") == "c0"
    eng.close()


def _expect_rebuilt(directory, embedder, words_in_problem: str):
    eng, messages, progress = reopen(directory, embedder)
    problem = eng.check(NAME, ENTRIES)
    assert problem is not None and words_in_problem in problem
    assert not eng.is_fresh(NAME, ENTRIES)
    coll = eng.ensure(NAME, ENTRIES, progress=progress)
    assert coll.built
    assert any("damaged" in m and words_in_problem in m for m in messages)
    assert top_item(coll, embedder, "weld steel frames") == "c3"
    assert eng.check(NAME, ENTRIES) is None, "the rebuilt index passes its checks"
    eng.close()


def test_a_truncated_faiss_file_is_rebuilt(built, fake_embedder):
    path = built / f"{NAME}.faiss"
    path.write_bytes(path.read_bytes()[:200])
    _expect_rebuilt(built, fake_embedder, "checksum")


def test_vectors_overwritten_with_the_header_kept_are_found(built, fake_embedder):
    path = built / f"{NAME}.faiss"
    raw = bytearray(path.read_bytes())
    raw[-4 * 384 * 5:] = np.zeros(384 * 5, dtype=np.float32).tobytes()  # the last five vectors zeroed
    path.write_bytes(bytes(raw))
    _expect_rebuilt(built, fake_embedder, "checksum")


def test_overwritten_vectors_are_found_even_with_a_matching_checksum(built, fake_embedder):
    """Someone rewrote the file and its checksum: the sample against SQLite still tells."""
    import faiss

    path, meta_path = built / f"{NAME}.faiss", built / f"{NAME}.meta.json"
    other = faiss.IndexFlatIP(384)
    other.add(np.roll(fake_embedder.encode([e.text for e in ENTRIES]), 1, axis=0))  # every row shifted by one
    faiss.write_index(other, str(path))
    from advisor.index.engine import file_digest

    meta = json.loads(meta_path.read_text())
    meta["sha256"] = file_digest(path)
    meta_path.write_text(json.dumps(meta))
    _expect_rebuilt(built, fake_embedder, "differ")


def test_a_faiss_file_of_the_wrong_dimension_is_rebuilt(built, fake_embedder):
    import faiss

    from advisor.index.engine import file_digest

    path, meta_path = built / f"{NAME}.faiss", built / f"{NAME}.meta.json"
    small = faiss.IndexFlatIP(16)
    small.add(np.ones((len(ENTRIES), 16), dtype=np.float32))
    faiss.write_index(small, str(path))
    meta = json.loads(meta_path.read_text())
    meta["sha256"] = file_digest(path)
    meta_path.write_text(json.dumps(meta))
    _expect_rebuilt(built, fake_embedder, "16 numbers")


def _sql(directory, statement, params=()):
    conn = sqlite3.connect(directory / "index.db")
    conn.execute(statement, params)
    conn.commit()
    conn.close()


def test_deleted_entry_rows_are_found_and_rebuilt(built, fake_embedder):
    _sql(built, "delete from entries where collection = ? and row >= 7", [NAME])
    _expect_rebuilt(built, fake_embedder, "7 of its 10 entries")


def test_an_emptied_search_table_is_found_and_rebuilt(built, fake_embedder):
    _sql(built, f"delete from fts_{NAME}")
    _expect_rebuilt(built, fake_embedder, "search table")
    eng = Engine(built, embedder=fake_embedder)
    assert eng.store.lexical(NAME, "blueprints")[0][0] == "c4", "lexical matches work again"
    eng.close()


def test_deleted_stored_vectors_are_found_and_embedded_again(built, fake_embedder):
    _sql(built, "delete from texts")
    before = fake_embedder.texts
    _expect_rebuilt(built, fake_embedder, "missing vectors")
    assert fake_embedder.texts - before >= len(ENTRIES), "the lost vectors were embedded again"


def test_a_stored_vector_of_the_wrong_length_is_embedded_again(built, fake_embedder):
    _sql(built, "update texts set vector = ?", [b"\x00" * 12])
    before = fake_embedder.texts
    _expect_rebuilt(built, fake_embedder, "missing vectors")
    assert fake_embedder.texts - before >= len(ENTRIES)


def test_an_unreadable_description_file_is_rebuilt(built, fake_embedder):
    (built / f"{NAME}.meta.json").write_text("{not json")
    _expect_rebuilt(built, fake_embedder, "description")


def test_an_older_cache_without_a_checksum_is_rebuilt_quietly(built, fake_embedder):
    meta_path = built / f"{NAME}.meta.json"
    meta = json.loads(meta_path.read_text())
    del meta["sha256"]
    meta_path.write_text(json.dumps(meta))
    eng, messages, progress = reopen(built, fake_embedder)
    assert eng.check(NAME, ENTRIES) == "missing or out of date"  # not damaged: no warning
    assert not eng.is_fresh(NAME, ENTRIES)
    before = fake_embedder.texts
    coll = eng.ensure(NAME, ENTRIES, progress=progress)
    assert coll.built and not any("damaged" in m for m in messages)
    assert fake_embedder.texts == before, "rebuilt from the vectors in SQLite, nothing embedded"
    eng.close()


def test_scoring_every_entry_gives_the_faiss_scores(built, fake_embedder):
    eng, _, _ = reopen(built, fake_embedder)
    coll = eng.ensure(NAME, ENTRIES)
    queries = fake_embedder.encode(["forklift warehouse", "cash register", "blueprints and welding"])
    scores, rows = coll.search(queries, len(ENTRIES))
    want = np.full((3, len(ENTRIES)), -1.0, dtype=np.float32)
    np.put_along_axis(want, rows, scores, axis=1)
    every = coll.all_scores(queries)  # all entries wanted: a matrix product instead of a top-k search
    assert every.shape == want.shape and every.dtype == np.float32 and every.flags.c_contiguous
    assert np.allclose(every, want, atol=1e-6)
    assert np.allclose(coll.all_scores(queries, k=10 * len(ENTRIES)), want, atol=1e-6)
    # fewer than all: only the k nearest are scored, the others get the lowest cosine
    some = coll.all_scores(queries, k=3)
    assert ((some > -1.0).sum(axis=1) == 3).all()
    assert (np.argmax(some, axis=1) == np.argmax(want, axis=1)).all()
    eng.close()
