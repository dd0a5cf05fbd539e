import pytest

from matcher.errors import InputError
from matcher.io import MAX_TEXT_CHARS, grants_fingerprint, load_grants, load_orgs
from tests.conftest import DATA, write

ORG_HEADER = "org_id,name,profile,city,founded_year,legal_form,stage,fields,fulltime_staff,women_led\n"


def test_bundled_data_loads(grants, orgs):
    assert len(grants) == 11
    assert len(orgs) == 6
    assert {g.category for g in grants} == {"儿童+教育", "不限领域", "环保"}
    assert all(g.eligibility and g.description for g in grants)


def test_missing_column_names_file_row_and_column(tmp_path):
    f = write(tmp_path / "orgs.csv", "org_id,name\na,甲\n")
    with pytest.raises(InputError) as e:
        load_orgs(f)
    assert e.value.column == "profile" and e.value.row == 1
    assert str(f) in str(e.value) and "profile" in str(e.value)


def test_empty_file(tmp_path):
    with pytest.raises(InputError, match="文件为空"):
        load_orgs(write(tmp_path / "orgs.csv", ""))


def test_header_only(tmp_path):
    with pytest.raises(InputError, match="没有数据行"):
        load_orgs(write(tmp_path / "orgs.csv", ORG_HEADER))


def test_duplicate_ids_name_both_rows(tmp_path):
    f = write(tmp_path / "orgs.csv", ORG_HEADER + "a,甲,介绍一\nb,乙,介绍二\na,丙,介绍三\n")
    with pytest.raises(InputError) as e:
        load_orgs(f)
    assert e.value.row == 4 and e.value.column == "org_id" and "第2行" in str(e.value)


def test_empty_required_field(tmp_path):
    f = write(tmp_path / "orgs.csv", ORG_HEADER + "a,甲,\n")
    with pytest.raises(InputError) as e:
        load_orgs(f)
    assert (e.value.row, e.value.column) == (2, "profile")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="文件不存在"):
        load_grants(tmp_path / "nope.csv")


def test_binary_junk(tmp_path):
    f = tmp_path / "grants.csv"
    f.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError, match="二进制"):
        load_grants(f)


def test_non_integer_year_warns_and_is_unknown(tmp_path):
    warnings = []
    f = write(tmp_path / "orgs.csv", ORG_HEADER + "a,甲,介绍,石家庄,二〇一五,,,,三,是\n")
    (org,) = load_orgs(f, warn=warnings.append)
    assert org.founded_year is None and org.fulltime_staff is None and org.women_led is True
    assert any("founded_year" in w and "第2行" in w for w in warnings)
    assert any("fulltime_staff" in w for w in warnings)


def test_year_in_future_is_an_error(tmp_path):
    f = write(tmp_path / "orgs.csv", ORG_HEADER + "a,甲,介绍,,2999,,,,,\n")
    with pytest.raises(InputError) as e:
        load_orgs(f)
    assert e.value.column == "founded_year"


def test_unknown_column_is_a_warning(tmp_path):
    warnings = []
    f = write(tmp_path / "orgs.csv", "org_id,name,profile,备注\na,甲,介绍,x\n")
    assert len(load_orgs(f, warn=warnings.append)) == 1
    assert any("备注" in w for w in warnings)


def test_structured_fields_are_parsed(tmp_path):
    f = write(tmp_path / "orgs.csv", ORG_HEADER + "a,甲,介绍,唐山,2016,民非,成长,儿童;教育,5,否\n")
    (org,) = load_orgs(f)
    assert org.founded_year == 2016 and org.legal_form == "民办非企业单位" and org.stage == "成长期"
    assert org.fields == ("儿童", "教育") and org.fulltime_staff == 5 and org.women_led is False


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "gb18030"])
def test_excel_encodings_give_identical_records(tmp_path, grants, encoding):
    raw = (DATA / "grants.csv").read_text(encoding="utf-8").replace("\n", "\r\n")
    f = write(tmp_path / "grants.csv", raw, encoding=encoding)
    assert load_grants(f) == grants
    assert grants_fingerprint(load_grants(f)) == grants_fingerprint(grants)


def test_xlsx_input_gives_identical_records(tmp_path, grants):
    import csv

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    with open(DATA / "grants.csv", encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    wb.save(tmp_path / "grants.xlsx")
    assert load_grants(tmp_path / "grants.xlsx") == grants


def test_overlong_text_is_cut_with_a_warning(tmp_path):
    warnings = []
    f = write(tmp_path / "orgs.csv", ORG_HEADER + "a,甲," + "长" * (MAX_TEXT_CHARS + 10) + "\n")
    (org,) = load_orgs(f, warn=warnings.append)
    assert len(org.profile) == MAX_TEXT_CHARS
    assert warnings and "过长" in warnings[0]


# -- hostile .xlsx: bounded by the cells a file holds, not by what it declares ------------


def test_xlsx_declaring_the_whole_sheet_reads_only_its_cells():
    from hostile import ORG_ROWS, memory_ceiling, peak_memory, text_cell, xlsx

    from matcher.io import read_table

    # 4.5 KB that declares A1:XFD1048576; cells in three places (header, one record, row 3000)
    raw = xlsx(dimension="A1:XFD1048576", extra_rows=f'<row r="3000">{text_cell("A3000", "")}</row>')
    with memory_ceiling(), peak_memory() as mem:
        rows = read_table("orgs.xlsx", data=raw)
    assert rows[:2] == ORG_ROWS and len(rows) == 3000
    assert max(len(r) for r in rows) == 3  # no row padded to the declared 16,384 columns
    assert mem["peak"] < 8 * 2**20  # padding to the declaration would be ~800 MB
    assert [o.org_id for o in load_orgs("orgs.xlsx", data=raw)] == ["a1"]


@pytest.mark.parametrize(("cell", "row", "column"), [
    ("XFD1048576", 1048576, None),  # Excel's last cell: the row is refused first
    ("GS3", 3, "GS"),  # column 201
])
def test_xlsx_cells_beyond_the_limits_are_refused_naming_row_and_column(cell, row, column):
    from hostile import memory_ceiling, peak_memory, text_cell, xlsx

    raw = xlsx(dimension="A1:XFD1048576", extra_rows=f'<row r="{row}">{text_cell(cell)}</row>')
    with memory_ceiling(), peak_memory() as mem, pytest.raises(InputError) as e:
        load_orgs("orgs.xlsx", data=raw)
    assert (e.value.row, e.value.column) == (row, column)
    assert "最多 200000 行、200 列" in str(e.value) and "CSV" in str(e.value)
    assert mem["peak"] < 8 * 2**20


def test_xlsx_zip_bomb_is_refused_by_its_declared_sizes_before_inflating():
    from hostile import memory_ceiling, peak_memory, xlsx_bomb

    raw = xlsx_bomb(65 * 2**20)  # just over the 64 MB limit
    assert len(raw) < 1024 * 1024  # under a megabyte on the wire
    with memory_ceiling(), peak_memory() as mem, pytest.raises(InputError, match="解压后过大.*上限 64 MB"):
        load_orgs("bomb.xlsx", data=raw)
    assert mem["peak"] < 4 * 2**20  # nothing was inflated


def test_xlsx_that_understates_its_sizes_is_read_no_further_than_declared():
    from hostile import memory_ceiling, peak_memory, understate_size, xlsx_bomb

    raw = understate_size(xlsx_bomb(32 * 2**20), size=4096)
    with memory_ceiling(), peak_memory() as mem, pytest.raises(InputError, match="无法读取 Excel 文件"):
        load_orgs("liar.xlsx", data=raw)
    assert mem["peak"] < 4 * 2**20


@pytest.mark.parametrize("raw", [
    b"PK\x03\x04 not a zip",
    b"PK\x05\x06" + b"\xff" * 18,  # an end record claiming 65,535 parts
])
def test_broken_xlsx_is_one_input_error(raw):
    with pytest.raises(InputError, match="无法读取 Excel 文件"):
        load_orgs("broken.xlsx", data=raw)


def test_xlsx_with_a_dtd_is_refused():
    from hostile import _rewrite, _workbook

    raw = _rewrite(_workbook([["a"]]), lambda xml: xml.replace("<worksheet", '<!DOCTYPE w [<!ENTITY e "x">]><worksheet', 1))
    with pytest.raises(InputError, match="DTD"):
        load_orgs("dtd.xlsx", data=raw)


def test_only_http_urls_are_links_and_others_warn_at_load(tmp_path):
    from matcher.records import is_web_url

    f = write(tmp_path / "grants.csv",
              "grant_id,name,funder,category,eligibility,description,url\n"
              "g1,甲,某基金会,儿童,儿童,儿童,https://example.org/apply?x=1\n"
              "g2,乙,某基金会,儿童,儿童,儿童,javascript:alert(document.cookie)\n"
              "g3,丙,某基金会,儿童,儿童,儿童,data:text/html;base64,PHNjcmlwdD4=\n"
              "g4,丁,某基金会,儿童,儿童,儿童,www.example.org\n")
    warnings: list[str] = []
    grants = load_grants(f, warn=warnings.append)
    assert [g.link for g in grants] == ["https://example.org/apply?x=1", "", "", ""]
    assert [g.url for g in grants][1] == "javascript:alert(document.cookie)"  # kept, to be shown as text
    assert len(warnings) == 3 and all("列“url”" in w and "不是 http/https 链接" in w for w in warnings)
    assert "第3行" in warnings[0]
    for bad in ("JavaScript:alert(1)", "java\tscript:alert(1)", "http://", "https:evil", "//evil.example",
                "vbscript:x", "http://a b.example/", "http://[::1"):
        assert not is_web_url(bad), bad
    assert is_web_url("HTTP://Example.org/") and is_web_url("http://127.0.0.1:8080/x#y")


# -- one record at a time (edits) and writing back ------------------------------------------


def test_one_record_is_validated_with_the_loaders_words(tmp_path):
    from matcher.io import grant_record, org_record

    f = write(tmp_path / "g.csv", "grant_id,name,funder,category,eligibility,description,deadline\n"
                                  "a,名,方,类,对象,介绍,2027-13-01\n")
    warnings: list[str] = []
    (g,) = load_grants(f, warn=warnings.append)
    assert g.deadline is None and warnings == [f"{f}，第2行，列“deadline”：无法识别的日期“2027-13-01”（应为 YYYY-MM-DD），按未填写处理"]
    cells = {"grant_id": "a", "name": "名", "funder": "方", "category": "类", "eligibility": "对象",
             "description": "介绍", "deadline": "2027-13-01"}
    with pytest.raises(InputError) as exc:
        grant_record(cells, strict=True)
    assert exc.value.column == "deadline" and str(exc.value) == "列“deadline”：无法识别的日期“2027-13-01”（应为 YYYY-MM-DD）"
    with pytest.raises(InputError) as exc:
        grant_record({**cells, "name": "  "}, strict=True)
    assert exc.value.column == "name" and exc.value.message == "必填项为空"
    with pytest.raises(InputError) as exc:
        grant_record({**cells, "deadline": "", "conditions": "colour=red"}, strict=True)
    assert exc.value.column == "conditions"
    with pytest.raises(InputError) as exc:
        org_record({"org_id": "x", "name": "n", "profile": "p", "women_led": "也许"}, strict=True)
    assert exc.value.column == "women_led" and "应为 是 / 否" in exc.value.message
    with pytest.raises(InputError, match="不允许的字符"):
        org_record({"org_id": "a/b", "name": "n", "profile": "p"}, strict=True)


def test_updated_is_a_day_a_month_or_a_year(tmp_path):
    f = write(tmp_path / "g.csv", "grant_id,name,funder,category,eligibility,description,updated\n"
                                  "a,名,方,类,对象,介绍,2019年5月\nb,名,方,类,对象,介绍,2019\nc,名,方,类,对象,介绍,去年\n")
    warnings: list[str] = []
    a, b, c = load_grants(f, warn=warnings.append)
    assert (a.updated, b.updated, c.updated) == ("2019-05", "2019", "")
    assert len(warnings) == 1 and "第4行" in warnings[0] and "列“updated”" in warnings[0]


@pytest.mark.parametrize("kind", ["grants", "orgs"])
def test_records_written_back_load_as_the_same_records(tmp_path, kind):
    from matcher.io import records_csv

    load = load_grants if kind == "grants" else load_orgs
    records = load(DATA / f"{kind}.csv")
    out = tmp_path / f"{kind}.csv"
    out.write_bytes(records_csv(records, kind=kind))
    assert load(out) == records
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_gating_fact_columns_are_validated(tmp_path):
    from matcher.io import load_orgs

    p = tmp_path / "orgs.csv"
    p.write_text("org_id,name,profile,rating,inspection_year,charity,public_fundraising\n"
                 "a,甲,做养老。,3A,2024,是,否\nb,乙,做助残。,三A,,,\nc,丙,做环保。,6A,1890,也许,\n", encoding="utf-8")
    warnings = []
    a, b, c = load_orgs(p, warn=warnings.append)
    assert (a.rating, a.inspection_year, a.charity, a.public_fundraising) == ("3A", 2024, True, False)
    assert b.rating == "3A" and b.charity is None
    assert (c.rating, c.inspection_year, c.charity) == ("", None, None)
    assert any("rating" in w for w in warnings) and any("charity" in w for w in warnings)
