"""Recurring calls: when a programme whose round is over is expected to come back, marked as an estimate.

Many calls come back every year under the same name — "2025年石家庄市社区养老
服务公益创投", "第五届…公益项目大赛" — so a deadline that has passed is often
not the end. A programme is taken to recur when

* the data hold other editions of it: the same funder and the same name once
  years and 届次 are set aside (``2025年``, ``第三届``, ``首届``, ``（2027）``;
  the remaining characters compared as a multiset, so "“新力杯”首届上海社区基金会
  公益创投大赛" and "第二届上海社区基金会“新力杯”公益创投大赛" are one series),
  with a regular gap between their dates (about a year, half a year or two
  years); or
* its ``recurs`` column says so (每年 / yearly, 每半年, 每季度; 不定期 / none
  says it does not, whatever the history).

Dates are deadlines when the editions have them, else the day the call was
published (``updated`` / the source's date, :mod:`matcher.freshness`). The
next window is the latest edition's date moved on by whole periods to the
first one not yet past, as precise as that date is (a month, or a year).
It is an estimate and always says so — "预计（根据往年）" — with the years it
rests on; a series last seen long ago says that too. An older edition whose
series has a newer one in the data points to it instead.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .freshness import info_date
from .records import Grant

__all__ = ["PERIODS", "RECURS", "RECURS_LABELS", "NextWindow", "Recurrences", "parse_recurs", "series_key"]

#: Values of the ``recurs`` column, and how many months each repeats after.
PERIODS = {"yearly": 12, "half-yearly": 6, "quarterly": 3, "none": 0}
RECURS = tuple(PERIODS)
RECURS_LABELS = {"yearly": "每年", "half-yearly": "每半年", "quarterly": "每季度", "none": "不定期"}
_RECURS_ALIASES = {
    "每年": "yearly", "每年一次": "yearly", "一年一次": "yearly", "每年度": "yearly", "年度": "yearly", "一年一届": "yearly",
    "每年一届": "yearly", "每年一期": "yearly", "annual": "yearly", "annually": "yearly", "yearly": "yearly",
    "每半年": "half-yearly", "半年一次": "half-yearly", "每半年一次": "half-yearly", "half-yearly": "half-yearly",
    "semiannual": "half-yearly", "每季度": "quarterly", "每季": "quarterly", "quarterly": "quarterly",
    "不定期": "none", "一次性": "none", "不重复": "none", "否": "none", "no": "none", "none": "none", "once": "none",
}
#: Editions in a name: years, 届次, 期次, 批次.
_EDITION = re.compile(
    r"[（(]\s*(?:19|20)\d\d\s*(?:年度?)?\s*[)）]|(?:19|20)\d\d\s*(?:年度|年)?|第\s*[一二三四五六七八九十百零〇\d]+\s*(?:届|期|批|季|轮)"
    r"|首届|首期|首批|本届|本期"
)
_NOISE = re.compile(r"[\s\"'“”‘’《》〈〉「」『』【】\[\]（）()·•、，,。：:；;!！?？\-—_]")
_FUNDER_NOTE = re.compile(r"[（(][^）)]*[）)]")
_SNAP = ((9, 15, 12), (5, 7, 6), (21, 27, 24))
#: A series not seen for this many periods: the estimate says to check it is still held.
_STALE_PERIODS = 3


def parse_recurs(value: str) -> str | None:
    """The ``recurs`` column normalized (one of :data:`RECURS`), ``""`` when blank, None when not understood."""
    v = value.strip().lower()
    if not v:
        return ""
    return _RECURS_ALIASES.get(v) or (v if v in PERIODS else None)


def series_key(grant: Grant) -> tuple[str, str] | None:
    """(funder, name) with editions, brackets and punctuation set aside; None when too little is left to tell."""
    name = _NOISE.sub("", _EDITION.sub("", grant.name))
    funder = _FUNDER_NOTE.sub("", grant.funder)
    funder = _NOISE.sub("", re.split(r"[；;、]", funder, maxsplit=1)[0])
    if len(name) < 4 or not funder:
        return None
    return funder, "".join(sorted(name))


@dataclass(frozen=True)
class _Anchor:
    day: date  # the first day of the month (or the year) when less is known
    precision: str  # "day" / "month" / "year"

    @property
    def label(self) -> str:
        if self.precision == "year":
            return f"{self.day.year}年"
        return f"{self.day.year}年{self.day.month}月"

    @property
    def months(self) -> int:
        return self.day.year * 12 + self.day.month - 1


def _deadline(g: Grant) -> _Anchor | None:
    return _Anchor(g.deadline, "day") if g.deadline else None


def _published(g: Grant) -> _Anchor | None:
    d = info_date(g)
    if d is None:
        return None
    parts = d.text.split("-")
    if len(parts) == 1:
        return _Anchor(date(int(parts[0]), 1, 1), "year")
    return _Anchor(date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1),
                   "day" if len(parts) > 2 else "month")


@dataclass(frozen=True)
class NextWindow:
    """When a programme is expected back, or the newer edition the data already hold.

    ``date`` is the first day of the expected month (or year, ``precision``
    "year"); ``what`` is "deadline" or "published"; ``basis`` the earlier
    dates (labels) or the column it rests on; ``newer`` the id of a newer
    edition in the data (then ``date`` may be None: that edition is open).
    """

    grant_id: str
    date: date | None
    precision: str
    what: str
    basis: tuple[str, ...]
    source: str  # "history" / "column"
    period_months: int
    newer: str = ""
    stale_since: str = ""  # the latest edition's label when it is long past

    @property
    def text(self) -> str:
        """The estimate in Chinese, marked as such: 预计（根据往年）2027年5月前后截止：往年2025年5月、2026年5月截止."""
        if self.date is None:
            return ""
        when = f"{self.date.year}年" if self.precision == "year" else f"{self.date.year}年{self.date.month}月"
        verb = "截止" if self.what == "deadline" else "发布"
        out = f"预计（根据往年）{when}前后{verb}：" + (
            f"往年{'、'.join(self.basis)}{verb}" if self.source == "history"
            else f"资料注明{self.basis[0]}举办，本期{self.basis[1]}{verb}")
        if self.stale_since:
            out += f"；最近一期在{self.stale_since}，是否仍在举办请核实"
        return out

    def as_dict(self) -> dict:
        """JSON form (the API's ``next_window``)."""
        return {"estimate": True, "date": self.date.isoformat() if self.date else None, "precision": self.precision,
                "what": self.what, "text": self.text, "basis": list(self.basis), "source": self.source,
                "period_months": self.period_months, "newer": self.newer or None}


class Recurrences:
    """The series of a set of programmes, built once; :meth:`window` answers for one programme on a day."""

    def __init__(self, grants: Sequence[Grant]) -> None:
        groups: dict[tuple[str, str], list[Grant]] = defaultdict(list)
        for g in grants:
            key = series_key(g)
            if key is not None:
                groups[key].append(g)
        self._series: dict[str, tuple[Grant, ...]] = {}
        for members in groups.values():
            for g in members:
                self._series[g.grant_id] = tuple(members)
        self._grants = {g.grant_id: g for g in grants}

    def series(self, grant_id: str) -> tuple[Grant, ...]:
        """Every edition of this programme's series in the data (itself alone when none)."""
        own = self._grants.get(grant_id)
        return self._series.get(grant_id, (own,) if own is not None else ())

    def window(self, grant_id: str, as_of: date) -> NextWindow | None:
        """The next window of a programme whose round is over, or None (still open, or not known to recur)."""
        g = self._grants.get(grant_id)
        if g is None:
            return None
        editions = self.series(grant_id)
        column = next((e.recurs for e in sorted(editions, key=lambda e: e.grant_id != grant_id) if e.recurs), "")
        if column == "none":
            return None
        anchor_of = _deadline if any(e.deadline for e in editions) else _published
        dated = sorted(((a, e) for e in editions if (a := anchor_of(e)) is not None), key=lambda t: t[0].day)
        if not dated:
            return None
        what = "deadline" if anchor_of is _deadline else "published"
        period, source = self._period(dated, column)
        latest, latest_grant = dated[-1]
        mine = anchor_of(g)
        if latest_grant.grant_id != grant_id and mine is not None and mine.day < latest.day:
            if not self._over(latest_grant, latest, period, what, as_of):
                return NextWindow(grant_id, None, "", what, (), source, period, newer=latest_grant.grant_id)
            est = self.window(latest_grant.grant_id, as_of)
            return None if est is None else NextWindow(**{**est.__dict__, "grant_id": grant_id,
                                                          "newer": latest_grant.grant_id})
        if not period or not self._over(g, latest, period, what, as_of):
            return None
        k = max(1, -(-(as_of.year * 12 + as_of.month - 1 - latest.months) // period))
        n = latest.months + k * period
        when = date(n // 12, n % 12 + 1, 1)
        precision = "year" if latest.precision == "year" else "month"
        if source == "history":
            basis = tuple(a.label for a, _ in dated)
        else:
            basis = (RECURS_LABELS[column], latest.label)
        stale = latest.label if k > _STALE_PERIODS else ""
        return NextWindow(grant_id, when, precision, what, basis, source, period, stale_since=stale)

    @staticmethod
    def _period(dated: list[tuple[_Anchor, Grant]], column: str) -> tuple[int, str]:
        if column:
            return PERIODS[column], "column"
        gaps = [b.months - a.months for (a, _), (b, _) in zip(dated, dated[1:], strict=False)
                if a.precision != "year" and b.precision != "year"]
        if not gaps:  # years only: each edition a year apart
            years = [a.day.year for a, _ in dated]
            gaps = [12 * (b - a) for a, b in zip(years, years[1:], strict=False)]
        if not gaps or 0 in gaps:
            return 0, "history"
        gap = statistics.median(gaps)
        return next((p for lo, hi, p in _SNAP if lo <= gap <= hi), 0), "history"

    @staticmethod
    def _over(g: Grant, anchor: _Anchor, period: int, what: str, as_of: date) -> bool:
        """The round is over: its deadline has passed, or (no deadline) a whole period has gone by since it was published."""
        if what == "deadline":
            return g.deadline is not None and g.deadline < as_of
        n = anchor.months + max(period, 1)
        return date(n // 12, n % 12 + 1, 1) <= as_of
