"""What staff see and do (issue 16): labels people read, thin profiles, tracker board, advice, uploads, API docs."""

from __future__ import annotations

import re

from conftest import csrf, text

from matcher.labels import score_labels

# -- 1. scores people understand -------------------------------------------------------


def _section(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_a_score_has_a_label_and_the_page_states_the_thresholds(client):
    html = text(client.get("/orgs/yinghuo"))
    lab = score_labels()
    assert f"高度契合：匹配度 ≥ {lab.high:.2f}" in html and f"较契合：{lab.mid:.2f}–{lab.high:.2f}" in html
    assert "匹配度是机构介绍与项目文字的相似度" in html
    card = _section(html, 'id="g-xiangcun-yuedu"', "</article>")
    assert '0.439</span> <span class="fit fit-high">高度契合</span>' in card


def test_programmes_sharing_nothing_are_not_recommended_but_listed_apart(client):
    html = text(client.get("/orgs/yinghuo", query_string={"top": 50}))
    recommended = _section(html, 'id="ranked-h"', "</section>")
    others = _section(html, '<details class="others"', "</details>")
    assert "其他项目" in others
    assert "没有共同关键词" not in recommended
    for card in re.findall(r'<article class="match.*?</article>', recommended, re.S):
        assert "理由：<mark>" in card
    for card in re.findall(r'<article class="match.*?</article>', others, re.S):
        assert "没有共同关键词" in card


def test_a_programme_page_lists_unrelated_organizations_apart(client):
    html = text(client.get("/grants/xiangcun-yuedu"))
    fits = _section(html, '<ol class="fits">', "</ol>")
    assert "秦皇岛市萤火社会工作服务中心" in fits and "唐山同德社会工作服务中心" not in fits
    others = _section(html, '<details class="others">', "</details>")
    assert "其他机构（5 家" in others and "唐山同德社会工作服务中心" in others


# -- 2. thin profiles ---------------------------------------------------------------------


def test_a_thin_profile_is_said_to_be_thin_with_what_to_add(client):
    html = text(client.get("/orgs/tongde"))
    assert "介绍太单薄" in html and "做什么、为谁" in html
    assert "按现有介绍排出的项目（仅供参考）" in html
    assert "介绍太单薄" not in text(client.get("/orgs/yinghuo"))


def test_the_home_card_of_a_thin_profile_hides_its_generic_top_three(client):
    html = text(client.get("/"))
    cards = html.split('<li class="card org-card')[1:]
    thin = [c for c in cards if "唐山同德社会工作服务中心" in c][0]
    assert "介绍太单薄" in thin and '<details class="thin-top">' in thin
    rich = [c for c in cards if "秦皇岛市萤火社会工作服务中心" in c][0]
    assert "介绍太单薄" not in rich and "<details" not in rich


# -- 3. tracker board ---------------------------------------------------------------------


def _mark(client, org_id, grant_id, status, note=""):
    return client.post(f"/orgs/{org_id}/tracker", data={"grant_id": grant_id, "status": status, "note": note,
                                                        "csrf_token": csrf(client, f"/orgs/{org_id}")})


def test_no_status_is_chosen_before_one_was_saved(staff_client):
    card = _section(text(staff_client.get("/orgs/yinghuo")), 'id="g-xiangcun-yuedu"', "</article>")
    assert '<option value="" selected disabled>请选择状态</option>' in card
    assert "<option selected>" not in card
    _mark(staff_client, "yinghuo", "xiangcun-yuedu", "计划申请")
    card = _section(text(staff_client.get("/orgs/yinghuo")), 'id="g-xiangcun-yuedu"', "</article>")
    assert "请选择状态" not in card and "<option selected>计划申请</option>" in card


def test_the_confirmation_is_next_to_what_was_saved(staff_client):
    r = _mark(staff_client, "yinghuo", "xiangcun-yuedu", "计划申请", "下周联系")
    assert r.headers["Location"].endswith("#g-xiangcun-yuedu")
    html = text(staff_client.get(r.headers["Location"]))
    card = _section(html, 'id="g-xiangcun-yuedu"', "</article>")
    assert '<p class="saved ok" role="status">已保存：计划申请（staff，' in card
    assert '<p class="flash' not in html.split("<main>")[1].split("<h1>")[0]  # not at the top of the page
    assert "已保存" not in text(staff_client.get("/orgs/yinghuo"))  # shown once


def test_the_board_lists_every_mark_filters_sorts_and_downloads(staff_client, app):
    _mark(staff_client, "yinghuo", "xiangcun-yuedu", "计划申请", "下周联系")
    _mark(staff_client, "yijiaqin", "hao-gongyi", "感兴趣")
    _mark(staff_client, "yangguang", "aiyou-yijia", "已申请", "已交材料")
    html = text(staff_client.get("/tracker"))
    assert html.count('<td data-label="状态">') == 3 and "下周联系" in html and "已交材料" in html
    assert re.search(r"staff<br><small>\d{4}-\d\d-\d\d \d\d:\d\d</small>", html)  # who, and a readable time
    only = text(staff_client.get("/tracker", query_string={"status": "已申请"}))
    assert only.count('<td data-label="状态">') == 1 and "唐山市阳光社会工作服务中心" in only
    one = text(staff_client.get("/tracker", query_string={"org": "yinghuo"}))
    assert one.count('<td data-label="状态">') == 1 and "乡村儿童阅读资助项目" in one
    csv_text = staff_client.get("/tracker.csv").get_data().decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "机构,机构编号,资助项目,项目编号,资助方,截止日期,状态,备注,最后修改人,最后修改时间"
    assert len(csv_text.splitlines()) == 4
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(staff_client.get("/tracker.xlsx", query_string={"status": "感兴趣"}).get_data())).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "机构" and len(rows) == 2 and rows[1][6] == "感兴趣"


def test_the_board_is_for_staff_only(client):
    assert client.get("/tracker").status_code == 302
    assert client.get("/tracker.csv").status_code == 302


def test_one_programme_marked_for_several_organizations_and_who_plans_to_apply(staff_client):
    html = text(staff_client.get("/grants/hao-gongyi"))
    assert 'name="org_id" value="yinghuo"' in html and "请选择状态" in html
    r = staff_client.post("/grants/hao-gongyi/tracker", data={
        "org_id": ["yinghuo", "tongde", "nobody"], "status": "计划申请", "note": "一起报名",
        "csrf_token": csrf(staff_client, "/grants/hao-gongyi")})
    assert r.status_code == 302 and r.headers["Location"] == "/grants/hao-gongyi#plans"
    html = text(staff_client.get(r.headers["Location"]))
    assert "已为 2 家机构记录“计划申请”" in html
    plans = _section(html, 'id="plans"', "</ul>")
    assert "秦皇岛市萤火社会工作服务中心" in plans and "唐山同德社会工作服务中心" in plans and "一起报名" in plans
    board = text(staff_client.get("/tracker"))
    assert board.count("计划申请</span>") == 2


def test_bulk_marking_without_an_organization_or_status_changes_nothing(staff_client):
    token = csrf(staff_client, "/grants/hao-gongyi")
    staff_client.post("/grants/hao-gongyi/tracker", data={"status": "计划申请", "csrf_token": token})
    assert "请至少勾选一家机构" in text(staff_client.get("/grants/hao-gongyi"))
    staff_client.post("/grants/hao-gongyi/tracker", data={"org_id": "yinghuo", "status": "", "csrf_token": token})
    assert "状态应为以下之一" in text(staff_client.get("/grants/hao-gongyi"))
    assert "还没有跟踪记录" in text(staff_client.get("/tracker"))


def test_anonymous_visitors_see_no_plans_and_cannot_mark(client):
    html = text(client.get("/grants/hao-gongyi"))
    assert 'name="org_id"' not in html and 'id="plans"' not in html
    assert client.post("/grants/hao-gongyi/tracker", data={"org_id": "yinghuo", "status": "感兴趣"}).status_code == 302


# -- 4. advice sheet, and no doubled brackets or words on any page ---------------------------

DOUBLED_BRACKETS = ("（（", "））", "((", "))", "（）", "()", "“”")
DOUBLED_WORD = re.compile(r"([\u4e00-\u9fff]{2,})[\s：:，,·]*\1(?![\u4e00-\u9fff])")


def visible_text(html: str) -> str:
    """What a reader sees: tags become spaces, entities decoded."""
    import html as h

    body = html.split("<body>", 1)[-1]
    return h.unescape(re.sub(r"<[^>]+>", " ", body))


def doubled(html: str) -> list[str]:
    t = visible_text(html)
    found = [b for b in DOUBLED_BRACKETS if b in t]
    found += [re.sub(r"\s+", " ", m.group(0)) for m in DOUBLED_WORD.finditer(t)]
    return found


def test_the_doubled_check_catches_what_staff_met():
    assert doubled("<body><dt>截止</dt><dd><span>截止 2027-03-31</span></dd>") == ["截止 截止"]
    assert doubled("<body><small>（（资讯未注明））</small>") == ["（（", "））"]
    assert doubled("<body><p>截止日期：2027-03-31</p><p>资助方：爱阅公益</p>") == []


def all_pages(client) -> list[str]:
    pages = ["/", "/?sort=score", "/grants", "/grants?q=儿童阅读", "/overview", "/overview?k=20", "/match"]
    for o in ("yinghuo", "yijiaqin", "fenghuang", "yangguang", "tongde", "zhonghe"):
        pages += [f"/orgs/{o}", f"/orgs/{o}?top=50", f"/orgs/{o}/advice"]
    for gid in ("xiangcun-yuedu", "hao-gongyi", "uquan", "aiyou-yijia", "qiaopan", "dunhe-zhongzi"):
        pages.append(f"/grants/{gid}?top=50")
    return pages


def test_no_page_has_doubled_brackets_or_words(staff_client, grants):
    _mark(staff_client, "yinghuo", "xiangcun-yuedu", "计划申请", "下周联系（爱阅）")
    ids = {g.grant_id for g in grants}
    pages = [p for p in all_pages(staff_client) if not p.startswith("/grants/") or p.split("/")[2].split("?")[0] in ids]
    pages += [f"/grants/{g.grant_id}" for g in grants] + ["/tracker", "/admin/data", "/api/docs"]
    for url in pages:
        r = staff_client.get(url)
        assert r.status_code == 200, url
        assert doubled(text(r)) == [], url
    r = staff_client.post("/match", data={"csrf_token": csrf(staff_client, "/match"), "name": "星星",
                                          "profile": "我们在农村小学为留守孩子开展课外阅读。"})
    assert doubled(text(r)) == []


def test_the_advice_sheet_has_link_funder_deadline_conditions_reasons_and_note(staff_client):
    _mark(staff_client, "yinghuo", "xiangcun-yuedu", "计划申请", "下周联系爱阅")
    html = text(staff_client.get("/orgs/yinghuo/advice"))
    item = _section(html, "<h3>乡村儿童阅读资助项目</h3>", "</li>\n")
    assert "<dt>资助方</dt><dd>爱阅公益</dd>" in item
    assert "<dt>截止日期</dt>" in item and "<dt>项目链接</dt>" in item
    assert "高度契合（匹配度 0.44）" in item
    assert "为什么推荐：</strong>机构介绍和项目说明都提到“乡村”“儿童”" in item
    assert "需要确认或准备" in item and "要求有专职人员" in item
    assert "已符合：</strong>" in item and "下周联系爱阅" in item
    assert "<dd>资讯未注明</dd>" in html  # the bracketed remark, without doubled brackets
