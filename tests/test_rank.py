import numpy as np
import pytest

from matcher.concepts import concept_table
from matcher.features import BLOCKS
from matcher.rank import Matcher, orgs_for_grant, recommend, recommend_many
from matcher.records import Org
from tests.conftest import AS_OF

READING = Org(org_id="r", name="乡村阅读服务社", profile="我们在河北山区农村为留守孩子开展绘本共读和阅读推广，建设乡村图书角。")


def test_rural_reading_org_prefers_the_reading_programme(matcher):
    ranked = [m.grant.grant_id for m in recommend(matcher, READING, top=11, as_of=AS_OF)]
    assert ranked.index("xiangcun-yuedu") < ranked.index("weilanxia")
    assert ranked[0] == "xiangcun-yuedu"


def test_environmental_org_prefers_environmental_programmes(matcher):
    org = Org(org_id="e", name="绿色河流守护队", profile="开展河流水污染调查和污染源公众监督，推动环境信息公开的环保组织。")
    top2 = {m.grant.grant_id for m in recommend(matcher, org, top=2, as_of=AS_OF)}
    assert "weilanxia" in top2


def test_every_reason_is_a_term_of_both_texts(matcher, orgs, tokenizer):
    model = matcher.model
    grant_tokens = dict(zip(model.grant_ids_, model.grant_tokens(matcher.grants), strict=True))
    for org, matches in recommend_many(matcher, [*orgs, READING], top=11, as_of=AS_OF):
        org_tokens = set(model.org_tokens([org])[0])
        for m in matches:
            for r in m.reasons:
                assert r.weight > 0
                if r.feature == "word":
                    assert r.label in org_tokens and r.label in grant_tokens[m.grant.grant_id]
                elif r.feature == "concept":  # "儿童（孩子、留守儿童）": the concept is named in both texts
                    forms = concept_table().forms(r.term)
                    grant_text = f"{m.grant.text}\n{m.grant.category}"  # the category counts, as in the model
                    assert any(f in org.text for f in forms) and any(f in grant_text for f in forms)
                else:
                    assert r.feature in BLOCKS


def test_reasons_add_up_to_at_most_the_score(matcher, orgs):
    for _, matches in recommend_many(matcher, [*orgs, READING], top=11, as_of=AS_OF):
        for m in matches:
            assert sum(r.weight for r in m.reasons) <= m.score + 1e-3
            if m.score > 0:
                assert m.reasons


def test_scores_are_cosines_in_order(matcher):
    ms = recommend(matcher, READING, top=11, as_of=AS_OF)
    d = matcher.unknown_discount
    # may apply first, by score (discounted when conditions are to be confirmed), then ineligible
    keys = [m.score * (d if m.eligibility == "unknown" else 1) for m in ms if m.eligibility != "ineligible"]
    assert keys == sorted(keys, reverse=True)
    bad = [m.score for m in ms if m.eligibility == "ineligible"]
    assert bad == sorted(bad, reverse=True)
    assert all(0 <= m.score <= 1 for m in ms)
    assert [m.rank for m in ms] == list(range(1, len(ms) + 1))


def test_ineligible_programmes_come_last_and_can_be_hidden(matcher):
    young = Org(org_id="y", name="新芽阅读", profile="为农村留守儿童开展阅读活动。", founded_year=2026, legal_form="民办非企业单位")
    ms = recommend(matcher, young, top=11, as_of=AS_OF)
    verdicts = [m.eligibility for m in ms]
    assert "ineligible" in verdicts
    first_bad = verdicts.index("ineligible")
    assert all(v == "ineligible" for v in verdicts[first_bad:])
    hidden = recommend(matcher, young, top=11, as_of=AS_OF, hide_ineligible=True)
    assert all(m.eligibility != "ineligible" for m in hidden)
    assert len(hidden) == first_bad


def test_batch_and_single_agree(matcher, orgs):
    batch = {o.org_id: ms for o, ms in recommend_many(matcher, orgs, top=5, as_of=AS_OF, block=2)}
    for org in orgs:
        assert recommend(matcher, org, top=5, as_of=AS_OF) == batch[org.org_id]


def test_filter_keeps_only_wanted_programmes(matcher):
    ms = recommend(matcher, READING, top=11, as_of=AS_OF, keep=lambda g: g.category == "环保")
    assert {m.grant.category for m in ms} == {"环保"} and len(ms) == 2


def test_reverse_matching(matcher, orgs):
    fits = orgs_for_grant(matcher, "xiangcun-yuedu", [*orgs, READING], top=3, as_of=AS_OF)
    assert fits[0].org.org_id in {"r", "yinghuo"}
    assert len(fits) == 3


def test_matcher_refuses_a_model_for_other_grants(model, grants):
    with pytest.raises(ValueError):
        Matcher(model, grants[:5])


def test_top_larger_than_catalogue(matcher):
    assert len(recommend(matcher, READING, top=500, as_of=AS_OF)) == len(matcher.grants)
    assert np.isfinite([m.score for m in recommend(matcher, Org("x", "x", "。"), top=3, as_of=AS_OF)]).all()


# -- the fast paths agree with the plain ones -------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.sampled_from([0.0, 0.0, 0.1, 0.25, 0.25, 0.5, 0.7, 1.0]), min_size=1, max_size=400)
    | st.lists(st.floats(0, 1, width=32), min_size=1, max_size=3000),
    pool=st.integers(1, 60),
)
def test_top_pool_is_best_scores_then_file_order(values, pool):
    from matcher.rank import _top_pool

    scores = np.asarray(values, dtype=np.float32)
    idx = np.arange(scores.size)
    expected = idx[np.lexsort((idx, -scores))][:pool]
    assert _top_pool(scores, pool).tolist() == expected.tolist()


def test_top_pool_with_many_ties_and_a_misleading_sample():
    from matcher.rank import _top_pool

    scores = np.zeros(10_000, dtype=np.float32)
    scores[0:160:8] = 0.9  # 20 high scores, all where the every-8th sample looks
    scores[1::8] = 0.5  # the sample sees none of these
    got = _top_pool(scores, 40).tolist()
    assert got == list(range(0, 160, 8)) + list(range(1, 160, 8))


def test_reasons_of_a_whole_list_equal_reasons_one_by_one(matcher, orgs):
    from matcher.rank import _explain_rows, _Row, explain

    model = matcher.model
    xo = model.transform_orgs([*orgs, READING])
    rows = list(range(len(matcher.grants)))
    for k in range(xo.shape[0]):
        row = _Row.of(xo, k)
        together = _explain_rows(row, model.grant_matrix_, rows, matcher.terms(), 5)
        alone = [explain(row, _Row.of(model.grant_matrix_, i), model.terms_, 5) for i in rows]
        assert together == alone
        assert any(together)


def test_reasons_without_their_words_keep_labels_parts_and_order(matcher, orgs):
    """The programme search asks only which concepts matter (words=False): same labels, parts, order."""
    from matcher.rank import explain_named

    xo = matcher.model.transform_orgs([*orgs, READING])
    rows = list(range(len(matcher.grants)))
    concepts = 0
    for k, org in enumerate([*orgs, READING]):
        full = explain_named(matcher, org, xo, k, rows)
        bare = explain_named(matcher, org, xo, k, rows, words=False)
        assert [[(r.label, r.weight, r.feature) for r in rs] for rs in full] == \
            [[(r.term, r.weight, r.feature) for r in rs] for rs in bare]
        concepts += sum(r.term != r.label for rs in full for r in rs)
    assert concepts  # some reasons did carry words, so the two forms were compared where they differ


def test_verdict_alone_equals_the_verdict_of_assess(matcher, orgs):
    from matcher.conditions import assess
    from matcher.conditions.checker import verdict

    for org in [*orgs, READING, Org("x", "某某公司", "2025年成立，无专职人员，在上海市注册", legal_form="工商注册")]:
        memo: dict = {}
        for i in range(len(matcher.grants)):
            conds, keys = matcher.conditions(i), matcher.condition_keys(i)
            assert verdict(conds, keys, org, AS_OF, memo) == assess(conds, org, AS_OF)[0]
