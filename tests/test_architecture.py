"""The layout is enforced, not hoped for: import-linter checks the contracts in pyproject.toml
(the core never imports the TUI or Textual; guidance reaches the databases only through the
service; no import cycles), and a control proves the checker can fail."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def lint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_hold():
    run = lint()
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "3 kept, 0 broken" in run.stdout


def test_the_checker_notices_a_broken_contract(tmp_path):
    config = tmp_path / "contracts.ini"
    config.write_text(
        "[importlinter]\nroot_package = advisor\n\n"
        "[importlinter:contract:control]\nname = guidance may not use the catalogue (false on purpose)\n"
        "type = forbidden\nsource_modules = advisor.guidance\nforbidden_modules = advisor.models\n",
        encoding="utf-8",
    )
    run = lint("--config", str(config))
    assert run.returncode != 0 and "BROKEN" in run.stdout


def test_no_module_is_over_about_400_lines():
    long = {p.relative_to(ROOT).as_posix(): n for p in (ROOT / "advisor").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420}
    assert not long, long
