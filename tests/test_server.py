"""The real server (``grant-matcher serve``) under concurrent load: no errors, no lost writes, same rankings."""

from __future__ import annotations

import http.client
import json
import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load test password"
STARTED = re.compile(r"http://127\.0\.0\.1:(\d+)/")


def add_user(instance: Path, name: str = "staff", password: str = PASSWORD) -> None:
    """``grant-matcher add-user`` with the password fed through stdin (not a TTY)."""
    r = subprocess.run([sys.executable, "-m", "matcher", "add-user", name, "--instance", str(instance)],
                       input=password + "\n", capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr


@contextmanager
def running_server(instance: Path, model_file: Path, *extra: str, output: list[str] | None = None) -> Iterator[str]:
    """Start ``grant-matcher serve --port 0`` on 127.0.0.1; yield its base URL; stop it with Ctrl+C.

    ``output`` receives every line the server prints (complete once the block has ended).
    """
    cmd = [sys.executable, "-m", "matcher", "-q", "serve", "--host", "127.0.0.1", "--port", "0",
           "--instance", str(instance), "--model", str(model_file), "--threads", "8", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: queue.Queue[str] = queue.Queue()
    log = output if output is not None else []

    def pump() -> None:
        for x in proc.stdout:  # type: ignore[union-attr]
            log.append(x)
            lines.put(x)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    seen = []
    try:
        deadline = time.monotonic() + 60
        port = None
        while port is None:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError("server did not start: " + "".join(seen)) from None
            seen.append(line)
            m = STARTED.search(line)
            port = m.group(1) if m else None
            if time.monotonic() > deadline or proc.poll() is not None:
                raise AssertionError("server did not start: " + "".join(seen))
        yield f"http://127.0.0.1:{port}"
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
                raise AssertionError("server did not stop on Ctrl+C") from None
        reader.join(timeout=5)
    assert proc.returncode == 0, "".join(seen)  # reached only when the block itself succeeded


class Client:
    """One keep-alive HTTP connection with a session cookie."""

    def __init__(self, base: str, cookie: str = "", source: str | None = None) -> None:
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.cookie = cookie
        self.source = (source, 0) if source else None  # another loopback address, e.g. 127.0.0.2
        self.conn = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=30, source_address=self.source)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        h = {"Cookie": self.cookie} if self.cookie else {}
        h.update(headers or {})
        try:
            self.conn.request(method, path, body=body, headers=h)
            r = self.conn.getresponse()
            data = r.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = self._connect()
            raise
        for k, v in r.getheaders():
            if k.lower() == "set-cookie" and v.startswith("session="):
                self.cookie = v.split(";", 1)[0]
        return r.status, data

    def close(self) -> None:
        self.conn.close()


def staff_session(base: str) -> tuple[str, str]:
    """Log in through the form; return the session cookie and the CSRF token for API writes."""
    c = Client(base)
    status, page = c.request("GET", "/login")
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode({"username": "staff", "password": PASSWORD, "csrf_token": token}).encode()
    status, _ = c.request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 302
    status, body = c.request("GET", "/api/session")
    info = json.loads(body)
    assert info["user"] == "staff"
    c.close()
    return c.cookie, info["csrf_token"]


@pytest.mark.slow
def test_two_thousand_concurrent_requests_lose_nothing(tmp_path, model_file, grants, orgs):
    instance = tmp_path / "instance"
    add_user(instance)
    n_threads, per_thread = 20, 100
    with running_server(instance, model_file) as base:
        cookie, token = staff_session(base)
        org_ids = [o.org_id for o in orgs]
        grant_ids = [g.grant_id for g in grants]
        solo = Client(base, cookie)
        baseline = {o: json.loads(solo.request("GET", f"/api/orgs/{o}/matches?top=5")[1]) for o in org_ids}
        solo.close()

        errors: list[str] = []
        writes: list[tuple[str, str, str, str]] = []
        counts = {"requests": 0}
        lock = threading.Lock()
        stop_at = time.monotonic() + 55

        def worker(k: int) -> None:
            rnd = random.Random(k)
            c = Client(base, cookie)
            done = 0
            mine_err, mine_w = [], []
            for i in range(per_thread):
                if time.monotonic() > stop_at:
                    mine_err.append("time budget exceeded")
                    break
                org = rnd.choice(org_ids)
                roll = rnd.random()
                try:
                    if roll < 0.25:
                        gid, status_ = rnd.choice(grant_ids), rnd.choice(["感兴趣", "计划申请", "已申请", "获资助"])
                        note = f"t{k}-{i}"
                        body = json.dumps({"grant_id": gid, "status": status_, "note": note}).encode()
                        st, data = c.request("POST", f"/api/orgs/{org}/tracker", body,
                                             {"Content-Type": "application/json", "X-CSRF-Token": token})
                        if st == 201:
                            mine_w.append((org, gid, status_, note))
                        else:
                            mine_err.append(f"write {st} {data[:100]!r}")
                    elif roll < 0.6:
                        st, data = c.request("GET", f"/api/orgs/{org}/matches?top=5")
                        if st != 200 or json.loads(data) != baseline[org]:
                            mine_err.append(f"matches {org} {st} differ")
                    elif roll < 0.75:
                        st, data = c.request("GET", f"/orgs/{org}")
                        if st != 200 or b'id="ranked-h"' not in data:
                            mine_err.append(f"org page {st}")
                    elif roll < 0.85:
                        st, _ = c.request("GET", "/")
                        if st != 200:
                            mine_err.append(f"home {st}")
                    elif roll < 0.95:
                        st, _ = c.request("GET", f"/grants/{rnd.choice(grant_ids)}")
                        if st != 200:
                            mine_err.append(f"grant page {st}")
                    else:
                        st, _ = c.request("GET", "/api/grants")
                        if st != 200:
                            mine_err.append(f"grants api {st}")
                except Exception as exc:  # a dropped connection is an error to count, not a crash
                    mine_err.append(f"{type(exc).__name__}: {exc}")
                done += 1
            c.close()
            with lock:
                errors.extend(mine_err)
                writes.extend(mine_w)
                counts["requests"] += done

        t0 = time.monotonic()
        threads = [threading.Thread(target=worker, args=(k,)) for k in range(n_threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=70)
        duration = time.monotonic() - t0

        check = Client(base, cookie)
        kept = 0
        last: dict[tuple[str, str], dict] = {}
        for o in org_ids:
            body = json.loads(check.request("GET", f"/api/orgs/{o}/tracker")[1])
            notes = {(e["grant_id"], e["status"], e["note"]) for e in body["history"]}
            kept += sum(1 for (org, gid, st, note) in writes if org == o and (gid, st, note) in notes)
            for e in body["history"]:
                last[(o, e["grant_id"])] = e
            # the current mark of each pair is the last one logged for it
            for e in body["entries"]:
                assert last[(o, e["grant_id"])]["note"] == e["note"]
        after = {o: json.loads(check.request("GET", f"/api/orgs/{o}/matches?top=5")[1]) for o in org_ids}
        check.close()

    print(f"\nload test: {counts['requests']} requests from {n_threads} threads in {duration:.1f} s "
          f"({counts['requests'] / duration:.0f}/s), {len(errors)} errors, {kept}/{len(writes)} writes kept")
    assert errors == []
    assert counts["requests"] == n_threads * per_thread >= 2000
    assert kept == len(writes) > 300
    assert after == baseline
    assert duration < 60


def test_server_serves_security_headers_and_stops_on_ctrl_c(tmp_path, model_file):
    with running_server(tmp_path / "inst", model_file) as base:
        c = Client(base)
        assert c.request("GET", "/")[0] == 200
        c.conn.request("GET", "/api/orgs")
        r = c.conn.getresponse()
        r.read()
        assert r.status == 200
        assert "script-src 'self'" in r.getheader("Content-Security-Policy")
        assert r.getheader("X-Content-Type-Options") == "nosniff"
        c.close()
    assert (tmp_path / "inst" / "secret_key").exists()


def test_private_server_needs_login(tmp_path, model_file):
    add_user(tmp_path / "inst")
    with running_server(tmp_path / "inst", model_file, "--private") as base:
        c = Client(base)
        assert c.request("GET", "/")[0] == 302
        assert c.request("GET", "/api/orgs")[0] == 401
        assert c.request("GET", "/login")[0] == 200
        c.close()
        cookie, _ = staff_session(base)
        c = Client(base, cookie)
        assert c.request("GET", "/")[0] == 200
        c.close()
