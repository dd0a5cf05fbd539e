"""Every bad file a user can make: exit status 2 and one line naming file, row and
column — or, for the forgivable ones, a warning and a result. Never a traceback.

``python tests/test_bad_inputs.py`` prints the table quoted in the issue notes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher.cli import main

ROOT = Path(__file__).resolve().parent.parent
ORGS = (ROOT / "data" / "orgs.csv").read_text(encoding="utf-8")
GRANTS = (ROOT / "data" / "grants.csv").read_text(encoding="utf-8")
H = "org_id,name,profile,city,founded_year,legal_form,stage,fields,fulltime_staff,women_led\n"


def _xlsx(path: Path) -> None:
    import csv
    import io

    from openpyxl import Workbook

    wb = Workbook()
    for row in csv.reader(io.StringIO(ORGS)):
        wb.active.append(row)
    wb.save(path)


# (case, which file, how to make it, expected exit code, text the message must contain)
CASES = [
    ("empty file", "orgs", lambda p: p.write_bytes(b""), 2, "文件为空"),
    ("header only", "orgs", lambda p: p.write_text(H, encoding="utf-8"), 2, "没有数据行"),
    ("missing required column", "orgs", lambda p: p.write_text("org_id,name\na,甲\n", encoding="utf-8"), 2, "profile"),
    ("unknown extra column", "orgs", lambda p: p.write_text("org_id,name,profile,备注\na,甲,介绍,x\n", encoding="utf-8"),
     0, "未知的列"),
    ("duplicate ids", "orgs", lambda p: p.write_text(H + "a,甲,一\na,乙,二\n", encoding="utf-8"), 2, "重复"),
    ("empty required field", "orgs", lambda p: p.write_text(H + "a,甲,\n", encoding="utf-8"), 2, "必填项为空"),
    ("non-integer founded_year", "orgs", lambda p: p.write_text(H + "a,甲,介绍,,二〇一五\n", encoding="utf-8"),
     0, "不是整数"),
    ("non-integer fulltime_staff", "orgs", lambda p: p.write_text(H + "a,甲,介绍,,,,,,几个\n", encoding="utf-8"),
     0, "不是整数"),
    ("year in the future", "orgs", lambda p: p.write_text(H + "a,甲,介绍,,2999\n", encoding="utf-8"), 2, "晚于今年"),
    ("binary junk", "orgs", lambda p: p.write_bytes(bytes(range(256)) * 40), 2, "二进制"),
    ("file that isn't there", "orgs", lambda p: None, 2, "文件不存在"),
    ("a folder, not a file", "orgs", lambda p: p.mkdir(), 2, "文件夹"),
    ("1 MB profile", "orgs", lambda p: p.write_text(H + "a,甲," + "很长的介绍" * 200_000 + "\n", encoding="utf-8"),
     0, "文本过长"),
    ("GBK with CRLF (Excel on Chinese Windows)", "orgs",
     lambda p: p.write_bytes(ORGS.replace("\n", "\r\n").encode("gbk")), 0, ""),
    ("UTF-8 with BOM", "orgs", lambda p: p.write_bytes(ORGS.encode("utf-8-sig")), 0, ""),
    (".xlsx input", "orgs.xlsx", _xlsx, 0, ""),
    ("corrupt .xlsx", "orgs.xlsx", lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), 2, "Excel"),
    ("invalid legal_form value", "orgs", lambda p: p.write_text(H + "a,甲,介绍,,,民间的,\n", encoding="utf-8"),
     0, "不在可选值"),
    ("bad manual conditions syntax", "grants", lambda p: p.write_text(
        "grant_id,name,funder,category,eligibility,description,conditions\n"
        "g1,某计划,某基金会,儿童,资助对象：儿童项目。,支持儿童阅读。,bogus_kind=3\n", encoding="utf-8"), 2, "conditions"),
    ("unreadable deadline", "grants",
     lambda p: p.write_text(GRANTS.replace(",,,石家庄", ",下个月,,石家庄", 1), encoding="utf-8"), 0, "无法识别的日期"),
]


def run_case(tmp_path: Path, which: str, make, capsys=None) -> tuple[int, str, str]:
    target = tmp_path / (which if "." in which else f"{which}.csv")
    make(target)
    orgs = target if which.startswith("orgs") else ROOT / "data" / "orgs.csv"
    grants = target if which == "grants" else ROOT / "data" / "grants.csv"
    out = tmp_path / "report.csv"
    code = main(["report", "--orgs", str(orgs), "--grants", str(grants), "--top", "1",
                 "--model", str(tmp_path / "m.joblib"), "--out", str(out), "--as-of", "2026-11-28"])
    return code, str(target), str(out)


@pytest.mark.parametrize(("case", "which", "make", "code", "needle"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(tmp_path, capsys, case, which, make, code, needle):
    got, target, out = run_case(tmp_path, which, make)
    _, err = capsys.readouterr()
    assert got == code, err
    assert "Traceback" not in err
    if code == 2:
        lines = [x for x in err.splitlines() if x.startswith("错误")]
        assert len(lines) == 1 and needle in lines[0] and Path(target).name in lines[0], err
        assert not Path(out).exists()  # nothing half-written
    else:
        assert needle in err
        assert Path(out).read_bytes().startswith(b"\xef\xbb\xbf")


def test_encodings_give_identical_reports(tmp_path):
    outs = []
    for enc in ("utf-8", "utf-8-sig", "gbk", "gb18030"):
        f = tmp_path / f"orgs-{enc}.csv"
        f.write_bytes(ORGS.replace("\n", "\r\n").encode(enc))
        out = tmp_path / f"r-{enc}.csv"
        assert main(["report", "--orgs", str(f), "--model", str(tmp_path / "m.joblib"), "--out", str(out),
                     "--as-of", "2026-11-28"]) == 0
        outs.append(out.read_bytes())
    assert len(set(outs)) == 1


if __name__ == "__main__":  # print the table for the issue notes
    import contextlib
    import io
    import tempfile

    print("| case | exit | what the user sees |\n|---|---|---|")
    for case, which, make, _, _ in CASES:
        with tempfile.TemporaryDirectory() as d:
            buf = io.StringIO()
            with contextlib.redirect_stderr(buf):
                code, _, _ = run_case(Path(d), which, make)
            msg = " / ".join(x for x in buf.getvalue().splitlines() if x.strip())
            msg = msg.replace(d + "/", "").replace("|", "\\|")
            print(f"| {case} | {code} | {msg[:160] or '(report written)'} |")
