"""Secret key, CSRF tokens, access rules and security headers.

CSRF: one random token per session, sent back by every form as the hidden
field ``csrf_token`` (API clients send the ``X-CSRF-Token`` header) and
compared in constant time before any view that changes something runs.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, current_app, g, jsonify, redirect, request, session, url_for
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from .files import tighten

F = TypeVar("F", bound=Callable[..., Any])

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
#: Endpoints reachable without login even when the app is private.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static"})
#: Answers never stored by a cache, whoever asks (the session's CSRF token).
NO_STORE_ENDPOINTS = frozenset({"api.session_info"})
#: The only endpoint that takes a file; every other body is small.
UPLOAD_ENDPOINTS = frozenset({"uploads.preview"})


class CSRFError(BadRequest):
    """The form's token is missing or does not match the session's."""

    description = "表单已失效（安全令牌不匹配），请刷新页面后重试。"


def load_secret_key(app: Flask) -> str:
    """``GRANT_MATCHER_SECRET_KEY``, else ``instance/secret_key`` (created 0600 on first run)."""
    env = os.environ.get("GRANT_MATCHER_SECRET_KEY")
    if env:
        return env
    path = Path(app.instance_path) / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        tighten(path)
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip()


def csrf_token() -> str:
    """This session's CSRF token (created on first use)."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def _check_csrf() -> None:
    sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token", "")
    token = session.get("csrf", "")
    if not token or not sent or not hmac.compare_digest(str(sent), str(token)):
        raise CSRFError()


def wants_json() -> bool:
    """API paths answer in JSON, pages in HTML."""
    return request.path.startswith("/api/")


def _login_redirect():
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _unauthorized():
    if wants_json():
        return jsonify(error="需要员工登录"), 401
    return _login_redirect()


def staff_only(view: F) -> F:
    """Mark a view as staff-only: anonymous visitors get 401 JSON or the login page."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any):
        if g.get("user") is None:
            return _unauthorized()
        return view(*args, **kwargs)

    wrapped._staff_only = True  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def csrf_exempt(view: F) -> F:
    """Mark a view that changes nothing and takes JSON only (no cookie-borne effect)."""
    view._csrf_exempt = True  # type: ignore[attr-defined]
    return view


def body_limit() -> int:
    """The most bytes this request's body may have: a file upload, an API call or a form."""
    cfg = current_app.config
    if request.endpoint in UPLOAD_ENDPOINTS:
        return cfg["MAX_CONTENT_LENGTH"]
    return cfg["API_MAX_BYTES"] if wants_json() else cfg["FORM_MAX_BYTES"]


def _limit_body():
    """Before anything reads the body: 413 from its declared length; reading stops at the same limit."""
    limit = body_limit()
    request.max_content_length = limit  # werkzeug enforces it on chunked bodies too
    if request.content_length is not None and request.content_length > limit:
        size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 1024} KB"
        raise RequestEntityTooLarge(f"请求体过大（上限 {size}）")


def _guard():
    """Before every request: private mode, staff-only writes, then CSRF."""
    view = current_app.view_functions.get(request.endpoint or "")
    if current_app.config["PRIVATE"] and g.get("user") is None and request.endpoint not in PUBLIC_ENDPOINTS:
        return _unauthorized()
    if request.method in SAFE_METHODS or view is None:
        return None
    if getattr(view, "_staff_only", False) and g.get("user") is None:
        return _unauthorized()
    if not getattr(view, "_csrf_exempt", False):
        _check_csrf()
    return None


_LEADING_SLASHES = re.compile(r"^[/\\]+")


def relative_location(location: str) -> str:
    """``location`` as a path on this site: scheme and host dropped, one leading slash.

    Werkzeug builds some redirects (``/orgs//x`` → ``/orgs/x``) from the
    request's Host header, which a client chooses; a relative Location
    names no host at all. ``//x`` or ``/\\x`` would name one, hence one slash.
    """
    parts = urlsplit(location)
    path = _LEADING_SLASHES.sub("/", parts.path)
    if not path.startswith("/"):
        path = "/" + path
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def _headers(response):
    h = response.headers
    if "Location" in h:
        h["Location"] = relative_location(h["Location"])
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("Referrer-Policy", "same-origin")
    h.setdefault("X-Frame-Options", "DENY")
    if (g.get("user") is not None and request.endpoint != "static") or request.endpoint in NO_STORE_ENDPOINTS:
        # staff data (notes, downloads, admin pages) must not stay in any cache; set, not defaulted:
        # send_file has already put "no-cache, max-age=0" on the report downloads
        h["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Secret key, cookie flags, the request guard and the headers."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(app.config.get("SECURE_COOKIES")),
    )
    app.before_request(_limit_body)
    app.before_request(_guard)
    app.after_request(_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token
