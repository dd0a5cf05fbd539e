import csv
import io
import subprocess
import sys

import pytest

from matcher.cli import main
from tests.conftest import DATA, ROOT, write


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_top3_has_18_rows_with_reasons(capsys, model_file):
    code, out, err = run(capsys, "report", "--orgs", str(DATA / "orgs.csv"), "--grants", str(DATA / "grants.csv"),
                         "--top", "3", "--model", str(model_file), "--as-of", "2026-11-28")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 18
    assert {r["rank"] for r in rows} == {"1", "2", "3"}
    # organizations whose profile says what they do get reasons for their best match
    for org_id in ("yinghuo", "yijiaqin", "yangguang"):
        assert [r for r in rows if r["org_id"] == org_id][0]["reasons"]


def test_report_to_file_is_excel_ready(capsys, tmp_path, model_file):
    out = tmp_path / "r.csv"
    code, _, err = run(capsys, "report", "--top", "2", "--out", str(out), "--model", str(model_file))
    assert code == 0 and "12" in err
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_report_xlsx(capsys, tmp_path, model_file):
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    assert run(capsys, "report", "--top", "2", "--out", str(out), "--model", str(model_file))[0] == 0
    assert load_workbook(out).active.max_row == 13


def test_build_then_match_text(capsys, tmp_path):
    path = tmp_path / "m.joblib"
    assert run(capsys, "build", "--model", str(path))[0] == 0
    assert path.exists() and (tmp_path / "m.meta.json").exists()
    code, out, _ = run(capsys, "match", "--text", "为农村留守儿童开展阅读推广", "--model", str(path), "--top", "3")
    assert code == 0
    assert out.splitlines()[0].startswith(" 1. 乡村儿童阅读资助项目")
    assert "理由：" in out


def test_match_org_id(capsys, model_file):
    code, out, _ = run(capsys, "match", "--org-id", "yinghuo", "--model", str(model_file))
    assert code == 0 and "萤火" in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("", "文件为空"),
        ("org_id,name\na,b\n", "profile"),
        ("org_id,name,profile\na,甲,x\na,乙,y\n", "重复"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, model_file, content, needle):
    f = write(tmp_path / "orgs.csv", content)
    code, out, err = run(capsys, "report", "--orgs", str(f), "--model", str(model_file))
    assert code == 2
    lines = [x for x in err.splitlines() if x.startswith("错误")]
    assert len(lines) == 1 and needle in lines[0] and str(f) in lines[0]
    assert "Traceback" not in err and out == ""


def test_unknown_org_id(capsys, model_file):
    code, _, err = run(capsys, "match", "--org-id", "nobody", "--model", str(model_file))
    assert code == 2 and "nobody" in err


def test_refuses_to_overwrite_input(capsys, tmp_path, model_file):
    orgs = tmp_path / "orgs.csv"
    orgs.write_bytes((DATA / "orgs.csv").read_bytes())
    before = orgs.read_bytes()
    code, _, err = run(capsys, "report", "--orgs", str(orgs), "--out", str(orgs), "--model", str(model_file))
    assert code == 2 and orgs.read_bytes() == before


def test_python_dash_m_and_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "matcher", "report", "--orgs", str(tmp_path / "missing.csv")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "文件不存在" in proc.stderr


@pytest.mark.parametrize("case", ["declared A1:XFD1048576, cell in XFD1048576", "zip bomb of XML"])
def test_report_refuses_hostile_xlsx_in_one_line(capsys, tmp_path, model_file, case):
    from hostile import memory_ceiling, text_cell, xlsx, xlsx_bomb

    f = tmp_path / "orgs.xlsx"
    if case.startswith("declared"):
        f.write_bytes(xlsx(dimension="A1:XFD1048576", extra_rows=f'<row r="1048576">{text_cell("XFD1048576")}</row>'))
        needle = "第1048576行"
    else:
        f.write_bytes(xlsx_bomb(65 * 2**20))
        needle = "解压后过大"
    out = tmp_path / "r.csv"
    with memory_ceiling():
        code, _, err = run(capsys, "report", "--orgs", str(f), "--model", str(model_file), "--out", str(out))
    assert code == 2, err
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误：") and str(f) in lines[0] and needle in lines[0], err
    assert not out.exists()


def test_report_reads_an_xlsx_that_declares_more_than_it_holds(capsys, tmp_path, model_file):
    from hostile import memory_ceiling, text_cell, xlsx

    f = tmp_path / "orgs.xlsx"
    f.write_bytes(xlsx(dimension="A1:XFD1048576", extra_rows=f'<row r="4000">{text_cell("C4000", "")}</row>'))
    with memory_ceiling(256 * 2**20):  # padding each row to the declared width would take ~500 MB
        code, out, err = run(capsys, "report", "--orgs", str(f), "--model", str(model_file), "--top", "1",
                             "--as-of", "2026-11-28")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [(r["org_id"], r["rank"]) for r in rows] == [("a1", "1")]
