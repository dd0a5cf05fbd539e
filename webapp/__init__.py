"""Flask web app: ranked recommendations with reasons, in simplified Chinese.

Follows Flask's tutorial layout: ``create_app(test_config)`` with an
instance folder, and a lazy accessor (:func:`webapp.state.get_state`) that
loads the data and the model once per process, never per request; the
rankings of all organizations are computed once per data version
(:mod:`webapp.rankstore`) and read by every page.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from flask import Flask

from matcher.rankings import DEFAULT_K

from . import files

PROJECT_DIR = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None, *, instance_path: str | None = None) -> Flask:
    """Build the app; ``test_config`` overrides settings (tests, CLI)."""
    instance_path = instance_path or os.environ.get("GRANT_MATCHER_INSTANCE") or None  # e.g. for `flask run`
    app = Flask(__name__, instance_relative_config=True,
                instance_path=os.path.abspath(instance_path) if instance_path else None)
    app.config.from_mapping(
        GRANTS_PATH=str(PROJECT_DIR / "data" / "grants.csv"),
        ORGS_PATH=str(PROJECT_DIR / "data" / "orgs.csv"),
        MODEL_PATH=None,
        ENCODING=None,
        N_JOBS=1,
        PRIVATE=False,
        PUBLIC_NOTES=False,  # tracker marks, notes and staff names: staff only unless set
        AS_OF=None,
        STALE_AFTER_DAYS=365,  # a programme whose information is older is marked 资讯可能已过期，请核实
        EDIT_WAIT_SECONDS=10.0,  # an edit's request waits this long for its rankings before answering
        PUBLIC_URL=None,  # e.g. https://match.example.org/ for links in calendars; default: the request's
        TRACKER_DB=None,  # default: instance/tracker.sqlite
        SECURE_COOKIES=False,  # set when served over HTTPS
        MAX_CONTENT_LENGTH=8 * 1024 * 1024,  # the largest body: a data file upload (also waitress's limit)
        API_MAX_BYTES=64 * 1024,  # JSON bodies under /api/
        FORM_MAX_BYTES=256 * 1024,  # every other form: a 20,000-character profile, URL-encoded, fits
        LOGIN_MAX_FAILURES=5,  # per (username, address)
        LOGIN_MAX_FAILURES_PER_ADDRESS=20,  # per address, whatever the names
        LOGIN_LOCKOUT_SECONDS=30.0,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        RANKINGS_K=DEFAULT_K,  # programmes kept per organization in the rankings store
        RANKINGS_BACKGROUND=None,  # rank in a worker thread; default: yes, except under TESTING
    )
    if test_config:
        app.config.from_mapping({k: v for k, v in test_config.items() if v is not None or k == "MODEL_PATH"})
    files.private_dir(app.instance_path)  # 0700: password hashes, the secret key, notes, uploads
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented field order

    from . import (
        api,
        auth,
        calendars,
        db,
        downloads,
        edit_views,
        errors,
        portfolio,
        rankstore,
        security,
        state,
        tracker,
        uploads,
        views,
    )

    state.init_app(app)
    rankstore.init_app(app)
    db.init_app(app)
    auth.init_app(app)  # loads g.user: must run before the security guard
    security.init_app(app)
    errors.init_app(app)
    for module in (views, auth, tracker, api, downloads, uploads, edit_views, calendars, portfolio):
        app.register_blueprint(module.bp)
    return app
