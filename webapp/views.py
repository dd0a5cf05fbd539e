"""Views: each asks the library and renders; no ranking logic lives here."""

from __future__ import annotations

from flask import Blueprint, render_template

from matcher.rank import recommend_many

from .state import as_of, get_state

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """The organizations, each with its ranked programmes and reasons."""
    st = get_state()
    results = list(recommend_many(st.matcher, st.orgs, top=5, as_of=as_of()))
    return render_template("index.html", results=results, n_grants=len(st.matcher.grants))
