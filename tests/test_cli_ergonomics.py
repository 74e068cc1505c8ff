"""The CLI as people use it (issue #13, points 7-11): a spinner while the model loads, targets by
title with suggestions, output that fits the terminal, the config keys, one JSON document."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Cashier 4 years at a grocery store, handled cash. Drove a forklift and stocked shelves in the back room"


run = run_cli  # (exit code, stdout, stderr) of advisor ARGV


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def no_matching(monkeypatch):
    """Fails the test if anything loads the matcher (the language model)."""
    from advisor.guidance.service import Advisor

    def refuse(self, progress=None):
        raise AssertionError("the matcher was loaded")

    monkeypatch.setattr(Advisor, "ensure_matcher", refuse)


@pytest.fixture
def terminal_stderr(monkeypatch):
    import advisor.cli.progress as progress

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(progress, "DELAY", 0.0)  # drawn at once, not after a pause

    def attach() -> Terminal:  # in the test's body: pytest sets its own capture after the fixtures
        fake = Terminal()
        monkeypatch.setattr(sys, "stderr", fake)
        return fake

    return attach


# --------------------------------------------------------------------------- 7: a spinner while the model loads


def test_the_spinner_draws_its_label_and_progress_then_wipes_its_line():
    from advisor.cli.progress import Spinner

    stream = Terminal()
    with Spinner("loading the language model", True, stream=stream, delay=0, interval=60) as spin:
        spin.progress("embedding competencies", 640, 2102)
        spin._draw()
    written = stream.getvalue()
    assert "| loading the language model... 0s" in written
    assert "embedding competencies 640/2102..." in written
    last = written.rsplit("\r", 2)
    assert last[-1] == "" and last[-2].strip() == ""  # the line is blanked and the cursor back at its start
    assert "\n" not in written


def test_a_disabled_spinner_writes_nothing():
    from advisor.cli.progress import Spinner

    stream = Terminal()
    with Spinner("loading", False, stream=stream, delay=0) as spin:
        spin.progress("embedding", 1, 2)
    assert stream.getvalue() == ""


def test_gaps_on_a_terminal_shows_the_spinner_on_stderr_and_the_report_on_stdout(capsys, terminal_stderr):
    terminal_stderr = terminal_stderr()
    assert main(["gaps", TEXT, "--target", "retail-cashier"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Target: Cashier (rung:retail-cashier)")
    assert "loading the language model..." in terminal_stderr.getvalue()
    assert terminal_stderr.getvalue().endswith("\r")  # wiped before the report was printed
    assert "loading" not in out


@pytest.mark.parametrize("extra", [["--json"], ["--format", "json"]])
def test_no_spinner_when_stdout_carries_json(capsys, terminal_stderr, extra):
    terminal_stderr = terminal_stderr()
    command = "gaps" if extra == ["--json"] else "plan"
    assert main([command, TEXT, "--target", "retail-cashier", *extra]) == 0
    json.loads(capsys.readouterr().out)
    assert terminal_stderr.getvalue() == ""


def test_no_spinner_in_ci_or_when_stderr_is_not_a_terminal(capsys, terminal_stderr, monkeypatch):
    terminal_stderr = terminal_stderr()
    monkeypatch.setenv("CI", "true")
    assert main(["match", TEXT, "--top", "3"]) == 0
    assert terminal_stderr.getvalue() == ""
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a pipe or a file
    assert main(["match", TEXT, "--top", "3"]) == 0
    assert sys.stderr.getvalue() == ""
    assert capsys.readouterr().out.count("Phrases:") == 2


# --------------------------------------------------------------------------- 8: targets and ids, checked first


def test_an_unknown_target_fails_before_the_model_loads_with_the_closest_id(capsys, no_matching):
    code, out, err = run(capsys, "gaps", TEXT, "--target", "forklift")
    assert code == 2 and out == ""
    assert "unknown target 'forklift'" in err
    assert "did you mean tdl-forklift-operator (Forklift Operator)?" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_misspelt_target_gets_the_right_suggestion_first(capsys, no_matching):
    code, _, err = run(capsys, "plan", TEXT, "--target", "electrican")
    assert code == 2 and "did you mean cci-electrician (Electrician)" in err


@pytest.mark.parametrize("spec, rung", [("forklift operator", "tdl-forklift-operator"), ("Hi-Lo Driver", "tdl-forklift-operator"),
                                        ("Cashier", "retail-cashier"), ("stocker", "retail-stocker"),
                                        ("rung:store manager", "retail-store-manager")])
def test_a_title_or_job_title_that_names_one_rung_is_a_target(capsys, spec, rung):
    code, out, _ = run(capsys, "gaps", TEXT, "--target", spec, "--json")
    assert code == 0
    report = json.loads(out)
    assert report["target"]["kind"] == "rung" and report["target"]["id"] == rung


def test_an_industry_name_is_a_target(catalog):
    from advisor.guidance.service import Advisor
    from advisor.guidance.targets import find_target_with

    adv = Advisor.load(catalog)
    for model in catalog.models.values():
        target = find_target_with(model.name.upper(), adv)
        assert (target.kind, target.id) == ("model", model.id)


def test_a_title_that_names_several_rungs_asks_to_choose(capsys, no_matching):
    code, out, err = run(capsys, "gaps", TEXT, "--target", "cna")
    assert code == 2 and out == ""
    assert "'cna' names 2 occupations" in err
    assert "fhc-nursing-assistant" in err and "ltc-nursing-assistant" in err
    assert "Fundamentals of Health Care" in err  # the same title twice: the industry tells them apart


def test_every_id_still_resolves_as_before_and_every_unique_alias_names_its_rung(catalog):
    from advisor.guidance.gaps import resolve_target
    from advisor.guidance.service import Advisor
    from advisor.guidance.lexicon import alias_key
    from advisor.guidance.targets import find_target, target_names

    adv = Advisor.load(catalog)
    for spec in [*catalog.models, *adv.ladders.rungs, "model:retail", "rung:retail-cashier"]:
        assert find_target(spec, catalog, adv.ladders, adv.lexicon) == resolve_target(spec, catalog, adv.ladders)
    names = target_names(catalog, adv.ladders, adv.lexicon)
    checked = 0
    for title in adv.lexicon.titles.values():
        for alias in title.aliases:
            ids, firm = names[alias_key(alias)]
            if firm and len(ids) == 1 and alias not in catalog.models:
                assert find_target(alias, catalog, adv.ladders, adv.lexicon).id == title.rung_id
                checked += 1
    assert checked > 100


def test_an_unknown_competency_id_suggests_the_closest_before_the_model_loads(capsys, no_matching):
    code, out, err = run(capsys, "gaps", TEXT, "--target", "retail-cashier", "--confirm", "teamwork")
    assert code == 2 and out == ""
    assert "unknown competency 'teamwork'" in err and "did you mean building-blocks:3.1 (Teamwork)" in err
    code, _, err = run(capsys, "training", "list", "--competency", "Customer Service")
    assert code == 2 and "retail:4.1 (Customer Service)" in err


def test_an_unknown_area_fails_before_the_model_loads(capsys, no_matching):
    code, out, err = run(capsys, "fit", TEXT, "--area", "Narnia")
    assert code == 2 and out == "" and "unknown area 'Narnia'" in err


def test_training_list_takes_a_target_by_title(capsys):
    code, out, _ = run(capsys, "training", "list", "--competency", "transportation-distribution-logistics:4.5",
                       "--target", "forklift operator", "--json")
    by_id = run(capsys, "training", "list", "--competency", "transportation-distribution-logistics:4.5",
                "--target", "tdl-forklift-operator", "--json")
    assert code == 0 and json.loads(out) == json.loads(by_id[1])


# --------------------------------------------------------------------------- 9: output that fits the terminal


def _widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_ladders_at_80_columns_has_no_line_over_80_and_keeps_every_rung():
    env = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-m", "advisor", "ladders"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _widest(done.stdout) <= 80
    from advisor.guidance.service import Advisor

    ladders = Advisor.load().ladders
    for rung in ladders.rungs.values():
        assert f"{rung.id}  {rung.title} ({rung.soc})" in done.stdout.replace("\n    ", " ")
    assert "entry education: High school diploma or equivalent" in done.stdout


def test_a_wide_terminal_still_gets_the_table(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = run(capsys, "ladders", "retail")
    assert code == 0 and out.splitlines()[1].split() == ["ID", "LEVEL", "JOB", "WAGE", "ENTRY", "EDUCATION", "MOVES"]
    assert _widest(out) <= 250


@pytest.mark.parametrize("argv", [["gaps", TEXT, "--target", "retail-supervisor"], ["fit", TEXT], ["match", TEXT],
                                  ["training", "list"], ["models"], ["models", "show", "retail"], ["ladders", "--area", "OH"]])
def test_text_output_fits_80_columns(capsys, monkeypatch, argv):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, *argv)
    assert code == 0 and out.strip()
    assert _widest(out) <= 80


def test_records_keep_every_field_whole():
    from advisor.render_text import table

    note = "one two three four five six seven eight nine ten eleven twelve"
    rows = [["a-long-id", "A title", note, "", "https://example.org/" + "x" * 30]]
    headers = ["ID", "TITLE", "NOTE", "EMPTY", "LINK"]
    text = table(rows, headers, width=30, lead=(0, 1))
    lines = text.splitlines()
    assert lines[0] == "a-long-id  A title"
    assert " ".join(" ".join(lines).split()).count(note) == 1  # every word, in order
    assert "https://example.org/" + "x" * 30 in [line.strip() for line in lines]  # a link is never broken
    assert "empty" not in text
    assert all(len(line) <= 30 for line in lines if "https" not in line)
    assert table(rows, headers, width=None).splitlines()[0].split() == headers


def test_a_closed_pipe_ends_quietly(capsys, monkeypatch):
    class Closed(io.StringIO):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["ladders"]) == 0
    assert "error" not in capsys.readouterr().err


# --------------------------------------------------------------------------- 10: config


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    return tmp_path


def test_config_help_lists_every_key(capsys):
    from dataclasses import fields

    from advisor.config import Settings

    with pytest.raises(SystemExit) as info:
        main(["config", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for f in fields(Settings):
        if not f.name.startswith("_") and f.name != "extra":
            assert f"\n  {f.name} " in out, f.name


def test_config_refuses_an_unknown_theme_and_an_out_of_range_number(capsys, home):
    code, _, err = run(capsys, "config", "theme", "purple")
    assert code == 2 and "unknown theme 'purple'" in err
    code, _, err = run(capsys, "config", "kiosk_idle_seconds", "3")
    assert code == 2 and "from 30 to 3,600" in err and "data file" not in err
    assert not (home / "settings.json").exists()  # nothing saved


def test_config_sets_the_plans_folder(capsys, home, tmp_path):
    folder = tmp_path / "plans"
    code, out, _ = run(capsys, "config", "plans_folder", str(folder))
    assert code == 0 and "plans_folder" in out
    code, out, _ = run(capsys, "config", "--json")
    assert code == 0 and json.loads(out)["plans_folder"] == str(folder)


# --------------------------------------------------------------------------- 11: one JSON document


@pytest.fixture
def profiles(tmp_path):
    path = tmp_path / "profiles.txt"
    lines = ["Cashier 4 years, handled cash", "", "Drove a forklift in a warehouse for 2 years", "Home health aide, helped clients bathe"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [line for line in lines if line]


def test_match_input_json_is_one_array_in_input_order(capsys, profiles):
    path, texts = profiles
    code, out, _ = run(capsys, "match", "--input", str(path), "--json")
    assert code == 0
    doc = json.loads(out)  # one document, not objects one after another
    assert isinstance(doc, list) and [r["text"] for r in doc] == texts


def test_match_input_jsonl_is_one_object_per_line(capsys, profiles):
    path, texts = profiles
    code, out, _ = run(capsys, "match", "--input", str(path), "--jsonl")
    assert code == 0
    lines = out.splitlines()
    assert [json.loads(line)["text"] for line in lines] == texts


@pytest.mark.parametrize("argv, key", [(["gaps", "--target", "cashier"], "target"), (["fit"], "jobs"),
                                       (["plan", "--target", "cashier", "--format", "json"], "target")])
def test_batches_of_gaps_fit_and_plan_print_one_object_per_line(capsys, profiles, argv, key):
    path, texts = profiles
    code, out, _ = run(capsys, *argv, "--input", str(path), "--jsonl")
    assert code == 0
    docs = [json.loads(line) for line in out.splitlines()]
    assert len(docs) == len(texts) and all(key in d for d in docs)


@pytest.mark.parametrize("argv", [["gaps", "--target", "retail-cashier", "--json"], ["fit", "--json"]])
def test_a_batch_with_json_points_to_jsonl(capsys, profiles, argv, no_matching):
    path, _ = profiles
    code, out, err = run(capsys, *argv, "--input", str(path))
    assert code == 2 and out == "" and "--jsonl" in err
