"""Flask web app: ranked recommendations with reasons, in simplified Chinese.

Follows Flask's tutorial layout: ``create_app(test_config)`` with an
instance folder, and a lazy accessor (:func:`webapp.state.get_state`) that
loads the data and the model once per process, never per request.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

PROJECT_DIR = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None, *, instance_path: str | None = None) -> Flask:
    """Build the app; ``test_config`` overrides settings (tests, CLI)."""
    app = Flask(__name__, instance_relative_config=True,
                instance_path=os.path.abspath(instance_path) if instance_path else None)
    app.config.from_mapping(
        GRANTS_PATH=str(PROJECT_DIR / "data" / "grants.csv"),
        ORGS_PATH=str(PROJECT_DIR / "data" / "orgs.csv"),
        MODEL_PATH=None,
        ENCODING=None,
        N_JOBS=1,
        PRIVATE=False,
        AS_OF=None,
        MAX_CONTENT_LENGTH=8 * 1024 * 1024,
        JSON_AS_ASCII=False,
    )
    if test_config:
        app.config.from_mapping({k: v for k, v in test_config.items() if v is not None or k == "MODEL_PATH"})
    os.makedirs(app.instance_path, exist_ok=True)
    app.json.ensure_ascii = False

    from . import state, views

    state.init_app(app)
    app.register_blueprint(views.bp)
    return app
