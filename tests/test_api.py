"""The JSON API: shapes, validation at the boundary, JSON errors, never a stack trace."""

from __future__ import annotations

import json

import pytest
from conftest import add_staff, login

MATCH_KEYS = {"rank", "grant_id", "grant_name", "funder", "url", "page", "score", "fit", "parts", "eligibility", "expired",
              "deadline", "reasons", "conditions", "next_step", "next_window", "updated", "info_note"}


def test_orgs(client, orgs):
    r = client.get("/api/orgs")
    assert r.status_code == 200 and r.is_json
    body = r.get_json()
    assert [o["org_id"] for o in body["orgs"]] == [o.org_id for o in orgs]
    assert body["orgs"][0]["name"] == "秦皇岛市萤火社会工作服务中心"


def test_org_matches_shape_and_same_ranking_as_the_library(client, matcher, orgs):
    from conftest import AS_OF

    from matcher.rank import recommend

    r = client.get("/api/orgs/yinghuo/matches?top=4")
    body = r.get_json()
    assert body["org_id"] == "yinghuo" and len(body["matches"]) == 4
    m = body["matches"][0]
    assert set(m) == MATCH_KEYS
    assert set(m["reasons"][0]) == {"term", "weight", "feature"}
    assert set(m["conditions"][0]) == {"kind", "status", "explanation", "evidence"}
    want = recommend(matcher, next(o for o in orgs if o.org_id == "yinghuo"), top=4, as_of=AS_OF)
    assert [(x["grant_id"], x["score"]) for x in body["matches"]] == [(w.grant.grant_id, w.score) for w in want]
    # each feature's part of the score, every feature named; the parts add up to the score
    for x, w in zip(body["matches"], want, strict=True):
        assert set(x["parts"]) == {"word", "concept", "stage", "open"} and x["parts"] == {**x["parts"], **dict(w.parts)}
        assert abs(sum(x["parts"].values()) - x["score"]) < 1e-3
        assert [r["feature"] for r in x["reasons"]] == [r.feature for r in w.reasons]


def test_raw_json_is_utf8_not_escaped(client, matcher, orgs):
    from conftest import AS_OF

    from matcher.rank import recommend

    raw = client.get("/api/orgs/yinghuo/matches?top=1").get_data()
    (first,) = recommend(matcher, next(o for o in orgs if o.org_id == "yinghuo"), top=1, as_of=AS_OF)
    assert first.grant.name.encode() in raw
    assert raw.index(b'"org_id"') < raw.index(b'"matches"')


@pytest.mark.parametrize("top", ["0", "x", "-1", "1000", "1.5"])
def test_bad_top_is_400_json(client, top):
    r = client.get(f"/api/orgs/yinghuo/matches?top={top}")
    assert r.status_code == 400 and "top" in r.get_json()["error"]


def test_unknown_ids_are_404_json(client):
    for url in ("/api/orgs/nobody/matches", "/api/grants/nothing/orgs", "/api/nowhere"):
        r = client.get(url)
        assert r.status_code == 404 and r.is_json and r.get_json()["error"], url


def test_wrong_method_is_405_json(client):
    r = client.delete("/api/orgs")
    assert r.status_code == 405 and r.is_json


def test_grants_and_reverse_matching(client, grants):
    body = client.get("/api/grants").get_json()
    assert [g["grant_id"] for g in body["grants"]] == [g.grant_id for g in grants]
    assert {"updated", "deadline", "expired", "funder"} <= set(body["grants"][0])
    fits = client.get("/api/grants/xiangcun-yuedu/orgs?top=3").get_json()
    assert fits["grant_id"] == "xiangcun-yuedu" and len(fits["orgs"]) == 3
    assert fits["orgs"][0]["org_id"] == "yinghuo"
    assert {"rank", "org_id", "org_name", "score", "fit", "eligibility", "reasons", "conditions"} == set(fits["orgs"][0])


# -- POST /api/match -------------------------------------------------------------------


def test_adhoc_match(client):
    r = client.post("/api/match", json={"name": "测试", "profile": "我们为农村留守儿童开展阅读活动", "founded_year": 2015,
                                        "legal_form": "民办非企业单位", "stage": "成长期", "fields": ["儿童", "阅读"],
                                        "fulltime_staff": 2, "women_led": "否", "city": "石家庄", "top": 3})
    assert r.status_code == 200
    body = r.get_json()
    assert body["org_id"] is None and len(body["matches"]) == 3
    assert body["matches"][0]["grant_id"] == "xiangcun-yuedu"
    assert set(body["matches"][0]) == MATCH_KEYS
    # with the founding year and staff given, the registration and staff conditions are met
    statuses = {c["kind"]: c["status"] for c in body["matches"][0]["conditions"]}
    assert statuses["min_years"] == "met" and statuses["has_staff"] == "met"


def test_adhoc_match_accepts_a_bool_for_women_led(client):
    r = client.post("/api/match", json={"profile": "妇女儿童", "women_led": True})
    assert r.status_code == 200


@pytest.mark.parametrize("body, word", [
    ({}, "机构介绍"),
    ({"profile": ""}, "机构介绍"),
    ({"profile": 5}, "机构介绍应为文字"),
    ({"profile": ["a"]}, "机构介绍应为文字"),
    ({"profile": "x" * 20_001}, "不能超过"),
    ({"profile": "儿童", "name": "x" * 201}, "机构名称"),
    ({"profile": "儿童", "founded_year": "2015"}, "成立年份应为整数"),
    ({"profile": "儿童", "founded_year": 1800}, "成立年份应在"),
    ({"profile": "儿童", "founded_year": 3000}, "成立年份应在"),
    ({"profile": "儿童", "founded_year": True}, "成立年份应为整数"),
    ({"profile": "儿童", "fulltime_staff": -1}, "专职人数应在"),
    ({"profile": "儿童", "legal_form": "公司化"}, "登记形式"),
    ({"profile": "儿童", "stage": "老年期"}, "发展阶段"),
    ({"profile": "儿童", "women_led": "maybe"}, "女性主导"),
    ({"profile": "儿童", "women_led": 1}, "女性主导"),
    ({"profile": "儿童", "fields": [1, 2]}, "服务领域"),
    ({"profile": "儿童", "top": 0}, "top"),
    ({"profile": "儿童", "top": "3"}, "top"),
    ({"profile": "儿童", "colour": "red"}, "未知的字段"),
])
def test_adhoc_match_validates_the_body(client, body, word):
    r = client.post("/api/match", json=body)
    assert r.status_code == 400 and r.is_json
    assert word in r.get_json()["error"]


@pytest.mark.parametrize("raw", [b"{", b"[1, 2]", b'"text"', b"\xff\xfe", b"null", b""])
def test_malformed_json_is_400(client, raw):
    r = client.post("/api/match", data=raw, content_type="application/json")
    assert r.status_code == 400 and r.is_json and r.get_json()["error"]


def test_too_large_body_is_413_json(client):
    r = client.post("/api/match", data=json.dumps({"profile": "儿" * 70_000}), content_type="application/json")
    assert r.status_code == 413 and "过大" in r.get_json()["error"]


def test_unexpected_errors_are_500_json_without_a_traceback(app, client, monkeypatch):
    import webapp.api

    def boom(*a, **k):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(webapp.api, "match_json", boom)  # the stored rankings are read, then shaped
    r = client.get("/api/orgs/yinghuo/matches")
    assert r.status_code == 500 and r.is_json
    assert "secret" not in r.get_data(as_text=True) and "Traceback" not in r.get_data(as_text=True)


# -- tracker over the API ---------------------------------------------------------------


def test_tracker_write_needs_login(app, client):
    r = client.post("/api/orgs/yinghuo/tracker", json={"grant_id": "qiaopan", "status": "感兴趣", "note": ""})
    assert r.status_code == 401 and r.is_json
    add_staff(app)
    login(client)
    assert client.get("/api/orgs/yinghuo/tracker").get_json()["entries"] == []


def _token(client) -> str:
    return client.get("/api/session").get_json()["csrf_token"]


def test_tracker_write_needs_the_csrf_header(app, client):
    add_staff(app)
    login(client)
    r = client.post("/api/orgs/yinghuo/tracker", json={"grant_id": "qiaopan", "status": "感兴趣"})
    assert r.status_code == 400 and "安全令牌" in r.get_json()["error"]
    r = client.post("/api/orgs/yinghuo/tracker", json={"grant_id": "qiaopan", "status": "感兴趣"},
                    headers={"X-CSRF-Token": "forged"})
    assert r.status_code == 400


def test_tracker_write_and_read_back(app, client):
    add_staff(app)
    login(client)
    assert client.get("/api/session").get_json()["user"] == "staff"
    h = {"X-CSRF-Token": _token(client)}
    r = client.post("/api/orgs/yinghuo/tracker", json={"grant_id": "qiaopan", "status": "计划申请", "note": "九月前"},
                    headers=h)
    assert r.status_code == 201 and r.get_json()["status"] == "计划申请"
    client.post("/api/orgs/yinghuo/tracker", json={"grant_id": "qiaopan", "status": "已申请", "note": "已提交"}, headers=h)
    body = client.get("/api/orgs/yinghuo/tracker").get_json()
    assert [(e["grant_id"], e["status"], e["note"], e["updated_by"]) for e in body["entries"]] == [
        ("qiaopan", "已申请", "已提交", "staff")]
    assert [e["status"] for e in body["history"]] == ["计划申请", "已申请"]


@pytest.mark.parametrize("body, status", [
    ({"grant_id": "qiaopan", "status": "随便"}, 400),
    ({"grant_id": "qiaopan", "status": "感兴趣", "note": 5}, 400),
    ({"grant_id": "qiaopan", "status": "感兴趣", "note": "长" * 2001}, 400),
    ({"grant_id": 7, "status": "感兴趣"}, 400),
    ({"grant_id": "nothing", "status": "感兴趣"}, 404),
])
def test_tracker_write_is_validated(app, client, body, status):
    add_staff(app)
    login(client)
    r = client.post("/api/orgs/yinghuo/tracker", json=body, headers={"X-CSRF-Token": _token(client)})
    assert r.status_code == status and r.is_json
    assert client.get("/api/orgs/yinghuo/tracker").get_json()["entries"] == []


def test_tracker_write_for_unknown_org_is_404(app, client):
    add_staff(app)
    login(client)
    r = client.post("/api/orgs/nobody/tracker", json={"grant_id": "qiaopan", "status": "感兴趣"},
                    headers={"X-CSRF-Token": _token(client)})
    assert r.status_code == 404


@pytest.mark.parametrize("raw", [b"[" * 5000, b'{"profile": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"])
def test_deeply_nested_json_is_400_and_logs_nothing(client, caplog, raw):
    import logging

    with caplog.at_level(logging.INFO, logger="webapp"):
        r = client.post("/api/match", data=raw[:60_000], content_type="application/json")
    assert r.status_code == 400 and r.is_json and "JSON" in r.get_json()["error"]
    assert [rec for rec in caplog.records if rec.levelno >= logging.WARNING] == []


class _Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readlines = read


@pytest.mark.parametrize(("method", "url", "limit"), [
    ("POST", "/api/match", "64 KB"), ("POST", "/login", "256 KB"), ("POST", "/match", "256 KB"),
    ("POST", "/admin/data/preview", "8 MB"), ("GET", "/", "256 KB"),
])
def test_oversized_bodies_are_413_before_a_byte_is_read(app, client, method, url, limit):
    add_staff(app)
    login(client)
    r = client.open(url, method=method, content_type="application/x-www-form-urlencoded",
                    environ_overrides={"wsgi.input": _Unreadable(), "CONTENT_LENGTH": str(200 * 2**20)})
    assert r.status_code == 413
    assert f"上限 {limit}" in r.get_data(as_text=True)
    if url.startswith("/api/"):
        assert r.is_json
