"""Deadlines as an iCalendar file (RFC 5545): one all-day event per deadline.

Reads :class:`Event` records; hands on the calendar as text with CRLF line
ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT
values escaped (``\\`` ``;`` ``,`` and line breaks), a ``DTSTAMP`` on every
event, and all-day dates as ``DTSTART;VALUE=DATE`` with ``DTEND`` the
next day (the end is exclusive). Written here rather than with a library
because these few rules are the whole format we need; the tests parse the
result with the ``icalendar`` package.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

__all__ = ["Event", "escape_text", "fold", "write_calendar"]

PRODID = "-//grant-matcher//资助匹配 截止日期//ZH"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Event:
    """One all-day event. ``uid`` must be stable for the same thing (a calendar app updates it in place)."""

    uid: str
    day: date
    summary: str
    description: str = ""
    url: str = ""  # an absolute http(s) URL, or ""


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\n", "\\n")
    return "".join(ch for ch in value if ch == "\t" or ord(ch) >= 32 and ord(ch) != 127)  # no controls in TEXT


def fold(line: str) -> str:
    """One content line folded at 75 octets (§3.1): continuation lines start with a space."""
    raw = line.encode("utf-8")
    if len(raw) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    start, limit = 0, MAX_OCTETS
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # never cut a UTF-8 character
            end -= 1
        parts.append(raw[start:end].decode("utf-8"))
        start, limit = end, MAX_OCTETS - 1  # the leading space counts
    return "\r\n ".join(parts)


def _stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def write_calendar(events: Iterable[Event], *, name: str, stamp: datetime | None = None) -> str:
    """The calendar as text (CRLF line ends), one VEVENT per event, ``name`` shown by calendar apps."""
    dtstamp = _stamp(stamp or datetime.now(timezone.utc))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(name)}"]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(e.uid)}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{e.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(e.day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(e.summary)}",
        ]
        if e.description:
            lines.append(f"DESCRIPTION:{escape_text(e.description)}")
        if e.url:
            lines.append(f"URL:{e.url}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(x) + "\r\n" for x in lines)
