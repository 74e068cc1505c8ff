"""An ordinary install works: the wheel carries the shipped data, and runs outside the repo.

The wheel is built with pip, installed without dependencies into a fresh virtual environment in a
temporary folder (far from the source tree), and run there; its dependencies come from the
project's own environment on PYTHONPATH (that folder holds no ``advisor`` package itself: the
project's install there is an editable finder, which a plain PYTHONPATH entry does not load).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    src = tmp_path_factory.mktemp("src")  # a clean copy: no stale build/ folder can leak into the wheel
    shutil.copytree(ROOT / "advisor", src / "advisor", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(src)],
        check=True, capture_output=True, text=True,
    )
    (path,) = out.glob("advisor-*.whl")
    return path


def test_the_wheel_carries_every_shipped_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p.relative_to(ROOT).as_posix() for p in (ROOT / "advisor" / "data").rglob("*") if p.is_file()]
    assert len(shipped) >= 25
    missing = [p for p in shipped if p not in names]
    assert not missing, f"not in the wheel: {missing}"
    assert any(n.endswith(".tcss") for n in names)


def test_an_installed_wheel_lists_the_eleven_models(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, text=True)
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"], "ADVISOR_HOME": str(tmp_path / "home")}
    env.pop("ADVISOR_DATA", None)
    run = subprocess.run([str(py), "-m", "advisor", "models", "--json"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    where = subprocess.run([str(py), "-c", "import advisor; print(advisor.__file__)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in where and str(ROOT) not in where  # the installed copy ran, not the repo
    data = json.loads(run.stdout)
    assert len(data["models"]) == 11 and data["errors"] == []


def test_an_empty_shipped_catalogue_is_an_error_not_an_empty_list(tmp_path, monkeypatch):
    from advisor.errors import DataError
    from advisor.models import load_catalog

    monkeypatch.setenv("ADVISOR_DATA", str(tmp_path / "nothing-here"))
    with pytest.raises(DataError) as info:
        load_catalog()
    assert "no shipped competency models" in str(info.value)
