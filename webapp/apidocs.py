"""The OpenAPI document turned into rows a template can loop over (``/api/docs``); no rendering logic in it."""

from __future__ import annotations

import json
from dataclasses import dataclass

METHODS = ("get", "post", "put", "delete", "patch")


@dataclass(frozen=True)
class Field:
    """One property of a body schema."""

    name: str
    type: str
    required: bool
    note: str


@dataclass(frozen=True)
class Operation:
    """One method on one path, as the docs page lists it."""

    method: str
    path: str
    summary: str
    params: list[Field]
    body: list[Field]
    example: str
    responses: list[tuple[str, str]]


def _resolve(doc: dict, node: dict) -> dict:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = doc["components"]["schemas"][name]
    return node


def _type(doc: dict, schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "oneOf" in schema:
        return " 或 ".join(_type(doc, s) for s in schema["oneOf"])
    t = schema.get("type", "object")
    if t == "array":
        return f"{_type(doc, schema.get('items', {}))}[]"
    if "enum" in schema:
        return " / ".join(schema["enum"])
    return t + ("（可为 null）" if schema.get("nullable") else "")


def _fields(doc: dict, schema: dict) -> list[Field]:
    s = _resolve(doc, schema)
    required = set(s.get("required", ()))
    out = []
    for name, prop in s.get("properties", {}).items():
        limits = [f"{k} {prop[k]}" for k in ("minimum", "maximum", "maxLength", "default") if k in prop]
        note = "；".join(x for x in (prop.get("description", ""), "，".join(limits)) if x)
        out.append(Field(name, _type(doc, prop), name in required, note))
    return out


def operations(doc: dict) -> list[Operation]:
    """Every operation of the document, in its order."""
    out = []
    for path, item in doc["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = [Field(p["name"], f"{p['in']} · {_type(doc, p.get('schema', {}))}", p.get("required", False),
                            p.get("description", "")) for p in op.get("parameters", ())]
            body, example = [], ""
            content = op.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                body = _fields(doc, content["schema"])
                if "example" in content:
                    example = json.dumps(content["example"], ensure_ascii=False, indent=2)
            responses = [(code, r.get("description", "")) for code, r in op.get("responses", {}).items()]
            out.append(Operation(method.upper(), path, op.get("summary", ""), params, body, example, responses))
    return out
