"""Write match reports that Excel on Chinese Windows opens correctly and safely.

CSV is UTF-8 with a BOM (without it Excel reads UTF-8 as GBK and shows
mojibake). Text cells that Excel would run as a formula are neutralized
(OWASP CSV-injection advice). Files are written to a temporary file and
renamed, so a crash never leaves half a report.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .records import Match, Org

__all__ = [
    "REPORT_COLUMNS",
    "ZH_HEADERS",
    "zh_columns",
    "zh_rows",
    "atomic_output",
    "format_reasons",
    "neutralize",
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
    "expired",
    "deadline",
    "funder",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# -- reports for people: Chinese headers and values ------------------------------------
# A mapping layer only: the machine rows above stay as they are (the CSV default), and
# zh_rows() relabels them for people (the XLSX, or ``report --lang zh``).

#: Machine column → the header people read.
ZH_HEADERS = {
    "org_id": "机构编号",
    "org_name": "机构名称",
    "rank": "排名",
    "grant_id": "项目编号",
    "grant_name": "资助项目",
    "fit": "契合程度",
    "score": "匹配度",
    "reasons": "推荐理由（共同的词及其得分）",
    "eligibility": "硬性条件",
    "unmet": "不符合的条件",
    "unknown": "待确认的条件",
    "expired": "已截止",
    "deadline": "截止日期",
    "funder": "资助方",
    "tracker_status": "跟踪状态",
    "tracker_note": "跟踪备注",
}
ZH_VALUES = {"eligibility": {"eligible": "符合", "ineligible": "不符合", "unknown": "待确认"}}
TRACKER_COLUMNS = ("tracker_status", "tracker_note")


def zh_columns(*, tracker: bool = False) -> tuple[str, ...]:
    """The Chinese headers in report order: 契合程度 beside 匹配度; the tracker's columns last when given."""
    cols = list(REPORT_COLUMNS)
    cols.insert(cols.index("score"), "fit")
    if tracker:
        cols += TRACKER_COLUMNS
    return tuple(ZH_HEADERS[c] for c in cols)


def zh_rows(rows: Iterable[dict], *, tracker: Mapping[tuple[str, str], tuple[str, str]] | None = None) -> Iterator[dict]:
    """Machine rows (:func:`report_rows`) relabelled for people.

    ``tracker`` maps ``(org_id, grant_id)`` to ``(status, note)``; with it
    every row gets the tracker's status and note (blank when unmarked).
    """
    from .labels import score_labels

    labels = score_labels()
    order = zh_columns(tracker=tracker is not None)
    for row in rows:
        out = {ZH_HEADERS[k]: ZH_VALUES.get(k, {}).get(v, v) for k, v in row.items() if k in ZH_HEADERS}
        out[ZH_HEADERS["fit"]] = labels.label(float(row["score"]), bool(row["reasons"])).text
        if tracker is not None:
            status, note = tracker.get((row["org_id"], row["grant_id"]), ("", ""))
            out[ZH_HEADERS["tracker_status"]], out[ZH_HEADERS["tracker_note"]] = status, note
        yield {c: out.get(c, "") for c in order}


def neutralize(value: object) -> object:
    """Prefix a text cell that Excel would treat as a formula with ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def format_reasons(match: Match) -> str:
    """``儿童 0.212；阅读 0.104`` — the terms and what each adds to the score."""
    return "；".join(f"{r.term} {r.weight:.3f}" for r in match.reasons)


def _conditions_text(match: Match, status: str) -> str:
    return " | ".join(c.explanation for c in match.checks if c.status == status)


def report_rows(results: Iterable[tuple[Org, list[Match]]]) -> Iterator[dict]:
    """One dict per (organization, rank), in :data:`REPORT_COLUMNS` order."""
    for org, matches in results:
        for m in matches:
            yield {
                "org_id": org.org_id,
                "org_name": org.name,
                "rank": m.rank,
                "grant_id": m.grant.grant_id,
                "grant_name": m.grant.name,
                "score": f"{m.score:.4f}",
                "reasons": format_reasons(m),
                "eligibility": m.eligibility,
                "unmet": _conditions_text(m, "unmet"),
                "unknown": _conditions_text(m, "unknown"),
                "expired": "是" if m.expired else "",
                "deadline": m.grant.deadline.isoformat() if m.grant.deadline else "",
                "funder": m.grant.funder,
            }


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


def write_csv(rows: Iterable[dict], fh, columns: Iterable[str] = REPORT_COLUMNS) -> int:
    """Write rows to an open text file; returns the number of rows."""
    columns = list(columns)
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow([neutralize(row.get(c, "")) for c in columns])
        n += 1
    return n


def write_xlsx(rows: Iterable[dict], path_or_buffer, columns: Iterable[str] = REPORT_COLUMNS) -> int:
    """Write rows as an .xlsx workbook (strings stay strings, formulas never run)."""
    from openpyxl import Workbook

    columns = list(columns)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("匹配结果")
    ws.append(columns)
    n = 0
    for row in rows:
        ws.append([neutralize(row.get(c, "")) for c in columns])
        n += 1
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
