"""Shared fixtures: user state in a temporary folder, one real embedding engine per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SESSION_HOME = None


def pytest_configure(config):
    # Every test run gets its own user folder: nothing touches the developer's real data.
    import tempfile

    global SESSION_HOME
    SESSION_HOME = Path(tempfile.mkdtemp(prefix="advisor-test-home-"))
    os.environ["ADVISOR_HOME"] = str(SESSION_HOME)
    os.environ.pop("ADVISOR_DATA", None)
    os.environ["HF_HUB_OFFLINE"] = "1"


@pytest.fixture(scope="session")
def catalog():
    from advisor.models import load_catalog

    cat = load_catalog()
    assert not cat.errors, [str(e) for e in cat.errors]
    return cat


@pytest.fixture(scope="session")
def engine():
    from advisor.index.engine import Engine

    eng = Engine(SESSION_HOME / "index")
    yield eng
    eng.close()


@pytest.fixture(scope="session")
def matcher(catalog, engine):
    from advisor.guidance.matching import Matcher

    return Matcher(catalog, engine)


@pytest.fixture
def user_home(tmp_path, monkeypatch):
    """A fresh, empty user folder for one test."""
    home = tmp_path / "home"
    monkeypatch.setenv("ADVISOR_HOME", str(home))
    return home
