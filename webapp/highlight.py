"""Split text into plain and highlighted segments; templates render ``<mark>``.

Highlighting is done here, in Python, so that templates never need
``|safe``: each segment is a ``(text, marked)`` pair the template escapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

Segment = tuple[str, bool]


@lru_cache(maxsize=512)
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    # longest first, so 乡村儿童 wins over 儿童 where both would match
    alts = sorted({f for f in forms if f}, key=len, reverse=True)
    if not alts:
        return None
    return re.compile("|".join(re.escape(a) for a in alts), re.IGNORECASE)


def segments(text: str, forms: Iterable[str]) -> list[Segment]:
    """``text`` cut into pieces; pieces equal to one of ``forms`` are marked."""
    pat = _pattern(tuple(sorted(set(forms))))
    if pat is None or not text:
        return [(text, False)] if text else []
    out: list[Segment] = []
    pos = 0
    for m in pat.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        if out and out[-1][1] and m.start() == pos:
            out[-1] = (out[-1][0] + m.group(0), True)  # 乡村 + 儿童 touching: one mark, not two
        else:
            out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def term_forms(tokenizer, terms: Iterable[str]) -> list[str]:
    """Every surface form of the terms (synonyms map 孩子→儿童, so mark 孩子 too)."""
    forms: list[str] = []
    for t in terms:
        forms.extend(tokenizer.variants(t))
    return forms
