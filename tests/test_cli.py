"""The CLI contract: help everywhere, stable JSON, clear errors with exit codes."""

from __future__ import annotations

import json

import pytest

from advisor import __version__
from advisor.cli import build_parser, main
from advisor.config import MAX_TEXT_CHARS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _all_subparsers(parser, prefix=()):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield prefix + (name,), sub
                yield from _all_subparsers(sub, prefix + (name,))


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"advisor {__version__}"


def test_every_command_has_help(capsys):
    commands = list(_all_subparsers(build_parser()))
    assert len(commands) >= 8
    for path, sub in commands:
        assert sub.description, f"advisor {' '.join(path)} has no description"
        with pytest.raises(SystemExit) as info:
            main([*path, "--help"])
        assert info.value.code == 0
        assert "usage: advisor" in capsys.readouterr().out


def test_every_command_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text()
    for path, _ in _all_subparsers(build_parser()):
        assert f"advisor {' '.join(path)}" in doc, f"docs/cli.md does not document 'advisor {' '.join(path)}'"


def test_models_json_lists_eleven_models_with_stable_keys(capsys):
    code, out, _ = run(capsys, "models", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["models"]) == 11 and data["errors"] == []
    for m in data["models"]:
        assert set(m) == {"id", "name", "version", "origin", "extends", "count", "provenance", "provenance_counts", "tiers", "sources"}
        assert m["count"] == sum(t["count"] for t in m["tiers"])


def test_models_show_json_carries_definitions_and_behaviors(capsys):
    code, out, _ = run(capsys, "models", "show", "retail", "--json")
    assert code == 0
    data = json.loads(out)
    comps = [c for t in data["tiers"] for c in t["competencies"]]
    assert len(comps) == data["count"]
    assert all(c["definition"] and len(c["behaviors"]) >= 4 for c in comps)
    assert {"id", "model", "number", "name", "tier", "definition", "behaviors", "provenance"} == set(comps[0])


def test_models_show_prints_the_pyramid_top_down(capsys):
    code, out, _ = run(capsys, "models", "show", "advanced-manufacturing")
    assert code == 0
    t4 = out.index("Tier 4: Industry-Wide Technical Competencies")
    t1 = out.index("Tier 1: Personal Effectiveness Competencies")
    assert t4 < t1
    assert "4.2 Production" in out


def test_unknown_model_is_a_clear_error(capsys):
    code, _, err = run(capsys, "models", "show", "no-such-model")
    assert code == 2
    assert "unknown model 'no-such-model'" in err and "retail" in err


def test_models_new_writes_a_user_model(capsys, user_home):
    code, out, _ = run(capsys, "models", "new", "my-region")
    assert code == 0
    assert (user_home / "models" / "my-region.yaml").exists()
    code, out, _ = run(capsys, "models", "--json")
    assert "my-region" in {m["id"] for m in json.loads(out)["models"]}


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_refused_with_exit_2(capsys, text):
    code, out, err = run(capsys, "match", text)
    assert code == 2
    assert "empty" in err and out == ""


def test_huge_text_is_refused_not_cut(capsys):
    code, out, err = run(capsys, "match", "forklift " * (MAX_TEXT_CHARS // 9 + 10))
    assert code == 2
    assert f"{MAX_TEXT_CHARS:,}" in err and "nothing was cut" in err


def test_match_needs_text_or_input_not_both(capsys, tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("cashier\n")
    code, _, err = run(capsys, "match", "x", "--input", str(f))
    assert code == 2 and "either TEXT or --input" in err
