"""Score, order and explain: the one ranking behind the CLI, the page and the API.

Order of a recommendation list: programmes the organization may apply to
(eligible, or not yet known — those with their score discounted by the
ranker's ``unknown_discount``, since a condition to confirm is often one not
met), then the ineligible ones by score — never hidden unless asked,
because "good fit, but register first" is advice too.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

import numpy as np

from .errors import NotFoundError
from .model import MatchModel
from .records import Grant, Match, Org, OrgFit, Reason

__all__ = ["Choice", "Matcher", "build_matches", "choose", "explain", "orgs_for_grant", "reasons_for", "recommend", "recommend_many"]

#: Organizations scored per block: bounds memory at ``BLOCK × n_grants`` floats.
BLOCK = 128


class Matcher:
    """A fitted model together with the programmes it was fitted on.

    Conditions come from the model, which read them once at build; when the
    reader's code or a manual rule has changed since, they are read afresh,
    lazily, once per programme (for 100 k programmes up front that would
    cost seconds a page never needs).
    """

    def __init__(self, model: MatchModel, grants: Sequence[Grant]) -> None:
        model._check_fitted()
        if tuple(g.grant_id for g in grants) != model.grant_ids_:
            raise ValueError("模型与资助项目数据不一致：请重新建立模型")
        self.model = model
        self.grants = tuple(grants)
        self.index = {g.grant_id: i for i, g in enumerate(self.grants)}
        self._conditions: list[tuple[tuple, tuple] | None] = [None] * len(self.grants)  # (conditions, keys)
        self._shared: dict[tuple, object] = {}  # one Condition object per distinct condition
        self._groups = [-1] * len(self.grants)  # condition group of each programme (see condition_group)
        self._kinds: list[frozenset[str]] = [frozenset()] * len(self.grants)  # condition_kinds
        self._status_keys: list[tuple] = [()] * len(self.grants)
        self._expired: tuple[date, list[bool]] | None = None
        self._group_ids: dict[tuple, int] = {}
        self._terms: list[str] | None = None
        self._term_index: dict[str, int] | None = None
        self._slices: list[tuple[str, int, int]] | None = None
        stored = getattr(model, "conditions_", None)
        if stored is not None:
            from .model import conditions_fingerprint

            key = conditions_fingerprint(self.grants)
            if len(stored) != len(self.grants) or not key or key != getattr(model, "conditions_sha256_", None):
                stored = None  # the reader or a manual rule changed since the build: read afresh
        self._stored = stored
        self._scorer: Callable | None = None
        #: the order key of an "unknown" verdict is score × this (see :mod:`matcher.features`)
        self.unknown_discount = float(model._weights().unknown_discount)

    def scorer(self) -> Callable:
        """``xo -> dense cosine scores`` against every programme.

        scikit-learn's ``linear_kernel(xo, grant_matrix)`` converts the whole
        transposed grant matrix to CSR on every call (≈ 2 ms at 10 k
        programmes, most of an API request); the transpose is made once here
        and the same kernel is called on it, so the scores are the same bits.
        """
        fn = self._scorer
        if fn is None:
            gm = self.model.grant_matrix_
            try:
                from sklearn.utils.sparsefuncs import sparse_matmul_to_dense
            except ImportError:  # older scikit-learn: its public kernel
                from sklearn.metrics.pairwise import linear_kernel

                def fn(xo):
                    return linear_kernel(xo, gm, dense_output=True)
            else:
                gm_t = gm.T.tocsr()

                def fn(xo):
                    xo = xo.tocsr()
                    if xo.dtype != gm_t.dtype:
                        xo = xo.astype(gm_t.dtype)
                    return sparse_matmul_to_dense(xo, gm_t)
            self._scorer = fn
        return fn

    def score_matrix(self, orgs: Sequence[Org]) -> np.ndarray:
        """Dense scores, organizations × programmes (for evaluation and small sets)."""
        if not orgs:
            return np.zeros((0, len(self.grants)), dtype=np.float32)
        return np.asarray(self.scorer()(self.model.transform_orgs(orgs)))

    def grant(self, grant_id: str) -> Grant:
        """The programme with this id, or :class:`NotFoundError`."""
        try:
            return self.grants[self.index[grant_id]]
        except KeyError:
            raise NotFoundError(f"没有编号为“{grant_id}”的资助项目") from None

    def terms(self) -> list[str]:
        """The vocabulary as a list (indexing a numpy array one term at a time is slow)."""
        if self._terms is None:
            self._terms = self.model.terms_.tolist()
        return self._terms

    def block_slices(self) -> list[tuple[str, int, int]]:
        """The model's feature blocks (see :meth:`MatchModel.block_slices`), made once."""
        if self._slices is None:
            self._slices = self.model.block_slices()
        return self._slices

    def term_index(self) -> dict[str, int]:
        """Column of each term (words, then the other features' dimensions)."""
        if self._term_index is None:
            self._term_index = {t: i for i, t in enumerate(self.terms())}
        return self._term_index

    def conditions(self, i: int) -> tuple:
        """The hard conditions of programme ``i`` (read once, then kept)."""
        return (self._conditions[i] or self._load_conditions(i))[0]

    def condition_keys(self, i: int) -> tuple:
        """Memo keys of :meth:`conditions` (see :func:`~matcher.conditions.assess`), made once."""
        return (self._conditions[i] or self._load_conditions(i))[1]

    def _load_conditions(self, i: int) -> tuple[tuple, tuple]:
        from .conditions import Condition, condition_key, read_conditions, status_key

        if self._stored is not None:
            conds = tuple(Condition(*t) for t in self._stored[i])
        else:
            conds = read_conditions(self.grants[i])
        keys = tuple(condition_key(c) for c in conds)
        # thousands of programmes state the same few dozen conditions: share them
        conds = tuple(self._shared.setdefault(k, c) for k, c in zip(keys, conds, strict=True))
        self._conditions[i] = entry = (conds, keys)
        status = tuple(status_key(c) for c in conds)
        self._status_keys[i] = status
        self._groups[i] = self._group_ids.setdefault(status, len(self._group_ids))
        self._kinds[i] = frozenset(c.kind for c in conds)
        return entry

    def expired(self, as_of: date) -> list[bool]:
        """Which programmes' deadlines have passed on ``as_of`` (kept for the last day asked)."""
        cached = self._expired
        if cached is None or cached[0] != as_of:
            from .conditions.checker import is_expired

            cached = self._expired = (as_of, [is_expired(g, as_of) for g in self.grants])
        return cached[1]

    def condition_kinds(self, i: int) -> frozenset[str]:
        """The kinds of condition programme ``i`` states."""
        if self._groups[i] < 0:
            self._load_conditions(i)
        return self._kinds[i]

    def status_keys(self, i: int) -> tuple:
        """:func:`~matcher.conditions.status_key` of each condition of programme ``i``."""
        if self._groups[i] < 0:
            self._load_conditions(i)
        return self._status_keys[i]

    def condition_group(self, i: int) -> int:
        """An id shared by the programmes that state exactly the same conditions:
        one organization's verdict on one is its verdict on all of them."""
        g = self._groups[i]
        if g < 0:
            self._load_conditions(i)
            g = self._groups[i]
        return g

    def verdict(self, i: int, org: Org, as_of: date, memo: dict, by_group: dict[int, str]) -> str:
        """``org``'s verdict on programme ``i``, asked once per :meth:`condition_group`
        (``by_group`` holds the answers for this organization, ``memo`` its checks)."""
        from .conditions.checker import verdict

        g = self.condition_group(i)
        v = by_group.get(g)
        if v is None:
            v = by_group[g] = verdict(self.conditions(i), self.status_keys(i), org, as_of, memo)
        return v


class _Row:
    """One CSR row as views of its arrays: ``matrix[i]`` builds a whole
    sparse matrix (≈ 40 µs), which the per-match loop cannot afford."""

    __slots__ = ("data", "indices")

    def __init__(self, indices: np.ndarray, data: np.ndarray) -> None:
        self.indices = indices
        self.data = data

    @classmethod
    def of(cls, csr, i: int) -> _Row:
        a, b = csr.indptr[i], csr.indptr[i + 1]
        return cls(csr.indices[a:b], csr.data[a:b])


def explain(org_row, grant_row, terms: np.ndarray, n: int = 5) -> tuple[Reason, ...]:
    """The shared terms that contribute most to one cosine score.

    With both rows L2-normalized, the score is the sum over shared terms of
    ``org_weight × grant_weight``; each reason is one such product, so the
    reasons add up to (at most) the score itself.
    """
    # a row's indices are unique: assume_unique skips two sorts (same result)
    common, io_, ig = np.intersect1d(org_row.indices, grant_row.indices, assume_unique=True, return_indices=True)
    if common.size == 0:
        return ()
    contrib = org_row.data[io_] * grant_row.data[ig]
    order = np.lexsort((common, -contrib))[:n]
    # plain Python scalars: indexing numpy arrays one element at a time is slow
    return tuple(
        Reason(term=str(terms[c]), weight=round(w, 4))
        for c, w in zip(common[order].tolist(), contrib[order].tolist(), strict=True)
        if w > 0
    )


def _gather(org_row: _Row, gm, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every stored value of programme rows ``rows`` of ``gm``, in row order, as
    (which of ``rows`` it belongs to, its column, its product with the
    organization's value there): the one gather behind reasons and parts."""
    dense = np.zeros(gm.shape[1], dtype=np.float64)
    dense[org_row.indices] = org_row.data
    r = np.asarray(rows)
    starts, lens = gm.indptr[r], gm.indptr[r + 1] - gm.indptr[r]
    owner = np.repeat(np.arange(len(r)), lens)
    pos = np.arange(owner.size) - np.repeat(np.cumsum(lens) - lens, lens) + np.repeat(starts, lens)
    idx = gm.indices[pos]
    return owner, idx, dense[idx] * gm.data[pos]


def _explain_rows(
    org_row: _Row, gm, rows: list[int], terms: list[str], n: int
) -> list[tuple[Reason, ...]]:
    """:func:`explain` for several programmes of one organization at once.

    The organization's row is spread out densely and all the programmes'
    rows are gathered in one go: a handful of numpy calls per organization
    instead of a sorted intersection per match. Same reasons, same order
    (contribution descending, then term).
    """
    if not rows:
        return []
    owner, idx, contrib = _gather(org_row, gm, rows)
    keep = np.flatnonzero(contrib > 0)
    idx, contrib, owner = idx[keep], contrib[keep], owner[keep]
    order = np.lexsort((idx, -contrib, owner))
    owner = owner[order]
    # rank of each shared term within its programme; keep the first n
    first = np.searchsorted(owner, owner, side="left")
    top = np.flatnonzero(np.arange(owner.size) - first < n)
    out: list[list[Reason]] = [[] for _ in rows]
    for o, c, w in zip(owner[top].tolist(), idx[order][top].tolist(), contrib[order][top].tolist(), strict=True):
        out[o].append(Reason(term=terms[c], weight=round(w, 4)))
    return [tuple(x) for x in out]


def _named(reasons: tuple[Reason, ...], org: Org, grant: Grant, words: bool = True) -> tuple[Reason, ...]:
    """Reasons as people read them: a concept with the words that named it
    ("儿童（孩子、留守儿童）"), a fit by its name, each tagged with its feature;
    a word and the concept of the same name are one reason (their parts summed).
    ``words=False`` leaves the bracketed words out (same labels, parts and order):
    a search that only asks which concepts matter need not scan the texts."""
    from .concepts import concept_table
    from .features import MARK, STAGE_TERMS

    table = concept_table()
    out: list[Reason] = []
    for r in reasons:
        if not r.term.startswith(MARK):
            out.append(r)
            continue
        label = r.term[len(MARK):]
        if label in STAGE_TERMS:
            out.append(Reason(label, r.weight, "stage"))
        elif label == "不限领域":
            out.append(Reason(label, r.weight, "open"))
        else:
            term = table.reason_term(label, org.text, grant.text, grant.category) if words else label
            out.append(Reason(term, r.weight, "concept"))
    merged: dict[str, Reason] = {}
    for r in out:
        old = merged.get(r.label)
        if old is None:
            merged[r.label] = r
            continue
        bigger = r if r.weight > old.weight else old
        term = r.term if len(r.term) > len(old.term) else old.term  # the concept's form, with its words
        merged[r.label] = Reason(term, round(old.weight + r.weight, 4), bigger.feature)
    return tuple(sorted(merged.values(), key=lambda r: -r.weight))


def explain_named(matcher: Matcher, org: Org, org_rows, k: int, indices: Sequence[int],
                  n: int = 5, *, words: bool = True) -> list[tuple[Reason, ...]]:
    """The ``n`` largest reasons of each programme ``indices`` as people read them
    (:func:`_named`), for row ``k`` of ``org_rows``."""
    raw = reasons_for(matcher, org_rows, k, indices, 2 * n)  # merging a word with its concept frees places
    return [_named(rs, org, matcher.grants[i], words)[:n] for rs, i in zip(raw, indices, strict=True)]


def parts_of(matcher: Matcher, org_rows, k: int, indices: Sequence[int]) -> list[tuple[tuple[str, float], ...]]:
    """Each feature's part of the score of programmes ``indices`` for row ``k``: the
    dot product of each block of the two rows (the parts add up to the score),
    for all programmes in one gather (:func:`_gather`)."""
    slices = matcher.block_slices()
    if not indices:
        return []
    owner, idx, contrib = _gather(_Row.of(org_rows, k), matcher.model.grant_matrix_, indices)
    bounds = np.asarray([stop for _, _, stop in slices])
    block = np.searchsorted(bounds, idx, side="right")
    sums = np.zeros((len(indices), len(slices)))
    np.add.at(sums, (owner, block), contrib)
    return [tuple((name, round(float(v), 4)) for (name, _, _), v in zip(slices, row, strict=True)) for row in sums]


def reasons_for(matcher: Matcher, org_rows, k: int, indices: Sequence[int], n: int = 5) -> list[tuple[Reason, ...]]:
    """The reasons (:func:`explain`) of several programmes for row ``k`` of ``org_rows``, in one gather."""
    return _explain_rows(_Row.of(org_rows, k), matcher.model.grant_matrix_, list(indices), matcher.terms(), n)


def _top_pool(scores: np.ndarray, pool: int) -> np.ndarray:
    """Indices of the ``pool`` best scores: score descending, then file order.

    A threshold from every 8th score (a tenth of the work of a full
    partition) keeps a few times ``pool`` candidates; ties at the edge all
    come in and are ordered by index, so the pool is exact and the same
    every run. When the sample misleads, the exact threshold is used.
    """
    n = scores.shape[0]
    if pool >= n:
        cand = np.arange(n)
    else:
        cand = np.empty(0, dtype=np.intp)
        if n >= 64 * pool:
            sample = scores[::8]
            k = sample.shape[0] - min(sample.shape[0], pool // 4 + 4)
            cand = np.flatnonzero(scores >= np.partition(sample, k)[k])
        if cand.shape[0] < pool:
            cand = np.flatnonzero(scores >= np.partition(scores, n - pool)[n - pool])
    return cand[np.lexsort((cand, -scores[cand]))][:pool]


#: One chosen programme of a ranking: (programme index, verdict, expired).
Choice = tuple[int, str, bool]


def choose(
    matcher: Matcher,
    org: Org,
    scores: np.ndarray,
    *,
    top: int,
    as_of: date,
    hide_ineligible: bool = False,
    hide_expired: bool = False,
    keep: Callable[[Grant], bool] | None = None,
    memo: dict | None = None,
) -> list[Choice]:
    """The programmes of one organization's list, in order, without reasons or checks.

    ``scores`` is the organization's cosine row against every programme.
    Candidates are taken best score first (file order on ties) and only
    their verdict is asked (:func:`~matcher.conditions.checker.verdict`
    stops at the first unmet condition); the list is the first ``top`` of
    "may apply by order key, then ineligible by score", where the key is the
    score, times :attr:`Matcher.unknown_discount` when the verdict is
    *unknown* (conditions to confirm: on judged data, often unmet).
    A prefix of a longer list is the shorter list: this is what lets
    :mod:`matcher.rankings` store the first K once and answer smaller
    ``top`` (and filters) from it.
    """
    from .conditions.checker import INELIGIBLE, UNKNOWN, never_met_kinds

    n = scores.shape[0]
    top = max(0, min(top, n))
    if top == 0:
        return []
    memo = {} if memo is None else memo  # one organization, one date: each distinct condition is checked once
    discount = matcher.unknown_discount
    verdicts: dict[int, str] = {}  # condition group → this organization's verdict
    never_met = never_met_kinds(org)
    expired_of = matcher.expired(as_of)
    grants = matcher.grants
    ok: list[tuple[float, int, Choice]] = []  # (order key, position in score order, choice)
    best: list[float] = []  # min-heap of the `top` largest keys so far
    bad: list[Choice] = []
    pool, done = min(n, max(4 * top, 32)), 0
    while True:
        # the pool's order is score descending, then file order: a bigger pool begins with the smaller one
        cand = _top_pool(scores, pool).tolist()
        row = scores[cand].tolist()
        stop = False
        for pos in range(done, len(cand)):
            i, raw = cand[pos], row[pos]
            if len(best) >= top:
                if raw < best[0]:
                    stop = True  # a key never exceeds its score: nothing further down can enter
                    break
                if raw * discount < best[0] and matcher.condition_kinds(i) & never_met:
                    continue  # only an eligible one could enter here, and a blank fact rules that out
            if keep is not None and not keep(grants[i]):
                continue
            expired = expired_of[i]
            if hide_expired and expired:
                continue
            v = matcher.verdict(i, org, as_of, memo, verdicts)
            if v == INELIGIBLE:
                bad.append((i, v, expired))
            else:
                key = raw * discount if v == UNKNOWN else raw
                ok.append((key, pos, (i, v, expired)))
                if len(best) < top:
                    heapq.heappush(best, key)
                elif key > best[0]:
                    heapq.heapreplace(best, key)
        done = len(cand)
        if stop or pool >= n:
            break
        pool = min(n, pool * 4)
    ok.sort(key=lambda t: (-t[0], t[1]))
    chosen = [c for _, _, c in ok[:top]]
    return chosen if hide_ineligible else (chosen + bad)[:top]


def build_matches(
    matcher: Matcher,
    org: Org,
    org_rows,
    k: int,
    chosen: Sequence[Choice],
    scores: Sequence[float],
    *,
    as_of: date,
    n_reasons: int = 5,
    memo: dict | None = None,
) -> list[Match]:
    """:class:`Match` objects, ranked 1…, for the ``chosen`` programmes of one organization.

    ``org_rows`` is a CSR matrix of organization TF-IDF rows and ``k`` the
    organization's row in it; ``scores[j]`` is the (rounded) score of
    ``chosen[j]``. Reasons are gathered for all chosen programmes at once,
    checks made with a memo: only what is shown is explained.
    """
    from .conditions.checker import assess

    memo = {} if memo is None else memo
    reasons = explain_named(matcher, org, org_rows, k, [c[0] for c in chosen], n_reasons)
    parts = parts_of(matcher, org_rows, k, [c[0] for c in chosen])
    grants = matcher.grants
    out = []
    for rank, ((i, v, expired), score) in enumerate(zip(chosen, scores, strict=True), start=1):
        conds = matcher.conditions(i)
        _, checks = assess(conds, org, as_of, memo=memo, keys=matcher.condition_keys(i))
        out.append(
            Match(
                rank=rank,
                grant=grants[i],
                score=score,
                reasons=reasons[rank - 1],
                eligibility=v,
                checks=checks,
                expired=expired,
                parts=parts[rank - 1],
                conditions=conds,
            )
        )
    return out


def recommend_many(
    matcher: Matcher,
    orgs: Iterable[Org],
    *,
    top: int = 5,
    as_of: date | None = None,
    hide_ineligible: bool = False,
    hide_expired: bool = False,
    keep: Callable[[Grant], bool] | None = None,
    n_reasons: int = 5,
    block: int = BLOCK,
) -> Iterator[tuple[Org, list[Match]]]:
    """Rank programmes for each organization, in blocks, as a stream.

    Memory stays at one block of dense scores, however many organizations
    come in, so a national-scale report runs on one machine.
    """
    as_of = as_of or date.today()
    scores_of = matcher.scorer()
    it = iter(orgs)
    while True:
        chunk = []
        for org in it:
            chunk.append(org)
            if len(chunk) >= block:
                break
        if not chunk:
            return
        xo = matcher.model.transform_orgs(chunk, as_of)
        scores = scores_of(xo)
        for k, org in enumerate(chunk):
            row = np.asarray(scores[k]).ravel()
            memo: dict = {}
            chosen = choose(matcher, org, row, top=top, as_of=as_of, hide_ineligible=hide_ineligible,
                            hide_expired=hide_expired, keep=keep, memo=memo)
            yield org, build_matches(matcher, org, xo, k, chosen, [round(float(row[c[0]]), 4) for c in chosen],
                                     as_of=as_of, n_reasons=n_reasons, memo=memo)


def recommend(matcher: Matcher, org: Org, **kwargs) -> list[Match]:
    """Ranked programmes for one organization (see :func:`recommend_many`)."""
    for _, matches in recommend_many(matcher, [org], **kwargs):
        return matches
    return []


def orgs_for_grant(
    matcher: Matcher,
    grant_id: str,
    orgs: Sequence[Org],
    *,
    top: int = 10,
    as_of: date | None = None,
    n_reasons: int = 5,
    org_rows=None,
) -> list[OrgFit]:
    """Reverse matching: which organizations should apply to this programme?

    Organizations that may apply (eligible or unknown) by score, then the
    ineligible ones. ``org_rows``: the organizations' TF-IDF rows when the
    caller keeps them (a rankings store does), so they are not tokenized
    again; same result.
    """
    from .conditions import assess

    as_of = as_of or date.today()
    i = matcher.index.get(grant_id)
    if i is None:
        raise NotFoundError(f"没有编号为“{grant_id}”的资助项目")
    if not orgs:
        return []
    xo = matcher.model.transform_orgs(orgs, as_of) if org_rows is None else org_rows
    if xo.shape[0] != len(orgs):
        raise ValueError("org_rows 与机构数量不一致")
    grow = matcher.model.grant_matrix_[i]
    scores = np.asarray((xo @ grow.T).todense()).ravel()
    conds = matcher.conditions(i)
    ok: list[tuple[int, str, tuple]] = []
    bad: list[tuple[int, str, tuple]] = []
    for k in np.lexsort((np.arange(len(orgs)), -scores)).tolist():
        verdict, checks = assess(conds, orgs[k], as_of)
        (bad if verdict == "ineligible" else ok).append((k, verdict, checks))
        if len(ok) >= top:
            break  # the first `top` that may apply are chosen whatever follows
    out = []
    for rank, (k, verdict, checks) in enumerate((ok + bad)[:top], start=1):
        out.append(
            OrgFit(
                rank=rank,
                org=orgs[k],
                score=round(float(scores[k]), 4),
                reasons=_named(explain(_Row.of(xo, k), _Row.of(grow, 0), matcher.model.terms_, 2 * n_reasons),
                               orgs[k], matcher.grants[i])[:n_reasons],
                eligibility=verdict,
                checks=tuple(checks),
            )
        )
    return out
