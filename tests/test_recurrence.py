"""Recurring calls (issue 15, item 4): the expected next window, always marked as an estimate."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import write

from matcher.io import load_grants
from matcher.records import Grant
from matcher.recurrence import Recurrences, parse_recurs, series_key

AS_OF = date(2026, 11, 28)


def _g(gid: str, name: str, funder: str = "河北童心公益基金会", deadline: date | None = None, updated: str = "",
       recurs: str = "") -> Grant:
    return Grant(gid, name, funder, "儿童", "资助对象", "项目介绍", deadline=deadline, updated=updated, recurs=recurs)


def test_editions_are_one_series_whatever_their_year_or_number():
    a = _g("a", "第三届河北省儿童友好社区公益项目大赛")
    b = _g("b", "第五届河北省儿童友好社区公益项目大赛")
    c = _g("c", "2027年河北省儿童友好社区公益项目大赛（2027）", funder="河北童心公益基金会（承办：某中心）")
    assert series_key(a) == series_key(b) == series_key(c)
    # the same words in another order (“新力杯” before or after), one series
    assert series_key(_g("x", "“新力杯”首届上海社区基金会公益创投大赛")) == series_key(_g("y", "第二届上海社区基金会“新力杯”公益创投大赛"))
    assert series_key(_g("d", "第三届河北省儿童友好社区公益项目大赛", funder="另一家基金会")) != series_key(a)
    assert series_key(_g("e", "河北省儿童阅读项目")) != series_key(a)
    assert series_key(_g("f", "2019年度")) is None  # nothing left to tell a series by


def test_a_yearly_series_past_its_deadline_is_expected_back_next_year_and_says_it_is_an_estimate():
    gs = [_g("t3", "第三届儿童友好社区大赛", deadline=date(2024, 5, 31)),
          _g("t4", "第四届儿童友好社区大赛", deadline=date(2025, 5, 30)),
          _g("t5", "第五届儿童友好社区大赛", deadline=date(2026, 5, 29))]
    r = Recurrences(gs)
    w = r.window("t5", AS_OF)
    assert (w.date, w.precision, w.what, w.source, w.period_months) == (date(2027, 5, 1), "month", "deadline", "history", 12)
    assert w.text == "预计（根据往年）2027年5月前后截止：往年2024年5月、2025年5月、2026年5月截止"
    assert w.as_dict()["estimate"] is True and w.as_dict()["date"] == "2027-05-01"
    old = r.window("t3", AS_OF)
    assert old.newer == "t5" and old.date == date(2027, 5, 1)  # an older edition points to the newest
    assert r.window("t5", date(2026, 5, 1)) is None  # still open: nothing to estimate


def test_an_older_edition_points_to_the_open_one_without_an_estimate():
    gs = [_g("y25", "2025年社区养老服务公益创投", deadline=date(2025, 1, 20)),
          _g("y27", "2027年社区养老服务公益创投", deadline=date(2027, 1, 15))]
    w = Recurrences(gs).window("y25", AS_OF)
    assert w.newer == "y27" and w.date is None and w.text == ""


def test_the_recurs_column_decides_alone_and_none_says_it_does_not_recur():
    one = _g("s", "星光助残伙伴计划", deadline=date(2026, 9, 30), recurs="yearly")
    w = Recurrences([one]).window("s", AS_OF)
    assert w.text == "预计（根据往年）2027年9月前后截止：资料注明每年举办，本期2026年9月截止" and w.source == "column"
    assert Recurrences([_g("s", "星光助残伙伴计划", deadline=date(2026, 9, 30))]).window("s", AS_OF) is None
    gs = [_g("a", "第一届某大赛", deadline=date(2024, 5, 1), recurs="none"), _g("b", "第二届某大赛", deadline=date(2025, 5, 1))]
    assert Recurrences(gs).window("b", AS_OF) is None
    half = Recurrences([_g("h", "某季度小额资助", deadline=date(2026, 10, 15), recurs="half-yearly")]).window("h", AS_OF)
    assert half.date == date(2027, 4, 1)


def test_without_deadlines_publication_dates_are_used_and_a_long_silence_is_said():
    gs = [_g("a", "呈贡区首届社会服务项目大赛", updated="2018-05-26"), _g("b", "呈贡区第二届社会服务项目大赛", updated="2019-08-01")]
    w = Recurrences(gs).window("b", date(2026, 3, 1))
    assert w.text == ("预计（根据往年）2026年8月前后发布：往年2018年5月、2019年8月发布；"
                      "最近一期在2019年8月，是否仍在举办请核实")
    years = Recurrences([_g("a", "2023年某公益创投", updated="2023"), _g("b", "2024年某公益创投", updated="2024")])
    w = years.window("b", AS_OF)
    assert (w.date, w.precision) == (date(2027, 1, 1), "year") and w.text.startswith("预计（根据往年）2027年前后发布")


def test_irregular_editions_give_no_estimate():
    gs = [_g("a", "第一届某大赛", deadline=date(2024, 5, 1)), _g("b", "第二届某大赛", deadline=date(2024, 8, 1))]
    assert Recurrences(gs).window("b", AS_OF) is None


@pytest.mark.parametrize(("value", "want"), [("每年", "yearly"), ("Yearly", "yearly"), ("每半年", "half-yearly"),
                                             ("不定期", "none"), ("", ""), ("偶尔", None)])
def test_the_column_values(value, want):
    assert parse_recurs(value) == want


def test_the_loader_validates_the_column(tmp_path):
    head = "grant_id,name,funder,category,eligibility,description,recurs\n"
    warnings: list[str] = []
    gs = load_grants(write(tmp_path / "g.csv", head + "a,甲,某基金会,儿童,资助对象,介绍,每年\nb,乙,某基金会,儿童,资助对象,介绍,偶尔\n"),
                     warn=warnings.append)
    assert [g.recurs for g in gs] == ["yearly", ""]
    assert len(warnings) == 1 and "第3行" in warnings[0] and "recurs" in warnings[0] and "按未填写处理" in warnings[0]


# -- on the pages and in the API (the synthetic portfolio, as of 2026-11-28) -----------------------

ESTIMATE = "预计（根据往年）2027年5月前后截止：往年2024年5月、2025年5月、2026年5月截止"


def test_the_programme_page_shows_the_estimate_or_the_newer_edition(portfolio_app):
    client = portfolio_app.test_client()
    html = client.get("/grants/tongxin-ertong-5").get_data(as_text=True)
    assert f'<dt>下一期</dt><dd><span class="next-window" role="note"><span class="estimate">{ESTIMATE}</span>' in html
    html = client.get("/grants/sjz-yanglao-2025").get_data(as_text=True)
    assert '已有新一期：<a href="/grants/sjz-yanglao-2027">2027年石家庄市社区养老服务公益创投</a>' in html
    html = client.get("/grants/xingguang-zhucan").get_data(as_text=True)
    assert "预计（根据往年）2027年9月前后截止：资料注明每年举办" in html and "<dt>举办</dt><dd>每年（资料注明）</dd>" in html
    assert "下一期" not in client.get("/grants/sjz-yanglao-2027").get_data(as_text=True)  # open: nothing to estimate


def test_the_organization_page_and_advice_sheet_show_it_on_the_card(portfolio_app):
    client = portfolio_app.test_client()
    for path in ("/orgs/tongxin-ertong?top=20", "/orgs/tongxin-ertong/advice?top=20"):
        html = client.get(path).get_data(as_text=True)
        assert ESTIMATE in html, path


def test_the_api_marks_it_as_an_estimate(portfolio_app):
    client = portfolio_app.test_client()
    grants = {g["grant_id"]: g for g in client.get("/api/grants").get_json()["grants"]}
    w = grants["tongxin-ertong-5"]["next_window"]
    assert w["estimate"] is True and w["date"] == "2027-05-01" and w["text"] == ESTIMATE and w["source"] == "history"
    assert grants["xingguang-zhucan"]["recurs"] == "yearly" and grants["sjz-yanglao-2027"]["next_window"] is None
    assert grants["sjz-yanglao-2026"]["next_window"]["newer"] == "sjz-yanglao-2027"
    matches = client.get("/api/orgs/tongxin-ertong/matches?top=20").get_json()["matches"]
    assert next(m for m in matches if m["grant_id"] == "tongxin-ertong-5")["next_window"]["text"] == ESTIMATE


def test_the_edit_page_writes_the_column_as_people_read_it(portfolio_app):
    from conftest import logged_in

    client = logged_in(portfolio_app, portfolio_app.test_client())
    html = client.get("/grants/xingguang-zhucan/edit").get_data(as_text=True)
    assert '<select id="e-recurs" name="recurs"><option value="">未填写</option><option selected>每年</option>' in html
