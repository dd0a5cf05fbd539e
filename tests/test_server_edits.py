"""The edit API, the calendar and the Excel report against the real server (``grant-matcher serve``), over HTTP."""

from __future__ import annotations

import io
import json
import time

import pytest
from test_server import Client, add_user, running_server, staff_session

icalendar = pytest.importorskip("icalendar")

ORG = {"name": "石家庄晨光社会工作服务中心", "profile": "我们在农村小学为留守儿童开展课外阅读和心理陪伴。",
       "city": "石家庄", "founded_year": 2016, "legal_form": "民办非企业单位", "fulltime_staff": 4}


def _settled(c: Client) -> None:
    """Until no update is queued or running (a bound, not a timing assertion)."""
    deadline = time.monotonic() + 60
    while json.loads(c.request("GET", "/api/status")[1])["updates"]:
        assert time.monotonic() < deadline, "updates did not finish"
        time.sleep(0.05)


def test_edit_contracts_over_http(tmp_path, model_file):
    instance = tmp_path / "instance"
    add_user(instance)
    with running_server(instance, model_file) as base:
        anon = Client(base)
        body = json.dumps(ORG).encode()
        for method, path in (("PUT", "/api/orgs/chenguang"), ("DELETE", "/api/orgs/yinghuo"),
                             ("PUT", "/api/grants/uquan"), ("DELETE", "/api/grants/uquan"),
                             ("PUT", "/api/grants/uquan/conditions")):
            status, data = anon.request(method, path, body, {"Content-Type": "application/json"})
            assert status == 401 and json.loads(data) == {"error": "需要员工登录"}, (method, path)
        cookie, token = staff_session(base)
        c = Client(base, cookie)
        h = {"Content-Type": "application/json", "X-CSRF-Token": token}
        status, data = c.request("PUT", "/api/orgs/chenguang", body, h)
        assert status == 201, data
        assert json.loads(data)["action"] == "added"
        status, data = c.request("PUT", "/api/orgs/chenguang", json.dumps({**ORG, "city": "保定"}).encode(), h)
        assert status == 200 and json.loads(data)["fields"] == ["city"]
        status, data = c.request("PUT", "/api/orgs/chenguang", json.dumps({**ORG, "women_led": "也许"}).encode(), h)
        assert status == 400 and "列“women_led”" in json.loads(data)["error"]
        _settled(c)
        status, data = c.request("GET", "/api/orgs/chenguang/matches?top=5")
        assert status == 200
        # ranked like the same profile sent to /api/match (one ranking behind every face)
        adhoc = json.loads(c.request("POST", "/api/match", json.dumps({**ORG, "city": "保定"}).encode(),
                                     {"Content-Type": "application/json"})[1])
        assert [m["grant_id"] for m in json.loads(data)["matches"]] == [m["grant_id"] for m in adhoc["matches"]]

        # a programme's deadline, then its conditions: verdicts change
        grant = {"name": "U泉计划", "funder": "（资讯未注明）", "category": "儿童+教育",
                 "eligibility": "资助对象：为民间公益组织的筹款传播和合作交流。",
                 "description": "支持民间公益组织提升筹款传播能力，促进民间公益组织合作及行业发展。",
                 "source": "石家庄北极光社会工作服务中心《星火项目简报》2019年【公益资助信息】", "updated": "2019",
                 "deadline": "2027-03-31"}
        status, data = c.request("PUT", "/api/grants/uquan", json.dumps(grant).encode(), h)
        assert status == 200 and json.loads(data)["fields"] == ["deadline"], data
        status, data = c.request("PUT", "/api/grants/uquan/conditions", json.dumps({"rules": "region=广东"}).encode(), h)
        assert status == 200, data
        status, data = c.request("PUT", "/api/grants/uquan/conditions", json.dumps({"rules": "regoin=广东"}).encode(), h)
        assert status == 400 and "未知的条件类型" in json.loads(data)["error"]
        _settled(c)
        matches = json.loads(c.request("GET", "/api/orgs/chenguang/matches?top=11")[1])["matches"]
        assert next(m for m in matches if m["grant_id"] == "uquan")["eligibility"] == "ineligible"

        # the calendar of the new organization holds the programme with its deadline
        status, data = c.request("GET", "/orgs/chenguang/deadlines.ics?top=11")
        assert status == 200 and data.startswith(b"BEGIN:VCALENDAR\r\n")
        (ev,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
        assert str(ev["UID"]) == "chenguang/uquan@grant-matcher" and str(ev["URL"]).startswith(base)

        # the Excel report opens, with the programmes sheet
        from openpyxl import load_workbook

        status, data = c.request("GET", "/orgs/chenguang/report.xlsx")
        assert status == 200
        wb = load_workbook(io.BytesIO(data))
        assert [ws.title for ws in wb] == ["匹配结果", "资助项目"] and wb.worksheets[0].freeze_panes == "A2"

        status, data = c.request("DELETE", "/api/orgs/chenguang", None, {"X-CSRF-Token": token})
        assert status == 200 and json.loads(data)["action"] == "removed"
        assert c.request("DELETE", "/api/orgs/chenguang", None, {"X-CSRF-Token": token})[0] == 404
        _settled(c)
        assert c.request("GET", "/api/orgs/chenguang/matches")[0] == 404
        c.close()
        anon.close()
