"""Limits on applications read from a call's text (issue 15, item 3), quoting the evidence."""

from __future__ import annotations

import pytest

from matcher.limits import Limit, application_limits
from matcher.records import Grant


def _limits(text: str) -> list[tuple[str, int | None, str]]:
    return [(lim.kind, lim.count, lim.evidence) for lim in application_limits(Grant("x", "x", "f", "c", text, ""))]


@pytest.mark.parametrize(("text", "want"), [
    # phrasings of the real calls in data/real/dev
    ("每个参赛组织最多申报3个公益项目", [("per_org", 3, "每个参赛组织最多申报3个公益项目")]),
    ("申报要求：每个慈善组织只能报一个项目。", [("per_org", 1, "每个慈善组织只能报一个项目")]),
    ("每个组织当年原则上最多报2个项目", [("per_org", 2, "每个组织当年原则上最多报2个项目")]),
    ("同一年度一个组织只能获选一个项目", [("per_org", 1, "同一年度一个组织只能获选一个项目")]),
    ("本年度已拿到各级政府、部门或基金会资助的项目不得重复申报",
     [("no_double", None, "本年度已拿到各级政府、部门或基金会资助的项目不得重复申报")]),
    ("硬性限制：同一机构的在筹项目最多同时挂靠3家公募基金会；同一项目（受助人或执行人相同）不得重复筹款",
     [("hosts", 3, "同一机构的在筹项目最多同时挂靠3家公募基金会"), ("no_double", None, "同一项目（受助人或执行人相同）不得重复筹款")]),
    # per incubator, region, recommending body
    ("参赛机构须注册满1年。每个孵化器（支持性组织）限推荐2家机构参赛。", [("per_incubator", 2, "每个孵化器（支持性组织）限推荐2家机构参赛")]),
    ("每个县（市、区）限推荐3个项目", [("per_region", 3, "每个县（市、区）限推荐3个项目")]),
    ("由各区民政局推荐，每个区限推荐1家机构", [("per_region", 1, "每个区限推荐1家机构")]),
    ("各区推荐不超过5个项目", [("per_region", 5, "各区推荐不超过5个项目")]),
    ("每个推荐单位限推荐1家", [("per_recommender", 1, "每个推荐单位限推荐1家")]),
    ("每个机构限申报1个项目，已获本基金会资助的机构不得再申请", [("per_org", 1, "每个机构限申报1个项目"),
                                                 ("no_double", None, "已获本基金会资助的机构不得再申请")]),
    ("不得多头申报", [("no_double", None, "不得多头申报")]),
])
def test_limits_are_read_with_their_words(text, want):
    assert _limits(text) == want


@pytest.mark.parametrize("text", [
    "每个项目资助不超过8万元", "每个社区不超过1万元", "园内孵化不超过15家", "每个团队资助3000至10000元",
    "每个申报项目需缴纳报名费100元", "资助年限最长3年", "两厅择优选出不超过360家社会组织分类扶持",
])
def test_amounts_and_totals_are_not_limits_on_applications(text):
    assert _limits(text) == []


def test_a_limit_says_itself_in_chinese_and_whether_organizations_share_it():
    assert Limit("per_incubator", 2, "…").describe() == "每个孵化器（支持性组织）限推荐2家" and Limit("per_incubator", 2, "").shared
    assert Limit("per_org", 1, "").describe() == "每个机构限报1个项目" and not Limit("per_org", 1, "").shared
    assert Limit("no_double", None, "").describe().startswith("不得重复申报")
