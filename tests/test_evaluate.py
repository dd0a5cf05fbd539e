"""Ranking evaluation: nDCG with and without eligibility, and our score alone."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.evaluate import Judgments, evaluate_rankings, score_rankings


def test_ndcg_counts_an_ineligible_pair_as_no_gain_and_topical_ignores_eligibility():
    j = Judgments({("o", "a"): 3, ("o", "b"): 2}, {("o", "a"): "no", ("o", "b"): "yes"})
    ranking = {"o": ["a", "b"]}
    # with eligibility: the only gain (b) is second → below 1
    assert evaluate_rankings(ranking, j, ["a", "b"]).ndcg < 1
    # eligibility ignored: a (3) before b (2) is the ideal order
    assert evaluate_rankings(ranking, j.topical(), ["a", "b"]).ndcg == pytest.approx(1.0)
    assert evaluate_rankings({"o": ["b", "a"]}, j, ["a", "b"]).ndcg == pytest.approx(1.0)


def test_score_rankings_order_every_programme_by_the_matchers_own_score(matcher, orgs):
    ranked = score_rankings(matcher, orgs)
    scores = matcher.score_matrix(orgs)
    index = {g.grant_id: i for i, g in enumerate(matcher.grants)}
    for k, org in enumerate(orgs):
        got = [scores[k, index[g]] for g in ranked[org.org_id]]
        assert sorted(ranked[org.org_id]) == sorted(index)
        assert all(a >= b for a, b in zip(got, got[1:], strict=False)), org.org_id
    assert np.asarray(scores).shape == (len(orgs), len(matcher.grants))
