"""Staff accounts: ``/login`` and ``/logout``, server-side sessions, password hashes, failed-login throttling.

Failed logins are counted per (username, client address) pair and per
address in SQLite: ``LOGIN_MAX_FAILURES`` for a pair,
``LOGIN_MAX_FAILURES_PER_ADDRESS`` for an address (guessing many names).
Past the limit the key is locked for ``LOGIN_LOCKOUT_SECONDS``, doubling
with each further failure (capped at an hour; the count restarts after an
hour without failures). The address is the TCP peer's: behind a reverse
proxy every visitor shares the proxy's.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
import time
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, flash, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from .db import get_db, transaction

bp = Blueprint("auth", __name__)

USERNAME = re.compile(r"^[\w.@-]{1,64}$")
MIN_PASSWORD = 8
MAX_LOCK_SECONDS = 3600.0
FAILURE_WINDOW = 3600.0  # seconds after the last failure when the count starts again


# -- accounts --------------------------------------------------------------------


def valid_username(name: str) -> bool:
    """Letters (any script), digits and ``. @ - _``; at most 64."""
    return bool(USERNAME.match(name))


def set_user(conn: sqlite3.Connection, username: str, password: str) -> bool:
    """Create the user or change their password; True when the user is new."""
    if not valid_username(username):
        raise ValueError("用户名只能包含字母、数字和 . @ - _，最长 64 个字符")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"密码至少 {MIN_PASSWORD} 个字符")
    pw_hash = generate_password_hash(password)
    with transaction(conn):
        new = conn.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone() is None
        conn.execute(
            "INSERT INTO users (username, password_hash) VALUES (?, ?) "
            "ON CONFLICT(username) DO UPDATE SET password_hash = excluded.password_hash",
            (username, pw_hash),
        )
        # a new password ends every session opened with the old one
        conn.execute("DELETE FROM sessions WHERE username = ?", (username,))
    return new


def _password_ok(conn: sqlite3.Connection, username: str, password: str) -> bool:
    row = conn.execute("SELECT password_hash FROM users WHERE username = ?", (username,)).fetchone()
    if row is None:
        # hash anyway: an unknown name must not answer faster than a wrong password
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(row["password_hash"], password)


_DUMMY_HASH = generate_password_hash("not a password of anyone")


# -- throttling --------------------------------------------------------------------
#
# Counted per (username, address) pair and per address, never per username
# alone: a stranger's wrong guesses must not lock a colleague out. Each
# attempt is counted *before* its password is checked, in the transaction
# that checks the lock, so parallel attempts cannot slip past the limit; a
# successful login gives the attempt back. No sleep: a worker thread is never
# held to slow anyone down.


def _keys(username: str) -> list[tuple[str, int]]:
    """The throttle keys of this attempt and their limits."""
    cfg = current_app.config
    address = request.remote_addr or "?"
    return [(f"pair:{username.lower()}|{address}", cfg["LOGIN_MAX_FAILURES"]),
            (f"ip:{address}", cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"])]


def _lock_seconds(n: int, limit: int) -> float:
    base = current_app.config["LOGIN_LOCKOUT_SECONDS"]
    return min(MAX_LOCK_SECONDS, base * 2 ** (n - limit))


def begin_attempt(conn: sqlite3.Connection, username: str, now: float | None = None) -> float:
    """Count one attempt now; return the seconds to wait instead (0 when it may proceed).

    The last attempt within the limit locks its keys for ``LOGIN_LOCKOUT_SECONDS``,
    doubling with each further failure (capped at an hour); failures an hour old
    are forgiven.
    """
    now = time.time() if now is None else now
    keys = _keys(username)
    with transaction(conn):
        rows = {key: conn.execute("SELECT failures, last_failure, locked_until FROM login_failures WHERE key = ?",
                                  (key,)).fetchone() for key, _ in keys}
        wait = max((r["locked_until"] - now for r in rows.values() if r is not None), default=0.0)
        if wait > 0:
            return wait
        for key, limit in keys:
            row = rows[key]
            # failures older than the window are forgiven: a shared office address is not locked forever
            recent = row is not None and now - row["last_failure"] < FAILURE_WINDOW
            n = (row["failures"] if recent else 0) + 1
            locked = now + _lock_seconds(n, limit) if n >= limit else 0.0
            conn.execute(
                "INSERT INTO login_failures (key, failures, last_failure, locked_until) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, "
                "last_failure = excluded.last_failure, locked_until = excluded.locked_until",
                (key, n, now, locked),
            )
    return 0.0


def attempt_succeeded(conn: sqlite3.Connection, username: str) -> None:
    """Give back the counted attempt: the pair's failures are forgotten, the address's lose this one."""
    (pair, _), (address, limit) = _keys(username)
    with transaction(conn):
        conn.execute("DELETE FROM login_failures WHERE key = ?", (pair,))
        conn.execute(
            "UPDATE login_failures SET failures = MAX(0, failures - 1), "
            "locked_until = CASE WHEN failures - 1 < ? THEN 0 ELSE locked_until END WHERE key = ?",
            (limit, address),
        )


# -- sessions ----------------------------------------------------------------------
#
# The signed cookie carries only a random session id; the server keeps its
# hash, the user and the expiry. Deleting the row ends the session for every
# copy of the cookie: logout, a password change (set_user), a removed user.


def _id_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


def start_session(conn: sqlite3.Connection, username: str, lifetime: float) -> str:
    """A new session id for ``username``, valid ``lifetime`` seconds (expired ones are swept)."""
    sid = secrets.token_urlsafe(32)
    now = time.time()
    with transaction(conn):
        conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))
        conn.execute("INSERT INTO sessions (id_hash, username, expires_at) VALUES (?, ?, ?)",
                     (_id_hash(sid), username, now + lifetime))
    return sid


def session_user(conn: sqlite3.Connection, sid: str) -> str | None:
    """The user of a live session id, or None."""
    row = conn.execute(
        "SELECT s.username FROM sessions s JOIN users u ON u.username = s.username "
        "WHERE s.id_hash = ? AND s.expires_at > ?", (_id_hash(sid), time.time())
    ).fetchone()
    return row["username"] if row else None


def end_session(conn: sqlite3.Connection, sid: str) -> None:
    """Forget one session id (every copy of that cookie stops working)."""
    with transaction(conn):
        conn.execute("DELETE FROM sessions WHERE id_hash = ?", (_id_hash(sid),))


# -- the request's user ------------------------------------------------------------


def load_user() -> None:
    """Before each request: ``g.user`` is the staff name of a live session, or None."""
    sid = session.get("sid")
    g.user = session_user(get_db(), sid) if isinstance(sid, str) else None
    if sid is not None and g.user is None:
        session.clear()  # ended or expired: drop the dead id (and its CSRF token) from the cookie


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never redirect a visitor elsewhere after login.

    Control characters fall back too: CR/LF would split the Location header,
    and browsers drop tabs and newlines, so ``/\\t/evil.example`` would become
    ``//evil.example``.
    """
    if not target or len(target) > 2048 or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return url_for("main.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("main.index")
    return target


@bp.route("/login", methods=("GET", "POST"))
def login():
    """Staff login form; locked for a while after repeated failures from one address."""
    error = None
    status = 200
    username = ""
    if request.method == "POST":
        conn = get_db()
        username = request.form.get("username", "").strip()[:64]
        password = request.form.get("password", "")[:1024]
        wait = begin_attempt(conn, username)
        if wait > 0:
            error, status = f"登录失败次数过多，请 {int(wait) + 1} 秒后再试。", 429
        elif username and _password_ok(conn, username, password):
            attempt_succeeded(conn, username)
            session.clear()  # a fresh session: no fixation, a new CSRF token
            lifetime = current_app.permanent_session_lifetime.total_seconds()
            session["sid"] = start_session(conn, username, lifetime)
            session.permanent = True
            return redirect(_safe_next(request.form.get("next")))
        else:
            error, status = "用户名或密码不正确。", 401  # already counted by begin_attempt
    return render_template(
        "login.html", error=error, username=username, next=_safe_next(request.values.get("next"))
    ), status


@bp.post("/logout")
def logout():
    """End the session on the server too: a copy of the cookie no longer logs anyone in."""
    sid = session.get("sid")
    if isinstance(sid, str):
        end_session(get_db(), sid)
    session.clear()
    flash("已退出登录。")
    return redirect(url_for("main.index"))


def init_app(app: Flask) -> None:
    """Load ``g.user`` before every request (before the access guard runs)."""
    app.before_request(load_user)
