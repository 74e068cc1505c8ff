"""The core must stay light: importing it loads neither the UI nor the embedding stack."""

import subprocess
import sys

HEAVY = ["torch", "sentence_transformers", "faiss", "textual"]


def _loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(','.join(m for m in %r if m in sys.modules))" % (HEAVY,)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return {m for m in out.stdout.strip().split(",") if m}


def test_import_advisor_loads_no_heavy_library():
    assert _loaded_after("import advisor") == set()


def test_core_modules_load_no_ui_and_no_torch():
    code = (
        "import advisor, advisor.models, advisor.cli, advisor.config, advisor.index.engine, "
        "advisor.index.vectors, advisor.guidance.matching, advisor.guidance.phrases"
    )
    assert _loaded_after(code) == set()


def test_cli_parser_builds_without_heavy_imports():
    assert _loaded_after("from advisor.cli import build_parser; build_parser()") == set()


def test_the_probe_would_notice_a_heavy_import():
    # guard against a probe that can never fail
    assert "textual" in _loaded_after("import textual")
