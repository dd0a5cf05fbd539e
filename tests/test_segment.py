"""Our one-pass segmentation gives jieba's own words, in jieba's order."""

from __future__ import annotations

import csv

import jieba
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import synth
from matcher.segment import FastTokenizer
from matcher.tokenize import Tokenizer


@pytest.fixture(scope="module")
def pair():
    tok = Tokenizer()
    return tok.new_jieba(jieba.Tokenizer), tok.new_jieba(FastTokenizer)


def _shipped_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data").rglob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                texts += [v for v in row.values() if isinstance(v, str) and v.strip()]
    return texts


def test_same_words_on_every_shipped_text(pair):
    plain, fast = pair
    texts = _shipped_texts()
    assert len(texts) > 500
    for t in texts:
        assert fast.lcut(t) == plain.lcut(t), t


def test_same_words_on_synthetic_programmes_and_orgs(pair):
    plain, fast = pair
    for i in range(300):
        g, o = synth.grant_row(7, i), synth.org_row(7, i)
        for t in (g["eligibility"], g["description"], g["name"], o["profile"]):
            assert fast.lcut(t) == plain.lcut(t), t


def test_words_added_later_count(pair):
    plain, fast = pair
    text = "我们开展青葱计划试点"
    assert fast.lcut(text) == plain.lcut(text)
    fresh_plain, fresh_fast = jieba.Tokenizer(), FastTokenizer()
    for dt in (fresh_plain, fresh_fast):
        dt.tmp_dir = plain.tmp_dir
        dt.lcut(text)  # weights are kept from here on ...
        dt.add_word("青葱计划", freq=100000)  # ... and must follow the new total
    assert fresh_fast.lcut(text) == fresh_plain.lcut(text)
    assert "青葱计划" in fresh_fast.lcut(text)


WORDS = st.sampled_from(
    ["社会工作", "服务", "中心", "乡村", "儿童", "阅读", "我们", "在", "河北", "唐山市", "开展", "留守", "老人", "的",
     "，", "。", "2019年", "注册", "满", "3", "年", "abc", "U泉", "公益", "组织", "机构", "社区", "志愿者", "鑫", "骉"]
)
CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=30)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.lists(WORDS, max_size=40).map("".join), CJK, st.text(max_size=60)))
def test_same_words_on_generated_text(pair, text):
    plain, fast = pair
    assert fast.lcut(text) == plain.lcut(text)
