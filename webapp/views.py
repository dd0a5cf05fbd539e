"""Pages: each asks the library for the one ranking and renders; no ranking logic here."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from matcher.errors import NotFoundError
from matcher.rank import orgs_for_grant, recommend, recommend_many
from matcher.records import LEGAL_FORMS, STAGES, Org

from . import present
from .db import get_db
from .highlight import segments, term_forms
from .profiles import validate_profile
from .state import AppState, as_of, get_state
from .tracker import REJECTED, STATUSES, Entry, all_entries, entries_for, history, notes_visible

bp = Blueprint("main", __name__)

HOME_TOP = 3
MAX_QUERY = 500


def _org_or_404(st: AppState, org_id: str) -> Org:
    org = st.org(org_id)
    if org is None:
        raise NotFoundError(f"没有编号为“{org_id}”的机构")
    return org


def _rejected(entries) -> set[str]:
    return {gid for gid, e in entries.items() if e.status == REJECTED}


def _marks(org_id: str) -> dict[str, Entry]:
    """This organization's tracker marks, for those who may see them (else none)."""
    return entries_for(get_db(), org_id) if notes_visible() else {}


def _all_marks() -> dict[tuple[str, str], Entry]:
    return all_entries(get_db()) if notes_visible() else {}


def _form_context() -> dict:
    return {"legal_forms": LEGAL_FORMS, "stages": STAGES}


@bp.get("/")
def index():
    """The organizations, each with its top programmes at a glance; search and ad-hoc forms."""
    st = get_state()
    marks = _all_marks()
    rejected: dict[str, set[str]] = {}
    for (org_id, gid), e in marks.items():
        if e.status == REJECTED:
            rejected.setdefault(org_id, set()).add(gid)
    extra = max((len(v) for v in rejected.values()), default=0)
    results = []
    for org, matches in recommend_many(st.matcher, st.orgs, top=HOME_TOP + extra, as_of=as_of()):
        shown = [m for m in matches if m.grant.grant_id not in rejected.get(org.org_id, ())][:HOME_TOP]
        results.append((org, [(m, present.bar_class(m.score)) for m in shown]))
    return render_template("index.html", results=results, n_grants=len(st.grants), form={}, errors={},
                           **_form_context())


@bp.get("/grants")
def grants():
    """All programmes, or those a search finds (ranked like a profile, plus name matches)."""
    st = get_state()
    q = request.args.get("q", "").strip()[:MAX_QUERY]
    if not q:
        rows = [(gr, None, [(gr.name, False)], (), "") for gr in st.grants]
        return render_template("grants.html", q=q, rows=rows, updated=st.updated)
    probe = Org(org_id="", name="", profile=q)
    ranked = recommend(st.matcher, probe, top=len(st.grants), as_of=as_of())
    needle = q.lower()

    def literal(m) -> bool:
        gr = m.grant
        return any(needle in s.lower() for s in (gr.name, gr.funder, gr.category, gr.grant_id))

    tok = st.matcher.model.tokenizer_
    asked = set(tok(q))

    def typed(m) -> bool:  # shares a word the visitor typed (not only the model's implicit 不限领域)
        return any(r.term in asked for r in m.reasons)

    hits = [m for m in ranked if literal(m)] + [m for m in ranked if typed(m) and not literal(m)]
    rows = []
    for m in hits:
        shown = tuple(r for r in m.reasons if r.term in asked)
        forms = term_forms(tok, [r.term for r in shown]) + [q]
        rows.append((m.grant, m, segments(m.grant.name, forms), shown, present.bar_class(m.score)))
    return render_template("grants.html", q=q, rows=rows, updated=st.updated)


@bp.get("/grants/<grant_id>")
def grant(grant_id: str):
    """One programme: full text, conditions with evidence, the organizations that fit it best."""
    st = get_state()
    gr = st.matcher.grant(grant_id)
    conds = st.matcher.conditions(st.matcher.index[grant_id])
    evidence = [c.evidence for c in conds if c.evidence]
    fits = orgs_for_grant(st.matcher, grant_id, st.orgs, top=10, as_of=as_of())
    return render_template(
        "grant.html",
        grant=gr,
        conds=conds,
        eligibility=segments(gr.eligibility, evidence),
        description=segments(gr.description, evidence),
        fits=[(f, present.bar_class(f.score), present.ELIGIBILITY_LABELS.get(f.eligibility, f.eligibility))
              for f in fits],
        updated=st.updated.get(grant_id, ""),
        expired=gr.deadline is not None and gr.deadline < as_of(),
    )


@bp.route("/match", methods=("GET", "POST"))
def match():
    """Rank programmes for a pasted profile; nothing is saved."""
    st = get_state()
    if request.method == "GET":
        return render_template("match.html", form={}, errors={}, views=None, **_form_context())
    org, errors = validate_profile(request.form, from_form=True, today=as_of())
    if org is None:
        return render_template("match.html", form=request.form, errors=errors, views=None,
                               **_form_context()), 400
    matches = recommend(st.matcher, org, top=10, as_of=as_of())
    tok = st.matcher.model.tokenizer_
    views = [present.match_view(m, org, tok) for m in matches]
    return render_template("match.html", form=request.form, errors={}, views=views, org=org, **_form_context())


@bp.get("/orgs/<org_id>")
def org(org_id: str):
    """One organization: profile, ranked programmes with reasons, checklist, tracker."""
    st = get_state()
    o = _org_or_404(st, org_id)
    opts = present.Options.from_args(request.args)
    entries = _marks(org_id)
    matches = recommend(st.matcher, o, top=opts.top, as_of=as_of(), hide_expired=opts.hide_expired,
                        hide_ineligible=opts.hide_ineligible, keep=present.keep_filter(opts, _rejected(entries)))
    if opts.sort == "deadline":
        matches = present.by_deadline(matches)
    tok = st.matcher.model.tokenizer_
    forms = term_forms(tok, [r.term for m in matches for r in m.reasons])
    return render_template(
        "org.html",
        org=o,
        profile=segments(o.profile, forms),
        views=[present.match_view(m, o, tok) for m in matches],
        opts=opts,
        categories=present.categories(st.grants),
        regions=present.regions(st.grants),
        entries=entries,
        statuses=STATUSES,
        n_rejected=len(_rejected(entries)),
        keep_args=present.keep_args(opts),
        updated=st.updated,
    )


@bp.get("/overview")
def overview():
    """Staff overview: organizations × programmes, coloured by score and eligibility."""
    st = get_state()
    marks = _all_marks()
    rows = []
    for o, matches in recommend_many(st.matcher, st.orgs, top=len(st.grants), as_of=as_of()):
        by_id = {m.grant.grant_id: m for m in matches}
        cells = []
        for gr in st.grants:
            m = by_id[gr.grant_id]
            cells.append((m, present.score_class(m.score), marks.get((o.org_id, gr.grant_id))))
        rows.append((o, cells))
    return render_template("overview.html", grants=st.grants, rows=rows, symbols=present.ELIGIBILITY_SYMBOLS)


@bp.get("/orgs/<org_id>/advice")
def advice(org_id: str):
    """Printable advice sheet: top matches, reasons, conditions to fix or confirm, deadlines, notes."""
    st = get_state()
    o = _org_or_404(st, org_id)
    opts = present.Options.from_args(request.args, default_top=5)
    entries = _marks(org_id)
    matches = recommend(st.matcher, o, top=opts.top, as_of=as_of(), hide_expired=opts.hide_expired,
                        keep=present.keep_filter(opts, _rejected(entries)))
    tok = st.matcher.model.tokenizer_
    return render_template(
        "advice.html",
        org=o,
        views=[present.match_view(m, o, tok) for m in matches],
        entries=entries,
        history=history(get_db(), org_id) if notes_visible() else [],
        grant_names={gr.grant_id: gr.name for gr in st.grants},
        as_of=as_of(),
        user=g.get("user"),
    )
