"""The manual-rule syntax of the ``conditions`` column.

``parse_manual`` turns a cell such as ``"min_years=2; -stage; women"`` into
conditions to add and kinds to remove (the syntax is documented in the
package docstring); ``_manual_param`` validates one value per kind and says
in Chinese what is wrong, so a typo is reported with its cell when the
grants file is loaded.

One rule is not a condition: ``checked=<clause>`` records that staff have
read a requirement clause the reader could not turn into a condition and
checked it by hand. :func:`checked_clauses` lists them and
:func:`clause_key` is what a clause is compared by, so the reader can leave
those clauses out of what it reports as unread.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..records import LEGAL_FORMS, STAGES
from .lexicon import _num
from .record import KINDS, Condition, _last_day

# -- manual rules ------------------------------------------------------------------

_RULE_SPLIT = re.compile(r"[;；\n]")
_RULE = re.compile(r"^(?P<neg>[-－])?\s*(?P<kind>[A-Za-z_]+)\s*(?:[=＝]\s*(?P<value>.*?))?\s*$")
_VALUE_SPLIT = re.compile(r"[|｜]")
_YEAR_VALUE = re.compile(r"\s*(?:19|20)\d\d\s*")
_DATE_VALUE = re.compile(r"\s*((?:19|20)\d\d)(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*")
_MONTHS_VALUE = re.compile(r"\s*(\d{1,3})\s*(?:个)?月\s*")
_AGE_VALUE = re.compile(r"\s*(\d{1,3})\s*(?:-|–|—|~|～|至|到)\s*(\d{1,3})\s*(?:周?岁)?\s*")
_BOOL_KINDS = frozenset({"legal_person", "nonprofit", "has_staff", "women", "inspection", "charity",
                         "public_fundraising"})
#: Rules that record a person's review rather than a condition.
CHECKED = "checked"
_CLAUSE_NOISE = re.compile(r"[\s;；,，、。.:：!！?？()（）“”\"'‘’《》【】\[\]|｜]+")
MAX_CLAUSE_CHARS = 500
_APPLICANT_VALUES = {"individual": "individual", "个人": "individual",
                     "organization": "organization", "organisation": "organization",
                     "机构": "organization", "组织": "organization"}


def _manual_param(kind: str, value: str | None) -> object:
    """The param of one manual rule; ``ValueError`` with a Chinese reason."""
    if value is None or value == "":
        if kind in _BOOL_KINDS:
            return True
        raise ValueError(f"条件“{kind}”需要取值，如 {kind}=…")
    values = [v.strip() for v in _VALUE_SPLIT.split(value) if v.strip()]
    if kind in ("min_years", "max_years"):
        m = _MONTHS_VALUE.fullmatch(value)
        if m and _num(m.group(1)) is not None:
            return {"months": _num(m.group(1))}
    if kind in ("min_years", "max_years", "min_staff", "social_workers"):
        n = _num(value.strip())
        if n is None or n < 0:
            raise ValueError(f"“{kind}”的取值须为整数：{value}")
        return n
    if kind == "founded_after":
        if not _YEAR_VALUE.fullmatch(value):
            raise ValueError(f"“founded_after”的取值须为四位年份：{value}")
        return int(value)
    if kind == "founded_before":
        m = _DATE_VALUE.fullmatch(value)
        last = _last_day(int(m.group(1)), m.group(2), m.group(3)) if m else None
        if last is None:
            raise ValueError(f"“founded_before”的取值须为年份或日期，如 2022 或 2022-12-31：{value}")
        return last
    if kind == "age_range":
        m = _AGE_VALUE.fullmatch(value)
        if not m or int(m.group(1)) > int(m.group(2)):
            raise ValueError(f"“age_range”的取值须形如 20-40：{value}")
        return [int(m.group(1)), int(m.group(2))]
    if kind == "applicant":
        if value.strip() not in _APPLICANT_VALUES:
            raise ValueError(f"“applicant”的取值须为 individual 或 organization：{value}")
        return _APPLICANT_VALUES[value.strip()]
    if kind == "legal_person":
        if value.strip() in ("true", "是", "1"):
            return True
        if value.strip() == "partner":
            return "partner"
        raise ValueError(f"“legal_person”的取值须为 partner 或留空：{value}")
    if kind == "nonprofit":
        if value.strip() in ("true", "是", "1"):
            return True
        if value.strip() == "不分红":
            return "不分红"
        raise ValueError(f"“nonprofit”的取值须为 不分红 或留空：{value}")
    if kind in ("has_staff", "women"):
        if value.strip() in ("true", "是", "1"):
            return True
        if kind == "women" and value.strip() == "led":
            return "led"
        raise ValueError(f"“{kind}”不需要取值（要去掉它请写 -{kind}）：{value}")
    if kind == "registration_level":
        if value.strip() not in ("county", "县级", "县"):
            raise ValueError(f"“registration_level”的取值须为 county：{value}")
        return "county"
    if kind in ("legal_form", "stage"):
        allowed = LEGAL_FORMS if kind == "legal_form" else STAGES
        for v in values:
            if v.rstrip("?？") not in allowed:
                raise ValueError(f"“{kind}”的取值须为 {'/'.join(allowed)} 之一：{v}")
        return [v.rstrip("?？") + ("?" if v[-1] in "?？" else "") for v in values]
    if kind == "applicant_type":
        return applicant_param(value)
    if kind == "rating":
        n = _num(value.strip().upper().rstrip("A级").strip())
        if n is None or not 1 <= n <= 5:
            raise ValueError(f"“rating”的取值须为 1–5（即 1A–5A）：{value}")
        return n
    if kind == "inspection":
        if value.strip() in ("true", "是", "1"):
            return True
        if _YEAR_VALUE.fullmatch(value):
            return {"year": int(value)}
        m = re.fullmatch(r"\s*近?(\d)\s*年\s*", value)
        if m:
            return {"years": int(m.group(1))}
        raise ValueError(f"“inspection”的取值须留空、为年份（2024）或“近3年”：{value}")
    if kind in ("charity", "public_fundraising"):
        if value.strip() in ("true", "是", "1"):
            return True
        if kind == "public_fundraising" and value.strip() in ("host", "挂靠", "公募机构"):
            return "host"
        raise ValueError(f"“{kind}”的取值须留空{'或为 host' if kind == 'public_fundraising' else ''}：{value}")
    # region, field: free names
    if not values:
        raise ValueError(f"条件“{kind}”需要取值")
    return values


def parse_manual(
    text: str, *, path: str | None = None, row: int | None = None
) -> tuple[list[Condition], set[str]]:
    """Parse the manual ``conditions`` cell of a programme.

    See the package docstring (:mod:`matcher.conditions`) for the syntax.
    Validated when the grants file is loaded, so a typo is reported with its
    cell, not when a match is made.

    Parameters
    ----------
    text : str
        The cell, e.g. ``"min_years=2; -stage; women"``.
    path, row : optional
        Where the cell is, for the error message.

    Returns
    -------
    added : list of Condition
        Conditions with ``source="manual"``; evidence is the rule itself.
    removed : set of str
        Kinds whose read conditions are to be dropped.

    Raises
    ------
    InputError
        Naming the column ``conditions``, for an unknown kind or a bad value.
    """
    added: list[Condition] = []
    removed: set[str] = set()
    for raw in _RULE_SPLIT.split(text or ""):
        rule = raw.strip()
        if not rule:
            continue
        m = _RULE.match(rule)
        kind = m.group("kind") if m else ""
        if m and kind == CHECKED:
            _checked_clause(m, rule, path=path, row=row)
            continue
        if not m or kind not in KINDS:
            raise InputError(
                f"未知的条件类型：“{rule}”（可用：{'、'.join(KINDS)}，以及 {CHECKED}=已核对的原文）",
                path=path, row=row, column="conditions",
            )
        if m.group("neg"):
            if m.group("value") is not None:
                raise InputError(f"去掉条件时不要写取值：“{rule}”", path=path, row=row, column="conditions")
            removed.add(kind)
            continue
        try:
            param = _manual_param(kind, m.group("value"))
        except ValueError as exc:
            raise InputError(str(exc), path=path, row=row, column="conditions") from None
        added = [c for c in added if c.kind != kind]
        added.append(Condition(kind, param, rule, source="manual"))
    return added, removed


def _checked_clause(m: re.Match[str], rule: str, *, path: str | None, row: int | None) -> str:
    """The clause of a ``checked=…`` rule, or :class:`InputError` naming the column ``conditions``."""
    value = (m.group("value") or "").strip()
    if m.group("neg"):
        raise InputError(f"“{CHECKED}”不能去掉，删除这条规则即可：“{rule}”", path=path, row=row, column="conditions")
    if not clause_key(value):
        raise InputError(f"“{CHECKED}”需要写出已核对的原文，如 {CHECKED}=有详细可行的项目计划",
                         path=path, row=row, column="conditions")
    if len(value) > MAX_CLAUSE_CHARS:
        raise InputError(f"“{CHECKED}”的原文不能超过 {MAX_CLAUSE_CHARS} 字", path=path, row=row, column="conditions")
    return value


def clause_key(clause: str) -> str:
    """What a clause is compared by: its words without spaces or punctuation.

    So ``checked=有详细可行的项目计划`` matches the clause
    "有详细可行的项目计划。" however the reader cut and punctuated it.
    """
    return _CLAUSE_NOISE.sub("", clause)


def checked_rule(clause: str) -> str:
    """The manual rule recording ``clause`` as checked by staff.

    Rule separators inside the clause (``;`` ``；`` line breaks) become
    spaces, which :func:`clause_key` ignores, so the rule still matches.
    """
    return f"{CHECKED}=" + " ".join(_RULE_SPLIT.split(clause.strip())).strip()


def checked_clauses(text: str) -> tuple[str, ...]:
    """The clauses a ``conditions`` cell records as checked by staff, in its order.

    Raises
    ------
    InputError
        For a malformed ``checked`` rule (the cell is validated whole by
        :func:`parse_manual` when the file is loaded).
    """
    out: list[str] = []
    for raw in _RULE_SPLIT.split(text or ""):
        m = _RULE.match(raw.strip())
        if m and m.group("kind") == CHECKED:
            out.append(_checked_clause(m, raw.strip(), path=None, row=None))
    return tuple(out)


# -- who may apply, as a rule --------------------------------------------------------

def applicant_value(param: dict) -> str:
    """An ``applicant_type`` param as rule text: groups joined by ``&``, kinds by ``|``;
    ``?kind`` may apply (to confirm), ``-kind`` refused, ``partner`` a way in through a partner.
    ``assoc|service|foundation|?group & student`` reads "a social organization (a team
    to confirm) and a student"."""
    parts = []
    for accepted, maybe in param.get("groups", []):
        parts.append("|".join([*accepted, *(f"?{m}" for m in maybe)]))
    tail = [f"-{x}" for x in param.get("exclude", [])] + (["partner"] if param.get("partner") else [])
    if tail:
        parts.append("|".join(tail))
    return " & ".join(parts)


def applicant_param(value: str) -> dict:
    """The inverse of :func:`applicant_value`; kinds by key or by their Chinese name."""
    from .applicants import BODIES, BODY_LABELS

    names = {v: k for k, v in BODY_LABELS.items()} | {k: k for k in BODIES} | {
        "个人": "person", "学生": "student", "团队": "group", "备案组织": "filed", "社会团体": "assoc",
        "互益性团体": "mutual", "社会服务机构": "service", "民办非企业单位": "service", "基金会": "foundation",
        "企业": "company", "公共机构": "public"}
    groups, exclude, partner = [], [], False
    for part in value.split("&"):
        accepted, maybe = [], []
        for raw in _VALUE_SPLIT.split(part):
            v = raw.strip()
            if not v:
                continue
            if v == "partner":
                partner = True
                continue
            mark, key = (v[0], v[1:].strip()) if v[0] in "?？-－" else ("", v)
            if key not in names:
                raise ValueError(f"“applicant_type”的取值须为 {'、'.join(BODIES)} 之一（可加 ? 或 -）：{v}")
            {"": accepted, "?": maybe, "？": maybe, "-": exclude, "－": exclude}[mark].append(names[key])
        if accepted or maybe:
            groups.append([accepted, maybe])
    if not groups and not exclude:
        raise ValueError("“applicant_type”需要至少一种申请主体")
    return {"groups": groups, "exclude": exclude, "partner": partner}
