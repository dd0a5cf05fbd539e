"""Edit one organization or programme in place: validated like the loader, versioned like an upload, logged.

The boundary for a record sent by a form or as JSON: its cells are
checked by :func:`matcher.io.grant_record` / :func:`~matcher.io.org_record`
with ``strict=True`` — the loader's very messages, and what the loader
would only warn about is refused, since the person can fix it now. A
change reads the current data file, writes the whole next one (the
previous is archived, so ``/admin/data`` restores it) and queues the
rebuild (:mod:`webapp.changes`), all under the update lock; then it is
logged (:mod:`webapp.editlog`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from flask import Flask

from matcher.conditions import parse_manual
from matcher.errors import InputError, NotFoundError
from matcher.io import grant_cells, grant_record, load_grants, load_orgs, org_record, records_csv
from matcher.records import GRANT_OPTIONAL, GRANT_REQUIRED, ORG_OPTIONAL, ORG_REQUIRED, Grant, Org

from . import changes, datastore, editlog
from .db import get_db
from .rankstore import Progress
from .state import update_lock

ID_COLUMN = {"grants": "grant_id", "orgs": "org_id"}
COLUMNS = {"grants": (*GRANT_REQUIRED, *GRANT_OPTIONAL), "orgs": (*ORG_REQUIRED, *ORG_OPTIONAL)}
NOUN = {"grants": "资助项目", "orgs": "机构"}
#: Columns a JSON body may send as a boolean / as a number.
YES_NO = ("women_led", "charity", "public_fundraising")
INTEGERS = ("founded_year", "fulltime_staff", "inspection_year")


def cells_of(data: Mapping, kind: str, record_id: str) -> dict[str, str]:
    """A JSON object or a form as the cells of one row; the id comes from the address.

    JSON numbers are taken for the integer columns, ``true``/``false`` for
    the yes/no ones (``women_led``, ``charity``, ``public_fundraising``), a
    list of texts for ``fields``, ``null`` for blank;
    anything else must be text. Unknown keys are refused.
    """
    columns = COLUMNS[kind]
    id_col = ID_COLUMN[kind]
    unknown = sorted(str(k) for k in data if k not in columns and k != "csrf_token")
    if unknown:
        raise InputError("未知的字段：" + ", ".join(unknown[:10]) + f"（可用：{', '.join(columns)}）")
    cells: dict[str, str] = {}
    for col in columns:
        v = data.get(col)
        if v is None:
            v = ""
        elif isinstance(v, bool):
            if col not in YES_NO:
                raise InputError("应为文字", column=col)
            v = "是" if v else "否"
        elif isinstance(v, int) and col in INTEGERS:
            v = str(v)
        elif isinstance(v, list) and col == "fields" and all(isinstance(x, str) for x in v):
            v = ";".join(v)
        elif not isinstance(v, str):
            raise InputError("应为文字", column=col)
        cells[col] = v
    sent = cells[id_col].strip()
    if sent and sent != record_id:
        raise InputError(f"与网址中的编号“{record_id}”不一致", column=id_col)
    cells[id_col] = record_id
    return cells


def validate(kind: str, cells: Mapping[str, str], today: date) -> Grant | Org:
    """One record from its cells, or :class:`InputError` naming the column (the loader's words)."""
    if kind == "grants":
        return grant_record(cells, strict=True)
    return org_record(cells, strict=True, today=today)


@dataclass(frozen=True)
class Saved:
    """What one edit did."""

    kind: str
    record_id: str
    action: str  # added / changed / removed / conditions / unchanged
    fields: tuple[str, ...] = ()
    progress: Progress | None = None  # the rebuild it queued (None when nothing changed)
    version: str | None = None  # the archived file of the version it replaced
    record: Grant | Org | None = None  # the record as saved (None when removed)

    @property
    def created(self) -> bool:
        """True when the record did not exist before."""
        return self.action == "added"


def current(app: Flask, kind: str) -> list:
    """The records of the ``kind`` file as it is now (the served state may lag behind it)."""
    path = datastore.source_path(app, kind)
    load = load_grants if kind == "grants" else load_orgs
    return load(path, encoding=app.config["ENCODING"], warn=lambda _m: None)


def _id(record: Grant | Org) -> str:
    return record.grant_id if isinstance(record, Grant) else record.org_id


def _commit(app: Flask, kind: str, records: list, label: str) -> tuple[Progress, str | None]:
    return changes.commit(app, kind, records, records_csv(records, kind=kind), ".csv", label)


def save(app: Flask, kind: str, record: Grant | Org, user: str, *, only_new: bool = False) -> Saved:
    """Add ``record`` or replace the one with its id; a new data version unless nothing changed.

    ``only_new`` refuses an id that exists (the "add" form).
    """
    return change(app, kind, _id(record), lambda _old: record, user, only_new=only_new)


def change(app: Flask, kind: str, record_id: str, edit: Callable[[Grant | Org | None], Grant | Org], user: str, *,
           only_new: bool = False, action: str | None = None, summary: str | None = None) -> Saved:
    """Apply ``edit`` to the record as the current *file* holds it (the served state may lag behind).

    ``edit(old)`` gets ``None`` for a new id. ``action`` and ``summary``
    override what the log says (a review of conditions logs the rules
    before and after).
    """
    with update_lock(app):
        records = current(app, kind)
        pos = next((i for i, r in enumerate(records) if _id(r) == record_id), None)
        if pos is not None and only_new:
            raise InputError(f"编号“{record_id}”已存在", column=ID_COLUMN[kind])
        before = records[pos] if pos is not None else None
        record = edit(before)
        if before == record:
            return Saved(kind, record_id, "unchanged", record=record)
        if before is None:
            records.append(record)
            fields: tuple[str, ...] = ()
        else:
            fields = tuple(f.name for f in dataclasses.fields(record) if getattr(before, f.name) != getattr(record, f.name))
            records[pos] = record  # type: ignore[index]
        did = "added" if before is None else "changed"
        progress, version = _commit(app, kind, records, f"{'新增' if did == 'added' else '修改'}{NOUN[kind]} {record_id}")
    rules = action == "conditions"
    name = getattr(record, "name", "") or record_id
    changes.log(get_db(), kind=kind, action="新增" if did == "added" else "修改",
                source=f"{name}（{record_id}）" + ("，更正条件" if rules else ""), records=len(records),
                added=int(did == "added"), changed=int(did == "changed"), who=user)
    editlog.record(get_db(), kind=kind, record_id=record_id, action=action or did,
                   summary=summary if summary is not None else "、".join(fields),
                   before=before.conditions if rules and isinstance(before, Grant) else "",
                   after=record.conditions if rules and isinstance(record, Grant) else "", version=version, user=user)
    return Saved(kind, record_id, did if action is None else action, fields, progress, version, record)


def set_rules(app: Flask, grant_id: str, rules: str, user: str, *, summary: str) -> Saved:
    """Replace one programme's manual rules (the ``conditions`` column): validated, versioned, logged."""
    rules = rules.strip()
    parse_manual(rules)  # before the lock: InputError names the column, with the parser's message

    def edit(old: Grant | Org | None) -> Grant | Org:
        if old is None:
            raise NotFoundError(f"没有编号为“{grant_id}”的资助项目")
        return validate("grants", {**grant_cells(old), "conditions": rules}, date.today())  # type: ignore[arg-type]

    return change(app, "grants", grant_id, edit, user, action="conditions", summary=summary)


def remove(app: Flask, kind: str, record_id: str, user: str) -> Saved:
    """Remove one record (a new data version); the last record of a file cannot go."""
    with update_lock(app):
        records = current(app, kind)
        kept = [r for r in records if _id(r) != record_id]
        if len(kept) == len(records):
            raise NotFoundError(f"没有编号为“{record_id}”的{NOUN[kind]}")
        if not kept:
            raise InputError(f"这是最后一个{NOUN[kind]}，不能删除（数据文件至少要有一条）")
        gone = next(r for r in records if _id(r) == record_id)
        progress, version = _commit(app, kind, kept, f"删除{NOUN[kind]} {record_id}")
    changes.log(get_db(), kind=kind, action="删除", source=f"{gone.name}（{record_id}）", records=len(kept),
                removed=1, who=user)
    editlog.record(get_db(), kind=kind, record_id=record_id, action="removed", summary="", version=version, user=user)
    return Saved(kind, record_id, "removed", (), progress, version)


def settle(app: Flask, saved: Saved) -> bool:
    """Wait (at most ``EDIT_WAIT_SECONDS``) until the edit is served; True when it is."""
    if saved.progress is None:
        return True
    return saved.progress.wait(float(app.config["EDIT_WAIT_SECONDS"])) and not saved.progress.error
