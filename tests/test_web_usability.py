"""What staff see and do (issue 16): labels people read, thin profiles, tracker board, advice, uploads, API docs."""

from __future__ import annotations

import re

from conftest import DATA, csrf, text

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
    assert '0.386</span> <span class="fit fit-high">高度契合</span>' in card


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
    assert "其他机构（4 家" in others and "唐山同德社会工作服务中心" in others


# -- 2. thin profiles ---------------------------------------------------------------------


def test_a_thin_profile_is_said_to_be_thin_with_what_to_add(client):
    html = text(client.get("/orgs/tongde"))
    assert "太简短或太笼统" in html and "做什么、为谁" in html
    assert "按现有介绍排出的项目（仅供参考）" in html
    assert "太简短或太笼统" not in text(client.get("/orgs/yinghuo"))


def test_the_home_card_of_a_thin_profile_hides_its_generic_top_three(client):
    html = text(client.get("/"))
    cards = html.split('<li class="card org-card')[1:]
    thin = [c for c in cards if "唐山同德社会工作服务中心" in c][0]
    assert "太简短或太笼统" in thin and '<details class="thin-top">' in thin
    rich = [c for c in cards if "秦皇岛市萤火社会工作服务中心" in c][0]
    assert "太简短或太笼统" not in rich and "<details" not in rich


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
    assert "高度契合（匹配度 0.39）" in item
    assert "为什么推荐：</strong>机构介绍和项目说明都提到“儿童”“乡村”" in item
    assert "需要确认或准备" in item and "要求有专职人员" in item
    assert "已符合：</strong>" in item and "下周联系爱阅" in item
    assert "<dd>资讯未注明</dd>" in html  # the bracketed remark, without doubled brackets


# -- 5. uploads staff can trust --------------------------------------------------------------

GRANTS_CSV = (DATA / "grants.csv").read_bytes()


def _upload(client, kind, raw, filename="new.csv"):
    import io

    return client.post("/admin/data/preview", data={"kind": kind, "csrf_token": csrf(client, "/admin/data"),
                                                    "file": (io.BytesIO(raw), filename)},
                       content_type="multipart/form-data")


def test_current_file_and_templates_can_be_downloaded(staff_client):
    import io

    from openpyxl import load_workbook

    from matcher.records import ORG_OPTIONAL, ORG_REQUIRED

    r = staff_client.get("/admin/data/grants/current")
    assert r.status_code == 200 and r.get_data() == GRANTS_CSV and "attachment" in r.headers["Content-Disposition"]
    head = staff_client.get("/admin/data/orgs/template.csv").get_data().decode("utf-8-sig")
    assert head.strip() == ",".join(ORG_REQUIRED + ORG_OPTIONAL)  # every column the loader knows
    wb = load_workbook(io.BytesIO(staff_client.get("/admin/data/grants/template.xlsx").get_data()))
    assert wb.sheetnames == ["资助项目", "列说明"]
    notes = dict(list(wb["列说明"].iter_rows(values_only=True))[1:])
    assert notes["deadline"].startswith("可选。截止日期 YYYY-MM-DD") and notes["grant_id"].startswith("必填")
    assert staff_client.get("/admin/data/grants/template.csv").status_code == 200


def test_template_columns_are_the_loaders_columns():
    from matcher.records import GRANT_OPTIONAL, GRANT_REQUIRED, ORG_OPTIONAL, ORG_REQUIRED
    from webapp.uploads import COLUMNS

    assert tuple(COLUMNS["grants"]) == GRANT_REQUIRED + GRANT_OPTIONAL
    assert tuple(COLUMNS["orgs"]) == ORG_REQUIRED + ORG_OPTIONAL


def test_upload_downloads_need_staff(client):
    for url in ("/admin/data/grants/current", "/admin/data/orgs/template.xlsx"):
        assert client.get(url).status_code == 302


def _edited() -> bytes:
    """One description changed; one deadline the loader cannot read (dropped: that programme stays as it was)."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(GRANTS_CSV.decode("utf-8-sig"))))
    col = rows[0].index("deadline")
    for r in rows:
        if r[0] == "xiangcun-yuedu":
            r[col] = "明年三月"
        if r[0] == "qiaopan":
            r[5] = r[5].replace("桥畔计划：北京市西部阳光农村发展基金会发起。", "桥畔计划：西部阳光基金会发起，支持乡村教育。")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def test_preview_names_rows_shows_before_and_after_and_warns_of_dropped_values(staff_client):
    r = _upload(staff_client, "grants", _edited())
    assert r.status_code == 303 and "/admin/data/preview/grants/" in r.headers["Location"]
    html = text(staff_client.get(r.headers["Location"]))
    assert "修改：qiaopan <span class=\"name\">桥畔计划</span>" in html
    assert '<td data-label="原来" class="before">' in html and "西部阳光基金会发起，支持乡村教育" in html
    dropped = _section(html, 'id="drop-h"', "</section>")
    assert "导入后会丢失" in dropped and "无法识别的日期“明年三月”" in dropped and "按未填写处理" in dropped
    assert "new.csv，第" in dropped  # named as uploaded, not as kept
    assert "提示（内容照常导入）" not in html


def test_confirming_is_post_redirect_get_and_back_or_refresh_changes_nothing(staff_client):
    preview_url = _upload(staff_client, "grants", _edited()).headers["Location"]
    html = text(staff_client.get(preview_url))
    assert text(staff_client.get(preview_url)) == html  # a refresh shows the same preview, sends nothing
    token = re.search(r'name="token" value="([0-9a-f]+)"', html).group(1)
    r = staff_client.post("/admin/data/confirm", data={"kind": "grants", "token": token,
                                                       "csrf_token": csrf(staff_client, "/admin/data")})
    assert r.status_code == 302 and r.headers["Location"] == "/admin/data"
    back = staff_client.get(preview_url)  # the browser's back button
    assert back.status_code == 410 and "已经确认过或已过期" in text(back) and 'name="token"' not in text(back)
    log = _section(text(staff_client.get("/admin/data")), 'id="log-h"', "</section>")
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d</td><td data-label=\"经办\">staff</td>", log)
    assert "上传资助项目：new.csv" in log and "共 11 条；新增 0、修改 1、删除 0" in log
    assert log.count("<tr><td") == 1


def test_archived_versions_show_a_readable_time(staff_client):
    preview_url = _upload(staff_client, "grants", _edited()).headers["Location"]
    token = re.search(r'name="token" value="([0-9a-f]+)"', text(staff_client.get(preview_url))).group(1)
    staff_client.post("/admin/data/confirm", data={"kind": "grants", "token": token,
                                                   "csrf_token": csrf(staff_client, "/admin/data")})
    versions = _section(text(staff_client.get("/admin/data")), 'id="ver-h"', "</section>")
    assert re.search(r"<li>\d{4}-\d\d-\d\d \d\d:\d\d <small>grants-\d{8}T\d{6}\.csv</small>", versions)


# -- 6. the ad-hoc form ----------------------------------------------------------------------


def _adhoc(client, **fields):
    return client.post("/match", data={"csrf_token": csrf(client, "/match"), **fields})


def test_the_form_says_where_it_cuts_and_uses_numeric_keypads(client):
    html = text(client.get("/match"))
    assert "最多 20,000 字" in html
    for name in ("founded_year", "fulltime_staff"):
        assert re.search(rf'name="{name}" inputmode="numeric" pattern="\[0-9\]\*"', html)
    assert '<details class="extra">' in html


def test_extra_fields_stay_open_once_used_and_the_length_used_is_said(client):
    html = text(_adhoc(client, profile="我们为农村留守儿童开展阅读活动", founded_year="2015"))
    assert '<details class="extra" open>' in html and 'value="2015"' in html
    assert "按 15 字的机构介绍计算" in html
    html = text(_adhoc(client, profile="儿童阅读" * 5000))
    assert "按 20000 字的机构介绍计算——已达到 20,000 字的上限" in html
    assert '<details class="extra">' in html


def test_a_result_is_printable_and_staff_can_save_it_as_a_new_organization(app, client):
    html = text(_adhoc(client, profile="我们为农村留守儿童开展阅读活动"))
    assert "打印" in html and "保存为新机构" not in html  # visitors: print only
    from conftest import logged_in

    staff = logged_in(app, app.test_client())
    form = {"profile": "2016年起在青龙县为农村留守儿童开展课外阅读", "city": "秦皇岛", "founded_year": "2016",
            "fields": "儿童;阅读"}
    html = text(_adhoc(staff, name="星星儿童服务队", **form))
    assert 'action="/admin/data/orgs/add"' in html and 'name="org_id"' in html
    token = csrf(staff, "/match")
    bad = staff.post("/admin/data/orgs/add", data={"csrf_token": token, "org_id": "yinghuo", "name": "星星", **form})
    assert bad.status_code == 400 and "已被 秦皇岛市萤火社会工作服务中心 使用" in text(bad)
    r = staff.post("/admin/data/orgs/add", data={"csrf_token": token, "org_id": "xingxing", "name": "星星儿童服务队",
                                                 **form})
    assert r.status_code == 302 and r.headers["Location"] == "/orgs/xingxing"
    page = text(staff.get("/orgs/xingxing"))
    assert "星星儿童服务队" in page and 'id="g-xiangcun-yuedu"' in page and "已保存为新机构" in page
    o = staff.get("/api/orgs").get_json()["orgs"][-1]
    assert (o["org_id"], o["founded_year"], o["fields"], o["city"]) == ("xingxing", 2016, ["儿童", "阅读"], "秦皇岛")
    assert "新增机构" in text(staff.get("/admin/data"))
