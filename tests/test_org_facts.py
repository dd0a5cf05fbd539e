"""The facts calls gate on (issue 15: 评估等级, 年检, 慈善组织, 公募) wherever an organization is entered or shown."""

from __future__ import annotations

import re

from conftest import AS_OF, csrf, text

from webapp.profiles import validate_profile

FACTS = {"rating": "3A", "inspection_year": "2025", "charity": "是", "public_fundraising": "否"}


def test_an_adhoc_profile_takes_the_facts_and_checks_their_domains():
    org, errors = validate_profile({"profile": "为老人服务", **FACTS}, from_form=True, today=AS_OF)
    assert not errors and (org.rating, org.inspection_year, org.charity, org.public_fundraising) == ("3A", 2025, True, False)
    org, errors = validate_profile({"profile": "为老人服务", "rating": "6A", "inspection_year": 2030, "charity": "也许",
                                    "public_fundraising": 1}, today=AS_OF)
    assert org is None and set(errors) == {"rating", "inspection_year", "charity", "public_fundraising"}
    assert "无 / 1A / 2A / 3A / 4A / 5A" in errors["rating"] and "1980 到 2026" in errors["inspection_year"]
    org, _ = validate_profile({"profile": "为老人服务", "charity": True, "public_fundraising": False}, today=AS_OF)
    assert (org.charity, org.public_fundraising) == (True, False)


def test_the_api_takes_and_refuses_them_like_the_form(client):
    r = client.post("/api/match", json={"profile": "我们为农村留守儿童开展阅读活动", "rating": "3A",
                                        "inspection_year": 2025, "charity": False, "public_fundraising": "是"})
    assert r.status_code == 200
    r = client.post("/api/match", json={"profile": "我们为农村留守儿童开展阅读活动", "rating": "AAA"})
    assert r.status_code == 400 and "评估等级应为以下之一" in r.get_json()["error"]


def test_the_match_form_shows_them_and_keeps_them_for_saving(staff_client):
    html = text(staff_client.get("/match"))
    for name in FACTS:
        assert f'name="{name}"' in html
    assert "<option>3A</option>" in html
    token = csrf(staff_client, "/match")
    html = text(staff_client.post("/match", data={"csrf_token": token, "profile": "我们为农村留守儿童开展阅读活动", **FACTS}))
    assert '<details class="extra" open>' in html  # filled in: kept open
    save = html.split('id="save-h"', 1)[1]
    for name, value in FACTS.items():
        assert f'<input type="hidden" name="{name}" value="{value}">' in save


def test_edit_pages_write_them_and_the_organization_page_shows_them(staff_client, client):
    html = text(staff_client.get("/orgs/yinghuo/edit"))
    assert re.search(r'<select id="e-rating" name="rating"><option value="">未填写</option><option>无</option>', html)
    assert 'id="e-inspection_year"' in html and 'id="e-charity"' in html and 'id="e-public_fundraising"' in html
    fields = dict(re.findall(r'<input id="e-(\w+)" name="\w+" (?:type="date" )?maxlength="20000" value="([^"]*)"', html))
    form = {**fields, "csrf_token": csrf(staff_client, "/orgs/yinghuo/edit"),
            "profile": re.search(r'name="profile"[^>]*>([^<]*)<', html).group(1), "rating": "2A",
            "inspection_year": "2025", "charity": "否", "public_fundraising": "否"}
    r = staff_client.post("/orgs/yinghuo/edit", data={**form, "inspection_year": "前年"})
    assert r.status_code == 400 and 'id="err-inspection_year">“前年”不是整数<' in text(r)
    r = staff_client.post("/orgs/yinghuo/edit", data=form)
    assert r.status_code == 302
    page = text(client.get("/orgs/yinghuo"))
    assert "<dt>评估等级</dt><dd>2A</dd>" in page and "<dt>年检（年报）</dt><dd>2025 年度合格</dd>" in page
    assert "<dt>慈善组织</dt><dd>未认定</dd>" in page and "<dt>公开募捐资格</dt><dd>无</dd>" in page
    org = next(o for o in client.get("/api/orgs").get_json()["orgs"] if o["org_id"] == "yinghuo")
    assert (org["rating"], org["inspection_year"], org["charity"], org["public_fundraising"]) == ("2A", 2025, False, False)


def test_a_json_put_takes_booleans_and_numbers_for_them(staff_client):
    h = {"X-CSRF-Token": staff_client.get("/api/session").get_json()["csrf_token"]}
    r = staff_client.put("/api/orgs/chenguang", headers=h, json={
        "name": "晨光", "profile": "为农村留守儿童开展课外阅读", "rating": "三A", "inspection_year": 2025,
        "charity": True, "public_fundraising": False})
    body = r.get_json()
    assert r.status_code == 201 and (body["rating"], body["inspection_year"], body["charity"]) == ("3A", 2025, True)
    r = staff_client.put("/api/orgs/chenguang", headers=h, json={"name": "晨光", "profile": "x", "rating": True})
    assert r.status_code == 400 and "rating" in r.get_json()["error"]
