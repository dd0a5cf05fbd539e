"""Load and validate the grants and organizations files.

This is the boundary: everything a person can get wrong in Excel is caught
here and reported with file, row and column (rows numbered as Excel shows
them: the header is row 1). Past this module the records are trusted.

Accepted: CSV in UTF-8 (with or without BOM), GBK/GB18030 (what Excel on
Chinese Windows saves), any line ends; and ``.xlsx`` (first sheet).
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import struct
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from .errors import InputError
from .freshness import parse_info_date
from .records import (
    GRANT_OPTIONAL,
    GRANT_REQUIRED,
    LEGAL_FORMS,
    ORG_OPTIONAL,
    ORG_REQUIRED,
    RATINGS,
    STAGES,
    Grant,
    Org,
    is_web_url,
)
from .recurrence import RECURS_LABELS, parse_recurs

__all__ = [
    "MAX_TEXT_CHARS",
    "MAX_XLSX_BYTES",
    "MAX_XLSX_COLUMNS",
    "MAX_XLSX_ROWS",
    "RecordError",
    "grant_cells",
    "grant_record",
    "grants_fingerprint",
    "load_grants",
    "load_orgs",
    "org_cells",
    "org_record",
    "read_table",
    "records_csv",
]

log = logging.getLogger("matcher")

#: Longer cells are cut (with a warning): a pasted 1 MB Word document would
#: otherwise dominate tokenizing time and say nothing more about fit.
MAX_TEXT_CHARS = 20_000
MAX_FILE_BYTES = 512 * 1024 * 1024

#: An .xlsx is checked against these before a cell is read. Its own
#: ``<dimension>`` is not trusted: a 2 KB file may declare 1,048,576 rows ×
#: 16,384 columns, and a 500 KB zip may hold 100 MB of XML. Bigger tables
#: belong in CSV, which has no such limits.
MAX_XLSX_ROWS = 200_000
MAX_XLSX_COLUMNS = 200
MAX_XLSX_BYTES = 64 * 1024 * 1024  # all parts together, uncompressed
MAX_XLSX_PARTS = 1_000
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"  # the only one openpyxl reads
_ROW_TAG, _CELL_TAG = f"{_SHEET_NS} row", f"{_SHEET_NS} c"
_CELL_REF = re.compile(r"^\$?([A-Za-z]+)\$?\d*$")

Warn = Callable[[str], None]

_LEGAL_ALIASES = {
    "民非": "民办非企业单位",
    "民办非企业": "民办非企业单位",
    "社会服务机构": "社会服务机构",
    "社团": "社会团体",
    "未注册": "未注册团体",
    "志愿者团队": "未注册团体",
    "公司": "工商注册",
    "企业": "工商注册",
    "社会企业": "工商注册",
}
_STAGE_ALIASES = {"初创": "初创期", "起步期": "初创期", "成长": "成长期", "成熟": "成熟期"}
_TRUE = {"是", "yes", "y", "true", "1", "对", "√"}
_FALSE = {"否", "no", "n", "false", "0", "不是", "×"}
FIELD_SEPARATORS = r"[;；,，、/|]"
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:0?0:00(?::00)?)?\s*$")


def _default_warn(message: str) -> None:
    log.warning(message)


# -- reading raw tables ---------------------------------------------------------


def _decode(raw: bytes, path: str, encoding: str | None) -> str:
    if encoding:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"无法按 {encoding} 编码读取：{exc}", path=path) from None
    if b"\x00" in raw[:65536]:
        raise InputError("不是文本CSV文件（含有二进制内容）；请另存为“CSV UTF-8”或 .xlsx", path=path)
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("无法识别文件编码（试过 UTF-8 与 GBK/GB18030）；可用 --encoding 指定", path=path)


def _unreadable(path: str, why: str = "") -> InputError:
    return InputError("无法读取 Excel 文件" + (f"：{why}" if why else ""), path=path)


def _too_big(path: str, row: int, column: str | None = None) -> InputError:
    return InputError(
        f"表格超出可读取的范围（最多 {MAX_XLSX_ROWS} 行、{MAX_XLSX_COLUMNS} 列）；"
        "请删除多余的行和列，或另存为 CSV",
        path=path, row=row, column=column,
    )


def _open_zip(raw: bytes, path: str) -> zipfile.ZipFile:
    """The archive, once its directory and its parts' total size are within bounds.

    Sizes come from the central directory; :mod:`zipfile` never inflates a
    part beyond its declared size (a part that lies fails its CRC), so the
    total checked here bounds what any later read can produce.
    """
    end = raw.rfind(b"PK\x05\x06", max(0, len(raw) - 22 - 65_535))
    if end < 0 or end + 22 > len(raw):
        raise _unreadable(path, "不是有效的 .xlsx 文件")
    parts, directory = struct.unpack_from("<HI", raw, end + 10)
    if parts > MAX_XLSX_PARTS or directory > 1024 * MAX_XLSX_PARTS:
        raise _unreadable(path, f"文件包含的部件过多（上限 {MAX_XLSX_PARTS} 个）")
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _unreadable(path, "不是有效的 .xlsx 文件") from None
    total = sum(i.file_size for i in zf.infolist())
    if total > MAX_XLSX_BYTES:
        zf.close()
        raise InputError(
            f"Excel 文件解压后过大（约 {total / 2**20:,.0f} MB，上限 {MAX_XLSX_BYTES // 2**20} MB）；请另存为 CSV",
            path=path,
        )
    return zf


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _check_extent(stream, path: str) -> None:
    """Read the sheet XML once, keeping nothing, and refuse it when a real row or cell lies beyond the limits.

    Follows openpyxl's placement: a ``<row>`` without ``r`` follows the
    previous row, a ``<c>`` without ``r`` the previous cell. A DTD is refused
    (a worksheet never has one).
    """
    from xml.parsers import expat

    row = col = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal row, col
        if name == _ROW_TAG:
            r = attrs.get("r")
            try:
                row = int(float(r)) if r else row + 1
            except ValueError:
                raise _unreadable(path, f"行号“{r[:20]}”无效") from None
            col = 0
            if row > MAX_XLSX_ROWS:
                raise _too_big(path, row)
        elif name == _CELL_TAG:
            ref = attrs.get("r")
            m = _CELL_REF.match(ref) if ref else None
            col = _column_number(m.group(1)) if m else col + 1
            if col > MAX_XLSX_COLUMNS:
                raise _too_big(path, row, m.group(1).upper() if m else None)

    def dtd(*_args) -> None:
        raise _unreadable(path, "工作表含有 DTD")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = dtd
    try:
        while chunk := stream.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise _unreadable(path, f"工作表 XML 有误（{expat.errors.messages.get(exc.code, exc.code)}）") from None


def _read_xlsx(raw: bytes, path: str) -> list[list[str]]:
    """The first sheet's rows, reading only the cells the file holds (trailing blanks dropped)."""
    with _open_zip(raw, path) as zf:
        try:
            from openpyxl import load_workbook

            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                ws = wb.worksheets[0]
                # openpyxl keeps the sheet's part name here; the extent is checked on those very bytes
                with zf.open(ws._worksheet_path) as sheet:
                    _check_extent(sheet, path)
                ws.reset_dimensions()  # the declared <dimension> would pad every row and column to it
                rows: list[list[str]] = []
                for row in ws.iter_rows(values_only=True):
                    if len(rows) >= MAX_XLSX_ROWS or len(row) > MAX_XLSX_COLUMNS:  # already refused above
                        raise _too_big(path, len(rows) + 1)
                    cells = [_cell_text(v) for v in row]
                    while cells and not cells[-1]:
                        cells.pop()
                    rows.append(cells)
            finally:
                wb.close()
            return rows
        except InputError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise _unreadable(path, type(exc).__name__) from None


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "strftime"):
        return v.strftime("%Y-%m-%d")  # type: ignore[union-attr]
    return str(v)


def read_table(
    path: str | Path, *, encoding: str | None = None, data: bytes | None = None
) -> list[list[str]]:
    """Return the rows of a CSV or XLSX file as lists of strings.

    ``data`` lets the web upload pass bytes it already holds; ``path`` then
    only names the file in messages and decides CSV vs XLSX by its suffix.
    """
    name = str(path)
    if data is None:
        p = Path(path)
        if not p.exists():
            raise InputError("文件不存在", path=name)
        if p.is_dir():
            raise InputError("这是一个文件夹，不是文件", path=name)
        if p.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"文件过大（上限 {MAX_FILE_BYTES // 2**20} MB）", path=name)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"无法读取文件：{exc.strerror}", path=name) from None
    if not data.strip():
        raise InputError("文件为空", path=name)
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, name)
    text = _decode(data, name, encoding)
    if "\x00" in text:
        raise InputError("不是文本CSV文件（含有二进制内容）", path=name)
    # The csv module refuses cells over 128 KB; a pasted Word document is a
    # user's text to cut with a warning (below), not a reason to fail.
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)
    try:
        sample = text[:4096]
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as exc:
        raise InputError(f"CSV 格式错误：{exc}", path=name) from None


# -- validating ---------------------------------------------------------------


class RecordError(InputError):
    """One record sent to be edited has problems: ``fields`` maps each column to its message.

    ``message`` and ``column`` are those of the first problem, so it reads
    like any :class:`InputError`.
    """

    def __init__(self, fields: dict[str, str], *, path: str | None = None, row: int | None = None) -> None:
        self.fields = dict(fields)
        column, message = next(iter(self.fields.items()))
        super().__init__(message, path=path, row=row, column=column)


class _Problems:
    """Where one record's problems go: the loader warns and goes on; an edit (``strict``) refuses.

    A forgivable problem is a *finding* ("“abc”不是整数") and a *consequence*
    ("按未知处理"). Loading a file, the value is treated as the consequence says
    and the whole sentence is a warning naming file, row and column, while an
    error stops the file at once. Editing one record, every finding and error
    is collected per column and raised together (:class:`RecordError`), since
    the person can fix them all now. Both read the same words.
    """

    def __init__(self, path: str | None, warn: Warn, *, strict: bool = False) -> None:
        self.path, self.warn, self.strict = path, warn, strict
        self.errors: dict[str, str] = {}

    def field(self, row: int | None, column: str, finding: str, consequence: str) -> None:
        if self.strict:
            self.errors.setdefault(column, finding)
            return
        self.warn(f"{InputError(finding, path=self.path, row=row, column=column)}，{consequence}")

    def error(self, row: int | None, column: str, message: str) -> None:
        if self.strict:
            self.errors.setdefault(column, message)
            return
        raise InputError(message, path=self.path, row=row, column=column)

    def check(self, row: int | None) -> None:
        """Raise what an edit collected."""
        if self.errors:
            raise RecordError(self.errors, path=self.path, row=row)


def _header_map(
    header: list[str], required: Sequence[str], optional: Sequence[str], path: str, warn: Warn
) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, raw in enumerate(header):
        name = raw.strip().strip("\ufeff").strip().lower()
        if not name:
            continue
        if name in cols:
            raise InputError("列名重复", path=path, row=1, column=name)
        cols[name] = i
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputError(
            f"缺少必需的列（需要：{', '.join(required)}）", path=path, row=1, column=missing[0]
        )
    extra = [c for c in cols if c not in required and c not in optional]
    if extra:
        warn(f"{path}：未知的列将被忽略：{', '.join(extra)}")
    return cols


def _clean_cells(
    cells: Mapping[str, str], required: Sequence[str], optional: Sequence[str], row: int | None,
    problems: _Problems,
) -> dict[str, str]:
    """One record's cells as the rest of the loader reads them: line ends unified, trimmed, cut, required present."""
    rec: dict[str, str] = {}
    for col in (*required, *optional):
        value = cells.get(col, "")
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(value) > MAX_TEXT_CHARS:
            problems.field(row, col, "文本过长", f"已截取前 {MAX_TEXT_CHARS} 字")
            value = value[:MAX_TEXT_CHARS]
        rec[col] = value
    for col in required:
        if not rec[col]:
            problems.error(row, col, "必填项为空")
    return rec


def _rows(
    path: str | Path,
    required: Sequence[str],
    optional: Sequence[str],
    encoding: str | None,
    data: bytes | None,
    warn: Warn,
):
    name = str(path)
    table = read_table(path, encoding=encoding, data=data)
    # Excel leaves fully blank rows behind; they are not records.
    while table and not any(c.strip() for c in table[0]):
        table.pop(0)
    if not table:
        raise InputError("文件为空", path=name)
    cols = _header_map(table[0], required, optional, name, warn)
    problems = _Problems(name, warn)
    n_data = 0
    for excel_row, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        n_data += 1
        present = {col: (cells[i] if i < len(cells) else "") for col, i in cols.items()}
        yield excel_row, _clean_cells(present, required, optional, excel_row, problems)
    if n_data == 0:
        raise InputError("只有表头，没有数据行", path=name, row=2)


def _check_id_text(value: str, name: str | None, row: int | None, column: str) -> None:
    if any(ch in value for ch in "/\\?#") or value != value.strip():
        raise InputError(f"编号“{value}”含有不允许的字符（/ \\ ? #）", path=name, row=row, column=column)


def _valid_id(value: str, row: int | None, column: str, problems: _Problems) -> None:
    try:
        _check_id_text(value, problems.path, row, column)
    except InputError as exc:
        problems.error(row, column, exc.message)


def _check_id(value: str, seen: dict[str, int], name: str, row: int, column: str) -> None:
    if value in seen:
        raise InputError(f"编号“{value}”重复（第{seen[value]}行已出现）", path=name, row=row, column=column)
    _check_id_text(value, name, row, column)
    seen[value] = row


def _parse_date(value: str, row: int | None, column: str, problems: _Problems) -> date | None:
    if not value:
        return None
    m = _DATE.match(value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    problems.field(row, column, f"无法识别的日期“{value}”（应为 YYYY-MM-DD）", "按未填写处理")
    return None


def _parse_info_date(value: str, row: int | None, problems: _Problems) -> str:
    """The ``updated`` column: a day, a month or a year, as precise as the source is."""
    if not value:
        return ""
    parsed = parse_info_date(value)
    if parsed is None:
        problems.field(row, "updated", f"无法识别的日期“{value}”（应为 YYYY-MM-DD、YYYY-MM 或 YYYY）", "按未填写处理")
        return ""
    return parsed.text


def grant_record(
    cells: Mapping[str, str], *, path: str | None = None, row: int | None = None, warn: Warn | None = None,
    strict: bool = False,
) -> Grant:
    """Validate one programme given as ``column -> text``, exactly as a row of a grants file is.

    The loader calls it for every row; an edit of one programme calls it
    with ``strict=True``, so a value the loader would only warn about (and
    treat as unknown) is an :class:`InputError` on its column, in the same
    words. Not checked here: that the id is unique (a property of the file).
    """
    problems = _Problems(path, warn or _default_warn, strict=strict)
    rec = _clean_cells(cells, GRANT_REQUIRED, GRANT_OPTIONAL, row, problems)
    _valid_id(rec["grant_id"], row, "grant_id", problems)
    if rec["conditions"]:
        from .conditions import parse_manual  # validated here, at the boundary

        try:
            parse_manual(rec["conditions"], path=path, row=row)
        except InputError as exc:
            problems.error(row, "conditions", exc.message)
    url = rec["url"]
    if url and not is_web_url(url):
        problems.field(row, "url", f"“{url[:60]}”不是 http/https 链接", "只显示为文字")
    source_url = rec["source_url"]
    if source_url and not is_web_url(source_url):
        problems.field(row, "source_url", f"“{source_url[:60]}”不是 http/https 链接", "只显示为文字")
    deadline = _parse_date(rec["deadline"], row, "deadline", problems)
    updated = _parse_info_date(rec["updated"], row, problems)
    recurs = parse_recurs(rec["recurs"])
    if recurs is None:
        problems.field(row, "recurs", f"“{rec['recurs'][:20]}”不在可选值（每年 / 每半年 / 每季度 / 不定期，"
                       "或 yearly / half-yearly / quarterly / none）中", "按未填写处理")
        recurs = ""
    problems.check(row)
    return Grant(
        grant_id=rec["grant_id"],
        name=rec["name"],
        funder=rec["funder"],
        category=rec["category"],
        eligibility=rec["eligibility"],
        description=rec["description"],
        region=rec["region"],
        deadline=deadline,
        url=url,
        source=rec["source"],
        conditions=rec["conditions"],
        updated=updated,
        source_url=source_url,
        recurs=recurs,
    )


def load_grants(
    path: str | Path,
    *,
    encoding: str | None = None,
    data: bytes | None = None,
    warn: Warn | None = None,
) -> list[Grant]:
    """Read and validate a programmes file (see README for the columns)."""
    warn = warn or _default_warn
    name = str(path)
    seen: dict[str, int] = {}
    grants = []
    for row, rec in _rows(path, GRANT_REQUIRED, GRANT_OPTIONAL, encoding, data, warn):
        _check_id(rec["grant_id"], seen, name, row, "grant_id")
        grants.append(grant_record(rec, path=name, row=row, warn=warn))
    return grants


def _parse_int(value: str, row: int | None, column: str, problems: _Problems) -> int | None:
    if not value:
        return None
    v = value.replace(",", "").strip()
    if v.endswith(("年", "人", "名")):
        v = v[:-1]
    try:
        f = float(v)
        if f.is_integer() and f >= 0:
            return int(f)
    except ValueError:
        pass
    problems.field(row, column, f"“{value}”不是整数", "按未知处理")
    return None


def _parse_choice(
    value: str, allowed: Sequence[str], aliases: dict[str, str], row: int | None, column: str, problems: _Problems
) -> str:
    if not value:
        return ""
    if value in allowed:
        return value
    if value in aliases:
        return aliases[value]
    problems.field(row, column, f"“{value}”不在可选值（{' / '.join(allowed)}）中", "按未知处理")
    return ""


def org_record(
    cells: Mapping[str, str], *, path: str | None = None, row: int | None = None, warn: Warn | None = None,
    strict: bool = False, today: date | None = None,
) -> Org:
    """Validate one organization given as ``column -> text``, exactly as a row of an organizations file is.

    ``strict`` as in :func:`grant_record`.
    """
    problems = _Problems(path, warn or _default_warn, strict=strict)
    rec = _clean_cells(cells, ORG_REQUIRED, ORG_OPTIONAL, row, problems)
    _valid_id(rec["org_id"], row, "org_id", problems)
    this_year = (today or date.today()).year
    year = _parse_int(rec["founded_year"], row, "founded_year", problems)
    if year is not None and year > this_year:
        problems.error(row, "founded_year", f"成立年份 {year} 晚于今年（{this_year}）")
    elif year is not None and year < 1900:
        problems.field(row, "founded_year", f"年份 {year} 不合理", "按未知处理")
        year = None
    women = rec["women_led"].lower()
    women_led = True if women in _TRUE else False if women in _FALSE else None
    if women and women_led is None:
        problems.field(row, "women_led", f"“{rec['women_led']}”应为 是 / 否", "按未知处理")
    fields = tuple(t.strip() for t in re.split(FIELD_SEPARATORS, rec["fields"]) if t.strip())
    legal_form = _parse_choice(rec["legal_form"], LEGAL_FORMS, _LEGAL_ALIASES, row, "legal_form", problems)
    stage = _parse_choice(rec["stage"], STAGES, _STAGE_ALIASES, row, "stage", problems)
    staff = _parse_int(rec["fulltime_staff"], row, "fulltime_staff", problems)
    rating = _parse_choice(rec["rating"].upper().replace("Ａ", "A").replace("级", ""), RATINGS, _RATING_ALIASES,
                           row, "rating", problems)
    inspected = _parse_int(rec["inspection_year"], row, "inspection_year", problems)
    if inspected is not None and not 1980 <= inspected <= this_year:
        problems.field(row, "inspection_year", f"年份 {inspected} 不合理", "按未知处理")
        inspected = None
    charity = _parse_yes_no(rec["charity"], row, "charity", problems)
    public = _parse_yes_no(rec["public_fundraising"], row, "public_fundraising", problems)
    problems.check(row)
    return Org(
        org_id=rec["org_id"],
        name=rec["name"],
        profile=rec["profile"],
        city=rec["city"],
        founded_year=year,
        legal_form=legal_form,
        stage=stage,
        fields=fields,
        fulltime_staff=staff,
        women_led=women_led,
        rating=rating,
        inspection_year=inspected,
        charity=charity,
        public_fundraising=public,
    )


def _parse_yes_no(value: str, row: int | None, column: str, problems: _Problems) -> bool | None:
    v = value.strip().lower()
    if not v:
        return None
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    problems.field(row, column, f"“{value}”应为 是 / 否", "按未知处理")
    return None


_RATING_ALIASES = {"0": "无", "0A": "无", "NONE": "无", "未评估": "无", "没有": "无",
                   **{f"{n}": f"{n}A" for n in range(1, 6)}, **{f"{c}A": f"{n}A" for n, c in enumerate("一二三四五", 1)}}


def load_orgs(
    path: str | Path,
    *,
    encoding: str | None = None,
    data: bytes | None = None,
    warn: Warn | None = None,
    today: date | None = None,
) -> list[Org]:
    """Read and validate an organizations file (see README for the columns)."""
    warn = warn or _default_warn
    name = str(path)
    seen: dict[str, int] = {}
    orgs = []
    for row, rec in _rows(path, ORG_REQUIRED, ORG_OPTIONAL, encoding, data, warn):
        _check_id(rec["org_id"], seen, name, row, "org_id")
        orgs.append(org_record(rec, path=name, row=row, warn=warn, today=today))
    return orgs


# -- writing --------------------------------------------------------------------


def grant_cells(g: Grant) -> dict[str, str]:
    """A programme as the cells of its row (the inverse of :func:`grant_record`)."""
    return {
        "grant_id": g.grant_id, "name": g.name, "funder": g.funder, "category": g.category,
        "eligibility": g.eligibility, "description": g.description, "region": g.region,
        "deadline": g.deadline.isoformat() if g.deadline else "", "url": g.url, "source": g.source,
        "conditions": g.conditions, "updated": g.updated, "source_url": g.source_url,
        "recurs": RECURS_LABELS.get(g.recurs, g.recurs),  # what people write; read back the same
    }


def org_cells(o: Org) -> dict[str, str]:
    """An organization as the cells of its row (the inverse of :func:`org_record`)."""
    return {
        "org_id": o.org_id, "name": o.name, "profile": o.profile, "city": o.city,
        "founded_year": "" if o.founded_year is None else str(o.founded_year), "legal_form": o.legal_form,
        "stage": o.stage, "fields": ";".join(o.fields),
        "fulltime_staff": "" if o.fulltime_staff is None else str(o.fulltime_staff),
        "women_led": "" if o.women_led is None else ("是" if o.women_led else "否"),
        "rating": o.rating,
        "inspection_year": "" if o.inspection_year is None else str(o.inspection_year),
        "charity": "" if o.charity is None else ("是" if o.charity else "否"),
        "public_fundraising": "" if o.public_fundraising is None else ("是" if o.public_fundraising else "否"),
    }


def records_csv(records: Sequence[Grant] | Sequence[Org], *, kind: str) -> bytes:
    """A ``kind`` (``"grants"`` or ``"orgs"``) file holding exactly ``records``: UTF-8 with BOM, every known column.

    Loading it gives the same records back (cells are written as the
    records hold them; nothing is neutralized: this is data, not a report).
    """
    if kind == "grants":
        columns, cells = (*GRANT_REQUIRED, *GRANT_OPTIONAL), grant_cells
    elif kind == "orgs":
        columns, cells = (*ORG_REQUIRED, *ORG_OPTIONAL), org_cells
    else:
        raise ValueError(f"unknown kind {kind!r}")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(columns)
    for r in records:
        row = cells(r)  # type: ignore[arg-type]
        w.writerow([row[c] for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# Only what the model reads: a new deadline or url needs no rebuild.
_MODEL_FIELDS = ("grant_id", "name", "funder", "category", "eligibility", "description")


def grants_fingerprint(grants: Sequence[Grant]) -> str:
    """SHA-256 of the grants' content, independent of file encoding or format.

    A model records this; a model whose fingerprint differs from the data at
    hand was built from other grants and is rebuilt, never silently used.
    """
    h = hashlib.sha256()
    for g in grants:
        for n in _MODEL_FIELDS:
            h.update(str(getattr(g, n)).encode("utf-8"))
            h.update(b"\x1f")
        h.update(b"\x1e")
    return h.hexdigest()
