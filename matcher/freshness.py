"""How old a programme's information is: its own date, never the day a file was loaded.

Reads a :class:`~matcher.records.Grant`'s ``updated`` column (a day, a
month or a year, as precise as the source is), else the first date named
in its ``source`` ("《星火项目简报》2019年" → 2019). Hands on an
:class:`InfoDate` and the note staff see when that date is older than a
configurable age (:data:`STALE_NOTE`), or unknown (:data:`UNDATED_NOTE`).

A month or a year stands for its *last* day: "2019" is taken as
2019-12-31, so information is called old only when even the most recent
day it may date from is past the limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .records import Grant

__all__ = [
    "DEFAULT_STALE_DAYS",
    "STALE_NOTE",
    "UNDATED_NOTE",
    "InfoDate",
    "info_date",
    "info_note",
    "parse_info_date",
]

DEFAULT_STALE_DAYS = 365
STALE_NOTE = "资讯可能已过期，请核实"
UNDATED_NOTE = "资讯日期不明，请核实"

_YEAR = r"(?P<y>(?:19|20)\d\d)"
_FULL = re.compile(rf"^\s*{_YEAR}\s*(?:[-/.年]\s*(?P<m>\d{{1,2}})\s*(?:[-/.月]\s*(?P<d>\d{{1,2}})\s*日?|月)?)?\s*年?\s*$")
_IN_TEXT = re.compile(rf"{_YEAR}\s*(?:年|[-/.](?=\d))\s*(?:(?P<m>\d{{1,2}})\s*(?:月|[-/.](?=\d)|\b)\s*(?:(?P<d>\d{{1,2}})\s*日?)?)?")


@dataclass(frozen=True)
class InfoDate:
    """When a programme's information dates from, as precisely as known.

    ``text`` is normalized (``"2019"``, ``"2019-05"``, ``"2019-05-12"``);
    ``latest`` the last day it may stand for; ``origin`` ``"updated"`` or
    ``"source"``.
    """

    text: str
    latest: date
    origin: str = "updated"

    @property
    def label(self) -> str:
        """Chinese: 2019年 / 2019年5月 / 2019年5月12日."""
        parts = self.text.split("-")
        out = f"{parts[0]}年"
        if len(parts) > 1:
            out += f"{int(parts[1])}月"
        if len(parts) > 2:
            out += f"{int(parts[2])}日"
        return out

    def is_stale(self, as_of: date, max_age_days: int = DEFAULT_STALE_DAYS) -> bool:
        """True when even :attr:`latest` is more than ``max_age_days`` before ``as_of``."""
        return as_of - self.latest > timedelta(days=max_age_days)


def _make(y: str, m: str | None, d: str | None, origin: str) -> InfoDate | None:
    year = int(y)
    try:
        if d:
            day = date(year, int(m), int(d))  # type: ignore[arg-type]
            return InfoDate(day.isoformat(), day, origin)
        if m:
            month = int(m)
            if not 1 <= month <= 12:
                return None
            last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
            return InfoDate(f"{year:04d}-{month:02d}", last, origin)
    except ValueError:
        return None
    return InfoDate(f"{year:04d}", date(year, 12, 31), origin)


def parse_info_date(value: str) -> InfoDate | None:
    """``"2019"``, ``"2019-05"``, ``"2019年5月"``, ``"2019-05-12"`` … → :class:`InfoDate`; None if not a date."""
    m = _FULL.match(value)
    return _make(m["y"], m["m"], m["d"], "updated") if m else None


def info_date(grant: Grant) -> InfoDate | None:
    """The programme's ``updated`` date, else the first date its ``source`` names, else None."""
    if grant.updated:
        parsed = parse_info_date(grant.updated)
        if parsed is not None:
            return parsed
    for m in _IN_TEXT.finditer(grant.source or ""):
        found = _make(m["y"], m["m"], m["d"], "source")
        if found is not None:
            return found
    return None


def info_note(grant: Grant, as_of: date, max_age_days: int = DEFAULT_STALE_DAYS) -> str:
    """:data:`STALE_NOTE`, :data:`UNDATED_NOTE` or ``""`` for a programme on ``as_of``."""
    d = info_date(grant)
    if d is None:
        return UNDATED_NOTE
    return STALE_NOTE if d.is_stale(as_of, max_age_days) else ""
