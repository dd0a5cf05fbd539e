"""Pages: each reads the stored rankings (or asks the library for one ranking) and renders; no ranking logic here."""

from __future__ import annotations

from flask import Blueprint, current_app, g, render_template, request

from matcher.errors import NotFoundError
from matcher.labels import is_related, score_labels
from matcher.limits import application_limits
from matcher.profile_quality import check_profile
from matcher.rank import recommend
from matcher.records import LEGAL_FORMS, RATINGS, STAGES, Grant, Org

from . import listing, present, rankstore, search
from .db import get_db
from .highlight import segments, term_forms
from .profiles import FIELDS as PROFILE_FIELDS
from .profiles import MAX_PROFILE, validate_profile
from .state import AppState, as_of, get_state
from .tracker import (
    PLANS,
    REJECTED,
    STATUSES,
    Entry,
    all_entries,
    entries_for,
    entries_of_orgs,
    history,
    notes_visible,
    rejected_of,
    saved_messages,
)

bp = Blueprint("main", __name__)

HOME_TOP = 3
HOME_PER_PAGE = 20
OVERVIEW_PER_PAGE = 50
GRANTS_PER_PAGE = 50
MAX_QUERY = 500


def grant_info(gr: Grant) -> present.InfoView:
    """A programme's information date and staleness note today (a template global, macros use it too)."""
    return present.info_view(gr, as_of(), int(current_app.config["STALE_AFTER_DAYS"]))


def next_window(gr: Grant) -> present.WindowView | None:
    """When a programme whose round is over is expected back (an estimate), or its newer edition (a template global)."""
    return present.window_view(get_state().matcher, gr, as_of())


@bp.record_once
def _register(setup) -> None:
    setup.app.jinja_env.globals["grant_info"] = grant_info
    setup.app.jinja_env.globals["next_window"] = next_window


def _org_or_404(st: AppState, org_id: str) -> Org:
    org = st.org(org_id)
    if org is None:
        pending = "（数据正在更新，请几秒后刷新本页）" if rankstore.progress() else ""
        raise NotFoundError(f"没有编号为“{org_id}”的机构{pending}")
    return org


def _rejected(entries) -> set[str]:
    return {gid for gid, e in entries.items() if e.status == REJECTED}


def _marks(org_id: str) -> dict[str, Entry]:
    """This organization's tracker marks, for those who may see them (else none)."""
    return entries_for(get_db(), org_id) if notes_visible() else {}


def _marks_of(org_ids: list[str]) -> dict[tuple[str, str], Entry]:
    """The tracker marks of a page's organizations, for those who may see them (else none)."""
    return entries_of_orgs(get_db(), org_ids) if notes_visible() else {}


def _form_context() -> dict:
    return {"legal_forms": LEGAL_FORMS, "stages": STAGES, "ratings": RATINGS, "profile_fields": PROFILE_FIELDS}


def _related(v: present.MatchView) -> bool:
    return v.related


@bp.app_context_processor
def _labels() -> dict:
    """Every template may state the score labels and their thresholds."""
    return {"score_labels": score_labels(), "funder_name": present.funder_name,
            "reasons_in_words": present.reasons_in_words}


@bp.app_template_filter("version_time")
def _version_time(name: str) -> str:
    """``grants-20261129T132405.csv`` → ``2026-11-29 13:24``."""
    return present.version_time(name)


@bp.app_template_filter("when")
def _when(value: str | None) -> str:
    """Stored time stamps as people read them: ``2026-11-29 13:24``."""
    return present.when(value)


@bp.get("/")
def index():
    """The organizations a page at a time (search, filters, sort), each with its top programmes."""
    st = get_state()
    query = listing.OrgQuery.from_args(request.args)
    best = rankstore.best_scores(st) if query.sort == "score" else None
    orgs = listing.sort_orgs(listing.filter_orgs(st.orgs, query), query.sort, best)
    page = listing.paginate(orgs, query.page, HOME_PER_PAGE)
    rejected = rejected_of(_marks_of([o.org_id for o in page.items]))
    labels = score_labels()
    results = []
    for org in page.items:
        keep = present.keep_filter(present.Options(), rejected.get(org.org_id, ()))
        matches = [m for m in rankstore.ranked(st, org, top=HOME_TOP, keep=keep) if is_related(m)]
        results.append((org, [(m, present.bar_class(m.score), labels.of(m)) for m in matches],
                        st.profile_check(org)))
    return render_template("index.html", results=results, page=page, query=query, sorts=listing.SORTS,
                           score_pending=query.sort == "score" and best is None,
                           links=listing.page_links(page, query.args()), cities=listing.cities(st.orgs),
                           fields=listing.fields(st.orgs), n_orgs=len(st.orgs), n_grants=len(st.grants),
                           form={}, errors={}, **_form_context())


@bp.get("/grants")
def grants():
    """The programmes a page at a time, or those a search finds (ranked like a profile, plus name matches)."""
    st = get_state()
    q = request.args.get("q", "").strip()[:MAX_QUERY]
    number = listing.page_number(request.args)
    if q:
        found = search.find(st.matcher, q, as_of())
        hits = listing.paginate(found.hits, number, GRANTS_PER_PAGE)
        page = listing.Page(items=search.rows(st.matcher, found, hits.items, as_of()), number=hits.number,
                            pages=hits.pages, total=hits.total, first=hits.first)
    else:
        listed = listing.paginate(st.grants, number, GRANTS_PER_PAGE)
        page = listing.Page(items=[(gr, None, [(gr.name, False)], (), "") for gr in listed.items],
                            number=listed.number, pages=listed.pages, total=listed.total, first=listed.first)
    return render_template("grants.html", q=q, page=page, links=listing.page_links(page, {"q": q}))


@bp.get("/grants/<grant_id>")
def grant(grant_id: str):
    """One programme: full text, conditions with evidence, the organizations that fit it best."""
    st = get_state()
    gr = st.matcher.grant(grant_id)
    conds = st.matcher.conditions(st.matcher.index[grant_id])
    evidence = [c.evidence for c in conds if c.evidence]
    try:
        top = present.parse_top(request.args.get("top"), present.FIT_TOPS[0])
    except ValueError:
        top = present.FIT_TOPS[0]
    labels = score_labels()
    fits = [(f, present.bar_class(f.score), present.ELIGIBILITY_LABELS.get(f.eligibility, f.eligibility),
             labels.of(f)) for f in rankstore.fits(st, grant_id, top=top)]
    related, others = present.split_related(fits, lambda x: is_related(x[0]))
    return render_template(
        "grant.html",
        grant=gr,
        conds=conds,
        eligibility=segments(gr.eligibility, evidence),
        description=segments(gr.description, evidence),
        fits=related,
        other_fits=others,
        plans=_plans(grant_id),
        statuses=STATUSES,
        saved=saved_messages(),
        top=top,
        tops=present.FIT_TOPS,
        n_orgs=len(st.orgs),
        holders=rankstore.holders(st, grant_id, HOME_TOP),
        holders_within=HOME_TOP,
        expired=gr.deadline is not None and gr.deadline < as_of(),
        limits=application_limits(gr),
    )


def _plans(grant_id: str) -> list[tuple[Entry, str]]:
    """Who plans to apply to (or applied to, or won) this programme, for those who may see marks."""
    if not notes_visible():
        return []
    st = get_state()
    return [(e, st.org(e.org_id).name if st.org(e.org_id) else e.org_id)  # type: ignore[union-attr]
            for e in all_entries(get_db(), grant_id=grant_id) if e.status in PLANS]


@bp.route("/match", methods=("GET", "POST"))
def match():
    """Rank programmes for a pasted profile; nothing is saved."""
    if request.method == "GET":
        return render_template("match.html", form={}, errors={}, views=None, **_form_context())
    org, errors = validate_profile(request.form, from_form=True, today=as_of())
    if org is None:
        return render_template("match.html", form=request.form, errors=errors, views=None,
                               **_form_context()), 400
    return render_match(org, request.form)


def render_match(org: Org, form, *, save_form=None, save_errors=None, status: int = 200):
    """The ad-hoc ranking of ``org`` under the form that asked for it (also after a failed 保存为新机构)."""
    st = get_state()
    matches = recommend(st.matcher, org, top=10, as_of=as_of())
    tok = st.matcher.model.tokenizer_
    views, others = present.split_related([present.match_view(m, org, tok, as_of()) for m in matches], _related)
    return render_template("match.html", form=form, errors={}, views=views, others=others, org=org,
                           quality=check_profile(org, tok), used_chars=len(org.profile), max_chars=MAX_PROFILE,
                           save_form=save_form or {}, save_errors=save_errors or {}, **_form_context()), status


@bp.get("/orgs/<org_id>")
def org(org_id: str):
    """One organization: profile, ranked programmes with reasons, checklist, tracker."""
    st = get_state()
    o = _org_or_404(st, org_id)
    opts = present.Options.from_args(request.args)
    entries = _marks(org_id)
    matches = rankstore.ranked(st, o, top=opts.top, hide_expired=opts.hide_expired,
                               hide_ineligible=opts.hide_ineligible,
                               keep=present.keep_filter(opts, _rejected(entries)))
    if opts.sort == "deadline":
        matches = present.by_deadline(matches)
    tok = st.matcher.model.tokenizer_
    forms = term_forms(tok, [r.term for m in matches for r in m.reasons])
    views, others = present.split_related([present.match_view(m, o, tok, as_of()) for m in matches], _related)
    return render_template(
        "org.html",
        org=o,
        profile=segments(o.profile, forms),
        views=views,
        others=others,
        quality=st.profile_check(o),
        opts=opts,
        categories=present.categories(st.grants),
        regions=present.regions(st.grants),
        entries=entries,
        statuses=STATUSES,
        n_rejected=len(_rejected(entries)),
        keep_args=present.keep_args(opts),
        saved=saved_messages(),
    )


@bp.get("/overview")
def overview():
    """Staff overview: per organization its top K programmes, coloured by score and eligibility."""
    st = get_state()
    opts = present.OverviewOptions.from_args(request.args)
    orgs = listing.filter_orgs(st.orgs, listing.OrgQuery(q=opts.q))
    page = listing.paginate(orgs, opts.page, OVERVIEW_PER_PAGE)
    marks = _marks_of([o.org_id for o in page.items])
    keep = opts.keep()
    rows = []
    for o in page.items:
        cells = [(e, present.score_class(e.score), marks.get((o.org_id, e.grant.grant_id)))
                 for e in rankstore.entries(st, o, top=opts.k, hide_ineligible=opts.hide_ineligible,
                                            hide_expired=opts.hide_expired, keep=keep)]
        rows.append((o, cells, range(opts.k - len(cells))))
    return render_template("overview.html", rows=rows, opts=opts, page=page, ks=present.OVERVIEW_KS,
                           links=listing.page_links(page, opts.args()), categories=present.categories(st.grants),
                           regions=present.regions(st.grants), symbols=present.ELIGIBILITY_SYMBOLS,
                           n_orgs=len(st.orgs),
                           any_stale=any(grant_info(e.grant).note for _, cells, _ in rows for e, _, _ in cells))


@bp.get("/orgs/<org_id>/advice")
def advice(org_id: str):
    """Printable advice sheet: top matches, reasons, conditions to fix or confirm, deadlines, notes."""
    st = get_state()
    o = _org_or_404(st, org_id)
    opts = present.Options.from_args(request.args, default_top=5)
    conn = get_db()
    entries = _marks(org_id)
    matches = rankstore.ranked(st, o, top=opts.top, hide_expired=opts.hide_expired,
                               keep=present.keep_filter(opts, _rejected(entries)))
    tok = st.matcher.model.tokenizer_
    log = history(conn, org_id)
    views, _others = present.split_related([present.match_view(m, o, tok, as_of()) for m in matches], _related)
    return render_template(
        "advice.html",
        org=o,
        views=views,
        quality=st.profile_check(o),
        entries=entries,
        history=log if notes_visible() else [],
        grant_names={e.grant_id: st.matcher.grant(e.grant_id).name for e in log if e.grant_id in st.matcher.index},
        as_of=as_of(),
        user=g.get("user"),
    )
