"""Shared fixtures: the bundled data, one fitted model per session, a Flask app."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"
AS_OF = date(2026, 11, 28)


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory):
    """Keep jieba's and the models' caches out of the user's home."""
    mp = pytest.MonkeyPatch()
    mp.setenv("GRANT_MATCHER_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def grants():
    from matcher.io import load_grants

    return load_grants(DATA / "grants.csv")


@pytest.fixture(scope="session")
def orgs():
    from matcher.io import load_orgs

    return load_orgs(DATA / "orgs.csv")


@pytest.fixture(scope="session")
def tokenizer():
    from matcher.tokenize import Tokenizer

    return Tokenizer().warm_up()


@pytest.fixture(scope="session")
def model(grants, tokenizer):
    from matcher.model import MatchModel

    return MatchModel(tokenizer=tokenizer).fit(grants)


@pytest.fixture(scope="session")
def matcher(model, grants):
    from matcher.rank import Matcher

    return Matcher(model, grants)


@pytest.fixture(scope="session")
def model_file(tmp_path_factory, model):
    from matcher.model import save_model

    return save_model(model, tmp_path_factory.mktemp("model") / "model.joblib")


@pytest.fixture()
def app(tmp_path, model_file):
    from webapp import create_app

    return create_app(
        {"TESTING": True, "MODEL_PATH": str(model_file), "AS_OF": AS_OF.isoformat(),
         "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False},
        instance_path=str(tmp_path / "instance"),
    )


@pytest.fixture()
def client(app):
    return app.test_client()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write a small CSV for a test (helpers, not fixtures: each test says its data)."""
    path.write_bytes(text.encode(encoding))
    return path
