"""The TUI's plain parts: the pyramid drawing, the bracketed phrases, the ordered autosaver."""

from __future__ import annotations

import threading

from advisor.tui.autosave import Autosaver
from advisor.tui.render import DEFAULT_TIER_NAMES, PyramidEntry, highlighted, pyramid_rows, short_id, status_key
from advisor.case import Case


def test_pyramid_is_a_drawing_top_tier_narrowest():
    entries = {
        9: [PyramidEntry("bb:9.1", "Staffing", 9, "confirmed", "trained new cashiers")],
        4: [PyramidEntry("r:4.1", "Customer Service", 4, "shown", "handled returns")],
        1: [PyramidEntry("bb:1.2", "Integrity", 1, "rejected", "")],
    }
    rows = pyramid_rows(entries, DEFAULT_TIER_NAMES, 80)
    lines = [text.plain for _, text in rows]
    assert all(len(line) == 80 for line in lines)
    tier_lines = [line for cid, line in zip([c for c, _ in rows], lines) if cid is None and "Tier" in line]
    widths = [len(line.strip()) for line in tier_lines]
    assert widths == sorted(widths) and widths[0] < widths[-1]  # each tier wider than the one above
    assert "Tier 9" in tier_lines[0] and "Tier 1" in tier_lines[-1]
    assert "┴" in tier_lines[1]  # joined to the tier above
    body = "\n".join(lines)
    # status in words, not by colour alone, and the evidence phrase
    assert "✔ confirmed Staffing" in body and "“trained new" in body
    assert "✔ shown" in body and "✗ not shown Integrity" in body
    assert "nothing yet" in body  # empty tiers are drawn too
    assert [cid for cid, _ in rows if cid] == ["bb:9.1", "r:4.1", "bb:1.2"]


def test_matched_phrases_are_bracketed(advisor):
    text = "drove a forklift, handled returns"
    profile = advisor.profile(text)
    out = highlighted(text, profile).plain
    assert "[drove a forklift]" in out and "[handled returns]" in out
    assert highlighted("other words", profile).plain == "other words"  # stale profile: no marks


def test_status_words_and_short_ids():
    assert status_key("demonstrated") == "shown" and status_key("possible") == "ask"
    assert status_key(None) == "gap" and status_key("demonstrated", "rejected") == "rejected"
    assert short_id("transportation-distribution-logistics:4.2") == "TDL 4.2"
    assert short_id("retail:4.1") == "retail 4.1"


class FakeStore:
    def __init__(self):
        self.rows, self.calls, self.gate = {}, [], None

    def create(self, **fields):
        sid = len(self.rows) + 1
        self.rows[sid] = dict(fields)
        self.calls.append(("create", dict(fields)))

        class S:
            id = sid

        return S()

    def autosave(self, sid, **fields):
        if self.gate is not None:
            self.gate.wait(5)
        self.rows[sid].update(fields)
        self.calls.append(("autosave", dict(fields)))


def test_autosaver_creates_once_writes_changes_only_and_never_goes_back():
    store = FakeStore()
    saver = Autosaver(store)
    case = Case()
    saver.queue(case.fields())
    assert saver.flush() is None and store.calls == []  # nothing typed: no row
    case.text = "drove a forklift"
    saver.queue(case.fields())
    sid = saver.flush()
    assert sid == 1 and store.calls[0][0] == "create"
    case.name = "Ann"
    saver.queue(case.fields())
    saver.flush()
    assert store.calls[-1] == ("autosave", {"name": "Ann"})
    # a slow write and a newer snapshot: the newest always lands last
    store.gate = threading.Event()
    case.text = "v1"
    saver.queue(case.fields())
    t1 = threading.Thread(target=saver.flush)
    t1.start()
    case.text = "v2"
    saver.queue(case.fields())
    t2 = threading.Thread(target=saver.flush)
    t2.start()
    store.gate.set()
    t1.join(5)
    t2.join(5)
    assert store.rows[1]["text"] == "v2"


def test_importing_the_app_loads_no_model_stack():
    """The first screen must paint before the model loads: importing the app pulls in no torch."""
    import subprocess
    import sys

    probe = "import advisor.tui.app, sys; print(','.join(m for m in ('torch', 'sentence_transformers', 'faiss') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
