"""Application tracker: staff mark a programme for an organization (感兴趣 … 不合适) with a note.

The current mark per (organization, programme) is in ``tracker``; every
mark ever made is appended to ``tracker_log``, in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from matcher.xlsx import Sheet

from .db import get_db, transaction
from .security import staff_only
from .state import as_of, get_state

bp = Blueprint("tracker", __name__)

STATUSES = ("感兴趣", "计划申请", "已申请", "获资助", "不合适")
REJECTED = "不合适"
PLANS = ("计划申请", "已申请", "获资助")  # "who plans to apply" on a programme's page
MAX_NOTE = 2000
SAVED, SAVE_ERROR = "tracker-saved", "tracker-error"  # flash categories shown beside the form, not on top


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


def all_entries(conn: sqlite3.Connection, *, status: str = "", org_id: str = "",
                grant_id: str = "") -> list[Entry]:
    """Every current mark, optionally of one status, organization or programme."""
    where, args = [], []
    for col, val in (("status", status), ("org_id", org_id), ("grant_id", grant_id)):
        if val:
            where.append(f"{col} = ?")
            args.append(val)
    sql = "SELECT * FROM tracker" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY org_id, grant_id"
    return [_entry(r) for r in conn.execute(sql, args)]


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
        flash(f"{grant_id}|{error}", SAVE_ERROR)
    else:
        entry = save(get_db(), org_id, grant_id, status, note, g.user)
        flash(f"{grant_id}|已保存：{status}（{entry.updated_by}，{entry.updated_at.replace('T', ' ')[:16]}）", SAVED)
    return redirect(url_for("main.org", org_id=org_id, **_keep_args()) + f"#g-{grant_id}")


@bp.post("/grants/<grant_id>/tracker")
@staff_only
def mark_many(grant_id: str):
    """Set one programme's mark for several organizations at once (staff)."""
    st = get_state()
    if grant_id not in st.matcher.index:
        abort(404)
    org_ids = [o for o in dict.fromkeys(request.form.getlist("org_id")) if st.org(o) is not None]
    status, note = request.form.get("status", ""), request.form.get("note", "")
    error = validate(status, note) or ("" if org_ids else "请至少勾选一家机构")
    if error:
        flash(f"bulk|{error}", SAVE_ERROR)
    else:
        conn = get_db()
        for org_id in org_ids:
            save(conn, org_id, grant_id, status, note, g.user)
        names = "、".join(st.org(o).name for o in org_ids)  # type: ignore[union-attr]
        flash(f"bulk|已为 {len(org_ids)} 家机构记录“{status}”：{names}", SAVED)
    return redirect(url_for("main.grant", grant_id=grant_id) + "#plans")


def saved_messages() -> dict[str, tuple[str, str]]:
    """This request's tracker confirmations, ``key -> (category, text)``, shown beside what was saved."""
    from flask import get_flashed_messages

    out = {}
    for cat, msg in get_flashed_messages(with_categories=True, category_filter=[SAVED, SAVE_ERROR]):
        key, _, text = msg.partition("|")
        out[key] = (cat, text)
    return out


@dataclass(frozen=True)
class BoardRow:
    """One tracked (organization, programme) as the board shows it."""

    entry: Entry
    org_name: str
    grant_name: str
    funder: str
    deadline: date | None
    expired: bool


BOARD_SORTS = {"deadline": "截止日期", "updated": "最近修改", "org": "机构"}


def board_rows(entries: Sequence[Entry], sort: str = "deadline") -> list[BoardRow]:
    """The marks with names and deadlines of the data served now; marks of removed records keep their ids."""
    st = get_state()
    today = as_of()
    rows = []
    for e in entries:
        o = st.org(e.org_id)
        gr = st.matcher.grants[st.matcher.index[e.grant_id]] if e.grant_id in st.matcher.index else None
        dl = gr.deadline if gr else None
        rows.append(BoardRow(e, o.name if o else e.org_id, gr.name if gr else e.grant_id, gr.funder if gr else "",
                             dl, dl is not None and dl < today))
    if sort == "updated":
        rows.sort(key=lambda r: r.entry.updated_at, reverse=True)
    elif sort == "org":
        rows.sort(key=lambda r: (r.org_name, r.grant_name))
    else:  # soonest deadline first, open-ended last
        rows.sort(key=lambda r: (r.deadline is None, r.deadline or date.max, r.org_name))
    return rows


BOARD_COLUMNS = ("机构", "机构编号", "资助项目", "项目编号", "资助方", "截止日期", "状态", "备注", "最后修改人", "最后修改时间")
#: The board's download: its column names are its headers; laid out by matcher.xlsx like the report.
BOARD_SHEET = Sheet("跟踪记录", BOARD_COLUMNS, kinds={"机构": "long", "资助项目": "long", "资助方": "long",
                                                   "截止日期": "date", "备注": "long"})


def board_table(rows: Sequence[BoardRow]) -> list[dict]:
    """The board as report rows (Chinese column names, times as people read them)."""
    return [{"机构": r.org_name, "机构编号": r.entry.org_id, "资助项目": r.grant_name, "项目编号": r.entry.grant_id,
             "资助方": r.funder, "截止日期": r.deadline, "状态": r.entry.status,
             "备注": r.entry.note, "最后修改人": r.entry.updated_by,
             "最后修改时间": r.entry.updated_at.replace("T", " ")[:16]} for r in rows]


def _board_args() -> tuple[str, str, str]:
    status = request.args.get("status", "")
    status = status if status in STATUSES else ""
    org_id = request.args.get("org", "")[:200]
    sort = request.args.get("sort", "deadline")
    return status, org_id, sort if sort in BOARD_SORTS else "deadline"


@bp.get("/tracker")
@staff_only
def board():
    """Every tracked (organization, programme): status, note, deadline, who changed it last (staff)."""
    status, org_id, sort = _board_args()
    rows = board_rows(all_entries(get_db(), status=status, org_id=org_id), sort)
    tracked = sorted({e.org_id for e in all_entries(get_db())})
    st = get_state()
    orgs = [(o, st.org(o).name if st.org(o) else o) for o in tracked]  # type: ignore[union-attr]
    return render_template("tracker.html", rows=rows, statuses=STATUSES, status=status, org_id=org_id, sort=sort,
                           sorts=BOARD_SORTS, orgs=orgs)


@bp.get("/tracker.<any(csv, xlsx):fmt>")
@staff_only
def board_download(fmt: str):
    """The board (same filters) as CSV or XLSX."""
    from .downloads import send_table

    status, org_id, sort = _board_args()
    rows = board_table(board_rows(all_entries(get_db(), status=status, org_id=org_id), sort))
    return send_table(rows, BOARD_SHEET, f"tracker-{as_of().isoformat()}", fmt)


def _keep_args() -> dict[str, str]:
    """Return to the page with the controls the form was sent from."""
    keep = ("top", "category", "region", "hide_expired", "hide_ineligible", "show_rejected", "sort")
    return {k: request.form[k] for k in keep if request.form.get(k)}

