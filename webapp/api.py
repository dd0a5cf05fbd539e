"""JSON API: the same ranking as the pages, for other tools.

Bodies are validated here, at the boundary; every error is a JSON object
``{"error": "..."}`` with a 4xx status (see :mod:`webapp.errors`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from flask import Blueprint, current_app, g, jsonify, render_template, request, url_for

from matcher.advice import next_step
from matcher.conditions import read_conditions
from matcher.errors import InputError, NotFoundError
from matcher.features import BLOCKS
from matcher.freshness import info_date, info_note
from matcher.labels import score_labels
from matcher.rank import recommend
from matcher.records import Check, Grant, Match, Org, Reason

from . import edits, present, rankstore
from .db import get_db
from .profiles import validate_profile
from .security import csrf_exempt, csrf_token, staff_only
from .state import as_of, get_state
from .tracker import entries_for, history, known_pair, notes_visible, save, validate

bp = Blueprint("api", __name__, url_prefix="/api")

#: The fields of ``POST /api/match``, in the order the error message and the docs list them.
MATCH_FIELDS = ("profile", "name", "city", "founded_year", "legal_form", "stage", "fields", "fulltime_staff",
                "women_led", "rating", "inspection_year", "charity", "public_fundraising", "top")


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    """The hand-written OpenAPI 3 description (``webapp/openapi.json``), read once."""
    return json.loads(resources.files("webapp").joinpath("openapi.json").read_text(encoding="utf-8"))


def _reasons(reasons: tuple[Reason, ...]) -> list[dict]:
    return [{"term": r.term, "weight": r.weight, "feature": r.feature} for r in reasons]


def _checks(checks: tuple[Check, ...]) -> list[dict]:
    return [{"kind": c.kind, "status": c.status, "explanation": c.explanation, "evidence": c.evidence} for c in checks]


def _info(gr: Grant) -> dict:
    """The programme's information date and its staleness note (\"\" when fresh)."""
    return {"updated": gr.updated or (d.text if (d := info_date(gr)) else ""),
            "info_note": info_note(gr, as_of(), int(current_app.config["STALE_AFTER_DAYS"]))}


def _window(gr: Grant) -> dict | None:
    """The expected next window of a programme whose round is over (an estimate: ``estimate`` is true), else null."""
    w = present.recurrences(get_state().matcher).window(gr.grant_id, as_of())
    return w.as_dict() if w is not None else None


def _fit(x) -> dict:
    label = score_labels().of(x)
    return {"level": label.level, "label": label.text}


def _parts(m: Match) -> dict[str, float]:
    """Each feature's part of the score (:mod:`matcher.features`; they add up to it), every feature named."""
    return {b: 0.0 for b in BLOCKS} | dict(m.parts)


def match_json(m: Match, org: Org) -> dict:
    """One ranked programme in the API's shape (documented in ``openapi.json``); ``next_step``
    is the step to qualify (:mod:`matcher.advice`), ``null`` when the organization may apply."""
    step = next_step(m, org, as_of())
    return {
        "rank": m.rank,
        "grant_id": m.grant.grant_id,
        "grant_name": m.grant.name,
        "funder": m.grant.funder,
        "url": m.grant.link or None,
        "page": url_for("main.grant", grant_id=m.grant.grant_id),
        "score": m.score,
        "fit": _fit(m),
        "parts": _parts(m),
        "eligibility": m.eligibility,
        "expired": m.expired,
        "deadline": m.grant.deadline.isoformat() if m.grant.deadline else None,
        "reasons": _reasons(m.reasons),
        "conditions": _checks(m.checks),
        "next_step": step.as_dict() if step is not None else None,
        "next_window": _window(m.grant),
        **_info(m.grant),
    }


def org_json(o: Org) -> dict:
    """An organization's record."""
    return {
        "org_id": o.org_id, "name": o.name, "profile": o.profile, "city": o.city, "founded_year": o.founded_year,
        "legal_form": o.legal_form, "stage": o.stage, "fields": list(o.fields), "fulltime_staff": o.fulltime_staff,
        "women_led": o.women_led, "rating": o.rating, "inspection_year": o.inspection_year, "charity": o.charity,
        "public_fundraising": o.public_fundraising,
    }


def grant_json(gr: Grant) -> dict:
    """A programme's record (``updated``: when its information dates from, from the data itself)."""
    return {
        "grant_id": gr.grant_id, "name": gr.name, "funder": gr.funder, "category": gr.category,
        "region": gr.region, "deadline": gr.deadline.isoformat() if gr.deadline else None,
        "expired": gr.deadline is not None and gr.deadline < as_of(), "url": gr.url, "recurs": gr.recurs or None,
        "next_window": _window(gr), **_info(gr),
    }


def _top(default: int) -> int:
    try:
        return present.parse_top(request.args.get("top"), default)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def json_body() -> dict:
    """The request's JSON object, or :class:`InputError` (→ 400) for anything else.

    Size is settled before: a body over ``API_MAX_BYTES`` was answered 413
    unread (:func:`webapp.security.body_limit`).
    """
    raw = request.get_data(cache=False)
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:  # "[[[[…" deeper than the parser recurses: a client error, not ours
        raise InputError("请求体不是合法的 JSON（嵌套过深）") from None
    except (UnicodeDecodeError, ValueError):
        raise InputError("请求体不是合法的 JSON（UTF-8）") from None
    if not isinstance(data, dict):
        raise InputError("请求体应为 JSON 对象")
    return data


@bp.get("/openapi.json")
def openapi():
    """This API described in OpenAPI 3."""
    return jsonify(openapi_document())


@bp.get("/docs")
def docs():
    """The OpenAPI description as a page, rendered here (no scripts: the CSP stays)."""
    from .apidocs import operations

    doc = openapi_document()
    return render_template("api_docs.html", info=doc["info"], operations=operations(doc))


@bp.get("/session")
def session_info():
    """Who is logged in, and the CSRF token API writes must send as ``X-CSRF-Token``."""
    return jsonify(user=g.get("user"), csrf_token=csrf_token())


@bp.get("/status")
def status():
    """How many records are served, whether their rankings are ready, and the updates under way."""
    st = get_state()
    r = rankstore.fresh(st)
    return jsonify(
        orgs=len(st.orgs), grants=len(st.grants),
        rankings={"ready": r is not None, "as_of": as_of().isoformat(), "k": r.width if r else None,
                  "bytes": r.nbytes if r else None},
        updates=[{"label": p.label, "started": p.started is not None, "done": p.done, "total": p.total,
                  "seconds": round(p.seconds, 3)} for p in rankstore.progress()],
    )


@bp.get("/orgs")
def orgs():
    """All organizations."""
    return jsonify(orgs=[org_json(o) for o in get_state().orgs])


@bp.get("/orgs/<org_id>/matches")
def org_matches(org_id: str):
    """Ranked programmes for one organization (``?top=K``, default 5)."""
    st = get_state()
    o = st.org(org_id)
    if o is None:
        raise NotFoundError(f"没有编号为“{org_id}”的机构")
    matches = rankstore.ranked(st, o, top=_top(5))
    return jsonify(org_id=org_id, matches=[match_json(m, o) for m in matches])


@bp.post("/match")
@csrf_exempt
def adhoc_match():
    """Ranked programmes for a profile sent as JSON; nothing is saved."""
    data = json_body()
    unknown = sorted(set(data) - set(MATCH_FIELDS))
    if unknown:
        hint = "（机构介绍请放在 profile 里）" if "text" in unknown and "profile" not in data else ""
        return jsonify(error=f"未知的字段：{', '.join(unknown[:10])}{hint}；可用的字段：{', '.join(MATCH_FIELDS)}",
                       valid_fields=list(MATCH_FIELDS)), 400
    org, errors = validate_profile(data, today=as_of())
    if org is None:
        return jsonify(error="；".join(errors.values()), fields=errors), 400
    top = data.get("top", 5)
    if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= present.MAX_TOP:
        raise InputError(f"top 应为 1 到 {present.MAX_TOP} 之间的整数")
    st = get_state()
    return jsonify(org_id=None, matches=[match_json(m, org) for m in recommend(st.matcher, org, top=top, as_of=as_of())])


@bp.get("/grants")
def grants():
    """All programmes."""
    st = get_state()
    return jsonify(grants=[grant_json(gr) for gr in st.grants])


@bp.get("/grants/<grant_id>/orgs")
def grant_orgs(grant_id: str):
    """The organizations that fit one programme best (``?top=K``, default 10)."""
    st = get_state()
    fits = rankstore.fits(st, grant_id, top=_top(10))
    return jsonify(grant_id=grant_id, orgs=[
        {"rank": f.rank, "org_id": f.org.org_id, "org_name": f.org.name, "score": f.score, "fit": _fit(f),
         "eligibility": f.eligibility, "reasons": _reasons(f.reasons), "conditions": _checks(f.checks)}
        for f in fits
    ])


@bp.get("/orgs/<org_id>/tracker")
def tracker(org_id: str):
    """An organization's tracker marks, and every mark ever made (staff, unless ``--public-notes``)."""
    if not notes_visible():
        return jsonify(error="跟踪记录仅对员工可见，请先登录"), 401
    if get_state().org(org_id) is None:
        raise NotFoundError(f"没有编号为“{org_id}”的机构")
    conn = get_db()
    return jsonify(org_id=org_id, entries=[e.as_dict() for e in entries_for(conn, org_id).values()],
                   history=[e.as_dict() for e in history(conn, org_id)])


@bp.post("/orgs/<org_id>/tracker")
@staff_only
def tracker_write(org_id: str):
    """Set a tracker mark (staff; send the session cookie and ``X-CSRF-Token``)."""
    data = json_body()
    grant_id = data.get("grant_id")
    if not isinstance(grant_id, str):
        raise InputError("grant_id 应为文字")
    status, note = data.get("status"), data.get("note", "")
    error = validate(status, note)
    if error:
        raise InputError(error)
    if not known_pair(org_id, grant_id):
        raise NotFoundError(f"没有机构“{org_id}”或资助项目“{grant_id}”")
    entry = save(get_db(), org_id, grant_id, status, note, g.user)
    return jsonify(entry.as_dict()), 201


# -- editing one record (staff; send the session cookie and X-CSRF-Token) --------------------------


def _saved_json(app, saved: edits.Saved, record: dict | None) -> dict:
    applied = edits.settle(app, saved)
    out = {"action": saved.action, "fields": list(saved.fields), "version": saved.version,
           "rankings": {"updated": applied,
                        "update": None if saved.progress is None else saved.progress.label}}
    if record is not None:
        out = {**record, **out}
    return out


def _put(kind: str, record_id: str):
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cells = edits.cells_of(json_body(), kind, record_id)
    record = edits.validate(kind, cells, as_of())
    saved = edits.save(app, kind, record, g.user)
    shape = org_json(record) if kind == "orgs" else {**grant_json(record), "conditions": record.conditions}  # type: ignore[arg-type]
    return jsonify(_saved_json(app, saved, shape)), 201 if saved.created else 200


def _delete(kind: str, record_id: str):
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    saved = edits.remove(app, kind, record_id, g.user)
    return jsonify(_saved_json(app, saved, {edits.ID_COLUMN[kind]: record_id}))


@bp.put("/orgs/<org_id>")
@staff_only
def org_put(org_id: str):
    """Create (201) or replace (200) one organization from the CSV's columns; 400 names the column."""
    return _put("orgs", org_id)


@bp.delete("/orgs/<org_id>")
@staff_only
def org_delete(org_id: str):
    """Remove one organization (a new data version; restorable)."""
    return _delete("orgs", org_id)


@bp.put("/grants/<grant_id>")
@staff_only
def grant_put(grant_id: str):
    """Create (201) or replace (200) one programme from the CSV's columns; 400 names the column."""
    return _put("grants", grant_id)


@bp.delete("/grants/<grant_id>")
@staff_only
def grant_delete(grant_id: str):
    """Remove one programme (a new data version; restorable)."""
    return _delete("grants", grant_id)


@bp.put("/grants/<grant_id>/conditions")
@staff_only
def grant_conditions(grant_id: str):
    """Replace a programme's manual rules: ``{"rules": "min_years=3; region=河北"}``; 400 with the parser's message."""
    data = json_body()
    unknown = sorted(set(data) - {"rules"})
    if unknown or not isinstance(data.get("rules"), str):
        raise InputError("请求体应为 {\"rules\": \"…\"}（rules 为文字，可为空）")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    saved = edits.set_rules(app, grant_id, data["rules"], g.user, summary="经接口替换手工规则")
    conds = read_conditions(saved.record)  # type: ignore[arg-type]
    return jsonify(_saved_json(app, saved, {
        "grant_id": grant_id, "rules": saved.record.conditions,  # type: ignore[union-attr]
        "conditions": [{"kind": c.kind, "label": c.describe(), "evidence": c.evidence, "source": c.source}
                       for c in conds]}))
