"""A person reviews what the condition reader read of a programme; the result is its manual rules.

Reads a :class:`~matcher.records.Grant`; hands on one :class:`ReviewRow`
per condition kind that the reader found or a manual rule names — what the
reader read from the text (with its evidence), what is checked now, and
whether staff confirmed, corrected, removed or added it — and the
functions that rewrite the ``conditions`` cell for each decision
(:func:`set_rule`, :func:`reset_kind`, :func:`add_checked`, …). The cell is
the one place a review lives, so it is versioned with the data and
honoured by :func:`~matcher.conditions.read_conditions` everywhere.

A confirmation is written as the rule of the very condition read
(``min_years=1``): the reading then no longer depends on the reader's
code, and a later reader that reads otherwise shows up here as
"corrected". Where a rule would mean more than the reading — a field read
as the *project's* topic becomes, as a rule, a requirement on the
applicant — the confirmation is recorded as ``checked=<evidence>`` instead,
which changes no verdict (:func:`confirm`). The same goes for the kinds the
rule syntax cannot state (:data:`UNWRITTEN`: requirement clauses the reader
could not read): they can be confirmed (as checked) or removed, not
corrected into a rule. Who may apply is a rule like any other
(``applicant_type=assoc|service|foundation|?group & -company``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .conditions import KINDS, Condition, checked_clauses, checked_rule, clause_key, parse_manual, read_conditions
from .conditions.manual import applicant_value
from .records import Grant

__all__ = [
    "STATUS_LABELS",
    "UNWRITTEN",
    "ReviewRow",
    "add_checked",
    "confirm",
    "remove_checked",
    "reset_kind",
    "review",
    "rule_for",
    "rule_value",
    "set_rule",
    "unread_clauses",
]

STATUS_LABELS = {
    "read": "从原文读出，待确认",
    "confirmed": "已确认",
    "corrected": "已更正",
    "removed": "已去掉",
    "added": "手工添加",
}
#: Kinds no manual rule states (a clause to check by hand): confirmed as checked, or removed.
UNWRITTEN = frozenset({"unread"})
_SPLIT = re.compile(r"[;；\n]")
_KIND_OF = re.compile(r"^\s*[-－]?\s*([A-Za-z_]+)")


@dataclass(frozen=True)
class ReviewRow:
    """One kind of condition under review."""

    kind: str
    read: Condition | None  # what the reader found (text or region column), manual rules aside
    effective: Condition | None  # what is checked now
    status: str  # a key of STATUS_LABELS

    @property
    def status_label(self) -> str:
        """Chinese label of :attr:`status`."""
        return STATUS_LABELS[self.status]


def review(grant: Grant) -> list[ReviewRow]:
    """Every kind the reader read or a rule names, in the order of :data:`~matcher.conditions.KINDS`."""
    read = {c.kind: c for c in read_conditions(dataclasses.replace(grant, conditions=""))}
    effective = {c.kind: c for c in read_conditions(grant)}
    added, removed = parse_manual(grant.conditions)
    manual = {c.kind: c for c in added}
    checked = {clause_key(c) for c in checked_clauses(grant.conditions)}
    rows = []
    for kind in KINDS:
        if kind == "unread":
            continue  # one per clause: listed apart (unread_clauses), each to mark as checked
        r, e = read.get(kind), effective.get(kind)
        if kind not in manual and kind not in removed and r is not None and clause_key(r.evidence) in checked:
            status = "confirmed"
        elif kind in manual:
            status = "added" if r is None else "confirmed" if r.param == manual[kind].param else "corrected"
        elif kind in removed:
            if r is None:
                continue  # removing what was never read changes nothing
            status = "removed"
        elif r is not None:
            status = "read"
        else:
            continue
        rows.append(ReviewRow(kind, r, e, status))
    return rows


def rule_value(cond: Condition) -> str:
    """The condition's param in the rule syntax (``"3"``, ``"18个月"``, ``"民办非企业单位|社会服务机构"``, ``""``)."""
    p = cond.param
    if p is True or cond.kind in UNWRITTEN:
        return ""
    if cond.kind == "applicant_type" and isinstance(p, dict):
        return applicant_value(p)
    if cond.kind == "inspection" and isinstance(p, dict):
        return str(p["year"]) if "year" in p else f"近{p['years']}年"
    if isinstance(p, dict):
        return f"{p['months']}个月"
    if cond.kind == "age_range":
        lo, hi = p  # type: ignore[misc]
        return f"{lo}-{hi}"
    if isinstance(p, (list, tuple)):
        return "|".join(str(v) for v in p)
    return str(p)


def rule_for(cond: Condition) -> str:
    """The manual rule that states ``cond`` (``min_years=1``; a bare ``has_staff``).

    Raises ``ValueError`` for the kinds of :data:`UNWRITTEN`.
    """
    if cond.kind in UNWRITTEN:
        raise ValueError(f"“{cond.kind}”无法写成手工规则")
    value = rule_value(cond)
    return f"{cond.kind}={value}" if value else cond.kind


def _rules(text: str) -> list[str]:
    return [r.strip() for r in _SPLIT.split(text or "") if r.strip()]


def _kind(rule: str) -> str:
    m = _KIND_OF.match(rule)
    return m.group(1) if m else ""


def _join(rules: Sequence[str]) -> str:
    return "; ".join(rules)


def confirm(text: str, cond: Condition) -> str:
    """``text`` recording that staff confirmed ``cond`` as read (see the module docstring)."""
    if cond.kind in UNWRITTEN:
        return add_checked(reset_kind(text, cond.kind), cond.evidence)
    rule = rule_for(cond)
    pinned = parse_manual(rule)[0][0]
    if pinned.describe() == cond.describe():
        return set_rule(text, cond.kind, rule)
    return add_checked(reset_kind(text, cond.kind), cond.evidence)


def set_rule(text: str, kind: str, rule: str) -> str:
    """``text`` with every rule of ``kind`` replaced by ``rule`` (``kind=value`` or ``-kind``)."""
    kept = [r for r in _rules(text) if _kind(r) != kind]
    return _join([*kept, rule])


def reset_kind(text: str, kind: str) -> str:
    """``text`` without any rule of ``kind``: the reader's reading applies again."""
    return _join([r for r in _rules(text) if _kind(r) != kind])


def add_checked(text: str, clause: str) -> str:
    """``text`` recording ``clause`` as checked by staff (once)."""
    key = clause_key(clause)
    if any(clause_key(c) == key for c in checked_clauses(text)):
        return _join(_rules(text))
    return _join([*_rules(text), checked_rule(clause)])


def remove_checked(text: str, clause: str) -> str:
    """``text`` without the record that ``clause`` was checked."""
    key = clause_key(clause)
    return _join([r for r in _rules(text) if not (_kind(r) == "checked" and clause_key(r.split("=", 1)[-1]) == key)])


def unread_clauses(grant: Grant) -> tuple[str, ...]:
    """Requirement clauses the reader could not turn into a condition
    (:func:`matcher.conditions.unread_requirements`), checked by staff or not."""
    from .conditions import unread_requirements

    return unread_requirements(grant)
