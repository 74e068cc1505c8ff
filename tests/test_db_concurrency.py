"""Saved sessions shared between threads of one app, two stores and another process: every write
lands, a briefly locked file is waited for, one locked too long gives a StoreError."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from advisor.db.sessions import Session, SessionStore
from advisor.errors import StoreError

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "nested" / "sessions.db"


# --------------------------------------------------------------------------- concurrency


_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from advisor.db.sessions import SessionStore

    store = SessionStore(sys.argv[2])
    sid = int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(50):
        store.autosave(sid, confirmed=[f"proc-{k}" for k in range(i + 1)], notes=f"proc step {i}")
    for k in range(10):
        store.create(name=f"proc-new-{k}")
    store.close()
    print("done", flush=True)
    """
)


def test_two_stores_and_another_process_write_concurrently(db_path, tmp_path):
    main = SessionStore(db_path)
    ids = {who: main.create(name=who).id for who in ("a", "b", "proc")}
    main.close()

    python = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))
    child = subprocess.Popen(
        [python, "-c", _CHILD, str(ROOT), str(db_path), str(ids["proc"])],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        store_a, store_b = SessionStore(db_path), SessionStore(db_path)
        errors: list[BaseException] = []
        start = threading.Barrier(3)

        def writer(store: SessionStore, who: str) -> None:
            try:
                start.wait()
                for i in range(50):
                    store.autosave(ids[who], confirmed=[f"{who}-{k}" for k in range(i + 1)], notes=f"{who} step {i}")
                for k in range(10):
                    store.create(name=f"{who}-new-{k}")
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(s, w)) for s, w in ((store_a, "a"), (store_b, "b"))]
        for t in threads:
            t.start()
        start.wait()
        child.stdin.write("go\n")
        child.stdin.flush()
        for t in threads:
            t.join(timeout=120)
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert not errors, errors
    assert child.returncode == 0, err
    assert out.strip() == "done"

    for store in (store_a, store_b):
        for who in ("a", "b", "proc"):
            s = store.get(ids[who])
            assert s.confirmed == [f"{who}-{k}" for k in range(50)]
            assert s.notes == f"{who} step 49"
        names = {s.name for s in store.list(limit=1000)}
        for who in ("a", "b", "proc"):
            assert {f"{who}-new-{k}" for k in range(10)} <= names
        assert len(names) == 33
    store_a.close()
    store_b.close()


def test_threads_share_one_store(db_path):
    store = SessionStore(db_path)
    sessions = [store.create(name=f"t{i}") for i in range(4)]
    errors: list[BaseException] = []

    def work(s: Session) -> None:
        try:
            for i in range(25):
                store.autosave(s.id, added=[f"x{k}" for k in range(i + 1)])
                store.list("t")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s,)) for s in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    for s in sessions:
        assert store.get(s.id).added == [f"x{k}" for k in range(25)]
    store.close()


def test_a_briefly_locked_database_is_retried(db_path):
    store = SessionStore(db_path, timeout=0.05, retries=6)
    s = store.create(name="A")
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another copy of the app is writing
    threading.Timer(0.4, other.execute, ["COMMIT"]).start()
    began = time.monotonic()
    store.autosave(s.id, notes="after the other writer")
    assert time.monotonic() - began >= 0.3, "it really had to wait for the lock"
    assert store.get(s.id).notes == "after the other writer"
    other.close()
    store.close()


def test_a_database_locked_too_long_gives_store_error(db_path):
    store = SessionStore(db_path, timeout=0.05, retries=2)
    s = store.create(name="A", notes="kept")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as info:
            store.autosave(s.id, notes="blocked")
        assert "busy" in info.value.message and info.value.hint
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not store.conn.in_transaction
    store.autosave(s.id, notes="now it works")
    assert store.get(s.id).notes == "now it works"
    store.close()
