"""The rankings store in the web app: computed once per data version, read by every page, updated in the background."""

from __future__ import annotations

import io
import re
import threading
from datetime import timedelta

import pytest
from conftest import AS_OF, DATA, csrf, logged_in, make_app, text

import webapp.rankstore

ORGS = (DATA / "orgs.csv").read_bytes()
GRANTS = (DATA / "grants.csv").read_bytes()
PAGES = ("/", "/?sort=score", "/overview", "/overview?k=10&hide_expired=1", "/orgs/yinghuo",
         "/orgs/yinghuo?top=50&category=儿童&hide_ineligible=1", "/orgs/yijiaqin/advice", "/api/orgs/yinghuo/matches?top=7",
         "/api/grants/xiangcun-yuedu/orgs", "/report.csv?top=3", "/orgs/yinghuo/report.xlsx")


def _served(app):
    return app.extensions["grant_matcher"]


def test_rankings_are_computed_once_when_data_is_loaded(app, client, orgs):
    client.get("/")
    st = _served(app)
    assert st.rankings is not None and st.rankings.org_ids == tuple(o.org_id for o in orgs)
    assert st.rankings.as_of == AS_OF
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    assert _served(app) is st  # nothing was ranked again


def test_pages_downloads_and_api_read_the_store_not_the_ranker(app, client, monkeypatch):
    client.get("/")  # the store is filled

    def boom(*a, **k):
        raise AssertionError("ranked on the fly")

    for name in ("recommend", "recommend_many"):
        monkeypatch.setattr(webapp.rankstore, name, boom)
    monkeypatch.setattr(webapp.rankstore, "rank_all", boom)
    for url in PAGES:
        assert client.get(url).status_code == 200, url


def _body(client, url: str) -> bytes:
    return re.sub(rb'name="csrf_token" value="[^"]+"', b"", client.get(url).get_data())  # one token per session


def test_what_the_store_shows_is_what_ranking_on_the_fly_shows(app, client, monkeypatch, tmp_path, matcher):
    client.get("/")
    # not the xlsx (zip timestamps), nor the sort by best score (needs every organization's rankings)
    stored = {url: _body(client, url) for url in PAGES if not url.endswith(".xlsx") and "sort=score" not in url}
    live_app = make_app(tmp_path / "live", matcher)
    monkeypatch.setattr(webapp.rankstore, "fresh", lambda st: None)  # as if the store were not ready
    live = live_app.test_client()
    for url, body in stored.items():
        assert _body(live, url) == body, url


def test_a_tracker_mark_filters_the_stored_list_and_does_not_rerank(app, client):
    logged_in(app, client)
    top = re.findall(r'href="/grants/([^"]+)"', text(client.get("/")).split('class="card org-card"')[1])[:3]
    before = _served(app)
    token = client.get("/api/session").get_json()["csrf_token"]
    r = client.post("/api/orgs/yinghuo/tracker", json={"grant_id": top[0], "status": "不合适"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 201
    after = re.findall(r'href="/grants/([^"]+)"', text(client.get("/")).split('class="card org-card"')[1])[:3]
    assert top[0] not in after and after[:2] == top[1:]
    assert _served(app) is before and _served(app).rankings is before.rankings


def test_a_new_day_ranks_again(app, client):
    client.get("/")
    first = _served(app).rankings
    app.config["AS_OF"] = (AS_OF + timedelta(days=400)).isoformat()  # deadlines pass, organizations age
    assert client.get("/orgs/yinghuo").status_code == 200
    assert _served(app).rankings is not first and _served(app).rankings.as_of == AS_OF + timedelta(days=400)


def _upload_and_confirm(client, kind: str, raw: bytes, filename: str):
    token = csrf(client, "/admin/data")
    html = text(client.post("/admin/data/preview", data={"kind": kind, "csrf_token": token,
                                                          "file": (io.BytesIO(raw), filename)},
                            content_type="multipart/form-data", follow_redirects=True))
    pending = re.search(r'name="token" value="([0-9a-f]+)"', html).group(1)
    return client.post("/admin/data/confirm", data={"kind": kind, "token": pending, "csrf_token": token})


def test_an_organizations_upload_ranks_only_the_changed_ones(app, client, monkeypatch):
    logged_in(app, client)
    client.get("/")
    before = _served(app).rankings
    calls = []
    real = webapp.rankstore.rank_all
    monkeypatch.setattr(webapp.rankstore, "rank_all", lambda *a, **k: calls.append(a) or real(*a, **k))
    edited = ORGS.decode("utf-8").replace("秦皇岛的社会工作服务机构", "唐山的养老服务机构", 1)
    _upload_and_confirm(client, "orgs", (edited + "neworg,新机构,我们关注社区老人\n").encode(), "orgs.csv")
    after = _served(app).rankings
    assert calls == []  # no full ranking: rerank of the edited and the new organization
    assert after.org_ids[-1] == "neworg" and "neworg" in text(client.get("/orgs/neworg"))
    same = [o for o in before.org_ids if o != "yinghuo"]
    for o in same:
        assert (after.grant_index[after.position(o)] == before.grant_index[before.position(o)]).all()


@pytest.fixture()
def background(tmp_path, matcher):
    """An app whose updates run in the worker thread, as under ``grant-matcher serve``."""
    app = make_app(tmp_path, matcher, RANKINGS_BACKGROUND=True)
    yield app
    assert webapp.rankstore.updater(app).wait(30)


def test_in_the_background_pages_work_before_the_rankings_are_ready(background, monkeypatch):
    gate = threading.Event()
    real = webapp.rankstore.rank_all

    def slow(*a, **k):
        assert gate.wait(30)
        return real(*a, **k)

    monkeypatch.setattr(webapp.rankstore, "rank_all", slow)
    client = background.test_client()
    for url in ("/", "/orgs/yinghuo", "/overview", "/api/orgs/yinghuo/matches"):
        assert client.get(url).status_code == 200, url  # ranked on the fly meanwhile
    status = client.get("/api/status").get_json()
    assert status["rankings"]["ready"] is False and status["updates"][0]["label"] == "计算推荐"
    assert "推荐仍在计算中" in text(client.get("/?sort=score"))
    gate.set()
    assert webapp.rankstore.updater(background).wait(30)
    assert client.get("/api/status").get_json()["rankings"]["ready"] is True
    assert _served(background).rankings is not None


def test_an_upload_is_ranked_in_the_background_while_the_previous_version_is_served(background, monkeypatch):
    staff = logged_in(background, background.test_client())
    staff.get("/")
    assert webapp.rankstore.updater(background).wait(30)
    old = _served(background)
    gate, reached = threading.Event(), threading.Event()
    real = webapp.rankstore.rank_all

    def slow(matcher, orgs, **kw):
        kw["progress"](3, len(orgs))
        reached.set()
        assert gate.wait(30)
        return real(matcher, orgs, **kw)

    monkeypatch.setattr(webapp.rankstore, "rank_all", slow)
    lines = GRANTS.decode("utf-8").splitlines()
    new = "\n".join([ln for ln in lines if not ln.startswith("weilanxia,")]) + "\n"
    r = _upload_and_confirm(staff, "grants", new.encode(), "grants.csv")
    assert r.status_code == 302
    assert reached.wait(30)  # the model is rebuilt, ranking has begun
    page = text(staff.get("/admin/data"))
    assert "正在后台重新计算推荐" in page and "已完成 3 / 6 家机构" in page and 'http-equiv="refresh"' in page
    assert "已完成 3 / 6 家机构" in text(staff.get("/orgs/yinghuo"))  # staff see progress on every page
    anonymous = background.test_client()
    assert "已完成" not in text(anonymous.get("/"))
    assert _served(background) is old  # the previous version, whole
    assert "weilanxia" in [g["grant_id"] for g in anonymous.get("/api/grants").get_json()["grants"]]
    gate.set()
    assert webapp.rankstore.updater(background).wait(30)
    served = _served(background)
    assert served is not old and served.rankings is not None and served.rankings.n_grants == 10
    assert "weilanxia" not in [g["grant_id"] for g in anonymous.get("/api/grants").get_json()["grants"]]
    assert "用时" in text(staff.get("/admin/data"))


def test_a_failed_update_keeps_the_previous_version_and_says_so(background, monkeypatch):
    staff = logged_in(background, background.test_client())
    staff.get("/")
    assert webapp.rankstore.updater(background).wait(30)
    old = _served(background)

    def broken(*a, **k):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(webapp.rankstore, "rank_all", broken)
    lines = GRANTS.decode("utf-8").splitlines()
    _upload_and_confirm(staff, "grants", ("\n".join(lines[:-1]) + "\n").encode(), "grants.csv")
    assert webapp.rankstore.updater(background).wait(30)
    assert _served(background) is old
    assert "失败：磁盘已满" in text(staff.get("/admin/data"))


def test_a_failed_first_ranking_is_not_retried_on_every_request(background, monkeypatch):
    calls = []

    def broken(*a, **k):
        calls.append(1)
        raise RuntimeError("内存不足")

    monkeypatch.setattr(webapp.rankstore, "rank_all", broken)
    client = logged_in(background, background.test_client())
    for _ in range(3):
        assert client.get("/orgs/yinghuo").status_code == 200  # ranked on the fly
        assert webapp.rankstore.updater(background).wait(30)
    assert calls == [1]
    assert "失败：内存不足" in text(client.get("/admin/data"))
