"""Who may apply: kinds of body read from a call, checked against what an applicant plainly is."""

from __future__ import annotations

from datetime import date

import pytest

from matcher.conditions import assess, check, read_conditions
from matcher.conditions.applicants import read_applicants
from matcher.conditions.profile import _org_bodies
from matcher.records import Grant, Org

AS_OF = date(2026, 3, 1)
SOCIAL = ["assoc", "mutual", "service", "foundation"]


def grant(eligibility: str, description: str = "") -> Grant:
    return Grant("g", "测试计划", "某基金会", "不限", eligibility, description)


def org(**kw) -> Org:
    base = {"org_id": "o", "name": "某某", "profile": ""}
    return Org(**(base | kw))


def bodies_rule(text: str):
    (cond,) = [c for c in read_conditions(grant(text)) if c.kind == "applicant_type"]
    return cond


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("申报单位须是在登记管理机关依法登记的社会组织，即社会团体、社会服务机构或基金会。", SOCIAL),
        ("参加者为本校学生，须组队报名。", ["student"]),
        ("可申报的主体包括：社会组织（社会团体、社会服务机构、基金会）；在高校注册备案的校内社团；企事业单位。",
         ["student", "filed", *SOCIAL, "company", "public"]),
        ("面向在龙华区开展服务的社会团体、民办非企业单位（社会服务机构）、基金会。", ["assoc", "mutual", "service", "foundation"]),
    ],
)
def test_who_may_apply_is_read_from_the_sentence_that_names_them(text, accepted):
    a, b, param = read_applicants(text)
    assert sorted(param["groups"][0][0]) == sorted(accepted)
    assert text[a:b] in text  # the evidence is the funder's words


def test_sentences_that_are_not_about_applicants_are_left_alone():
    assert read_applicants("项目服务对象是社区老年人和残障人士。") is None
    assert read_applicants("申报主体不限，任何单位或个人都能报名。") is None
    assert read_applicants("申报单位须有较专业的工作团队和固定办公场所。") is None
    # "有项目被清算的社会组织，今年不得申报" refuses a subset, not every social organization
    assert read_applicants("上年度公益创投中有项目被清算的社会组织，今年不得申报。") is None


def test_a_refused_kind_is_unmet_unless_a_partner_is_the_way_in():
    refused = bodies_rule("面向依法登记的社会组织；行业协会、商会等互益性组织和基金会暂不受理。")
    assert check(refused, org(legal_form="基金会"), AS_OF).status == "unmet"
    assert check(refused, org(legal_form="社会团体", name="某市湖南商会"), AS_OF).status == "unmet"
    assert check(refused, org(legal_form="社会团体", name="某市义工协会"), AS_OF).status == "met"
    routed = bodies_rule("申报主体为依法登记的社会组织；未登记的社区志愿服务团队须经所在街道推荐后申报。")
    assert check(routed, org(legal_form="未注册团体"), AS_OF).status == "unknown"
    assert check(routed, org(legal_form="工商注册"), AS_OF).status == "unmet"


@pytest.mark.parametrize(
    ("record", "status"),
    [
        ({"legal_form": "民办非企业单位"}, "unmet"),  # a registered body is no student
        ({"name": "某某社会工作服务中心", "profile": "承接社区项目。"}, "unmet"),  # plainly an organization
        ({"name": "林一帆", "profile": "我是林一帆，2000年出生，研究生在读。"}, "met"),
        ({"name": "某某", "profile": ""}, "unknown"),  # nothing says what it is
    ],
)
def test_a_students_only_call(record, status):
    rule = bodies_rule("参赛者为大学生社会创新项目团队，须为在校学生。")
    assert check(rule, org(**record), AS_OF).status == status


def test_what_an_applicant_is_comes_from_its_record_and_plain_words():
    assert _org_bodies(org(legal_form="社会服务机构")) == {"service"}
    assert _org_bodies(org(name="某某科技有限公司")) == {"company"}
    assert _org_bodies(org(profile="我们还没有注册，是一支志愿者团队。")) == {"group"}
    assert _org_bodies(org(profile="2021年在街道备案的社区社会组织，不是独立法人。")) == {"filed"}
    assert _org_bodies(org(name="某市心理援助中心", profile="2013年在市南区民政局登记。")) == {"service"}
    assert _org_bodies(org(name="杨晓琴", profile="我叫杨晓琴，1991年出生，在村小教语文。")) == {"person"}
    assert _org_bodies(org(name="某某", profile="关注社区。")) is None


def test_the_field_an_applicant_must_work_in_is_a_hard_rule():
    conds = read_conditions(grant("本届面向开展环保公益项目的环保社会组织征集申报。"))
    (field,) = [c for c in conds if c.kind == "field"]
    assert field.param == ["environment"]
    river = org(legal_form="社会团体", profile="我们在城市河道开展巡河护河和垃圾分类宣传。")
    elderly = org(legal_form="社会团体", profile="为社区高龄老人提供助餐、助浴和居家养老服务，运营长者食堂。")
    assert check(field, river, AS_OF).status == "met"
    assert check(field, elderly, AS_OF).status == "unmet"
    assert check(field, org(legal_form="社会团体", profile="关注社区发展。"), AS_OF).status == "unknown"
    # a list of kinds gives no kind the field of another: "教育机构和公益机构"
    lksf = read_conditions(grant("个人、教育机构和公益机构三类主体都可以申请。"))
    assert not [c for c in lksf if c.kind == "field"]


def test_a_region_stated_as_one_way_in_is_asked_not_refused():
    g = Grant("g", "测试计划", "某基金会", "不限", "须在南山区注册，或者服务范围在南山区，两项满足其一即可。", "",
              region="深圳市南山区")
    (region,) = [c for c in read_conditions(g) if c.kind == "region"]
    assert assess([region], org(city="北京"), AS_OF)[0] == "unknown"
    plain = read_conditions(grant("仅限在南山区民政局登记的社会组织申报。"))
    assert assess([c for c in plain if c.kind == "region"], org(city="北京"), AS_OF)[0] == "ineligible"


def test_a_funders_own_area_named_by_reference():
    g = Grant("g", "社区社会组织公益创投", "乌鲁木齐市水磨沟区民政局", "社区", "大赛以辖区的社区社会组织为对象。", "")
    (region,) = [c for c in read_conditions(g) if c.kind == "region"]
    assert region.param == ["水磨沟区"]
    national = Grant("g", "创投", "民政部", "社区", "面向全国的社会组织。", "")
    assert not [c for c in read_conditions(national) if c.kind == "region"]


# -- the facts calls gate on: rating, annual inspection, charity, public fundraising ----------------


@pytest.mark.parametrize(
    ("text", "kind", "param"),
    [
        ("申请主体须在县级以上民政部门登记，并获评2A及以上等级。", "rating", 2),
        ("评估等级须为3A（含）以上。", "rating", 3),
        ("申报单位须近三年年度检查均合格。", "inspection", {"years": 3}),
        ("2015年度年检合格的社会组织可以申报。", "inspection", {"year": 2015}),
        ("申报主体只限全省性慈善组织，即已取得慈善组织身份的机构。", "charity", True),
        ("申报机构须具有公开募捐资格。", "public_fundraising", True),
        ("新注册机构须有挂靠的公募机构愿为其承担支持。", "public_fundraising", "host"),
    ],
)
def test_gating_facts_are_read(text, kind, param):
    conds = {c.kind: c.param for c in read_conditions(grant(text))}
    assert conds.get(kind) == param


def test_a_rating_wish_is_not_a_rule():
    assert "rating" not in {c.kind for c in read_conditions(grant("评估等级3A以上的社会组织，同等条件下优先。"))}


@pytest.mark.parametrize(
    ("record", "status"),
    [
        ({"rating": "4A"}, "met"),
        ({"rating": "2A"}, "unmet"),
        ({"rating": "无"}, "unmet"),
        ({"profile": "去年刚评上3A级社会组织。"}, "met"),
        ({"profile": "机构还没有参加过等级评估。"}, "unmet"),
        ({}, "unknown"),
    ],
)
def test_rating_is_checked_from_the_column_or_the_profile(record, status):
    (cond,) = [c for c in read_conditions(grant("评估等级须为3A（含）以上。")) if c.kind == "rating"]
    assert check(cond, org(**record), AS_OF).status == status


def test_charity_and_public_fundraising_blank_are_asked_and_a_host_is_a_way_in():
    (charity,) = [c for c in read_conditions(grant("须为依法认定的慈善组织。")) if c.kind == "charity"]
    assert check(charity, org(charity=True), AS_OF).status == "met"
    assert check(charity, org(charity=False), AS_OF).status == "unmet"
    assert check(charity, org(), AS_OF).status == "unknown"
    (host,) = [c for c in read_conditions(grant("未取得公募资格的机构须通过公募基金会认领项目后参加。"))
               if c.kind == "public_fundraising"]
    assert check(host, org(public_fundraising=False), AS_OF).status == "unknown"
    assert check(host, org(public_fundraising=True), AS_OF).status == "met"


def test_inspection_is_good_standing_presumed_unless_the_record_says_otherwise():
    (cond,) = [c for c in read_conditions(grant("申报单位须年检合格。")) if c.kind == "inspection"]
    assert check(cond, org(), AS_OF).status == "met"  # presumed, and the explanation says to confirm
    assert "请核实" in check(cond, org(), AS_OF).explanation
    assert check(cond, org(inspection_year=2025), AS_OF).status == "met"
    assert check(cond, org(profile="2024年年检不合格。"), AS_OF).status == "unmet"
    assert check(cond, org(inspection_year=2019), AS_OF).status == "unknown"
