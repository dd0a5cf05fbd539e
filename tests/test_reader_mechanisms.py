"""General mechanisms of the reader found on real calls: a requirement said not to exist,
the people served vs who applies, a refusal of something else, a track of one category,
one alternative letting a company in, a field word naming a place, "X本地" applicants."""

from __future__ import annotations

from datetime import date

import pytest

from matcher.conditions import assess, read_conditions
from matcher.records import Grant, Org

AS_OF = date(2026, 3, 1)
SERVICE = Org("s", "某某社会工作服务中心", "2015年在民政局登记的社会服务机构。", city="定西",
              legal_form="社会服务机构", founded_year=2015, fulltime_staff=6)
FOUNDATION = Org("f", "某某社区基金会", "2018年登记的社区基金会。", city="成都", legal_form="基金会", founded_year=2018)
COMPANY = Org("c", "某某环保科技有限公司", "一家做垃圾分类运营的公司。", city="上海", legal_form="工商注册", founded_year=2017)


def conditions(eligibility: str) -> dict:
    return {c.kind: c for c in read_conditions(Grant("g", "测试计划", "某基金会", "不限领域", eligibility, ""))}


def verdict(eligibility: str, org: Org) -> str:
    return assess(tuple(conditions(eligibility).values()), org, AS_OF)[0]


def test_a_requirement_said_not_to_exist_is_neither_a_condition_nor_unread():
    text = "凡依法注册成立的社会组织都能申请，通知没有写明必须在包河区登记。"
    found = conditions(text)
    assert "region" not in found and "unread" not in found
    assert verdict(text, SERVICE) == "eligible"
    # the same clause without the negation is a rule
    assert conditions("凡依法注册成立的社会组织都能申请，必须在包河区登记。")["region"].param == ["包河区"]


def test_an_age_of_the_team_is_no_rule_that_the_applicant_is_a_person():
    found = conditions("参赛组织须依法登记，核心成员不少于3人，团队平均年龄在35周岁以下。")
    assert found["age_range"].param == [0, 35]
    assert "applicant" not in found
    assert verdict("须为登记的社会组织，团队主创人员须在40周岁以下。", SERVICE) == "unknown"


def test_the_people_a_call_asks_applicants_to_serve_are_not_the_applicants():
    text = "申请机构须是获豁免缴税的慈善机构，须为物业附近社区的居民提供慈善服务。"
    body = conditions(text).get("applicant_type")
    assert body is None or "person" not in body.param["groups"][0][0]
    assert verdict(text, FOUNDATION) != "ineligible"


def test_a_refusal_of_something_else_refuses_no_applicant():
    text = ("面向社会组织受理。申报须通过社会组织综合申报平台在线提交，其他方式不受理。")
    found = conditions(text)
    assert not found["applicant_type"].param["exclude"]
    assert verdict(text, FOUNDATION) == "eligible"
    # a refusal of the kinds themselves still refuses them
    refused = conditions("面向社会组织受理。行业协会、商会不受理。")["applicant_type"].param["exclude"]
    assert "mutual" in refused


@pytest.mark.parametrize("text", [
    "四类项目各有对象：A类只面向在民政部登记的全国性社会组织；B类面向地方性社会组织。",
    "项目大赛：依法登记的志愿服务组织和基金会都能报。公益创业赛：主体须为各类志愿服务组织。",
])
def test_a_rule_of_one_track_is_not_a_rule_of_the_whole_call(text):
    assert verdict(text, FOUNDATION) != "ineligible"


def test_an_alternative_that_lets_a_company_in_is_no_nonprofit_rule():
    text = "承接主体可以是在民政部门注册登记的社会组织，也可以是在工商部门登记的企业。"
    assert "nonprofit" not in conditions(text)
    assert verdict(text, COMPANY) != "ineligible"
    # a company let in only when it distributes no profit: the rule stays
    kept = conditions("资助对象：民办非企业、社团等非营利注册形式组织，以及公司章程中约定不分红的企业。")
    assert "nonprofit" in kept


def test_a_field_word_that_names_a_place_is_no_field_rule():
    text = "A类只面向乡村振兴重点帮扶地区当地开展服务的困难社会组织。"
    assert "field" not in conditions(text)
    assert conditions("只面向从事乡村振兴的社会组织。")["field"].param == ["rural"]


def test_applicants_of_a_place_written_as_local():
    found = conditions("对象是准备参加99公益日的岳阳本地社区和社会组织。")
    assert found["region"].param == ["岳阳"]
    assert verdict("对象是准备参加99公益日的岳阳本地社区和社会组织。", SERVICE) == "ineligible"


@pytest.mark.parametrize("sentence", [
    "参赛组织须同时满足：依法登记；成立满1年。",  # the clause that announces the list
    "所申请项目不得已获其他机构资助。",  # the project
    "一人不得同时担任两个项目的负责人。",  # a cap
    "符合建立党组织条件的应当建立。",  # party building: good standing
    "符合条件的单位须在4月12日前向市妇联自荐。",  # process
])
def test_clauses_that_are_not_requirements_of_the_applicant_are_not_unread(sentence):
    unread = [c.param for c in read_conditions(Grant("g", "测试", "某基金会", "养老", sentence, ""))
              if c.kind == "unread"]
    assert unread == []
