"""Every organization's top-K programmes, ranked once for one data version and one date.

Reads a :class:`~matcher.rank.Matcher` and the organizations; hands on a
compact :class:`Rankings`: per organization the first K entries of the very
list :func:`~matcher.rank.recommend_many` makes (programme index, score,
verdict — no :class:`~matcher.records.Match` objects, no checks, no
reasons), plus each organization's TF-IDF row. Reasons and checks are made
on demand (:meth:`Rankings.matches`) for what a page shows.

K (:data:`DEFAULT_K` = 100) is twice the longest list a page, download or
API call may ask for (50), so every unfiltered request is answered from the
store, and most filtered ones (category, region, hide expired, hide
ineligible, programmes marked 不合适). A deeper view — a filter that leaves
fewer than ``top`` of the K stored entries — gets ``None`` from
:meth:`Rankings.select`, and the caller ranks that one organization on the
fly (about a millisecond), which gives exactly what a longer stored list
would have.

Memory: ``n_orgs × K`` × 13 bytes (int32 index, float64 score, int8
verdict) plus the organizations' sparse rows: 1.3 MB + 0.23 MB for 1,000
organizations against 10,000 programmes; the number of programmes only
bounds K.

Keeping it current (what a data change costs):

* an organization added, edited or removed: :func:`rerank` keeps every
  other row and ranks only the changed organizations (the model and the
  programmes are unchanged, so their rows are too);
* a programme added, edited or removed: the model is refitted on the new
  programmes (vocabulary and idf change), so every score may change — rank
  all again with :func:`rank_all`;
* the date: verdicts (years since registration) and deadlines depend on it,
  so a new day means :func:`rank_all` again (:attr:`Rankings.as_of`);
* tracker marks: nothing. Marks filter the stored list when it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from .conditions.checker import ELIGIBLE, INELIGIBLE, UNKNOWN, is_expired
from .rank import BLOCK, Matcher, build_matches, choose
from .records import Grant, Match, Org

__all__ = ["DEFAULT_K", "Entry", "Rankings", "entries_of", "rank_all", "rerank"]

DEFAULT_K = 100
VERDICTS = (ELIGIBLE, UNKNOWN, INELIGIBLE)
_CODE = {v: c for c, v in enumerate(VERDICTS)}
_INELIGIBLE = _CODE[INELIGIBLE]


class Entry(NamedTuple):
    """One stored place of an organization's list, without reasons or checks.

    Attribute names are those of :class:`~matcher.records.Match`, so a
    template can show either.
    """

    index: int
    grant: Grant
    score: float
    eligibility: str
    expired: bool


@dataclass(frozen=True, eq=False)
class Rankings:
    """The first ``width`` entries of every organization's list, as arrays.

    Row ``p`` belongs to ``org_ids[p]``; ``width = min(k, n_grants)`` (a
    list is never shorter: ineligible programmes are ranked too), and the
    stored list is the whole list when ``width == n_grants``.
    """

    as_of: date
    k: int
    n_grants: int
    org_ids: tuple[str, ...]
    grant_index: np.ndarray  # (n_orgs, width) int32
    scores: np.ndarray  # (n_orgs, width) float64, rounded as Match.score
    verdicts: np.ndarray  # (n_orgs, width) int8, index into VERDICTS
    org_rows: sp.csr_matrix  # (n_orgs, n_terms) TF-IDF rows: reasons on demand, reverse ranking
    _pos: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self._pos:
            self._pos.update((o, p) for p, o in enumerate(self.org_ids))

    @property
    def width(self) -> int:
        """Entries stored per organization."""
        return self.grant_index.shape[1]

    @property
    def complete(self) -> bool:
        """True when every programme is stored for every organization."""
        return self.width == self.n_grants

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays and the organizations' rows."""
        r = self.org_rows
        return (self.grant_index.nbytes + self.scores.nbytes + self.verdicts.nbytes
                + r.data.nbytes + r.indices.nbytes + r.indptr.nbytes)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._pos

    def position(self, org_id: str) -> int:
        """The row of an organization (``KeyError`` if it was not ranked)."""
        return self._pos[org_id]

    def best_scores(self) -> np.ndarray:
        """Each organization's first score (0 for an empty catalogue), for sorting lists."""
        if self.width == 0:
            return np.zeros(len(self.org_ids))
        return self.scores[:, 0]

    def holders(self, grant_index: int, within: int) -> int:
        """How many organizations have this programme among their first ``within``."""
        return int((self.grant_index[:, :within] == grant_index).sum())

    def select(
        self,
        org_id: str,
        grants: Sequence[Grant],
        *,
        top: int,
        as_of: date,
        hide_ineligible: bool = False,
        hide_expired: bool = False,
        keep: Callable[[Grant], bool] | None = None,
    ) -> list[Entry] | None:
        """The list :func:`~matcher.rank.recommend` would give, or None when the store cannot tell.

        Every option is a filter on the organization's full list (the
        verdict of a programme does not depend on what else is shown), and
        the stored entries are a prefix of that list; so the filtered
        prefix is the start of the filtered list. It is the whole answer
        when it has ``top`` entries, when the stored list is the whole list,
        or — hiding ineligible programmes — once an ineligible one is
        stored (all that may apply come before it). Otherwise: None.
        """
        if as_of != self.as_of:
            return None
        top = max(0, min(top, self.n_grants))
        p = self._pos[org_id]
        out: list[Entry] = []
        if top == 0:
            return out
        idx, sc, vd = self.grant_index[p].tolist(), self.scores[p].tolist(), self.verdicts[p].tolist()
        seen_ineligible = False
        for i, s, v in zip(idx, sc, vd, strict=True):
            if v == _INELIGIBLE:
                seen_ineligible = True
                if hide_ineligible:
                    continue
            g = grants[i]
            if keep is not None and not keep(g):
                continue
            expired = is_expired(g, as_of)
            if hide_expired and expired:
                continue
            out.append(Entry(i, g, s, VERDICTS[v], expired))
            if len(out) == top:
                return out
        if self.complete or (hide_ineligible and seen_ineligible):
            return out
        return None

    def matches(self, matcher: Matcher, org: Org, entries: Sequence[Entry], *, n_reasons: int = 5) -> list[Match]:
        """Ranked :class:`~matcher.records.Match` objects (reasons, checks) for entries of ``org``."""
        return build_matches(matcher, org, self.org_rows, self._pos[org.org_id],
                             [(e.index, e.eligibility, e.expired) for e in entries], [e.score for e in entries],
                             as_of=self.as_of, n_reasons=n_reasons)


def _rank_rows(
    matcher: Matcher,
    orgs: Sequence[Org],
    *,
    k: int,
    as_of: date,
    block: int,
    progress: Callable[[int, int], None] | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, sp.csr_matrix]:
    n, width = len(orgs), min(k, len(matcher.grants))
    index = np.zeros((n, width), dtype=np.int32)
    scores = np.zeros((n, width), dtype=np.float64)
    verdicts = np.zeros((n, width), dtype=np.int8)
    rows = []
    scores_of = matcher.scorer()
    for start in range(0, n, block):
        chunk = orgs[start:start + block]
        xo = matcher.model.transform_orgs(chunk, as_of)
        rows.append(xo)
        block_scores = scores_of(xo)
        for j, org in enumerate(chunk):
            row = np.asarray(block_scores[j]).ravel()
            chosen = choose(matcher, org, row, top=width, as_of=as_of)
            p = start + j
            for c, (i, v, _) in enumerate(chosen):
                index[p, c] = i
                scores[p, c] = round(float(row[i]), 4)
                verdicts[p, c] = _CODE[v]
        if progress is not None:
            progress(min(start + block, n), n)
    n_terms = len(matcher.terms())
    org_rows = sp.vstack(rows, format="csr") if rows else sp.csr_matrix((0, n_terms), dtype=np.float32)
    return index, scores, verdicts, org_rows


def rank_all(
    matcher: Matcher,
    orgs: Sequence[Org],
    *,
    k: int = DEFAULT_K,
    as_of: date | None = None,
    block: int = BLOCK,
    progress: Callable[[int, int], None] | None = None,
) -> Rankings:
    """Rank every organization once and keep its first ``k`` entries.

    Exactly :func:`~matcher.rank.recommend_many` with ``top=k`` (the same
    :func:`~matcher.rank.choose`), less the reasons and checks.
    ``progress(done, total)`` is called after each block of organizations.
    """
    if k < 1:
        raise ValueError("k 应为正整数")
    as_of = as_of or date.today()
    orgs = list(orgs)
    index, scores, verdicts, rows = _rank_rows(matcher, orgs, k=k, as_of=as_of, block=block, progress=progress)
    return Rankings(as_of=as_of, k=k, n_grants=len(matcher.grants), org_ids=tuple(o.org_id for o in orgs),
                    grant_index=index, scores=scores, verdicts=verdicts, org_rows=rows)


def rerank(
    rankings: Rankings,
    matcher: Matcher,
    orgs: Sequence[Org],
    *,
    unchanged: Collection[str],
    progress: Callable[[int, int], None] | None = None,
) -> Rankings:
    """Rankings for a new list of organizations, ranking only those not ``unchanged``.

    For an edit of the organizations alone: ``matcher`` must be the one
    ``rankings`` were made with (same programmes, same model), and
    ``unchanged`` the ids whose record is identical to the ranked one.
    Rows of unchanged organizations are copied; new and edited ones are
    ranked; removed ones are dropped.
    """
    if len(matcher.grants) != rankings.n_grants:
        raise ValueError("rerank needs the matcher the rankings were made with; programmes changed: use rank_all")
    orgs = list(orgs)
    keep_rows = [(p, rankings._pos[o.org_id]) for p, o in enumerate(orgs)
                 if o.org_id in unchanged and o.org_id in rankings._pos]
    kept = {a for a, _ in keep_rows}
    todo = [p for p in range(len(orgs)) if p not in kept]
    fresh = _rank_rows(matcher, [orgs[p] for p in todo], k=rankings.k, as_of=rankings.as_of, block=BLOCK,
                       progress=progress)
    n, width = len(orgs), rankings.width
    index = np.zeros((n, width), dtype=np.int32)
    scores = np.zeros((n, width), dtype=np.float64)
    verdicts = np.zeros((n, width), dtype=np.int8)
    new_at, old_at = [a for a, _ in keep_rows], [b for _, b in keep_rows]
    for target, source in ((index, rankings.grant_index), (scores, rankings.scores), (verdicts, rankings.verdicts)):
        target[new_at] = source[old_at]
    for target, source in zip((index, scores, verdicts), fresh[:3], strict=True):
        target[todo] = source
    # organizations' rows in the new order: old rows for kept ones, fresh rows for the rest
    order = np.empty(n, dtype=np.int64)
    order[new_at] = old_at
    order[todo] = rankings.org_rows.shape[0] + np.arange(len(todo))
    stacked = sp.vstack([rankings.org_rows, fresh[3]], format="csr")
    return Rankings(as_of=rankings.as_of, k=rankings.k, n_grants=rankings.n_grants,
                    org_ids=tuple(o.org_id for o in orgs), grant_index=index, scores=scores, verdicts=verdicts,
                    org_rows=stacked[order] if n else stacked[:0])


def entries_of(matches: Iterable[Match], matcher: Matcher) -> list[Entry]:
    """Matches ranked on the fly, as the store's entries (for views that show no reasons)."""
    return [Entry(matcher.index[m.grant.grant_id], m.grant, m.score, m.eligibility, m.expired) for m in matches]
