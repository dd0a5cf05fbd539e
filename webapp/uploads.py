"""Staff keep the data current: upload, preview, confirm, restore (``/admin/data``).

An upload is validated by :mod:`matcher.io` first (nothing changes when it
has errors), then previewed as added / changed / removed records; only on
confirmation does it replace the current file. Then, in the background
(:mod:`webapp.changes`), the model is rebuilt once (programmes whose texts
changed) or only the changed organizations are ranked again, and
the new :class:`~webapp.state.AppState` is swapped in whole with its
rankings; until then the previous version is served.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from matcher.errors import InputError
from matcher.io import load_grants, load_orgs
from matcher.records import Grant, Org

from . import changes, datastore, rankstore
from .files import private_dir, write_private
from .security import staff_only
from .state import get_state, update_lock

bp = Blueprint("uploads", __name__, url_prefix="/admin")

KIND_LABELS = {"grants": "资助项目", "orgs": "机构"}
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
PENDING_MAX_AGE = 24 * 3600


@dataclass(frozen=True)
class Diff:
    """What an upload would change, by id."""

    added: list[str]
    changed: list[tuple[str, list[str]]]  # id, changed field names
    removed: list[str]
    unchanged: int

    @property
    def empty(self) -> bool:
        """True when the upload changes nothing."""
        return not (self.added or self.changed or self.removed)


def diff_records(old: Sequence[Grant] | Sequence[Org], new: Sequence[Grant] | Sequence[Org], key: str) -> Diff:
    """Compare two record lists by id and by every field."""
    before = {getattr(r, key): r for r in old}
    after = {getattr(r, key): r for r in new}
    changed = []
    for k, rec in after.items():
        prev = before.get(k)
        if prev is not None and prev != rec:
            fields = [f.name for f in dataclasses.fields(rec) if getattr(prev, f.name) != getattr(rec, f.name)]
            changed.append((k, fields))
    return Diff(
        added=[k for k in after if k not in before],
        changed=changed,
        removed=[k for k in before if k not in after],
        unchanged=sum(1 for k, r in after.items() if before.get(k) == r),
    )


def _load(kind: str, name: str, raw: bytes, warnings: list[str]) -> list:
    """Validate bytes as a grants or orgs file; :class:`InputError` names row and column."""
    enc = current_app.config["ENCODING"]
    if kind == "grants":
        return load_grants(name, data=raw, encoding=enc, warn=warnings.append)
    return load_orgs(name, data=raw, encoding=enc, warn=warnings.append)


def _pending_dir() -> Path:
    return datastore.data_dir(current_app) / "pending"


def _clean_pending() -> None:
    pdir = _pending_dir()
    if not pdir.exists():
        return
    cutoff = time.time() - PENDING_MAX_AGE
    for p in pdir.iterdir():
        if p.stat().st_mtime < cutoff:
            p.unlink(missing_ok=True)


def _pending_file(token: str, kind: str) -> Path | None:
    if not _TOKEN.match(token) or kind not in datastore.KINDS:
        return None
    for suffix in datastore.SUFFIXES:
        p = _pending_dir() / f"{kind}-{token}{suffix}"
        if p.exists():
            return p
    return None


def _suffix(filename: str) -> str | None:
    s = Path(filename).suffix.lower()
    return s if s in datastore.SUFFIXES else None


def _page(status: int = 200, **ctx):
    st = get_state()
    up = rankstore.updater(current_app)
    return render_template(
        "admin_data.html",
        st=st,
        labels=KIND_LABELS,
        counts={"grants": len(st.grants), "orgs": len(st.orgs)},
        sources={"grants": st.grants_source, "orgs": st.orgs_source},
        versions={k: datastore.list_versions(current_app, k) for k in datastore.KINDS},
        rankings=rankstore.fresh(st),
        pending=up.pending(),
        last=up.last,
        **ctx,
    ), status


@bp.get("/data")
@staff_only
def data():
    """Current data files, the upload form and the earlier versions."""
    return _page()


def _preview(kind: str, name: str, raw: bytes, suffix: str, origin: str):
    warnings: list[str] = []
    try:
        records = _load(kind, name, raw, warnings)
    except InputError as exc:
        return _page(400, kind=kind, error=exc, warnings=warnings, origin=origin)
    st = get_state()
    old = st.grants if kind == "grants" else st.orgs
    diff = diff_records(old, records, "grant_id" if kind == "grants" else "org_id")
    _clean_pending()
    token = secrets.token_hex(16)
    write_private(private_dir(_pending_dir()) / f"{kind}-{token}{suffix}", raw)
    return _page(kind=kind, diff=diff, token=token, warnings=warnings, origin=origin, n_records=len(records))


@bp.post("/data/preview")
@staff_only
def preview():
    """Validate an uploaded file and show what it would change; nothing changes yet."""
    kind = request.form.get("kind", "")
    upload = request.files.get("file")
    if kind not in datastore.KINDS:
        return _page(400, error=InputError("请选择要更新的数据：资助项目或机构"))
    if upload is None or not upload.filename:
        return _page(400, kind=kind, error=InputError("请选择一个 CSV 或 XLSX 文件"))
    suffix = _suffix(upload.filename)
    if suffix is None:
        return _page(400, kind=kind, error=InputError("只接受 .csv 或 .xlsx 文件", path=upload.filename))
    raw = upload.read()
    return _preview(kind, upload.filename, raw, suffix, origin=upload.filename)


@bp.post("/data/restore")
@staff_only
def restore():
    """Preview an earlier version, to restore it on confirmation."""
    name = request.form.get("version", "")
    path = datastore.version_path(current_app, name)
    if path is None:
        return _page(404, error=InputError("没有这个历史版本", path=name))
    kind = name.split("-", 1)[0]
    return _preview(kind, name, path.read_bytes(), path.suffix.lower(), origin=f"历史版本 {name}")


@bp.post("/data/confirm")
@staff_only
def confirm():
    """Replace the current file with the previewed one; rebuild and rank in the background, then swap."""
    kind, token = request.form.get("kind", ""), request.form.get("token", "")
    pending = _pending_file(token, kind)
    if pending is None:
        flash("预览已过期或不存在，请重新上传。", "error")
        return redirect(url_for("uploads.data"))
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with update_lock(app):
        raw = pending.read_bytes()
        warnings: list[str] = []
        try:
            records = _load(kind, pending.name, raw, warnings)
        except InputError as exc:  # cannot happen unless the pending file was tampered with
            pending.unlink(missing_ok=True)
            return _page(400, kind=kind, error=exc, warnings=warnings)
        done, _ = changes.commit(app, kind, records, raw, pending.suffix.lower(),
                                 f"更新{KIND_LABELS[kind]}数据（{len(records)} 条）")
        pending.unlink(missing_ok=True)
    if done.running:
        flash(f"已收到新的{KIND_LABELS[kind]}数据（共 {len(records)} 条），正在后台重新计算推荐；完成前各页面仍显示上一版数据。")
    else:
        flash(f"已更新{KIND_LABELS[kind]}数据：共 {len(records)} 条。")
    return redirect(url_for("uploads.data"))
