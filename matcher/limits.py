"""Limits a call puts on applications: how many per organization, per incubator or region, and no double funding.

An incubator that sends five organizations to a call that takes one per
recommending body wastes four applications, and an organization that
already holds a grant for a project may not apply with it again. This
module finds such limits in a call's text, each with the exact words it
was read from, so staff see the evidence before deciding who goes:

``per_org``
    每个机构/组织/单位限报（最多申报、只能报）N个项目; "同一机构…只能获选一个".
``per_incubator``
    每个孵化器/孵化基地/支持性组织/枢纽组织限推荐N家.
``per_region``
    每个区/县（市、区）/街道/乡镇限推荐N家, 各区限报N个.
``per_recommender``
    每个推荐单位/主管单位限推荐N家.
``hosts``
    同一机构最多（同时）挂靠N家公募机构.
``no_double``
    不得重复申报 (多头申报, 同时申报), 已获…资助的（项目）不得（再）申报, 同一项目不得重复筹款.

Like the condition reader it reads only plain phrasings; "原则上" still
counts (the limit is stated, softly) and is kept in the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Grant

__all__ = ["LIMIT_KINDS", "Limit", "application_limits"]

LIMIT_KINDS = ("per_org", "per_incubator", "per_region", "per_recommender", "hosts", "no_double")

_N = r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,2})"
_CAP = r"(?:原则上)?(?:限|仅限|只限|只能|仅能|最多|至多|不超过|不得超过|不能超过)(?:同时)?"
_APPLY = r"(?:申报|申请|报送|报名|提交|交|报|参赛|获选|入选|获得资助|获资助)?"
_UNIT = r"(?:个|项|家|份|支)"
_ORG = r"(?:参赛|申报|申请)?(?:社会组织|慈善组织|公益组织|组织|机构|单位|团队|主体)(?:或个人)?"
_INCUBATOR = r"(?:孵化器|孵化基地|孵化园|孵化中心|孵化平台|支持性组织|支持型组织|枢纽型?组织|社会组织服务中心)"
_REGION = r"(?:县（市、区）|县\(市、区\)|县（区）|县市区|区县|区|县|市|地市|街道|乡镇|镇街|镇|社区)"
_RECOMMENDER = r"(?:推荐单位|主管单位|业务主管单位|推荐机构|推荐方)"
_GAP = r"[^，,。；;！!？?\n]{0,12}?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(p)) for kind, p in (
    ("per_incubator", rf"(?:每个|每家|每一个|各){_INCUBATOR}{_GAP}(?:{_CAP})?{_APPLY}(?:推荐|申报|报送){_GAP}{_N}{_UNIT}"),
    ("per_incubator", rf"(?:每个|每家|各){_INCUBATOR}{_GAP}{_CAP}{_APPLY}{_N}{_UNIT}"),
    ("per_recommender", rf"(?:每个|每家|各){_RECOMMENDER}{_GAP}(?:{_CAP})?(?:推荐|申报|报送){_GAP}{_N}{_UNIT}"),
    ("per_region", rf"(?:每个|每|各){_REGION}{_GAP}(?:{_CAP})?(?:推荐|报送|申报|上报){_GAP}{_N}{_UNIT}"),
    ("per_region", rf"(?:每个|每|各){_REGION}{_GAP}{_CAP}{_APPLY}{_N}{_UNIT}(?:机构|组织|项目)"),
    ("hosts", rf"(?:同一|每个|每家){_ORG}{_GAP}(?:最多|至多|限|不超过){_GAP}(?:挂靠|对接|联合){_N}家"),
    ("per_org", rf"(?:每个|每家|每一个|同一|一个)(?:年度|年)?{_ORG}{_GAP}{_CAP}{_APPLY}{_N}{_UNIT}(?:项目|公益项目|申请)?"),
    ("no_double", r"不得(?:重复|多头|同时|重复多头)(?:申报|申请|报名|参赛|筹款|立项)|不(?:能|可)重复(?:申报|申请)"
                  r"|(?:已|已经|曾)(?:获|获得|拿到|得到|取得)[^，,。；;\n]{0,24}?(?:资助|支持|立项)的[^，,。；;\n]{0,10}?"
                  r"(?:不得|不能|不可|不再|不予)(?:重复|再次|再)?(?:申报|申请|参加|参赛|受理|资助)"),
))
_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SENTENCE = re.compile(r"[^。！!？?；;\n]+")


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _DIGITS[text[1]]
    if text.endswith("十"):
        return _DIGITS[text[0]] * 10
    return _DIGITS[text[0]] if len(text) == 1 else _DIGITS[text[0]] * 10 + _DIGITS[text[1]]


@dataclass(frozen=True)
class Limit:
    """One limit on applications, with the words of the call it was read from."""

    kind: str  # one of LIMIT_KINDS
    count: int | None  # N of "限报N个"; None for no_double
    evidence: str

    def describe(self) -> str:
        """Short Chinese label for pages and the portfolio view."""
        n = self.count
        return {
            "per_org": f"每个机构限报{n}个项目",
            "per_incubator": f"每个孵化器（支持性组织）限推荐{n}家",
            "per_region": f"每个地区限推荐{n}家",
            "per_recommender": f"每个推荐单位限推荐{n}家",
            "hosts": f"同一机构最多挂靠{n}家公募机构",
            "no_double": "不得重复申报（已获资助的不得再报）",
        }[self.kind]

    @property
    def shared(self) -> bool:
        """True when the limit is shared by the organizations of one incubator or region (not per organization)."""
        return self.kind in ("per_incubator", "per_region", "per_recommender")


def application_limits(grant: Grant) -> tuple[Limit, ...]:
    """Every limit the call's text states, in text order, one per kind and evidence."""
    text = "\n".join((grant.eligibility, grant.description))
    found: list[tuple[int, Limit]] = []
    taken: list[range] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            span = range(m.start(), m.end())
            if any(span.start < t.stop and t.start < span.stop for t in taken):
                continue  # an earlier (more specific) kind read these words
            taken.append(span)
            n = m.groupdict().get("n")
            found.append((m.start(), Limit(kind, _number(n) if n else None, _clause(text, m.start(), m.end()))))
    found.sort(key=lambda t: t[0])
    out: dict[tuple[str, str], Limit] = {}
    for _, lim in found:
        out.setdefault((lim.kind, lim.evidence), lim)
    return tuple(out.values())


def _clause(text: str, start: int, end: int) -> str:
    """The clause holding the match (to the nearest comma or sentence end), as the evidence to quote."""
    for m in _SENTENCE.finditer(text):
        if m.start() <= start < m.end():
            s, e = m.start(), max(m.end(), end)
            left = max(text.rfind(c, s, start) for c in "，,：:")
            right = [i for i in (text.find(c, end, e) for c in "，,") if i != -1]
            return text[(left + 1 if left >= s else s):(min(right) if right else e)].strip()
    return text[start:end]
