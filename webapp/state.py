"""The data and model a running app serves, loaded once per process.

Views call :func:`get_state` once per request and read only that object:
an upload builds a whole new :class:`AppState` and swaps it in with one
assignment, so a request never sees old programmes with a new model.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import Flask, current_app, g

from matcher.io import grants_fingerprint, load_grants, load_orgs
from matcher.pipeline import open_matcher
from matcher.rank import Matcher
from matcher.records import Grant, Org

from . import datastore

EXTENSION = "grant_matcher"


@dataclass(frozen=True)
class AppState:
    """What every view reads: immutable, swapped whole when data changes."""

    matcher: Matcher
    orgs: tuple[Org, ...]
    updated: Mapping[str, str] = field(default_factory=dict)
    grants_source: str = ""
    orgs_source: str = ""
    _org_index: Mapping[str, Org] = field(default_factory=dict, repr=False)

    def org(self, org_id: str) -> Org | None:
        """The organization with this id, or None."""
        return self._org_index.get(org_id)

    @property
    def grants(self) -> tuple[Grant, ...]:
        """The programmes, in file order."""
        return self.matcher.grants


def build_state(app: Flask, grants: Sequence[Grant], orgs: Sequence[Org], *, grants_source: Path,
                orgs_source: Path, first_seen: str | None = None) -> AppState:
    """Load or fit the model for these programmes (the one slow step) and bundle it all."""
    cfg = app.config
    ready = cfg.get("MATCHER")
    if isinstance(ready, Matcher) and ready.grants == tuple(grants):
        matcher = ready  # embedding or tests: a model already fitted on exactly these programmes
    else:
        matcher, _ = open_matcher(grants, datastore.model_path(app, grants_fingerprint(grants)), n_jobs=cfg["N_JOBS"])
    matcher.model.tokenizer_.warm_up()
    updated = datastore.update_dates(app, grants, grants_source, first_seen=first_seen)
    return AppState(matcher=matcher, orgs=tuple(orgs), updated=updated, grants_source=grants_source.name,
                    orgs_source=orgs_source.name, _org_index={o.org_id: o for o in orgs})


def load_state(app: Flask) -> AppState:
    """Read the current files (uploaded, else configured) and load or build the model once."""
    enc = app.config["ENCODING"]
    gpath = datastore.source_path(app, "grants")
    opath = datastore.source_path(app, "orgs")
    grants = load_grants(gpath, encoding=enc)
    orgs = load_orgs(opath, encoding=enc)
    return build_state(app, grants, orgs, grants_source=gpath, orgs_source=opath)


def _lock(app: Flask) -> threading.Lock:
    return app.extensions["grant_matcher_lock"]


def get_state() -> AppState:
    """The app's state, loaded on first use; the same object for a whole request."""
    st = g.get("state")
    if st is not None:
        return st
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    st = app.extensions.get(EXTENSION)
    if st is None:
        with _lock(app):
            st = app.extensions.get(EXTENSION)
            if st is None:
                st = app.extensions[EXTENSION] = load_state(app)
    g.state = st
    return st


def swap_state(app: Flask, new: AppState) -> None:
    """Serve ``new`` from the next request on (one assignment: atomic)."""
    app.extensions[EXTENSION] = new


def update_lock(app: Flask) -> threading.Lock:
    """Held while an upload validates, rebuilds and swaps: one change at a time."""
    return app.extensions["grant_matcher_update_lock"]


def as_of() -> date:
    """The date conditions and deadlines are judged against (config or today)."""
    v = current_app.config.get("AS_OF")
    return date.fromisoformat(v) if isinstance(v, str) else (v or date.today())


def init_app(app: Flask) -> None:
    """Nothing is loaded here; :func:`get_state` loads lazily, ``serve`` eagerly."""
    app.extensions.setdefault(EXTENSION, None)
    app.extensions["grant_matcher_lock"] = threading.Lock()
    app.extensions["grant_matcher_update_lock"] = threading.Lock()
