"""Sector concepts: the table loads, scans longest first, names reasons."""

from __future__ import annotations

from matcher.concepts import KINDS, concept_table


def test_table_has_fields_populations_and_support_types_from_its_sources():
    table = concept_table()
    kinds = {c.kind for c in table.concepts.values()}
    assert kinds == set(KINDS)
    assert len(table.concepts) >= 40
    assert all(len(t) >= 2 for c in table.concepts.values() for t in c.terms)


def test_scan_is_longest_first_and_does_not_double_count():
    table = concept_table()
    spans = table.scan("开展环境教育和留守儿童关爱")
    words = ["开展环境教育和留守儿童关爱"[a:b] for a, b, _ in spans]
    assert "环境教育" in words and "教育" not in words  # not also 教育
    assert table.counts("孩子、少年儿童和留守儿童", ("population",))["children"] == 3


def test_reason_names_the_concept_with_the_words_that_named_it():
    table = concept_table()
    term = table.reason_term("儿童", "我们陪伴留守儿童和山区孩子", "资助困境儿童项目")
    assert term.startswith("儿童（") and "孩子" in term and "留守儿童" in term
    forms = table.forms(term)
    assert "孩子" in forms and "儿童" in forms
    assert table.forms("平台") is None  # a plain word is not a concept reason


def test_neighbours_are_symmetric():
    near = concept_table().neighbours
    assert near
    for a, others in near.items():
        for b in others:
            assert a in near[b]
