"""What a probe of the running server found (issue 12), checked against the real ``grant-matcher serve``."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import stat
import threading
import urllib.parse

from test_server import PASSWORD, Client, add_user, running_server, staff_session


def _form(c: Client, path: str, fields: dict, headers: dict | None = None):
    body = urllib.parse.urlencode(fields).encode()
    return c.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})


def _tracker_write(c: Client, token: str) -> int:
    body = b'{"grant_id": "qiaopan", "status": "\\u611f\\u5174\\u8da3", "note": "replayed"}'
    return c.request("POST", "/api/orgs/yinghuo/tracker", body,
                     {"Content-Type": "application/json", "X-CSRF-Token": token})[0]


# -- case 2: a session ends for every copy of its cookie ----------------------------------


def test_logout_and_password_change_end_every_copy_of_the_session(tmp_path, model_file):
    instance = tmp_path / "inst"
    add_user(instance)
    with running_server(instance, model_file) as base:
        cookie, token = staff_session(base)
        copy = Client(base, cookie)  # what a thief kept
        assert copy.request("GET", "/admin/data")[0] == 200
        owner = Client(base, cookie)
        assert _form(owner, "/logout", {"csrf_token": token})[0] == 302
        owner.close()
        copy.cookie = cookie  # replay the very cookie, whatever the server sent since
        status, _ = copy.request("GET", "/admin/data")
        assert status == 302
        copy.cookie = cookie
        assert _tracker_write(copy, token) == 401
        copy.close()

        cookie, token = staff_session(base)
        add_user(instance, password="a brand new password")  # `grant-matcher add-user staff` changes it
        c = Client(base, cookie)
        assert c.request("GET", "/admin/data")[0] == 302
        c.cookie = cookie
        assert _tracker_write(c, token) == 401
        c.close()
        # the new password works, the old one no longer does
        c = Client(base)
        page = c.request("GET", "/login")[1]
        csrf = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
        assert _form(c, "/login", {"username": "staff", "password": PASSWORD, "csrf_token": csrf})[0] == 401
        assert _form(c, "/login", {"username": "staff", "password": "a brand new password", "csrf_token": csrf})[0] == 302
        c.close()


# -- case 3: JSON nested past the parser's depth --------------------------------------


def test_deeply_nested_json_is_a_400_json_and_no_traceback_is_logged(tmp_path, model_file):
    output: list[str] = []
    with running_server(tmp_path / "inst", model_file, output=output) as base:
        c = Client(base)
        for _ in range(3):
            status, body = c.request("POST", "/api/match", b"[" * 5000, {"Content-Type": "application/json"})
            assert status == 400 and "JSON" in json.loads(body)["error"]
        assert c.request("GET", "/api/orgs")[0] == 200
        c.close()
    assert not any("Traceback" in line or "Error" in line for line in output), "".join(output)


# -- case 6: an oversized body is refused before it is read ------------------------------


def _send_head_then_wait(base: str, method: str, path: str, length: int, sent: int = 64 * 1024,
                         headers: str = "") -> bytes:
    """Announce ``length`` bytes, send only ``sent`` of them, then read what the server answers."""
    u = urllib.parse.urlsplit(base)
    with socket.create_connection((u.hostname, u.port), timeout=30) as s:
        head = (f"{method} {path} HTTP/1.1\r\nHost: {u.netloc}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {length}\r\n{headers}\r\n")
        s.sendall(head.encode() + b"x" * sent)
        # a server that waits for the other 200 MB never answers: the read times out and the test fails
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


def test_oversized_bodies_get_413_from_the_server_without_being_read(tmp_path, model_file):
    add_user(tmp_path / "inst")
    with running_server(tmp_path / "inst", model_file) as base:
        cookie, _ = staff_session(base)
        for path, extra in (("/api/match", ""), ("/login", ""), ("/admin/data/preview", f"Cookie: {cookie}\r\n")):
            answer = _send_head_then_wait(base, "POST", path, 200 * 2**20, headers=extra)
            assert answer.startswith(b"HTTP/1.1 413 "), (path, answer[:200])
        # under the server's limit, over the endpoint's: the app answers 413 from the declared length
        c = Client(base)
        status, body = c.request("POST", "/api/match", b"{" + b" " * 100_000 + b"}", {"Content-Type": "application/json"})
        assert status == 413 and "64 KB" in json.loads(body)["error"]
        status, body = c.request("POST", "/login", b"a=" + b"b" * 300_000,
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 413
        assert c.request("GET", "/api/orgs")[0] == 200  # and the server is fine
        c.close()


# -- case 7: login throttling per (user, address) and per address, without races ------------------


def _login_form(c: Client) -> str:
    page = c.request("GET", "/login")[1]
    return re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()


def test_parallel_guesses_get_five_tries_and_lock_no_one_else(tmp_path, model_file):
    add_user(tmp_path / "inst")
    with running_server(tmp_path / "inst", model_file) as base:
        attacker = Client(base, source="127.0.0.3")
        token, cookie = _login_form(attacker), attacker.cookie
        attacker.close()
        statuses: list[int] = []
        start = threading.Barrier(12)

        def guess(i: int) -> None:
            c = Client(base, cookie, source="127.0.0.3")
            start.wait()
            statuses.append(_form(c, "/login", {"username": "staff", "password": f"guess {i}", "csrf_token": token})[0])
            c.close()

        threads = [threading.Thread(target=guess, args=(i,)) for i in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(statuses) == [401] * 5 + [429] * 7  # five guesses, however many arrive at once
        c = Client(base, cookie, source="127.0.0.3")
        assert _form(c, "/login", {"username": "staff", "password": PASSWORD, "csrf_token": token})[0] == 429
        c.close()
        # the account itself is not locked: staff elsewhere log in
        colleague = Client(base, source="127.0.0.1")
        token = _login_form(colleague)
        assert _form(colleague, "/login", {"username": "staff", "password": PASSWORD, "csrf_token": token})[0] == 302
        colleague.close()


# -- case 8: files 0600, folders 0700 ------------------------------------------------------


def test_instance_written_by_add_user_and_serve_is_private(tmp_path, model_file):
    instance = tmp_path / "inst"
    old_umask = os.umask(0o022)  # children inherit it: what is not set explicitly would be 0644 / 0755
    try:
        add_user(instance)
        with running_server(instance, model_file) as base:
            cookie, token = staff_session(base)
            c = Client(base, cookie)
            assert _tracker_write(c, token) == 201
            c.close()
            during = {str(p.relative_to(instance)): (p.is_dir(), stat.S_IMODE(p.stat().st_mode))
                      for p in instance.rglob("*")}
    finally:
        os.umask(old_umask)
    assert {"tracker.sqlite", "secret_key"} <= set(during)
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    assert {name: oct(mode) for name, (is_dir, mode) in during.items() if mode != (0o700 if is_dir else 0o600)} == {}


# -- case 9: tracker notes and staff names are staff data -----------------------------------


def test_tracker_notes_are_staff_only_unless_served_with_public_notes(tmp_path, model_file):
    instance = tmp_path / "inst"
    add_user(instance)
    note = "理事长说九月再联系"
    for flags, public in (((), False), (("--public-notes",), True)):
        with running_server(instance, model_file, *flags) as base:
            cookie, token = staff_session(base)
            staff = Client(base, cookie)
            body = json.dumps({"grant_id": "qiaopan", "status": "计划申请", "note": note}).encode()
            assert staff.request("POST", "/api/orgs/yinghuo/tracker", body,
                                 {"Content-Type": "application/json", "X-CSRF-Token": token})[0] == 201
            assert note in staff.request("GET", "/orgs/yinghuo/advice")[1].decode()
            staff.close()
            anonymous = Client(base)
            status, data = anonymous.request("GET", "/api/orgs/yinghuo/tracker")
            assert status == (200 if public else 401)
            assert (note.encode() in data) is public and (b'"staff"' in data) is public
            for path, shown in (("/orgs/yinghuo/advice", note), ("/orgs/yinghuo", note),
                                ("/overview", '<span class="mark">计划申请</span>')):
                page = anonymous.request("GET", path)[1].decode()
                assert (shown in page) is public, (path, public)
            anonymous.close()


# -- case 10: nothing a staff member receives is stored by a cache -----------------------------


def test_staff_responses_and_downloads_are_no_store(tmp_path, model_file):
    add_user(tmp_path / "inst")
    with running_server(tmp_path / "inst", model_file) as base:
        cookie, _ = staff_session(base)
        u = urllib.parse.urlsplit(base)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        for path in ("/report.csv", "/report.xlsx", "/orgs/yinghuo/report.csv", "/orgs/yinghuo/report.xlsx",
                     "/orgs/yinghuo", "/orgs/yinghuo/advice", "/admin/data", "/api/orgs/yinghuo/tracker",
                     "/api/orgs/yinghuo/matches", "/api/session"):
            conn.request("GET", path, headers={"Cookie": cookie})
            r = conn.getresponse()
            r.read()
            assert r.status == 200 and r.getheader("Cache-Control") == "no-store", (path, r.getheader("Cache-Control"))
        conn.request("GET", "/api/session")  # anonymous, but it hands out a CSRF token
        r = conn.getresponse()
        r.read()
        assert r.getheader("Cache-Control") == "no-store"
        conn.close()


# -- case 11: redirects name no host ------------------------------------------------------------


def test_redirects_are_relative_whatever_the_host_header(tmp_path, model_file):
    add_user(tmp_path / "inst")
    with running_server(tmp_path / "inst", model_file) as base:
        u = urllib.parse.urlsplit(base)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)

        def location(method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> str:
            conn.request(method, path, body=body, headers={"Host": "evil.example", **(headers or {})})
            r = conn.getresponse()
            r.read()
            assert 300 <= r.status < 400, (path, r.status)
            return r.getheader("Location")

        seen = [location("GET", "/orgs//yinghuo"), location("GET", "/grants//qiaopan?x=1"), location("GET", "/api//orgs"),
                location("GET", "/admin/data")]
        c = Client(base)
        token = re.search(rb'name="csrf_token" value="([^"]+)"', c.request("GET", "/login")[1]).group(1).decode()
        form = urllib.parse.urlencode({"username": "staff", "password": PASSWORD, "csrf_token": token,
                                       "next": "/orgs/yinghuo"}).encode()
        seen.append(location("POST", "/login", form, {"Cookie": c.cookie,
                                                      "Content-Type": "application/x-www-form-urlencoded"}))
        c.close()
        conn.close()
    assert seen[:2] == ["/orgs/yinghuo", "/grants/qiaopan?x=1"] and seen[-1] == "/orgs/yinghuo"
    for loc in seen:
        assert "evil.example" not in loc and loc.startswith("/") and not loc.startswith(("//", "/\\")), loc
