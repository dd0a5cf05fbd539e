"""Validate an ad-hoc organization profile (page form or JSON body) into an :class:`Org`.

The HTTP boundary: every field is checked for type, length and domain here,
so the ranking only ever sees a well-formed record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from matcher.records import LEGAL_FORMS, RATINGS, STAGES, Org

MAX_NAME = 200
MAX_PROFILE = 20_000
MAX_CITY = 100
MAX_FIELDS = 30
MAX_FIELD_CHARS = 50
MAX_STAFF = 100_000
FIELDS = ("name", "profile", "city", "founded_year", "legal_form", "stage", "fields", "fulltime_staff", "women_led",
          "rating", "inspection_year", "charity", "public_fundraising")
LABELS = {
    "name": "机构名称",
    "profile": "机构介绍",
    "city": "所在城市",
    "founded_year": "成立年份",
    "legal_form": "登记形式",
    "stage": "发展阶段",
    "fields": "服务领域",
    "fulltime_staff": "专职人数",
    "women_led": "女性主导",
    "rating": "评估等级",
    "inspection_year": "年检（年报）合格年度",
    "charity": "慈善组织",
    "public_fundraising": "公开募捐资格",
}
_SPLIT = re.compile(r"[;；,，、/|]")


class ProfileErrors(dict):
    """``field -> message`` for each invalid field (empty when all is well)."""


def _text(data: Mapping, key: str, cap: int, errors: ProfileErrors, *, required: bool = False) -> str:
    v = data.get(key)
    if v is None:
        v = ""
    if not isinstance(v, str):
        errors[key] = f"{LABELS[key]}应为文字"
        return ""
    v = v.replace("\r\n", "\n").strip()
    if required and not v:
        errors[key] = f"请填写{LABELS[key]}"
    elif len(v) > cap:
        errors[key] = f"{LABELS[key]}不能超过 {cap} 个字（现有 {len(v)} 个）"
    return v


def _int(data: Mapping, key: str, lo: int, hi: int, errors: ProfileErrors, *, from_form: bool) -> int | None:
    v = data.get(key)
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, str) and from_form and re.fullmatch(r"\s*\d{1,9}\s*", v):
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, int):
        errors[key] = f"{LABELS[key]}应为整数"
        return None
    if not lo <= v <= hi:
        errors[key] = f"{LABELS[key]}应在 {lo} 到 {hi} 之间"
        return None
    return v


def _choice(data: Mapping, key: str, allowed: tuple[str, ...], errors: ProfileErrors) -> str:
    v = data.get(key)
    if v is None or v == "":
        return ""
    if not isinstance(v, str) or v not in allowed:
        errors[key] = f"{LABELS[key]}应为以下之一：{' / '.join(allowed)}"
        return ""
    return v


def _fields(data: Mapping, errors: ProfileErrors) -> tuple[str, ...]:
    v = data.get("fields")
    if v is None or v == "":
        return ()
    if isinstance(v, str):
        items = _SPLIT.split(v)
    elif isinstance(v, list) and all(isinstance(x, str) for x in v):
        items = v
    else:
        errors["fields"] = "服务领域应为文字（用；分隔）或文字列表"
        return ()
    tags = tuple(t.strip() for t in items if t.strip())
    if len(tags) > MAX_FIELDS or any(len(t) > MAX_FIELD_CHARS for t in tags):
        errors["fields"] = f"服务领域最多 {MAX_FIELDS} 个，每个不超过 {MAX_FIELD_CHARS} 字"
        return ()
    return tags


def _yes_no(data: Mapping, key: str, errors: ProfileErrors) -> bool | None:
    v = data.get(key)
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return v
    if v in ("是", "否"):
        return v == "是"
    errors[key] = f"{LABELS[key]}应为 是 / 否（或 true / false）"
    return None


def validate_profile(data: Mapping, *, from_form: bool = False, today: date | None = None) -> tuple[Org | None, ProfileErrors]:
    """An :class:`Org` (id ``None``-like ``""``) and no errors, or ``None`` and the errors."""
    errors = ProfileErrors()
    this_year = (today or date.today()).year
    name = _text(data, "name", MAX_NAME, errors)
    profile = _text(data, "profile", MAX_PROFILE, errors, required=True)
    city = _text(data, "city", MAX_CITY, errors)
    year = _int(data, "founded_year", 1900, this_year, errors, from_form=from_form)
    staff = _int(data, "fulltime_staff", 0, MAX_STAFF, errors, from_form=from_form)
    legal_form = _choice(data, "legal_form", LEGAL_FORMS, errors)
    stage = _choice(data, "stage", STAGES, errors)
    tags = _fields(data, errors)
    women = _yes_no(data, "women_led", errors)
    rating = _choice(data, "rating", RATINGS, errors)
    inspected = _int(data, "inspection_year", 1980, this_year, errors, from_form=from_form)
    charity = _yes_no(data, "charity", errors)
    public = _yes_no(data, "public_fundraising", errors)
    if errors:
        return None, errors
    org = Org(org_id="", name=name, profile=profile, city=city, founded_year=year, legal_form=legal_form,
              stage=stage, fields=tags, fulltime_staff=staff, women_led=women, rating=rating,
              inspection_year=inspected, charity=charity, public_fundraising=public)
    return org, errors
