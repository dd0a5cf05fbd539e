"""The rankings store's lists are today's rankings: same ids, order, scores, verdicts, reasons and checks."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date, timedelta

import numpy as np
import pytest

from matcher.rank import Matcher, orgs_for_grant, recommend, recommend_many
from matcher.rankings import DEFAULT_K, rank_all, rerank
from matcher.records import Org
from tests.conftest import AS_OF, ROOT

sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402

SYNTH_AS_OF = date(2026, 6, 1)  # synthetic deadlines run from 2026-01-01: some have passed


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from matcher.io import load_grants, load_orgs
    from matcher.model import MatchModel

    d = tmp_path_factory.mktemp("synth")
    grants = load_grants(synth.write_grants(d / "g.csv", 400))
    orgs = load_orgs(synth.write_orgs(d / "o.csv", 80))
    return Matcher(MatchModel().fit(grants), grants), orgs


def stored(rankings, matcher, org_id):
    """One organization's stored list as (grant_id, score, verdict)."""
    p = rankings.position(org_id)
    return [(matcher.grants[i].grant_id, s, ("eligible", "unknown", "ineligible")[v])
            for i, s, v in zip(rankings.grant_index[p].tolist(), rankings.scores[p].tolist(),
                               rankings.verdicts[p].tolist(), strict=True)]


def assert_same_as_recommend_many(matcher, orgs, k, as_of):
    rankings = rank_all(matcher, orgs, k=k, as_of=as_of, block=7)
    assert rankings.width == min(k, len(matcher.grants))
    n = 0
    for org, want in recommend_many(matcher, orgs, top=k, as_of=as_of):
        assert stored(rankings, matcher, org.org_id) == [(m.grant.grant_id, m.score, m.eligibility) for m in want]
        entries = rankings.select(org.org_id, matcher.grants, top=k, as_of=as_of)
        assert rankings.matches(matcher, org, entries) == want  # reasons, checks, expired, ranks too
        n += len(want)
    assert n == len(orgs) * min(k, len(matcher.grants))
    return rankings


@pytest.mark.parametrize("k", [1, 3, 11, DEFAULT_K])
def test_stored_rankings_are_recommend_many_on_the_seed_data(matcher, orgs, k):
    extra = Org("young", "新芽阅读", "为农村留守儿童开展阅读活动。", founded_year=2026, legal_form="民办非企业单位")
    r = assert_same_as_recommend_many(matcher, [*orgs, extra], k, AS_OF)
    assert r.complete == (k >= len(matcher.grants))
    if r.complete:
        assert (r.verdicts == 2).any()  # ineligible programmes are ranked (last), not dropped


@pytest.mark.parametrize("k", [10, DEFAULT_K])
def test_stored_rankings_are_recommend_many_on_a_synthetic_set(synthetic, k):
    matcher, orgs = synthetic
    r = assert_same_as_recommend_many(matcher, orgs, k, SYNTH_AS_OF)
    assert not r.complete and (r.verdicts == 1).any() and (r.verdicts == 0).any()  # lists cut at K


def _category_filter(tag):
    return lambda g: tag in g.category.split("+")


def test_every_page_option_is_answered_exactly_or_not_at_all(synthetic):
    """Filters from the store equal recommend with the same filters; None sends the caller to recommend."""
    matcher, orgs = synthetic
    rankings = rank_all(matcher, orgs, k=30, as_of=SYNTH_AS_OF)
    answered = deferred = 0
    for org in orgs[:40]:
        for top in (1, 3, 10, 30, 50):
            for hide_ineligible in (False, True):
                for hide_expired in (False, True):
                    for keep in (None, _category_filter("儿童"), _category_filter("禁毒")):
                        kw = dict(top=top, as_of=SYNTH_AS_OF, hide_ineligible=hide_ineligible,
                                  hide_expired=hide_expired, keep=keep)
                        got = rankings.select(org.org_id, matcher.grants, **kw)
                        if got is None:
                            plain = keep is None and not hide_expired and not hide_ineligible
                            assert not (plain and top <= rankings.width), kw  # never deferred
                            deferred += 1
                            continue
                        answered += 1
                        assert rankings.matches(matcher, org, got) == recommend(matcher, org, **kw)
    assert answered > 1000 and deferred > 0  # deep ones (top 50 of 30, rare categories) go to the caller


def test_another_day_is_not_answered(matcher, orgs):
    rankings = rank_all(matcher, orgs, k=5, as_of=AS_OF)
    assert rankings.select(orgs[0].org_id, matcher.grants, top=3, as_of=AS_OF + timedelta(days=1)) is None
    assert rankings.select(orgs[0].org_id, matcher.grants, top=3, as_of=AS_OF) is not None


def test_an_edit_of_some_organizations_reranks_only_those(synthetic, monkeypatch):
    matcher, orgs = synthetic
    before = rank_all(matcher, orgs, k=20, as_of=SYNTH_AS_OF)
    edited = dataclasses.replace(orgs[3], profile="我们只做流浪动物救助和文明养宠倡导。", founded_year=2025)
    new_orgs = [orgs[1], edited, *orgs[5:], Org("new", "新机构", "社区养老助餐服务")]  # removed 0, 2, 4; moved; added
    calls = []
    after = rerank(before, matcher, new_orgs, unchanged={o.org_id for o in orgs if o.org_id != edited.org_id},
                   progress=lambda done, total: calls.append(total))
    assert calls == [2]  # the edited and the new organization, nobody else
    fresh = rank_all(matcher, new_orgs, k=20, as_of=SYNTH_AS_OF)
    assert after.org_ids == fresh.org_ids
    for name in ("grant_index", "scores", "verdicts"):
        assert np.array_equal(getattr(after, name), getattr(fresh, name)), name
    assert (after.org_rows != fresh.org_rows).nnz == 0
    assert stored(after, matcher, edited.org_id) != stored(before, matcher, edited.org_id)


def test_reverse_matching_with_the_stored_rows_is_the_same(synthetic):
    matcher, orgs = synthetic
    rankings = rank_all(matcher, orgs, k=5, as_of=SYNTH_AS_OF)
    for gr in matcher.grants[::40]:
        assert orgs_for_grant(matcher, gr.grant_id, orgs, top=10, as_of=SYNTH_AS_OF,
                              org_rows=rankings.org_rows) == orgs_for_grant(matcher, gr.grant_id, orgs, top=10,
                                                                            as_of=SYNTH_AS_OF)


def test_memory_is_k_entries_per_organization(synthetic):
    matcher, orgs = synthetic
    r = rank_all(matcher, orgs, k=10, as_of=SYNTH_AS_OF)
    assert r.grant_index.shape == r.scores.shape == r.verdicts.shape == (len(orgs), 10)
    assert r.nbytes < len(orgs) * (10 * 13 + 200 * 8)
    assert r.holders(int(r.grant_index[0, 0]), within=1) >= 1
    with pytest.raises(ValueError):
        rank_all(matcher, orgs, k=0)
