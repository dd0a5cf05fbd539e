"""A programme's information date comes from the data (updated, else its source), and old ones are marked."""

from datetime import date

import pytest

from matcher.freshness import STALE_NOTE, UNDATED_NOTE, info_date, info_note, parse_info_date
from matcher.records import Grant


def _grant(**kw) -> Grant:
    return Grant("g", "名", "方", "类", "对象", "介绍", **kw)


@pytest.mark.parametrize("value, text, latest", [
    ("2019", "2019", date(2019, 12, 31)),
    ("2019年", "2019", date(2019, 12, 31)),
    ("2019-02", "2019-02", date(2019, 2, 28)),
    ("2020年2月", "2020-02", date(2020, 2, 29)),
    ("2019/5/12", "2019-05-12", date(2019, 5, 12)),
    ("2019年5月12日", "2019-05-12", date(2019, 5, 12)),
])
def test_dates_as_precise_as_the_source(value, text, latest):
    d = parse_info_date(value)
    assert d is not None and (d.text, d.latest) == (text, latest)


@pytest.mark.parametrize("value", ["", "去年", "2019-13", "2019-02-30", "19", "第2019期"])
def test_not_dates(value):
    assert parse_info_date(value) is None


def test_updated_wins_then_the_source_then_unknown():
    newsletter = "石家庄北极光社会工作服务中心《星火项目简报》2019年【公益资助信息】"
    assert info_date(_grant(source=newsletter, updated="2021-03")).text == "2021-03"
    d = info_date(_grant(source=newsletter))
    assert (d.text, d.origin, d.label) == ("2019", "source", "2019年")
    assert info_date(_grant(source="某基金会官网")) is None


def test_old_information_is_marked_and_the_age_is_configurable():
    g = _grant(updated="2025-06")  # stands for 2025-06-30 at the latest
    assert info_note(g, date(2026, 6, 30)) == ""
    assert info_note(g, date(2026, 7, 1)) == STALE_NOTE
    assert info_note(g, date(2026, 7, 1), max_age_days=400) == ""
    assert info_note(_grant(), date(2026, 7, 1)) == UNDATED_NOTE


def test_bundled_programmes_date_from_the_2019_newsletter(grants):
    assert {g.updated for g in grants} == {"2019"}
    assert all(info_note(g, date(2026, 11, 28)) == STALE_NOTE for g in grants)
