"""The next step to qualify (issue 15, item 2): one honest sentence and its data, for each kind of open condition."""

from __future__ import annotations

from datetime import date

import pytest

from matcher.advice import ACTIONS, next_step
from matcher.conditions import Condition, assess
from matcher.records import Grant, Match, Org

AS_OF = date(2026, 11, 28)


def _match(conds: list[Condition], org: Org, *, deadline: date | None = None) -> Match:
    grant = Grant("g", "某资助计划", "某基金会", "儿童", "资助对象：……", "……", deadline=deadline)
    verdict, checks = assess(conds, org, AS_OF)
    return Match(rank=1, grant=grant, score=0.3, eligibility=verdict, checks=checks, conditions=tuple(conds))


def _step(conds, org, **kw):
    return next_step(_match(conds, org, **kw), org, AS_OF)


ORG = Org("o", "石家庄晨光社会工作服务中心", "我们在农村小学为留守儿童开展课外阅读。", city="石家庄", founded_year=2020,
          legal_form="社会服务机构", fulltime_staff=3)


def test_an_eligible_match_needs_no_step():
    assert _step([Condition("min_years", 1, "注册满1年")], ORG) is None


def test_years_to_wait_are_counted_from_the_founding_month():
    org = Org("o", "晨光", "2025年3月在石家庄市民政局注册成立，为留守儿童开展阅读。", founded_year=2025)
    s = _step([Condition("min_years", 2, "注册满2年")], org)
    assert s.text == "注册满2年后（2027年3月起）可申请"
    assert (s.kind, s.action, s.actionable, s.date, s.precision) == ("min_years", "wait", True, date(2027, 3, 1), "month")
    s = _step([Condition("min_years", {"months": 30}, "成立满30个月")], org)
    assert s.text == "注册满30个月后（2027年9月起）可申请" and s.date == date(2027, 9, 1)


def test_with_a_year_alone_the_earliest_day_is_given_and_the_month_said_to_decide():
    org = Org("o", "晨光", "为留守儿童开展阅读。", founded_year=2025)
    s = _step([Condition("min_years", 2, "注册满2年")], org)
    assert s.text == "注册满2年后可申请：2025年成立，最早2027年1月起，以成立月份为准"
    assert (s.date, s.precision) == (date(2027, 1, 1), "year")


def test_a_day_after_this_rounds_deadline_is_said_so():
    org = Org("o", "晨光", "2025年3月注册成立。", founded_year=2025)
    s = _step([Condition("min_years", 2, "注册满2年")], org, deadline=date(2027, 1, 31))
    assert s.text.endswith("，晚于本期截止日（2027-01-31）")


def test_what_nobody_can_change_is_said_honestly_and_wins_over_any_step():
    s = _step([Condition("max_years", 3, "成立3年以内"), Condition("min_staff", 5, "至少5名专职")], ORG)
    assert s.text == "成立已超过3年，不符合" and not s.actionable and s.action == "none" and s.others == 0
    s = _step([Condition("region", ["河北"], "限河北")], Org("o", "晨光", "……", city="北京"))
    assert s.text == "限在河北注册的机构申请，本机构注册地为北京，不符合" and not s.actionable
    s = _step([Condition("applicant", "individual", "申请人须为个人")], ORG)
    assert s.text == "只接受个人申请，机构不能申请" and not s.actionable


def test_staff_to_hire_and_registration_come_in_the_order_they_must_be_taken():
    group = Org("o", "青苗志愿者团队", "我们是尚未注册的志愿者团队，没有专职人员。", legal_form="未注册团体", founded_year=2024)
    s = _step([Condition("min_staff", 2, "至少2名专职"), Condition("legal_person", True, "须依法登记")], group)
    assert s.text == "须先依法登记注册、取得法人资格，才能申请（另有1项需解决）"
    assert (s.action, s.field, s.others) == ("register", "legal_form", 1)
    s = _step([Condition("min_staff", 2, "至少2名专职")], ORG.__class__(**{**ORG.__dict__, "fulltime_staff": 1}))
    assert s.text == "须有至少2名专职人员（现有1名）：专职人员达到2名后可申请" and s.action == "hire"


def test_who_may_apply_registering_a_partner_or_nothing():
    social = {"groups": [[["assoc", "mutual", "service", "foundation"], []]], "exclude": [], "partner": False}
    group = Org("o", "青苗志愿者团队", "我们是尚未注册的志愿者团队。", legal_form="未注册团体")
    s = _step([Condition("applicant_type", social, "申报主体须为社会组织")], group)
    assert s.text == "须在民政部门登记为社会团体或社会服务机构（民办非企业单位）后才能申请" and s.action == "register"
    company = Org("o", "某某文化传播有限公司", "……", legal_form="工商注册")
    s = _step([Condition("applicant_type", social, "申报主体须为社会组织")], company)
    assert s.text.startswith("只接受社会团体、") and s.text.endswith("本机构为企业，不符合") and not s.actionable
    s = _step([Condition("applicant_type", {**social, "exclude": ["person"], "partner": True}, "须与社会组织合作")], company)
    assert s.action == "partner" and "原文允许经合作机构申报" in s.text and s.actionable
    only_foundations = {"groups": [[["foundation"], []]], "exclude": [], "partner": False}
    s = _step([Condition("applicant_type", only_foundations, "参赛对象是社区基金会")], group)
    assert s.text == "只接受基金会申请，本机构为未登记的团队，不符合"  # registering as a 基金会 is not a step to suggest


def test_a_public_fundraising_host_is_a_route_not_a_refusal():
    s = _step([Condition("public_fundraising", "host", "须通过公募机构")], ORG.__class__(**{**ORG.__dict__, "public_fundraising": False}))
    assert s.text == "需通过公募机构（认领/挂靠）参加" and s.action == "host" and s.actionable
    s = _step([Condition("public_fundraising", "host", "须通过公募机构")], ORG)
    assert s.text == "没有公募资格的机构需通过公募机构（认领/挂靠）参加" and s.field == "public_fundraising"


def test_a_rating_to_reach_and_when_the_organization_may_first_be_rated():
    rated = ORG.__class__(**{**ORG.__dict__, "rating": "2A"})
    s = _step([Condition("rating", 3, "3A以上")], rated)
    assert s.text == "评估等级须达到3A及以上（现为2A）：参加社会组织等级评估、达到3A后可申请" and s.action == "rate"
    young = Org("o", "晨光", "2025年6月注册成立。", founded_year=2025, rating="无")
    s = _step([Condition("rating", 3, "3A以上")], young)
    assert "尚未参加评估" in s.text and "登记满两年方可参评（2027年6月起）" in s.text and s.date == date(2027, 6, 1)


@pytest.mark.parametrize(("cond", "org", "text", "field"), [
    (Condition("min_staff", 2, "至少2名专职"), Org("o", "晨光", "为留守儿童开展阅读。"), "请填写专职人数（须至少2名）", "fulltime_staff"),
    (Condition("charity", True, "慈善组织"), ORG, "请确认是否已认定为慈善组织", "charity"),
    (Condition("rating", 3, "3A"), ORG, "请填写评估等级（须3A及以上）", "rating"),
    (Condition("min_years", 2, "注册满2年"), Org("o", "晨光", "为留守儿童开展阅读。"), "请填写成立年份（注册满2年）", "founded_year"),
    (Condition("region", ["河北"], "限河北"), Org("o", "晨光", "为留守儿童开展阅读。"), "请填写所在城市（注册地；限河北）", "city"),
    (Condition("unread", "须有三年以上财务审计报告", "须有三年以上财务审计报告"), ORG, "请对照原文确认：须有三年以上财务审计报告", ""),
])
def test_an_unknown_names_the_fact_to_fill_in_or_confirm(cond, org, text, field):
    s = _step([cond], org)
    assert (s.text, s.field, s.actionable) == (text, field, True)


def test_a_field_to_fill_comes_before_a_clause_to_read_and_the_rest_is_counted():
    conds = [Condition("unread", "须有审计报告", "须有审计报告"), Condition("charity", True, "慈善组织"),
             Condition("unread", "须有党支部", "须有党支部")]
    s = _step(conds, ORG)
    assert s.text == "请确认是否已认定为慈善组织（另有2项待确认）" and s.others == 2


def test_every_step_is_a_short_sentence_with_a_known_action():
    orgs = [ORG, Org("o", "青苗志愿者团队", "我们是尚未注册的志愿者团队。", legal_form="未注册团体"),
            Org("o", "晨光", "为留守儿童开展阅读。")]
    conds = [Condition(k, p, "原文") for k, p in [
        ("min_years", 3), ("max_years", 1), ("founded_after", 2025), ("founded_before", "2010-12-31"),
        ("legal_person", True), ("nonprofit", True), ("legal_form", ["基金会"]), ("applicant", "individual"),
        ("age_range", [18, 35]), ("min_staff", 9), ("has_staff", True), ("social_workers", 3), ("stage", ["成熟期"]),
        ("women", "led"), ("region", ["广东"]), ("registration_level", "county"), ("rating", 4),
        ("inspection", True), ("charity", True), ("public_fundraising", True), ("field", ["环保"]), ("unread", "某条")]]
    for org in orgs:
        for c in conds:
            s = _step([c], org)
            if s is None:
                continue
            assert s.action in ACTIONS and 4 <= len(s.text) <= 120 and "None" not in s.text, (c, s)
            assert s.actionable == (s.action != "none")


# -- where the step is shown -----------------------------------------------------------------------

STAFF_STEP = "请填写专职人数（须至少1名）"  # 乡村儿童阅读 asks for 专职人员; 萤火's record does not say


def test_the_organization_page_and_the_advice_sheet_show_the_step(client):
    for path in ("/orgs/yinghuo", "/orgs/yinghuo/advice"):
        html = client.get(path).get_data(as_text=True)
        card = html.split('id="g-xiangcun-yuedu"', 1)[1] if 'id="g-xiangcun-yuedu"' in html else html
        assert f'<p class="next-step"><strong>下一步：</strong>{STAFF_STEP}</p>' in card, path
    import re

    cards = re.findall(r'<article class="match (\w+).*?</article>', client.get("/orgs/yinghuo?top=11").get_data(as_text=True),
                       re.S)
    html = client.get("/orgs/yinghuo?top=11").get_data(as_text=True)
    assert html.count('class="next-step') == sum(c != "eligible" for c in cards) > 0  # none on an eligible card


def test_the_api_gives_the_step_on_every_match_that_is_not_eligible(client):
    for m in client.get("/api/orgs/yinghuo/matches?top=11").get_json()["matches"]:
        assert (m["next_step"] is None) == (m["eligibility"] == "eligible"), m["grant_id"]
        if m["grant_id"] == "xiangcun-yuedu":
            assert m["next_step"] == {"text": STAFF_STEP, "kind": "has_staff", "action": "fill", "actionable": True,
                                      "date": None, "precision": None, "field": "fulltime_staff",
                                      "evidence": "有专职的工作人员", "others": 0}
    r = client.post("/api/match", json={"profile": "我们为农村留守儿童开展阅读活动", "fulltime_staff": 0, "top": 11})
    step = next(m["next_step"] for m in r.get_json()["matches"] if m["grant_id"] == "xiangcun-yuedu")
    assert step["action"] == "hire" and step["text"].startswith("须有至少1名专职人员（现有0名）")


def test_the_report_has_the_column_in_csv_and_xlsx(tmp_path, capsys):
    import csv
    import io

    from openpyxl import load_workbook

    from matcher.cli import main
    from tests.conftest import DATA

    args = ["-q", "report", "--orgs", str(DATA / "orgs.csv"), "--grants", str(DATA / "grants.csv"), "--top", "3",
            "--as-of", AS_OF.isoformat()]
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    row = next(r for r in rows if (r["org_id"], r["grant_id"]) == ("yinghuo", "xiangcun-yuedu"))
    assert row["next_step"] == STAFF_STEP
    assert all(bool(r["next_step"]) == (r["eligibility"] != "eligible") for r in rows)
    assert main(args + ["--out", str(tmp_path / "r.xlsx")]) == 0
    sheet = list(load_workbook(tmp_path / "r.xlsx").worksheets[0].iter_rows(values_only=True))
    col = sheet[0].index("下一步（如何满足条件）")
    assert STAFF_STEP in {r[col] for r in sheet[1:]}
