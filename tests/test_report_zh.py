"""Reports in Chinese for people (XLSX, ``--lang zh``), stable for machines (the CSV's default columns)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from matcher.cli import main
from matcher.report import REPORT_COLUMNS, ZH_HEADERS, report_rows, zh_columns, zh_rows
from tests.conftest import AS_OF, DATA

ARGS = ["report", "--orgs", str(DATA / "orgs.csv"), "--grants", str(DATA / "grants.csv"), "--top", "3",
        "--as-of", AS_OF.isoformat()]


def _xlsx_rows(path_or_bytes):
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    return list(load_workbook(src).active.iter_rows(values_only=True))


def test_the_mapping_relabels_headers_and_values(matcher, orgs):
    from matcher.rank import recommend_many

    rows = list(report_rows(recommend_many(matcher, orgs[:1], top=3, as_of=AS_OF)))
    zh = list(zh_rows(rows, tracker={("yinghuo", "xiangcun-yuedu"): ("计划申请", "下周联系")}))
    assert list(zh[0]) == list(zh_columns(tracker=True)) and len(zh) == len(rows) == 3
    assert {r["硬性条件"] for r in zh} == {"符合", "待确认"}
    yuedu = next(r for r in zh if r["项目编号"] == "xiangcun-yuedu")
    assert yuedu["硬性条件"] == "待确认" and yuedu["契合程度"] == "高度契合"
    assert yuedu["跟踪状态"] == "计划申请" and yuedu["跟踪备注"] == "下周联系"
    assert [r["跟踪状态"] for r in zh if r is not yuedu] == ["", ""] and set(ZH_HEADERS) >= set(REPORT_COLUMNS)
    # the people's values, the machine's kept beside them: scores stay numbers, info dates carried
    assert all(isinstance(r["匹配度"], float) for r in zh) and yuedu["资讯日期"] == "2019"


def test_the_csv_keeps_its_machine_columns_by_default(tmp_path, capsys):
    assert main(ARGS + ["--out", str(tmp_path / "r.csv")]) == 0
    header = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ",".join(REPORT_COLUMNS)


def test_lang_zh_gives_the_chinese_csv(tmp_path):
    assert main(ARGS + ["--lang", "zh", "--out", str(tmp_path / "r.csv")]) == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == zh_columns() and rows[0][:3] == ["机构编号", "机构名称", "排名"]
    elig = rows[0].index("硬性条件")
    assert {r[elig] for r in rows[1:]} <= {"符合", "不符合", "待确认"} and len(rows) == 1 + 18


def test_the_xlsx_is_in_chinese_and_lang_en_keeps_the_machine_one(tmp_path):
    assert main(ARGS + ["--out", str(tmp_path / "r.xlsx")]) == 0
    rows = _xlsx_rows(tmp_path / "r.xlsx")
    assert rows[0] == zh_columns() and "eligible" not in {v for r in rows for v in r}
    # issue 14's layout, Chinese headers passed to it as data: frozen bold header, numbers, the programmes sheet
    ws, progs = load_workbook(tmp_path / "r.xlsx").worksheets
    assert ws.freeze_panes == "A2" and ws["A1"].font.b and ws.auto_filter.ref == f"A1:{get_column_letter(len(rows[0]))}{len(rows)}"
    score = rows[0].index("匹配度")
    assert all(isinstance(r[score], float) for r in rows[1:]) and {r[rows[0].index("资讯日期")] for r in rows[1:]} == {"2019"}
    assert progs.title == "资助项目" and [c.value for c in progs[1]][:3] == ["项目编号", "资助项目", "资助方"]
    assert main(ARGS + ["--lang", "en", "--out", str(tmp_path / "m.xlsx")]) == 0
    assert _xlsx_rows(tmp_path / "m.xlsx")[0] == REPORT_COLUMNS


def test_web_downloads_xlsx_in_chinese_with_tracker_columns_for_staff(app, staff_client):
    from conftest import csrf

    staff_client.post("/orgs/yinghuo/tracker", data={"grant_id": "xiangcun-yuedu", "status": "已申请", "note": "已交",
                                                     "csrf_token": csrf(staff_client, "/orgs/yinghuo")})
    rows = _xlsx_rows(staff_client.get("/orgs/yinghuo/report.xlsx").get_data())
    assert rows[0] == zh_columns(tracker=True)
    yuedu = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if "xiangcun-yuedu" in r)
    assert yuedu["跟踪状态"] == "已申请" and yuedu["跟踪备注"] == "已交" and yuedu["硬性条件"] == "待确认"
    # visitors: Chinese too, without the staff's columns
    visitor = app.test_client()
    assert _xlsx_rows(visitor.get("/orgs/yinghuo/report.xlsx").get_data())[0] == zh_columns()
    csv_head = staff_client.get("/report.csv").get_data().decode("utf-8-sig").splitlines()[0]
    assert csv_head == ",".join(REPORT_COLUMNS)
    zh_head = staff_client.get("/report.csv?lang=zh").get_data().decode("utf-8-sig").splitlines()[0]
    assert zh_head == ",".join(zh_columns(tracker=True))
