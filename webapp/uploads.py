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
import io
import json
import re
import secrets
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, send_file, url_for

from matcher.errors import InputError
from matcher.io import load_grants, load_orgs
from matcher.records import Grant, Org

from . import changes, datastore, edits, rankstore
from .db import get_db
from .files import private_dir, write_private
from .security import staff_only
from .state import as_of, get_state, update_lock

bp = Blueprint("uploads", __name__, url_prefix="/admin")

KIND_LABELS = {"grants": "资助项目", "orgs": "机构"}
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
PENDING_MAX_AGE = 24 * 3600


#: How long a value may be in the preview before it is cut (the file holds it whole).
SHOWN_CHARS = 120


@dataclass(frozen=True)
class FieldChange:
    """One field of one record: the value before and after, as text a person reads."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Changed:
    """A record the upload changes: its id, its name and each changed field."""

    key: str
    name: str
    fields: list[FieldChange]


@dataclass(frozen=True)
class Diff:
    """What an upload would change: records added and removed (id, name), changed (before → after)."""

    added: list[tuple[str, str]]
    changed: list[Changed]
    removed: list[tuple[str, str]]
    unchanged: int

    @property
    def empty(self) -> bool:
        """True when the upload changes nothing."""
        return not (self.added or self.changed or self.removed)


def shown(value: object) -> str:
    """A field value as the preview shows it: blank as （空）, a list joined, long text cut."""
    if value is None or value == "" or value == ():
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple):
        value = "；".join(map(str, value))
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + f"……（共 {len(text)} 字）"


def diff_records(old: Sequence[Grant] | Sequence[Org], new: Sequence[Grant] | Sequence[Org], key: str) -> Diff:
    """Compare two record lists by id and by every field."""
    before = {getattr(r, key): r for r in old}
    after = {getattr(r, key): r for r in new}
    changed = []
    for k, rec in after.items():
        prev = before.get(k)
        if prev is not None and prev != rec:
            fields = [FieldChange(f.name, shown(getattr(prev, f.name)), shown(getattr(rec, f.name)))
                      for f in dataclasses.fields(rec) if getattr(prev, f.name) != getattr(rec, f.name)]
            changed.append(Changed(k, rec.name, fields))
    return Diff(
        added=[(k, r.name) for k, r in after.items() if k not in before],
        changed=changed,
        removed=[(k, r.name) for k, r in before.items() if k not in after],
        unchanged=sum(1 for k, r in after.items() if before.get(k) == r),
    )


#: Loader warnings whose value is not kept as written (matcher.io says how it treats it).
_DROPPED = ("按未填写处理", "按未知处理", "已截取", "将被忽略")


def split_warnings(warnings: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(dropped, notes)``: warnings where a value is dropped, cut or ignored, and the rest."""
    dropped = [w for w in warnings if any(p in w for p in _DROPPED)]
    return dropped, [w for w in warnings if w not in dropped]


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
    for suffix in datastore.SUFFIXES:  # never the .json beside it
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
    dropped, notes = split_warnings(ctx.pop("warnings", None) or [])
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
        dropped=dropped,
        notes=notes,
        log=data_log(get_db()),
        columns=COLUMNS,
        **ctx,
    ), status


@bp.get("/data")
@staff_only
def data():
    """Current data files, the upload form and the earlier versions."""
    return _page()


def _preview(kind: str, name: str, raw: bytes, suffix: str, origin: str):
    """Validate; a bad file is answered at once (nothing stored), a good one is kept and shown at its own URL."""
    warnings: list[str] = []
    try:
        _load(kind, name, raw, warnings)
    except InputError as exc:
        return _page(400, kind=kind, error=exc, warnings=warnings, origin=origin)
    _clean_pending()
    token = secrets.token_hex(16)
    pdir = private_dir(_pending_dir())
    write_private(pdir / f"{kind}-{token}{suffix}", raw)
    write_private(pdir / f"{kind}-{token}.json", json.dumps({"origin": origin}, ensure_ascii=False).encode("utf-8"))
    # POST → redirect → GET: back and refresh show the preview again, they never send the file again
    return redirect(url_for("uploads.show_preview", kind=kind, token=token), code=303)


@bp.get("/data/preview/<kind>/<token>")
@staff_only
def show_preview(kind: str, token: str):
    """The preview of an upload kept for confirmation: records named, each changed field before → after."""
    pending = _pending_file(token, kind)
    if pending is None:
        return _page(410, gone=True)
    meta = _pending_meta(pending)
    warnings: list[str] = []
    records = _load(kind, meta.get("origin", pending.name), pending.read_bytes(), warnings)  # name it as uploaded
    st = get_state()
    old = st.grants if kind == "grants" else st.orgs
    diff = diff_records(old, records, "grant_id" if kind == "grants" else "org_id")
    return _page(kind=kind, diff=diff, token=token, warnings=warnings, origin=meta.get("origin", pending.name),
                 n_records=len(records))


def _pending_meta(pending: Path) -> dict:
    try:
        return json.loads(pending.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


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
        diff = diff_records(edits.current(app, kind), records, "grant_id" if kind == "grants" else "org_id")
        origin = _pending_meta(pending).get("origin", pending.name)
        done, _ = changes.commit(app, kind, records, raw, pending.suffix.lower(),
                                 f"更新{KIND_LABELS[kind]}数据（{len(records)} 条）")
        log_change(get_db(), kind, "恢复" if origin.startswith("历史版本") else "上传", origin, len(records), diff)
        pending.unlink(missing_ok=True)
        pending.with_suffix(".json").unlink(missing_ok=True)
    if done.running:
        flash(f"已收到新的{KIND_LABELS[kind]}数据（共 {len(records)} 条），正在后台重新计算推荐；完成前各页面仍显示上一版数据。")
    else:
        flash(f"已更新{KIND_LABELS[kind]}数据：共 {len(records)} 条。")
    return redirect(url_for("uploads.data"))


# -- history: who changed what, how many rows ----------------------------------------------


def log_change(conn: sqlite3.Connection, kind: str, action: str, source: str, records: int, diff: Diff) -> None:
    """Remember a confirmed upload or restore in the update log (:func:`webapp.changes.log`)."""
    changes.log(conn, kind=kind, action=action, source=source, records=records, who=g.get("user") or "",
                added=len(diff.added), changed=len(diff.changed), removed=len(diff.removed))


def data_log(conn: sqlite3.Connection, limit: int = 50) -> list[changes.LogEntry]:
    """The latest versions (uploads, restores, edits), newest first."""
    return changes.history(conn, limit)


# -- downloads: the current file, and an empty template ---------------------------------------

#: Every column of the two files, with what a person should write in it (the template's second sheet).
COLUMNS = {
    "grants": {
        "grant_id": "必填。项目编号：英文字母、数字和 -，不可重复，例如 xiangcun-yuedu",
        "name": "必填。项目名称",
        "funder": "必填。资助方；原文没写时填（资讯未注明）",
        "category": "必填。资助领域，多个用 + 连接，例如 儿童+教育；面向所有领域填 不限领域",
        "eligibility": "必填。资助对象与申请条件（原文）",
        "description": "必填。项目介绍（原文）",
        "region": "可选。仅当只限某地申请时填写，例如 河北",
        "deadline": "可选。截止日期 YYYY-MM-DD；无法识别的日期会按未填写处理",
        "url": "可选。项目链接，须以 http:// 或 https:// 开头",
        "source": "可选。信息来源",
        "conditions": "可选。对读出的硬性条件的更正，例如 min_years=2; region=河北; checked=<已人工核对的原文要求>",
        "updated": "可选。资讯日期：YYYY-MM-DD、YYYY-MM 或 YYYY（原文只写年份时填年份）；空白时取来源中的日期，从不取上传的日子",
        "source_url": "可选。读到这条资讯的网页（http/https），页面上显示为“原文页面”链接",
        "recurs": "可选。定期举办时填写：每年 / 每半年 / 每季度 / 不定期（或 yearly / half-yearly / quarterly / none）；"
                  "截止后页面给出预计的下一期，注明“预计（根据往年）”",
    },
    "orgs": {
        "org_id": "必填。机构编号：英文字母、数字和 -，不可重复",
        "name": "必填。机构名称",
        "profile": "必填。机构介绍：做什么、为谁、在哪里、从何时起",
        "city": "可选。所在城市",
        "founded_year": "可选。成立年份（整数）",
        "legal_form": "可选。民办非企业单位 / 社会服务机构 / 社会团体 / 基金会 / 未注册团体 / 工商注册",
        "stage": "可选。初创期 / 成长期 / 成熟期",
        "fields": "可选。服务领域，用 ; 分隔",
        "fulltime_staff": "可选。专职人数（整数）",
        "women_led": "可选。是 / 否",
        "rating": "可选。社会组织评估等级：无 / 1A / 2A / 3A / 4A / 5A（从未参加评估填 无；3A、三A、3 都可以）",
        "inspection_year": "可选。最近一次年检（年报）合格的年度，如 2024",
        "charity": "可选。是否已认定为慈善组织：是 / 否",
        "public_fundraising": "可选。是否具有公开募捐资格（公募）：是 / 否",
    },
}


def template_bytes(kind: str, fmt: str) -> bytes:
    """An empty file of ``kind``: the header row; in XLSX a second sheet 列说明 says what each column holds."""
    cols = list(COLUMNS[kind])
    if fmt == "csv":
        return ("\ufeff" + ",".join(cols) + "\r\n").encode("utf-8")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = KIND_LABELS[kind]
    ws.append(cols)
    notes = wb.create_sheet("列说明")
    notes.append(["列", "说明"])
    for c, note in COLUMNS[kind].items():
        notes.append([c, note])
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 80
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_MIME = {".csv": "text/csv", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@bp.get("/data/<any(grants, orgs):kind>/current")
@staff_only
def current_file(kind: str):
    """The file served now, as it is (staff edit it in Excel and upload it again)."""
    path = datastore.source_path(current_app, kind)
    suffix = path.suffix.lower() if path.suffix.lower() in _MIME else ".csv"
    return send_file(io.BytesIO(path.read_bytes()), mimetype=_MIME[suffix], as_attachment=True,
                     download_name=f"{kind}-{date.today().isoformat()}{suffix}", max_age=0)


@bp.get("/data/<any(grants, orgs):kind>/template.<any(csv, xlsx):fmt>")
@staff_only
def template(kind: str, fmt: str):
    """An empty file with the right columns (XLSX: with a sheet explaining them)."""
    if kind not in COLUMNS:
        abort(404)
    return send_file(io.BytesIO(template_bytes(kind, fmt)), mimetype=_MIME[f".{fmt}"], as_attachment=True,
                     download_name=f"{kind}-template.{fmt}", max_age=0)


# -- an ad-hoc profile saved as a new organization ---------------------------------------------

_ORG_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@bp.post("/data/orgs/add")
@staff_only
def save_org():
    """Save the ad-hoc profile of /match as a new organization (a new orgs version, like an upload)."""
    from .profiles import validate_profile
    from .views import render_match

    org, errors = validate_profile(request.form, from_form=True, today=as_of())
    if org is None:
        flash("机构资料有误，请在临时匹配页面改正后再保存。", "error")
        return redirect(url_for("main.match"))
    org_id, name = request.form.get("org_id", "").strip(), request.form.get("name", "").strip()
    st = get_state()
    save_errors = {}
    if not _ORG_ID.match(org_id):
        save_errors["org_id"] = "机构编号只能用英文字母、数字、- 和 _（以字母或数字开头，最多 64 个字符）"
    elif st.org(org_id) is not None:
        save_errors["org_id"] = f"编号“{org_id}”已被 {st.org(org_id).name} 使用"  # type: ignore[union-attr]
    if not name:
        save_errors["name"] = "请填写机构名称"
    if save_errors:
        return render_match(org, request.form, save_form=request.form, save_errors=save_errors, status=400)
    new = dataclasses.replace(org, org_id=org_id, name=name)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:  # a new orgs version like any edit (webapp.changes): versioned, logged, ranked in the background
        edits.save(app, "orgs", new, g.user, only_new=True)
    except InputError as exc:  # the id was taken meanwhile
        return render_match(org, request.form, save_form=request.form, save_errors={"org_id": exc.message},
                            status=400)
    flash(f"已保存为新机构：{name}（{org_id}）。")
    return redirect(url_for("main.org", org_id=org_id))
