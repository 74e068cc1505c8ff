"""The saved sessions store: round trips, search, deleting for good, damaged, newer and full files,
privacy. Threads and processes: test_db_concurrency.py; migrations and programs: test_db_schema.py."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from advisor.db.sessions import SCHEMA_VERSION, Session, SessionStore
from advisor.errors import InputError, StoreError

# A word that appears nowhere else, starting with a letter no other word in these texts starts with
# (so even the prefix-compressed full-text index stores it whole).
MARKER = "Xylophonist7Q"


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "nested" / "folder" / "sessions.db"


@pytest.fixture
def store(db_path):
    s = SessionStore(db_path)
    yield s
    s.close()


def _files_bytes(path: Path) -> bytes:
    return b"".join(
        Path(str(path) + suffix).read_bytes() for suffix in ("", "-wal", "-shm") if Path(str(path) + suffix).exists()
    )


def _simulate_full_disk(monkeypatch, store: SessionStore) -> None:
    real = store.conn.execute

    def execute(sql, *args):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")
        return real(sql, *args)

    monkeypatch.setattr(store.conn, "execute", execute)


# --------------------------------------------------------------------------- round trips


def test_create_get_save_round_trip_with_lists(store, db_path):
    assert db_path.exists(), "parent folders and the file are created"
    s = store.create(
        name="J.D.", text="I ran a cash register", confirmed=["retail-1", "retail-2"], rejected=["retail-9"],
        added=["pw-3"], target="model:retail", area="OH", notes="wants mornings",
    )
    assert isinstance(s.id, int)
    assert s.created and s.created == s.updated and s.created.endswith("+00:00")
    got = store.get(s.id)
    assert got == s
    assert got.confirmed == ["retail-1", "retail-2"] and got.rejected == ["retail-9"] and got.added == ["pw-3"]
    assert (got.name, got.text, got.target, got.area, got.notes) == (
        "J.D.", "I ran a cash register", "model:retail", "OH", "wants mornings"
    )
    assert got.plans == []

    got.confirmed.append("retail-5")
    got.notes = "prefers mornings"
    got.target = "rung:retail-cashier"
    before = got.updated
    saved = store.save(got)
    assert saved is got and saved.updated > before and saved.created == s.created
    again = store.get(s.id)
    assert again.confirmed == ["retail-1", "retail-2", "retail-5"]
    assert again.notes == "prefers mornings" and again.target == "rung:retail-cashier"
    assert again.updated == saved.updated

    # Lists are stored as JSON text in the row.
    raw = sqlite3.connect(db_path).execute("select confirmed, plans from sessions where id = ?", [s.id]).fetchone()
    assert raw == ('["retail-1", "retail-2", "retail-5"]', "[]")

    # Reopening the file gives the same session and does not re-run migrations.
    store.close()
    with SessionStore(db_path) as reopened:
        assert reopened.get(s.id) == again
        assert reopened.conn.execute(
            "select count(*) from _sqlite_migrations where migration_set = 'advisor.sessions'"
        ).fetchone()[0] == len(SessionStore.known_migrations())
        assert reopened.conn.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION


def test_defaults_and_to_row_from_row():
    s = Session()
    assert (s.id, s.name, s.text, s.area, s.confirmed, s.plans) == (None, "", "", "US", [], [])
    s2 = Session(id=4, name="A", text="t", confirmed=["x"], plans=[{"path": "/p.pdf", "format": "pdf", "created": "c"}])
    row = s2.to_row()
    assert row["confirmed"] == '["x"]' and isinstance(row["plans"], str)
    assert Session.from_row(row) == s2


def test_save_inserts_a_new_session_and_validates(store):
    s = Session(name="K", text="forklift", confirmed=["a"])
    saved = store.save(s)
    assert saved.id is not None and saved.created and saved.updated
    assert store.get(saved.id).confirmed == ["a"]
    with pytest.raises(InputError):
        store.save(Session(confirmed="not-a-list"))
    with pytest.raises(InputError):
        store.create(unknown_field=1)
    with pytest.raises(InputError):
        store.create(name=5)
    assert len(store.list()) == 1


def test_get_unknown_id_is_input_error(store):
    with pytest.raises(InputError) as info:
        store.get(12345)
    assert "12345" in info.value.message
    with pytest.raises(InputError):
        store.get("1")


def test_autosave_updates_only_given_fields_and_updated(store):
    s = store.create(name="A", text="first words", confirmed=["c1"], notes="n", target="model:retail")
    other = store.create(name="B", text="other")
    stamp = store.autosave(s.id, text="second words", rejected=["r1"])
    got = store.get(s.id)
    assert got.text == "second words" and got.rejected == ["r1"]
    assert got.updated == stamp and got.updated > s.updated
    assert (got.name, got.confirmed, got.notes, got.target, got.created) == ("A", ["c1"], "n", "model:retail", s.created)
    assert store.get(other.id) == other
    # The new text is what search finds; the old one is gone from the index.
    assert [x.id for x in store.list("second")] == [s.id]
    assert store.list("first") == []


def test_autosave_rejects_unknown_ids_and_fields(store):
    s = store.create(name="A")
    with pytest.raises(InputError):
        store.autosave(9999, notes="x")
    with pytest.raises(InputError):
        store.autosave(s.id, id=3)
    with pytest.raises(InputError):
        store.autosave(s.id, updated="2000-01-01")
    with pytest.raises(InputError):
        store.autosave(s.id, added=[1, 2])
    assert store.get(s.id) == s


def test_add_plan_appends_and_bumps_updated(store, tmp_path):
    s = store.create(name="A")
    after = store.add_plan(s.id, tmp_path / "plan.pdf", "pdf")
    after = store.add_plan(s.id, str(tmp_path / "plan.md"), "markdown")
    assert [p["format"] for p in after.plans] == ["pdf", "markdown"]
    assert after.plans[0]["path"] == str(tmp_path / "plan.pdf")
    assert all(p["created"] for p in after.plans)
    assert after.updated > s.updated
    assert store.get(s.id).plans == after.plans
    with pytest.raises(InputError):
        store.add_plan(777, "x.pdf", "pdf")


# --------------------------------------------------------------------------- listing and search


def test_list_newest_first_with_limit(store):
    a = store.create(name="first")
    b = store.create(name="second")
    c = store.create(name="third")
    assert [s.id for s in store.list()] == [c.id, b.id, a.id]
    assert [s.id for s in store.list(limit=2)] == [c.id, b.id]
    store.autosave(a.id, notes="worked on again")
    assert [s.id for s in store.list()] == [a.id, c.id, b.id]
    with pytest.raises(InputError):
        store.list(limit=0)


def test_search_name_text_notes_case_insensitive(store):
    by_name = store.create(name="Maria Lopez", text="I cooked", notes="")
    by_text = store.create(name="T.K.", text="Drove a FORKLIFT in a warehouse", notes="")
    by_note = store.create(name="R", text="cleaning", notes="Needs bus pass; José recommended")
    assert [s.id for s in store.list("maria")] == [by_name.id]
    assert [s.id for s in store.list("forklift")] == [by_text.id]
    assert [s.id for s in store.list("fork")] == [by_text.id], "words match as prefixes while typing"
    assert [s.id for s in store.list("BUS pass")] == [by_note.id]
    assert [s.id for s in store.list("jose")] == [by_note.id], "accents do not matter"
    assert store.list("forklift maria") == [], "every word must match"
    assert store.list("submarine") == []
    assert len(store.list("   ")) == 3


def test_search_with_odd_characters_falls_back_without_crashing(store):
    hit = store.create(name="Dan O'Brien", text="Used a forklift (reach truck) daily", notes="C++ course; 50% done")
    store.create(name="Someone Else", text="Cashier")
    assert [s.id for s in store.list("\"O'Brien\" (forklift)")] == [hit.id]
    assert [s.id for s in store.list("o'brien")] == [hit.id]
    assert [s.id for s in store.list("C++")] == [hit.id]
    assert [s.id for s in store.list("50%")] == [hit.id]
    for odd in ['"', "'", "(", ")", "AND", "NOT", "*", "forklift OR", "name:dan", "NEAR(", '"unbalanced', "%", "_", "-x"]:
        result = store.list(odd)
        assert isinstance(result, list)
    assert store.list("O'Malley") == []


# --------------------------------------------------------------------------- deleting for good


def test_delete_removes_row_index_entries_and_bytes(store, db_path):
    keep = store.create(name="Ana", text="I stocked shelves and ran the register " * 30, notes="punctual")
    gone = store.create(name="Dana", text=f"I operated a {MARKER} at the warehouse", notes="ok")
    store.autosave(gone.id, notes=f"asked about {MARKER} again")
    for i in range(5):
        store.autosave(gone.id, text=f"I operated a {MARKER} at the warehouse" + " more" * i)

    before = _files_bytes(db_path)
    assert MARKER.encode() in before, "the probe must see the words before deleting"
    assert MARKER.lower().encode() in before, "the full-text index holds the lower-cased word"
    assert [s.id for s in store.list(MARKER)] == [gone.id]

    store.delete(gone.id)

    with pytest.raises(InputError):
        store.get(gone.id)
    assert store.list(MARKER) == []
    assert [s.id for s in store.list()] == [keep.id]
    assert store.conn.execute("select count(*) from sessions_fts where sessions_fts match ?", [MARKER]).fetchone()[0] == 0
    after = _files_bytes(db_path)
    assert MARKER.encode() not in after
    assert MARKER.lower().encode() not in after
    wal = Path(str(db_path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    # the other session is intact and still searchable
    assert [s.id for s in store.list("register")] == [keep.id]
    with pytest.raises(InputError):
        store.delete(gone.id)


def test_deleted_id_is_never_reused(store):
    a = store.create(name="A")
    b = store.create(name="B")
    store.delete(b.id)
    c = store.create(name="C")
    assert c.id not in (a.id, b.id)
    with pytest.raises(InputError):
        store.autosave(b.id, notes="stale screen writes to a deleted session")
    assert store.get(c.id).notes == ""


# --------------------------------------------------------------------------- damaged, newer, full


def test_garbage_file_gives_store_error_with_hint(tmp_path):
    path = tmp_path / "sessions.db"
    path.write_bytes(b"this is not an sqlite database\n" * 200)
    with pytest.raises(StoreError) as info:
        SessionStore(path)
    err = info.value
    assert err.title == "Saved sessions problem"
    assert str(path) in err.message
    assert err.hint and "move the file aside" in err.hint
    assert path.read_bytes().startswith(b"this is not"), "the file is left alone"


def test_garbage_with_sqlite_header_gives_store_error(tmp_path):
    path = tmp_path / "sessions.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(StoreError) as info:
        SessionStore(path)
    assert "move the file aside" in info.value.hint


def test_damaged_pages_give_store_error(db_path):
    with SessionStore(db_path) as store:
        for i in range(40):
            store.create(name=f"n{i}", text="words " * 400)
    data = bytearray(db_path.read_bytes())
    assert len(data) > 4096 * 8
    data[4096 * 3 : 4096 * 6] = b"\xa5" * (4096 * 3)
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as info:
        SessionStore(db_path)
    assert "damaged" in info.value.message
    assert "move the file aside" in info.value.hint


def test_future_migration_means_newer_version(db_path):
    with SessionStore(db_path) as store:
        store.create(name="A", text="kept safe")
    raw = sqlite3.connect(db_path)
    raw.execute(
        "insert into _sqlite_migrations (migration_set, name, applied_at)"
        " values ('advisor.sessions', 'm999_from_the_future', 'x')"
    )
    raw.commit()
    raw.close()
    with pytest.raises(StoreError) as info:
        SessionStore(db_path)
    assert "newer version" in info.value.message and "m999_from_the_future" in info.value.message
    assert "upgrade" in info.value.hint
    raw = sqlite3.connect(db_path)
    assert raw.execute("select text from sessions").fetchall() == [("kept safe",)]
    raw.close()


def test_higher_user_version_means_newer_version(db_path):
    SessionStore(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError) as info:
        SessionStore(db_path)
    assert "newer version" in info.value.message


def test_full_disk_on_save_raises_store_error_and_keeps_data(store, monkeypatch):
    s = store.create(name="A", text="original")
    edited = store.get(s.id)
    edited.text = "typed by the advisor, not saved yet"
    edited.confirmed = ["c1"]
    snapshot = edited.copy()
    _simulate_full_disk(monkeypatch, store)

    with pytest.raises(StoreError) as info:
        store.save(edited)
    assert "disk is full" in info.value.message and "disk space" in info.value.hint
    assert edited == snapshot, "the caller's session object is untouched"
    with pytest.raises(StoreError, match="disk is full"):
        store.autosave(s.id, notes="more")
    with pytest.raises(StoreError, match="disk is full"):
        store.create(name="B")
    with pytest.raises(StoreError, match="disk is full"):
        store.save(Session(name="new one"))
    assert not store.conn.in_transaction

    monkeypatch.undo()
    assert store.get(s.id).text == "original"
    store.save(edited)
    assert store.get(s.id).text == "typed by the advisor, not saved yet"
    assert [x.name for x in store.list()] == ["A"]


def test_unwritable_folder_gives_store_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        SessionStore(blocker / "sessions.db")
    assert info.value.hint


def test_closed_store_gives_store_error(db_path):
    store = SessionStore(db_path)
    s = store.create(name="A")
    store.close()
    store.close()
    with pytest.raises(StoreError):
        store.get(s.id)
    with pytest.raises(StoreError):
        store.autosave(s.id, notes="x")


def test_default_path_is_under_advisor_home(user_home):
    with SessionStore() as store:
        assert store.path == user_home / "sessions.db"
        store.create(name="A")
    assert (user_home / "sessions.db").exists()


# --------------------------------------------------------------------------- privacy


def test_jobseeker_words_are_never_printed_or_logged(store, capsys, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    s = store.create(name=f"Name{MARKER}", text=f"I said {MARKER}", notes=f"note {MARKER}")
    store.autosave(s.id, text=f"I said {MARKER} twice")
    store.list(MARKER)
    store.list(f"'{MARKER}'")
    got = store.get(s.id)
    _simulate_full_disk(monkeypatch, store)
    with pytest.raises(StoreError) as info:
        store.save(got)
    monkeypatch.undo()
    store.delete(s.id)
    out = capsys.readouterr()
    for shown in (out.out, out.err, caplog.text, repr(got), str(got), str(info.value), repr(info.value)):
        assert MARKER not in shown
    assert MARKER in got.text, "the words are still held in memory"
