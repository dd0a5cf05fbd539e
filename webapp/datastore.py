"""The data files a running app serves, kept in the instance folder.

Uploaded files become ``instance/data/grants.csv`` (or ``.xlsx``) and
``instance/data/orgs.csv``; each file they replace is kept under
``instance/data/versions/`` so staff can restore it. Until a first upload
the configured files (``GRANTS_PATH``/``ORGS_PATH``) are served. An edit
of one record in the app writes a whole new file the same way, so every
change, uploaded or edited, can be restored.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from flask import Flask

from .files import private_dir, write_private

KINDS = ("grants", "orgs")
SUFFIXES = (".csv", ".xlsx")
_VERSION = re.compile(r"^(grants|orgs)-\d{8}T\d{6}(?:-\d+)?\.(?:csv|xlsx)$")


def data_dir(app: Flask) -> Path:
    """``instance/data``."""
    return Path(app.instance_path) / "data"


def versions_dir(app: Flask) -> Path:
    """``instance/data/versions``: every file that was once current."""
    return data_dir(app) / "versions"


def uploaded_path(app: Flask, kind: str) -> Path | None:
    """The current uploaded file of this kind, if staff have uploaded one."""
    for suffix in SUFFIXES:
        p = data_dir(app) / f"{kind}{suffix}"
        if p.exists():
            return p
    return None


def source_path(app: Flask, kind: str) -> Path:
    """The file served now: the uploaded one, else the configured one."""
    return uploaded_path(app, kind) or Path(app.config["GRANTS_PATH" if kind == "grants" else "ORGS_PATH"])


def model_path(app: Flask, fingerprint: str) -> str | None:
    """Uploaded grants get a model file in the instance; configured ones use ``MODEL_PATH``."""
    if uploaded_path(app, "grants") is None:
        return app.config["MODEL_PATH"]
    models = private_dir(Path(app.instance_path) / "models")  # the library would create it 0755
    return str(models / f"model-{fingerprint[:16]}.joblib")


def _atomic_write(path: Path, raw: bytes) -> None:
    private_dir(path.parent)
    write_private(path, raw)


def _archive_name(app: Flask, kind: str, suffix: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    vdir = versions_dir(app)
    p = vdir / f"{kind}-{stamp}{suffix}"
    n = 1
    while p.exists():
        p = vdir / f"{kind}-{stamp}-{n}{suffix}"
        n += 1
    return p


def install(app: Flask, kind: str, raw: bytes, suffix: str) -> Path:
    """Make ``raw`` the current file of ``kind``; the file it replaces is archived."""
    return install_version(app, kind, raw, suffix)[0]


def install_version(app: Flask, kind: str, raw: bytes, suffix: str) -> tuple[Path, str | None]:
    """:func:`install`, also naming the archived file of the version replaced (None if there was none)."""
    if kind not in KINDS or suffix not in SUFFIXES:
        raise ValueError(f"unknown data file {kind}{suffix}")
    private_dir(versions_dir(app))
    current = source_path(app, kind)
    archived = None
    if current.exists():  # a private copy: the bundled file it may be is world-readable
        archive = _archive_name(app, kind, current.suffix.lower() if current.suffix else ".csv")
        write_private(archive, current.read_bytes(), mtime=current.stat().st_mtime)
        archived = archive.name
    old = uploaded_path(app, kind)
    target = data_dir(app) / f"{kind}{suffix}"
    _atomic_write(target, raw)
    if old is not None and old != target:
        old.unlink()
    return target, archived


def list_versions(app: Flask, kind: str) -> list[str]:
    """Archived file names of ``kind``, newest first."""
    vdir = versions_dir(app)
    if not vdir.exists():
        return []
    return sorted((p.name for p in vdir.iterdir() if p.name.startswith(kind + "-") and _VERSION.match(p.name)),
                  reverse=True)


def version_path(app: Flask, name: str) -> Path | None:
    """The archived file of that name (only names this module made; no path tricks)."""
    if not _VERSION.match(name):
        return None
    p = versions_dir(app) / name
    return p if p.is_file() else None
