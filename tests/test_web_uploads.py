"""Keeping data current: upload → validate → preview → confirm → rebuild once → swap; restore."""

from __future__ import annotations

import io
import re

import pytest
from conftest import DATA, csrf, text

GRANTS = (DATA / "grants.csv").read_bytes()
ORGS = (DATA / "orgs.csv").read_bytes()


def _upload(client, kind: str, raw: bytes, filename: str = "new.csv"):
    return client.post("/admin/data/preview", data={"kind": kind, "csrf_token": csrf(client, "/admin/data"),
                                                    "file": (io.BytesIO(raw), filename)},
                       content_type="multipart/form-data", follow_redirects=True)


def _confirm(client, preview_html: str, kind: str):
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview_html).group(1)
    return client.post("/admin/data/confirm", data={"kind": kind, "token": token, "csrf_token": csrf(client, "/admin/data")})


def _edited_grants() -> bytes:
    text_ = GRANTS.decode("utf-8")
    lines = text_.splitlines()
    lines = [ln for ln in lines if not ln.startswith("weilanxia,")]  # removed
    lines = [ln.replace("桥畔计划：北京市西部阳光农村发展基金会发起。", "桥畔计划：西部阳光基金会发起，支持乡村教育。")
             if ln.startswith("qiaopan,") else ln for ln in lines]  # changed
    lines.append("laoren,银龄关爱计划,某基金会,养老,面向社区养老服务机构,支持社区老年人日间照料与陪伴,,2027-03-31,,,")  # added
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_admin_pages_need_staff(client):
    r = client.get("/admin/data")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    r = client.post("/admin/data/preview", data={"kind": "grants"})
    assert r.status_code == 302
    r = client.post("/admin/data/confirm", data={"kind": "grants", "token": "0" * 32})
    assert r.status_code == 302


def test_admin_page_lists_current_data(staff_client):
    html = text(staff_client.get("/admin/data"))
    assert "资助项目：11 条" in html and "机构：6 条" in html


def test_bad_file_lists_row_and_column_and_changes_nothing(staff_client, tmp_path):
    bad = GRANTS.decode("utf-8").splitlines()
    bad[3] = bad[3].replace("uquan,U泉计划", "uquan,")  # empty required name in Excel row 4
    r = _upload(staff_client, "grants", ("\n".join(bad) + "\n").encode("utf-8"))
    assert r.status_code == 400
    html = text(r)
    assert "文件有错误，当前数据没有改动" in html and "第 4 行" in html and "列“name”" in html
    assert "name=\"token\"" not in html
    assert len(staff_client.get("/api/grants").get_json()["grants"]) == 11


@pytest.mark.parametrize("filename, raw, word", [
    ("grants.txt", GRANTS, "只接受 .csv 或 .xlsx"),
    ("grants.csv", b"", "文件为空"),
    ("grants.csv", b"a,b\n1,2\n", "缺少必需的列"),
    ("grants.xlsx", b"PK\x03\x04broken", "无法读取 Excel"),
])
def test_unreadable_uploads_are_refused(staff_client, filename, raw, word):
    r = _upload(staff_client, "grants", raw, filename)
    assert r.status_code == 400 and word in text(r)


def test_upload_needs_a_kind_and_a_file(staff_client):
    token = csrf(staff_client, "/admin/data")
    r = staff_client.post("/admin/data/preview", data={"kind": "people", "csrf_token": token})
    assert r.status_code == 400
    r = staff_client.post("/admin/data/preview", data={"kind": "grants", "csrf_token": token})
    assert r.status_code == 400 and "请选择一个" in text(r)


def test_preview_then_confirm_replaces_grants_rebuilds_and_keeps_the_old_version(app, staff_client):
    r = _upload(staff_client, "grants", _edited_grants())
    html = text(r)
    assert r.status_code == 200
    assert "新增：laoren" in html and "修改：qiaopan" in html and "删除：weilanxia" in html
    assert '<td data-label="列"><code>description</code></td>' in html
    # nothing changed yet
    assert "weilanxia" in staff_client.get("/api/grants").get_data(as_text=True)
    old_state = app.extensions["grant_matcher"]
    r = _confirm(staff_client, html, "grants")
    assert r.status_code == 302
    assert "已更新资助项目数据：共 11 条" in text(staff_client.get("/admin/data"))
    new_state = app.extensions["grant_matcher"]
    assert new_state is not old_state and new_state.matcher is not old_state.matcher
    ids = [g["grant_id"] for g in staff_client.get("/api/grants").get_json()["grants"]]
    assert "laoren" in ids and "weilanxia" not in ids
    from pathlib import Path

    assert (Path(app.instance_path) / "data" / "grants.csv").read_bytes() == _edited_grants()
    assert (DATA / "grants.csv").read_bytes() == GRANTS  # the bundled file is never touched
    versions = text(staff_client.get("/admin/data"))
    assert re.search(r"grants-\d{8}T\d{6}\.csv", versions)
    # a new programme is ranked by the rebuilt model
    m = staff_client.post("/api/match", json={"profile": "社区老年人日间照料"}).get_json()
    assert m["matches"][0]["grant_id"] == "laoren"
    # information dates come from the data, never from the day of the upload: the new programme states
    # neither an updated date nor a source, so it is undated; the others keep their newsletter's year
    grants = {g["grant_id"]: g for g in staff_client.get("/api/grants").get_json()["grants"]}
    assert grants["laoren"]["updated"] == "" and grants["laoren"]["info_note"] == "资讯日期不明，请核实"
    assert grants["qiaopan"]["updated"] == "2019" and grants["qiaopan"]["info_note"] == "资讯可能已过期，请核实"
    assert "资讯日期不明，请核实" in text(staff_client.get("/grants/laoren"))


def test_restore_an_earlier_version(app, staff_client):
    html = text(_upload(staff_client, "grants", _edited_grants()))
    _confirm(staff_client, html, "grants")
    page = text(staff_client.get("/admin/data"))
    version = re.search(r'name="version" value="(grants-[^"]+)"', page).group(1)
    r = staff_client.post("/admin/data/restore", data={"version": version, "csrf_token": csrf(staff_client, "/admin/data")},
                          follow_redirects=True)
    html = text(r)
    assert r.status_code == 200 and "删除：laoren" in html and "新增：weilanxia" in html
    _confirm(staff_client, html, "grants")
    ids = [g["grant_id"] for g in staff_client.get("/api/grants").get_json()["grants"]]
    assert "weilanxia" in ids and "laoren" not in ids


def test_restore_refuses_names_it_did_not_make(staff_client):
    token = csrf(staff_client, "/admin/data")
    for name in ("../secret_key", "grants-x.csv", "/etc/passwd"):
        r = staff_client.post("/admin/data/restore", data={"version": name, "csrf_token": token})
        assert r.status_code == 404


def test_orgs_upload_swaps_orgs_without_rebuilding(app, staff_client):
    new = ORGS + "neworg,新机构,我们关注社区老人\n".encode()
    html = text(_upload(staff_client, "orgs", new, "orgs.csv"))
    assert "新增：neworg" in html
    before = app.extensions["grant_matcher"].matcher
    _confirm(staff_client, html, "orgs")
    assert app.extensions["grant_matcher"].matcher is before
    assert staff_client.get("/orgs/neworg").status_code == 200


def test_xlsx_upload(staff_client):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["org_id", "name", "profile", "founded_year"])
    ws.append(["x1", "表格机构", "我们做儿童阅读", 2015])
    buf = io.BytesIO()
    wb.save(buf)
    html = text(_upload(staff_client, "orgs", buf.getvalue(), "orgs.xlsx"))
    assert "新增：x1" in html and "删除：yinghuo" in html
    _confirm(staff_client, html, "orgs")
    assert [o["org_id"] for o in staff_client.get("/api/orgs").get_json()["orgs"]] == ["x1"]


def test_stale_or_forged_confirmation_changes_nothing(staff_client):
    token = csrf(staff_client, "/admin/data")
    for fake in ("0" * 32, "../../x", ""):
        r = staff_client.post("/admin/data/confirm", data={"kind": "grants", "token": fake, "csrf_token": token})
        assert r.status_code == 302
    assert "预览已过期" in text(staff_client.get("/admin/data"))
    assert len(staff_client.get("/api/grants").get_json()["grants"]) == 11


def test_uploaded_data_survives_a_restart(tmp_path, matcher):
    from conftest import AS_OF, add_staff, login

    from webapp import create_app

    cfg = {"TESTING": True, "MATCHER": matcher, "AS_OF": AS_OF.isoformat(), "SECRET_KEY": "t"}
    first = create_app(cfg, instance_path=str(tmp_path / "inst"))
    add_staff(first)
    c = first.test_client()
    login(c)
    html = text(_upload(c, "orgs", ORGS + "neworg,新机构,我们关注社区老人\n".encode(), "orgs.csv"))
    _confirm(c, html, "orgs")
    second = create_app(cfg, instance_path=str(tmp_path / "inst"))
    assert second.test_client().get("/orgs/neworg").status_code == 200


@pytest.mark.parametrize("case", ["cell in XFD1048576", "zip bomb of XML", "declares A1:XFD1048576"])
def test_hostile_xlsx_upload_is_a_400_page_and_changes_nothing(staff_client, case):
    from hostile import memory_ceiling, text_cell, xlsx, xlsx_bomb

    if case == "zip bomb of XML":
        raw, word = xlsx_bomb(65 * 2**20), "解压后过大"
    elif case == "cell in XFD1048576":
        raw, word = xlsx(dimension="A1:XFD1048576",
                         extra_rows=f'<row r="1048576">{text_cell("XFD1048576")}</row>'), "第 1048576 行"
    else:  # holds too little to be an orgs file, declares a lot: read in no time, refused for what it holds
        raw, word = xlsx([["org_id", "name"], ["a", "b"]], dimension="A1:XFD1048576",
                         extra_rows=f'<row r="4000">{text_cell("B4000")}</row>'), "缺少必需的列"
    with memory_ceiling(256 * 2**20):
        r = _upload(staff_client, "orgs", raw, "orgs.xlsx")
    assert r.status_code == 400 and word in text(r)
    assert "name=\"token\"" not in text(r)
    assert len(staff_client.get("/api/orgs").get_json()["orgs"]) == 6


def _modes(root) -> dict[str, str]:
    """``relative path -> octal mode`` of everything under ``root`` (and root itself)."""
    import os
    import stat

    out = {".": oct(stat.S_IMODE(os.stat(root).st_mode))}
    for p in sorted(root.rglob("*")):
        out[str(p.relative_to(root))] = oct(stat.S_IMODE(p.stat().st_mode))
    return out


def test_everything_the_app_writes_is_private(tmp_path, matcher):
    import os

    from conftest import AS_OF, add_staff, login

    from webapp import create_app

    old_umask = os.umask(0o022)  # the usual umask: what is not set explicitly comes out 0644 / 0755
    try:
        instance = tmp_path / "inst"
        app = create_app({"TESTING": True, "MATCHER": matcher, "AS_OF": AS_OF.isoformat()},
                         instance_path=str(instance))  # the secret key is generated into the instance
        add_staff(app)
        c = app.test_client()
        login(c)
        c.post("/api/orgs/yinghuo/tracker", json={"grant_id": "qiaopan", "status": "感兴趣", "note": "私密"},
               headers={"X-CSRF-Token": c.get("/api/session").get_json()["csrf_token"]})
        _confirm(c, text(_upload(c, "grants", _edited_grants())), "grants")  # archive, model
        _upload(c, "orgs", ORGS + "neworg,新机构,我们关注社区老人\n".encode(), "orgs.csv")  # left pending
    finally:
        os.umask(old_umask)
    modes = _modes(instance)
    names = set(modes)
    assert {"secret_key", "tracker.sqlite", "data/grants.csv", "data/pending", "models"} <= names
    assert any(n.startswith("data/versions/grants-") for n in names)
    assert any(n.startswith("data/pending/orgs-") for n in names)
    assert any(n.startswith("models/model-") for n in names)
    wrong = {n: m for n, m in modes.items() if m != ("0o700" if (instance / n).is_dir() else "0o600")}
    assert wrong == {}


def test_files_left_by_an_earlier_version_are_tightened(tmp_path, matcher):
    import os

    from conftest import AS_OF

    from webapp import create_app

    instance = tmp_path / "inst"
    instance.mkdir(mode=0o755)
    for name in ("tracker.sqlite", "secret_key"):
        (instance / name).write_bytes(b"" if name.endswith(".sqlite") else b"k" * 64)
        os.chmod(instance / name, 0o644)
    create_app({"TESTING": True, "MATCHER": matcher, "AS_OF": AS_OF.isoformat()}, instance_path=str(instance))
    assert _modes(instance) == {".": "0o700", "secret_key": "0o600", "tracker.sqlite": "0o600"}
