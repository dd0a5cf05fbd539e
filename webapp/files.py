"""What the app writes in its instance folder is private: files 0600, folders 0700.

The instance holds password hashes, the secret key, staff notes and
uploaded data; nobody else on the machine needs to read them. Modes are set
explicitly rather than through the umask, which is the whole process's.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: str | os.PathLike[str]) -> Path:
    """``path`` as a 0700 folder: missing ones (and missing parents) created so, an existing one tightened."""
    p = Path(path)
    missing = []
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        d.mkdir(mode=DIR_MODE, exist_ok=True)
    target = Path(path)
    if target.is_dir() and (target.stat().st_mode & 0o777) != DIR_MODE:
        os.chmod(target, DIR_MODE)
    return target


def tighten(path: str | os.PathLike[str]) -> None:
    """Make an existing file 0600 (files written by earlier versions were 0644)."""
    try:
        if (os.stat(path).st_mode & 0o777) != FILE_MODE:
            os.chmod(path, FILE_MODE)
    except FileNotFoundError:
        pass


def create_private(path: str | os.PathLike[str]) -> None:
    """Create an empty 0600 file unless it exists (SQLite then keeps that mode for its -wal and -shm files)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        tighten(path)


def write_private(path: str | os.PathLike[str], raw: bytes, *, mtime: float | None = None) -> Path:
    """Write ``raw`` to ``path`` atomically as a 0600 file (a temporary file renamed into place)."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        if mtime is not None:
            os.utime(tmp, (mtime, mtime))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
