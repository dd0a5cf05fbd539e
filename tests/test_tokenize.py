import pickle

import pytest

from matcher.tokenize import Tokenizer, tokenize_many


@pytest.mark.parametrize("term", ["社会工作", "孵化培育", "留守儿童", "居家养老", "社区治理", "公益组织", "筹款传播"])
def test_domain_terms_stay_whole(tokenizer, term):
    assert term in tokenizer(f"我们长期从事{term}相关的服务。") or tokenizer.synonyms.get(term) in tokenizer(
        f"我们长期从事{term}相关的服务。"
    )


def test_search_mode_yields_known_concepts_inside_compounds():
    toks = Tokenizer(search_mode=True)("关注留守儿童的阅读")
    assert "留守儿童" in toks and "儿童" in toks
    assert "工作服" not in Tokenizer(search_mode=True)("社会工作服务中心")  # only concepts, never fragments


def test_stopwords_and_punctuation_are_dropped(tokenizer):
    toks = tokenizer("资助对象：项目、组织和机构，2019年！")
    assert toks == []


def test_synonyms_map_to_one_concept(tokenizer):
    assert "儿童" in tokenizer("为山区的孩子们服务")
    assert "乡村" in tokenizer("为山区的孩子们服务")
    assert "老人" in tokenizer("关爱长者")


def test_variants_for_highlighting(tokenizer):
    assert "孩子" in tokenizer.variants("儿童")
    assert tokenizer.variants("不存在的词") == ["不存在的词"]


def test_pickle_round_trip_gives_same_tokens(tokenizer):
    text = "秦皇岛萤火社工为山区留守儿童开展阅读活动"
    clone = pickle.loads(pickle.dumps(tokenizer))
    assert clone._jieba is None  # the 30 MB dictionary is not in the pickle
    assert clone(text) == tokenizer(text)


def test_fingerprint_changes_with_dictionary():
    assert Tokenizer().fingerprint() != Tokenizer(stopwords=["的"]).fingerprint()


def test_parallel_tokenizing_is_identical(tokenizer):
    texts = [f"第{i}个机构为农村留守儿童与空巢老人提供社会工作服务，推动社区治理。" * 20 for i in range(400)]
    assert sum(map(len, texts)) > 200_000  # large enough to take the parallel path
    assert tokenize_many(tokenizer, texts, n_jobs=2) == [tokenizer(t) for t in texts]
