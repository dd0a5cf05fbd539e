"""The TF-IDF model: fit on the programmes, score organizations, persist.

Follows scikit-learn's estimator contract: ``__init__`` only stores
keyword-only parameters, ``fit`` returns ``self``, learned attributes end in
``_``. Texts are tokenized by our own :class:`~matcher.tokenize.Tokenizer`
*before* the vectorizer sees them (the vectorizer's analyzer is a pass-
through), so tokenizing can run on several processes and the grants are
tokenized once, at build, never again.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import tempfile
from collections.abc import Sequence
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np

from .errors import ModelError, NotFittedError
from .features import BLOCKS, FeatureSpace, RankerWeights, default_weights, stack
from .records import Grant, Org
from .tokenize import Tokenizer, tokenize_many

__all__ = ["FORMAT_VERSION", "MatchModel", "conditions_fingerprint", "load_model", "save_model", "versions"]

FORMAT_VERSION = 2  # 2: feature blocks (word, concept, stage, open) side by side

#: The concept carried by programmes open to any field (see ``synonyms.txt``).
OPEN_TERM = "不限领域"


def _passthrough(tokens: list[str]) -> list[str]:
    """Analyzer for pre-tokenized input; module-level so the model pickles."""
    return tokens


def versions() -> dict[str, str]:
    """Versions of everything whose change could alter a loaded model.

    Read from the installed distributions' metadata rather than by importing
    each package only to ask its version."""
    from importlib.metadata import version

    from . import __version__

    return {
        "matcher": __version__,
        "python": platform.python_version(),
        **{name: version(name) for name in ("scikit-learn", "jieba", "joblib", "numpy", "scipy")},
    }


#: Conditions that make a programme not "open to any field", whatever its
#: category says: 超仁妈妈 sits under 不限领域 in the newsletter but funds
#: women-led or women-serving projects only.
_RESTRICTING = frozenset({"women", "field"})


def _close_open(doc: list[str], conditions: tuple) -> list[str]:
    """Drop the 不限领域 concept from a programme whose conditions restrict who or what it funds."""
    if OPEN_TERM not in doc:
        return doc
    for kind, param, *_ in conditions:
        if kind in _RESTRICTING or (kind == "applicant" and param == "individual"):
            return [t for t in doc if t != OPEN_TERM]
    return doc


def _without_funder(text: str, grant: Grant) -> str:
    """Drop the funder's own name from a text: who pays says nothing of what is funded
    (西部阳光…基金会 would otherwise match every org called 阳光)."""
    for name in re.split(r"[；;、，,]", grant.funder):
        name = name.strip().removesuffix("等")
        if len(name) >= 4:
            text = text.replace(name, " ")
    return text


def conditions_fingerprint(grants: Sequence[Grant]) -> str:
    """SHA-256 of everything the condition reader reads: its own code and each
    programme's id, texts and manual rules (``""`` if the code can't be read).

    The conditions stored in a model are used only while this matches, so a
    new reader or an edited ``conditions`` cell is never answered from a stale
    copy (the model itself stays valid: it does not depend on either).
    """
    from . import conditions, records

    h = hashlib.sha256()
    try:
        # every module of the package: a change to any part of the reader counts
        files = sorted(Path(conditions.__file__).parent.glob("*.py"), key=lambda p: p.name)
        for path in (*files, Path(records.__file__)):
            h.update(path.read_bytes())
    except (OSError, TypeError):
        return ""
    for g in grants:
        h.update(f"{g.grant_id}\x1f{g.eligibility}\x1f{g.description}\x1f{g.conditions}\x1f{g.region}\x1e".encode())
    return h.hexdigest()


_FORK_GRANTS: Sequence[Grant] = ()  # set only around a fork, read by the children
_MIN_FORK_GRANTS = 2000  # below this, forking costs more than it saves


def _read_conditions_range(bounds: tuple[int, int]) -> list[tuple]:
    from dataclasses import fields

    from .conditions import Condition, read_conditions

    # plain tuples: the model file then holds builtins only, not the Condition class
    names = [f.name for f in fields(Condition)]
    return [tuple(tuple([getattr(c, n) for n in names]) for c in read_conditions(g))
            for g in _FORK_GRANTS[bounds[0]:bounds[1]]]


def read_all_conditions(grants: Sequence[Grant], *, n_jobs: int = 1) -> tuple[tuple, ...]:
    """Conditions of every programme as tuples (``Condition(*t)``), read once at build.

    With ``n_jobs > 1`` forked workers read slices of the inherited list, so
    the grants are not pickled to them.
    """
    import multiprocessing as mp

    global _FORK_GRANTS
    if n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    n = len(grants)
    _FORK_GRANTS = grants
    try:
        if n_jobs <= 1 or n < _MIN_FORK_GRANTS or "fork" not in mp.get_all_start_methods():
            return tuple(_read_conditions_range((0, n)))
        size = -(-n // (n_jobs * 8))
        with mp.get_context("fork").Pool(n_jobs) as pool:
            parts = pool.map(_read_conditions_range, [(i, min(n, i + size)) for i in range(0, n, size)], chunksize=1)
        return tuple(c for part in parts for c in part)
    finally:
        _FORK_GRANTS = ()


class MatchModel:
    """jieba-tokenized TF-IDF over programme texts; cosine scores for orgs.

    Parameters
    ----------
    tokenizer : Tokenizer, optional
        Defaults to ``Tokenizer()`` with the bundled domain dictionary.
    name_weight, eligibility_weight, description_weight : int
        How many times each part of a programme is counted: the name and the
        eligibility text say more about who is funded than the blurb.
    fields_weight : int
        How many times an organization's ``fields`` tags are counted.
    sublinear_tf : bool
        ``1 + log(tf)``: a term repeated in a long text should not dominate.
    min_df, max_df : int or float
        Passed to ``TfidfVectorizer``.
    category_weight : int
        How many times a programme's ``category`` (养老, 环保 …) is counted.
    open_weight : int
        How many times every organization counts the concept 不限领域, which
        programmes open to any field carry (from their category or text): a
        general programme is a partial fit for everyone, and says so.
    strip_funder : bool
        Drop the funder's own name from a programme's text before counting.
    ranker : RankerWeights, optional
        Weights of the features (word, concept, stage, open; see
        :mod:`matcher.features`); default: the shipped ``resources/ranker.json``.
    n_jobs : int
        Processes for tokenizing (``-1``: all cores). Results are identical.
    """

    def __init__(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        name_weight: int = 1,
        eligibility_weight: int = 1,
        description_weight: int = 1,
        fields_weight: int = 1,
        sublinear_tf: bool = False,
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        category_weight: int = 2,
        open_weight: int = 2,
        strip_funder: bool = True,
        ranker: RankerWeights | None = None,
        n_jobs: int = 1,
    ) -> None:
        self.tokenizer = tokenizer
        self.name_weight = name_weight
        self.eligibility_weight = eligibility_weight
        self.description_weight = description_weight
        self.fields_weight = fields_weight
        self.sublinear_tf = sublinear_tf
        self.min_df = min_df
        self.max_df = max_df
        self.category_weight = category_weight
        self.open_weight = open_weight
        self.strip_funder = strip_funder
        self.ranker = ranker
        self.n_jobs = n_jobs

    # -- pickling ----------------------------------------------------------------
    #: Learned attributes made of many small Python objects (a 100 k-term
    #: vocabulary dict, the terms, the conditions). joblib pickles with the
    #: pure-Python pickler so that it can lift out numpy arrays; for these it
    #: is ~10× slower than C pickle both ways, so they travel as one C-pickled
    #: blob, while the big CSR arrays stay joblib's (written and read in place).
    _PACKED = ("vectorizer_", "terms_", "grant_ids_", "conditions_", "features_")

    def __getstate__(self) -> dict:
        import pickle

        state = self.__dict__.copy()
        packed = {k: state.pop(k) for k in self._PACKED if k in state}
        if packed:
            state["_packed"] = pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict) -> None:
        import pickle

        state = dict(state)
        blob = state.pop("_packed", None)
        if blob is not None:
            state.update(pickle.loads(blob))
        self.__dict__.update(state)

    # -- parameters -----------------------------------------------------------
    def get_params(self) -> dict:
        """Parameters that change the fitted model (``n_jobs`` does not)."""
        return {
            "name_weight": self.name_weight,
            "eligibility_weight": self.eligibility_weight,
            "description_weight": self.description_weight,
            "fields_weight": self.fields_weight,
            "sublinear_tf": self.sublinear_tf,
            "min_df": self.min_df,
            "max_df": self.max_df,
            "category_weight": self.category_weight,
            "open_weight": self.open_weight,
            "strip_funder": self.strip_funder,
            "ranker": self.ranker_weights(),
        }

    def ranker_weights(self) -> dict[str, float]:
        """The linear model's weight per feature (:data:`matcher.features.BLOCKS`)."""
        return self._weights().as_dict()

    def _weights(self) -> RankerWeights:
        if self.ranker is None:
            return default_weights()
        if isinstance(self.ranker, dict):  # from get_params()
            return RankerWeights(**{k: float(v) for k, v in self.ranker.items() if k != "source"},
                                 source="parameters")
        return self.ranker

    @property
    def tokenizer_(self) -> Tokenizer:
        if self.tokenizer is None:
            self.tokenizer = Tokenizer()
        return self.tokenizer

    # -- tokens ---------------------------------------------------------------
    def grant_tokens(self, grants: Sequence[Grant]) -> list[list[str]]:
        """Weighted token lists of programmes, in order."""
        parts = []
        for g in grants:
            if self.strip_funder:
                parts.extend((g.name, _without_funder(g.eligibility, g), _without_funder(g.description, g)))
            else:
                parts.extend((g.name, g.eligibility, g.description))
            parts.append(g.category)
        toks = tokenize_many(self.tokenizer_, parts, n_jobs=self.n_jobs)
        w = (self.name_weight, self.eligibility_weight, self.description_weight, self.category_weight)
        out = []
        for i in range(0, len(toks), 4):
            doc: list[str] = []
            for k in range(4):
                doc.extend(toks[i + k] * w[k])
            out.append(doc)
        return out

    def org_tokens(self, orgs: Sequence[Org]) -> list[list[str]]:
        """Token lists of organizations: name, profile, then the field tags."""
        texts = [f"{o.name}\n{o.profile}" for o in orgs]
        toks = tokenize_many(self.tokenizer_, texts, n_jobs=self.n_jobs)
        if self.fields_weight:
            for doc, org in zip(toks, orgs, strict=True):
                if org.fields:
                    tags = self.tokenizer_(" ".join(org.fields))
                    doc.extend(tags * self.fields_weight)
        if self.open_weight:
            # every organization fits a programme "open to any field" a little
            for doc in toks:
                doc.extend([OPEN_TERM] * self.open_weight)
        return toks

    # -- fit / transform --------------------------------------------------------
    def fit(self, grants: Sequence[Grant], *, tokens: list[list[str]] | None = None) -> MatchModel:
        """Learn the vocabulary and IDF from ``grants``; returns ``self``."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        from .io import grants_fingerprint

        if not grants:
            raise ValueError("至少需要一个资助项目才能建立模型")
        # read here, once, so that no later report or page reads them again
        conditions = read_all_conditions(grants, n_jobs=self.n_jobs)
        tokens = self.grant_tokens(grants) if tokens is None else tokens
        if self.open_weight:
            tokens = [_close_open(doc, conds) for doc, conds in zip(tokens, conditions, strict=True)]
        vec = TfidfVectorizer(
            analyzer=_passthrough,
            lowercase=False,
            sublinear_tf=self.sublinear_tf,
            min_df=self.min_df,
            max_df=self.max_df,
            norm="l2",
            dtype=np.float32,
        )
        try:
            self.grant_matrix_ = vec.fit_transform(tokens).tocsr()
        except ValueError:  # every text was stopwords only: keep an empty vocabulary
            vec = TfidfVectorizer(analyzer=_passthrough, lowercase=False, dtype=np.float32)
            self.grant_matrix_ = vec.fit_transform([["∅"] for _ in grants]).tocsr()
            self.grant_matrix_.data[:] = 0
            self.grant_matrix_.eliminate_zeros()
        self.vectorizer_ = vec
        self.features_ = FeatureSpace().fit(grants)
        blocks = self.features_.grant_blocks(grants)
        blocks["word"] = self.grant_matrix_
        self.grant_matrix_ = stack(blocks, self._weights())
        self.terms_ = np.asarray([*vec.get_feature_names_out(), *self.features_.terms()], dtype=object)
        self.grant_ids_ = tuple(g.grant_id for g in grants)
        self.grants_sha256_ = grants_fingerprint(grants)
        self.tokenizer_sha256_ = self.tokenizer_.fingerprint()
        self.conditions_ = conditions
        self.conditions_sha256_ = conditions_fingerprint(grants)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "vectorizer_"):
            raise NotFittedError("模型尚未训练：先调用 fit() 或用 grant-matcher build 建立模型")

    def transform_tokens(self, tokens: list[list[str]]):
        """TF-IDF rows (CSR, L2-normalized) for already tokenized texts.

        The same arithmetic as the fitted ``TfidfVectorizer.transform`` (counts,
        optional ``1 + log``, × idf, L2 norm, in float32), without its input
        validation: for one profile that validation was a third of an API
        request. ``tests/test_model.py`` checks the two agree.
        """
        from scipy.sparse import csr_matrix

        self._check_fitted()
        vocab = self.vectorizer_.vocabulary_
        idf = self.vectorizer_.idf_.astype(np.float32, copy=False)
        indptr = [0]
        indices: list[int] = []
        counts: list[int] = []
        for doc in tokens:
            row: dict[int, int] = {}
            for t in doc:
                j = vocab.get(t)
                if j is not None:
                    row[j] = row.get(j, 0) + 1
            cols = sorted(row)
            indices.extend(cols)
            counts.extend(row[j] for j in cols)
            indptr.append(len(indices))
        ind = np.asarray(indices, dtype=np.int32)
        data = np.asarray(counts, dtype=np.float32)
        if self.sublinear_tf:
            np.log(data, out=data)
            data += 1
        data *= idf[ind]
        ptr = np.asarray(indptr, dtype=np.int32)
        lengths = np.diff(ptr)
        rows = np.repeat(np.arange(len(tokens)), lengths)
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(tokens))).astype(np.float32)
        norms[norms == 0] = 1
        data /= np.repeat(norms, lengths)
        return csr_matrix((data, ind, ptr), shape=(len(tokens), len(vocab)), dtype=np.float32)

    def transform_orgs(self, orgs: Sequence[Org], as_of: date | None = None):
        """Organizations' rows in the model's space: the word TF-IDF block and
        the other feature blocks, each weighted (see :mod:`matcher.features`)."""
        self._check_fitted()
        word = self.transform_tokens(self.org_tokens(orgs))
        return self.features_.org_rows(orgs, as_of or date.today(), word, self._weights())

    def block_scores(self, orgs: Sequence[Org], as_of: date | None = None) -> dict[str, np.ndarray]:
        """Each feature's cosine, organizations × programmes, before weighting
        (what the ranker is fitted on, and each feature's part of a score)."""
        xo = self.transform_orgs(orgs, as_of)
        gm = self.grant_matrix_
        weights = self._weights()
        out = {}
        for b, start, stop in self.block_slices():
            w = getattr(weights, b)
            part = (xo[:, start:stop] @ gm[:, start:stop].T).toarray()
            out[b] = part / w if w > 0 else np.zeros_like(part)
        return out

    def block_slices(self) -> list[tuple[str, int, int]]:
        """``(feature, first column, end column)`` of each block of the model's rows."""
        self._check_fitted()
        sizes = {"word": len(self.vectorizer_.vocabulary_), **self.features_.block_sizes()}
        out, start = [], 0
        for b in BLOCKS:
            out.append((b, start, start + sizes[b]))
            start += sizes[b]
        return out

    def meta(self) -> dict:
        """The readable record saved next to the model (``*.meta.json``)."""
        self._check_fitted()
        return {
            "format": FORMAT_VERSION,
            "grants_sha256": self.grants_sha256_,
            "tokenizer_sha256": self.tokenizer_sha256_,
            "params": self.get_params(),
            "versions": versions(),
            "n_grants": len(self.grant_ids_),
            "n_terms": len(self.terms_),
        }


# -- persistence ----------------------------------------------------------------


def meta_path(path: str | os.PathLike[str]) -> Path:
    """``model.joblib`` → ``model.meta.json``."""
    p = Path(path)
    return p.with_name(p.stem + ".meta.json")


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save_model(model: MatchModel, path: str | os.PathLike[str]) -> Path:
    """Write the model atomically with joblib, and its meta as JSON beside it.

    The meta is also inside the pickle, so a stale side file is caught.
    """
    import joblib

    meta = model.meta()
    meta["created"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    p = Path(path)
    _atomic_write(p, lambda fh: joblib.dump({"meta": meta, "model": model}, fh, compress=0))
    _atomic_write(
        meta_path(p), lambda fh: fh.write(json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8"))
    )
    return p


def expected_meta(grants_sha256: str, template: MatchModel | None = None) -> dict:
    """What a model built now from these grants would record (minus ``created``)."""
    template = template or MatchModel()
    return {
        "format": FORMAT_VERSION,
        "grants_sha256": grants_sha256,
        "tokenizer_sha256": template.tokenizer_.fingerprint(),
        "params": template.get_params(),
        "versions": versions(),
    }


def _mismatch(meta: dict, expect: dict) -> str | None:
    for key in ("format", "grants_sha256", "tokenizer_sha256", "params", "versions"):
        if meta.get(key) != expect[key]:
            if key == "grants_sha256":
                return "模型由另一份资助项目数据建立"
            if key == "versions":
                return f"模型由不同的库版本建立（{meta.get(key)}）"
            return {
                "format": "模型文件格式已更新",
                "tokenizer_sha256": "模型建立时的词典、停用词或同义词与当前不同",
                "params": "模型参数与当前设置不同",
            }.get(key, f"模型的{key}与当前不同")
    return None


def load_model(path: str | os.PathLike[str], *, expect: dict | None = None) -> MatchModel:
    """Load a saved model; raise :class:`ModelError` if it is unusable.

    ``expect`` (see :func:`expected_meta`) is compared before the pickle is
    even opened, so a model for other data costs one small JSON read.
    """
    import joblib

    p = Path(path)
    if not p.exists():
        raise ModelError(f"{p}：模型文件不存在")
    side = meta_path(p)
    if expect is not None and side.exists():
        try:
            why = _mismatch(json.loads(side.read_text(encoding="utf-8")), expect)
        except (OSError, ValueError):
            why = None  # unreadable side file: the pickle's own meta decides
        if why:
            raise ModelError(f"{p}：{why}")
    try:
        payload = joblib.load(p)
        model, meta = payload["model"], payload["meta"]
        if not isinstance(model, MatchModel):
            raise TypeError(type(model).__name__)
        model._check_fitted()
    except Exception as exc:  # truncated, corrupt, or not ours at all
        raise ModelError(f"{p}：模型文件已损坏或不是本程序的模型（{type(exc).__name__}）") from None
    if expect is not None:
        why = _mismatch(meta, expect)
        if why:
            raise ModelError(f"{p}：{why}")
    return model
