"""Who changed which record, what and when: one row per edit made in the app.

Each edit also names the archived file of the version it replaced
(``/admin/data`` restores it), so the log and the versions tell the same story.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from .db import transaction

ACTIONS = {"added": "新增", "changed": "修改", "removed": "删除", "conditions": "更正条件"}


@dataclass(frozen=True)
class Edit:
    """One logged edit."""

    kind: str  # grants / orgs
    record_id: str
    action: str  # a key of ACTIONS
    summary: str  # what changed, in Chinese (fields, or the condition rule)
    before: str
    after: str
    version: str  # the archived file of the version replaced
    edited_at: str
    edited_by: str

    @property
    def action_label(self) -> str:
        """新增 / 修改 / 删除 / 更正条件."""
        return ACTIONS.get(self.action, self.action)

    def as_dict(self) -> dict:
        """JSON form."""
        return dict(self.__dict__)


def record(conn: sqlite3.Connection, *, kind: str, record_id: str, action: str, summary: str, before: str = "",
           after: str = "", version: str | None, user: str) -> Edit:
    """Append one edit to the log."""
    e = Edit(kind, record_id, action, summary, before, after, version or "",
             datetime.now().isoformat(timespec="seconds"), user)
    with transaction(conn):
        conn.execute(
            "INSERT INTO edit_log (kind, record_id, action, summary, before, after, version, edited_at, edited_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (e.kind, e.record_id, e.action, e.summary, e.before, e.after, e.version, e.edited_at, e.edited_by),
        )
    return e


def history(conn: sqlite3.Connection, kind: str, record_id: str, *, limit: int = 100) -> list[Edit]:
    """The edits of one record, newest first."""
    rows = conn.execute(
        "SELECT kind, record_id, action, summary, before, after, version, edited_at, edited_by FROM edit_log "
        "WHERE kind = ? AND record_id = ? ORDER BY id DESC LIMIT ?", (kind, record_id, limit))
    return [Edit(*tuple(r)) for r in rows]
