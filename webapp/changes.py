"""A new version of one data file becomes the served state: install it, then rebuild in the background.

Uploads, restores and edits of one record all end here
(:func:`commit`): the file is written (the one it replaces archived) and
the rebuild is queued in the same critical section, so the updates run in
the order the files were written and the last one served is the last one
written. What a rebuild costs (:func:`next_state`):

* organizations: the programmes and the model are unchanged, so only the
  added and changed organizations are ranked (``rerank``: about a
  millisecond each);
* programmes whose texts the model reads are unchanged (an edit of the
  deadline, link, region, dates or the manual condition rules): the model
  is kept, conditions are read afresh and every organization is ranked
  again (``rank_all``, about 0.3 ms per organization);
* any other change of programmes: the model is refitted (seconds at
  thousands of programmes), then every organization is ranked again.

Every new version is also written to the update log (:func:`log`, the
``data_log`` table that ``/admin/data`` lists): who, what, how many records
were added, changed and removed — an upload, a restore or an edit alike.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import Flask

from matcher.io import grants_fingerprint
from matcher.model import save_model
from matcher.rank import Matcher
from matcher.rankings import rerank
from matcher.records import Grant, Org

from . import datastore, rankstore
from .db import transaction
from .state import AppState, as_of, build_state, update_lock

LABELS = {"grants": "资助项目", "orgs": "机构"}


def _same_model(app: Flask, st: AppState, grants: Sequence[Grant], source: Path) -> AppState | None:
    """The next state on the same model, when no text the model reads has changed; else None."""
    if grants_fingerprint(grants) != grants_fingerprint(st.grants):
        return None
    matcher = Matcher(st.matcher.model, grants)  # conditions are read afresh: the rules may have changed
    path = datastore.model_path(app, grants_fingerprint(grants))
    if path and not Path(path).exists():
        save_model(st.matcher.model, path)  # the next start loads it instead of refitting
    return dataclasses.replace(st, matcher=matcher, grants_source=source.name, rankings=None)


def next_state(app: Flask, st: AppState, kind: str, records: Sequence[Grant] | Sequence[Org], source: Path,
               progress: rankstore.Progress) -> AppState:
    """The state after ``records`` replaced the ``kind`` of ``st`` (see the module docstring for the cost)."""
    if kind == "orgs":
        orgs: list[Org] = list(records)  # type: ignore[arg-type]
        rankings = st.rankings
        if rankings is not None and rankings.as_of == as_of(app):
            unchanged = {o.org_id for o in orgs if st.org(o.org_id) == o}
            rankings = rerank(rankings, st.matcher, orgs, unchanged=unchanged, progress=progress.step)
        else:
            rankings = None  # ranked whole by rankstore.rebuild
        return dataclasses.replace(st, orgs=tuple(orgs), orgs_source=source.name, rankings=rankings,
                                   _org_index={o.org_id: o for o in orgs})
    grants: list[Grant] = list(records)  # type: ignore[arg-type]
    kept = _same_model(app, st, grants, source)
    if kept is not None:
        return kept
    progress.phase = "建立模型"
    return build_state(app, grants, st.orgs, grants_source=source, orgs_source=Path(st.orgs_source))


def commit(app: Flask, kind: str, records: Sequence[Grant] | Sequence[Org], raw: bytes, suffix: str,
           label: str) -> tuple[rankstore.Progress, str | None]:
    """Install ``raw`` as the new ``kind`` file and queue the rebuild; returns the update and the archived version.

    Callers that read the current file to change it hold :func:`~webapp.state.update_lock`
    around that read and this call (the lock is re-entrant).
    """
    with update_lock(app):
        installed, archived = datastore.install_version(app, kind, raw, suffix)
        done = rankstore.rebuild(app, label, lambda st, p: next_state(app, st, kind, records, installed, p))
    return done, archived


# -- the update log: every version, whoever made it and however ----------------------------


@dataclass(frozen=True)
class LogEntry:
    """One new version of a data file: when, who, what (上传 / 恢复 / 新增 / 修改 / 删除), how many records."""

    at: str
    who: str
    kind: str
    action: str
    source: str
    records: int
    added: int
    changed: int
    removed: int


def log(conn: sqlite3.Connection, *, kind: str, action: str, source: str, records: int, who: str,
        added: int = 0, changed: int = 0, removed: int = 0) -> None:
    """Remember one committed version (an upload, a restore or an edit) in the update log."""
    with transaction(conn):
        conn.execute("INSERT INTO data_log (at, who, kind, action, source, records, added, changed, removed) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (datetime.now().isoformat(timespec="seconds"), who, kind, action, source,
                      records, added, changed, removed))


def history(conn: sqlite3.Connection, limit: int = 50) -> list[LogEntry]:
    """The latest versions, newest first."""
    rows = conn.execute("SELECT at, who, kind, action, source, records, added, changed, removed FROM data_log "
                        "ORDER BY id DESC LIMIT ?", (limit,))
    return [LogEntry(*r) for r in rows]
