"""Two windows on one sessions.db: a write based on an old version is refused (nothing of the other
window's is overwritten), the autosaver keeps this window's words as a copy; and one damaged row
does not stop the list or the other sessions from opening."""

from __future__ import annotations

import sqlite3

import pytest

from advisor.db.sessions import SessionConflict, SessionStore
from advisor.errors import StoreError
from advisor.tui.autosave import Autosaver


@pytest.fixture
def two(tmp_path):
    path = tmp_path / "sessions.db"
    a, b = SessionStore(path), SessionStore(path)
    yield a, b
    a.close()
    b.close()


def test_every_edit_bumps_the_version(two):
    a, _ = two
    s = a.create(name="Ann", text="stocked shelves")
    assert s.version == 0
    a.autosave(s.id, expected_version=0, text="stocked shelves and ran the register")
    assert a.get(s.id).version == 1
    a.autosave(s.id, notes="no check asked for")  # an unchecked write still moves the version
    got = a.get(s.id)
    assert got.version == 2
    a.save(got)
    assert got.version == 3 and a.get(s.id).version == 3
    a.add_plan(s.id, "/tmp/plan.md", "md")  # recording an export merges: no version change
    assert a.get(s.id).version == 3


def test_second_writer_on_an_old_version_is_refused_and_nothing_is_overwritten(two):
    a, b = two
    s = a.create(name="Ann", text="stocked shelves")
    seen_by_b = b.get(s.id)
    a.autosave(s.id, expected_version=0, text="window A's words")
    with pytest.raises(SessionConflict) as info:
        b.autosave(s.id, expected_version=seen_by_b.version, text="window B's words")
    assert isinstance(info.value, StoreError)
    assert "another window" in info.value.message and info.value.hint
    assert "window" in info.value.message and "B's words" not in str(info.value)  # no words in messages
    assert a.get(s.id).text == "window A's words"
    seen_by_b.text = "window B's words"
    with pytest.raises(SessionConflict):
        b.save(seen_by_b)
    assert b.get(s.id).text == "window A's words"
    assert seen_by_b.text == "window B's words" and seen_by_b.version == 0, "the caller's copy is untouched"


def test_autosavers_in_two_windows_lose_nothing(two):
    a, b = two
    s = a.create(name="Ann", text="stocked shelves")
    fields = {"name": "Ann", "text": "stocked shelves"}
    win_a = Autosaver(a, s.id, fields, version=s.version)
    win_b = Autosaver(b, s.id, fields, version=s.version)

    win_a.queue({**fields, "text": "stocked shelves, A adds forklift"})
    assert win_a.flush() == s.id
    win_b.queue({**fields, "text": "stocked shelves, B adds cashier"})
    copy_id = win_b.flush()

    assert copy_id != s.id
    assert win_b.take_moved() == [(s.id, copy_id)] and win_b.take_moved() == []
    assert a.get(s.id).text == "stocked shelves, A adds forklift"
    assert a.get(copy_id).text == "stocked shelves, B adds cashier" and a.get(copy_id).name == "Ann"
    # both windows keep writing to their own row from now on
    win_a.queue({**fields, "text": "A again"})
    win_a.flush()
    win_b.queue({**fields, "text": "B again"})
    assert win_b.flush() == copy_id and win_b.take_moved() == []
    assert (a.get(s.id).text, a.get(copy_id).text) == ("A again", "B again")
    assert win_a.take_moved() == []


def _damage(path, session_id, column, raw):
    conn = sqlite3.connect(path)
    conn.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", [raw, session_id])
    conn.commit()
    conn.close()


def test_a_row_with_bad_json_does_not_break_the_list_or_the_others(tmp_path):
    path = tmp_path / "sessions.db"
    with SessionStore(path) as store:
        good = store.create(name="Bob", text="welded frames", confirmed=["mfg-1"])
        bad = store.create(name="Ann", text="babysat", confirmed=["care-1"])
        _damage(path, bad.id, "confirmed", "{not json")
        _damage(path, good.id, "notes", b"\xff\xfe not utf-8 \x80")  # a text cell that is not UTF-8

        listed = {s.id: s for s in store.list()}
        assert set(listed) == {good.id, bad.id}
        assert listed[bad.id].damaged == ("confirmed",) and listed[bad.id].confirmed == []
        assert listed[bad.id].name == "Ann", "the rest of the damaged row still shows"
        assert listed[good.id].damaged == () and listed[good.id].confirmed == ["mfg-1"]
        assert [s.id for s in store.list("welded")] == [good.id]

        assert store.get(good.id).text == "welded frames"
        with pytest.raises(StoreError) as info:
            store.get(bad.id)
        assert "damaged 'confirmed'" in info.value.message and str(bad.id) in info.value.message
        assert "delete" in info.value.hint
        assert "babysat" not in str(info.value) and "Ann" not in str(info.value)
        assert "damaged" in repr(listed[bad.id]) and "Ann" not in repr(listed[bad.id])

        store.delete(bad.id)  # the damaged one can still be removed
        assert [s.id for s in store.list()] == [good.id]


def test_a_list_of_the_wrong_shape_counts_as_damaged(tmp_path):
    path = tmp_path / "sessions.db"
    with SessionStore(path) as store:
        s = store.create(name="Cy")
        _damage(path, s.id, "plans", '["not an object"]')
        [listed] = store.list()
        assert listed.damaged == ("plans",)
        with pytest.raises(StoreError, match="damaged 'plans'"):
            store.get(s.id)
