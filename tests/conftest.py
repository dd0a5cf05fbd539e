"""Shared fixtures: the bundled data, one fitted model per session, a Flask app."""

from __future__ import annotations

import re
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


# -- web app -----------------------------------------------------------------------

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "correct horse battery"


def make_app(tmp_path, matcher, **config):
    """An app on a fresh instance, with the session's fitted matcher (no model load, no jieba start)."""
    from webapp import create_app

    cfg = {"TESTING": True, "MATCHER": matcher, "AS_OF": AS_OF.isoformat(), "SECRET_KEY": "test", **config}
    return create_app(cfg, instance_path=str(tmp_path / "instance"))


@pytest.fixture()
def app(tmp_path, matcher):
    """A test app on a fresh instance (see :func:`make_app`)."""
    return make_app(tmp_path, matcher)


def csrf(client, url: str = "/login") -> str:
    """The session's CSRF token, as a form on ``url`` carries it."""
    m = CSRF.search(client.get(url).get_data(as_text=True))
    assert m, f"no csrf_token on {url}"
    return m.group(1)


def add_staff(app, name: str = "staff") -> str:
    from webapp.auth import set_user
    from webapp.db import connect, db_path

    conn = connect(db_path(app))
    try:
        set_user(conn, name, PASSWORD)
    finally:
        conn.close()
    return name


def login(client, name: str = "staff", password: str = PASSWORD):
    return client.post("/login", data={"username": name, "password": password, "csrf_token": csrf(client)})


def logged_in(app, client):
    """``client``, logged in as a new staff member."""
    add_staff(app)
    r = login(client)
    assert r.status_code == 302
    return client


@pytest.fixture()
def staff_client(app, client):
    return logged_in(app, client)


def text(r) -> str:
    return r.get_data(as_text=True)


@pytest.fixture()
def client(app):
    return app.test_client()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write a small CSV for a test (helpers, not fixtures: each test says its data)."""
    path.write_bytes(text.encode(encoding))
    return path


# -- the synthetic portfolio (data/portfolio: invented, issue 15) -----------------------------

PORTFOLIO = DATA / "portfolio"


@pytest.fixture(scope="session")
def portfolio_matcher(tokenizer):
    from matcher.io import load_grants
    from matcher.model import MatchModel
    from matcher.rank import Matcher

    grants = load_grants(PORTFOLIO / "grants.csv")
    return Matcher(MatchModel(tokenizer=tokenizer).fit(grants), grants)


@pytest.fixture()
def portfolio_app(tmp_path, portfolio_matcher):
    """An app serving the 24 organizations and 18 calls of the synthetic portfolio."""
    return make_app(tmp_path, portfolio_matcher, GRANTS_PATH=str(PORTFOLIO / "grants.csv"),
                    ORGS_PATH=str(PORTFOLIO / "orgs.csv"))
