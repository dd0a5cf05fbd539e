"""Application tracker: staff mark a programme for an organization (感兴趣 … 不合适) with a note.

The current mark per (organization, programme) is in ``tracker``; every
mark ever made is appended to ``tracker_log``, in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, abort, current_app, flash, g, redirect, request, url_for

from .db import get_db, transaction
from .security import staff_only
from .state import get_state

bp = Blueprint("tracker", __name__)

STATUSES = ("感兴趣", "计划申请", "已申请", "获资助", "不合适")
REJECTED = "不合适"
MAX_NOTE = 2000


@dataclass(frozen=True)
class Entry:
    """One tracker mark."""

    org_id: str
    grant_id: str
    status: str
    note: str
    updated_at: str
    updated_by: str

    def as_dict(self) -> dict:
        """JSON form."""
        return dict(self.__dict__)


def notes_visible() -> bool:
    """Tracker marks (status, note, who made them) are staff data, unless the operator published them.

    ``serve --public-notes`` (``PUBLIC_NOTES``) shows them to every visitor.
    Pages for anyone else read no marks at all, so nothing about them shows
    through (a programme marked 不合适 is not hidden from them either).
    """
    return g.get("user") is not None or bool(current_app.config["PUBLIC_NOTES"])


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(row["org_id"], row["grant_id"], row["status"], row["note"], row["updated_at"], row["updated_by"])


def entries_for(conn: sqlite3.Connection, org_id: str) -> dict[str, Entry]:
    """``grant_id -> Entry`` for one organization."""
    rows = conn.execute("SELECT * FROM tracker WHERE org_id = ? ORDER BY grant_id", (org_id,))
    return {r["grant_id"]: _entry(r) for r in rows}


def entries_of_orgs(conn: sqlite3.Connection, org_ids: Sequence[str]) -> dict[tuple[str, str], Entry]:
    """``(org_id, grant_id) -> Entry`` for the organizations of one page."""
    out: dict[tuple[str, str], Entry] = {}
    ids = list(dict.fromkeys(org_ids))
    for start in range(0, len(ids), 500):  # SQLite's limit on parameters is 999 in old builds
        part = ids[start:start + 500]
        rows = conn.execute(f"SELECT * FROM tracker WHERE org_id IN ({','.join('?' * len(part))})", part)
        out.update(((r["org_id"], r["grant_id"]), _entry(r)) for r in rows)
    return out


def rejected_of(entries: dict[tuple[str, str], Entry]) -> dict[str, set[str]]:
    """``org_id -> grant ids marked 不合适``."""
    out: dict[str, set[str]] = {}
    for (org_id, gid), e in entries.items():
        if e.status == REJECTED:
            out.setdefault(org_id, set()).add(gid)
    return out


def history(conn: sqlite3.Connection, org_id: str) -> list[Entry]:
    """Every mark made for one organization, oldest first."""
    rows = conn.execute("SELECT * FROM tracker_log WHERE org_id = ? ORDER BY id", (org_id,))
    return [_entry(r) for r in rows]


def validate(status: object, note: object) -> str | None:
    """An error message, or None when status and note are acceptable."""
    if not isinstance(status, str) or status not in STATUSES:
        return "状态应为以下之一：" + " / ".join(STATUSES)
    if not isinstance(note, str):
        return "备注应为文字"
    if len(note) > MAX_NOTE:
        return f"备注不能超过 {MAX_NOTE} 个字"
    return None


def save(conn: sqlite3.Connection, org_id: str, grant_id: str, status: str, note: str, user: str) -> Entry:
    """Set the current mark and append it to the log, in one transaction."""
    now = datetime.now().isoformat(timespec="seconds")
    note = note.replace("\r\n", "\n").strip()
    with transaction(conn):
        conn.execute(
            "INSERT INTO tracker (org_id, grant_id, status, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(org_id, grant_id) DO UPDATE SET status = excluded.status, note = excluded.note, "
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            (org_id, grant_id, status, note, now, user),
        )
        conn.execute(
            "INSERT INTO tracker_log (org_id, grant_id, status, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
            (org_id, grant_id, status, note, now, user),
        )
    return Entry(org_id, grant_id, status, note, now, user)


def known_pair(org_id: str, grant_id: str) -> bool:
    """Both ids exist in the data served now."""
    st = get_state()
    return st.org(org_id) is not None and grant_id in st.matcher.index


@bp.post("/orgs/<org_id>/tracker")
@staff_only
def mark(org_id: str):
    """Set the tracker mark of one programme for this organization (staff)."""
    grant_id = request.form.get("grant_id", "")
    if not known_pair(org_id, grant_id):
        abort(404)
    status, note = request.form.get("status", ""), request.form.get("note", "")
    error = validate(status, note)
    if error:
        flash(error, "error")
    else:
        save(get_db(), org_id, grant_id, status, note, g.user)
        flash(f"已记录：{get_state().matcher.grant(grant_id).name} → {status}")
    return redirect(url_for("main.org", org_id=org_id, **_keep_args()) + f"#g-{grant_id}")


def _keep_args() -> dict[str, str]:
    """Return to the page with the controls the form was sent from."""
    keep = ("top", "category", "region", "hide_expired", "hide_ineligible", "show_rejected", "sort")
    return {k: request.form[k] for k in keep if request.form.get(k)}

