"""Staff pages that edit one record in place, and the review of what the condition reader read.

Thin: the forms are read by :mod:`webapp.edits` (validation, versions,
log) and :mod:`matcher.review` (what each review decision writes).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from matcher.conditions import KINDS, Condition, checked_clauses, clause_key
from matcher.errors import InputError, NotFoundError
from matcher.io import grant_cells, org_cells
from matcher.records import LEGAL_FORMS, RATINGS, STAGES
from matcher.review import (
    STATUS_LABELS,
    UNWRITTEN,
    add_checked,
    confirm,
    remove_checked,
    reset_kind,
    review,
    rule_value,
    set_rule,
    unread_clauses,
)

from . import editlog, edits
from .db import get_db
from .highlight import segments
from .security import staff_only
from .state import as_of, get_state

bp = Blueprint("edits", __name__)


@dataclass(frozen=True)
class Field:
    """One input of a record form."""

    name: str
    label: str
    widget: str = "text"  # text / textarea / select / date
    choices: tuple[str, ...] = ()
    hint: str = ""
    required: bool = False


FORMS = {
    "orgs": (
        Field("org_id", "机构编号", hint="英文字母、数字或拼音，保存后不能修改；不能含 / \\ ? #", required=True),
        Field("name", "机构名称", required=True),
        Field("profile", "机构介绍", "textarea", required=True),
        Field("city", "所在城市"),
        Field("founded_year", "成立年份", hint="四位数字，如 2016"),
        Field("legal_form", "登记形式", "select", LEGAL_FORMS),
        Field("stage", "发展阶段", "select", STAGES),
        Field("fields", "服务领域", hint="用；分隔，如 儿童；阅读"),
        Field("fulltime_staff", "专职人数"),
        Field("women_led", "女性主导", "select", ("是", "否")),
        Field("rating", "评估等级", "select", RATINGS, hint="社会组织评估等级；参加过评估但未定级、或从未参加评估，选“无”"),
        Field("inspection_year", "年检（年报）合格年度", hint="最近一次年检或年报合格的年度，四位数字，如 2025"),
        Field("charity", "已认定为慈善组织", "select", ("是", "否"), hint="是否已由民政部门认定（或登记）为慈善组织"),
        Field("public_fundraising", "有公开募捐资格", "select", ("是", "否"), hint="是否取得公开募捐资格（公募）"),
    ),
    "grants": (
        Field("grant_id", "项目编号", hint="英文字母、数字或拼音，保存后不能修改；不能含 / \\ ? #", required=True),
        Field("name", "项目名称", required=True),
        Field("funder", "资助方", hint="原文未注明时写“（资讯未注明）”", required=True),
        Field("category", "类别", hint="如 儿童+教育", required=True),
        Field("eligibility", "资助对象（原文）", "textarea", required=True),
        Field("description", "项目介绍（原文）", "textarea", required=True),
        Field("region", "限定地区", hint="只在确有地区限制时填写"),
        Field("deadline", "截止日期", "date"),
        Field("url", "链接", hint="http:// 或 https:// 开头"),
        Field("source", "资讯来源", hint="如 某简报 2024年第3期"),
        Field("source_url", "来源网页", hint="读到这条资讯的网页，http:// 或 https:// 开头"),
        Field("updated", "资讯日期", hint="资讯发布或向资助方核实的日期：YYYY-MM-DD、YYYY-MM 或 YYYY"),
        Field("recurs", "是否定期举办", "select", ("每年", "每半年", "每季度", "不定期"),
              hint="资助方定期举办时填写：截止后页面会给出预计的下一期（注明为根据往年的估计）"),
        Field("conditions", "手工条件规则", "textarea", hint="一般在“核对条件”页面修改；语法见 README"),
    ),
}
BACK = {"orgs": "main.org", "grants": "main.grant"}


def _applied_message(saved: edits.Saved, applied: bool, what: str) -> str:
    if saved.action == "unchanged":
        return f"{what}：没有变化。"
    if applied:
        return f"已保存{what}（新版本已存档，可在“数据管理”中恢复），推荐已更新。"
    return f"已保存{what}（新版本已存档）；正在后台重新计算推荐，完成前各页面仍显示上一版。"


def _form_page(kind: str, values: dict, errors: dict, *, record_id: str | None, status: int = 200):
    history = editlog.history(get_db(), kind, record_id) if record_id else []
    return render_template("record_form.html", kind=kind, noun=edits.NOUN[kind], fields=FORMS[kind], values=values,
                           errors=errors, record_id=record_id, history=history), status


def _submit(kind: str, record_id: str | None):
    """Validate the posted form; on success save and go back to the record's page."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    id_col = edits.ID_COLUMN[kind]
    form = {k: v for k, v in request.form.items() if k in edits.COLUMNS[kind]}
    rid = record_id if record_id is not None else form.get(id_col, "").strip()
    try:
        if not rid:
            raise InputError("必填项为空", column=id_col)
        record = edits.validate(kind, edits.cells_of(form, kind, rid), as_of())
        saved = edits.save(app, kind, record, g.user, only_new=record_id is None)
    except InputError as exc:
        errors = getattr(exc, "fields", None) or {exc.column or "_": exc.message if exc.column else str(exc)}
        return _form_page(kind, {**form, id_col: rid}, errors, record_id=record_id, status=400)
    flash(_applied_message(saved, edits.settle(app, saved), f"{edits.NOUN[kind]} {rid}"))
    return redirect(url_for(BACK[kind], **{id_col: rid}))


@bp.route("/admin/orgs/new", methods=("GET", "POST"))
@staff_only
def org_new():
    """Add one organization."""
    if request.method == "POST":
        return _submit("orgs", None)
    return _form_page("orgs", {}, {}, record_id=None)


@bp.route("/admin/grants/new", methods=("GET", "POST"))
@staff_only
def grant_new():
    """Add one programme."""
    if request.method == "POST":
        return _submit("grants", None)
    return _form_page("grants", {}, {}, record_id=None)


@bp.route("/orgs/<org_id>/edit", methods=("GET", "POST"))
@staff_only
def org_edit(org_id: str):
    """Edit one organization."""
    o = get_state().org(org_id)
    if o is None:
        raise NotFoundError(f"没有编号为“{org_id}”的机构")
    if request.method == "POST":
        return _submit("orgs", org_id)
    return _form_page("orgs", org_cells(o), {}, record_id=org_id)


@bp.route("/grants/<grant_id>/edit", methods=("GET", "POST"))
@staff_only
def grant_edit(grant_id: str):
    """Edit one programme."""
    gr = get_state().matcher.grant(grant_id)
    if request.method == "POST":
        return _submit("grants", grant_id)
    return _form_page("grants", grant_cells(gr), {}, record_id=grant_id)


def _delete(kind: str, record_id: str):
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if request.form.get("confirm") != "1":
        flash(f"请先勾选“确认删除”。{edits.NOUN[kind]}没有删除。", "error")
        return redirect(url_for(f"edits.{'org' if kind == 'orgs' else 'grant'}_edit", **{edits.ID_COLUMN[kind]: record_id}))
    try:
        saved = edits.remove(app, kind, record_id, g.user)
    except InputError as exc:
        flash(str(exc), "error")
        return redirect(url_for(BACK[kind], **{edits.ID_COLUMN[kind]: record_id}))
    applied = edits.settle(app, saved)
    flash(f"已删除{edits.NOUN[kind]} {record_id}（删除前的版本已存档，可在“数据管理”中恢复）"
          + ("。" if applied else "；正在后台重新计算推荐。"))
    return redirect(url_for("main.index" if kind == "orgs" else "main.grants"))


@bp.post("/orgs/<org_id>/delete")
@staff_only
def org_delete(org_id: str):
    """Remove one organization (a new data version)."""
    return _delete("orgs", org_id)


@bp.post("/grants/<grant_id>/delete")
@staff_only
def grant_delete(grant_id: str):
    """Remove one programme (a new data version)."""
    return _delete("grants", grant_id)


# -- review of the conditions read ----------------------------------------------------------


KIND_LABELS = {
    "min_years": "最少成立年限", "max_years": "最多成立年限", "founded_after": "某年以后成立",
    "founded_before": "某日以前成立", "legal_person": "依法登记 / 法人资格", "nonprofit": "非营利",
    "legal_form": "登记形式", "applicant": "申请人类型", "age_range": "申请人年龄", "min_staff": "专职人数",
    "has_staff": "须有专职人员", "social_workers": "持证社工人数", "stage": "发展阶段", "women": "女性",
    "region": "地区", "registration_level": "登记层级", "field": "领域", "applicant_type": "申请主体",
    "rating": "评估等级", "inspection": "年检（年报）合格", "charity": "慈善组织", "public_fundraising": "公开募捐资格",
    "unread": "未能读出的要求",
}


def _new_rules(rules: str, read: dict[str, Condition]) -> tuple[str, str]:
    """The rules after the posted decision, and how the log says it."""
    action, kind = request.form.get("action", ""), request.form.get("kind", "")
    value = request.form.get("value", "").strip()
    clause = request.form.get("clause", "").strip()
    label = KIND_LABELS.get(kind, kind)
    if action in ("confirm", "correct", "remove", "reset", "add") and kind not in KINDS:
        raise InputError("请选择条件类型")
    if action == "confirm":
        if kind not in read:
            raise InputError("原文中没有读出这一条件，无法确认")
        return confirm(rules, read[kind]), f"确认：{read[kind].describe()}"
    if action in ("correct", "add"):
        if kind in UNWRITTEN:
            raise InputError(f"“{label}”无法写成手工规则：可以确认（记为已核对）或去掉")
        rule = f"{kind}={value}" if value else kind
        return set_rule(rules, kind, rule), f"{'更正' if action == 'correct' else '添加'}：{label} → {rule}"
    if action == "remove":
        return set_rule(rules, kind, f"-{kind}"), f"去掉：{label}"
    if action == "reset":
        return reset_kind(rules, kind), f"恢复为原文读出：{label}"
    if action == "check":
        if not clause_key(clause):
            raise InputError("请写出已核对的原文要求")
        return add_checked(rules, clause), f"标为已核对：{clause[:60]}"
    if action == "uncheck":
        return remove_checked(rules, clause), f"取消已核对：{clause[:60]}"
    if action == "rules":
        return request.form.get("rules", ""), "直接修改手工规则"
    raise InputError("未知的操作")


@bp.route("/grants/<grant_id>/review", methods=("GET", "POST"))
@staff_only
def grant_review(grant_id: str):
    """Each condition read, with its evidence; confirm, correct, remove or add; mark clauses as checked."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    gr = get_state().matcher.grant(grant_id)
    error, status = None, 200
    if request.method == "POST":
        rows = review(gr)
        read = {r.kind: r.read for r in rows if r.read is not None}
        try:
            rules, summary = _new_rules(gr.conditions, read)
            saved = edits.set_rules(app, grant_id, rules, g.user, summary=summary)
        except InputError as exc:
            error, status = exc, 400
        else:
            flash(_applied_message(saved, edits.settle(app, saved), "条件") if saved.action != "unchanged"
                  else "条件没有变化。")
            return redirect(url_for("edits.grant_review", grant_id=grant_id))
    rows = review(gr)
    evidence = [r.read.evidence for r in rows if r.read is not None and r.read.source == "text"]
    checked = checked_clauses(gr.conditions)
    checked_keys = {clause_key(c) for c in checked}
    unread = [(c, clause_key(c) in checked_keys) for c in unread_clauses(gr)]
    return render_template(
        "review.html", grant=gr, rows=rows, kinds=[k for k in KINDS if k not in UNWRITTEN], unwritten=UNWRITTEN, kind_labels=KIND_LABELS, statuses=STATUS_LABELS,
        rule_value=rule_value, eligibility=segments(gr.eligibility, evidence),
        description=segments(gr.description, evidence), unread=unread, checked=checked,
        history=editlog.history(get_db(), "grants", grant_id), error=error,
        posted_rules=request.form.get("rules") if error is not None else None,
    ), status
