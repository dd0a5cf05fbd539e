"""Hostile inputs built in the tests, and a ceiling on this process's memory while they are read.

A regression on these files must fail a test, not take the machine down:
:func:`memory_ceiling` lowers the address-space limit for the block, so
an allocation past it raises ``MemoryError`` here instead.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pytest

SHEET = "xl/worksheets/sheet1.xml"
ORG_ROWS = [["org_id", "name", "profile"], ["a1", "表格机构", "我们为农村留守儿童开展阅读活动"]]


def _workbook(rows: Sequence[Sequence[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(raw: bytes, sheet_xml) -> bytes:
    """The same workbook with its first sheet's XML replaced by ``sheet_xml(old_text)`` (a str, or chunks)."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != SHEET:
                z.writestr(info.filename, data)
                continue
            new = sheet_xml(data.decode("utf-8"))
            if isinstance(new, str):
                z.writestr(info.filename, new.encode("utf-8"))
            else:
                with z.open(info.filename, "w") as fh:
                    for chunk in new:
                        fh.write(chunk)
    return out.getvalue()


def xlsx(rows: Sequence[Sequence[object]] = ORG_ROWS, *, dimension: str | None = None, extra_rows: str = "") -> bytes:
    """A real workbook; ``dimension`` replaces the declared ``<dimension ref>``, ``extra_rows`` is XML appended to the data."""

    def edit(xml: str) -> str:
        if dimension:
            xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>', xml)
        return xml.replace("</sheetData>", extra_rows + "</sheetData>")

    return _rewrite(_workbook(rows), edit)


def text_cell(ref: str, text: str = "x") -> str:
    """One inline-string cell, e.g. ``text_cell("XFD1048576")``."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_bomb(uncompressed: int) -> bytes:
    """A workbook whose sheet XML is ``uncompressed`` bytes of rows (one cell at column 200 each) in a small zip."""
    row = b'<row><c r="GR1" t="inlineStr"><is><t>x</t></is></c></row>'

    def edit(xml: str) -> Iterator[bytes]:
        xml = re.sub(r'<dimension ref="[^"]*"\s*/>', "", xml)  # many writers leave it out
        head, tail = xml.split("<sheetData>", 1)[0], xml.split("</sheetData>", 1)[1]
        yield (head + "<sheetData>").encode()
        block = row * (2**20 // len(row))
        for _ in range(uncompressed // len(block) + 1):
            yield block
        yield ("</sheetData>" + tail).encode()

    return _rewrite(_workbook(ORG_ROWS), edit)


def understate_size(raw: bytes, member: str = SHEET, size: int = 1024) -> bytes:
    """The zip with ``member``'s uncompressed size in the central directory set to ``size`` (a zip that lies)."""
    name = member.encode()
    at = 0
    while (at := raw.find(b"PK\x01\x02", at)) >= 0:
        n_name = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46:at + 46 + n_name] == name:
            return raw[:at + 24] + struct.pack("<I", size) + raw[at + 28:]
        at += 4
    raise AssertionError(f"{member} not in the zip")


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmSize")


@contextmanager
def memory_ceiling(extra: int = 512 * 2**20) -> Iterator[None]:
    """Allow this process at most ``extra`` more bytes of address space inside the block."""
    resource = pytest.importorskip("resource")
    try:
        used = _address_space()
    except OSError:
        pytest.skip("needs /proc/self/status (Linux)")
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = used + extra if hard == resource.RLIM_INFINITY else min(hard, used + extra)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextmanager
def peak_memory() -> Iterator[dict]:
    """``{"peak": bytes}`` allocated by Python at most inside the block (tracemalloc)."""
    import tracemalloc

    out = {"peak": 0}
    tracemalloc.start()
    try:
        yield out
    finally:
        out["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
