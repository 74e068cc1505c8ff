"""The index on a read-only or full disk (issue 10, point 10): a read-only folder still serves an
index that is up to date; a full disk or a read-only one is never told to delete the index."""

from __future__ import annotations

import sqlite3

import pytest

import advisor.index.vectors as vectors
from advisor.errors import IndexError_
from advisor.index.engine import Engine
from advisor.index.vectors import Entry, VectorStore

ENTRIES = [Entry(f"c{i}", "name", t) for i, t in enumerate(["operate a forklift", "run a cash register", "stock shelves"])]


@pytest.fixture
def built(tmp_path, fake_embedder):
    directory = tmp_path / "index"
    eng = Engine(directory, embedder=fake_embedder)
    eng.ensure("disk", ENTRIES)
    eng.close()
    return directory


def _refuse_writes(monkeypatch, message: str) -> None:
    def refuse(db):
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(vectors, "migrate", refuse)


def test_a_read_only_index_that_is_up_to_date_is_read(built, fake_embedder, monkeypatch):
    _refuse_writes(monkeypatch, "attempt to write a readonly database")
    store = VectorStore(built / "index.db")
    assert store.read_only and store.collection_info("disk")["count"] == 3
    assert store.lexical("disk", "forklift")  # searching needs no write
    store.close()
    eng = Engine(built, embedder=fake_embedder)
    coll = eng.ensure("disk", ENTRIES)
    assert not coll.built  # served from what is on disk, nothing written
    eng.close()


def test_a_read_only_folder_never_says_delete_the_index(tmp_path, monkeypatch):
    _refuse_writes(monkeypatch, "attempt to write a readonly database")
    (tmp_path / "index.db").write_bytes(b"")  # an index that was never built: nothing to read
    with pytest.raises(IndexError_) as err:
        VectorStore(tmp_path / "index.db")
    assert "delete" not in (err.value.hint or "") and "ADVISOR_HOME" in (err.value.hint or "")


def test_a_full_disk_keeps_the_index(built, fake_embedder, monkeypatch):
    store = VectorStore(built / "index.db")

    import sqlite_utils.db

    def full(self, *args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", full)
    with pytest.raises(IndexError_) as err:
        store.embed_texts(["a brand new text"], fake_embedder)
    assert "disk is full" in err.value.message and "free some disk space" in err.value.hint
    assert "delete" not in err.value.hint
    store.close()
