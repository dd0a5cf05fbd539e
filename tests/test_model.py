import pickle

import joblib
import numpy as np
import pytest

from matcher.errors import ModelError, NotFittedError
from matcher.features import BLOCKS
from matcher.io import grants_fingerprint
from matcher.model import MatchModel, expected_meta, load_model, meta_path, save_model
from matcher.pipeline import open_matcher
from matcher.records import Grant


def test_unfitted_model_says_so(orgs):
    with pytest.raises(NotFittedError):
        MatchModel().transform_orgs(orgs)


def test_fit_returns_self_and_learns(model, grants):
    assert model.grant_matrix_.shape == (len(grants), len(model.terms_))
    # each feature block is L2-normalized and weighted by √weight: a row's squared
    # norm is the sum of the weights of its non-empty blocks, never above 1
    sq = model.grant_matrix_.multiply(model.grant_matrix_).sum(axis=1).A1
    assert (sq <= sum(model.ranker_weights()[b] for b in BLOCKS) + 1e-5).all()
    n_words = len(model.vectorizer_.vocabulary_)
    word = model.grant_matrix_[:, :n_words] / np.sqrt(model.ranker_weights()["word"])
    norms = np.sqrt(word.multiply(word).sum(axis=1)).A1
    assert np.allclose(norms[norms > 0], 1.0, atol=1e-5)


def test_score_is_the_weighted_sum_of_the_feature_cosines(model, orgs):
    blocks = model.block_scores(orgs)
    weights = model.ranker_weights()
    combined = (model.transform_orgs(orgs) @ model.grant_matrix_.T).toarray()
    assert np.allclose(combined, sum(weights[b] * blocks[b] for b in BLOCKS), atol=1e-5)
    for b in BLOCKS:
        assert (blocks[b] >= -1e-6).all() and (blocks[b] <= 1 + 1e-5).all()


def test_model_pickles_and_round_trips_with_identical_scores(model, orgs, tmp_path):
    path = save_model(model, tmp_path / "m.joblib")
    assert meta_path(path).exists()
    loaded = load_model(path, expect=expected_meta(model.grants_sha256_, MatchModel()))
    a = (model.transform_orgs(orgs) @ model.grant_matrix_.T).toarray()
    b = (loaded.transform_orgs(orgs) @ loaded.grant_matrix_.T).toarray()
    assert np.array_equal(a, b)
    assert pickle.loads(pickle.dumps(model)).terms_.tolist() == model.terms_.tolist()


def test_model_from_other_grants_is_detected(model, grants, tmp_path):
    path = save_model(model, tmp_path / "m.joblib")
    other = list(grants[:-1])
    with pytest.raises(ModelError, match="另一份"):
        load_model(path, expect=expected_meta(grants_fingerprint(other)))


def test_other_grants_are_rebuilt_never_silently_used(model, grants, tmp_path):
    path = save_model(model, tmp_path / "m.joblib")
    changed = [Grant(**{**g.__dict__, "eligibility": g.eligibility + "新增要求。"}) if i == 0 else g
               for i, g in enumerate(grants)]
    warnings = []
    m, built = open_matcher(changed, path, warn=warnings.append)
    assert built and warnings and "另一份" in warnings[0]
    assert m.model.grants_sha256_ == grants_fingerprint(changed)
    m2, built2 = open_matcher(changed, path)
    assert not built2  # the rebuilt model was saved and is now reused


def test_stale_side_meta_is_caught_by_the_pickled_meta(model, grants, tmp_path):
    path = save_model(model, tmp_path / "m.joblib")
    meta_path(path).unlink()
    with pytest.raises(ModelError):
        load_model(path, expect=expected_meta(grants_fingerprint(grants[:3])))


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign"])
def test_corrupt_model_is_rebuilt_with_a_warning(model, grants, tmp_path, damage):
    path = save_model(model, tmp_path / "m.joblib")
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:200])
    elif damage == "garbage":
        path.write_bytes(b"not a model at all")
    else:
        joblib.dump({"meta": {}, "model": "hello"}, path)
    with pytest.raises(ModelError, match="损坏"):
        load_model(path)
    warnings = []
    m, built = open_matcher(grants, path, warn=warnings.append)
    assert built and any("损坏" in w for w in warnings)
    assert load_model(path).grants_sha256_ == grants_fingerprint(grants)


def test_no_temp_files_left_behind(model, tmp_path):
    save_model(model, tmp_path / "m.joblib")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.joblib", "m.meta.json"]


def test_fast_transform_agrees_with_scikit_learn(model, orgs, matcher):
    from matcher.records import Org

    extra = [Org("e", "空", "。"), Org("x", "乡村", "农村孩子 农村孩子 阅读 绿色环保 的的的")]
    tokens = model.org_tokens([*orgs, *extra])
    ours = model.transform_tokens(tokens)
    ref = model.vectorizer_.transform(tokens).tocsr()
    ref.sort_indices()
    assert ours.shape == ref.shape and ours.dtype == ref.dtype
    assert np.array_equal(ours.indptr, ref.indptr) and np.array_equal(ours.indices, ref.indices)
    assert np.allclose(ours.data, ref.data, rtol=1e-6, atol=1e-7)
    m2 = MatchModel(tokenizer=model.tokenizer, sublinear_tf=True).fit(matcher.grants)
    a = m2.transform_tokens(tokens)
    b = m2.vectorizer_.transform(tokens).tocsr()
    b.sort_indices()
    assert np.array_equal(a.indices, b.indices) and np.allclose(a.data, b.data, rtol=1e-6, atol=1e-7)


def test_open_concept_only_for_programmes_open_to_everyone(model):
    from matcher.model import OPEN_TERM

    col = model.vectorizer_.vocabulary_[OPEN_TERM]
    has_open = dict(zip(model.grant_ids_, (model.grant_matrix_[:, col].toarray().ravel() > 0), strict=True))
    assert has_open["hao-gongyi"] and has_open["aiyou-yijia"]  # 不限领域, no restriction
    assert not has_open["chaoren-mama"]  # 不限领域 in the newsletter, but women-led or women-serving only
    assert not has_open["yinxing"]  # individuals only


def test_organization_rows_built_in_one_go_equal_the_stacked_blocks(model, orgs):
    from datetime import date

    from matcher.features import stack

    as_of = date(2026, 3, 1)
    blocks = model.features_.org_blocks(orgs, as_of)
    blocks["word"] = model.transform_tokens(model.org_tokens(orgs))
    want = stack(blocks, model._weights())
    got = model.transform_orgs(orgs, as_of)
    assert got.shape == want.shape
    assert np.allclose(got.toarray(), want.toarray(), atol=1e-6)
