"""The condition reader and checker keep their promises.

Above all: never turn away an org that qualifies. A blank field is
"unknown", an "or" clause is an alternative, and every condition quotes the
exact programme words it was read from.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.conditions import (
    KINDS,
    Condition,
    assess,
    check,
    is_expired,
    parse_manual,
    read_conditions,
)
from matcher.errors import InputError
from matcher.io import load_grants
from matcher.records import Grant, Org

GRANTS_CSV = Path(__file__).resolve().parent.parent / "data" / "grants.csv"
AS_OF = date(2026, 11, 28)


def _load_seed() -> dict[str, Grant]:
    return {g.grant_id: g for g in load_grants(GRANTS_CSV)}


SEED = _load_seed()


def grant(eligibility: str, description: str = "", conditions: str = "") -> Grant:
    return Grant("g", "测试计划", "某基金会", "不限", eligibility, description, conditions=conditions)


def org(**kw) -> Org:
    kw.setdefault("org_id", "o")
    kw.setdefault("name", "某某")
    kw.setdefault("profile", "关注社区发展。")
    return Org(**kw)


def kinds_params(g: Grant) -> dict[str, object]:
    return {c.kind: c.param for c in read_conditions(g)}


# -- (a) the eleven seed programmes ---------------------------------------------

EXPECTED = {
    "qiaopan": {"stage": ["初创期"], "field": ["教育"],
               "applicant_type": {"groups": [[['group', 'filed', 'assoc', 'mutual', 'service', 'foundation'], []]], "exclude": [], "partner": False}},
    "lanchi-qiaopan": {"stage": ["初创期"], "field": ["教育"],
                      "applicant_type": {"groups": [[['group', 'filed', 'assoc', 'mutual', 'service', 'foundation'], []]], "exclude": [], "partner": False}},
    "uquan": {"applicant_type": {"groups": [[['group', 'filed', 'assoc', 'mutual', 'service', 'foundation'], []]], "exclude": [], "partner": False}},
    "xiangcun-yuedu": {"min_years": 1, "has_staff": True, "field": ["阅读"]},
    "dunhe-zhongzi": {"field": ["文化"]},
    "yinxing": {"applicant": "individual", "age_range": [20, 40], "applicant_type": {"groups": [[['person', 'student'], []]], "exclude": [], "partner": False}},
    "aiyou-yijia": {"legal_person": True, "nonprofit": "不分红", "stage": ["成长期", "成熟期?"],
                    "applicant_type": {"groups": [[['assoc', 'mutual', 'service', 'foundation', 'company'], ['group', 'filed']]], "exclude": [], "partner": False}},
    "hao-gongyi": {},
    "chaoren-mama": {"women": True},
    "weilanxia": {"field": ["环保"]},
    "maixiang-shengtai": {"legal_person": "partner", "field": ["环保"],
                          "applicant_type": {"groups": [[['assoc', 'mutual', 'service', 'foundation'], ['person', 'student', 'group', 'filed']]], "exclude": [], "partner": True}},
}

EVIDENCE = {
    ("qiaopan", "stage"): "起步阶段",
    ("xiangcun-yuedu", "min_years"): "注册成立1年以上",
    ("xiangcun-yuedu", "has_staff"): "有专职的工作人员",
    ("yinxing", "age_range"): "20-40岁",
    ("aiyou-yijia", "stage"): "高速成长期或战略升级阶段",
    ("aiyou-yijia", "nonprofit"): "不分红",
    ("chaoren-mama", "women"): "女性主导发起",
    ("weilanxia", "field"): "环保项目",
    ("maixiang-shengtai", "legal_person"): "独立法人资格",
}


def test_seed_table_covers_every_programme():
    assert set(EXPECTED) == set(SEED)


@pytest.mark.parametrize("gid", sorted(EXPECTED))
def test_seed_programme_conditions(gid):
    g = SEED[gid]
    conds = read_conditions(g)
    assert {c.kind: c.param for c in conds} == EXPECTED[gid]
    for c in conds:
        assert c.source == "text"
        assert c.evidence and (c.evidence in g.eligibility or c.evidence in g.description)
        assert c.describe()
        if (gid, c.kind) in EVIDENCE:
            assert EVIDENCE[(gid, c.kind)] in c.evidence


def test_devotion_years_of_a_person_are_not_registration_years():
    # 银杏: "已超过2年把全部精力投入" is about the person, not the org
    assert "min_years" not in kinds_params(SEED["yinxing"])


# -- (b) phrasing variants --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("申请机构须注册满2年。", 2),
        ("机构成立两年以上。", 2),
        ("机构注册成立1年以上。", 1),
        ("成立1年以上的社会组织。", 1),
        ("注册时间不少于3年。", 3),
        ("注册三年及以上。", 3),
        ("登记满一年。", 1),
        ("机构注册成立十年以上。", 10),
        ("注册成立两年（含）以上。", 2),
    ],
)
def test_min_years_phrasings(text, years):
    assert kinds_params(grant(text)).get("min_years") == years


@pytest.mark.parametrize(
    "text",
    [
        "已超过2年把全部精力投入在当前事业中。",
        "机构成立于2015年。",
        "成立不超过3年的机构。",
        "注册成立3年以内。",
        "注册满2年的机构优先。",
        "不限注册年限。",
        "成立3年来服务了1000人。",
    ],
)
def test_not_min_years(text):
    assert "min_years" not in kinds_params(grant(text))


@pytest.mark.parametrize(
    ("text", "kind", "param"),
    [
        ("须有3名以上专职人员。", "min_staff", 3),
        ("至少两名全职员工。", "min_staff", 2),
        ("专职人员不少于5人。", "min_staff", 5),
        ("全职工作人员3人及以上。", "min_staff", 3),
        ("有专职的工作人员。", "has_staff", True),
        ("机构拥有全职员工。", "has_staff", True),
        ("申请人年龄20-40岁。", "age_range", [20, 40]),
        ("申请人须为25至45周岁的公益从业者。", "age_range", [25, 45]),
        ("资助对象：二十至四十岁的青年。", "age_range", [20, 40]),
        ("仅限河北省内注册的社会组织。", "region", ["河北"]),
        ("限石家庄市登记的机构申请。", "region", ["石家庄"]),
        ("面向河北地区的公益组织。", "region", ["河北"]),
        ("仅资助环保项目。", "field", ["环保"]),
        ("资助对象：环保项目。", "field", ["环保"]),
        ("资助对象：教育公益组织。", "field", ["education"]),
        ("聚焦文化领域。", "field", ["文化"]),
        ("须为非营利组织。", "nonprofit", True),
        ("仅限民办非企业单位申请。", "legal_form", ["民办非企业单位", "社会服务机构"]),
        ("申请机构须具有独立法人资格。", "legal_person", True),
        ("处于初创期的公益组织。", "stage", ["初创期"]),
        ("处于初创期或成长期的社会组织。", "stage", ["初创期", "成长期"]),
        ("服务从初创期到成熟期的各类组织。", "stage", ["初创期", "成长期", "成熟期"]),
        ("申请机构应处于成长期。", "stage", ["成长期"]),
        ("须为女性主导的公益组织（创始人或现任主要负责人为女性）。", "women", "led"),
        ("项目须为女性主导或服务女性群体的项目。", "women", True),
        ("项目需以农村妇女为主要受益人。", "women", True),
        ("成立超过3年的机构请勿申报。", "max_years", 3),
        ("成立时间不超过3年。", "max_years", 3),
        ("成立不满1年的机构不予受理。", "min_years", 1),
        ("2023年1月1日以后登记成立。", "founded_after", 2023),
        ("须为依法登记的社会组织。", "legal_person", True),
        ("须为依法登记的社会组织。", "nonprofit", True),
        ("须在民政部门登记注册。", "nonprofit", True),
        ("企业、未登记团体不予受理。", "legal_form", ["民办非企业单位", "社会服务机构", "社会团体", "基金会"]),
        ("仅接受四川、云南、贵州三省的社会组织申报。", "region", ["四川", "云南", "贵州"]),
        ("限北京市、广东省注册的社会组织申请。", "region", ["北京", "广东"]),
        ("本项目仅资助个人，不接受机构名义申报。", "applicant", "individual"),
        ("申报机构注册地须为河北省。", "region", ["河北"]),
        ("须为基金会、社会团体或民办非企业单位。", "legal_form", ["基金会", "社会团体", "民办非企业单位", "社会服务机构"]),
        ("须为依法登记的慈善组织。", "nonprofit", True),
        ("申请单位为依法成立的社会服务机构或社会团体。", "legal_form", ["民办非企业单位", "社会服务机构", "社会团体"]),
        ("企业、个人及未登记的社会团体不予资助。", "legal_form", ["民办非企业单位", "社会服务机构", "社会团体", "基金会"]),
        ("申报机构成立不满两年的，不予受理。", "min_years", 2),
        ("机构须注册满2年，不接受个人申请。", "min_years", 2),
        ("仅限浙江、江苏、上海三地注册的公益机构申请。", "region", ["浙江", "江苏", "上海"]),
        ("项目须以妇女为主要受益对象。", "women", True),
        ("仅接受个人申请。", "applicant", "individual"),
        ("不接受个人申报。", "applicant", "organization"),
        # months, dates, weeks of years
        ("成立时间满24个月。", "min_years", {"months": 24}),
        ("机构成立满18个月。", "min_years", {"months": 18}),
        ("注册不少于6个月。", "min_years", {"months": 6}),
        ("成立不满十八个月的机构不予受理。", "min_years", {"months": 18}),
        ("成立12个月以内的初创团队。", "max_years", {"months": 12}),
        ("注册时间不少于两年。", "min_years", 2),
        ("成立三周年以上。", "min_years", 3),
        ("2022年12月31日前登记成立的社会组织。", "founded_before", "2022-12-31"),
        ("申报单位应于2024年12月31日前在民政部门完成登记。", "founded_before", "2024-12-31"),
        ("须于2023年6月前注册。", "founded_before", "2023-06-30"),
        # legal forms
        ("仅面向尚未登记注册的社区志愿服务团队；已在民政部门登记的社会组织及企业请勿申报。", "legal_form", ["未注册团体"]),
        ("已在民政部门登记的社会组织及企业请勿申报。", "legal_form", ["未注册团体"]),
        ("申请主体须为工商注册的企业（含社会企业、农民专业合作社），成立满1年；民办非企业单位、社会团体不在资助范围。",
         "legal_form", ["工商注册"]),
        ("基金会不在申报范围。", "legal_form", ["民办非企业单位", "社会服务机构", "社会团体", "未注册团体", "工商注册"]),
        ("未登记的社会组织不予受理。", "legal_form", ["民办非企业单位", "社会服务机构", "社会团体", "基金会", "工商注册"]),
        ("具备法人资格的社会组织。", "nonprofit", True),
        ("具有独立法人资格的社会组织；须有两名以上专职人员。", "nonprofit", True),
        ("申报机构须为非营利性质，运营满三年。", "nonprofit", True),
        ("申报主体须具备法人资格且为非营利组织。", "nonprofit", True),
        ("申报主体须为工商注册的社会企业，成立满1年。", "legal_form", ["工商注册"]),
        ("申报机构须以助残服务为主要业务。", "field", ["助残"]),
        ("申报机构的主营业务须为生态环境保护。", "field", ["环保"]),
        # staff
        ("须有全职项目负责人。", "has_staff", True),
        ("至少配备1名持证社工。", "social_workers", 1),
        ("持证社工不少于2名。", "social_workers", 2),
        ("须有两名以上专职人员。", "min_staff", 2),
        # regions
        ("注册地在天津市。", "region", ["天津"]),
        ("在成都市行政区域内登记的社会组织。", "region", ["成都"]),
        ("申报主体为唐山市行政区域内依法登记的社会团体、民办非企业单位和基金会。", "region", ["唐山"]),
        ("限京津冀地区注册的社会组织申请。", "region", ["北京", "天津", "河北"]),
        ("仅限京津冀。", "region", ["北京", "天津", "河北"]),
        ("面向长三角地区。", "region", ["上海", "江苏", "浙江", "安徽"]),
        ("面向珠三角地区的社会组织。", "region", ["广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆"]),
        ("面向在县（县级市）民政部门登记的县域社会组织。", "registration_level", "county"),
        # age, field
        ("申请人须为35周岁以下的公益从业者。", "age_range", [0, 35]),
        ("资助青年公益人（35周岁以下）。", "age_range", [0, 35]),
        ("限环保类社会组织申报。", "field", ["环保"]),
    ],
)
def test_phrasings(text, kind, param):
    conds = [c for c in read_conditions(grant(text)) if c.kind == kind]
    assert conds, f"{kind} not read from {text}"
    assert conds[0].param == param
    assert conds[0].evidence in text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("为60岁以上老人提供服务。", "age_range"),
        ("服务3-6岁儿童。", "age_range"),
        ("资助对象：服务60岁以上的老人的机构。", "age_range"),
        ("资助对象：关爱3-6岁的幼儿。", "age_range"),
        ("资助领域覆盖教育、环保等多个公益领域。", "field"),
        ("与多家基金会合作。", "nonprofit"),
        ("无独立法人资格的团体也可申请。", "legal_person"),
        ("没有专职人员的团队也可申请。", "has_staff"),
        ("北京市西部阳光农村发展基金会发起。", "region"),
        ("公益性团体或个人可通过合作机构申报。", "applicant"),
        ("处于合适的成长阶段。", "stage"),
        ("仅限河北省内开展的项目。", "region"),
        ("专职人员不少于3名或兼职人员不少于5名。", "min_staff"),
        ("须在报名系统注册账号。", "legal_person"),
        ("资助对象：社会组织或社会企业。", "nonprofit"),
        ("优先支持河北、河南等洪涝多发地区的机构。", "region"),
        ("从事一线社会工作满3年。", "min_years"),
        ("项目运营满1年。", "min_years"),
        ("限于与基金会合作的项目。", "legal_form"),
        ("须为基金会、社会团体等非营利组织。", "legal_form"),
        ("须在河北开展项目且已在民政部门注册。", "region"),
        ("须在项目开展前登记。", "legal_person"),
        ("申报单位应为具有独立法人资格的非营利组织，或有合作关系的高校研究团队。", "nonprofit"),
        ("申报单位应为具有独立法人资格的非营利组织，或有合作关系的高校研究团队。", "legal_person"),
        ("本计划面向全国，对注册形式不做要求，个人及团队均可申请。", "legal_person"),
        # wishes and alternatives
        ("原则上注册满2年。", "min_years"),
        ("鼓励成立满24个月的机构申报。", "min_years"),
        ("优先支持持证社工2名以上的机构。", "social_workers"),
        ("注册满2年或有3名专职人员。", "min_years"),
        ("注册满2年或有3名专职人员。", "min_staff"),
        ("成立不满5年的机构优先。", "min_years"),
        ("优先支持长三角地区的机构。", "region"),
        ("项目面向京津冀地区开展。", "region"),
        ("以女性为主导的机构优先。", "women"),
        # not the org's founding date
        ("请于2025年3月31日前在平台注册账号。", "founded_before"),
        ("申报材料须于2025年10月31日前提交，已登记的机构可申请。", "founded_before"),
        # not county-only
        ("在县级以上民政部门登记的社会组织。", "registration_level"),
        ("在区县民政部门登记的社会组织。", "registration_level"),
        ("服务35周岁以下青年。", "age_range"),
    ],
)
def test_not_read(text, kind):
    assert kind not in kinds_params(grant(text))


# -- (c) blank org: never ineligible ---------------------------------------------


@pytest.mark.parametrize("gid", sorted(SEED))
def test_blank_org_is_never_ineligible(gid):
    conds = read_conditions(SEED[gid])
    verdict, checks = assess(conds, org(), AS_OF)
    assert verdict == ("eligible" if all(c.status == "met" for c in checks) else "unknown")
    # a project's topic is a matter of fit, met for any applicant; nothing else is decided
    assert all(c.status == "unknown" or (c.kind == "field" and c.status == "met") for c in checks)


# -- (d) specific cases -------------------------------------------------------------


def test_founded_this_year_fails_one_year_rule():
    verdict, checks = assess(read_conditions(SEED["xiangcun-yuedu"]), org(founded_year=2026, fulltime_staff=2), AS_OF)
    assert verdict == "ineligible"
    (years,) = [c for c in checks if c.kind == "min_years"]
    assert years.status == "unmet"
    assert "2026" in years.explanation and "1年" in years.explanation
    assert years.evidence == "注册成立1年以上"


def test_years_boundary_is_lenient():
    cond = Condition("min_years", 1, "注册满1年")
    assert check(cond, org(founded_year=2025), AS_OF).status == "met"
    assert check(cond, org(profile="我们于2016年注册成立。"), AS_OF).status == "met"
    assert check(cond, org(profile="机构成立于2026年3月。"), AS_OF).status == "unmet"


def test_unregistered_group_may_apply_through_partner():
    conds = read_conditions(SEED["maixiang-shengtai"])
    verdict, checks = assess(conds, org(legal_form="未注册团体", fields=("环保",)), AS_OF)
    assert verdict != "ineligible"
    (lp,) = [c for c in checks if c.kind == "legal_person"]
    assert lp.status == "unknown" and "合作机构" in lp.explanation


def test_company_is_ineligible_for_nonprofit_only_programme():
    conds = read_conditions(SEED["maixiang-shengtai"])
    verdict, _ = assess(conds, org(legal_form="工商注册", fields=("环保",)), AS_OF)
    assert verdict == "ineligible"


def test_company_with_no_dividend_clause_is_asked_not_refused():
    conds = read_conditions(SEED["aiyou-yijia"])
    verdict, checks = assess(conds, org(legal_form="工商注册", stage="成长期"), AS_OF)
    assert verdict == "unknown"
    (np_,) = [c for c in checks if c.kind == "nonprofit"]
    assert "不分红" in np_.explanation
    verdict, _ = assess(conds, org(legal_form="社会服务机构", stage="成长期"), AS_OF)
    assert verdict == "eligible"


@pytest.mark.parametrize(("stage", "status"), [("初创期", "unmet"), ("成长期", "met"), ("成熟期", "unknown")])
def test_fast_growth_stage(stage, status):
    (cond,) = [c for c in read_conditions(SEED["aiyou-yijia"]) if c.kind == "stage"]
    assert check(cond, org(stage=stage), AS_OF).status == status


@pytest.mark.parametrize(("stage", "status"), [("初创期", "met"), ("成长期", "unmet"), ("成熟期", "unmet")])
def test_starting_stage(stage, status):
    (cond,) = [c for c in read_conditions(SEED["qiaopan"]) if c.kind == "stage"]
    assert check(cond, org(stage=stage), AS_OF).status == status


def test_individual_programme_refuses_organizations():
    conds = read_conditions(SEED["yinxing"])
    verdict, _ = assess(conds, org(name="唐山众和社会工作服务中心"), AS_OF)
    assert verdict == "ineligible"
    verdict, _ = assess(conds, org(legal_form="社会团体"), AS_OF)
    assert verdict == "ineligible"


def test_women():
    (cond,) = read_conditions(SEED["chaoren-mama"])
    assert check(cond, org(women_led=True), AS_OF).status == "met"
    assert check(cond, org(women_led=False, profile="为农村妇女提供技能培训。"), AS_OF).status == "met"
    assert check(cond, org(women_led=False), AS_OF).status == "unknown"
    assert check(cond, org(profile="我们是妇女主导的团队。"), AS_OF).status == "met"


def test_staff_from_fields_and_profile():
    has = Condition("has_staff", True, "有专职")
    three = Condition("min_staff", 3, "3名以上专职")
    assert check(has, org(fulltime_staff=0), AS_OF).status == "unmet"
    assert check(has, org(profile="现有专职社工5名。"), AS_OF).status == "met"
    assert check(three, org(profile="现有专职社工2名。"), AS_OF).status == "unmet"
    assert check(three, org(fulltime_staff=3), AS_OF).status == "met"
    assert check(has, org(profile="团队暂无专职人员，全部是志愿者。"), AS_OF).status == "unmet"
    blank = check(has, org(), AS_OF)
    assert blank.status == "unknown" and "专职" in blank.explanation


@pytest.mark.parametrize(
    ("cond", "profile"),
    [
        (Condition("legal_form", ["民办非企业单位", "社会服务机构"], "仅限民办非企业单位"), "我们是爱德基金会的合作伙伴。"),
        (Condition("stage", ["初创期"], "处于起步阶段"), "帮助青少年平稳度过成长期。"),
        (Condition("founded_after", 2023, "2023年以后成立"), "创始人2010年获得某基金会资助。"),
        (Condition("max_years", 3, "成立不超过3年"), "负责人2010年承接过政府项目。"),
        (Condition("age_range", [20, 40], "20-40岁"), "服务60岁以上老人。"),
        (Condition("has_staff", True, "有专职人员"), "我们有很多志愿者。"),
    ],
)
def test_profile_words_out_of_context_prove_nothing(cond, profile):
    assert check(cond, org(profile=profile), AS_OF).status == "unknown"


def test_legal_form_from_profile():
    lp = Condition("legal_person", True, "具有独立法人资格")
    assert check(lp, org(profile="我们尚未注册，是一支志愿者团队。"), AS_OF).status == "unmet"
    assert check(lp, org(profile="我们是一家民办非企业单位。"), AS_OF).status == "met"
    assert check(lp, org(profile="与爱德基金会合作开展项目。"), AS_OF).status == "unknown"


@pytest.mark.parametrize(
    ("city", "status"), [("秦皇岛", "met"), ("石家庄市", "met"), ("河北", "met"), ("北京", "unmet"), ("某县", "unknown")]
)
def test_region(city, status):
    cond = Condition("region", ["河北"], "仅限河北")
    assert check(cond, org(city=city), AS_OF).status == status


def test_region_from_name_or_unknown():
    cond = Condition("region", ["河北"], "仅限河北")
    assert check(cond, org(name="唐山市阳光社会工作服务中心"), AS_OF).status == "met"
    assert check(cond, org(name="北京同行流动儿童发展中心"), AS_OF).status == "unmet"
    assert check(cond, org(profile="2016年在石家庄市民政局注册。"), AS_OF).status == "met"
    assert check(cond, org(profile="周末到保定阜平县山区小学做辅导。"), AS_OF).status == "unknown"
    assert check(cond, org(), AS_OF).status == "unknown"
    city_cond = Condition("region", ["石家庄"], "限石家庄")
    assert check(city_cond, org(city="河北"), AS_OF).status == "unknown"
    assert check(city_cond, org(city="唐山"), AS_OF).status == "unmet"


def test_field_of_the_project_is_never_a_refusal():
    cond = Condition("field", ["环保"], "资助对象：环保项目")
    assert check(cond, org(fields=("环保",)), AS_OF).status == "met"
    assert check(cond, org(profile="开展垃圾分类宣传。"), AS_OF).status == "met"
    # a topic of the project: the applicant may run a project in it whatever its own field
    assert check(cond, org(fields=("养老",), profile="为社区老人送餐。"), AS_OF).status == "met"


def test_field_of_the_applicant():
    (cond,) = [c for c in read_conditions(grant("本计划仅资助环保领域：申报机构须以环境保护为主要业务方向。"))
               if c.kind == "field"]
    assert cond.param == ["环保"]
    assert check(cond, org(fields=("环保", "湿地")), AS_OF).status == "met"
    assert check(cond, org(fields=("养老",), profile="为社区老人送餐。"), AS_OF).status == "unmet"
    assert check(cond, org(profile="为社区老人送餐。"), AS_OF).status == "unmet"  # profile plainly about 养老
    assert check(cond, org(fields=("动物救助",)), AS_OF).status == "unknown"
    assert check(cond, org(), AS_OF).status == "unknown"
    manual = parse_manual("field=环保")[0][0]
    assert check(manual, org(fields=("养老",)), AS_OF).status == "unmet"


def test_women_led_is_stricter_than_women_served():
    led = Condition("women", "led", "须为女性主导")
    assert check(led, org(women_led=False), AS_OF).status == "unmet"
    assert check(led, org(profile="由几位年轻妈妈发起的救助小组。"), AS_OF).status == "met"
    assert check(led, org(), AS_OF).status == "unknown"


def test_founding_window():
    after = Condition("founded_after", 2023, "2023年以后成立")
    ceiling = Condition("max_years", 3, "成立不超过3年")
    assert check(after, org(founded_year=2025), AS_OF).status == "met"
    assert check(after, org(founded_year=2020), AS_OF).status == "unmet"
    assert check(ceiling, org(founded_year=2023), AS_OF).status == "met"
    assert check(ceiling, org(founded_year=2022), AS_OF).status == "unmet"
    # a dated activity proves the org existed then
    seed = org(profile="河北省民政厅2018年“星火”项目被孵化培育机构。")
    assert check(after, seed, AS_OF).status == "unmet"
    assert check(Condition("min_years", 3, "成立满3年"), seed, AS_OF).status == "met"
    assert check(Condition("min_years", 1, "注册满1年"), org(legal_form="未注册团体"), AS_OF).status == "unmet"


def test_company_dividends_from_profile():
    (cond,) = [c for c in read_conditions(SEED["aiyou-yijia"]) if c.kind == "nonprofit"]
    company = {"name": "某某科技有限公司", "legal_form": "工商注册"}
    assert check(cond, org(profile="股东按出资比例分红。", **company), AS_OF).status == "unmet"
    assert check(cond, org(profile="公司章程明确约定利润不分红。", **company), AS_OF).status == "met"
    assert check(cond, org(**company), AS_OF).status == "unknown"


def test_applicant_age_from_profile():
    cond = Condition("age_range", [20, 40], "20-40岁")
    assert check(cond, org(profile="创始人王蕾（1989年生）。"), AS_OF).status == "met"
    assert check(cond, org(profile="协会创始人刘建国（1962年生）。"), AS_OF).status == "unmet"
    assert check(cond, org(profile="为60岁以上老人提供服务。"), AS_OF).status == "unknown"


def test_verdicts():
    met = Condition("women", True, "女性")
    unknown = Condition("has_staff", True, "专职")
    years = Condition("min_years", 1, "满1年")
    o = org(women_led=True, founded_year=2026)
    assert assess([], o, AS_OF) == ("eligible", ())
    assert assess([met], o, AS_OF)[0] == "eligible"
    assert assess([met, unknown], o, AS_OF)[0] == "unknown"
    assert assess([met, unknown, years], o, AS_OF)[0] == "ineligible"


def test_is_expired():
    g = Grant("g", "n", "f", "c", "e", "d", deadline=date(2026, 11, 27))
    assert is_expired(g, AS_OF)
    assert not is_expired(Grant("g", "n", "f", "c", "e", "d", deadline=AS_OF), AS_OF)
    assert not is_expired(Grant("g", "n", "f", "c", "e", "d"), AS_OF)


def column_grant(eligibility: str, region: str, conditions: str = "") -> Grant:
    return Grant("g", "测试计划", "某基金会", "不限", eligibility, "", region=region, conditions=conditions)


def test_region_column_is_a_restriction():
    (cond,) = read_conditions(column_grant("支持为老服务项目。", "唐山市"))
    assert (cond.kind, cond.param, cond.evidence, cond.source) == ("region", ["唐山"], "唐山市", "column")
    assert cond.describe()
    assert check(cond, org(city="唐山"), AS_OF).status == "met"
    assert check(cond, org(city="石家庄"), AS_OF).status == "unmet"
    assert check(cond, org(name="深圳市新市民服务中心"), AS_OF).status == "unmet"
    assert check(cond, org(profile="在唐山市民政局登记。"), AS_OF).status == "met"
    assert check(cond, org(city="河北"), AS_OF).status == "unknown"
    assert check(cond, org(), AS_OF).status == "unknown"
    (many,) = read_conditions(column_grant("", "北京市、天津市、河北省"))
    assert many.param == ["北京", "天津", "河北"]
    assert check(many, org(city="邢台"), AS_OF).status == "met"
    assert check(many, org(city="深圳"), AS_OF).status == "unmet"
    (group,) = read_conditions(column_grant("", "京津冀"))
    assert group.param == ["北京", "天津", "河北"]


def test_region_column_and_text():
    # the text says the same: its words are the better evidence
    (same,) = read_conditions(column_grant("注册地须在北京、天津或河北。", "北京市、天津市、河北省"))
    assert same.source == "text" and same.evidence == "注册地须在北京、天津或河北"
    # the text is narrower: it is the rule
    (narrow,) = [c for c in read_conditions(column_grant("限石家庄市登记的机构申请。", "河北省")) if c.kind == "region"]
    assert narrow.source == "text" and narrow.param == ["石家庄"]
    # the text is broader: the column restricts more
    (broad,) = [c for c in read_conditions(column_grant("仅限河北省内注册的社会组织。", "唐山市")) if c.kind == "region"]
    assert broad.source == "column" and broad.param == ["唐山"]
    # unknown places are kept as written and never refuse an org elsewhere in that province
    (odd,) = read_conditions(column_grant("", "涉县"))
    assert odd.param == ["涉县"]
    assert check(odd, org(city="邯郸"), AS_OF).status == "unknown"
    # no restriction, manual removal and replacement
    assert read_conditions(column_grant("", "全国")) == ()
    assert read_conditions(column_grant("", "唐山市", conditions="-region")) == ()
    (manual,) = read_conditions(column_grant("", "唐山市", conditions="region=河北"))
    assert manual.source == "manual" and manual.param == ["河北"]


def test_months():
    two_years = Condition("min_years", {"months": 24}, "成立时间满24个月")
    assert two_years.describe() == "注册满24个月"
    assert check(two_years, org(founded_year=2026), AS_OF).status == "unmet"
    assert check(two_years, org(founded_year=2023), AS_OF).status == "met"
    # founded 2024: it depends on the month
    assert check(two_years, org(founded_year=2024), AS_OF).status == "unknown"
    assert check(two_years, org(founded_year=2024, profile="2024年9月经唐山市民政局登记成立。"), AS_OF).status == "met"
    assert check(two_years, org(founded_year=2024, profile="2024年12月注册。"), AS_OF).status == "unmet"
    assert check(two_years, org(profile="机构成立于2025年6月。"), AS_OF).status == "unmet"
    assert check(two_years, org(), AS_OF).status == "unknown"
    assert check(two_years, org(legal_form="未注册团体"), AS_OF).status == "unknown"  # 成立, not 注册
    half = Condition("min_years", {"months": 6}, "注册不少于6个月")
    assert check(half, org(founded_year=2026), AS_OF).status == "unknown"
    assert check(half, org(founded_year=2026, profile="2026年5月在崇礼区民政局登记。"), AS_OF).status == "met"
    assert check(half, org(founded_year=2026, profile="2026年10月注册。"), AS_OF).status == "unmet"
    assert check(half, org(founded_year=2025), AS_OF).status == "met"
    assert check(half, org(legal_form="未注册团体"), AS_OF).status == "unmet"
    young = Condition("max_years", {"months": 18}, "成立18个月以内")
    assert check(young, org(founded_year=2026), AS_OF).status == "met"
    assert check(young, org(founded_year=2025), AS_OF).status == "unknown"
    assert check(young, org(founded_year=2024), AS_OF).status == "unmet"


def test_founded_before():
    cond = Condition("founded_before", "2024-12-31", "2024年12月31日前在民政部门完成登记")
    assert cond.describe() == "2024年12月31日前成立"
    assert check(cond, org(founded_year=2024), AS_OF).status == "met"
    assert check(cond, org(founded_year=2025), AS_OF).status == "unmet"
    assert check(cond, org(legal_form="未注册团体"), AS_OF).status == "unmet"
    assert check(cond, org(profile="河北省民政厅2018年“星火”项目被孵化培育机构。"), AS_OF).status == "met"
    assert check(cond, org(), AS_OF).status == "unknown"
    mid = Condition("founded_before", "2023-06-30", "2023年6月前注册")
    assert check(mid, org(founded_year=2023), AS_OF).status == "unknown"
    assert check(mid, org(founded_year=2023, profile="2023年3月注册成立。"), AS_OF).status == "met"
    assert check(mid, org(founded_year=2023, profile="2023年9月注册成立。"), AS_OF).status == "unmet"


def test_only_unregistered_groups_or_only_companies():
    conds = read_conditions(grant("仅面向尚未登记注册的社区志愿服务团队（可在街道、社区备案）；"
                                  "已在民政部门登记的社会组织及企业请勿申报。"))
    (groups,) = [c for c in conds if c.kind == "legal_form"]
    (bodies,) = [c for c in conds if c.kind == "applicant_type"]  # the same rule, read as who applies
    assert check(bodies, org(legal_form="社会团体"), AS_OF).status == "unmet"
    assert check(bodies, org(profile="我们还没去民政局登记，大家都是义务帮忙。"), AS_OF).status == "met"
    assert check(groups, org(legal_form="社会团体"), AS_OF).status == "unmet"
    assert check(groups, org(legal_form="工商注册"), AS_OF).status == "unmet"
    assert check(groups, org(profile="我们还没去民政局登记，大家都是义务帮忙。"), AS_OF).status == "met"
    assert check(groups, org(), AS_OF).status == "unknown"
    conds = read_conditions(grant("申请主体须为工商注册的企业（含社会企业、农民专业合作社），成立满1年；"
                                  "民办非企业单位、社会团体不在资助范围。"))
    form = next(c for c in conds if c.kind == "legal_form")
    assert form.param == ["工商注册"]
    for other in ("基金会", "未注册团体", "民办非企业单位"):
        assert check(form, org(legal_form=other), AS_OF).status == "unmet"
    assert check(form, org(name="保定农家女手工合作社", legal_form="工商注册"), AS_OF).status == "met"


def test_registration_wording_refuses_unregistered_groups():
    conds = read_conditions(grant("仅限河北省民政部门登记的社会组织申报，机构成立2年以上。"))
    assert {c.kind: c.param for c in conds}["legal_person"] is True
    assert assess(conds, org(legal_form="未注册团体"), AS_OF)[0] == "ineligible"
    assert assess(conds, org(legal_form="社会团体", founded_year=2020, city="石家庄"), AS_OF)[0] == "eligible"
    # unless groups have another way in
    conds = read_conditions(grant("申报主体为在石家庄市各级民政部门登记或备案的社会组织；"
                                  "未登记的社区志愿服务团队须经所在街道（乡镇）推荐后申报。"))
    assert {c.kind: c.param for c in conds}.get("legal_person") in (None, "partner")
    assert assess(conds, org(legal_form="未注册团体"), AS_OF)[0] != "ineligible"
    # "社会组织" alone does not say "registered": asked, not refused
    plain = read_conditions(grant("须为非营利组织。"))
    assert assess(plain, org(legal_form="未注册团体"), AS_OF)[0] == "unknown"


def test_applicant_field_from_limit_to_a_kind_of_org():
    cond = next(c for c in read_conditions(grant("限环保类社会组织申报；成立时间满24个月。")) if c.kind == "field")
    assert cond.describe().startswith("申请机构须以")
    assert check(cond, org(fields=("环保", "水污染")), AS_OF).status == "met"
    assert check(cond, org(fields=("为老服务", "互助养老")), AS_OF).status == "unmet"
    assert check(cond, org(), AS_OF).status == "unknown"


@pytest.mark.parametrize(
    ("profile", "status"),
    [
        ("2019年在内丘县民政局登记。", "met"),
        ("我们2015年在河北涉县民政局登记，是一家民办非企业单位。", "met"),
        ("在北京市海淀区民政局登记的社会服务机构。", "unmet"),
        ("2024年9月经唐山市民政局登记成立。", "unmet"),
        ("石家庄市民政局登记的社会团体。", "unmet"),
        ("在天津市民政局登记。", "unmet"),
        ("在义乌市民政局登记。", "met"),  # a 县级市 of 金华, by the division table
        ("在遵义市民政局登记。", "unmet"),  # a prefecture city, by the division table
        ("在大理州宾川县民政局登记。", "met"),
        ("在某某市民政局登记。", "unknown"),  # not a known place
        ("在街道备案的社区社会组织，未在民政局单独登记。", "unmet"),  # not registered at all
        ("与内丘县民政局合作开展项目。", "unknown"),
        ("关注社区发展。", "unknown"),
    ],
)
def test_county_registration(profile, status):
    (cond,) = [c for c in read_conditions(grant("面向在县（县级市）民政部门登记的县域社会组织；"
                                                "在市辖区或地级市以上民政部门登记的机构不在支持范围。"))
               if c.kind == "registration_level"]
    assert check(cond, org(profile=profile), AS_OF).status == status
    assert check(cond, org(legal_form="未注册团体"), AS_OF).status == "unmet"


def test_social_workers():
    cond = Condition("social_workers", 2, "持证社工不少于2名")
    assert check(cond, org(profile="现有3名持证社工。"), AS_OF).status == "met"
    assert check(cond, org(profile="持证社工1名。"), AS_OF).status == "unmet"
    assert check(cond, org(profile="暂无持证社工。"), AS_OF).status == "unmet"
    assert check(cond, org(fulltime_staff=5), AS_OF).status == "unknown"


def test_full_time_lead_is_staff():
    (cond,) = read_conditions(grant("须有全职项目负责人。"))
    assert check(cond, org(fulltime_staff=0), AS_OF).status == "unmet"
    assert check(cond, org(fulltime_staff=1), AS_OF).status == "met"


def test_side_activities_do_not_show_the_main_field():
    cond = Condition("field", ["环保"], "主营业务须为生态环境保护")
    vague = "我们是一群热心公益的人。关注弱势群体，开展过一些探访和助学活动，也参与过社区活动。"
    assert check(cond, org(profile=vague), AS_OF).status == "unknown"
    assert check(cond, org(profile="长期为村小学生开展助学和课后辅导。"), AS_OF).status == "unmet"


def test_either_side_is_a_social_organization():
    conds = read_conditions(grant("申报机构须为负责人为女性的社会组织，或以妇女为主要服务对象的社会组织；机构成立满1年。"))
    kinds = {c.kind: c.param for c in conds}
    assert kinds["nonprofit"] is True and kinds["women"] is True
    assert assess(conds, org(legal_form="工商注册", founded_year=2017), AS_OF)[0] == "ineligible"
    assert assess(conds, org(legal_form="社会团体", founded_year=2017, women_led=False), AS_OF)[0] == "unknown"
    assert "nonprofit" not in kinds_params(grant("须为女性主导的社会组织，或个人。"))


def test_not_registered_is_the_opposite_of_registered():
    conds = read_conditions(grant("本计划仅面向在成都市行政区域内活动、尚未在民政部门登记的社区社会组织；"
                                  "已登记的社会组织、企业及个人不在资助范围。"))
    kinds = {c.kind: c.param for c in conds}
    assert "legal_person" not in kinds and "nonprofit" not in kinds
    assert kinds["legal_form"] == ["未注册团体"]
    assert assess(conds, org(legal_form="未注册团体"), AS_OF)[0] == "eligible"


def test_month_settles_a_year_boundary():
    one = Condition("min_years", 1, "机构成立满1年")
    assert check(one, org(founded_year=2025, profile="2025年12月在滨海新区民政局登记成立。"), AS_OF).status == "unmet"
    assert check(one, org(founded_year=2025, profile="2025年3月注册。"), AS_OF).status == "met"
    assert check(one, org(founded_year=2025), AS_OF).status == "met"  # no month: lenient


def test_a_brand_name_is_an_organization():
    conds = read_conditions(grant("申请人须为35周岁以下的公益从业者，以个人身份申请。"))
    assert assess(conds, org(name="光点公益"), AS_OF)[0] == "ineligible"
    assert assess(conds, org(name="王小明"), AS_OF)[0] == "unknown"


# -- (e) manual overrides -------------------------------------------------------------


def test_manual_adds_replaces_removes():
    base = SEED["xiangcun-yuedu"]
    g = Grant(**{**base.__dict__, "conditions": "min_years=2; -has_staff; region=河北; women"})
    got = {c.kind: c for c in read_conditions(g)}
    assert got["min_years"].param == 2 and got["min_years"].source == "manual"
    assert got["min_years"].evidence == "min_years=2"
    assert "has_staff" not in got
    assert got["region"].param == ["河北"]
    assert got["women"].param is True
    assert got["field"].source == "text"


def test_manual_syntax_of_the_docs():
    added, removed = parse_manual(
        "min_years=2; legal_form=民办非企业单位|社会服务机构; -stage; region=河北; women; "
        "applicant=individual; age_range=20-40; min_staff=3; field=环保；nonprofit=不分红；stage=成长期|成熟期?"
    )
    params = {c.kind: c.param for c in added}
    assert removed == {"stage"}
    assert params == {
        "min_years": 2,
        "legal_form": ["民办非企业单位", "社会服务机构"],
        "region": ["河北"],
        "women": True,
        "applicant": "individual",
        "age_range": [20, 40],
        "min_staff": 3,
        "field": ["环保"],
        "nonprofit": "不分红",
        "stage": ["成长期", "成熟期?"],
    }
    assert all(c.source == "manual" for c in added)
    assert all(c.describe() for c in added)


def test_manual_months_dates_and_new_kinds():
    added, _ = parse_manual("min_years=18个月; founded_before=2022; social_workers=1; registration_level=county")
    params = {c.kind: c.param for c in added}
    assert params == {"min_years": {"months": 18}, "founded_before": "2022-12-31", "social_workers": 1,
                      "registration_level": "county"}
    assert parse_manual("founded_before=2023-06-30")[0][0].param == "2023-06-30"
    with pytest.raises(InputError):
        parse_manual("founded_before=去年")


@pytest.mark.parametrize(
    "rule", ["min_yaers=2", "min_years=two", "age_range=40-20", "legal_form=公司", "stage=壮年期", "region", "=3", "-women=1"]
)
def test_manual_bad_rule_names_the_column(rule):
    with pytest.raises(InputError) as err:
        parse_manual(rule, path="grants.csv", row=5)
    assert err.value.column == "conditions"
    assert "conditions" in str(err.value) and "第5行" in str(err.value)


def test_unknown_kind_message():
    with pytest.raises(InputError, match="未知的条件类型"):
        parse_manual("colour=red")


def test_checked_rule_records_a_clause_and_adds_no_condition():
    from matcher.conditions import checked_clauses, checked_rule, clause_key

    cell = "min_years=2; checked=有详细可行的项目计划，项目成果可评估; -stage"
    added, removed = parse_manual(cell)
    assert [c.kind for c in added] == ["min_years"] and removed == {"stage"}
    assert checked_clauses(cell) == ("有详细可行的项目计划，项目成果可评估",)
    # the reader may cut and punctuate the clause otherwise: it is compared without either
    assert clause_key("有详细可行的项目计划， 项目成果可评估。") == clause_key(checked_clauses(cell)[0])
    # a clause holding rule separators is still one rule, and still matches
    rule = checked_rule("机构运作规范；财务透明\n信息公开")
    assert checked_clauses(rule) == ("机构运作规范 财务透明 信息公开",)
    assert clause_key(checked_clauses(rule)[0]) == clause_key("机构运作规范；财务透明。信息公开")
    conds = read_conditions(grant("注册满1年。", conditions=rule + "; min_years=3"))
    assert [(c.kind, c.param) for c in conds] == [("min_years", 3)]


@pytest.mark.parametrize("rule", ["checked", "checked=", "checked=，。", "-checked", "checked=" + "字" * 501])
def test_checked_rule_needs_the_clause(rule):
    with pytest.raises(InputError) as err:
        parse_manual(rule, path="grants.csv", row=3)
    assert err.value.column == "conditions" and "checked" in err.value.message


def test_bad_manual_rule_in_grant_raises():
    with pytest.raises(InputError):
        read_conditions(grant("注册满1年。", conditions="min_years=-"))


# -- (f) properties ---------------------------------------------------------------------

PIECES = st.sampled_from(
    ["注册", "成立", "满", "2", "两", "年", "以上", "及以上", "专职", "全职", "名", "岁", "-", "20", "至", "40",
     "仅限", "河北", "环保", "项目", "；", "，", "。", "女性主导", "法人资格", "无", "可通过", "申报", "等非营利性组织",
     "基金会、", "工商注册", "不分红", "起步阶段", "优先", "资助对象：", "个人",
     "个月", "24", "京津冀", "长三角", "地区", "面向", "2022年12月31日", "前", "县（县级市）民政部门登记", "持证社工",
     "未登记", "已在民政部门登记的社会组织", "请勿申报", "工商注册的企业", "须为", "或", "行政区域内", "的社会组织"]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map("".join))
REGIONS = st.one_of(
    st.text(max_size=20),
    st.lists(st.sampled_from(["唐山市", "北京市", "河北省", "京津冀", "涉县", "全国", "、", "，", " ", "和", "省"]),
             max_size=5).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(eligibility=TEXTS, description=TEXTS, region=REGIONS)
def test_reader_never_crashes_and_quotes_exactly(eligibility, description, region):
    g = Grant("g", "测试计划", "某基金会", "不限", eligibility, description, region=region)
    conds = read_conditions(g)
    kinds = [c.kind for c in conds if c.kind != "unread"]  # every unread clause is a condition of its own
    assert len(set(kinds)) == len(kinds)
    for c in conds:
        assert c.kind in KINDS
        if c.source == "column":  # the evidence of a column condition is the column's text
            assert c.kind == "region" and c.evidence == region and region.strip()
        else:
            assert c.evidence and (c.evidence in eligibility or c.evidence in description)
        assert isinstance(c.describe(), str)


ORGS = st.builds(
    Org,
    org_id=st.just("o"),
    name=st.text(max_size=20),
    profile=st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=30).map("".join)),
    city=st.sampled_from(["", "唐山", "北京", "某地", "河北省"]),
    founded_year=st.one_of(st.none(), st.integers(1950, 2030)),
    legal_form=st.sampled_from(["", "民办非企业单位", "社会服务机构", "社会团体", "基金会", "未注册团体", "工商注册"]),
    stage=st.sampled_from(["", "初创期", "成长期", "成熟期"]),
    fields=st.lists(st.sampled_from(["环保", "教育", "养老", "社会工作", "儿童"]), max_size=3).map(tuple),
    fulltime_staff=st.one_of(st.none(), st.integers(0, 50)),
    women_led=st.one_of(st.none(), st.booleans()),
)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, o=ORGS, region=REGIONS)
def test_checks_are_total(text, o, region):
    conds = read_conditions(Grant("g", "测试计划", "某基金会", "不限", text, text, region=region))
    verdict, checks = assess(conds, o, AS_OF)
    assert verdict in {"eligible", "ineligible", "unknown"}
    assert len(checks) == len(conds)
    for c in checks:
        assert c.status in {"met", "unmet", "unknown"}
        assert c.explanation


@settings(max_examples=100, deadline=None)
@given(o=ORGS)
def test_seed_checks_are_total(o):
    for g in SEED.values():
        verdict, checks = assess(read_conditions(g), o, AS_OF)
        assert verdict in {"eligible", "ineligible", "unknown"}
        assert all(c.status in {"met", "unmet", "unknown"} for c in checks)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, region=REGIONS)
def test_blank_org_never_unmet(text, region):
    """Whatever a programme says, a check on an org with no facts is not unmet."""
    blank = Org("o", "某某", "关注社区发展。")
    for c in read_conditions(Grant("g", "测试计划", "某基金会", "不限", text, text, region=region)):
        assert check(c, blank, AS_OF).status != "unmet", c


@pytest.mark.parametrize(
    "unit",
    ["1年以上", "注册成立1", "2", "年", "注册满两年以上", "专职3名以上", "20-40岁", "河北", "仅限", "、基金会",
     "初创期或", "限河北、", "在河北", "2023年以后", "2018年“星火”项目被孵化", "是一家基金会，",
     "成立满24个月", "2022年12月31日前", "京津冀", "县民政局登记", "至少配备1名持证社工", "已在民政部门登记的社会组织"],
)
def test_long_adversarial_input_finishes(unit):
    text = unit * (100_000 // len(unit))
    g = grant(text, text)
    conds = read_conditions(g)
    assess(conds, org(profile=text[:20_000], name=text[:50]), AS_OF)



def test_assess_with_a_memo_gives_the_same_checks():
    from matcher.conditions import assess, read_conditions

    orgs = [
        Org("a", "新芽阅读社", "2026年3月在保定市民政局登记成立，为乡村孩子开展阅读。", legal_form="民办非企业单位"),
        Org("b", "志愿小队", "尚未登记的志愿者团队，现有专职0人。"),
        Org("c", "某中心", "介绍", founded_year=2015, fulltime_staff=5, women_led=True, city="唐山"),
    ]
    for org in orgs:
        memo: dict = {}
        for g in [*SEED.values(), *SEED.values()]:  # twice: the second pass is all memo hits
            conds = read_conditions(g)
            assert assess(conds, org, AS_OF, memo=memo) == assess(conds, org, AS_OF)
        assert memo  # the memo was used
