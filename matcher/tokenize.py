"""Chinese tokenization for grant and organization texts.

We own one ``jieba.Tokenizer`` per :class:`Tokenizer` instead of using the
module-level ``jieba.cut``: jieba's module functions share one global
dictionary, so ``jieba.add_word`` anywhere would change every caller. The
instance is a small callable class (not a lambda or a bound jieba method)
so that a fitted model that holds it pickles with joblib; the jieba
dictionary itself is rebuilt lazily after unpickling, never pickled.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

__all__ = ["Tokenizer", "default_cache_dir", "tokenize_many"]

_KEEP = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]")
_ONLY_DIGITS = re.compile(r"^[0-9.%]+$")


def default_cache_dir() -> Path:
    """Where jieba's dictionary cache and model caches live.

    ``GRANT_MATCHER_CACHE`` wins, then ``XDG_CACHE_HOME``; jieba fails when
    it cannot write its 9 MB cache, so we never leave it to pick ``/tmp``.
    """
    env = os.environ.get("GRANT_MATCHER_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "grant-matcher"


def _read_lines(name: str) -> list[str]:
    text = resources.files("matcher.resources").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _default_synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _read_lines("synonyms.txt"):
        canonical, *variants = line.split()
        for variant in variants:
            table.setdefault(variant, canonical)
    return table


class Tokenizer:
    """Split Chinese text into the terms the model counts.

    Parameters
    ----------
    user_words : sequence of str, optional
        Domain terms kept whole (default: ``resources/domain_words.txt``).
    stopwords : iterable of str, optional
        Terms never counted (default: ``resources/stopwords.txt``).
    synonyms : dict, optional
        ``variant -> concept``; counted as the concept so reasons stay
        readable and shared (default: ``resources/synonyms.txt``).
    cache_dir : str or Path, optional
        Where jieba writes its dictionary cache.
    search_mode : bool
        Also count the known concepts inside a compound (乡村儿童 → 乡村, 儿童).
        Off by default: on both judged sets it lowered nDCG@5 (bench/quality.py),
        the parts make every children's programme look alike.
    drop_places : bool
        Leave out province/city/county names (a region is a condition, not a topic).
    """

    def __init__(
        self,
        *,
        user_words: Sequence[str] | None = None,
        stopwords: Iterable[str] | None = None,
        synonyms: dict[str, str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        search_mode: bool = False,
        drop_places: bool = True,
    ) -> None:
        self.user_words = tuple(_read_lines("domain_words.txt") if user_words is None else user_words)
        self.stopwords = frozenset(_read_lines("stopwords.txt") if stopwords is None else stopwords)
        self.synonyms = dict(_default_synonyms() if synonyms is None else synonyms)
        self.cache_dir = str(cache_dir) if cache_dir is not None else None
        self.search_mode = search_mode
        self.drop_places = drop_places
        self._jieba = None
        self._lock = threading.Lock()

    # -- pickling: keep the word lists, drop jieba's 30 MB trie and the lock
    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_jieba"] = None
        state["_lock"] = None
        state.pop("_concept_set", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def fingerprint(self) -> str:
        """A hash of everything that changes the tokens; stored in the model meta."""
        h = hashlib.sha256()
        parts = (sorted(self.user_words), sorted(self.stopwords), sorted(self.synonyms.items()),
                 self.search_mode, self.drop_places, sorted(_PLACES))
        for part in parts:
            h.update(repr(part).encode("utf-8"))
        return h.hexdigest()

    def warm_up(self) -> Tokenizer:
        """Load jieba's dictionary now (about a second) instead of on first use."""
        self._dt()
        return self

    def _dt(self):
        if self._jieba is not None:
            return self._jieba
        with self._lock:
            if self._jieba is None:
                from .segment import FastTokenizer

                self._jieba = self.new_jieba(FastTokenizer)
        return self._jieba

    def new_jieba(self, cls=None):
        """A started jieba tokenizer (``cls``, default ``jieba.Tokenizer``) with
        this tokenizer's dictionary: domain words and concepts added, its
        cache file in our own folder (jieba fails when the temp dir is not
        writable). The benchmark's LIMIT uses plain jieba made this way."""
        import jieba

        jieba.setLogLevel(logging.WARNING)
        dt = (cls or jieba.Tokenizer)()
        cache = Path(self.cache_dir) if self.cache_dir else default_cache_dir()
        try:
            cache.mkdir(parents=True, exist_ok=True)
            dt.tmp_dir = str(cache)
        except OSError:
            pass  # jieba then falls back to the system temp dir
        dt.initialize()
        words = set(self.user_words) | set(self.synonyms) | set(self.synonyms.values())
        for word in sorted(words):
            if len(word) > 1:
                dt.add_word(word, freq=_freq_for(dt, word))
        return dt

    def __call__(self, text: str) -> list[str]:
        """Return the counted terms of ``text``, in order, concepts normalized.

        With ``search_mode`` a compound also yields the known concepts inside
        it (乡村儿童 → 乡村儿童, 乡村, 儿童), so an org that writes 农村孩子
        still shares terms with it. Only dictionary concepts are split out,
        never arbitrary fragments (社会工作服务 must not yield 工作服).
        Place names are dropped: where an org works is a region condition,
        checked by :mod:`matcher.conditions`, not a topic.
        """
        dt = self._dt()
        out: list[str] = []
        syn = self.synonyms
        stop = self.stopwords
        concepts = self._concepts
        for raw in dt.cut(text):
            tok = raw.strip().lower() if raw.isascii() else raw.strip()
            if len(tok) < 2 or not _KEEP.search(tok) or _ONLY_DIGITS.match(tok):
                continue
            if self.drop_places and _is_place(tok):
                continue
            if self.search_mode and len(tok) >= 3:
                for sub in _sub_concepts(tok, concepts):
                    sub = syn.get(sub, sub)
                    if sub not in stop:
                        out.append(sub)
            tok = syn.get(tok, tok)
            if tok in stop:
                continue
            out.append(tok)
        return out

    @property
    def _concepts(self) -> frozenset[str]:
        c = self.__dict__.get("_concept_set")
        if c is None:
            c = frozenset(w for w in (*self.user_words, *self.synonyms, *self.synonyms.values()) if len(w) >= 2)
            self.__dict__["_concept_set"] = c
        return c

    def variants(self, term: str) -> list[str]:
        """Surface forms that count as ``term`` (for highlighting reasons in text);
        a concept reason ("儿童（孩子、留守儿童）") counts every word of its concept."""
        from .concepts import concept_table

        concept = concept_table().forms(term)
        if concept is not None:
            return concept
        forms = [term] + [v for v, c in self.synonyms.items() if c == term and v != term]
        return sorted(set(forms), key=len, reverse=True)


def _sub_concepts(tok: str, concepts: frozenset[str]) -> list[str]:
    """Known concepts strictly inside ``tok``, left to right, longest first."""
    found = []
    n = len(tok)
    for i in range(n):
        for j in range(n, i + 1, -1):
            if j - i < n and tok[i:j] in concepts:
                found.append(tok[i:j])
                break
    return found


_PLACES = frozenset(_read_lines("places.txt"))
_PLACE_SUFFIX = ("省", "市", "县", "自治区", "自治州", "地区", "新区", "开发区")


def _is_place(tok: str) -> bool:
    """Province, city or county names (河北, 石家庄市, 魏县, 大名县)."""
    if tok in _PLACES:
        return True
    if len(tok) >= 3 and tok.endswith(_PLACE_SUFFIX) and tok not in {"城市", "超市", "山区县"}:
        return True
    return len(tok) >= 3 and tok[:-1] in _PLACES and tok[-1] in "区县市省"


def _freq_for(dt, word: str) -> int:
    # Big enough that the DAG prefers the whole word over its pieces, and
    # computed without jieba's suggest_freq (which re-cuts every word).
    return max(dt.FREQ.get(word, 0), 10 * len(word) ** 2 + 2000)


# -- batch tokenization, optionally on several processes ----------------------

_WORKER_TOKENIZER: Tokenizer | None = None  # set only inside pool workers


def _init_worker(tok: Tokenizer) -> None:
    global _WORKER_TOKENIZER
    _WORKER_TOKENIZER = tok


def _tokenize_chunk(texts: list[str]) -> list[list[str]]:
    tok = _WORKER_TOKENIZER
    return [tok(t) for t in texts]  # type: ignore[misc]


def tokenize_many(tok: Tokenizer, texts: Sequence[str], *, n_jobs: int = 1) -> list[list[str]]:
    """Tokenize ``texts`` in order; ``n_jobs > 1`` forks workers (same results).

    jieba is pure Python, so threads cannot help; forked processes inherit the
    already-loaded dictionary instead of each loading it again. Small inputs
    stay in-process because forking costs more than it saves.
    """
    import multiprocessing as mp

    if n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    total_chars = sum(len(t) for t in texts)
    if n_jobs <= 1 or total_chars < 200_000 or "fork" not in mp.get_all_start_methods():
        return [tok(t) for t in texts]
    tok.warm_up()
    n_chunks = n_jobs * 8
    size = max(1, -(-len(texts) // n_chunks))
    chunks = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
    ctx = mp.get_context("fork")
    with ctx.Pool(n_jobs, initializer=_init_worker, initargs=(tok,)) as pool:
        parts = pool.map(_tokenize_chunk, chunks, chunksize=1)
    return [tokens for part in parts for tokens in part]
