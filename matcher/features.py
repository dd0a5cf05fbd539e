"""Named, explainable features of an (organization, programme) pair.

The score is a small linear model over a handful of features, each a cosine
between an organization's and a programme's vectors in one *block*:

``word``
    the jieba TF-IDF cosine (:mod:`matcher.model`): the core;
``concept``
    the cosine of sector concepts (:mod:`matcher.concepts`: fields and
    populations, sublinear counts × IDF over the programmes), so 留守娃娃
    meets 困境儿童 and 长者 meets 老年人;
``stage``
    support type × the organization's stage and age: incubation and
    capacity building fit young organizations, scaling and awards for
    proven models fit proven ones, talent programmes fit people;
``open``
    the programme is open to any field (its category says 不限领域, or it
    names many fields): a partial fit for everyone, said as such.

Each block is L2-normalized on both sides and multiplied by the square root
of its weight, and the blocks are laid side by side in one sparse row. The
dot product of two rows is then exactly ``Σ weight × cosine`` — the linear
model — and every stored value's product is that feature's part of the
score, so the reasons (terms, concepts, fit) add up to the score and the
rankings, the store and the explanations need nothing new.

The weights are learned from judged pairs (``bench/train_ranker.py``, with
cross-validation over organizations) and shipped in ``resources/ranker.json``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources

import numpy as np
import scipy.sparse as sp

from .records import Grant, Org

__all__ = ["BLOCKS", "FeatureSpace", "RankerWeights", "default_weights"]

BLOCKS = ("word", "concept", "stage", "open")

#: Names of the stage block's dimensions, as shown in a reason.
STAGE_TERMS = ("初创支持", "成熟项目", "个人资助")
#: Marks the dimensions of blocks other than words in the model's terms.
MARK = "\u2060"  # WORD JOINER: invisible, never in tokenized text


@dataclass(frozen=True)
class RankerWeights:
    """Weights of the linear model over :data:`BLOCKS` (non-negative, sum 1), and
    the discount of a programme whose conditions are still to be confirmed."""

    word: float = 1.0
    concept: float = 0.0
    stage: float = 0.0
    open: float = 0.0
    #: Order key of a programme whose verdict is "unknown" = score × this (eligible: × 1).
    unknown_discount: float = 1.0
    source: str = "default"

    def as_dict(self) -> dict[str, float]:
        return {b: getattr(self, b) for b in BLOCKS} | {"unknown_discount": self.unknown_discount}


def default_weights() -> RankerWeights:
    """The shipped weights (``resources/ranker.json``), or word alone if absent."""
    try:
        raw = json.loads(resources.files("matcher.resources").joinpath("ranker.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return RankerWeights()
    w = {b: float(raw["weights"].get(b, 0.0)) for b in BLOCKS}
    return RankerWeights(**w, unknown_discount=float(raw.get("unknown_discount", 1.0)),
                         source=str(raw.get("source", "ranker.json")))


# -- programme and organization facts --------------------------------------------

_OPEN_CATEGORY = re.compile(r"不限|综合|多领域|各领域")
_YOUNG_SUPPORT = ("incubation", "capacity_building", "small_grants")
_PROVEN_WORDS = re.compile(r"规模化|复制推广|成熟(?:的)?(?:项目|模式)|品牌项目|已被实践证明|可复制|推广")
_TALENT = ("talent_awards",)
_MANY_FIELDS = 4


def _grant_text(g: Grant) -> str:
    return "\n".join((g.name, g.category, g.eligibility, g.description))


def _org_age(org: Org, as_of: date) -> int | None:
    from .conditions.profile import _org_existed_by, _org_founded

    y = _org_founded(org)
    if y is None:
        y = _org_existed_by(org, as_of)
    return None if y is None else as_of.year - y


def _org_stage_vector(org: Org, as_of: date) -> list[float]:
    """(young, proven, person) of an organization, each 0 or 1."""
    from .conditions.profile import _org_bodies, _org_stage

    stage = _org_stage(org)
    age = _org_age(org, as_of)
    bodies = _org_bodies(org) or frozenset()
    person = bodies <= {"person", "student"} and bool(bodies)
    young = stage == "初创期" or (age is not None and age <= 3) or "group" in bodies and len(bodies) == 1
    proven = stage == "成熟期" or (age is not None and age >= 8)
    return [float(young and not person), float(proven and not person), float(person)]


class FeatureSpace:
    """The fitted non-word blocks: concept IDF, which programmes are open or offer which support.

    ``fit`` reads the programmes once; ``grant_blocks`` and ``org_blocks``
    give each block's rows (L2-normalized CSR), to be weighted and stacked
    with the word block by the model.
    """

    def fit(self, grants: Sequence[Grant]) -> FeatureSpace:
        from .concepts import concept_table

        table = concept_table()
        self.concept_ids_ = tuple(c for c, v in table.concepts.items() if v.kind in ("field", "population"))
        counts = self._concept_counts([_grant_text(g) for g in grants])
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        self.concept_idf_ = (np.log((1 + len(grants)) / (1 + df)) + 1).astype(np.float32)
        return self

    # -- vocabularies ---------------------------------------------------------------
    def terms(self) -> list[str]:
        """Display names of the non-word dimensions, in block order."""
        from .concepts import concept_table

        table = concept_table()
        return ([MARK + table.concepts[c].short for c in self.concept_ids_]
                + [MARK + t for t in STAGE_TERMS] + [MARK + "不限领域"])

    def block_sizes(self) -> dict[str, int]:
        return {"concept": len(self.concept_ids_), "stage": len(STAGE_TERMS), "open": 1}

    # -- rows -----------------------------------------------------------------------
    def _concept_counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        from .concepts import concept_table

        table = concept_table()
        col = {c: i for i, c in enumerate(self.concept_ids_)}
        rows, cols, vals = [], [], []
        for r, t in enumerate(texts):
            for c, n in table.counts(t, ("field", "population")).items():
                rows.append(r)
                cols.append(col[c])
                vals.append(1.0 + math.log(n))
        return sp.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(col)), dtype=np.float32)

    def concept_rows(self, texts: Sequence[str]) -> sp.csr_matrix:
        m = self._concept_counts(texts).multiply(self.concept_idf_).tocsr()
        return _l2(m)

    def grant_blocks(self, grants: Sequence[Grant]) -> dict[str, sp.csr_matrix]:
        from .concepts import concept_table

        table = concept_table()
        texts = [_grant_text(g) for g in grants]
        concept = self.concept_rows(texts)
        stage = np.zeros((len(grants), len(STAGE_TERMS)), dtype=np.float32)
        open_ = np.zeros((len(grants), 1), dtype=np.float32)
        for i, (g, t) in enumerate(zip(grants, texts, strict=True)):
            support = table.counts(t, ("support",))
            fields = table.counts(t, ("field",))
            stage[i, 0] = float(any(support.get(s) for s in _YOUNG_SUPPORT) or "初创" in t or "起步" in t)
            stage[i, 1] = float(bool(_PROVEN_WORDS.search(t)))
            stage[i, 2] = float(any(support.get(s) for s in _TALENT))
            open_[i, 0] = float(bool(_OPEN_CATEGORY.search(g.category)) or len(fields) >= _MANY_FIELDS)
        return {"concept": concept, "stage": _l2(sp.csr_matrix(stage)), "open": sp.csr_matrix(open_)}

    def org_blocks(self, orgs: Sequence[Org], as_of: date) -> dict[str, sp.csr_matrix]:
        concept = self.concept_rows([o.text for o in orgs])
        stage = np.asarray([_org_stage_vector(o, as_of) for o in orgs], dtype=np.float32).reshape(len(orgs), -1)
        open_ = np.ones((len(orgs), 1), dtype=np.float32)
        return {"concept": concept, "stage": _l2(sp.csr_matrix(stage)), "open": sp.csr_matrix(open_)}

    def org_rows(self, orgs: Sequence[Org], as_of: date, word: sp.csr_matrix, weights: RankerWeights) -> sp.csr_matrix:
        """The stacked rows of :func:`stack` for organizations, built in one go:
        the same values as stacking :meth:`org_blocks` (a test holds the two to
        each other), without a dozen sparse-matrix operations per request."""
        from .concepts import concept_table

        table = concept_table()
        n_words = word.shape[1]
        col = {c: i for i, c in enumerate(self.concept_ids_)}
        scale = {b: np.float32(math.sqrt(max(getattr(weights, b), 0.0))) for b in BLOCKS}
        c0 = n_words
        s0 = c0 + len(self.concept_ids_)
        o0 = s0 + len(STAGE_TERMS)
        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for r, org in enumerate(orgs):
            size = 0
            a, b = word.indptr[r], word.indptr[r + 1]
            if scale["word"] and b > a:
                indices.append(word.indices[a:b].astype(np.int32))
                data.append(word.data[a:b] * scale["word"])
                size += b - a
            if scale["concept"]:
                counts = table.counts(org.text, ("field", "population"))
                cols = np.asarray(sorted(col[c] for c in counts), dtype=np.int32)
                if cols.size:
                    vals = np.asarray([1.0 + math.log(counts[self.concept_ids_[j]]) for j in cols], dtype=np.float32)
                    vals = vals * self.concept_idf_[cols]
                    vals /= np.float32(np.sqrt((vals * vals).sum()))
                    indices.append(cols + c0)
                    data.append(vals * scale["concept"])
                    size += cols.size
            if scale["stage"]:
                v = np.asarray(_org_stage_vector(org, as_of), dtype=np.float32)
                nz = np.flatnonzero(v).astype(np.int32)
                if nz.size:
                    indices.append(nz + s0)
                    data.append(v[nz] / np.float32(np.sqrt((v * v).sum())) * scale["stage"])
                    size += nz.size
            if scale["open"]:
                indices.append(np.asarray([o0], dtype=np.int32))
                data.append(np.asarray([scale["open"]], dtype=np.float32))
                size += 1
            indptr.append(indptr[-1] + size)
        width = o0 + 1
        if not indices:
            return sp.csr_matrix((len(orgs), width), dtype=np.float32)
        return sp.csr_matrix((np.concatenate(data).astype(np.float32), np.concatenate(indices),
                              np.asarray(indptr, dtype=np.int32)), shape=(len(orgs), width))


def _l2(m: sp.csr_matrix) -> sp.csr_matrix:
    m = sp.csr_matrix(m, dtype=np.float32)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel()).astype(np.float32)
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ m, dtype=np.float32)


def stack(blocks: dict[str, sp.csr_matrix], weights: RankerWeights) -> sp.csr_matrix:
    """Blocks side by side, each × √weight: row · row = Σ weight × cosine."""
    parts = [blocks[b] * np.float32(math.sqrt(max(getattr(weights, b), 0.0))) for b in BLOCKS]
    m = sp.hstack(parts, format="csr", dtype=np.float32)
    m.eliminate_zeros()
    m.sort_indices()
    return m
