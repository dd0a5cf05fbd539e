"""The portfolio view (issue 15, item 3): shared calls, who fits and who may apply, limits, assignments."""

from __future__ import annotations

import re
from dataclasses import dataclass

from conftest import csrf, logged_in, text

from matcher.limits import Limit
from matcher.portfolio import shared_calls
from matcher.records import Grant, Org


@dataclass
class _Place:
    grant: Grant
    score: float
    eligibility: str
    expired: bool = False


A, B, C = (Grant(x, f"项目{x}", "某基金会", "儿童", "资助对象", "介绍") for x in "abc")
LIMITED = Grant("d", "项目d", "某基金会", "儿童", "每个孵化器限推荐1家机构参赛。", "介绍")
ORGS = [Org(f"o{i}", f"机构{i}", "…") for i in range(4)]


def _calls(lists, **kw):
    return shared_calls(zip(ORGS, lists, strict=False), **kw)


def test_a_call_counts_when_it_is_in_several_organizations_first_places():
    lists = [[_Place(A, .5, "eligible"), _Place(B, .4, "eligible")],
             [_Place(A, .3, "unknown"), _Place(C, .3, "eligible")],
             [_Place(B, .2, "ineligible"), _Place(A, 0.0, "eligible")]]  # a score of 0 shares nothing: no place
    calls = _calls(lists)
    assert [c.grant.grant_id for c in calls] == ["a", "b"]  # c is in one list only
    a = calls[0]
    assert [(x.org.org_id, x.rank, x.eligibility) for x in a.contenders] == [("o0", 1, "eligible"), ("o1", 1, "unknown")]
    assert a.best.org.org_id == "o0" and len(a.eligible) == 1 and len(a.may_apply) == 2
    assert calls[1].best.org.org_id == "o0" and len(calls[1].may_apply) == 1
    assert _calls(lists, within=1) == _calls(lists, within=1, min_orgs=2)
    assert [c.grant.grant_id for c in _calls(lists, within=1)] == ["a"]
    assert _calls(lists, min_orgs=3) == []


def test_most_contested_first_by_the_fit_of_those_that_may_apply():
    weak = [[_Place(A, .05, "unknown")]] * 4  # four weak fits
    strong = [[_Place(B, .6, "eligible")], [_Place(B, .5, "eligible")]]
    calls = _calls([w + s for w, s in zip(weak, strong + [[], []], strict=True)])
    assert [c.grant.grant_id for c in calls] == ["b", "a"]


def test_a_shared_limit_is_flagged_when_more_may_apply_than_it_lets_through():
    lists = [[_Place(LIMITED, .5, "eligible")], [_Place(LIMITED, .4, "unknown")], [_Place(LIMITED, .3, "ineligible")]]
    (call,) = _calls(lists)
    assert call.limits == (Limit("per_incubator", 1, "每个孵化器限推荐1家机构参赛"),)
    assert call.crowded() == call.limits[0]  # two may apply, one place
    assert call.over(1) is None and call.over(2) == call.limits[0]
    (alone,) = _calls([[_Place(LIMITED, .5, "eligible")], [_Place(LIMITED, .3, "ineligible")]])
    assert alone.crowded() is None  # only one may apply


# -- the page (the synthetic portfolio: 24 organizations, 18 calls, as of 2026-11-28) ---------------


def test_the_view_is_for_staff_only(portfolio_app):
    client = portfolio_app.test_client()
    r = client.get("/portfolio")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    assert client.post("/portfolio/assign", data={"grant_id": "jujia-yanglao-shidian", "org_id": "anle-yanglao"}
                       ).status_code in (302, 400)
    assert "机构组合" not in text(client.get("/"))  # no link for visitors


def _section(html: str, gid: str) -> str:
    return html.split(f'id="c-{gid}"', 1)[1].split("</section>", 1)[0]


def test_shared_calls_show_who_fits_who_may_apply_and_the_limits_with_their_words(portfolio_app):
    client = logged_in(portfolio_app, portfolio_app.test_client())
    html = text(client.get("/portfolio"))
    assert "<script" not in html and "style=" not in html
    ids = re.findall(r'<section class="card shared-call" id="c-([\w-]+)"', html)
    assert len(ids) >= 5 and "jujia-yanglao-shidian" in ids and "tongxin-ertong-5" not in ids  # expired: hidden
    sec = _section(html, "jujia-yanglao-shidian")
    assert '<dt>最契合</dt><dd><a href="/orgs/kangning-huli">石家庄市康宁护理服务中心</a>' in sec
    assert "<strong>每个地区限推荐1家</strong>：原文“<mark>每个区限推荐1家机构</mark>”" in sec
    assert "家机构可以申请，而“每个地区限推荐1家”：请先商定由哪 1 家申报" in sec
    assert sec.count("<tr class=") >= 5 and '<span class="badge eligible">符合条件</span>' in sec
    sec = _section(html, "sjz-yanglao-2027")
    assert "每个机构限报1个项目" in sec and "不得重复申报" in sec and "已获得市级福彩公益金资助的项目不得重复申报" in sec
    html = text(client.get("/portfolio?expired=1&within=10"))
    assert 'id="c-tongxin-ertong-5"' in html and "预计（根据往年）2027年5月前后截止" in html


def test_assigning_an_organization_records_it_in_the_tracker_and_warns_past_the_limit(portfolio_app):
    client = logged_in(portfolio_app, portfolio_app.test_client())
    r = client.post("/portfolio/assign", data={"grant_id": "jujia-yanglao-shidian", "org_id": "kangning-huli"})
    assert r.status_code == 400  # no CSRF token
    token = csrf(client, "/portfolio")
    r = client.post("/portfolio/assign", data={"csrf_token": token, "grant_id": "jujia-yanglao-shidian",
                                               "org_id": "kangning-huli", "note": "由王老师对接", "within": "5"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/portfolio?within=5#c-jujia-yanglao-shidian")
    board = text(client.get("/tracker"))
    assert "石家庄市康宁护理服务中心" in board and "资源对接：分配由本机构申报；由王老师对接" in board
    sec = _section(text(client.get("/portfolio")), "jujia-yanglao-shidian")
    assert "<strong>计划申请：</strong>石家庄市康宁护理服务中心（计划申请）" in sec
    assert '<span class="status">计划申请</span> 资源对接' in sec and "超过" not in sec
    client.post("/portfolio/assign", data={"csrf_token": token, "grant_id": "jujia-yanglao-shidian",
                                           "org_id": "anle-yanglao"})
    sec = _section(text(client.get("/portfolio")), "jujia-yanglao-shidian")
    assert "已有 2 家机构计划申请，超过“每个地区限推荐1家”的限额：请只保留 1 家" in sec
    # the organization page shows the mark too, and bad input is refused
    assert "资源对接：分配由本机构申报" in text(client.get("/orgs/anle-yanglao?top=20"))
    assert client.post("/portfolio/assign", data={"csrf_token": token, "grant_id": "jujia-yanglao-shidian",
                                                  "org_id": "nobody"}).status_code == 404
    r = client.post("/portfolio/assign", data={"csrf_token": token, "grant_id": "jujia-yanglao-shidian", "org_id": ""},
                    follow_redirects=True)
    assert "请选择一家机构" in text(r)
