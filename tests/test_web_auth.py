"""Staff login, throttling, private mode and the tracker forms."""

from __future__ import annotations

import pytest
from conftest import AS_OF, PASSWORD, add_staff, csrf, login, text


def test_login_page_and_logout(app, client):
    add_staff(app)
    assert client.get("/login").status_code == 200
    r = login(client)
    assert r.status_code == 302 and r.headers["Location"] == "/"
    assert "退出（staff）" in text(client.get("/"))
    r = client.post("/logout", data={"csrf_token": csrf(client, "/")})
    assert r.status_code == 302
    assert "员工登录" in text(client.get("/"))


def test_login_redirects_only_within_the_site(app, client):
    add_staff(app)
    token = csrf(client)
    for target, want in (("/orgs/yinghuo", "/orgs/yinghuo"), ("https://evil.example/", "/"), ("//evil.example", "/"),
                         ("/\\evil.example", "/"), ("/\r\nSet-Cookie: session=x", "/"), ("/\nX-Evil: 1", "/"),
                         ("/\t/evil.example", "/"), ("/orgs/yinghuo\x00", "/"), ("/orgs/yinghuo\x7f", "/")):
        r = client.post("/login", data={"username": "staff", "password": PASSWORD, "csrf_token": token, "next": target})
        assert r.status_code == 302 and r.headers["Location"] == want, repr(target)
        assert "Set-Cookie: session=x" not in str(r.headers) and "X-Evil" not in r.headers
        token = csrf(client)


def test_wrong_password_is_refused(app, client):
    add_staff(app)
    r = login(client, password="wrong password")
    assert r.status_code == 401 and "用户名或密码不正确" in text(r)
    r = login(client, name="nobody")
    assert r.status_code == 401


def test_login_needs_the_csrf_token(app, client):
    add_staff(app)
    r = client.post("/login", data={"username": "staff", "password": PASSWORD})
    assert r.status_code == 400


def test_repeated_failures_lock_the_account_for_a_while(app, client):
    add_staff(app)
    app.config.update(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_SECONDS=60)
    for _ in range(3):
        assert login(client, password="nope nope").status_code == 401
    r = login(client)  # right password, but locked
    assert r.status_code == 429 and "秒后再试" in text(r)
    assert "/" != r.headers.get("Location")
    from webapp.db import connect, db_path

    conn = connect(db_path(app))
    conn.execute("UPDATE login_failures SET locked_until = 0")
    conn.close()
    assert login(client).status_code == 302


def test_lockout_grows_with_each_failure(app, client):
    from webapp.db import connect, db_path

    app.config.update(LOGIN_MAX_FAILURES=2, LOGIN_LOCKOUT_SECONDS=10)
    login(client, name="ghost", password="x")
    login(client, name="ghost", password="x")
    conn = connect(db_path(app))
    first = conn.execute("SELECT locked_until - last_failure FROM login_failures WHERE key = 'pair:ghost|127.0.0.1'").fetchone()[0]
    conn.execute("UPDATE login_failures SET locked_until = 0")
    conn.close()
    login(client, name="ghost", password="x")
    conn = connect(db_path(app))
    second = conn.execute("SELECT locked_until - last_failure FROM login_failures WHERE key = 'pair:ghost|127.0.0.1'").fetchone()[0]
    conn.close()
    assert first == pytest.approx(10) and second == pytest.approx(20)


# -- tracker forms ------------------------------------------------------------------------


def _mark(client, status: str, note: str = "", grant_id: str = "xiangcun-yuedu", **extra):
    data = {"grant_id": grant_id, "status": status, "note": note, "csrf_token": csrf(client, "/orgs/yinghuo"), **extra}
    return client.post("/orgs/yinghuo/tracker", data=data)


def test_anonymous_tracker_form_redirects_to_login_and_changes_nothing(app, client):
    r = client.post("/orgs/yinghuo/tracker", data={"grant_id": "xiangcun-yuedu", "status": "感兴趣"})
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    assert "员工登录</a>后可记录跟踪状态" in text(client.get("/orgs/yinghuo"))
    add_staff(app)
    login(client)
    assert client.get("/api/orgs/yinghuo/tracker").get_json()["entries"] == []


def test_staff_mark_shows_on_org_page_and_advice_sheet(staff_client):
    r = _mark(staff_client, "计划申请", "<b>九月</b>前提交", top="5")
    assert r.status_code == 302 and r.headers["Location"] == "/orgs/yinghuo?top=5#g-xiangcun-yuedu"
    html = text(staff_client.get("/orgs/yinghuo"))
    assert "跟踪：<strong>计划申请</strong> — &lt;b&gt;九月&lt;/b&gt;前提交" in html
    advice = text(staff_client.get("/orgs/yinghuo/advice"))
    assert "计划申请" in advice and "&lt;b&gt;九月&lt;/b&gt;前提交" in advice
    assert "计划申请" in text(staff_client.get("/overview"))


def test_rejected_programmes_are_hidden_unless_asked(staff_client):
    assert 'id="g-xiangcun-yuedu"' in text(staff_client.get("/orgs/yinghuo"))
    _mark(staff_client, "不合适", "只做城市社区")
    assert 'id="g-xiangcun-yuedu"' not in text(staff_client.get("/orgs/yinghuo"))
    assert 'id="g-xiangcun-yuedu"' in text(staff_client.get("/orgs/yinghuo?show_rejected=1"))
    home = text(staff_client.get("/")).split('class="card org-card"')[1]
    assert "乡村儿童阅读资助项目" not in home
    assert "乡村儿童阅读资助项目" not in text(staff_client.get("/orgs/yinghuo/advice")).split("跟踪记录")[0]


def test_bad_status_is_flashed_and_nothing_changes(staff_client):
    r = _mark(staff_client, "随便")
    assert r.status_code == 302
    html = text(staff_client.get("/orgs/yinghuo"))
    assert "状态应为以下之一" in html
    assert staff_client.get("/api/orgs/yinghuo/tracker").get_json()["entries"] == []


def test_tracker_form_for_unknown_grant_is_404(staff_client):
    assert _mark(staff_client, "感兴趣", grant_id="nothing").status_code == 404


def test_tracker_survives_a_restart(tmp_path, matcher):
    from webapp import create_app

    cfg = {"TESTING": True, "MATCHER": matcher, "AS_OF": AS_OF.isoformat(), "SECRET_KEY": "t"}
    first = create_app(cfg, instance_path=str(tmp_path / "inst"))
    add_staff(first)
    c = first.test_client()
    login(c)
    _mark(c, "获资助", "拿到了")
    second = create_app(cfg, instance_path=str(tmp_path / "inst"))
    c = second.test_client()
    login(c)
    entries = c.get("/api/orgs/yinghuo/tracker").get_json()["entries"]
    assert [(e["status"], e["note"]) for e in entries] == [("获资助", "拿到了")]
    assert (tmp_path / "inst" / "tracker.sqlite").exists()


def test_tracker_db_path_is_configurable_and_in_wal_mode(tmp_path, matcher):
    from webapp import create_app
    from webapp.db import connect

    db = tmp_path / "elsewhere.sqlite"
    create_app({"TESTING": True, "MATCHER": matcher, "TRACKER_DB": str(db), "SECRET_KEY": "t"},
               instance_path=str(tmp_path / "inst"))
    conn = connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


# -- who sees tracker marks ------------------------------------------------------------------


def _marked(app, client):
    add_staff(app, "wangfang")
    login(client, "wangfang")
    r = _mark(client, "不合适", "理事长说今年不申请")
    assert r.status_code == 302
    client.post("/logout", data={"csrf_token": csrf(client, "/")})


STAFF_DATA = ("理事长说今年不申请", "wangfang", 'class="tracker-entry"', '<span class="mark">', "跟踪：<strong>")


def test_tracker_marks_notes_and_staff_names_are_for_staff_only(app, client):
    _marked(app, client)
    r = client.get("/api/orgs/yinghuo/tracker")
    assert r.status_code == 401 and r.is_json and "理事长" not in r.get_data(as_text=True)
    for url in ("/orgs/yinghuo", "/orgs/yinghuo/advice", "/overview", "/"):
        html = text(client.get(url))
        assert not [s for s in STAFF_DATA if s in html], url
    # the mark does not show through either: the rejected programme is listed as for anyone
    assert 'id="g-xiangcun-yuedu"' in text(client.get("/orgs/yinghuo"))
    login(client, "wangfang")
    assert client.get("/api/orgs/yinghuo/tracker").get_json()["entries"][0]["updated_by"] == "wangfang"
    assert all(s in text(client.get("/orgs/yinghuo/advice")) for s in ("理事长说今年不申请", "不合适"))


def test_public_notes_shows_them_to_everyone(tmp_path, matcher):
    from conftest import make_app

    app = make_app(tmp_path, matcher, PUBLIC_NOTES=True)
    client = app.test_client()
    _marked(app, client)
    body = client.get("/api/orgs/yinghuo/tracker").get_json()
    assert [(e["status"], e["note"], e["updated_by"]) for e in body["entries"]] == [("不合适", "理事长说今年不申请", "wangfang")]
    assert "理事长说今年不申请" in text(client.get("/orgs/yinghuo?show_rejected=1"))
    assert "理事长说今年不申请" in text(client.get("/orgs/yinghuo/advice"))


# -- private mode ---------------------------------------------------------------------------


@pytest.fixture()
def private_app(tmp_path, matcher):
    from webapp import create_app

    return create_app({"TESTING": True, "MATCHER": matcher, "PRIVATE": True, "AS_OF": AS_OF.isoformat(),
                       "SECRET_KEY": "t"}, instance_path=str(tmp_path / "inst"))


def test_private_mode_puts_every_page_behind_the_login(private_app):
    c = private_app.test_client()
    for url in ("/", "/orgs/yinghuo", "/grants", "/overview", "/report.csv"):
        r = c.get(url)
        assert r.status_code == 302 and r.headers["Location"].startswith("/login"), url
    assert c.get("/api/orgs").status_code == 401
    assert c.get("/login").status_code == 200
    assert c.get("/static/style.css").status_code == 200
    add_staff(private_app)
    login(c)
    assert c.get("/").status_code == 200 and c.get("/api/orgs").status_code == 200


def test_open_mode_reading_needs_no_login(client):
    for url in ("/", "/orgs/yinghuo", "/grants", "/overview", "/api/orgs", "/report.csv"):
        assert client.get(url).status_code == 200, url


# -- the add-user command ---------------------------------------------------------------------


def test_add_user_reads_the_password_from_stdin(tmp_path, monkeypatch, capsys):
    import io

    from matcher.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("a good password\n"))
    assert main(["add-user", "wang", "--instance", str(tmp_path / "inst")]) == 0
    assert "已创建员工账号：wang" in capsys.readouterr().err
    from webapp.db import connect

    conn = connect(tmp_path / "inst" / "tracker.sqlite")
    row = conn.execute("SELECT password_hash FROM users WHERE username = 'wang'").fetchone()
    conn.close()
    assert row and "a good password" not in row[0]
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["add-user", "li", "--instance", str(tmp_path / "inst")]) == 2
    assert "密码至少" in capsys.readouterr().err


def test_add_user_asks_twice_at_a_terminal(tmp_path, monkeypatch, capsys):
    from matcher.cli import main

    class Tty:
        def isatty(self):
            return True

    answers = iter(["first password", "other password"])
    monkeypatch.setattr("sys.stdin", Tty())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["add-user", "zhao", "--instance", str(tmp_path / "inst")]) == 2
    assert "两次输入的密码不一致" in capsys.readouterr().err


def _attempt(client, name: str, password: str, address: str):
    token = csrf(client)
    return client.post("/login", data={"username": name, "password": password, "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address})


def test_a_strangers_failures_do_not_lock_the_account_for_others(app, client):
    add_staff(app)
    statuses = [_attempt(client, "staff", "guess guess", "203.0.113.9").status_code for _ in range(7)]
    assert statuses == [401] * 5 + [429] * 2
    assert _attempt(client, "staff", PASSWORD, "203.0.113.9").status_code == 429  # that address, that account
    assert _attempt(client, "staff", PASSWORD, "198.51.100.7").status_code == 302  # the colleague's office


def test_one_address_guessing_many_names_is_locked(app, client):
    add_staff(app)
    app.config.update(LOGIN_MAX_FAILURES_PER_ADDRESS=6)
    assert [_attempt(client, f"user{i}", "x", "203.0.113.9").status_code for i in range(7)] == [401] * 6 + [429]
    assert _attempt(client, "staff", PASSWORD, "203.0.113.9").status_code == 429
    assert _attempt(client, "staff", PASSWORD, "198.51.100.7").status_code == 302


def test_successful_logins_do_not_count_against_a_shared_address(app, client):
    add_staff(app)
    app.config.update(LOGIN_MAX_FAILURES_PER_ADDRESS=3)
    for _ in range(10):  # an office where everyone logs in through one address
        assert _attempt(client, "staff", PASSWORD, "192.0.2.1").status_code == 302
        client.post("/logout", data={"csrf_token": csrf(client, "/")})
    assert _attempt(client, "staff", "typo typo", "192.0.2.1").status_code == 401
    assert _attempt(client, "staff", PASSWORD, "192.0.2.1").status_code == 302


def test_failed_logins_hold_no_thread_asleep(tmp_path, matcher, monkeypatch):
    import time

    from conftest import make_app

    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    app = make_app(tmp_path, matcher, TESTING=False)  # production settings
    add_staff(app)
    client = app.test_client()
    assert [_attempt(client, "staff", "wrong wrong", "203.0.113.9").status_code for _ in range(6)] == [401] * 5 + [429]
    assert slept == []


def test_old_failures_are_forgiven(app, client):
    from webapp.db import connect, db_path

    app.config.update(LOGIN_MAX_FAILURES=2, LOGIN_LOCKOUT_SECONDS=10)
    login(client, name="ghost", password="x")
    conn = connect(db_path(app))
    conn.execute("UPDATE login_failures SET last_failure = last_failure - 7200")
    conn.close()
    login(client, name="ghost", password="x")
    conn = connect(db_path(app))
    rows = conn.execute("SELECT failures, locked_until FROM login_failures").fetchall()
    conn.close()
    assert all(r[0] == 1 and r[1] == 0 for r in rows)


def test_sessions_live_on_the_server_and_expire_there(app, staff_client):
    from webapp.db import connect, db_path

    with staff_client.session_transaction() as s:
        assert "sid" in s and "user" not in s  # the cookie names no user
    conn = connect(db_path(app))
    row = conn.execute("SELECT id_hash, username FROM sessions").fetchone()
    assert row["username"] == "staff" and row["id_hash"] != s["sid"]  # only a hash is stored
    conn.execute("UPDATE sessions SET expires_at = 0")
    conn.close()
    assert staff_client.get("/admin/data").status_code == 302
    with staff_client.session_transaction() as s:
        assert "sid" not in s
