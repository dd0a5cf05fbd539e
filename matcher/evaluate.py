"""How good is the ranking? nDCG@K, P@3 and MRR against human judgments.

Judgments (qrels) are a CSV ``org_id, grant_id, relevance, eligible``:
relevance 0 off-topic … 3 excellent fit; eligible yes / no / unknown. The
gain of a pair is its relevance, or 0 when the organization truly cannot
apply (eligible = no): recommending a programme one may not apply to is
no help, however close the topic.

Two baselines are computed on the same data, as the issue asks: BM25 (the
``rank-bm25`` package) and plain TF-IDF, both over jieba's default tokens
with none of our dictionary, stop-list or concepts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from .errors import InputError
from .io import read_table
from .records import Grant, Org

__all__ = [
    "Judgments",
    "Scores",
    "baseline_rankings",
    "evaluate_rankings",
    "load_qrels",
    "matcher_rankings",
    "score_rankings",
]

Ranking = dict[str, list[str]]  # org_id -> grant ids, best first


@dataclass(frozen=True)
class Judgments:
    """Human judgments: ``gain[(org_id, grant_id)]`` after eligibility."""

    relevance: dict[tuple[str, str], int]
    eligible: dict[tuple[str, str], str]

    def gain(self, org_id: str, grant_id: str) -> int:
        key = (org_id, grant_id)
        if self.eligible.get(key) == "no":
            return 0
        return self.relevance.get(key, 0)

    def topical(self) -> Judgments:
        """The same judgments with eligibility ignored (gain = relevance): how a
        ranking by score alone is judged, ours and the baselines' alike."""
        return Judgments(self.relevance, {})


@dataclass(frozen=True)
class Scores:
    """Mean metrics of one system, and nDCG per organization (for plots)."""

    ndcg: float
    p3: float
    mrr: float
    per_org: dict[str, float]


def load_qrels(path: str | Path, *, encoding: str | None = None) -> Judgments:
    """Read and validate a judgments file."""
    rows = read_table(path, encoding=encoding)
    name = str(path)
    if not rows:
        raise InputError("文件为空", path=name)
    header = [h.strip().strip("\ufeff").lower() for h in rows[0]]
    need = ("org_id", "grant_id", "relevance", "eligible")
    for col in need:
        if col not in header:
            raise InputError("缺少必需的列", path=name, row=1, column=col)
    ix = {c: header.index(c) for c in need}
    rel: dict[tuple[str, str], int] = {}
    elig: dict[tuple[str, str], str] = {}
    for r, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        get = {c: (cells[i].strip() if i < len(cells) else "") for c, i in ix.items()}
        key = (get["org_id"], get["grant_id"])
        if not all(key):
            raise InputError("编号为空", path=name, row=r, column="org_id" if not key[0] else "grant_id")
        if get["relevance"] not in {"0", "1", "2", "3"}:
            raise InputError(f"相关度应为 0–3 的整数，而不是“{get['relevance']}”", path=name, row=r, column="relevance")
        e = get["eligible"].lower() or "unknown"
        if e not in {"yes", "no", "unknown"}:
            raise InputError(f"eligible 应为 yes / no / unknown，而不是“{e}”", path=name, row=r, column="eligible")
        if key in rel:
            raise InputError(f"重复的判断：{key[0]} × {key[1]}", path=name, row=r, column="grant_id")
        rel[key] = int(get["relevance"])
        elig[key] = e
    return Judgments(rel, elig)


def _ndcg(gains: Sequence[int], ideal: Sequence[int], k: int) -> float:
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]))
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(ideal, reverse=True)[:k]))
    return dcg / idcg if idcg > 0 else 0.0


def evaluate_rankings(rankings: Ranking, judgments: Judgments, grant_ids: Sequence[str], *, at: int = 5) -> Scores:
    """Mean nDCG@``at``, P@3 (gain ≥ 2) and MRR (first gain ≥ 2) over orgs.

    Organizations with no positive gain at all are left out of every mean:
    no ranking can be good or bad for them.
    """
    per_org: dict[str, float] = {}
    p3s, rrs = [], []
    for org_id, ranked in rankings.items():
        ideal = [judgments.gain(org_id, g) for g in grant_ids]
        if max(ideal, default=0) <= 0:
            continue
        gains = [judgments.gain(org_id, g) for g in ranked]
        per_org[org_id] = _ndcg(gains, ideal, at)
        p3s.append(sum(1 for g in gains[:3] if g >= 2) / 3)
        rr = next((1 / (i + 1) for i, g in enumerate(gains) if g >= 2), 0.0)
        rrs.append(rr)
    if not per_org:
        raise InputError("评测集中没有任何相关的判断（所有 relevance 为 0）")
    return Scores(
        ndcg=float(np.mean(list(per_org.values()))),
        p3=float(np.mean(p3s)),
        mrr=float(np.mean(rrs)),
        per_org=per_org,
    )


def matcher_rankings(matcher, orgs: Sequence[Org], *, as_of: date) -> Ranking:
    """Full rankings by our matcher (eligibility-aware, as users see them)."""
    from .rank import recommend_many

    n = len(matcher.grants)
    return {
        org.org_id: [m.grant.grant_id for m in matches]
        for org, matches in recommend_many(matcher, orgs, top=n, as_of=as_of)
    }


def score_rankings(matcher, orgs: Sequence[Org]) -> Ranking:
    """Rankings by our score alone, eligibility ignored (ties: file order)."""
    ids = np.array([g.grant_id for g in matcher.grants], dtype=object)
    order = np.arange(len(ids))
    scores = matcher.score_matrix(orgs)
    return {o.org_id: ids[np.lexsort((order, -scores[k]))].tolist() for k, o in enumerate(orgs)}


class _DefaultJieba:
    """jieba's default dictionary, our own instance (module-level, picklable)."""

    def __init__(self) -> None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._dt = jieba.Tokenizer()

    def __call__(self, text: str) -> list[str]:
        return [t for t in self._dt.lcut(text) if t.strip()]


def baseline_rankings(
    grants: Sequence[Grant], orgs: Sequence[Org], *, tokenize: Callable[[str], list[str]] | None = None
) -> dict[str, Ranking]:
    """Rankings of the two naive baselines: ``{"BM25": …, "TF-IDF": …}``."""
    from rank_bm25 import BM25Okapi
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    tokenize = tokenize or _DefaultJieba()
    gtoks = [tokenize(g.text) for g in grants]
    otoks = [tokenize(f"{o.name}\n{o.profile}") for o in orgs]
    ids = np.array([g.grant_id for g in grants], dtype=object)
    order = np.arange(len(grants))

    bm25 = BM25Okapi(gtoks)
    out_bm25 = {}
    for org, q in zip(orgs, otoks, strict=True):
        s = bm25.get_scores(q)
        out_bm25[org.org_id] = ids[np.lexsort((order, -s))].tolist()

    vec = TfidfVectorizer(analyzer=_identity)
    gm = vec.fit_transform(gtoks)
    sims = linear_kernel(vec.transform(otoks), gm)
    out_tfidf = {org.org_id: ids[np.lexsort((order, -sims[k]))].tolist() for k, org in enumerate(orgs)}
    return {"BM25": out_bm25, "TF-IDF": out_tfidf}


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def format_table(results: dict[str, Scores], at: int) -> str:
    """A markdown table, best system first as given."""
    lines = [f"| system | nDCG@{at} | P@3 | MRR | orgs |", "|---|---|---|---|---|"]
    for name, s in results.items():
        lines.append(f"| {name} | {s.ndcg:.3f} | {s.p3:.3f} | {s.mrr:.3f} | {len(s.per_org)} |")
    return "\n".join(lines)
