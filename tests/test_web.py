"""The pages: what a visitor sees, with the Flask test client."""

from __future__ import annotations

import re

import pytest
from conftest import AS_OF, DATA, csrf, text, write

# -- home --------------------------------------------------------------------------


def test_home_lists_orgs_with_ranked_programmes(client):
    r = client.get("/")
    assert r.status_code == 200
    html = text(r)
    assert "秦皇岛市萤火社会工作服务中心" in html and "乡村儿童阅读资助项目" in html
    assert "<mark>" in html


def test_home_shows_three_programmes_per_org_a_search_box_and_the_profile_form(client):
    html = text(client.get("/"))
    first = html.split('class="card org-card"')[1]
    assert first.count('<li class="') == 3
    assert 'action="/grants"' in html and 'name="q"' in html
    assert 'action="/match"' in html and 'name="profile"' in html and 'name="csrf_token"' in html


def test_pages_are_chinese_and_fit_a_phone(client):
    html = text(client.get("/"))
    assert '<html lang="zh-CN">' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html


def test_no_inline_script_or_style_anywhere(client):
    for url in ("/", "/orgs/yinghuo", "/grants/xiangcun-yuedu", "/overview", "/orgs/yinghuo/advice", "/grants?q=儿童"):
        html = text(client.get(url))
        assert "<script" not in html and "style=" not in html and "<style" not in html, url


# -- search ----------------------------------------------------------------------------


def test_grants_without_query_lists_every_programme(client, grants):
    html = text(client.get("/grants"))
    for g in grants:
        assert g.name in html


def test_search_ranks_by_meaning_and_highlights_the_shared_terms(client):
    html = text(client.get("/grants", query_string={"q": "农村孩子读书"}))
    ids = re.findall(r'href="/grants/([^"]+)"', html.split("搜索结果")[1])
    assert ids[0] == "xiangcun-yuedu"
    assert "<mark>乡村儿童阅读</mark>资助项目" in html  # 农村→乡村, 孩子→儿童, 读书→阅读


def test_search_finds_a_name_by_substring(client):
    html = text(client.get("/grants", query_string={"q": "桥畔"}))
    assert "<mark>桥畔</mark>计划" in html and "蓝驰" in html


def test_search_with_nothing_in_common_says_so(client):
    html = text(client.get("/grants", query_string={"q": "zzzqqq"}))
    assert "没有找到相关项目" in html


# -- ad-hoc profile ----------------------------------------------------------------------


def test_adhoc_profile_is_ranked_and_nothing_is_saved(app, client):
    token = csrf(client, "/match")
    r = client.post("/match", data={"csrf_token": token, "name": "测试机构", "profile": "我们为农村留守儿童开展阅读活动",
                                    "founded_year": "2015", "legal_form": "民办非企业单位", "women_led": "否",
                                    "fields": "儿童；阅读", "fulltime_staff": "3"})
    assert r.status_code == 200
    html = text(r)
    assert 'href="/grants/xiangcun-yuedu"' in html and "<mark>" in html and "推荐结果：测试机构" in html
    with app.app_context():
        from webapp.state import get_state

        assert all(o.name != "测试机构" for o in get_state().orgs)


def test_adhoc_form_errors_are_shown_in_the_form(client):
    token = csrf(client, "/match")
    r = client.post("/match", data={"csrf_token": token, "profile": "", "founded_year": "明年", "legal_form": "公司化",
                                    "women_led": "也许"})
    assert r.status_code == 400
    html = text(r)
    assert "请填写机构介绍" in html and "成立年份应为整数" in html and "登记形式应为以下之一" in html
    assert "女性主导应为" in html and 'value="明年"' in html


def test_adhoc_form_needs_the_csrf_token(client):
    r = client.post("/match", data={"profile": "儿童阅读"})
    assert r.status_code == 400 and "安全令牌" in text(r)


def test_adhoc_form_rejects_a_future_founding_year(client):
    token = csrf(client, "/match")
    r = client.post("/match", data={"csrf_token": token, "profile": "儿童", "founded_year": str(AS_OF.year + 1)})
    assert r.status_code == 400 and "成立年份应在 1900 到" in text(r)


# -- organization page -----------------------------------------------------------------------


def test_org_page_shows_ranked_programmes_with_bars_reasons_and_checklist(client):
    r = client.get("/orgs/yinghuo")
    assert r.status_code == 200
    html = text(r)
    assert "秦皇岛市萤火社会工作服务中心" in html
    assert re.search(r'class="fill w\d+"', html)
    assert "<mark>儿童</mark>" in html
    assert re.search(r'class="check (met|unmet|unknown)"', html) and "<mark>注册成立1年以上</mark>" in html
    assert 'href="/grants/xiangcun-yuedu"' in html


def test_org_page_highlights_synonyms_in_the_profile(client, tokenizer):
    # the profile says 孩子; the model counts it as 儿童, so 孩子 is marked too
    assert "孩子" in tokenizer.variants("儿童")
    html = text(client.get("/orgs/yinghuo"))
    profile = html.split('class="profile"')[1].split("</p>")[0]
    assert re.search(r"<mark>[^<]*孩子[^<]*</mark>", profile)


def test_org_page_controls(client):
    html = text(client.get("/orgs/yinghuo", query_string={"top": "3"}))
    assert html.count('<article class="match') == 3
    html = text(client.get("/orgs/yinghuo", query_string={"category": "环保", "top": "10"}))
    ids = re.findall(r'<article class="match[^"]*" id="g-([^"]+)"', html)
    assert sorted(ids) == ["maixiang-shengtai", "weilanxia"]
    html = text(client.get("/orgs/yinghuo", query_string={"top": "oops", "sort": "deadline", "hide_expired": "1",
                                                          "hide_ineligible": "1", "region": "河北"}))
    assert 'value="deadline" selected' in html


def test_org_page_marks_expired_programmes_and_sorts_by_deadline(tmp_path, model_file):
    from webapp import create_app

    rows = (DATA / "grants.csv").read_text(encoding="utf-8").splitlines()
    header, body = rows[0], rows[1:]
    assert header.split(",")[7] == "deadline"
    dated = []
    for i, line in enumerate(body):
        cells = line.split(",")
        if i == 0:
            cells[7] = "2020-01-01"  # qiaopan: expired
        elif i == 1:
            cells[7] = "2027-01-31"
        dated.append(",".join(cells))
    gpath = write(tmp_path / "grants.csv", "\n".join([header, *dated]) + "\n")
    app = create_app({"TESTING": True, "GRANTS_PATH": str(gpath), "AS_OF": AS_OF.isoformat(), "SECRET_KEY": "t"},
                     instance_path=str(tmp_path / "inst"))
    client = app.test_client()
    html = text(client.get("/orgs/yijiaqin", query_string={"top": "10"}))
    assert "截止 2020-01-01（已截止）" in html and "is-expired" in html
    ranked = text(client.get("/orgs/yijiaqin", query_string={"top": "10", "sort": "deadline"}))
    ids = re.findall(r'<article class="match[^"]*" id="g-([^"]+)"', ranked)
    assert ids[:2] == ["qiaopan", "lanchi-qiaopan"]
    hidden = text(client.get("/orgs/yijiaqin", query_string={"top": "10", "hide_expired": "1"}))
    assert 'id="g-qiaopan"' not in hidden


def test_unknown_org_is_a_friendly_404(client):
    r = client.get("/orgs/nobody")
    assert r.status_code == 404 and "没有编号为“nobody”的机构" in text(r)
    assert client.get("/orgs/nobody/advice").status_code == 404
    assert client.get("/no/such/page").status_code == 404


# -- programme page ------------------------------------------------------------------


def test_grant_page_shows_text_conditions_fits_and_information_date(client):
    r = client.get("/grants/xiangcun-yuedu")
    assert r.status_code == 200
    html = text(r)
    assert "乡村儿童阅读资助项目" in html and "注册满1年" in html and "<mark>注册成立1年以上</mark>" in html
    assert "最适合申请的机构" in html and 'href="/orgs/yinghuo#g-xiangcun-yuedu"' in html
    # the date of the newsletter the programme comes from, never the day the file was loaded
    assert 'class="updated">2019年<' in html and "资讯可能已过期，请核实" in html


@pytest.mark.parametrize("path", ["/", "/grants", "/grants/xiangcun-yuedu", "/orgs/yinghuo", "/orgs/yinghuo/advice",
                                  "/overview", "/grants?q=儿童阅读"])
def test_old_programme_information_is_marked_on_every_page(app, path):
    html = text(app.test_client().get(path))
    assert "资讯可能已过期，请核实" in html
    app.config["STALE_AFTER_DAYS"] = 365 * 20  # the age is configurable: nothing is that old
    assert "资讯可能已过期，请核实" not in text(app.test_client().get(path))


def test_unknown_grant_is_404(client):
    r = client.get("/grants/nothing-here")
    assert r.status_code == 404 and "没有编号为“nothing-here”的资助项目" in text(r)


# -- overview and advice ------------------------------------------------------------


def _overview_rows(html: str) -> dict[str, list[str]]:
    """org_id -> programme ids of its row, left to right."""
    rows = {}
    for tr in html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]:
        org_id = re.search(r'href="/orgs/([^"]+)"', tr).group(1)
        rows[org_id] = re.findall(r'<td class="cell[^"]*"[^>]*>\s*<a href="/grants/([^"]+)"', tr)
    return rows


def test_overview_shows_each_organizations_top_programmes_in_ranked_order(client, matcher, orgs):
    from matcher.rank import recommend

    html = text(client.get("/overview"))
    assert re.search(r'class="cell s[1-5] (eligible|unknown|ineligible)"', html)
    rows = _overview_rows(html)
    assert list(rows) == [o.org_id for o in orgs]
    for o in orgs:  # five per organization by default, never the whole catalogue
        assert rows[o.org_id] == [m.grant.grant_id for m in recommend(matcher, o, top=5, as_of=AS_OF)]
    wide = _overview_rows(text(client.get("/overview", query_string={"k": "20"})))
    assert all(len(ids) == len(matcher.grants) for ids in wide.values())  # 11 < 20: all, then blank cells


def test_overview_programme_filters_and_org_search(client, matcher, orgs):
    from matcher.rank import recommend

    html = text(client.get("/overview", query_string={"k": "3", "category": "环保", "hide_ineligible": "1"}))
    rows = _overview_rows(html)
    for o in orgs:
        want = recommend(matcher, o, top=3, as_of=AS_OF, hide_ineligible=True,
                         keep=lambda g: "环保" in g.category.split("+"))
        assert rows[o.org_id] == [m.grant.grant_id for m in want]
    assert 'value="环保" selected' in html or "<option selected>环保</option>" in html
    assert list(_overview_rows(text(client.get("/overview", query_string={"q": "萤火"})))) == ["yinghuo"]
    assert text(client.get("/overview", query_string={"k": "x", "page": "-3"})).count("<tr>") == len(orgs) + 1


def test_advice_sheet_lists_matches_conditions_and_has_a_print_stylesheet(client):
    html = text(client.get("/orgs/yinghuo/advice"))
    assert "资源对接建议" in html and "乡村儿童阅读资助项目" in html and "为什么推荐：</strong>机构介绍和项目说明都提到" in html
    assert "需要确认" in html or "需要先解决" in html
    css = text(client.get("/static/style.css"))
    assert "@media print" in css


# -- escaping ------------------------------------------------------------------------


def test_script_in_a_programme_name_is_shown_as_text(tmp_path):
    from webapp import create_app

    gpath = write(tmp_path / "grants.csv",
                  "grant_id,name,funder,category,eligibility,description\n"
                  "x1,<script>alert(1)</script>儿童项目,<b>基金会</b>,儿童,资助儿童阅读,支持<img src=x onerror=alert(2)>儿童阅读\n"
                  "x2,环保计划,某基金会,环保,环保组织,支持环保\n")
    opath = write(tmp_path / "orgs.csv",
                  "org_id,name,profile\no1,<i>机构</i>,<script>alert(3)</script>我们做儿童阅读\n")
    app = create_app({"TESTING": True, "GRANTS_PATH": str(gpath), "ORGS_PATH": str(opath),
                      "AS_OF": AS_OF.isoformat(), "SECRET_KEY": "t"}, instance_path=str(tmp_path / "inst"))
    client = app.test_client()
    for url in ("/", "/grants", "/grants?q=<script>", "/grants/x1", "/orgs/o1", "/overview", "/orgs/o1/advice"):
        html = text(client.get(url))
        assert "<script>" not in html and "<img" not in html and "<b>基金会" not in html and "<i>机构" not in html, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;儿童项目" in text(client.get("/grants/x1"))
    token = csrf(client, "/match")
    html = text(client.post("/match", data={"csrf_token": token, "name": "<script>x</script>", "profile": "<b>儿童</b>阅读"}))
    assert "<script>x" not in html and "&lt;b&gt;" in html


def test_only_http_and_https_urls_become_links(tmp_path):
    from webapp import create_app

    gpath = write(tmp_path / "grants.csv",
                  "grant_id,name,funder,category,eligibility,description,url\n"
                  "x1,儿童阅读计划,某基金会,儿童,资助儿童阅读,支持儿童阅读,javascript:alert(document.cookie)\n"
                  "x2,儿童图书计划,某基金会,儿童,资助儿童图书,支持儿童图书,data:text/html;base64,PHNjcmlwdD4=\n"
                  "x3,儿童教育计划,某基金会,儿童,资助儿童教育,支持儿童教育,https://example.org/x3\n")
    opath = write(tmp_path / "orgs.csv", "org_id,name,profile\no1,机构,我们做儿童阅读\n")
    app = create_app({"TESTING": True, "GRANTS_PATH": str(gpath), "ORGS_PATH": str(opath),
                      "AS_OF": AS_OF.isoformat(), "SECRET_KEY": "t"}, instance_path=str(tmp_path / "inst"))
    client = app.test_client()
    for url in ("/grants/x1", "/grants/x2", "/orgs/o1"):
        html = text(client.get(url))
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert not any(h.lower().startswith(("javascript:", "data:")) for h in hrefs), url
    assert "<dd>javascript:alert(document.cookie)</dd>" in text(client.get("/grants/x1"))
    assert 'href="https://example.org/x3"' in text(client.get("/grants/x3"))
    assert 'href="https://example.org/x3"' in text(client.get("/orgs/o1"))


@pytest.mark.parametrize(("location", "want"), [
    ("http://evil.example/orgs/yinghuo?top=5#g-x", "/orgs/yinghuo?top=5#g-x"),
    ("https://evil.example", "/"),
    ("//evil.example/x", "/x"),
    ("/\\evil.example", "/evil.example"),
    ("/login?next=%2Fadmin%2Fdata", "/login?next=%2Fadmin%2Fdata"),
])
def test_locations_are_made_relative(location, want):
    from webapp.security import relative_location

    assert relative_location(location) == want


def test_merged_slashes_redirect_without_naming_the_host(client):
    r = client.get("/orgs//yinghuo", headers={"Host": "evil.example"})
    assert r.status_code == 308 and r.headers["Location"] == "/orgs/yinghuo"


# -- security headers ---------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/orgs/yinghuo", "/api/orgs", "/static/style.css", "/nope", "/login"])
def test_security_headers_on_every_response(client, url):
    h = client.get(url).headers
    csp = h["Content-Security-Policy"]
    for part in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                 "form-action 'self'", "base-uri 'none'"):
        assert part in csp
    assert "unsafe-inline" not in csp
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"]


def test_session_cookie_is_httponly_and_samesite(client):
    client.get("/login")
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_secret_key_is_generated_in_the_instance_with_mode_0600(tmp_path, monkeypatch):
    from webapp import create_app

    monkeypatch.delenv("GRANT_MATCHER_SECRET_KEY", raising=False)
    app = create_app({"TESTING": True}, instance_path=str(tmp_path / "inst"))
    key_file = tmp_path / "inst" / "secret_key"
    assert key_file.exists() and (key_file.stat().st_mode & 0o777) == 0o600
    assert app.secret_key == key_file.read_text().strip() and len(app.secret_key) == 64
    again = create_app({"TESTING": True}, instance_path=str(tmp_path / "inst"))
    assert again.secret_key == app.secret_key
    monkeypatch.setenv("GRANT_MATCHER_SECRET_KEY", "from-env")
    assert create_app({"TESTING": True}, instance_path=str(tmp_path / "inst")).secret_key == "from-env"


def test_too_large_upload_is_refused(client):
    r = client.post("/match", data={"profile": "x" * (9 * 1024 * 1024)})
    assert r.status_code == 413


# -- helpers behind the pages ----------------------------------------------------------------


def test_segments_mark_every_form_and_merge_touching_marks():
    from webapp.highlight import segments

    assert segments("农村孩子读书", ["孩子", "农村"]) == [("农村孩子", True), ("读书", False)]
    assert segments("a<b>儿童</b>", ["儿童"]) == [("a<b>", False), ("儿童", True), ("</b>", False)]
    assert segments("", ["x"]) == [] and segments("abc", []) == [("abc", False)]
    assert segments("NGO ngo", ["ngo"]) == [("NGO", True), (" ", False), ("ngo", True)]
    assert segments("乡村儿童", ["儿童", "乡村儿童"]) == [("乡村儿童", True)]


def test_bar_classes_exist_in_the_stylesheet(client):
    from webapp.present import bar_class

    css = text(client.get("/static/style.css"))
    for score in (0.0, 0.01, 0.4851, 1.0, 1.7):
        assert f".{bar_class(score)} {{" in css
    assert bar_class(1.7) == "w100" and bar_class(0.0) == "w0"


def test_flask_cli_finds_the_app_factory(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "FLASK_DEBUG": "0", "GRANT_MATCHER_INSTANCE": str(tmp_path / "inst")}
    r = subprocess.run([sys.executable, "-m", "flask", "--app", "webapp", "routes"], capture_output=True, text=True,
                       timeout=60, cwd=DATA.parent, env=env)
    assert r.returncode == 0, r.stderr
    for rule in ("/orgs/<org_id>", "/api/match", "/admin/data", "/report.", "/api/orgs/<org_id>/tracker"):
        assert rule in r.stdout
    assert (tmp_path / "inst" / "secret_key").exists()
