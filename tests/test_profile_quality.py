"""Thin profiles: a general rule on the model's own terms, and a message that says what to add."""

from __future__ import annotations

from matcher.profile_quality import ASPECTS, MIN_TERMS, check_profile
from matcher.records import Org
from tests.conftest import DATA


def test_the_seed_profiles_that_say_only_who_they_are_are_thin(orgs, tokenizer):
    thin = {o.org_id for o in orgs if check_profile(o, tokenizer).thin}
    assert thin == {"fenghuang", "tongde", "zhonghe"}


def test_no_real_profile_is_thin(tokenizer):
    from matcher.io import load_orgs

    real = load_orgs(DATA / "real" / "dev" / "orgs.csv", warn=lambda _m: None)
    assert not [o.org_id for o in real if check_profile(o, tokenizer).thin]


def test_generic_words_do_not_count_and_the_message_says_what_to_add(tokenizer):
    o = Org("x", "某某社会工作服务中心", "我们是社会工作服务机构，开展公益服务活动。")
    c = check_profile(o, tokenizer)
    assert c.thin and c.terms == ()
    msg = c.message()
    assert all(a in msg for a in ASPECTS)  # no city, no year: all four are asked for
    assert "没有具体的词" in msg


def test_a_profile_with_content_is_not_thin(tokenizer):
    o = Org("x", "萤火", "2016年起在青龙县的山区小学为留守儿童开展课外阅读、心理陪伴和校服捐赠。", city="秦皇岛")
    c = check_profile(o, tokenizer)
    assert not c.thin and len(c.terms) >= MIN_TERMS and c.message() == ""


def test_the_rule_is_a_parameter_not_a_list_of_names(tokenizer):
    o = Org("x", "萤火", "为留守儿童开展课外阅读。")
    assert check_profile(o, tokenizer, min_terms=2).thin is False
    assert check_profile(o, tokenizer, min_terms=50).thin is True
