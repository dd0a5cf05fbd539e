"""One error handler: library errors and HTTP errors become 4xx pages or JSON; never a traceback.

Like datasette's ``handle_exception``: the exception says what went wrong,
this module decides the status and the format (JSON under ``/api/``).
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template
from werkzeug.exceptions import HTTPException, InternalServerError, default_exceptions

from matcher.errors import InputError, MatcherError, ModelError, NotFoundError

from .security import wants_json

log = logging.getLogger("webapp")

MESSAGES = {
    400: "请求有误。",
    401: "需要员工登录。",
    403: "没有权限。",
    404: "找不到这个页面。",
    405: "不支持这种请求方式。",
    413: "上传的内容过大。",
    429: "请求过于频繁，请稍后再试。",
    500: "服务器内部错误，请稍后再试。",
}


def status_of(exc: BaseException) -> tuple[int, str]:
    """The HTTP status and the message a visitor may see."""
    if isinstance(exc, NotFoundError):
        return 404, str(exc)
    if isinstance(exc, InputError):
        return 400, str(exc)
    if isinstance(exc, ModelError):
        return 503, "模型暂时不可用，请稍后再试。"
    if isinstance(exc, MatcherError):
        return 400, str(exc)
    if isinstance(exc, HTTPException):
        code = exc.code or 500
        stock = default_exceptions.get(code)
        if exc.description and (stock is None or exc.description != stock.description):
            return code, exc.description  # our own message (e.g. CSRF), already in Chinese
        return code, MESSAGES.get(code, exc.name)
    return 500, MESSAGES[500]


def handle_exception(exc: Exception):
    """Map any exception to a status; log unexpected ones, show no internals."""
    if isinstance(exc, HTTPException) and exc.code is not None and exc.code < 400:
        return exc  # redirects raised by routing (trailing slashes)
    code, message = status_of(exc)
    if code >= 500 and not isinstance(exc, (HTTPException, MatcherError)):
        log.error("unhandled error", exc_info=exc)
    elif isinstance(exc, InternalServerError) and exc.original_exception is not None:
        log.error("unhandled error", exc_info=exc.original_exception)
    if wants_json():
        fields = getattr(exc, "fields", None)  # one record's problems, column by column (matcher.io.RecordError)
        return (jsonify(error=message, fields=fields) if isinstance(fields, dict) else jsonify(error=message)), code
    return render_template("error.html", code=code, message=message), code


def init_app(app: Flask) -> None:
    """Register the one handler for every exception."""
    app.register_error_handler(Exception, handle_exception)
