"""Programme search: the visitor's words ranked like a profile, name matches first; explained for the page shown.

The hits and their order are those of ranking the query as an
organization's profile against every programme
(:func:`~matcher.rank.recommend` with ``top`` = all): programmes whose
name, funder, category or id contain the query, then those whose reasons
include a word the visitor typed (not only the model's implicit 不限领域),
each group in ranked order (may apply before ineligible, then score —
discounted when conditions are to be confirmed —, then file order). Only candidates are looked at — programmes containing a typed
word or the query itself — and only the page shown gets reasons, checks
and highlights, so a search over 10,000 programmes does not explain 10,000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from matcher.conditions.checker import INELIGIBLE, UNKNOWN, is_expired
from matcher.features import MARK
from matcher.rank import Matcher, build_matches, explain_named
from matcher.records import Org

from . import present
from .highlight import segments, term_forms


@dataclass(frozen=True)
class Found:
    """Every hit of one query, in order; rows are made per page."""

    q: str
    probe: Org
    org_rows: object  # the query's TF-IDF row
    hits: list[tuple[int, str, float]]  # (programme index, verdict, raw score)
    asked: frozenset[str]


def find(matcher: Matcher, q: str, as_of: date) -> Found:
    """The programmes a search finds, in order (see the module docstring)."""
    probe = Org(org_id="", name="", profile=q)
    xo = matcher.model.transform_orgs([probe])
    scores = np.asarray(matcher.scorer()(xo)).ravel()
    tok = matcher.model.tokenizer_
    asked = frozenset(tok(q))
    needle = q.lower()
    literal = [i for i, gr in enumerate(matcher.grants)
               if any(needle in s.lower() for s in (gr.name, gr.funder, gr.category, gr.grant_id))]
    index = matcher.term_index()
    # a typed word, or the concept of that name (儿童 → the concept 儿童: 孩子, 留守儿童 …)
    cols = [index[t] for w in asked for t in (w, MARK + w) if t in index]
    typed: list[int] = []
    if cols:
        marker = np.zeros(len(matcher.terms()), dtype=np.float32)
        marker[cols] = 1
        holds = np.flatnonzero((matcher.model.grant_matrix_ @ marker > 0) & (scores > 0))  # a typed word, shared
        is_literal = set(literal)
        cand = [i for i in holds.tolist() if i not in is_literal]
        for i, reasons in zip(cand, explain_named(matcher, probe, xo, 0, cand, words=False), strict=True):
            if any(r.label in asked for r in reasons):
                typed.append(i)
    memo: dict = {}
    by_group: dict[int, str] = {}

    def ordered(indices: list[int]) -> list[tuple[int, str, float]]:
        rows = [(i, matcher.verdict(i, probe, as_of, memo, by_group), float(scores[i])) for i in indices]
        d = matcher.unknown_discount

        def key(r: tuple[int, str, float]) -> tuple:  # the order of recommend's list (see matcher.rank.choose)
            return (r[1] == INELIGIBLE, -(r[2] * d if r[1] == UNKNOWN else r[2]), r[0])

        rows.sort(key=key)
        return rows

    return Found(q=q, probe=probe, org_rows=xo, hits=ordered(literal) + ordered(typed), asked=asked)


def rows(matcher: Matcher, found: Found, hits: Sequence[tuple[int, str, float]], as_of: date) -> list[tuple]:
    """Template rows for some hits: (programme, match, highlighted name, typed reasons, bar class)."""
    chosen = [(i, v, is_expired(matcher.grants[i], as_of)) for i, v, _ in hits]
    matches = build_matches(matcher, found.probe, found.org_rows, 0, chosen,
                            [round(s, 4) for _, _, s in hits], as_of=as_of)
    tok = matcher.model.tokenizer_
    out = []
    for m in matches:
        shown = tuple(r for r in m.reasons if r.label in found.asked)
        forms = term_forms(tok, [r.term for r in shown]) + [found.q]
        out.append((m.grant, m, segments(m.grant.name, forms), shown, present.bar_class(m.score)))
    return out
