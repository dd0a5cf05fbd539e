"""Reviewing what the reader read: every decision is a manual rule, and the review reads back from the rules."""

import dataclasses

import pytest
from conftest import DATA

from matcher.conditions import parse_manual, read_conditions
from matcher.io import load_grants
from matcher.review import (
    UNWRITTEN,
    add_checked,
    confirm,
    remove_checked,
    reset_kind,
    review,
    rule_for,
    set_rule,
    unread_clauses,
)


@pytest.mark.parametrize("path", ["grants.csv", "dev/grants.csv", "holdout/grants.csv", "check/grants.csv"])
def test_every_condition_read_can_be_written_as_a_rule(path):
    n = 0
    for g in load_grants(DATA / path, warn=lambda m: None):
        for c in read_conditions(g):
            if c.kind in UNWRITTEN:  # who may apply, unread clauses: confirmed as checked, never a rule
                assert confirm("", c) == add_checked("", c.evidence)
                with pytest.raises(ValueError):
                    rule_for(c)
                continue
            (pinned,), _ = parse_manual(rule_for(c))
            assert (pinned.kind, pinned.param) == (c.kind, c.param), rule_for(c)
            n += 1
    assert n > 5


def _yuedu(grants):
    return next(g for g in grants if g.grant_id == "xiangcun-yuedu")


def test_confirm_correct_remove_add_and_reset(grants):
    g = _yuedu(grants)
    assert {r.kind: r.status for r in review(g)} == {"min_years": "read", "has_staff": "read", "field": "read"}
    min_years = next(c for c in read_conditions(g) if c.kind == "min_years")
    rules = confirm("", min_years)
    assert rules == "min_years=1"
    rules = set_rule(rules, "has_staff", "-has_staff")
    rules = set_rule(rules, "region", "region=河北")
    g2 = dataclasses.replace(g, conditions=rules)
    rows = {r.kind: r for r in review(g2)}
    assert rows["min_years"].status == "confirmed" and rows["min_years"].read.evidence == "注册成立1年以上"
    assert rows["has_staff"].status == "removed" and rows["has_staff"].effective is None
    assert rows["region"].status == "added" and rows["region"].read is None
    g3 = dataclasses.replace(g, conditions=set_rule(rules, "min_years", "min_years=3"))
    assert {r.kind: r.status for r in review(g3)}["min_years"] == "corrected"
    assert [c.param for c in read_conditions(g3) if c.kind == "min_years"] == [3]
    assert reset_kind(g3.conditions, "min_years") == "-has_staff; region=河北"


def test_confirming_a_topic_does_not_make_it_a_requirement(grants):
    g = _yuedu(grants)
    topic = next(c for c in read_conditions(g) if c.kind == "field")
    rules = confirm("", topic)
    assert rules.startswith("checked=")  # a field rule would bind the applicant: recorded as checked instead
    g2 = dataclasses.replace(g, conditions=rules)
    assert read_conditions(g2) == read_conditions(g)
    assert {r.kind: r.status for r in review(g2)}["field"] == "confirmed"


def test_checked_clauses_are_added_once_and_removed():
    rules = add_checked("min_years=2", "有详细可行的项目计划；成果可评估")
    assert add_checked(rules, "有详细可行的项目计划，成果可评估。") == rules
    assert remove_checked(rules, "有详细可行的项目计划 成果可评估") == "min_years=2"


def test_unread_clauses_come_from_the_reader_checked_or_not(grants):
    g = _yuedu(grants)
    assert unread_clauses(g) == ()  # every requirement of the seed programme was read
    text = g.eligibility + "申报机构须开展心理援助公益项目不少于3年。"
    g2 = dataclasses.replace(g, eligibility=text)
    (clause,) = unread_clauses(g2)
    assert "心理援助" in clause and clause in text
    checked = dataclasses.replace(g2, conditions=add_checked("", clause))
    assert unread_clauses(checked) == (clause,)  # still listed, so the page can show it as checked
    assert not [c for c in read_conditions(checked) if c.kind == "unread"]  # but no longer a question
