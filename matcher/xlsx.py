"""Lay out a sheet to hand out: the *how* of an XLSX, kept apart from *which* columns and headers.

Reads a :class:`Sheet` (columns, their header labels as data, and a kind
per column) and rows as dicts; writes one streamed openpyxl sheet with a
frozen, bold header row (repeated on printed pages, landscape A4, as wide as
one page), an autofilter over the table, column widths fitted
to the content (measured on the first rows; Chinese characters count
double), long text wrapped (rows made as tall as their text: spreadsheets
do not grow the rows a program writes), dates as dates, numbers as numbers, http(s)
links as links, and text that looks like a formula (``=…``, ``+…``, ``-…``,
``@…``) as a string cell exactly as written — never a formula, no ``'``
shown (the cell is also marked ``quotePrefix``, so editing it in Excel
keeps it text).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice

from .records import is_web_url

__all__ = ["PROGRAMME_KINDS", "REPORT_KINDS", "Sheet", "display_width", "write_sheet"]

#: Column kinds: text (default, wrapped past its cap), long (wide, wrapped), int, score, date, link.
KINDS = ("text", "long", "int", "score", "date", "link")
REPORT_KINDS = {"org_name": "long", "grant_name": "long", "reasons": "long", "unmet": "long", "unknown": "long", "unread": "long",
                "next_step": "long", "funder": "long", "info_note": "long", "rank": "int", "score": "score", "deadline": "date"}
PROGRAMME_KINDS = {"name": "long", "funder": "long", "conditions": "long", "info_note": "long", "deadline": "date",
                   "url": "link"}
#: Width limits (Excel's unit: about one Latin digit) per kind.
WIDTH = {"text": (6, 24), "long": (12, 48), "int": (5, 8), "score": (8, 10), "date": (11, 12), "link": (10, 40)}
SAMPLE_ROWS = 500
LINE_POINTS = 15  # one line of 11-point text
MAX_LINES = 20
_FORMULA_START = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML at all


@dataclass(frozen=True)
class Sheet:
    """One sheet's columns, their header labels (default: the column key) and kinds (default: text)."""

    title: str
    columns: tuple[str, ...]
    labels: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)

    def label(self, column: str) -> str:
        """The header shown for ``column``."""
        return self.labels.get(column, column)

    def kind(self, column: str) -> str:
        """How ``column`` is shown (one of :data:`KINDS`)."""
        return self.kinds.get(column, "text")


def display_width(value: object) -> int:
    """Width of the longest line, wide (CJK) characters counting 2."""
    text = value.isoformat() if isinstance(value, date) else "" if value is None else str(value)
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in text.split("\n")), default=0)


def _lines(value: object, width: float) -> int:
    """Lines a wrapped cell takes at ``width`` (spreadsheets do not grow rows written by a program)."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1.0, width - 1)
    return sum(max(1, math.ceil(display_width(part) / per_line)) for part in value.split("\n"))


def _widths(sheet: Sheet, sample: list[dict]) -> dict[str, float]:
    out = {}
    for col in sheet.columns:
        lo, hi = WIDTH[sheet.kind(col)]
        need = max([display_width(sheet.label(col))] + [display_width(r.get(col)) for r in sample])
        out[col] = float(min(hi, max(lo, need + 2)))
    return out


class _Styles:
    """The few styles of a report, made once (openpyxl looks each up per cell)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.top = Alignment(vertical="top")
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.head_font = Font(name="Calibri", bold=True)
        self.head_fill = PatternFill("solid", fgColor="DDE6F0")
        self.link_font = Font(name="Calibri", color="1F5C99", underline="single")


def _cell(ws, value: object, kind: str, wrap: bool, st: _Styles):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
    c = WriteOnlyCell(ws, value=None if value == "" else value)
    if kind == "date" and isinstance(value, date):
        c.number_format = "yyyy-mm-dd"
    elif kind == "score" and isinstance(value, float):
        c.number_format = "0.0000"
    elif isinstance(value, str):
        if value.startswith(_FORMULA_START):
            c.data_type = "s"  # openpyxl would store "=…" as a formula
            c.quotePrefix = True
        elif kind == "link" and is_web_url(value):
            c.hyperlink = value
            c.font = st.link_font
    c.alignment = st.wrap if wrap else st.top
    return c


def write_sheet(wb, rows: Iterable[dict], sheet: Sheet) -> int:
    """Append one laid-out sheet to a write-only workbook; returns the number of data rows."""
    from openpyxl.utils import get_column_letter

    st = _Styles()
    ws = wb.create_sheet(sheet.title[:31])
    it: Iterator[dict] = iter(rows)
    sample = list(islice(it, SAMPLE_ROWS))
    widths = _widths(sheet, sample)
    letters = {col: get_column_letter(i) for i, col in enumerate(sheet.columns, 1)}
    for col, w in widths.items():  # before the first row: a streamed sheet writes its columns first
        ws.column_dimensions[letters[col]].width = w
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"  # printed: the header on every page, landscape, all columns on one page's width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    head = []
    for col in sheet.columns:
        c = _cell(ws, sheet.label(col), "text", True, st)
        c.font, c.fill = st.head_font, st.head_fill
        head.append(c)
    ws.append(head)
    kinds = {col: sheet.kind(col) for col in sheet.columns}
    wrap = {col: kinds[col] in ("long", "text") for col in sheet.columns}
    wrapped = [col for col in sheet.columns if wrap[col]]
    n = 0
    for row in chain(sample, it):
        lines = max((_lines(row.get(col), widths[col]) for col in wrapped), default=1)
        if lines > 1:  # set before the row is written: a streamed sheet writes each row once
            ws.row_dimensions[n + 2].height = LINE_POINTS * min(lines, MAX_LINES)
        ws.append([_cell(ws, row.get(col, ""), kinds[col], wrap[col], st) for col in sheet.columns])
        n += 1
    ws.auto_filter.ref = f"A1:{letters[sheet.columns[-1]]}{n + 1}"
    return n
