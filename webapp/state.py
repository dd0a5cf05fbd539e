"""The data and model a running app serves, loaded once per process."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from flask import Flask, current_app

from matcher.io import load_grants, load_orgs
from matcher.pipeline import open_matcher
from matcher.rank import Matcher
from matcher.records import Org

_LOCK = threading.Lock()


@dataclass(frozen=True)
class AppState:
    """What every view reads: immutable, swapped whole when data changes."""

    matcher: Matcher
    orgs: tuple[Org, ...]

    def org(self, org_id: str) -> Org | None:
        return next((o for o in self.orgs if o.org_id == org_id), None)


def load_state(app: Flask) -> AppState:
    """Read the configured files and load (or build once) the model."""
    cfg = app.config
    grants = load_grants(cfg["GRANTS_PATH"], encoding=cfg["ENCODING"])
    orgs = load_orgs(cfg["ORGS_PATH"], encoding=cfg["ENCODING"])
    matcher, _ = open_matcher(grants, cfg["MODEL_PATH"], n_jobs=cfg["N_JOBS"])
    return AppState(matcher=matcher, orgs=tuple(orgs))


def get_state() -> AppState:
    """The app's state, loaded on first use and cached in ``app.extensions``."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    st = app.extensions.get("grant_matcher")
    if st is None:
        with _LOCK:
            st = app.extensions.get("grant_matcher")
            if st is None:
                st = app.extensions["grant_matcher"] = load_state(app)
    return st


def as_of() -> date:
    """The date conditions and deadlines are judged against (config or today)."""
    v = current_app.config.get("AS_OF")
    return date.fromisoformat(v) if isinstance(v, str) else (v or date.today())


def init_app(app: Flask) -> None:
    """Nothing is loaded here; :func:`get_state` loads lazily, ``serve`` eagerly."""
    app.extensions.setdefault("grant_matcher", None)
