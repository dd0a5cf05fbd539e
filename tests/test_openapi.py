"""The API is described (OpenAPI 3, validated by a maintained validator) and the description matches the routes."""

from __future__ import annotations

import re

import pytest

openapi_spec_validator = pytest.importorskip("openapi_spec_validator")


def _flask_paths(app) -> set[tuple[str, str]]:
    out = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        out |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return out


def test_the_document_is_served_and_validates(client):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200 and r.is_json
    doc = r.get_json()
    openapi_spec_validator.validate(doc)  # raises on an invalid document
    assert doc["openapi"].startswith("3.")


def test_every_api_route_and_method_is_documented_and_nothing_else(app, client):
    doc = client.get("/api/openapi.json").get_json()
    documented = {(p, m) for p, item in doc["paths"].items() for m in item if m in ("get", "post", "put", "delete")}
    assert _flask_paths(app) == documented


def test_every_operation_documents_its_errors(client):
    doc = client.get("/api/openapi.json").get_json()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            codes = set(op["responses"])
            if "{" in path:  # an address naming a record: 404 when there is none, unless a PUT creates it (201)
                assert "404" in codes or (method == "put" and "201" in codes), (method, path)
            if "requestBody" in op:
                assert {"400", "413"} <= codes, (method, path)


def test_a_match_has_every_documented_field_and_no_other(client):
    doc = client.get("/api/openapi.json").get_json()
    schema = doc["components"]["schemas"]["Match"]
    for m in client.get("/api/orgs/yinghuo/matches?top=11").get_json()["matches"]:
        assert set(m) == set(schema["properties"]) == set(schema["required"])
        assert m["funder"] and m["page"] == f"/grants/{m['grant_id']}"
        assert m["url"] is None or m["url"].startswith(("http://", "https://"))
        assert m["fit"]["label"] in ("高度契合", "较契合", "部分相关", "无共同内容")


def test_the_docs_page_renders_the_document_without_scripts(client):
    r = client.get("/api/docs")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<script" not in html and "style=" not in html
    assert "<code>POST</code>" not in html and '<span class="method post">POST</span> <code>/api/match</code>' in html
    assert "<code>profile</code>" in html and "我们在农村小学为留守儿童开展课外阅读" in html  # body fields and example
    assert r.headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'")


def test_an_unknown_field_is_answered_with_the_valid_ones(client):
    r = client.post("/api/match", json={"text": "我们为农村留守儿童开展阅读活动"})
    body = r.get_json()
    assert r.status_code == 400 and "未知的字段：text" in body["error"] and "profile" in body["error"]
    assert body["valid_fields"][0] == "profile" and "top" in body["valid_fields"]
    doc = client.get("/api/openapi.json").get_json()
    assert set(body["valid_fields"]) == set(doc["components"]["schemas"]["Profile"]["properties"])


def _props(doc: dict, name: str) -> set[str]:
    schema = doc["components"]["schemas"][name]
    parts = schema.get("allOf", [schema])
    out: set[str] = set()
    for p in parts:
        p = doc["components"]["schemas"][p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p
        out |= set(p.get("properties", {}))
    return out


def test_edits_answer_in_their_documented_shapes(client, staff_client):
    doc = client.get("/api/openapi.json").get_json()
    h = {"X-CSRF-Token": staff_client.get("/api/session").get_json()["csrf_token"]}
    r = staff_client.put("/api/orgs/chenguang", json={"name": "晨光", "profile": "为农村留守儿童开展课外阅读"}, headers=h)
    assert r.status_code == 201 and set(r.get_json()) == _props(doc, "OrgSaved")
    r = staff_client.put("/api/grants/uquan/conditions", json={"rules": "region=河北"}, headers=h)
    assert r.status_code == 200 and set(r.get_json()) == _props(doc, "RulesSaved")
    r = staff_client.get("/api/grants/uquan")
    assert r.status_code == 405  # the address takes PUT and DELETE only, as documented
    grant = next(g for g in client.get("/api/grants").get_json()["grants"] if g["grant_id"] == "uquan")
    assert set(grant) == _props(doc, "Grant")
    r = staff_client.delete("/api/orgs/chenguang", headers=h)
    assert r.status_code == 200 and set(r.get_json()) <= _props(doc, "Removed") and "org_id" in r.get_json()
    # a match's parts name every feature, as the Parts schema says
    m = client.get("/api/orgs/yinghuo/matches?top=1").get_json()["matches"][0]
    assert set(m["parts"]) == set(doc["components"]["schemas"]["Parts"]["required"])
    assert {r["feature"] for r in m["reasons"]} <= set(doc["components"]["schemas"]["Reason"]["properties"]["feature"]["enum"])
