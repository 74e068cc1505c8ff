"""Faults probed as a new user or an attacker would (issue 10): output paths, bytes that are not
text, broken user models, odd settings, read-only and full disks, control characters. Each gets
one clear line and an exit code, never a traceback, and nothing is lost or half-written."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
WORDS = "drove a forklift for 3 years, loaded trucks, cashier at a grocery store"


run = run_cli  # (exit code, stdout, stderr) of advisor ARGV


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def plan(capsys, tmp_path, *extra):
    return run(capsys, "plan", WORDS, "--target", "retail", *extra)


# --------------------------------------------------------------------------- plan -o (point 3)


def test_plan_never_replaces_a_fifo(capsys, tmp_path, user_home, shared_index):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = plan(capsys, tmp_path, "-o", str(fifo), "--force")
    assert code == 6
    assert "named pipe" in one_line(err)
    assert Path(fifo).is_fifo()


def test_plan_never_replaces_a_device_or_a_link_to_one(capsys, tmp_path, user_home, shared_index):
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    for target in (link, Path("/dev/null")):
        code, _, err = plan(capsys, tmp_path, "-o", str(target), "--force")
        assert code == 6
        assert "only a regular file is ever replaced" in one_line(err)
    assert link.is_symlink() and Path("/dev/null").is_char_device()


def test_plan_keeps_an_existing_file_unless_forced(capsys, tmp_path, user_home, shared_index):
    out_file = tmp_path / "plan.md"
    out_file.write_text("the advisor's own notes", encoding="utf-8")
    code, _, err = plan(capsys, tmp_path, "-o", str(out_file))
    assert code == 6 and "already exists" in one_line(err) and "--force" in err
    assert out_file.read_text(encoding="utf-8") == "the advisor's own notes"
    code, out, _ = plan(capsys, tmp_path, "-o", str(out_file), "--force")
    assert code == 0 and "Plan written to" in out
    assert "Retail" in out_file.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]  # no temporary file left


def test_plan_into_a_new_folder_and_unique_names(capsys, tmp_path, user_home, shared_index):
    folder = tmp_path / "newdir"
    for _ in range(2):
        code, out, _ = plan(capsys, tmp_path, "-o", f"{folder}/")
        assert code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and names[0].startswith("gap-plan-") and names[1] != names[0]
    assert all(n.endswith(".md") for n in names)


def test_plan_with_a_name_too_long_for_the_disk(capsys, tmp_path, user_home, shared_index):
    code, _, err = plan(capsys, tmp_path, "-o", str(tmp_path / ("a" * 300 + ".md")))
    assert code == 6 and "too long" in one_line(err)


def test_force_needs_an_output(capsys, user_home):
    code, _, err = run(capsys, "plan", WORDS, "--target", "retail", "--force")
    assert code == 2 and "-o" in one_line(err)


def test_a_full_disk_leaves_the_old_file_intact(tmp_path, monkeypatch):
    import advisor.safe_write as sw
    from advisor.errors import WriteError

    target = tmp_path / "plan.md"
    target.write_text("old plan", encoding="utf-8")
    real_fdopen = os.fdopen

    def full(fd, *args, **kwargs):  # every write fails as on a full disk
        os.close(fd)
        return real_fdopen(os.open("/dev/full", os.O_WRONLY), *args, **kwargs)

    monkeypatch.setattr(sw.os, "fdopen", full)
    with pytest.raises(WriteError) as info:
        sw.write_file(target, "new plan " * 1000, force=True)
    assert info.value.exit_code == 6 and "disk is full" in str(info.value)
    assert target.read_text(encoding="utf-8") == "old plan"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_containment_is_by_path_parts_not_string_prefix(tmp_path):
    from advisor.safe_write import is_inside

    (tmp_path / "kiosk").mkdir()
    (tmp_path / "kiosk-other").mkdir()
    assert is_inside(tmp_path / "kiosk" / "a.md", tmp_path / "kiosk")
    assert not is_inside(tmp_path / "kiosk-other" / "a.md", tmp_path / "kiosk")
    assert not is_inside(tmp_path / "kiosk" / ".." / "kiosk-other" / "a.md", tmp_path / "kiosk")


def test_no_path_is_checked_by_string_prefix():
    import re

    offenders = []
    for path in (ROOT / "advisor").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"str\([^)]*(?:path|folder|dir|resolve)[^)]*\)\)?\.startswith", line, re.IGNORECASE):
                offenders.append(f"{path.name}:{n}")
    assert not offenders


# --------------------------------------------------------------------------- bytes that are not text (point 7)


def cli(*argv: str | bytes, stdin: bytes = b"", home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ADVISOR_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "advisor", *argv], input=stdin, capture_output=True,
                          env=env, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("argv", [
    ["match", os.fsencode("cashier \udcff\udcfe 4 years")],
    ["plan", "drove a forklift", "--target", "retail", "--name", os.fsencode("J\udcffD")],
    ["config", "advisor_name", b"\xc3\x28 bad"],
])
def test_argv_bytes_that_are_not_utf8_get_one_line(argv, tmp_path):
    done = cli(*argv, home=tmp_path)
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert "not UTF-8" in one_line(err)
    assert "\udcff" not in err and "\\udc" not in err


@pytest.mark.parametrize("data", [b"cashier \xff\xfe 4 years\n", b"\x00\x01\x02binary\x00", bytes(range(256))])
def test_stdin_and_input_files_that_are_not_text_get_one_line(data, tmp_path):
    done = cli("match", "-", stdin=data, home=tmp_path)
    assert done.returncode == 2 and "standard input" in one_line(done.stderr.decode())
    bad = tmp_path / "profiles.txt"
    bad.write_bytes(data)
    done = cli("gaps", "--input", str(bad), "--target", "retail", "--jsonl", home=tmp_path)
    assert done.returncode == 2 and "profiles.txt" in one_line(done.stderr.decode())
    assert done.stdout == b""


# --------------------------------------------------------------------------- user models (point 8)

BROKEN_MODELS = {
    "exclude-int.yaml": "id: exclude-int\nname: X\nversion: '1'\nsources: [x]\nextends: building-blocks\n"
                        "tiers: [{number: 1, name: A}]\ncompetencies: []\nexclude: 5\n",
    "extends-list.yaml": "id: extends-list\nname: X\nversion: '1'\nsources: [x]\nextends: [retail]\n"
                         "tiers: [{number: 4, name: T}]\ncompetencies: []\n",
    "int-key.yaml": "id: int-key\n5: x\nfoo: y\n",
    "nested-keys.yaml": "id: nested-keys\nname: X\nversion: '1'\nsources: [x]\ntiers: [{number: 4, name: T, 5: x, zz: y}]\n"
                        "competencies: [{number: '4.1', 7: a, zz: b}]\n",
    "provenance-list.yaml": "id: provenance-list\nname: X\nversion: '1'\nsources: [x]\ntiers: [{number: 4, name: T}]\n"
                            "competencies: [{number: '4.1', name: N, tier: 4, definition: d, behaviors: [a, b, c, d], provenance: [cmc]}]\n",
}


def test_broken_user_models_are_skipped_with_a_warning_naming_file_and_field(capsys, user_home, shared_index):
    folder = user_home / "models"
    folder.mkdir(parents=True)
    for name, text in BROKEN_MODELS.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "models")
    assert code == 0 and "retail" in out and "building-blocks" in out
    warnings = [line for line in err.splitlines() if line.startswith("advisor: warning:")]
    assert len(warnings) == len(BROKEN_MODELS) and "Traceback" not in err
    for name in BROKEN_MODELS:
        assert any(name in w for w in warnings), name
    assert any("'exclude'" in w for w in warnings) and any("'extends'" in w for w in warnings)
    assert any("provenance" in w for w in warnings)
    code, out, _ = run(capsys, "models", "--json")
    assert code == 0 and len(json.loads(out)["errors"]) == len(BROKEN_MODELS)
    code, out, _ = run(capsys, "gaps", WORDS, "--target", "retail", "--json")
    assert code == 0 and json.loads(out)["target"]["id"] == "retail"


def test_broken_user_model_never_stops_the_app_data(user_home):
    from advisor.guidance.service import Advisor

    folder = user_home / "models"
    folder.mkdir(parents=True)
    (folder / "extends-list.yaml").write_text(BROKEN_MODELS["extends-list.yaml"], encoding="utf-8")
    adv = Advisor.load()
    assert "retail" in adv.catalog.models and len(adv.errors) == 1


# --------------------------------------------------------------------------- settings (point 9)


def test_unknown_settings_warn_and_are_ignored(capsys, user_home):
    from advisor.config import load_settings

    user_home.mkdir(parents=True)
    (user_home / "settings.json").write_text(json.dumps({"extra": 5, "area": "OH", "kiosk_idle_seconds": 10**30}), encoding="utf-8")
    settings = load_settings()
    assert settings.area == "OH" and settings.kiosk_idle_seconds == 180
    assert len(settings.notes) == 2
    code, out, err = run(capsys, "config")
    assert code == 0 and "area = OH" in out
    assert "unknown setting 'extra' ignored" in err and "kiosk_idle_seconds" in err
    code, out, err = run(capsys, "config", "--json")
    assert code == 0 and err == "" and json.loads(out)["area"] == "OH"


def test_the_kiosk_and_the_app_start_with_odd_settings(user_home, catalog):
    from advisor.guidance.service import Advisor
    from advisor.tui.app import make_app

    user_home.mkdir(parents=True)
    (user_home / "settings.json").write_text(json.dumps({"extra": 5, "theme": "purple"}), encoding="utf-8")
    adv = Advisor.load(catalog)
    for mode in ("kiosk", "advisor"):
        app = make_app(mode, advisor=adv, store=user_home / "s.db")
        assert app.settings.theme == "textual-dark" and app.settings.notes  # the bad theme left out, said
        assert not [e for e in app._startup_errors if "settings" in str(e)]  # nothing stops the start
        if app.store is not None:
            app.store.close()


@pytest.mark.parametrize("key, value", [
    ("kiosk_idle_seconds", "99999999999999999999999"),
    ("kiosk_idle_seconds", "-5"),
    ("kiosk_idle_seconds", "2"),
    ("kiosk_countdown_seconds", "0"),
    ("kiosk_plan_keep_minutes", "1000000"),
    ("kiosk_idle_seconds", "soon"),
])
def test_out_of_range_numbers_are_refused_with_exit_2(capsys, user_home, key, value):
    code, _, err = run(capsys, "config", key, value)
    assert code == 2 and key in one_line(err)
    assert not (user_home / "settings.json").exists()


def test_an_unknown_theme_is_refused_listing_the_themes(capsys, user_home):
    code, _, err = run(capsys, "config", "theme", "purple")
    assert code == 2 and "purple" in one_line(err) and "textual-dark" in err and "advisor-high-contrast" in err
    code, out, _ = run(capsys, "config", "theme", "nord")
    assert code == 0 and "theme = nord" in out


def test_the_themes_are_the_apps_themes():
    from textual.theme import BUILTIN_THEMES

    from advisor.config import THEMES
    from advisor.tui.theme import HIGH_CONTRAST

    assert set(THEMES) == set(BUILTIN_THEMES) | {HIGH_CONTRAST}


def test_config_help_lists_every_setting_with_its_meaning(capsys):
    from dataclasses import fields

    from advisor.config import MEANINGS, Settings

    with pytest.raises(SystemExit):
        main(["config", "--help"])
    out = capsys.readouterr().out
    assert set(MEANINGS) == {f.name for f in fields(Settings)}
    for name, meaning in MEANINGS.items():
        assert name in out and meaning.split(" (")[0][:40] in " ".join(out.split())


# --------------------------------------------------------------------------- read-only and full disks (point 10)


def _fail_writes(monkeypatch, err: int) -> None:
    import advisor.safe_write as sw

    def refuse(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(sw.tempfile, "mkstemp", refuse)


@pytest.mark.parametrize("err, says", [(errno.EROFS, "read-only"), (errno.ENOSPC, "disk is full")])
def test_config_on_a_read_only_or_full_disk(capsys, user_home, monkeypatch, err, says):
    user_home.mkdir(parents=True)
    (user_home / "settings.json").write_text(json.dumps({"area": "OH"}), encoding="utf-8")
    _fail_writes(monkeypatch, err)
    code, _, stderr = run(capsys, "config", "area", "TX")
    assert code == 6 and says in one_line(stderr)
    assert json.loads((user_home / "settings.json").read_text(encoding="utf-8")) == {"area": "OH"}
    assert sorted(p.name for p in user_home.iterdir()) == ["settings.json"]


@pytest.mark.parametrize("err, says", [(errno.EROFS, "read-only"), (errno.ENOSPC, "disk is full")])
def test_models_new_on_a_read_only_or_full_disk(capsys, user_home, monkeypatch, err, says):
    with monkeypatch.context() as patched:
        _fail_writes(patched, err)
        code, _, stderr = run(capsys, "models", "new", "mine3")
    assert code == 6 and says in one_line(stderr)
    folder = user_home / "models"
    assert not folder.exists() or list(folder.iterdir()) == []
    code, out, _ = run(capsys, "models", "new", "mine3")
    assert code == 0 and (user_home / "models" / "mine3.yaml").stat().st_size > 0


def test_models_new_leaves_no_empty_file_when_the_write_fails(capsys, user_home, monkeypatch):
    import advisor.safe_write as sw

    real_fdopen = os.fdopen
    monkeypatch.setattr(sw.os, "fdopen", lambda fd, *a, **k: (os.close(fd), real_fdopen(os.open("/dev/full", os.O_WRONLY), *a, **k))[1])
    code, _, stderr = run(capsys, "models", "new", "mine3")
    assert code == 6 and "disk is full" in one_line(stderr)
    assert list((user_home / "models").iterdir()) == []


# --------------------------------------------------------------------------- control characters


def test_control_characters_never_reach_the_terminal_but_stay_in_json(capsys, user_home, shared_index):
    words = "drove a forklift \x1b[2J\x1b]0;owned\x07 for 3 years, cashier\x08\x08 at a store"
    code, out, _ = run(capsys, "match", words)
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\x08" not in out
    assert "drove a forklift" in out
    code, out, _ = run(capsys, "match", words, "--json")
    assert code == 0 and json.loads(out)["text"] == words
    code, out, _ = run(capsys, "plan", words, "--target", "retail", "--name", "Ann\x1b[31m")
    assert code == 0 and "\x1b" not in out


def test_strip_controls_keeps_text_and_layout():
    from advisor.render_text import strip_controls

    assert strip_controls("a\tb\nc — ü ✔") == "a\tb\nc — ü ✔"
    assert strip_controls("x\x1b[31mred\x1b[0m\r\x9b2J\u202eevil\x00") == "xredevil"


# --------------------------------------------------------------------------- fuzz: nested model shapes


def _nested_model_shapes():
    from hypothesis import strategies as st

    leaf = st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.just("4.1") | st.just(4)
    key = st.sampled_from(["number", "name", "tier", "definition", "behaviors", "provenance", "replaces", "zz", 5, 7])
    value = st.recursive(leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=4), max_leaves=10)
    entry = st.dictionaries(key, value, max_size=7)
    return st.fixed_dictionaries({
        "tiers": st.lists(entry | value, max_size=3),
        "competencies": st.lists(entry | value, max_size=3),
        "exclude": value, "inherit_tiers": value, "extends": st.sampled_from(["building-blocks", "retail"]) | value,
    })


def test_any_nested_model_shape_is_reported_never_raised(tmp_path_factory):
    from hypothesis import HealthCheck, given, settings

    import yaml

    from advisor.errors import AdvisorError
    from advisor.models import load_catalog, model_dirs

    shipped = model_dirs()[0]

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_nested_model_shapes())
    def check(parts):
        raw = {"id": "mine", "name": "Mine", "version": "1", "sources": ["local"], **parts}
        folder = tmp_path_factory.mktemp("models")
        (folder / "mine.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
        catalog = load_catalog([shipped, (folder, "user")])
        assert "retail" in catalog.models
        for err in catalog.errors:
            assert isinstance(err, AdvisorError) and "mine.yaml" in err.message

    check()
