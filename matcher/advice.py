"""The next step to qualify: for a recommendation that is not (yet) eligible, the one thing to do.

Reads a :class:`~matcher.records.Match`'s checks together with the
conditions they checked (``Match.conditions``, same order) and says in one
short Chinese sentence what stands between the organization and applying:
a date to wait for ("注册满2年后（2027年3月起）可申请"), a fact to change
(register, hire, get rated, pass the 年检), a route the call itself offers
(through a 公募 host, with a partner), a fact to fill in or confirm
("请填写专职人数"), a clause to read ("请对照原文确认：…") — or, honestly,
that nothing can be done ("限河北地区注册的机构申请，不符合").

Never more than the call says: dates come from the rule and the founding
date (a year alone gives the earliest day and says the month decides),
routes only from the call's own words (the ``partner`` flag, ``host``), and
nothing promises a grant.

Which step, when several conditions are open:

1. an unmet condition nobody can change (region, age, who may apply …)
   makes the verdict final: that is said, and nothing else is suggested;
2. else the first unmet condition the organization can act on, in the
   order the steps must be taken (register before counting registered
   years, then routes, waiting, staff, 年检, rating, 慈善 and 公募 status);
3. else the first unknown it can settle: a field to fill in, a fact to
   confirm, a route to take, a clause to read.

``NextStep.others`` counts the open conditions left after this one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .conditions.applicants import BODY_LABELS
from .conditions.profile import (
    _org_bodies,
    _org_form,
    _org_founded,
    _org_founded_month,
    _org_place,
    _org_public_fundraising,
    _org_rating,
    _org_staff,
    _org_stage,
)
from .conditions.record import _plain_list, _span, describe_bodies, field_name
from .records import Check, Match, Org

__all__ = ["ACTIONS", "NextStep", "next_step"]

#: What a step asks of the organization.
ACTIONS = {
    "register": "登记注册",
    "partner": "经合作机构申报",
    "host": "经公募机构参加",
    "wait": "等到满足年限",
    "hire": "增加人员",
    "inspect": "年检（年报）合格",
    "rate": "参加等级评估",
    "recognize": "认定为慈善组织",
    "fundraise": "取得公开募捐资格",
    "fill": "填写资料",
    "confirm": "确认情况",
    "read": "对照原文确认",
    "none": "无法满足",
}
#: Order of unmet steps (what must come first) and of unknown ones (cheapest first).
_UNMET_ORDER = ("register", "partner", "host", "wait", "hire", "inspect", "rate", "recognize", "fundraise")
_UNKNOWN_ORDER = ("fill", "confirm", "partner", "host", "read")
_REGISTRABLE = ("assoc", "service")
_UNREGISTERED = frozenset({"group", "filed"})


@dataclass(frozen=True)
class NextStep:
    """The shortest honest path to applying, for one organization and one programme.

    ``text`` is the sentence people read; ``kind`` the condition it is
    about; ``action`` one of :data:`ACTIONS`; ``actionable`` False when
    nothing the organization does changes the verdict. ``date`` is the
    first day time alone settles it (``precision`` "month" when the
    founding month is known, "year" when only the year is, so the day is
    the earliest possible). ``field`` names the organization's column to
    fill in, when filling it settles the condition.
    """

    text: str
    kind: str
    action: str
    actionable: bool
    date: date | None = None
    precision: str = ""
    field: str = ""
    evidence: str = ""
    others: int = 0

    def as_dict(self) -> dict:
        """JSON form (the API's ``next_step``)."""
        return {"text": self.text, "kind": self.kind, "action": self.action, "actionable": self.actionable,
                "date": self.date.isoformat() if self.date else None, "precision": self.precision or None,
                "field": self.field or None, "evidence": self.evidence, "others": self.others}


def next_step(match: Match, org: Org, as_of: date) -> NextStep | None:
    """The step for a match that is ineligible or unknown; ``None`` for an eligible one."""
    if match.eligibility == "eligible":
        return None
    conds: Sequence = match.conditions if len(match.conditions) == len(match.checks) else (None,) * len(match.checks)
    unmet = [_unmet(c, cond, org, match, as_of) for c, cond in zip(match.checks, conds, strict=True) if c.status == "unmet"]
    unknown = [_unknown(c, cond, org, as_of) for c, cond in zip(match.checks, conds, strict=True)
               if c.status == "unknown"]
    final = [s for s in unmet if not s.actionable]
    if final:
        return _with_others(final[0], 0, 0)  # nothing else matters while this stands
    if unmet:
        step = min(unmet, key=lambda s: _UNMET_ORDER.index(s.action))
        return _with_others(step, len(unmet) - 1, len(unknown))
    if unknown:
        step = min(unknown, key=lambda s: _UNKNOWN_ORDER.index(s.action))
        return _with_others(step, 0, len(unknown) - 1)
    return NextStep("请对照原文核对申请条件", "", "read", True)  # a verdict without an open check: never made


def _with_others(step: NextStep, unmet: int, unknown: int) -> NextStep:
    parts = ([f"{unmet}项需解决"] if unmet else []) + ([f"{unknown}项待确认"] if unknown else [])
    if not parts:
        return step
    return NextStep(**{**step.__dict__, "text": f"{step.text}（另有{'、'.join(parts)}）",
                       "others": unmet + unknown})


def _step(check: Check, text: str, action: str, **kw) -> NextStep:
    return NextStep(text=text, kind=check.kind, action=action, actionable=action != "none",
                    evidence=check.evidence, **kw)


# -- dates ----------------------------------------------------------------------------------


def _add_months(year: int, month: int, months: int) -> date:
    n = year * 12 + (month - 1) + months
    return date(n // 12, n % 12 + 1, 1)


def _month_label(d: date) -> str:
    return f"{d.year}年{d.month}月"


def _qualifies_on(param: object, org: Org) -> tuple[date, str, str] | None:
    """(first day the registration rule is met, precision, how it was found) or None without a founding year.

    The checker counts whole months when the founding month is known; with a
    year alone, years are ``as_of.year − founded`` (so the year's first day),
    and months run from the earliest possible month, January.
    """
    founded = _org_founded(org)
    if founded is None:
        return None
    month = _org_founded_month(org, founded)
    months = int(param["months"]) if isinstance(param, dict) else int(param) * 12  # type: ignore[call-overload]
    if month is not None:
        return _add_months(founded, month, months), "month", f"{founded}年{month}月成立"
    return _add_months(founded, 1, months), "year", f"{founded}年成立"


def _after_deadline(d: date, match: Match) -> str:
    dl = match.grant.deadline
    return f"，晚于本期截止日（{dl.isoformat()}）" if dl is not None and d > dl else ""


# -- unmet: change what can be changed, or say that nothing can ----------------------------------


def _unmet(check: Check, cond, org: Org, match: Match, as_of: date) -> NextStep:
    p = cond.param if cond is not None else None
    kind = check.kind
    if cond is None:
        return _step(check, f"不符合：{check.explanation}", "none")
    if kind == "min_years":
        if _org_form(org) == "未注册团体":
            return _step(check, f"须先登记注册，登记满{_span(p)}后才能申请", "register", field="legal_form")
        when = _qualifies_on(p, org)
        if when is None:
            return _step(check, f"须注册满{_span(p)}", "wait", field="founded_year")
        day, precision, basis = when
        if precision == "month":
            text = f"注册满{_span(p)}后（{_month_label(day)}起）可申请{_after_deadline(day, match)}"
        else:
            text = (f"注册满{_span(p)}后可申请：{basis}，最早{_month_label(day)}起，以成立月份为准"
                    f"{_after_deadline(day, match)}")
        return _step(check, text, "wait", date=day, precision=precision)
    if kind in ("min_staff", "has_staff"):
        need = 1 if kind == "has_staff" else int(p)
        have = _org_staff(org) or 0
        return _step(check, f"须有至少{need}名专职人员（现有{have}名）：专职人员达到{need}名后可申请", "hire",
                     field="fulltime_staff")
    if kind == "social_workers":
        return _step(check, f"须有至少{p}名持证社工：持证社工达到{p}名后可申请", "hire")
    if kind == "legal_person":
        return _step(check, "须先依法登记注册、取得法人资格，才能申请", "register", field="legal_form")
    if kind == "legal_form":
        forms = _plain_list(p)
        into = [f for f in forms if f in ("民办非企业单位", "社会服务机构", "社会团体")]
        if _org_form(org) == "未注册团体" and into:
            return _step(check, f"须在民政部门登记为{_forms(into, '或')}后才能申请", "register", field="legal_form")
        return _step(check, f"登记形式限{_forms(forms)}，本机构为{_org_form(org)}，不符合", "none")
    if kind == "applicant_type":
        return _applicant_type(check, p, org)
    if kind == "rating":
        return _rating(check, int(p), org, as_of)
    if kind == "inspection":
        return _step(check, "须年检（年报）合格：年检合格后才能申请", "inspect", field="inspection_year")
    if kind == "charity":
        return _step(check, "须为依法认定的慈善组织：向登记的民政部门申请认定后才能申请", "recognize", field="charity")
    if kind == "public_fundraising":
        return _step(check, "须有公开募捐资格（原文未提可经公募机构参加）：取得公募资格后才能申请", "fundraise",
                     field="public_fundraising")
    return _step(check, _final_text(check, p, org), "none")


def _forms(forms: Sequence[str], sep: str = "、") -> str:
    """Legal forms as people name them: the old and new name of the same form once."""
    names = ["社会服务机构（民办非企业单位）" if f in ("民办非企业单位", "社会服务机构") else f for f in forms]
    return sep.join(dict.fromkeys(names))


def _final_text(check: Check, p, org: Org) -> str:
    """Why the verdict stands, for the conditions no step can change."""
    kind = check.kind
    if kind == "max_years":
        return f"成立已超过{_span(p)}，不符合"
    if kind == "founded_after":
        return f"须{p}年以后成立，不符合"
    if kind == "founded_before":
        y, m, d = str(p).split("-")
        return f"须{y}年{int(m)}月{int(d)}日前成立，不符合"
    if kind == "region":
        places = "、".join(str(r).rstrip("?") for r in p)
        place = _org_place(org)
        return f"限在{places}注册的机构申请" + (f"，本机构注册地为{place}" if place else "") + "，不符合"
    if kind == "nonprofit":
        return "须为非营利组织，工商注册的机构不能申请"
    if kind == "applicant":
        return "只接受个人申请，机构不能申请" if p == "individual" else "只接受机构申请"
    if kind == "age_range":
        lo, hi = p
        return (f"申请人须为{lo}–{hi}岁" if lo else f"申请人须在{hi}岁以下") + "，不符合"
    if kind == "stage":
        return f"只资助{'、'.join(_plain_list(p))}的机构，本机构为{_org_stage(org)}，不符合"
    if kind == "women":
        return "须为女性主导的机构，不符合"
    if kind == "registration_level":
        return "须在县级（含县级市）民政部门登记，不符合"
    if kind == "field":
        return f"只资助以{'、'.join(field_name(k) for k in p)}为主要业务的机构，不符合"
    return f"不符合：{check.explanation}"


def _applicant_type(check: Check, p, org: Org) -> NextStep:
    p = p if isinstance(p, dict) else {}
    bodies = _org_bodies(org) or frozenset()
    what = "、".join(BODY_LABELS[b] for b in sorted(bodies, key=list(BODY_LABELS).index)) or "申请方"
    groups = [set(accepted) for accepted, _maybe in p.get("groups", [])]
    if p.get("partner"):
        allowed = "、".join(BODY_LABELS[b] for b in groups[0] if b != "mutual") if groups else "符合条件的机构"
        return _step(check, f"{what}不能单独申请；原文允许经合作机构申报：可与{allowed}合作申报", "partner")
    if bodies and bodies <= _UNREGISTERED:
        # registering is a step an unregistered group can take (as a 社会团体 or 社会服务机构; a 基金会 is
        # another matter), when the call accepts such a body
        excluded = set(p.get("exclude", ()))
        forms = [b for b in _REGISTRABLE if b not in excluded and all(b in g for g in groups)]
        if forms:
            names = "或".join(BODY_LABELS[b] for b in forms)
            return _step(check, f"须在民政部门登记为{names}后才能申请", "register", field="legal_form")
    return _step(check, f"{_who_may(p)}，本机构为{what}，不符合", "none")


def _who_may(p: dict) -> str:
    """"只接受学生或学生团队申请": the kinds every group of the rule lets in (accepted or maybe), or the rule."""
    excluded = set(p.get("exclude", ()))
    groups = p.get("groups", [])
    if not groups:
        return "不受理" + "、".join(BODY_LABELS[b] for b in p.get("exclude", ())) + "申请"
    common = set.intersection(*(set(a) for a, _m in groups)) - excluded
    common = common or set.intersection(*(set(a) | set(m) for a, m in groups)) - excluded
    if not common:
        return describe_bodies(p)
    return "只接受" + "、".join(BODY_LABELS[b] for b in BODY_LABELS if b in common) + "申请"


def _rating(check: Check, need: int, org: Org, as_of: date) -> NextStep:
    have = _org_rating(org)
    now = "尚未参加评估" if not have else f"现为{have}A"
    text = f"评估等级须达到{need}A及以上（{now}）：参加社会组织等级评估、达到{need}A后可申请"
    when = _qualifies_on(2, org)  # 《社会组织评估管理办法》: registered two full years before it may be assessed
    if when is not None and when[0] > as_of:
        text += f"；按《社会组织评估管理办法》，登记满两年方可参评（{_month_label(when[0])}起）"
        return _step(check, text, "rate", date=when[0], precision=when[1], field="rating")
    return _step(check, text, "rate", field="rating")


# -- unknown: settle it ---------------------------------------------------------------------------


def _unknown(check: Check, cond, org: Org, as_of: date) -> NextStep:
    p = cond.param if cond is not None else None
    kind, why = check.kind, check.explanation
    if cond is None:
        return _step(check, f"请确认：{why}", "confirm")
    if kind in ("min_years", "max_years", "founded_after", "founded_before"):
        rule = cond.describe()
        if _org_founded(org) is None:
            return _step(check, f"请填写成立年份（{rule}）", "fill", field="founded_year")
        return _step(check, f"请确认成立月份（{rule}，取决于月份）", "confirm")
    if kind == "legal_person":
        if p == "partner" and _org_form(org) == "未注册团体":
            return _step(check, "未登记的团队须经有法人资格的合作机构（或经推荐）申报，原文允许", "partner")
        return _step(check, "请填写登记形式（须依法登记）", "fill", field="legal_form")
    if kind == "nonprofit":
        if p == "不分红" and _org_form(org) == "工商注册":
            return _step(check, "请确认章程是否约定不分红（工商注册的机构须不分红）", "confirm")
        return _step(check, "请填写登记形式（须为非营利组织）", "fill", field="legal_form")
    if kind == "legal_form":
        if not _org_form(org):
            return _step(check, f"请填写登记形式（{cond.describe()}）", "fill", field="legal_form")
        return _step(check, f"请对照原文确认{_org_form(org)}能否申请", "confirm")
    if kind == "applicant":
        return _step(check, "请确认申请人身份（" + ("须为个人" if p == "individual" else "须为机构") + "）", "confirm")
    if kind == "applicant_type":
        return _applicant_unknown(check, p, org)
    if kind == "age_range":
        lo, hi = p
        return _step(check, f"请确认申请人年龄（须{lo}–{hi}岁）" if lo else f"请确认申请人年龄（须{hi}岁以下）", "confirm")
    if kind in ("min_staff", "has_staff"):
        need = 1 if kind == "has_staff" else int(p)
        return _step(check, f"请填写专职人数（须至少{need}名）", "fill", field="fulltime_staff")
    if kind == "social_workers":
        return _step(check, f"请确认持证社工人数（须至少{p}名）", "confirm")
    if kind == "stage":
        if not _org_stage(org):
            return _step(check, f"请填写发展阶段（{cond.describe()}）", "fill", field="stage")
        return _step(check, f"请对照原文确认{_org_stage(org)}的机构能否申请", "confirm")
    if kind == "women":
        if p == "led":
            return _step(check, "请确认是否女性主导的机构", "fill", field="women_led")
        return _step(check, "请确认是否女性主导，或项目是否以女性为主要受益对象", "confirm")
    if kind == "region":
        places = "、".join(str(r).rstrip("?") for r in p)
        if not _org_place(org):
            return _step(check, f"请填写所在城市（注册地；限{places}）", "fill", field="city")
        return _step(check, f"请确认注册地是否在{places}", "confirm")
    if kind == "registration_level":
        return _step(check, "请确认登记机关是否为县级（含县级市）民政部门", "confirm")
    if kind == "rating":
        return _step(check, f"请填写评估等级（须{p}A及以上）", "fill", field="rating")
    if kind == "inspection":
        text = f"请确认是否{cond.describe()}" if isinstance(p, dict) else "请确认最近一次年检（年报）是否合格"
        return _step(check, text, "fill", field="inspection_year")
    if kind == "charity":
        return _step(check, "请确认是否已认定为慈善组织", "fill", field="charity")
    if kind == "public_fundraising":
        if p == "host":
            if _org_public_fundraising(org) is None:
                return _step(check, "没有公募资格的机构需通过公募机构（认领/挂靠）参加", "host", field="public_fundraising")
            return _step(check, "需通过公募机构（认领/挂靠）参加", "host")
        return _step(check, "请确认是否具有公开募捐资格", "fill", field="public_fundraising")
    if kind == "field":
        return _step(check, f"请确认机构主要业务是否为{'、'.join(field_name(k) for k in p)}", "confirm")
    if kind == "unread":
        return _step(check, f"请对照原文确认：{p}", "read")
    return _step(check, f"请确认：{why}", "confirm")


def _applicant_unknown(check: Check, p, org: Org) -> NextStep:
    p = p if isinstance(p, dict) else {}
    bodies = _org_bodies(org)
    if bodies is None:
        return _step(check, "请确认申请方的身份和登记形式（" + describe_bodies(p) + "）", "fill", field="legal_form")
    if p.get("partner") and bodies <= set(p.get("exclude", ())):
        return _step(check, "本机构不能单独申请，原文允许经合作机构申报", "partner")
    what = "、".join(BODY_LABELS[b] for b in sorted(bodies, key=list(BODY_LABELS).index))
    if len(bodies) > 1 and not _org_form(org):
        return _step(check, "请填写登记形式（" + describe_bodies(p) + "）", "fill", field="legal_form")
    return _step(check, f"请对照原文确认{what}能否申请（{describe_bodies(p)}）", "confirm")
