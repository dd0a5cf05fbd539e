"""The data, model and rankings a running app serves, loaded once per process.

Views call :func:`get_state` once per request and read only that object:
an upload builds a whole new :class:`AppState` and swaps it in with one
assignment, so a request never sees old programmes with a new model, or
rankings of other data. The rankings are made by :mod:`webapp.rankstore`.
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
from matcher.profile_quality import ProfileCheck, check_profile
from matcher.rank import Matcher
from matcher.rankings import Rankings
from matcher.records import Grant, Org

from . import datastore

EXTENSION = "grant_matcher"


@dataclass(frozen=True)
class AppState:
    """What every view reads: immutable, swapped whole when data changes."""

    matcher: Matcher
    orgs: tuple[Org, ...]
    grants_source: str = ""
    orgs_source: str = ""
    rankings: Rankings | None = None  # every organization's first K programmes; None until computed
    _org_index: Mapping[str, Org] = field(default_factory=dict, repr=False)
    _checks: dict[str, tuple[Org, ProfileCheck]] = field(default_factory=dict, repr=False, compare=False)

    def org(self, org_id: str) -> Org | None:
        """The organization with this id, or None."""
        return self._org_index.get(org_id)

    def profile_check(self, org: Org) -> ProfileCheck:
        """:func:`~matcher.profile_quality.check_profile` of ``org``, kept for this data
        version: the home page shows it for every organization listed, and
        tokenizing twenty profiles per view cost more than the rankings."""
        held = self._checks.get(org.org_id)
        if held is not None and held[0] == org:
            return held[1]
        found = check_profile(org, self.matcher.model.tokenizer_)
        if self._org_index.get(org.org_id) == org:  # only the version's own records (not an ad-hoc probe)
            self._checks[org.org_id] = (org, found)
        return found

    @property
    def grants(self) -> tuple[Grant, ...]:
        """The programmes, in file order."""
        return self.matcher.grants


def build_state(app: Flask, grants: Sequence[Grant], orgs: Sequence[Org], *, grants_source: Path,
                orgs_source: Path) -> AppState:
    """Load or fit the model for these programmes (the one slow step) and bundle it all."""
    cfg = app.config
    ready = cfg.get("MATCHER")
    if isinstance(ready, Matcher) and ready.grants == tuple(grants):
        matcher = ready  # embedding or tests: a model already fitted on exactly these programmes
    else:
        matcher, _ = open_matcher(grants, datastore.model_path(app, grants_fingerprint(grants)), n_jobs=cfg["N_JOBS"])
    matcher.model.tokenizer_.warm_up()
    return AppState(matcher=matcher, orgs=tuple(orgs), grants_source=grants_source.name,
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


def current(app: Flask) -> AppState:
    """The state served now, loaded on first use (outside a request too: the update worker)."""
    st = app.extensions.get(EXTENSION)
    if st is None:
        with _lock(app):
            st = app.extensions.get(EXTENSION)
            if st is None:
                st = app.extensions[EXTENSION] = load_state(app)
    return st


def get_state() -> AppState:
    """The app's state, loaded on first use; the same object for a whole request.

    When its rankings are missing or of another day, :mod:`webapp.rankstore`
    is asked for new ones (made in the background; meanwhile this state is
    served and pages rank what they show on the fly).
    """
    st = g.get("state")
    if st is not None:
        return st
    from . import rankstore  # rankstore builds on this module

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    st = rankstore.ensure(app, current(app))
    g.state = st
    return st


def swap_state(app: Flask, new: AppState) -> None:
    """Serve ``new`` from the next request on (one assignment: atomic)."""
    app.extensions[EXTENSION] = new


def swap_if(app: Flask, old: AppState, new: AppState) -> bool:
    """Serve ``new`` only if ``old`` is still served (an upload may have replaced it meanwhile)."""
    with _lock(app):
        if app.extensions.get(EXTENSION) is not old:
            return False
        app.extensions[EXTENSION] = new
        return True


def update_lock(app: Flask) -> threading.RLock:
    """Held while a change reads the current file, writes the next and queues its rebuild: one change at a time."""
    return app.extensions["grant_matcher_update_lock"]


def as_of(app: Flask | None = None) -> date:
    """The date conditions and deadlines are judged against (config or today)."""
    v = (app or current_app).config.get("AS_OF")
    return date.fromisoformat(v) if isinstance(v, str) else (v or date.today())


def init_app(app: Flask) -> None:
    """Nothing is loaded here; :func:`get_state` loads lazily, ``serve`` eagerly."""
    app.extensions.setdefault(EXTENSION, None)
    app.extensions["grant_matcher_lock"] = threading.Lock()
    app.extensions["grant_matcher_update_lock"] = threading.RLock()
