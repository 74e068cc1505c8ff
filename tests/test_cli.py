"""The CLI contract: help everywhere, stable JSON, clear errors with exit codes."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from advisor import __version__
from advisor.cli import build_parser, main
from advisor.config import MAX_TEXT_CHARS
from conftest import run_cli

WAREHOUSE = ("Drove a forklift for 3 years in a warehouse, loaded trucks and kept the stock count; "
             "cashier at a grocery store, handled money")


run = run_cli  # (exit code, stdout, stderr) of advisor ARGV


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


# --------------------------------------------------------------------------- --json keys == docs/cli.md

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
_TOKEN = re.compile(r"\s*(\[\]|[A-Za-z_]\w*|[{}?,])")


def _tokens(spec: str) -> list[str]:
    out, pos = [], 0
    spec = spec.strip()
    while pos < len(spec):
        m = _TOKEN.match(spec, pos)
        assert m, f"docs/cli.md: cannot read keys at {spec[pos:pos + 30]!r}"
        out.append(m.group(1))
        pos = m.end()
    return out


def _parse_body(toks: list[str], i: int, macros: dict, shape: str):
    """After a '{': a macro name alone, or keys; returns (body, index after the '}')."""
    if toks[i][:1].isupper() and toks[i + 1] == "}":
        return ("macro", toks[i]), i + 2
    keys = {}
    while True:
        name, i = toks[i], i + 1
        optional = toks[i] == "?"
        i += optional
        is_list = toks[i] == "[]"
        i += is_list
        body = None
        if toks[i] == "{":
            body, i = _parse_body(toks, i + 1, macros, f"{shape}.{name}")
        keys[name] = (optional, is_list, body)
        if toks[i] == "}":
            return ("keys", shape, keys), i + 1
        assert toks[i] == ",", f"docs/cli.md: expected ',' in {shape}, got {toks[i]!r}"
        i += 1


def _parse_spec(spec: str, shape: str):
    """A spec -> (is_list, body)."""
    toks = [*_tokens(spec), "<end>"]
    is_list = toks[0] == "[]"
    if is_list:
        toks = toks[1:]
    if toks[0] != "{":
        toks = ["{", *toks[:-1], "}", "<end>"]
    body, i = _parse_body(toks, 1, {}, shape)
    assert toks[i] == "<end>", f"docs/cli.md: text after the keys of {shape}"
    return is_list, body


def documented_keys() -> tuple[dict, dict]:
    """docs/cli.md's ``keys`` blocks -> ({command: (is_list, body)}, {macro: body})."""
    commands, macros = {}, {}
    for block in re.findall(r"^ *```keys\n(.*?)^ *```", DOC.read_text(encoding="utf-8"), re.M | re.S):
        lines = textwrap.dedent(block).splitlines()
        command, entries = lines[0].strip(), []
        for line in lines[1:]:
            if line[:1].isspace() and entries:
                entries[-1] += " " + line.strip()
            elif line.strip():
                entries.append(line.strip())
        for entry in entries:
            m = re.match(r"([A-Z]\w*) = (.*)", entry)
            if m:
                macros[m.group(1)] = _parse_spec(m.group(2), m.group(1))[1]
            else:
                assert command not in commands, f"docs/cli.md: {command} has two key specs"
                commands[command] = _parse_spec(entry, command)
    return commands, macros


def check_keys(value, is_list: bool, body, macros: dict, where: str, seen: set) -> None:
    """``value`` has exactly the documented keys, at every level the docs describe."""
    if body is None:  # a plain value: nothing nested may hide in it
        items = value if isinstance(value, list) else [value]
        assert not any(isinstance(v, (dict, list)) and v for v in items), f"{where}: undocumented nested keys"
        return
    if body[0] == "macro":
        assert body[1] in macros, f"docs/cli.md: {body[1]} is used but not defined"
        body = macros[body[1]]
    if is_list:
        assert isinstance(value, list), f"{where}: not a list"
        for item in value:
            check_keys(item, False, body, macros, where + "[]", seen)
        return
    if value is None:
        return
    _, shape, keys = body
    assert isinstance(value, dict), f"{where}: not an object"
    seen.add(shape)
    required = {k for k, (optional, _, _) in keys.items() if not optional}
    assert required <= set(value) <= set(keys), f"{where}: keys {sorted(value)}, documented {sorted(keys)}"
    for k, (_, sub_list, sub_body) in keys.items():
        if k in value:
            check_keys(value[k], sub_list, sub_body, macros, f"{where}.{k}", seen)


def _shapes(body, out: set) -> set:
    if body and body[0] == "keys":
        out.add(body[1])
        for _, _, sub in body[2].values():
            _shapes(sub, out)
    return out


#: facts of every kind: a held credential, a past job with years, a goal and a lack
STATED = "Forklift operator 3 years at a warehouse, loaded trucks. I have my GED, working on my CDL-A, no OSHA 10 card yet."


def test_every_json_output_has_exactly_the_documented_keys(capsys, user_home, shared_index, tmp_path):
    (user_home / "models").mkdir(parents=True)
    (user_home / "models" / "broken.yaml").write_text("id: [unclosed\n")  # so that models --json has an error
    profiles = tmp_path / "profiles.txt"
    profiles.write_text(f"{WAREHOUSE}\ncashier at a grocery store for 2 years\n")
    runs = {
        "advisor models --json": ["models", "--json"],
        "advisor models show ID --json": ["models", "show", "retail", "--json"],
        "advisor match TEXT --json": ["match", WAREHOUSE, "--json"],
        "advisor match --input FILE --json": ["match", "--input", str(profiles), "--json"],
        "advisor match --input FILE --jsonl": ["match", "--input", str(profiles), "--jsonl"],
        "advisor gaps TEXT --target ID --json": ["gaps", STATED, "--target", "tdl-forklift-operator", "--json"],
        "advisor fit TEXT --json": ["fit", WAREHOUSE, "--area", "OH", "--json"],
        "advisor fit TEXT --ladders --json": ["fit", WAREHOUSE, "--area", "OH", "--ladders", "--json"],
        "advisor plan TEXT --target ID --format json": ["plan", STATED, "--target", "tdl-transportation-supervisor", "--area", "OH", "--format", "json"],
        "advisor ladders --json": ["ladders", "--area", "OH", "--json"],
        "advisor areas QUERY --json": ["areas", "Columbus", "--json"],
        "advisor training list --json": ["training", "list", "--json"],
        "advisor config --json": ["config", "--json"],
        "advisor occupations search TEXT --json": ["occupations", "search", "night stocker", "--json"],
        "advisor occupations show SOC --json": ["occupations", "show", "53-7065", "--area", "OH", "--json"],
        "advisor index status --json": ["index", "status", "--json"],  # last: the matches above built the index
    }
    assert main(["data", "import", "onet", str(Path(__file__).parent / "fixtures" / "onet" / "db_90_1_text")]) == 0
    capsys.readouterr()
    commands, macros = documented_keys()
    assert set(commands) == set(runs), "docs/cli.md's keys blocks and this test name different commands"
    for path, sub in _all_subparsers(build_parser()):
        if "--json" in sub._option_string_actions:
            assert any(c.startswith(f"advisor {' '.join(path)} ") for c in commands), f"docs/cli.md has no keys for advisor {' '.join(path)}"
    seen: set = set()
    for doc_command, argv in runs.items():
        code, out, _ = run(capsys, *argv)
        assert code == 0, doc_command
        docs = [json.loads(line) for line in out.splitlines()] if "--jsonl" in argv else [json.loads(out)]
        for value in docs:
            check_keys(value, *commands[doc_command], macros, doc_command, seen)
    shapes = set()
    for _, body in commands.values():
        _shapes(body, shapes)
    for body in macros.values():
        _shapes(body, shapes)
    assert shapes <= seen, f"documented shapes no command printed: {sorted(shapes - seen)}"


def test_the_keys_checker_notices_drift():
    _, body = _parse_spec("a, b{x, y?}, c[]{Z}", "t")
    macros = {"Z": _parse_spec("z", "Z")[1]}
    good = {"a": 1, "b": {"x": 1}, "c": [{"z": 1}]}
    check_keys(good, False, body, macros, "t", set())
    for bad in ({**good, "d": 1}, {"a": 1, "c": []}, {**good, "b": {"x": 1, "w": 2}}, {**good, "c": [{"z": 1, "q": 2}]}, {**good, "a": {"k": 1}}):
        with pytest.raises(AssertionError):
            check_keys(bad, False, body, macros, "t", set())


def test_match_input_json_is_one_json_array(capsys, tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("cashier at a grocery store\n\ndrove a forklift in a warehouse\n")
    code, out, _ = run(capsys, "match", "--input", str(f), "--json")
    assert code == 0
    data = json.loads(out)  # one document, not concatenated objects
    assert isinstance(data, list) and [d["text"] for d in data] == ["cashier at a grocery store", "drove a forklift in a warehouse"]
    code, out, _ = run(capsys, "match", "--input", str(f), "--jsonl")
    assert code == 0 and [json.loads(line)["text"] for line in out.splitlines()] == [d["text"] for d in data]
    code, out, _ = run(capsys, "match", "cashier at a grocery store", "--json")
    assert code == 0 and isinstance(json.loads(out), dict)
