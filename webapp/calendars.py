"""Deadlines in a calendar app: ``/orgs/<id>/deadlines.ics`` and, for staff, ``/deadlines.ics``.

An organization's calendar holds its top matches and, for those who may
see tracker marks (:func:`webapp.tracker.notes_visible`), every programme
tracked for it (marked 不合适 ones left out), each with a deadline; the
staff calendar holds every tracked programme of every organization. One
all-day event per (organization, programme), its UID stable so a
subscribed calendar updates in place (:mod:`matcher.ical` writes the file).
"""

from __future__ import annotations

import io
from urllib.parse import quote

from flask import Blueprint, current_app, request, send_file, url_for

from matcher.errors import InputError, NotFoundError
from matcher.freshness import info_note
from matcher.ical import Event, write_calendar
from matcher.records import Grant, Org

from . import present, rankstore
from .db import get_db
from .security import staff_only
from .state import AppState, as_of, get_state
from .tracker import REJECTED, Entry, entries_for, entries_of_orgs, notes_visible

bp = Blueprint("calendars", __name__)

ICS = "text/calendar; charset=utf-8"
DEFAULT_TOP = 10


def _base() -> str:
    """Absolute links need a host: ``PUBLIC_URL`` when the operator set it, else the address asked for."""
    return (current_app.config.get("PUBLIC_URL") or request.url_root).rstrip("/")


def uid(org_id: str, grant_id: str) -> str:
    """Stable per (organization, programme): the same event in every calendar and every download."""
    return f"{quote(org_id, safe='')}/{quote(grant_id, safe='')}@grant-matcher"


def _event(org: Org, gr: Grant, entry: Entry | None, eligibility: str | None) -> Event:
    lines = [f"资助方：{gr.funder}", f"机构：{org.name}"]
    if eligibility:
        lines.append(f"条件：{present.ELIGIBILITY_LABELS.get(eligibility, eligibility)}")
    if entry is not None:
        lines.append(f"跟踪状态：{entry.status}")
    note = info_note(gr, as_of(), int(current_app.config["STALE_AFTER_DAYS"]))
    if note:
        lines.append(note)
    page = _base() + url_for("main.org", org_id=org.org_id) + f"#g-{quote(gr.grant_id, safe='')}"
    lines.append(f"页面：{page}")
    if gr.link:
        lines.append(f"项目链接：{gr.link}")
    return Event(uid=uid(org.org_id, gr.grant_id), day=gr.deadline,  # type: ignore[arg-type]
                 summary=f"截止：{gr.name}（{org.name}）", description="\n".join(lines), url=page)


def _send(events: list[Event], name: str, filename: str):
    text = write_calendar(sorted(events, key=lambda e: (e.day, e.uid)), name=name)
    return send_file(io.BytesIO(text.encode("utf-8")), mimetype=ICS, as_attachment=True, download_name=filename,
                     max_age=0)


def _org_events(st: AppState, org: Org, top: int) -> list[Event]:
    entries = entries_for(get_db(), org.org_id) if notes_visible() else {}
    rejected = {gid for gid, e in entries.items() if e.status == REJECTED}
    listed: dict[str, tuple[Grant, str | None]] = {}
    for m in rankstore.ranked(st, org, top=top, keep=present.keep_filter(present.Options(), rejected)):
        listed[m.grant.grant_id] = (m.grant, m.eligibility)
    for gid in entries:
        if gid not in listed and gid not in rejected and gid in st.matcher.index:
            listed[gid] = (st.matcher.grant(gid), None)
    return [_event(org, gr, entries.get(gid), elig) for gid, (gr, elig) in listed.items() if gr.deadline]


@bp.get("/orgs/<org_id>/deadlines.ics")
def org_calendar(org_id: str):
    """One organization's deadlines: its top matches (``?top=K``, default 10) and its tracked programmes."""
    st = get_state()
    org = st.org(org_id)
    if org is None:
        raise NotFoundError(f"没有编号为“{org_id}”的机构")
    try:
        top = present.parse_top(request.args.get("top"), DEFAULT_TOP)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return _send(_org_events(st, org, top), f"{org.name} · 资助截止日期", f"deadlines-{org_id}.ics")


@bp.get("/deadlines.ics")
@staff_only
def tracked_calendar():
    """Every tracked programme of every organization (staff), except those marked 不合适."""
    st = get_state()
    marks = entries_of_orgs(get_db(), [o.org_id for o in st.orgs])
    events = []
    for (org_id, gid), e in marks.items():
        org = st.org(org_id)
        if org is None or e.status == REJECTED or gid not in st.matcher.index:
            continue
        gr = st.matcher.grant(gid)
        if gr.deadline:
            events.append(_event(org, gr, e, None))
    return _send(events, "跟踪中的资助项目 · 截止日期", "deadlines-tracked.ics")
