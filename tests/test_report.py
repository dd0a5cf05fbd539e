import csv
import io
from datetime import date

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


@pytest.mark.parametrize("bad", ["=HYPERLINK(\"http://evil\",\"点我\")", "+1", "-2+3", "@SUM(A1)"])
def test_xlsx_keeps_formula_looking_text_as_a_string_cell_exactly_as_written(tmp_path, bad):
    import zipfile

    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    write_xlsx([dict.fromkeys(REPORT_COLUMNS, bad)], out)
    ws = load_workbook(out).active
    assert ws["B2"].value == bad and ws["B2"].data_type == "s" and ws["B2"].quotePrefix  # no ', never a formula
    sheet = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b't="inlineStr"' in sheet


def test_csv_keeps_the_owasp_prefix(tmp_path):
    text_ = io.StringIO()
    write_csv([dict.fromkeys(REPORT_COLUMNS, "=1+1")], text_)
    assert text_.getvalue().splitlines()[1].startswith("'=1+1,")


def _report(matcher, orgs, tmp_path, **kw):
    import dataclasses

    from matcher.rank import Matcher
    from matcher.report import programmes_of

    grants = [dataclasses.replace(g, deadline=date(2027, 3, 31)) if g.grant_id == "xiangcun-yuedu" else g
              for g in matcher.grants]
    m = Matcher(matcher.model, grants)
    out = tmp_path / "r.xlsx"
    n = write_xlsx(report_rows(recommend_many(m, orgs, top=3, as_of=AS_OF), as_of=AS_OF), out,
                   programmes=programmes_of(m, as_of=AS_OF), **kw)
    return out, n


def test_xlsx_is_laid_out_to_hand_out(matcher, orgs, tmp_path):
    from openpyxl import load_workbook

    out, n = _report(matcher, orgs, tmp_path)
    wb = load_workbook(out)
    ws, progs = wb.worksheets
    assert n == 18 and ws.max_row == 19
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:Q19"
    assert [c.value for c in ws[1]] == list(REPORT_COLUMNS) and ws["A1"].font.b
    widths = {c: ws.column_dimensions[c].width for c in "ABCEFGL"}
    assert widths["B"] >= 30 and widths["E"] >= 20 and widths["G"] >= 30  # names and reasons wide
    assert widths["C"] <= 8 and widths["F"] <= 10  # rank and score narrow
    assert ws["B2"].alignment.wrap_text and ws["G2"].alignment.wrap_text
    # a row whose unknown-conditions text wraps is made taller (spreadsheets do not grow it themselves)
    long_row = next(r[0].row for r in ws.iter_rows(min_row=2) if len(r[9].value or "") > 60)
    assert ws.row_dimensions[long_row].height >= 30
    assert any(ws.row_dimensions[r].height is None for r in range(2, 20))  # a short row keeps the default height
    rank, score = ws["C2"].value, ws["F2"].value
    assert isinstance(rank, int) and isinstance(score, float) and ws["F2"].number_format == "0.0000"
    deadline = next(r[13] for r in ws.iter_rows(min_row=2) if r[3].value == "xiangcun-yuedu")
    assert deadline.is_date and deadline.value.date() == date(2027, 3, 31) and deadline.number_format == "yyyy-mm-dd"
    assert ws["Q2"].value == "资讯可能已过期，请核实" and ws["P2"].value == "2019"
    # the second sheet: the programmes the report names, each once
    assert progs.title == "资助项目" and progs.freeze_panes == "A2"
    assert [c.value for c in progs[1]] == ["grant_id", "name", "funder", "deadline", "url", "conditions", "info_date",
                                          "info_note"]
    ids = [r[0].value for r in progs.iter_rows(min_row=2)]
    assert len(ids) == len(set(ids)) == len({r[3].value for r in ws.iter_rows(min_row=2)})
    yuedu = next(r for r in progs.iter_rows(min_row=2) if r[0].value == "xiangcun-yuedu")
    assert "注册满1年" in yuedu[5].value and yuedu[3].is_date


def test_header_labels_are_data(matcher, orgs, tmp_path):
    import dataclasses

    from openpyxl import load_workbook

    from matcher.report import REPORT_SHEET

    labels = {"org_name": "机构名称", "grant_name": "项目名称"}
    out, _ = _report(matcher, orgs, tmp_path, sheet=dataclasses.replace(REPORT_SHEET, labels=labels))
    ws = load_workbook(out).worksheets[0]
    assert ws["B1"].value == "机构名称" and ws["E1"].value == "项目名称" and ws["A1"].value == "org_id"
