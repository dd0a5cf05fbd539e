"""No ✓ on a requirement the reader did not read."""

from __future__ import annotations

from datetime import date

import pytest

from matcher.conditions import assess, read_conditions
from matcher.records import Grant, Org

AS_OF = date(2026, 3, 1)
ORG = Org("o", "某市某某社会工作服务中心", "2015年在民政局登记的社会服务机构，现有专职社工6名，服务社区老人。",
          city="石家庄", legal_form="社会服务机构", founded_year=2015, fulltime_staff=6)
BASE = "申报主体须为依法登记的社会组织，成立满2年。"


def grant(eligibility: str) -> Grant:
    return Grant("g", "测试计划", "某基金会", "养老", eligibility, "")


def unread(text: str) -> list[str]:
    return [c.param for c in read_conditions(grant(text)) if c.kind == "unread"]


def test_a_requirement_the_reader_does_not_know_turns_a_tick_into_a_question():
    assert assess(read_conditions(grant(BASE)), ORG, AS_OF)[0] == "eligible"
    text = BASE + "申报机构须开展心理援助公益项目不少于3年。"
    verdict, checks = assess(read_conditions(grant(text)), ORG, AS_OF)
    assert verdict == "unknown"
    (c,) = [c for c in checks if c.kind == "unread"]
    assert c.status == "unknown" and "心理援助" in c.evidence and c.evidence in text


@pytest.mark.parametrize(
    "sentence",
    [
        "优先支持有社区服务经验的机构。",  # a wish
        "申报材料须于5月31日前提交至指定邮箱。",  # process
        "项目须在本市社区落地实施。",  # the project
        "须有健全的财务管理制度，无违法违规记录。",  # generic good standing
        "每个机构限报1个项目。",  # a cap
        "须同时满足以下条件：",  # a frame for other clauses
        "已获往届本大赛金奖的项目不能再报。",  # earlier winners: presumed not one
    ],
)
def test_wishes_process_project_standing_caps_and_frames_are_not_unread(sentence):
    assert unread(BASE + sentence) == []


def test_read_clauses_are_not_repeated_and_staff_can_mark_them_checked():
    assert unread(BASE) == []  # both clauses were read into conditions
    text = BASE + "须为参加2021年99公益日的项目。"
    assert unread(text)
    g = Grant("g", "测试计划", "某基金会", "养老", text, "", conditions="-unread")
    assert not [c for c in read_conditions(g) if c.kind == "unread"]


def test_a_clause_staff_marked_checked_is_no_longer_unread():
    from matcher.conditions import checked_rule

    text = BASE + "须为参加2021年99公益日的项目。"
    (clause,) = unread(text)
    g = Grant("g", "测试计划", "某基金会", "养老", text, "", conditions=checked_rule(clause))
    assert not [c for c in read_conditions(g) if c.kind == "unread"]
    assert assess(read_conditions(g), ORG, AS_OF)[0] == "eligible"
