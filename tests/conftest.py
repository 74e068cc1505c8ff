"""Shared fixtures: user state in a temporary folder; a fake embedder for unit tests and the real
model for tests marked ``model`` (matching quality and a few end-to-end flows)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SESSION_HOME = None
FAKE = None


def pytest_configure(config):
    # Every test run gets its own user folder: nothing touches the developer's real data.
    import tempfile

    global SESSION_HOME, FAKE
    SESSION_HOME = Path(tempfile.mkdtemp(prefix="advisor-test-home-"))
    os.environ["ADVISOR_HOME"] = str(SESSION_HOME)
    os.environ.pop("ADVISOR_DATA", None)
    os.environ.pop("COLUMNS", None)  # the CLI's text fits COLUMNS; tests that need a width set it (xdist workers get 80)
    os.environ["HF_HUB_OFFLINE"] = "1"
    config.addinivalue_line("markers", "model: uses the real embedding model (matching quality, end-to-end flows)")
    # Anything that asks for the default embedder (the CLI in-process, Advisor.ensure_matcher)
    # gets the fake one, unless the test is marked ``model`` (see _embedder_for_the_test).
    import advisor.index.embedder as emb
    from fakes import FakeEmbedder  # tests/ is on sys.path (pytest puts a rootless conftest's folder there)

    FAKE = FakeEmbedder()
    emb._default = FAKE


def uses_model(request) -> bool:
    return request.node.get_closest_marker("model") is not None


@pytest.fixture(scope="session")
def real_embedder():
    from advisor.index.embedder import Embedder

    return Embedder()


@pytest.fixture(autouse=True)
def _embedder_for_the_test(request, monkeypatch):
    """The default embedder during one test: the real model for ``model`` tests, else the fake."""
    import advisor.index.embedder as emb

    if uses_model(request):
        monkeypatch.setattr(emb, "_default", request.getfixturevalue("real_embedder"))
    else:
        monkeypatch.setattr(emb, "_default", FAKE)


@pytest.fixture(scope="session")
def fake_embedder():
    return FAKE


@pytest.fixture(scope="session")
def catalog():
    from advisor.models import load_catalog

    cat = load_catalog()
    assert not cat.errors, [str(e) for e in cat.errors]
    return cat


@pytest.fixture(scope="session")
def _engines():
    from advisor.index.engine import Engine

    made = {}
    yield made
    for eng in made.values():
        eng.close()


@pytest.fixture
def engine(request, _engines):
    """The session's engine for this test's embedder (one per embedder, index under the test home)."""
    from advisor.index.engine import Engine

    embedder = request.getfixturevalue("real_embedder") if uses_model(request) else FAKE
    if embedder.name not in _engines:
        _engines[embedder.name] = Engine(SESSION_HOME / "index", embedder=embedder)
    return _engines[embedder.name]


@pytest.fixture(scope="session")
def _matchers():
    return {}


@pytest.fixture
def matcher(catalog, engine, _matchers):
    from advisor.guidance.matching import Matcher

    key = engine.embedder.name
    if key not in _matchers:
        _matchers[key] = Matcher(catalog, engine)
    return _matchers[key]


@pytest.fixture
def user_home(tmp_path, monkeypatch):
    """A fresh, empty user folder for one test."""
    home = tmp_path / "home"
    monkeypatch.setenv("ADVISOR_HOME", str(home))
    return home


@pytest.fixture
def shared_index(monkeypatch):
    """Keep the session's embedding index when a test moves ADVISOR_HOME (no re-embedding)."""
    import advisor.config

    monkeypatch.setattr(advisor.config, "index_dir", lambda: SESSION_HOME / "index")


def shared_data(*parts: str):
    """A file or folder of the shared development data (``../shared`` beside the repo, or the
    workplace's /work/shared when the repo is cloned elsewhere); the first that exists, else the
    first candidate (tests skip when it is absent)."""
    from pathlib import Path

    candidates = [Path(__file__).resolve().parents[2] / "shared", Path("/work/shared")]
    for base in candidates:
        if (base.joinpath(*parts)).exists():
            return base.joinpath(*parts)
    return candidates[0].joinpath(*parts)


def run_cli(capsys, *argv):
    """``advisor ARGV`` in this process: (exit code, stdout, stderr)."""
    from advisor.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
