"""The :class:`Condition` record, its kinds and the shape of its params.

:data:`KINDS` (the order conditions are listed in), :data:`NONPROFIT_FORMS`,
the record itself with its Chinese label, and the small helpers on params
shared by the reader, the manual rules and the checker (spans of years or
months, conditional list values, the last day a founding cut-off allows).
Both the reader and the manual parser build conditions, so the record lives
here rather than in either of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .lexicon import _FIELD_HARD

KINDS = (
    "min_years",
    "max_years",
    "founded_after",
    "founded_before",
    "legal_person",
    "nonprofit",
    "legal_form",
    "applicant",
    "applicant_type",
    "age_range",
    "min_staff",
    "has_staff",
    "social_workers",
    "stage",
    "women",
    "region",
    "registration_level",
    "rating",
    "inspection",
    "charity",
    "public_fundraising",
    "field",
    "unread",
)

NONPROFIT_FORMS = ("民办非企业单位", "社会服务机构", "社会团体", "基金会")


# -- the record ------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One hard eligibility condition of a programme.

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`.
    param : object
        JSON-serializable value whose meaning depends on ``kind`` (see the
        package docstring, :mod:`matcher.conditions`), so conditions can be stored and shown as they are.
    evidence : str
        The exact words of the programme text (or of the manual rule) the
        condition was read from: what a person checks when in doubt.
    source : str
        ``"text"`` when read by the reader, ``"column"`` when it came from
        the structured ``region`` column (evidence is then the column's
        value), ``"manual"`` when it came from the ``conditions`` column.
    """

    kind: str
    param: object
    evidence: str
    source: str = "text"

    def describe(self) -> str:
        """Short Chinese label of the condition, for tables and pages."""
        p = self.param
        if self.kind == "min_years":
            return f"注册满{_span(p)}"
        if self.kind == "max_years":
            return f"成立不超过{_span(p)}"
        if self.kind == "founded_after":
            return f"{p}年以后成立"
        if self.kind == "founded_before":
            y, mo, d = str(p).split("-")
            return f"{y}年{int(mo)}月{int(d)}日前成立"
        if self.kind == "legal_person":
            return "须依法登记（未登记团体可另行申报）" if p == "partner" else "须依法登记、具独立法人资格"
        if self.kind == "nonprofit":
            return "须为非营利组织（工商注册须章程约定不分红）" if p == "不分红" else "须为非营利组织"
        if self.kind == "legal_form":
            return "登记形式限：" + "、".join(_plain_list(p)) + _cond_note(p)
        if self.kind == "applicant":
            return "申请人须为个人" if p == "individual" else "申请人须为机构"
        if self.kind == "rating":
            return f"社会组织评估等级{p}A及以上"
        if self.kind == "inspection":
            if isinstance(p, dict) and "year" in p:
                return f"{p['year']}年度年检（年报）合格"
            if isinstance(p, dict):
                return f"近{p['years']}年年检（年报）合格"
            return "年检（年报）合格"
        if self.kind == "charity":
            return "须为依法认定的慈善组织"
        if self.kind == "public_fundraising":
            return "须有公开募捐资格（或经公募机构）" if p == "host" else "须有公开募捐资格"
        if self.kind == "unread":
            return f"未能自动核对的条件：{p}"
        if self.kind == "applicant_type":
            return describe_bodies(p)
        if self.kind == "age_range":
            lo, hi = p  # type: ignore[misc]
            return f"申请人年龄{lo}–{hi}岁" if lo else f"申请人年龄{hi}岁以下"
        if self.kind == "min_staff":
            return f"至少{p}名专职人员"
        if self.kind == "has_staff":
            return "须有专职人员"
        if self.kind == "social_workers":
            return f"至少{p}名持证社工"
        if self.kind == "stage":
            return "组织阶段：" + "、".join(_plain_list(p)) + _cond_note(p)
        if self.kind == "women":
            return "须为女性主导的机构" if p == "led" else "女性主导或以女性为主要受益对象"
        if self.kind == "region":
            names = [str(r).rstrip("?") for r in p]  # type: ignore[union-attr]
            one_way = any(str(r).endswith("?") for r in p)  # type: ignore[union-attr]
            return "限" + "、".join(names) + "地区" + ("（或在该地开展服务）" if one_way else "")
        if self.kind == "registration_level":
            return "须在县级（含县级市）民政部门登记"
        if self.kind == "field":
            names = "、".join(field_name(k) for k in p)  # type: ignore[union-attr]
            return f"申请机构须以{names}为主要业务" if _field_is_hard(self) else f"资助领域：{names}"
        return self.kind


def _span(param: object) -> str:
    """``2`` → "2年", ``{"months": 18}`` → "18个月"."""
    if isinstance(param, dict):
        return f"{param['months']}个月"
    return f"{param}年"


def _field_is_hard(cond: Condition) -> bool:
    """A field rule on the applicant itself (can be unmet), not on the project's topic.

    Sector-concept ids (ASCII, from :mod:`matcher.concepts`) come only from the
    applicant reader, which reads the field an applicant must work in.
    """
    return (cond.source == "manual" or _FIELD_HARD.search(cond.evidence) is not None
            or any(str(k).isascii() for k in cond.param))  # type: ignore[union-attr]


def _plain_list(values: object) -> list[str]:
    return [v for v in values if not v.endswith("?")]  # type: ignore[union-attr]


def _cond_note(values: object) -> str:
    cond = [v[:-1] for v in values if v.endswith("?")]  # type: ignore[union-attr]
    return f"（{'、'.join(cond)}视情况）" if cond else ""


def _last_day(year: int, month: str | None, day: str | None) -> str | None:
    """The last founding day a cut-off allows, ISO ("2022-12-31"); read
    leniently: "2022年前" and "2022年6月前" allow all of that year or month."""
    mo = int(month) if month else 12
    if not 1 <= mo <= 12:
        return None
    last = (date(year + (mo == 12), mo % 12 + 1, 1).toordinal() - 1)
    d = int(day) if day else date.fromordinal(last).day
    try:
        return date(year, mo, d).isoformat()
    except ValueError:
        return None


def describe_bodies(param: object) -> str:
    """"申请主体：社会团体、基金会；不受理：企业" for an ``applicant_type`` param."""
    from .applicants import BODY_LABELS

    p = param if isinstance(param, dict) else {}
    parts = []
    for accepted, _maybe in p.get("groups", []):
        names = [BODY_LABELS[b] for b in accepted if b != "mutual" or "assoc" not in accepted]
        parts.append("申请主体限：" + "、".join(names))
    if p.get("exclude"):
        parts.append("不受理：" + "、".join(BODY_LABELS[b] for b in p["exclude"])
                     + ("（可经合作机构申报）" if p.get("partner") else ""))
    return "；".join(parts) or "申请主体"


def field_name(key: object) -> str:
    """A field key as a person reads it: a sector concept's short label, or the key itself."""
    from ..concepts import concept_table

    c = concept_table().concepts.get(str(key))
    return c.short if c is not None else str(key)
