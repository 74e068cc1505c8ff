#!/usr/bin/env python
"""Benchmark: how fast matching feels, and what it costs.

With the index warm: the time to match a 5-phrase profile against all shipped models (p50 and p95
over N runs), the time to only encode the same phrases (the floor), and their ratio; the time to
encode every text the match embeds (the phrases and, batched apart, their sentence), so what a
match spends beyond encoding shows; the time to encode 300 phrases; the index load time (FAISS cache from disk, fresh process state); the index
build time (everything embedded from nothing into a temporary folder); peak RSS of this process.

In fresh processes (median of --cold-runs, each with its own peak RSS): the time from starting
Python to the first embedding (import the embedder, load the model, encode one phrase), and the
wall time of a whole ``advisor match PROFILE --json``, the command a counselor waits for.

Optional, each behind its flag (``--all`` for every one), in the same run:

- ``--tui``: the terminal app's time to "Ready" (the status line's "✔ Ready", shown once the model
  is loaded and the first match and the wage table are warm), median of --tui-runs starts of
  ``advisor`` in a 100x32 tmux pane, each with a fresh ``ADVISOR_HOME`` holding a copy of the
  existing index (so nothing is rebuilt), and the app's RSS then.
- ``--serve``: RSS of one ``advisor serve`` session: the server starts in a fresh home (a copy of
  the index), one WebSocket connects as a browser would (same-origin ``Origin``), textual-serve
  spawns the session's process, and once its screen says "Ready" the RSS (and peak RSS) of that
  process tree is summed from /proc; the server's own RSS, shared by every session, apart.
- ``--venv``: the size on disk of the virtual environment and of its site-packages, split by
  distribution into what the app needs at run time (pyproject's dependencies and theirs, without
  following the export-only ones, plus the ONNX export and its tokenizer under
  ``.venv/share/advisor``), the export/reference-only ones (pyproject's ``export`` extra: the
  weights package, torch, transformers, onnx, sentence-transformers, and what only they need), and
  the rest (dev tools, pip); a fresh process also runs a match and imports the TUI and
  the server, and every distribution it imported is checked against the runtime set.

    .venv/bin/python scripts/bench_speed.py [--runs 50] [--cold-runs 3] [--json] [--skip-build]
                                            [--tui] [--serve] [--venv] [--all] [--tui-runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROFILE = "cashier 4 years, handled returns, drove a forklift, good with Excel, trained new hires"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


FIRST_EMBEDDING = (
    "from advisor.index.embedder import default_embedder\n"
    "default_embedder().encode(['drove a forklift'])\n"
)


def cold(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall time (s) and median peak RSS (MB) of ``argv`` run afresh ``runs`` times."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    walls, rss = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - t0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv[:3])}... failed ({proc.returncode}): {err.strip()[-300:]}")
        rss.append(usage.ru_maxrss / 1024)
    return statistics.median(walls), statistics.median(rss)


def three_hundred_phrases(catalog) -> list[str]:
    import yaml

    from advisor.guidance.phrases import split_phrases

    profiles = yaml.safe_load((ROOT / "scripts" / "data" / "profiles.yaml").read_text(encoding="utf-8"))["profiles"]
    phrases = [ph.text for p in profiles for ph in split_phrases(p["text"])]
    phrases += [b for c in catalog.unique_competencies() for b in c.behaviors]
    return list(dict.fromkeys(phrases))[:300]


# --------------------------------------------------------------------------- optional figures


def fresh_home(tmp: Path) -> dict[str, str]:
    """An environment whose ADVISOR_HOME is ``tmp`` holding a copy of the existing index."""
    from advisor.config import index_dir

    src = index_dir()
    if not (src.is_dir() and any(src.iterdir())):
        raise SystemExit(f"no index at {src} to copy: run a match first")
    shutil.copytree(src, tmp / "index")
    return {**os.environ, "ADVISOR_HOME": str(tmp),
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def proc_kb(pid: int, key: str) -> int:
    """A ``/proc/PID/status`` field in kB (VmRSS, VmHWM); 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid``, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for kid in parents.get(todo.pop(), []):
            out.append(kid)
            todo.append(kid)
    return out


READY = "✔ Ready"  # advisor/tui/base_app.py READY as the status line shows it (messages.GLYPHS["ok"])
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def tui_ready(runs: int, timeout: float = 120.0) -> dict:
    """Median time from starting ``advisor`` in a tmux pane to its status line saying Ready."""
    if not shutil.which("tmux"):
        return {"error": "tmux not found"}
    sock = f"advisor-bench-{os.getpid()}"  # a server of our own: other tmux sessions untouched
    tmux = ["tmux", "-L", sock, "-f", "/dev/null"]
    times, rss = [], []
    try:
        for _ in range(runs):
            with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
                env = fresh_home(Path(tmp))
                cmd = " ".join(["env", f"ADVISOR_HOME={tmp}", f"PYTHONPATH={env['PYTHONPATH']}",
                                sys.executable, "-m", "advisor"])
                t0 = time.perf_counter()
                subprocess.run([*tmux, "new-session", "-d", "-s", "bench", "-x", "100", "-y", "32", cmd],
                               check=True, env=env)
                screen = ""
                while time.perf_counter() - t0 < timeout:
                    screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", "bench"], capture_output=True,
                                            text=True, env=env).stdout
                    if READY in screen:
                        break
                    time.sleep(0.05)
                else:
                    return {"error": f"no {READY!r} after {timeout:.0f} s; the screen: {screen.strip()[-400:]}"}
                times.append(time.perf_counter() - t0)
                pane = subprocess.run([*tmux, "display-message", "-p", "-t", "bench", "#{pane_pid}"],
                                      capture_output=True, text=True, env=env).stdout.strip()
                if pane.isdigit():
                    rss.append(sum(proc_kb(p, "VmRSS") for p in [int(pane), *descendants(int(pane))]) / 1024)
                subprocess.run([*tmux, "kill-session", "-t", "bench"], env=env)
                time.sleep(0.3)  # let the app end before the next start (and the folder goes)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    return {"tui_ready_s": round(statistics.median(times), 2), "tui_ready_s_all": [round(t, 2) for t in times],
            "tui_rss_mb": round(statistics.median(rss)) if rss else None}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _one_session(port: int, server_pid: int, timeout: float) -> dict:
    import aiohttp

    out: dict = {}
    seen = ""
    async with aiohttp.ClientSession() as client:
        t0 = time.perf_counter()
        # as a browser would: the page's own origin (the server refuses a WebSocket without one)
        async with client.ws_connect(f"ws://127.0.0.1:{port}/ws?width=100&height=32",
                                     headers={"Origin": f"http://127.0.0.1:{port}"}) as ws:
            await ws.send_json(["resize", {"width": 100, "height": 32}])
            while READY not in ANSI.sub("", seen):
                left = timeout - (time.perf_counter() - t0)
                if left <= 0:
                    out["error"] = f"no {READY!r} on the session's screen after {timeout:.0f} s"
                    break
                try:
                    msg = await asyncio.wait_for(ws.receive(), min(left, 1.0))
                except asyncio.TimeoutError:
                    continue
                if msg.type == aiohttp.WSMsgType.BINARY:
                    seen = (seen + msg.data.decode("utf-8", "replace"))[-20000:]
                elif msg.type == aiohttp.WSMsgType.TEXT:
                    seen = (seen + msg.data)[-20000:]
                elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    out["error"] = f"the server closed the session ({msg.type.name}) before Ready"
                    break
            else:
                out["serve_session_ready_s"] = round(time.perf_counter() - t0, 2)
            await asyncio.sleep(1.0)  # settle: the warm-up match has just finished
            tree = descendants(server_pid)
            out["serve_session_processes"] = len(tree)
            out["serve_session_rss_mb"] = round(sum(proc_kb(p, "VmRSS") for p in tree) / 1024)
            out["serve_session_peak_rss_mb"] = round(sum(proc_kb(p, "VmHWM") for p in tree) / 1024)
            out["serve_server_rss_mb"] = round(proc_kb(server_pid, "VmRSS") / 1024)
        # the tab closed: its process should end
        for _ in range(50):
            if not descendants(server_pid):
                break
            await asyncio.sleep(0.1)
        out["serve_session_ended_on_close"] = not descendants(server_pid)
    return out


def serve_session(timeout: float = 120.0) -> dict:
    """RSS of the process tree textual-serve spawns for one browser connection."""
    port = free_port()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        env = fresh_home(Path(tmp))
        server = subprocess.Popen([sys.executable, "-m", "advisor", "serve", "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            t0 = time.perf_counter()
            while True:
                if server.poll() is not None:
                    err = server.stderr.read().decode(errors="replace") if server.stderr else ""
                    return {"error": f"advisor serve exited ({server.returncode}): {err.strip()[-300:]}"}
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if time.perf_counter() - t0 > 30:
                        return {"error": "advisor serve did not listen within 30 s"}
                    time.sleep(0.1)
            return asyncio.run(_one_session(port, server.pid, timeout))
        finally:
            left = descendants(server.pid)
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            for pid in left:  # a session process the server did not end
                try:
                    os.kill(pid, 15)
                except OSError:
                    pass


#: export/reference only: never imported by the app (README "Dependencies, and why"); with
#: whatever else pyproject's ``export`` extra names (the weights package)
EXPORT_ONLY = ("torch", "transformers", "onnx", "sentence-transformers")

IMPORTED = r"""
import sys
before = set(sys.modules)  # what Python's start-up imported (site, .pth hooks): not the app's
import contextlib, io, json
import importlib.metadata as md
from advisor.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["match", sys.argv[2], "--json"])
import advisor.tui.app, advisor.tui.kiosk_app, advisor.tui.serve, textual_serve.server  # noqa: E401
dists = md.packages_distributions()
names = {d for m in set(sys.modules) - before for d in dists.get(m.split(".")[0], [])}
open(sys.argv[1], "w").write(json.dumps(sorted(names)))
"""


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def disk_bytes(path: Path, seen: set) -> int:
    """Bytes on disk under ``path`` (as du counts them: blocks, each inode once)."""
    total = 0
    paths = [path] if not path.is_dir() or path.is_symlink() else [path, *path.rglob("*")]
    for p in paths:
        try:
            st = p.lstat()
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        total += st.st_blocks * 512
    return total


def venv_size() -> dict:
    """The venv on disk, and its site-packages split into runtime, export-only and the rest."""
    import importlib.metadata as md
    import sysconfig
    import tomllib

    from packaging.requirements import Requirement

    venv = Path(sys.prefix)
    site = Path(sysconfig.get_paths()["purelib"])
    mb = lambda b: round(b / 2**20)  # noqa: E731

    dists = {}
    for d in md.distributions():
        if d.metadata["Name"] and Path(str(d.locate_file(""))).resolve() == site.resolve():
            dists.setdefault(_norm(d.metadata["Name"]), d)

    def requires(name: str) -> list[str]:
        out = []
        for spec in dists[name].requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                out.append(_norm(req.name))
        return out

    def closure(start: list[str], stop: tuple[str, ...] = ()) -> set[str]:
        done: set[str] = set()
        todo = [n for n in start if n not in stop]
        while todo:
            n = todo.pop()
            if n in done or n not in dists:
                continue
            done.add(n)
            todo += [r for r in requires(n) if r not in stop]
        return done

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = [_norm(Requirement(r).name) for r in project["dependencies"]]
    extra = [Requirement(r).name for r in project.get("optional-dependencies", {}).get("export", [])]
    stop = tuple(dict.fromkeys(_norm(n) for n in [*EXPORT_ONLY, *extra]))
    runtime = closure(direct, stop) | ({"advisor"} & set(dists))  # the project itself (an editable install)
    export = closure(list(stop)) - runtime
    rest = set(dists) - runtime - export

    # each distribution owns the top-level entries of site-packages its RECORD names
    owner: dict[str, str] = {}
    for name, d in sorted(dists.items()):
        for f in d.files or []:
            top = Path(str(f)).parts[0]
            if top != ".." and top not in owner:
                owner[top] = name
    sizes = dict.fromkeys(dists, 0)
    seen: set = set()
    unowned = 0
    for entry in site.iterdir():
        size = disk_bytes(entry, seen)
        if entry.name in owner:
            sizes[owner[entry.name]] += size
        else:
            unowned += size  # .pth files, caches
    share = venv / "share" / "advisor"  # the ONNX export the app loads
    # the weights inside the runtime's model package: only the export reads them (the app only
    # looks at their size, to know the export is current); the tokenizer beside them is needed
    weights = sum(disk_bytes(Path(str(dists[n].locate_file(f))), set()) for n in runtime
                  for f in dists[n].files or [] if Path(str(f)).suffix == ".safetensors")
    share_b = disk_bytes(share, set()) if share.exists() else 0

    du = lambda p: int(subprocess.run(["du", "-sk", str(p)], capture_output=True, text=True).stdout.split()[0]) * 1024  # noqa: E731
    group = lambda names: sum(sizes[n] for n in names)  # noqa: E731
    top = lambda names, k=6: {n: mb(sizes[n]) for n in sorted(names, key=lambda n: -sizes[n])[:k]}  # noqa: E731

    # what a match, the TUI and the server actually import, by distribution
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        path = Path(tmp) / "imported.json"
        subprocess.run([sys.executable, "-c", IMPORTED, str(path), PROFILE], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        imported = {_norm(n) for n in json.loads(path.read_text())} & set(dists)

    return {
        "venv_mb": mb(du(venv)),
        "site_packages_mb": mb(du(site)),
        "runtime_mb": mb(group(runtime) + share_b),
        "runtime_packages_mb": mb(group(runtime)),
        "runtime_onnx_export_mb": mb(share_b),
        "runtime_weights_file_mb": mb(weights),
        "runtime_largest_mb": top(runtime),
        "export_only_mb": mb(group(export)),
        "export_only_largest_mb": top(export),
        "other_mb": mb(group(rest) + unowned),
        "other_largest_mb": top(rest, 4),
        "runtime_distributions": len(runtime),
        "export_only_distributions": len(export),
        "imported_export_only": sorted(imported & export),
        "imported_not_in_runtime": sorted(imported - runtime),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description="Speed and memory of matching")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cold-runs", type=int, default=3, help="fresh processes for the cold figures")
    ap.add_argument("--skip-build", action="store_true", help="skip the from-nothing index build timing")
    ap.add_argument("--tui", action="store_true", help="also the TUI's time to Ready (needs tmux)")
    ap.add_argument("--tui-runs", type=int, default=3, help="TUI starts for the median")
    ap.add_argument("--serve", action="store_true", help="also the RSS of one advisor serve session")
    ap.add_argument("--venv", action="store_true", help="also the venv size, runtime vs export-only")
    ap.add_argument("--all", action="store_true", help="--tui --serve --venv")
    args = ap.parse_args()
    if args.all:
        args.tui = args.serve = args.venv = True

    # The fresh processes first, while this one is small: a child's peak RSS counts the pages it
    # shares with its parent at the fork. One unmeasured match builds the index if it is not there.
    match_argv = [sys.executable, "-m", "advisor", "match", PROFILE, "--json"]
    cold(match_argv, 1)
    cold_embed_s, cold_embed_mb = cold([sys.executable, "-c", FIRST_EMBEDDING], args.cold_runs)
    cold_match_s, cold_match_mb = cold(match_argv, args.cold_runs)
    # the app and the server too, before this process holds the index and the model
    extra: dict = {}
    if args.tui:
        extra["tui"] = tui_ready(args.tui_runs)
    if args.serve:
        extra["serve"] = serve_session()
    if args.venv:
        extra["venv"] = venv_size()

    from advisor.guidance.matching import COLLECTION, Matcher, competency_entries
    from advisor.guidance.phrases import query_units, split_phrases
    from advisor.index.embedder import default_embedder
    from advisor.index.engine import Engine
    from advisor.models import load_catalog

    t0 = time.perf_counter()
    catalog = load_catalog()
    catalog_s = time.perf_counter() - t0
    embedder = default_embedder()
    t0 = time.perf_counter()
    embedder.load()
    model_load_s = time.perf_counter() - t0

    entries = competency_entries(catalog.unique_competencies())
    build_s = None
    if not args.skip_build:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            Engine(Path(tmp), embedder).ensure(COLLECTION, entries)
            build_s = time.perf_counter() - t0

    Engine().ensure(COLLECTION, entries)  # make sure the real cache is warm on disk
    t0 = time.perf_counter()
    engine = Engine()
    coll = engine.ensure(COLLECTION, entries)
    load_s = time.perf_counter() - t0
    assert not coll.built, "index should have loaded from the FAISS cache"

    matcher = Matcher(catalog, engine)
    split = split_phrases(PROFILE)
    phrases = [p.text for p in split]
    # what a match embeds: the phrases and, batched apart, the sentences that hold several of them
    units = [u.text for u in query_units(PROFILE, split)]
    groups = [units[: len(phrases)]] + ([units[len(phrases):]] if len(units) > len(phrases) else [])
    for _ in range(5):  # warm up
        matcher.match(PROFILE)
        embedder.encode(phrases)
        embedder.encode_many(groups)
    match_ms, encode_ms, units_ms = [], [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        matcher.match(PROFILE)
        match_ms.append(1000 * (time.perf_counter() - t0))
        t0 = time.perf_counter()
        embedder.encode(phrases)
        encode_ms.append(1000 * (time.perf_counter() - t0))
        t0 = time.perf_counter()
        embedder.encode_many(groups)
        units_ms.append(1000 * (time.perf_counter() - t0))
    many = three_hundred_phrases(catalog)
    embedder.encode(many)
    many_ms = []
    for _ in range(max(3, args.runs // 10)):
        t0 = time.perf_counter()
        embedder.encode(many)
        many_ms.append(1000 * (time.perf_counter() - t0))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    out = {
        "profile_phrases": len(phrases),
        "competencies": len(coll.items),
        "indexed_texts": len(coll),
        "match_ms_p50": round(statistics.median(match_ms), 2),
        "match_ms_p95": round(pct(match_ms, 0.95), 2),
        "encode_only_ms_p50": round(statistics.median(encode_ms), 2),
        "ratio_p50": round(statistics.median(match_ms) / statistics.median(encode_ms), 2),
        "match_units": len(units),
        "encode_units_ms_p50": round(statistics.median(units_ms), 2),
        "ratio_units_p50": round(statistics.median(match_ms) / statistics.median(units_ms), 2),
        "encode_300_ms_p50": round(statistics.median(many_ms), 1),
        "encode_300_phrases": len(many),
        "cold_first_embedding_s": round(cold_embed_s, 2),
        "cold_first_embedding_rss_mb": round(cold_embed_mb),
        "cold_match_s": round(cold_match_s, 2),
        "cold_match_rss_mb": round(cold_match_mb),
        "encoder": f"{type(embedder).__module__}.{type(embedder).__name__} ({embedder.name})",
        "index_load_s": round(load_s, 3),
        "index_build_s": round(build_s, 2) if build_s is not None else None,
        "catalog_load_s": round(catalog_s, 3),
        "model_load_s": round(model_load_s, 2),
        "peak_rss_mb": round(rss_mb, 1),
        "runs": args.runs,
        "cold_runs": args.cold_runs,
        **extra,
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"Encoder: {out['encoder']}")
    print(f"Profile of {out['profile_phrases']} phrases vs {out['competencies']} competencies ({out['indexed_texts']} texts), {args.runs} runs")
    print(f"  match      p50 {out['match_ms_p50']:7.2f} ms   p95 {out['match_ms_p95']:7.2f} ms")
    print(f"  encode     p50 {out['encode_only_ms_p50']:7.2f} ms   (the floor)")
    print(f"  ratio      {out['ratio_p50']:.2f}")
    print(f"  encode of the {out['match_units']} texts a match embeds (phrases + sentences) p50 "
          f"{out['encode_units_ms_p50']:.2f} ms; match / that {out['ratio_units_p50']:.2f}")
    print(f"  encode {out['encode_300_phrases']} p50 {out['encode_300_ms_p50']:7.1f} ms")
    print(f"  cold, median of {args.cold_runs} fresh processes:")
    print(f"    start to first embedding {out['cold_first_embedding_s']:.2f} s   peak RSS {out['cold_first_embedding_rss_mb']} MB")
    print(f"    advisor match --json     {out['cold_match_s']:.2f} s   peak RSS {out['cold_match_rss_mb']} MB")
    print(f"  index load {out['index_load_s']:.3f} s   index build {out['index_build_s']} s   catalog load {out['catalog_load_s']:.3f} s   model load {out['model_load_s']:.2f} s")
    print(f"  peak RSS   {out['peak_rss_mb']:.0f} MB (this process, index build included)")
    if "tui" in out:
        t = out["tui"]
        if "error" in t:
            print(f"  TUI: not measured: {t['error']}")
        else:
            print(f"  TUI to Ready   {t['tui_ready_s']:.2f} s (median of {len(t['tui_ready_s_all'])}: "
                  f"{', '.join(f'{x:.2f}' for x in t['tui_ready_s_all'])})   RSS then {t['tui_rss_mb']} MB")
    if "serve" in out:
        v = out["serve"]
        if "serve_session_rss_mb" in v:
            print(f"  serve session  RSS {v['serve_session_rss_mb']} MB   peak {v['serve_session_peak_rss_mb']} MB "
                  f"({v['serve_session_processes']} processes; the server itself {v['serve_server_rss_mb']} MB, shared)")
            print(f"                 Ready in the browser {v.get('serve_session_ready_s')} s   "
                  f"process ended when the tab closed: {'yes' if v['serve_session_ended_on_close'] else 'NO'}")
        if "error" in v:
            print(f"  serve: {v['error']}")
    if "venv" in out:
        v = out["venv"]
        print(f"  venv {v['venv_mb']} MB   site-packages {v['site_packages_mb']} MB")
        print(f"    runtime      {v['runtime_mb']} MB ({v['runtime_distributions']} distributions "
              f"{v['runtime_packages_mb']} MB + ONNX export {v['runtime_onnx_export_mb']} MB): {v['runtime_largest_mb']}")
        if v["runtime_weights_file_mb"]:
            print(f"                 of which the packaged weights file {v['runtime_weights_file_mb']} MB "
                  f"(read by the export only)")
        print(f"    export-only  {v['export_only_mb']} MB ({v['export_only_distributions']} distributions): "
              f"{v['export_only_largest_mb']}")
        print(f"    other        {v['other_mb']} MB (dev tools, pip): {v['other_largest_mb']}")
        print(f"    imported by a match, the TUI and the server but export-only: {v['imported_export_only'] or 'none'}; "
              f"not in the runtime set: {v['imported_not_in_runtime'] or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
