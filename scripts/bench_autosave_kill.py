"""How much typing survives a ``kill -9``, a SIGTERM or a SIGHUP: a benchmark, not a test.

Starts the real app (``python -m advisor tui``) in a detached tmux window with its own
``ADVISOR_HOME``, types one numbered word every ``--every`` seconds into the words box, stops the
process ``--after`` seconds after the first key, then reads the sessions database and prints how
many of the typed words were saved. With ``--signal TERM`` / ``HUP`` / ``CTRL-Q`` (the quit key) it also prints how long the
process took to go away. Needs tmux. Example::

    .venv/bin/python scripts/bench_autosave_kill.py --runs 10 --after 2.5 --signal KILL
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def pane_text(target: str) -> str:
    return tmux("capture-pane", "-p", "-t", target)


def app_pid(session: str) -> int:
    shell = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
    # the pane runs python directly (exec), so the pane's process is the app
    return shell


def saved_words(db: Path) -> list[str]:
    if not db.exists():
        return []
    conn = sqlite3.connect(str(db))
    try:
        rows = conn.execute("SELECT text FROM sessions ORDER BY id").fetchall()
    except sqlite3.Error:
        return []
    finally:
        conn.close()
    return " ".join(r[0] for r in rows).split()


def one_run(n: int, args, index: Path | None) -> tuple[int, int, float | None]:
    home = Path(tempfile.mkdtemp(prefix="advisor-bench-kill-"))
    if index is not None:
        (home / "index").symlink_to(index)
    session = f"advbench{os.getpid()}_{n}"
    env = f"ADVISOR_HOME={home} HF_HUB_OFFLINE=1"
    cmd = f"exec env {env} {sys.executable} -m advisor tui"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", str(ROOT), cmd)
    try:
        deadline = time.monotonic() + args.start_timeout
        while time.monotonic() < deadline:
            if "Ready" in pane_text(session) or (not args.wait_ready and "Words" in pane_text(session)):
                break
            time.sleep(0.2)
        pid = app_pid(session)
        typed: list[str] = []
        start = time.monotonic()
        i = 0
        while time.monotonic() - start < args.after:
            word = f"w{i:03d}"
            tmux("send-keys", "-t", session, "-l", word + " ")
            typed.append(word)
            i += 1
            time.sleep(args.every)
        sent = time.monotonic()
        if args.signal == "CTRL-Q":
            tmux("send-keys", "-t", session, "C-q")
        else:
            os.kill(pid, getattr(signal, "SIG" + args.signal))
        gone = None
        while time.monotonic() - sent < 10:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                gone = time.monotonic() - sent
                break
            # a zombie still answers kill(0); tmux reaps it when the pane dies
            try:
                if "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]:
                    gone = time.monotonic() - sent
                    break
            except OSError:
                gone = time.monotonic() - sent
                break
            time.sleep(0.02)
        time.sleep(0.3)
        words = saved_words(home / "sessions.db")
        kept = sum(1 for w in typed if w in words)
        return len(typed), kept, gone
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--after", type=float, default=2.5, help="seconds of typing before the signal")
    p.add_argument("--every", type=float, default=0.3, help="seconds between words")
    p.add_argument("--signal", default="KILL", choices=["KILL", "TERM", "HUP", "INT", "CTRL-Q"])
    p.add_argument("--index", default=None, help="an existing index folder to reuse (symlinked)")
    p.add_argument("--wait-ready", action="store_true", help="start typing only once the model is ready")
    p.add_argument("--start-timeout", type=float, default=60.0)
    args = p.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    index = Path(args.index).expanduser() if args.index else None
    total_typed = total_kept = 0
    for n in range(args.runs):
        typed, kept, gone = one_run(n, args, index)
        total_typed += typed
        total_kept += kept
        lost = typed - kept
        print(f"run {n + 1}: typed {typed} words, saved {kept}, lost {lost} (~{lost * args.every:.1f} s of typing)"
              + (f", process gone after {gone:.2f} s" if gone is not None else ", process still running after 10 s"))
    print(f"total: typed {total_typed}, saved {total_kept}, lost {total_typed - total_kept}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
