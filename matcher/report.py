"""Write match reports that Excel on Chinese Windows opens correctly and safely.

CSV is UTF-8 with a BOM (without it Excel reads UTF-8 as GBK and shows
mojibake); text cells that Excel would run as a formula are prefixed with
``'`` (OWASP CSV-injection advice). XLSX is laid out to hand out
(:mod:`matcher.xlsx`): such text is a string cell, exactly as written.
Files are written to a temporary file and renamed, so a crash never leaves
half a report.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .advice import next_step
from .freshness import DEFAULT_STALE_DAYS, info_date, info_note
from .records import Grant, Match, Org
from .xlsx import PROGRAMME_KINDS, REPORT_KINDS, Sheet, write_sheet

if TYPE_CHECKING:
    from .conditions import Condition
    from .rank import Matcher

__all__ = [
    "PROGRAMME_COLUMNS",
    "PROGRAMME_SHEET",
    "REPORT_COLUMNS",
    "REPORT_SHEET",
    "ZH_HEADERS",
    "ZH_PROGRAMME_SHEET",
    "zh_columns",
    "zh_rows",
    "zh_sheet",
    "zh_values",
    "atomic_output",
    "format_reasons",
    "neutralize",
    "programme_rows",
    "programmes_of",
    "report_rows",
    "write_csv",
    "write_xlsx",
]

REPORT_COLUMNS = (
    "org_id",
    "org_name",
    "rank",
    "grant_id",
    "grant_name",
    "score",
    "reasons",
    "eligibility",
    "unmet",
    "unknown",
    "unread",
    "next_step",
    "parts",
    "expired",
    "deadline",
    "funder",
    "info_date",
    "info_note",
)
PROGRAMME_COLUMNS = ("grant_id", "name", "funder", "deadline", "url", "conditions", "info_date", "info_note")
#: Sheet layouts; header labels are data (``dataclasses.replace(REPORT_SHEET, labels={...})``).
REPORT_SHEET = Sheet("匹配结果", REPORT_COLUMNS, kinds=REPORT_KINDS)
PROGRAMME_SHEET = Sheet("资助项目", PROGRAMME_COLUMNS, kinds=PROGRAMME_KINDS)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# -- reports for people: Chinese headers and values ------------------------------------
# A mapping layer only: the machine rows above stay as they are (the CSV default).
# zh_values() relabels their values and adds the fit in words (and the tracker's
# columns); the headers people read are data: ZH_HEADERS, handed to the XLSX layout
# as a Sheet's labels (zh_sheet), or used as the keys of a Chinese CSV (zh_rows).

#: Machine column → the header people read.
ZH_HEADERS = {
    "org_id": "机构编号",
    "org_name": "机构名称",
    "rank": "排名",
    "grant_id": "项目编号",
    "grant_name": "资助项目",
    "fit": "契合程度",
    "score": "匹配度",
    "reasons": "推荐理由（共同的词、概念及其得分）",
    "eligibility": "硬性条件",
    "unmet": "不符合的条件",
    "unknown": "待确认的条件",
    "unread": "未能读出的要求（请人工核对）",
    "next_step": "下一步（如何满足条件）",
    "parts": "得分构成",
    "expired": "已截止",
    "deadline": "截止日期",
    "funder": "资助方",
    "info_date": "资讯日期",
    "info_note": "资讯提示",
    "tracker_status": "跟踪状态",
    "tracker_note": "跟踪备注",
}
ZH_VALUES = {"eligibility": {"eligible": "符合", "ineligible": "不符合", "unknown": "待确认"}}
TRACKER_COLUMNS = ("tracker_status", "tracker_note")
#: The programmes sheet for people: the same columns, Chinese headers.
ZH_PROGRAMME_SHEET = replace(PROGRAMME_SHEET, labels={
    "grant_id": "项目编号", "name": "资助项目", "funder": "资助方", "deadline": "截止日期", "url": "链接",
    "conditions": "硬性条件", "info_date": "资讯日期", "info_note": "资讯提示"})


def zh_report_columns(*, tracker: bool = False) -> tuple[str, ...]:
    """The machine keys of a report for people: ``fit`` beside ``score``; the tracker's columns last when given."""
    cols = list(REPORT_COLUMNS)
    cols.insert(cols.index("score"), "fit")
    if tracker:
        cols += TRACKER_COLUMNS
    return tuple(cols)


def zh_columns(*, tracker: bool = False) -> tuple[str, ...]:
    """The Chinese headers in report order: 契合程度 beside 匹配度; the tracker's columns last when given."""
    return tuple(ZH_HEADERS[c] for c in zh_report_columns(tracker=tracker))


def zh_sheet(*, tracker: bool = False) -> Sheet:
    """The report's sheet for people: :data:`REPORT_SHEET`'s layout, the fit and tracker columns, Chinese labels."""
    return replace(REPORT_SHEET, columns=zh_report_columns(tracker=tracker), labels=ZH_HEADERS,
                   kinds={**REPORT_KINDS, "tracker_note": "long"})


def zh_values(rows: Iterable[dict], *,
              tracker: Mapping[tuple[str, str], tuple[str, str]] | None = None) -> Iterator[dict]:
    """Machine rows (:func:`report_rows`) with values for people, still keyed by machine column.

    Adds ``fit`` (the score in words, :mod:`matcher.labels`); ``tracker``
    maps ``(org_id, grant_id)`` to ``(status, note)``, and with it every row
    gets the tracker's status and note (blank when unmarked). Values keep
    their types (numbers, dates) for the XLSX.
    """
    from .labels import score_labels

    labels = score_labels()
    for row in rows:
        out = {k: ZH_VALUES.get(k, {}).get(v, v) if isinstance(v, str) else v for k, v in row.items()}
        out["fit"] = labels.label(float(row["score"]), bool(row["reasons"])).text
        if tracker is not None:
            out["tracker_status"], out["tracker_note"] = tracker.get((row["org_id"], row["grant_id"]), ("", ""))
        yield out


def zh_rows(rows: Iterable[dict], *, tracker: Mapping[tuple[str, str], tuple[str, str]] | None = None) -> Iterator[dict]:
    """Machine rows relabelled for people, keyed by the Chinese headers (:func:`zh_columns`), e.g. for a CSV."""
    order = zh_report_columns(tracker=tracker is not None)
    for row in zh_values(rows, tracker=tracker):
        yield {ZH_HEADERS[c]: row.get(c, "") for c in order}


def neutralize(value: object) -> object:
    """Prefix a text cell that Excel would treat as a formula with ``'`` (CSV only: OWASP's advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def format_reasons(match: Match) -> str:
    """``儿童 0.212；阅读 0.104`` — the terms and what each adds to the score."""
    return "；".join(f"{r.term} {r.weight:.3f}" for r in match.reasons)


def _conditions_text(match: Match, status: str) -> str:
    return " | ".join(c.explanation for c in match.checks if c.status == status and c.kind != "unread")


#: Chinese names of the ranker's features, for the ``parts`` column and pages.
FEATURE_NAMES = {"word": "词语", "concept": "领域概念", "stage": "发展阶段", "open": "不限领域"}


def format_parts(match: Match) -> str:
    """``词语 0.210；领域概念 0.110`` — each feature's part of the score (they add up to it)."""
    return "；".join(f"{FEATURE_NAMES.get(f, f)} {w:.3f}" for f, w in match.parts if w > 0)


def report_rows(results: Iterable[tuple[Org, list[Match]]], *, as_of: date | None = None,
                stale_after_days: int = DEFAULT_STALE_DAYS) -> Iterator[dict]:
    """One dict per (organization, rank), keyed by :data:`REPORT_COLUMNS`.

    ``next_step`` is the step to qualify (:func:`matcher.advice.next_step`),
    blank for a programme the organization may apply to.

    Values keep their types — ``rank`` an int, ``score`` a float (4
    decimals), ``deadline`` a date or None — so the XLSX holds numbers and
    dates; the CSV writes them as text. ``info_note`` is
    :func:`~matcher.freshness.info_note` on ``as_of`` (default today).
    """
    day = as_of or date.today()
    for org, matches in results:
        for m in matches:
            d = info_date(m.grant)
            yield {
                "org_id": org.org_id,
                "org_name": org.name,
                "rank": m.rank,
                "grant_id": m.grant.grant_id,
                "grant_name": m.grant.name,
                "score": round(m.score, 4),
                "reasons": format_reasons(m),
                "eligibility": m.eligibility,
                "unmet": _conditions_text(m, "unmet"),
                "unknown": _conditions_text(m, "unknown"),
                # requirement clauses the reader could not check: to confirm by hand
                "unread": " | ".join(c.evidence for c in m.checks if c.kind == "unread"),
                # what to do first when the organization may not (yet) apply (matcher.advice)
                "next_step": step.text if (step := next_step(m, org, day)) is not None else "",
                "parts": format_parts(m),
                "expired": "是" if m.expired else "",
                "deadline": m.grant.deadline,
                "funder": m.grant.funder,
                "info_date": d.text if d else "",
                "info_note": info_note(m.grant, day, stale_after_days),
            }


def programme_rows(grants: Iterable[Grant], conditions: Callable[[Grant], Sequence[Condition]], *,
                   as_of: date | None = None, stale_after_days: int = DEFAULT_STALE_DAYS) -> Iterator[dict]:
    """One dict per programme, keyed by :data:`PROGRAMME_COLUMNS` (the report's second sheet).

    ``conditions(grant)`` gives the conditions checked (e.g. a
    :class:`~matcher.rank.Matcher`'s, read once); they are listed by their
    Chinese labels.
    """
    day = as_of or date.today()
    for g in grants:
        d = info_date(g)
        yield {
            "grant_id": g.grant_id,
            "name": g.name,
            "funder": g.funder,
            "deadline": g.deadline,
            "url": g.url,
            "conditions": "；".join(c.describe() for c in conditions(g)),
            "info_date": d.text if d else "",
            "info_note": info_note(g, day, stale_after_days),
        }


def programmes_of(matcher: Matcher, *, as_of: date | None = None,
                  stale_after_days: int = DEFAULT_STALE_DAYS) -> Callable[[Sequence[str]], Iterator[dict]]:
    """For :func:`write_xlsx`: the programme rows of the ids a report names, from ``matcher``."""

    def rows(ids: Sequence[str]) -> Iterator[dict]:
        return programme_rows((matcher.grant(i) for i in ids), lambda g: matcher.conditions(matcher.index[g.grant_id]),
                              as_of=as_of, stale_after_days=stale_after_days)

    return rows


class atomic_output:
    """Context manager: a text file at ``path`` appears whole or not at all.

    ``path=None`` or ``"-"`` writes to stdout instead. Refuses to overwrite
    any of ``protect`` (the input files): a typo must not destroy data.
    """

    def __init__(self, path: str | os.PathLike[str] | None, *, protect: Iterable[str | os.PathLike[str]] = (),
                 bom: bool = True) -> None:
        self.path = None if path in (None, "-") else Path(path)
        self.protect = [Path(p) for p in protect]
        self.bom = bom
        self._tmp: str | None = None

    def __enter__(self):
        from .errors import InputError

        if self.path is None:
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
            if self.bom and not sys.stdout.isatty():
                out.write("\ufeff")
            self._fh = out
            return out
        for p in self.protect:
            try:
                if p.exists() and self.path.exists() and os.path.samefile(p, self.path):
                    raise InputError("输出文件与输入文件相同，拒绝覆盖输入数据", path=str(self.path))
            except OSError:
                pass
        if self.path.is_dir():
            raise InputError("输出路径是一个文件夹", path=str(self.path))
        parent = self.path.parent
        if not parent.exists():
            raise InputError("输出文件所在的文件夹不存在", path=str(self.path))
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=parent)
        self._fh = os.fdopen(fd, "w", encoding="utf-8-sig" if self.bom else "utf-8", newline="")
        return self._fh

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.path is None:
            self._fh.flush()
            self._fh.detach()
            return
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            if exc_type is None:
                os.replace(self._tmp, self.path)
        finally:
            if self._tmp and os.path.exists(self._tmp):
                os.unlink(self._tmp)


def _csv_text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_csv(rows: Iterable[dict], fh, columns: Iterable[str] = REPORT_COLUMNS) -> int:
    """Write rows to an open text file (formula-looking text prefixed with ``'``); returns the number of rows."""
    columns = list(columns)
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow([neutralize(_csv_text(row.get(c, ""))) for c in columns])
        n += 1
    return n


def write_xlsx(rows: Iterable[dict], path_or_buffer, sheet: Sheet = REPORT_SHEET, *,
               programmes: Callable[[Sequence[str]], Iterable[dict]] | None = None,
               programme_sheet: Sheet = PROGRAMME_SHEET) -> int:
    """Write rows as an .xlsx workbook ready to hand out (see :mod:`matcher.xlsx` for the layout).

    ``programmes(grant_ids)``, when given, makes a second sheet of the
    programmes the rows name, in the order first named. Returns the number
    of rows of the first sheet. A path is written atomically.
    """
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    seen: dict[str, None] = {}

    def noting(rs: Iterable[dict]) -> Iterator[dict]:
        for r in rs:
            seen.setdefault(str(r.get("grant_id", "")))
            yield r

    n = write_sheet(wb, noting(rows), sheet)
    if programmes is not None:
        write_sheet(wb, programmes([k for k in seen if k]), programme_sheet)
    if isinstance(path_or_buffer, (str, os.PathLike)):
        target = Path(path_or_buffer)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            wb.save(tmp)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    else:
        wb.save(path_or_buffer)
    return n
