"""Issue 15's done-when: a staff member walks a portfolio of 24 organizations through all four parts.

1. the facts calls gate on are entered and shown, and change a verdict;
2. every recommendation that is not eligible says the next step, on the page, the advice sheet, in the API
   and in the report;
3. the portfolio view shows the calls several organizations compete for, with their limits, and one is
   assigned (recorded in the tracker);
4. a recurring call whose round is over shows its expected next window, marked as an estimate.
"""

from __future__ import annotations

import csv
import io
import re

from conftest import PORTFOLIO, csrf, logged_in, text

from matcher.io import load_orgs, org_cells


def test_a_portfolio_of_24_organizations_through_all_four(portfolio_app):
    client = logged_in(portfolio_app, portfolio_app.test_client())
    orgs = load_orgs(PORTFOLIO / "orgs.csv")
    assert len(orgs) >= 20

    # 1. the facts calls gate on: shown where they were entered, and they decide verdicts
    api_orgs = {o["org_id"]: o for o in client.get("/api/orgs").get_json()["orgs"]}
    for o in orgs:
        page = text(client.get(f"/orgs/{o.org_id}"))
        assert ("<dt>评估等级</dt>" in page) == bool(o.rating), o.org_id
        assert ("<dt>慈善组织</dt>" in page) == (o.charity is not None), o.org_id
        got = api_orgs[o.org_id]
        assert (got["rating"], got["inspection_year"], got["charity"], got["public_fundraising"]) == (
            o.rating, o.inspection_year, o.charity, o.public_fundraising)

    def verdict(org_id: str, grant_id: str) -> dict:
        ms = client.get(f"/api/orgs/{org_id}/matches?top=20").get_json()["matches"]
        return next(m for m in ms if m["grant_id"] == grant_id)

    before = verdict("xiyang-yanglao", "hebei-goumai-yanglao-2027")  # 评估等级3A以上; its record says none
    assert before["eligibility"] == "unknown" and before["next_step"]["text"] == "请填写评估等级（须3A及以上）"
    assert before["next_step"]["field"] == "rating"
    xiyang = next(o for o in orgs if o.org_id == "xiyang-yanglao")
    h = {"X-CSRF-Token": client.get("/api/session").get_json()["csrf_token"]}
    r = client.put("/api/orgs/xiyang-yanglao", json={**org_cells(xiyang), "rating": "3A"}, headers=h)
    assert r.status_code == 200 and r.get_json()["rankings"]["updated"]
    after = verdict("xiyang-yanglao", "hebei-goumai-yanglao-2027")
    assert after["eligibility"] == "eligible" and after["next_step"] is None
    assert "<dt>评估等级</dt><dd>3A</dd>" in text(client.get("/orgs/xiyang-yanglao"))

    # 2. the next step, for every organization, wherever recommendations are read
    steps = 0
    for o in orgs:
        matches = client.get(f"/api/orgs/{o.org_id}/matches?top=20").get_json()["matches"]
        open_ones = [m for m in matches if m["eligibility"] != "eligible"]
        assert all(m["next_step"] and m["next_step"]["text"] for m in open_ones), o.org_id
        steps += len(open_ones)
        cards = re.findall(r'<article class="match (\w+)', text(client.get(f"/orgs/{o.org_id}?top=20")))
        assert text(client.get(f"/orgs/{o.org_id}?top=20")).count('class="next-step') == sum(c != "eligible" for c in cards)
        assert "<strong>下一步：</strong>" in text(client.get(f"/orgs/{o.org_id}/advice?top=20")) or not open_ones
    assert steps >= 100
    rows = list(csv.DictReader(io.StringIO(client.get("/report.csv?top=20").get_data(as_text=True).lstrip("\ufeff"))))
    assert {r["org_id"] for r in rows} == {o.org_id for o in orgs}
    assert all(bool(r["next_step"]) == (r["eligibility"] != "eligible") for r in rows)
    young = next(r for r in rows if (r["org_id"], r["grant_id"]) == ("xiyang-yanglao", "sjz-yanglao-2027"))
    assert young["next_step"].startswith("注册满2年后（2027年3月起）可申请，晚于本期截止日（2027-01-15）")

    # 3. the portfolio view: shared calls with their limits; one assigned, recorded in the tracker
    html = text(client.get("/portfolio"))
    calls = re.findall(r'<section class="card shared-call" id="c-([\w-]+)"', html)
    assert len(calls) >= 5
    flagged = [gid for gid in calls if '<ul class="limits">' in html.split(f'id="c-{gid}"', 1)[1].split("</section>", 1)[0]]
    assert len(flagged) >= 3
    sec = html.split('id="c-shequ-nengli"', 1)[1].split("</section>", 1)[0]
    best = re.search(r'<dt>最契合</dt><dd><a href="/orgs/([\w-]+)">', sec).group(1)
    assert "每个街道限推荐2家" in sec and "请先商定由哪 2 家申报" in sec
    r = client.post("/portfolio/assign", data={"csrf_token": csrf(client, "/portfolio"), "grant_id": "shequ-nengli",
                                               "org_id": best, "note": "最契合，先报"})
    assert r.status_code == 302
    marks = client.get(f"/api/orgs/{best}/tracker").get_json()["entries"]
    assert [(m["grant_id"], m["status"]) for m in marks] == [("shequ-nengli", "计划申请")]
    assert "最契合，先报" in marks[0]["note"]

    # 4. a recurring call whose round is over: the expected next window, marked as an estimate
    estimate = "预计（根据往年）2027年5月前后截止"
    assert estimate in text(client.get("/grants/tongxin-ertong-5"))
    assert estimate in text(client.get("/orgs/tongxin-ertong?top=20"))
    grant = next(g for g in client.get("/api/grants").get_json()["grants"] if g["grant_id"] == "tongxin-ertong-5")
    assert grant["expired"] and grant["next_window"]["estimate"] and grant["next_window"]["text"].startswith(estimate)
