"""The instance's SQLite database: staff users, their sessions, login throttling, tracker, edit log.

One connection per request (kept in ``g``), WAL mode so readers never wait
for the writer, and a busy timeout so concurrent writers queue instead of
failing with "database is locked".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app, g

from .files import create_private, private_dir, tighten

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure REAL NOT NULL,
    locked_until REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (username);
CREATE TABLE IF NOT EXISTS tracker (
    org_id TEXT NOT NULL,
    grant_id TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (org_id, grant_id)
);
CREATE TABLE IF NOT EXISTS tracker_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id TEXT NOT NULL,
    grant_id TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tracker_log_org ON tracker_log (org_id, grant_id);
CREATE TABLE IF NOT EXISTS edit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    before TEXT NOT NULL DEFAULT '',
    after TEXT NOT NULL DEFAULT '',
    version TEXT NOT NULL DEFAULT '',
    edited_at TEXT NOT NULL,
    edited_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS edit_log_record ON edit_log (kind, record_id);
CREATE TABLE IF NOT EXISTS data_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    kind TEXT NOT NULL,
    action TEXT NOT NULL,
    source TEXT NOT NULL,
    records INTEGER NOT NULL,
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    removed INTEGER NOT NULL
);
"""


def db_path(app: Flask) -> Path:
    """``TRACKER_DB`` from the config, else ``instance/tracker.sqlite``."""
    return Path(app.config.get("TRACKER_DB") or Path(app.instance_path) / "tracker.sqlite")


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode; writers open their own transactions."""
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def get_db() -> sqlite3.Connection:
    """This request's connection (opened on first use, closed at teardown)."""
    if "db" not in g:
        g.db = connect(db_path(current_app))
    return g.db


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``: take the write lock up front, roll back on error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def close_db(_exc: BaseException | None = None) -> None:
    """Close this request's connection, if one was opened."""
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db(app: Flask) -> None:
    """Create the tables (idempotent) and switch the file to WAL mode; the files are 0600."""
    path = db_path(app)
    if not path.parent.exists():
        private_dir(path.parent)
    create_private(path)  # before SQLite creates it 0644; its -wal and -shm files take this mode
    for side in ("-wal", "-shm"):
        tighten(f"{path}{side}")
    conn = connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(SCHEMA)
    finally:
        conn.close()


def init_app(app: Flask) -> None:
    """Create the schema now and close connections after each request."""
    init_db(app)
    app.teardown_appcontext(close_db)
