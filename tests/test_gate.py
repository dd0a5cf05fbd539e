"""The reader's gates skip regexes that cannot match, and nothing else.

A gate is derived from a pattern's parse tree; a wrong derivation would make
the reader silently miss conditions, so the gated reader is compared with
the ungated one on every programme text we ship and on generated texts built
from the very words the gates look for.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.conditions import gate as gate_mod
from matcher.conditions import reader
from matcher.conditions.gate import Gates, gate
from matcher.io import load_grants

ALL = reader._gates()  # the reader's own gates


def _ungated(monkeypatch) -> None:
    monkeypatch.setattr(reader, "finditer", lambda p, t, closed: p.finditer(t))
    monkeypatch.setattr(reader, "search", lambda p, t, closed: p.search(t))


# -- the derivation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"注册满\d+年", {"注册满"}),
        (r"(?:专职|全职)\d+名", {"专职", "全职"}),
        (r"(?:仅限|只限)?河北", {"河北"}),
        (r"(?:须|需)为(?:女性|妇女)主导", {"须为女性主导", "须为妇女主导", "需为女性主导", "需为妇女主导"}),
        (r"\d+岁|不超过\d+", {"岁", "不超过"}),
        (r"(?<!未)登记(?=的)", {"登记"}),
        (r"x{2,3}yz", {"yz"}),
    ],
)
def test_gate_is_a_required_literal(pattern, expected):
    assert gate(re.compile(pattern)) == expected


@pytest.mark.parametrize(
    "pattern",
    [r"\d+", r"(?:注册)?", r"注册|\d", r"[^，]{2}", r"注册", r"(?i)abc", r"(?:a|)", r"(?=注册)"],
)
def test_no_gate_where_none_is_certain(pattern):
    g = gate(re.compile(pattern))
    if pattern == r"注册":
        assert g == {"注册"}
    else:
        assert g is None


def test_overlapping_gate_strings_are_not_lost():
    # the scan finds "ABC" and resumes at "DE": "CDE" is never reported, yet must not be skipped
    a, b = re.compile("ABC"), re.compile("CDE")
    gates = Gates([a, b])
    assert gates.closed("xxABCDExx") == frozenset()
    assert gates.closed("xxABxxCDxx") == {id(a), id(b)}
    assert gates.closed("CDE") == {id(a)}


def test_unknown_patterns_are_never_closed():
    gates = Gates([re.compile("注册")])
    other = re.compile("登记")
    assert [m.group(0) for m in gate_mod.finditer(other, "登记", gates.closed("登记"))] == ["登记"]


# -- the reader with and without gates ---------------------------------------------------


def _texts() -> list[str]:
    out = []
    for path in [ROOT / "data" / "grants.csv", *sorted((ROOT / "data").glob("*/grants.csv"))]:
        for g in load_grants(path):
            out += [g.eligibility, g.description]
    return out


def test_closed_patterns_have_no_match_in_shipped_texts():
    patterns = [p for p in _all_patterns() if id(p) in ALL._gated]
    n_closed = 0
    for text in _texts():
        closed = ALL.closed(text)
        n_closed += len(closed)
        for p in patterns:
            if id(p) in closed:
                assert p.search(text) is None, (p.pattern[:40], text)
    assert n_closed > 0  # the gates do skip something, or this test proves nothing


def test_gated_reader_equals_ungated_on_shipped_texts(monkeypatch):
    texts = _texts()
    gated = [reader._read_text(t, eligibility=e) for t in texts for e in (True, False)]
    _ungated(monkeypatch)
    assert gated == [reader._read_text(t, eligibility=e) for t in texts for e in (True, False)]


def _all_patterns() -> list[re.Pattern[str]]:
    from matcher.conditions import patterns

    out = []
    for v in vars(patterns).values():
        if isinstance(v, re.Pattern):
            out.append(v)
        elif isinstance(v, tuple) and v and all(isinstance(x, re.Pattern) for x in v):
            out += v
    return out


def _gate_words() -> list[str]:
    words = set()
    for p in _all_patterns():
        words |= gate(p) or set()
    return sorted(words)


WORDS = st.sampled_from(
    _gate_words()
    + ["满", "2", "两", "3", "年", "以上", "名", "人", "的", "机构", "组织", "社会组织", "，", "。", "；", "或",
       "河北", "唐山市", "全国", "环保", "教育", "前", "2016", "年以后", "个月", "须", "仅限", "不", "未", "以"]
)
TEXTS = st.one_of(st.lists(WORDS, max_size=30).map("".join), st.text(max_size=80))


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, eligibility=st.booleans())
def test_gated_reader_equals_ungated_on_generated_texts(text, eligibility):
    closed = ALL.closed(text)
    for p in _all_patterns():
        if id(p) in closed:
            assert p.search(text) is None
    gated = reader._read_text(text, eligibility=eligibility)
    plain_finditer, plain_search = reader.finditer, reader.search
    try:
        reader.finditer = lambda p, t, c: p.finditer(t)
        reader.search = lambda p, t, c: p.search(t)
        assert gated == reader._read_text(text, eligibility=eligibility)
    finally:
        reader.finditer, reader.search = plain_finditer, plain_search
