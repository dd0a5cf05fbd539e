"""Deadlines as RFC 5545 calendars: the writer's rules, parsed back with the icalendar package, and the pages."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from conftest import csrf, logged_in

from matcher.ical import Event, escape_text, fold, write_calendar

icalendar = pytest.importorskip("icalendar")


def test_escaping_and_folding_follow_rfc_5545():
    assert escape_text("a,b;c\\d\r\ne\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    line = "SUMMARY:" + "资助" * 40  # 8 + 240 octets
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line  # unfolding gives it back


def test_calendar_parses_back_with_all_day_events():
    events = [Event("org/g1@grant-matcher", date(2027, 3, 31), "截止：乡村儿童阅读, 资助; 计划\\",
                    "资助方：爱阅公益\n" + "很长的说明" * 30, "https://example.org/orgs/x#g-g1")]
    text = write_calendar(events, name="测试", stamp=datetime(2026, 11, 28, 8, 0, tzinfo=timezone.utc))
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    (ev,) = cal.walk("VEVENT")
    assert ev.decoded("DTSTART") == date(2027, 3, 31) and ev.decoded("DTEND") == date(2027, 4, 1)
    assert str(ev["SUMMARY"]) == "截止：乡村儿童阅读, 资助; 计划\\"
    assert str(ev["DESCRIPTION"]).startswith("资助方：爱阅公益\n很长的说明")
    assert str(ev["UID"]) == "org/g1@grant-matcher" and "DTSTAMP" in ev
    assert "VALUE=DATE" in text.split("DTSTART")[1].split(":")[0]


def _set_deadline(client, grant_id: str, day: str):
    """Staff learn a deadline and edit the programme (the bundled newsletter states none)."""
    from matcher.io import grant_cells
    from webapp.state import current

    h = {"X-CSRF-Token": client.get("/api/session").get_json()["csrf_token"]}
    st = current(client.application)
    r = client.put(f"/api/grants/{grant_id}", json={**grant_cells(st.matcher.grant(grant_id)), "deadline": day}, headers=h)
    assert r.status_code == 200 and r.get_json()["fields"] == ["deadline"]


def test_org_calendar_lists_top_matches_and_tracked_programmes(app, client):
    staff = logged_in(app, app.test_client())
    _set_deadline(staff, "xiangcun-yuedu", "2027-03-31")
    _set_deadline(staff, "weilanxia", "2027-05-15")
    # weilanxia is tracked for yinghuo though not among its top 3
    top3 = [m["grant_id"] for m in staff.get("/api/orgs/yinghuo/matches?top=3").get_json()["matches"]]
    assert "weilanxia" not in top3 and "xiangcun-yuedu" in top3
    staff.post("/orgs/yinghuo/tracker", data={"grant_id": "weilanxia", "status": "计划申请", "note": "",
                                              "csrf_token": csrf(staff, "/orgs/yinghuo")})
    r = staff.get("/orgs/yinghuo/deadlines.ics?top=3")
    assert r.status_code == 200 and r.mimetype == "text/calendar" and "charset=utf-8" in r.content_type
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(r.data).walk("VEVENT")}
    assert set(events) == {"yinghuo/xiangcun-yuedu@grant-matcher", "yinghuo/weilanxia@grant-matcher"}
    tracked = events["yinghuo/weilanxia@grant-matcher"]
    assert "跟踪状态：计划申请" in str(tracked["DESCRIPTION"]) and "资讯可能已过期，请核实" in str(tracked["DESCRIPTION"])
    assert str(tracked["URL"]).endswith("/orgs/yinghuo#g-weilanxia")
    # the same UID on every download: a subscribed calendar updates in place
    again = icalendar.Calendar.from_ical(staff.get("/orgs/yinghuo/deadlines.ics?top=3").data)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)
    # anonymous visitors see no tracker marks: neither the status nor the tracked-only programme
    anon = client.get("/orgs/yinghuo/deadlines.ics?top=3")
    uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(anon.data).walk("VEVENT")}
    assert uids == {"yinghuo/xiangcun-yuedu@grant-matcher"} and "计划申请".encode() not in anon.data
    # staff: every tracked programme of every organization; anonymous: 302 to the login page
    r = staff.get("/deadlines.ics")
    assert [str(e["UID"]) for e in icalendar.Calendar.from_ical(r.data).walk("VEVENT")] == ["yinghuo/weilanxia@grant-matcher"]
    assert client.get("/deadlines.ics").status_code == 302
    assert client.get("/orgs/nobody/deadlines.ics").status_code == 404
