"""Staff's portfolio view: the calls several organizations rank highly for, and who goes for which.

Thin: the calls come from :func:`matcher.portfolio.shared_calls` over the
stored rankings, the limits from :mod:`matcher.limits`; an assignment is a
tracker mark (:data:`ASSIGNED`, with a note saying it was assigned here),
so it shows on the organization page, the tracker board and the calendar
like any other. Staff only: it shows tracker marks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from matcher.labels import score_labels
from matcher.limits import Limit
from matcher.portfolio import Contender, SharedCall, shared_calls

from . import listing, present, rankstore
from .db import get_db
from .security import staff_only
from .state import as_of, get_state
from .tracker import MAX_NOTE, PLANS, Entry, all_entries, entries_of_orgs, known_pair, save

bp = Blueprint("portfolio", __name__)

WITHIN = (3, 5, 10)
MIN_ORGS = (2, 3, 5)
PER_PAGE = 20
MAIN = 5  # contenders always shown per call; weaker fits beyond them are collapsed
ASSIGNED = "计划申请"
ASSIGN_NOTE = "资源对接：分配由本机构申报"


@dataclass(frozen=True)
class Options:
    """The controls of the portfolio view (a GET form)."""

    within: int = 5
    min_orgs: int = 2
    expired: bool = False
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Options:
        """Read the query string; bad values fall back to the defaults."""
        def pick(key: str, allowed: tuple[int, ...], default: int) -> int:
            try:
                v = int(args.get(key, default))
            except ValueError:
                return default
            return v if v in allowed else default

        return cls(within=pick("within", WITHIN, cls.within), min_orgs=pick("min", MIN_ORGS, cls.min_orgs),
                   expired=args.get("expired", "") in ("1", "on"), page=listing.page_number(args))

    def args(self) -> dict[str, str]:
        """The non-default controls, for links and for returning after an assignment."""
        out = {}
        if self.within != Options.within:
            out["within"] = str(self.within)
        if self.min_orgs != Options.min_orgs:
            out["min"] = str(self.min_orgs)
        if self.expired:
            out["expired"] = "1"
        return out


@dataclass(frozen=True)
class CallView:
    """One shared call as the page shows it: the call, the marks of its contenders, who plans to apply."""

    call: SharedCall
    main: list[Contender]  # shown: those that may apply and fit well (at least the first MAIN)
    rest: list[Contender]  # collapsed: weaker fits and those that may not apply
    marks: dict[str, Entry]  # org_id -> this call's mark
    planned: list[tuple[Entry, str]]  # every organization marked to apply (计划申请 / 已申请 / 获资助), with its name
    crowded: Limit | None
    over: Limit | None
    window: present.WindowView | None


def _split(call: SharedCall) -> tuple[list[Contender], list[Contender]]:
    """The contenders to show (those that may apply and fit well, at least the first :data:`MAIN`) and the rest."""
    labels = score_labels()
    keep = {id(c) for c in call.contenders if c.may_apply and labels.label(c.score).level in ("high", "mid")}
    for c in call.contenders:
        if len(keep) >= MAIN:
            break
        keep.add(id(c))
    return ([c for c in call.contenders if id(c) in keep], [c for c in call.contenders if id(c) not in keep])


def _views(calls: list[SharedCall]) -> list[CallView]:
    st = get_state()
    conn = get_db()
    ids = list(dict.fromkeys(c.org.org_id for call in calls for c in call.contenders))
    marks = entries_of_orgs(conn, ids)
    out = []
    for call in calls:
        gid = call.grant.grant_id
        planned = [(e, st.org(e.org_id).name if st.org(e.org_id) else e.org_id)  # type: ignore[union-attr]
                   for e in all_entries(conn, grant_id=gid) if e.status in PLANS]
        out.append(CallView(call, *_split(call), {c.org.org_id: marks[(c.org.org_id, gid)] for c in call.contenders
                                   if (c.org.org_id, gid) in marks},
                            planned, call.crowded(), call.over(len(planned)),
                            present.window_view(st.matcher, call.grant, as_of())))
    return out


@bp.get("/portfolio")
@staff_only
def view():
    """Calls in several organizations' first places: who fits best, who may apply, limits, assignments."""
    st = get_state()
    opts = Options.from_args(request.args)
    lists = ((o, rankstore.entries(st, o, top=opts.within, hide_expired=not opts.expired)) for o in st.orgs)
    calls = shared_calls(lists, within=opts.within, min_orgs=opts.min_orgs)
    page = listing.paginate(calls, opts.page, PER_PAGE)
    return render_template("portfolio.html", views=_views(page.items), page=page, opts=opts, withins=WITHIN,
                           mins=MIN_ORGS, n_orgs=len(st.orgs), n_calls=len(calls), as_of=as_of(), user=g.user,
                           links=listing.page_links(page, opts.args()), assigned=ASSIGNED, orgs=st.orgs)


@bp.post("/portfolio/assign")
@staff_only
def assign():
    """Record that one organization goes for one call: a tracker mark 计划申请 with a note."""
    grant_id, org_id = request.form.get("grant_id", ""), request.form.get("org_id", "")
    if not grant_id or grant_id not in get_state().matcher.index:
        abort(404)
    back = {k: v for k, v in request.form.items() if k in ("within", "min", "expired", "page") and v}
    note = request.form.get("note", "").strip()
    if not org_id:
        flash("请选择一家机构。", "error")
    elif not known_pair(org_id, grant_id):
        abort(404)
    elif len(note) > MAX_NOTE - len(ASSIGN_NOTE) - 1:
        flash(f"备注不能超过 {MAX_NOTE - len(ASSIGN_NOTE) - 1} 个字。", "error")
    else:
        st = get_state()
        save(get_db(), org_id, grant_id, ASSIGNED, f"{ASSIGN_NOTE}；{note}" if note else ASSIGN_NOTE, g.user)
        flash(f"已记录：{st.org(org_id).name} 申报 {st.matcher.grant(grant_id).name}（{ASSIGNED}）。")  # type: ignore[union-attr]
    return redirect(url_for("portfolio.view", **back) + f"#c-{grant_id}")
