"""Schemas as sqlite_utils migration sets: applied once, recorded by sqlite_utils, newer files
refused, files from the old hand-written runner carried over; and the local programs store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from advisor.db import sessions as sessions_db
from advisor.db.programs import ProgramStore
from advisor.db.sessions import SCHEMA_VERSION, SessionStore
from advisor.errors import StoreError

PROGRAM = {
    "provider": "Tri-County College", "program": "Forklift Operator", "credential": "OSHA card", "length": "2 weeks",
    "cost": "$450", "location": "Dayton", "description": "Sit-down and reach trucks", "cost_usd": 450.0,
    "links": ["wh-forklift", "wh-safety"],
}


def _recorded(path: Path, migration_set: str) -> list[tuple[str, str]]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute(
            "select name, applied_at from _sqlite_migrations where migration_set = ? order by id", [migration_set]
        ).fetchall()
    finally:
        raw.close()


def _tables(path: Path) -> set[str]:
    raw = sqlite3.connect(path)
    try:
        return {r[0] for r in raw.execute("select name from sqlite_master where type = 'table'")}
    finally:
        raw.close()


def _user_version(path: Path) -> int:
    raw = sqlite3.connect(path)
    try:
        return raw.execute("pragma user_version").fetchone()[0]
    finally:
        raw.close()


# --------------------------------------------------------------------------- sessions


def test_session_migrations_are_applied_once_and_recorded_by_sqlite_utils(tmp_path, monkeypatch):
    path = tmp_path / "sessions.db"
    calls = []
    real = sessions_db.migrations._migrations[0].fn
    monkeypatch.setattr(sessions_db.migrations._migrations[0], "fn", lambda db: (calls.append(1), real(db)))
    with SessionStore(path) as store:
        store.create(name="A")
        assert sessions_db.migrations.pending(store.db) == []
        assert [m.name for m in sessions_db.migrations.applied(store.db)] == ["m001_sessions", "m002_version"]
    first = _recorded(path, "advisor.sessions")
    for _ in range(2):
        SessionStore(path).close()
    assert calls == [1], "the migration ran once, on the first open"
    assert _recorded(path, "advisor.sessions") == first and [n for n, _ in first] == ["m001_sessions", "m002_version"]
    assert "_migrations" not in _tables(path), "only sqlite_utils keeps the books"
    assert _user_version(path) == SCHEMA_VERSION == 2


def _old_format_sessions_db(path: Path, names: list[str]) -> None:
    """A sessions.db as the hand-written runner left it: the schema, a ``_migrations`` table, a row."""
    db = sqlite_utils.Database(path)
    sessions_db.m001_sessions(db)
    db["_migrations"].create({"name": str, "applied": str}, pk="name")
    for name in names:
        db["_migrations"].insert({"name": name, "applied": "2025-01-01T00:00:00+00:00"})
    db.execute(
        "insert into sessions (name, text, confirmed, created, updated) values (?, ?, ?, ?, ?)",
        ["Old Timer", "I drove a forklift", '["wh-1"]', "2025-01-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00"],
    )
    db.execute("pragma user_version = 1")
    db.conn.commit()
    db.conn.close()


def test_an_old_format_sessions_db_opens_and_is_carried_over(tmp_path):
    path = tmp_path / "sessions.db"
    _old_format_sessions_db(path, ["m001_sessions"])
    with SessionStore(path) as store:
        [old] = store.list()
        assert (old.name, old.text, old.confirmed, old.version) == ("Old Timer", "I drove a forklift", ["wh-1"], 0)
        assert [s.id for s in store.list("forklift")] == [old.id], "its search index still works"
        new = store.create(name="New", text="cashier")
        assert new.id > old.id
        store.autosave(old.id, expected_version=0, notes="edited after the upgrade")
        assert store.get(old.id).version == 1
    assert [n for n, _ in _recorded(path, "advisor.sessions")] == ["m001_sessions", "m002_version"]
    assert "_migrations" not in _tables(path)
    with SessionStore(path) as again:
        assert len(again.list()) == 2


def test_an_old_format_db_with_an_unknown_migration_is_refused_untouched(tmp_path):
    path = tmp_path / "sessions.db"
    _old_format_sessions_db(path, ["m001_sessions", "m002_from_a_newer_advisor"])
    with pytest.raises(StoreError) as info:
        SessionStore(path)
    assert "newer version" in info.value.message and "m002_from_a_newer_advisor" in info.value.message
    assert "upgrade" in info.value.hint
    assert "_sqlite_migrations" not in _tables(path), "nothing was carried over or applied"
    raw = sqlite3.connect(path)
    assert raw.execute("select count(*) from _migrations").fetchone()[0] == 2
    assert raw.execute("select name from sessions").fetchall() == [("Old Timer",)]
    raw.close()


def test_a_newer_sessions_schema_is_refused_with_store_error(tmp_path):
    path = tmp_path / "sessions.db"
    SessionStore(path).close()
    db = sqlite_utils.Database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "advisor.sessions", "name": "m002_sessions_tags", "applied_at": "2030-01-01"}
    )
    db.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    db.conn.commit()
    db.conn.close()
    with pytest.raises(StoreError) as info:
        SessionStore(path)
    assert info.value.title == "Saved sessions problem"
    assert "newer version of advisor" in info.value.message and str(path) in info.value.message
    assert "upgrade advisor" in info.value.hint


def test_another_migration_set_in_the_same_file_is_not_ours_to_judge(tmp_path):
    path = tmp_path / "sessions.db"
    SessionStore(path).close()
    db = sqlite_utils.Database(path)
    db["_sqlite_migrations"].insert({"migration_set": "someone.else", "name": "m042_x", "applied_at": "x"})
    db.conn.commit()
    db.conn.close()
    SessionStore(path).close()


# --------------------------------------------------------------------------- programs


def test_programs_db_gets_its_schema_from_migrations(tmp_path):
    path = tmp_path / "programs.db"
    with ProgramStore(path) as store:
        columns = set(store.db["programs"].columns_dict)
        assert {"provider", "program", "cost_usd", "links", "imported", "source", "cip"} <= columns
        assert store.programs() == []
    assert [n for n, _ in _recorded(path, "advisor.programs")] == ["m001_programs", "m002_cip"]
    assert _recorded(path, "advisor.sessions") == []
    ProgramStore(path).close()
    assert len(_recorded(path, "advisor.programs")) == 2
    assert _user_version(path) == ProgramStore.schema_version() == 2


def test_programs_round_trip_and_replace(tmp_path):
    path = tmp_path / "programs.db"
    with ProgramStore(path) as store:
        store.replace_all([PROGRAM, {**PROGRAM, "program": "Warehouse Basics", "links": []}], "first.csv")
        assert [p["program"] for p in store.programs()] == ["Forklift Operator", "Warehouse Basics"]
        store.replace_all([PROGRAM], "second.csv")
    with ProgramStore(path) as store:
        [row] = store.programs()
    assert row["links"] == ["wh-forklift", "wh-safety"] and row["cost_usd"] == 450.0
    assert row["source"] == "second.csv" and row["location"] == "Dayton"


def test_a_programs_db_from_before_migrations_keeps_its_rows(tmp_path):
    path = tmp_path / "programs.db"
    db = sqlite_utils.Database(path)
    db["programs"].create(
        {"id": int, "provider": str, "program": str, "credential": str, "length": str, "cost": str, "cost_usd": float,
         "location": str, "description": str, "links": str, "imported": float, "source": str},
        pk="id",
    )
    db["programs"].insert({"provider": "P", "program": "Old Program", "links": '["a"]', "imported": 1.0, "source": "x"})
    db.conn.close()
    with ProgramStore(path) as store:
        [row] = store.programs()
    assert (row["program"], row["links"], row["cip"]) == ("Old Program", ["a"], None)  # the CIP column is added
    assert [n for n, _ in _recorded(path, "advisor.programs")] == ["m001_programs", "m002_cip"]


def test_a_newer_or_damaged_programs_db_gives_store_error(tmp_path):
    newer = tmp_path / "newer.db"
    ProgramStore(newer).close()
    raw = sqlite3.connect(newer)
    raw.execute("pragma user_version = 7")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError) as info:
        ProgramStore(newer)
    assert info.value.title == "Local programs problem"
    assert "local programs database" in info.value.message and "newer version" in info.value.message

    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not sqlite at all\n" * 100)
    with pytest.raises(StoreError) as info:
        ProgramStore(garbage)
    assert "import the programs again" in info.value.hint

    bad_links = tmp_path / "links.db"
    with ProgramStore(bad_links) as store:
        store.replace_all([PROGRAM], "x.csv")
        store.conn.execute("update programs set links = '{broken'")
        with pytest.raises(StoreError, match="damaged links"):
            store.programs()


def test_advisor_import_programs_writes_programs_db_and_uses_them(user_home):
    from advisor.guidance.service import Advisor

    sample = Path(__file__).resolve().parent.parent / "advisor" / "data" / "samples" / "etpl-sample.csv"
    adv = Advisor.load()
    assert not any(r.local for r in adv.resources) and not (user_home / "programs.db").exists()
    report = adv.import_programs(sample)
    assert report.imported > 0 and (user_home / "programs.db").exists()
    local = [r for r in adv.resources if r.local]
    assert len(local) == report.imported and all(r.id.startswith("local-") for r in local)
    again = Advisor.load()
    assert [(r.id, r.name, r.builds) for r in again.resources if r.local] == [(r.id, r.name, r.builds) for r in local]
    assert len(again.resources) == len(adv.resources)
