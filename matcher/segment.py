"""jieba's precise-mode segmentation, computed in one pass.

jieba segments each run of Chinese characters in three steps written for
clarity: ``get_DAG`` builds a dict of lists (every dictionary word starting
at each position), ``calc`` walks it backwards taking ``log`` of each word's
frequency through a generator and ``max``, and ``__cut_DAG`` follows the
best route, sending runs of unknown characters to the HMM. Here the same
route is found in a single backward pass over the text, word weights are
kept once computed, and the rest of jieba (HMM, punctuation, the
dictionary, ``add_word``) is untouched: the words are the same, in the same
order — ``tests/test_segment.py`` compares the two on every text we ship and
on generated ones — at about 60 % of the time. Tokenizing is most of a cold
report and of a page request, so this is where speed comes from.

Written against jieba 0.42's ``Tokenizer`` internals (``FREQ``, ``total``,
``initialized``); ``pyproject.toml`` pins jieba below 0.43 for that reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from math import log

import jieba
from jieba import finalseg

__all__ = ["FastTokenizer"]

#: Word weights kept per tokenizer; beyond this many (a vocabulary far larger
#: than any corpus here) the store is emptied and filled again.
_MAX_WEIGHTS = 500_000


class FastTokenizer(jieba.Tokenizer):
    """A ``jieba.Tokenizer`` whose precise mode with HMM is computed in one pass."""

    def _route(self, sentence: str) -> list[tuple[float, int]]:
        """jieba's ``calc(get_DAG(sentence))``: for each position, the best
        (log probability, end of first word) of the rest of the sentence."""
        if not self.initialized:
            self.initialize()
        freq = self.FREQ
        total = self.total
        weights = self.__dict__.get("_weights")
        if weights is None or self.__dict__.get("_weights_total") != total or len(weights) > _MAX_WEIGHTS:
            weights = self._weights = {}  # add_word changes the total: every weight with it
            self._weights_total = total
        logtotal = log(total)
        n = len(sentence)
        route: list = [None] * n + [(0, 0)]
        for k in range(n - 1, -1, -1):
            best = None
            i = k
            frag = sentence[k]
            while i < n and frag in freq:  # every dictionary word starting at k
                if freq[frag]:
                    w = weights.get(frag)
                    if w is None:
                        w = weights[frag] = log(freq.get(frag) or 1) - logtotal
                    cand = (w + route[i + 1][0], i)
                    if best is None or cand > best:  # max() keeps the first of equals, so does this
                        best = cand
                i += 1
                frag = sentence[k:i + 1]
            if best is None:  # no word starts here: the character alone
                w = weights.get(sentence[k])
                if w is None:
                    w = weights[sentence[k]] = log(freq.get(sentence[k]) or 1) - logtotal
                best = (w + route[k + 1][0], k)
            route[k] = best
        return route

    def _Tokenizer__cut_DAG(self, sentence: str) -> Iterator[str]:  # noqa: N802 - overrides jieba's private name
        route = self._route(sentence)
        x = 0
        buf = ""
        n = len(sentence)
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    yield from self._single_chars(buf)
                    buf = ""
                yield word
            x = y
        if buf:
            yield from self._single_chars(buf)

    def _single_chars(self, buf: str) -> Iterator[str]:
        """A run of characters the route took one by one: the HMM finds
        words in it unless the run is itself a dictionary word (as jieba does)."""
        if len(buf) == 1:
            yield buf
        elif not self.FREQ.get(buf):
            yield from finalseg.cut(buf)
        else:
            yield from buf
