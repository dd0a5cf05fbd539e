import csv
import io

import pytest

from matcher.errors import InputError
from matcher.rank import recommend_many
from matcher.report import REPORT_COLUMNS, atomic_output, neutralize, report_rows, write_csv, write_xlsx
from tests.conftest import AS_OF


@pytest.mark.parametrize("bad", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralized(bad):
    assert neutralize(bad) == "'" + bad


def test_plain_cells_untouched():
    assert neutralize("儿童") == "儿童" and neutralize(3) == 3 and neutralize("a=b") == "a=b"


def test_csv_has_bom_and_columns(matcher, orgs, tmp_path):
    out = tmp_path / "r.csv"
    with atomic_output(out) as fh:
        n = write_csv(report_rows(recommend_many(matcher, orgs, top=3, as_of=AS_OF)), fh)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert n == len(rows) == 18
    assert tuple(rows[0]) == REPORT_COLUMNS


def test_crash_mid_write_leaves_no_file(tmp_path):
    out = tmp_path / "r.csv"

    def rows():
        yield dict.fromkeys(REPORT_COLUMNS, "x")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        with atomic_output(out) as fh:
            write_csv(rows(), fh)
    assert list(tmp_path.iterdir()) == []


def test_crash_keeps_the_previous_report(tmp_path):
    out = tmp_path / "r.csv"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_output(out) as fh:
            fh.write("new half")
            raise RuntimeError("boom")
    assert out.read_text(encoding="utf-8") == "old"


def test_refuses_to_overwrite_an_input(tmp_path):
    src = tmp_path / "orgs.csv"
    src.write_text("data", encoding="utf-8")
    with pytest.raises(InputError, match="输入"):
        with atomic_output(src, protect=[src]):
            pass
    assert src.read_text(encoding="utf-8") == "data"


def test_xlsx_keeps_text_as_text(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    write_xlsx([dict.fromkeys(REPORT_COLUMNS, "=HYPERLINK(\"x\")")], out)
    ws = load_workbook(out).active
    assert ws["A2"].value == "'=HYPERLINK(\"x\")" and ws["A2"].data_type == "s"
