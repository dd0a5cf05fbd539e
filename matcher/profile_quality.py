"""Is a profile rich enough to match on? Thin profiles are said to be thin, with what to add.

Reads an :class:`~matcher.records.Org` and the model's tokenizer; hands on
a :class:`ProfileCheck`. The rule is general, not a list of organizations:
the profile and field tags are tokenized as the model tokenizes them, the
generic words every social organization may use (``resources/
generic_words.txt``: 社会工作, 孵化培育, 公益组织 …) are set aside, and a
profile with fewer than :data:`MIN_TERMS` distinct content terms left is
thin. Its ranking is then driven by a few generic words, and every thin
profile gets much the same list: pages say so instead of presenting that
list as a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .records import Org

__all__ = ["ASPECTS", "MIN_TERMS", "ProfileCheck", "check_profile", "generic_words"]

#: Distinct content terms a profile needs (the seed's 唐山 profiles have 0; real ones 8–70; a short but
#: concrete "2016年起在青龙县为农村留守儿童开展课外阅读" has 5).
MIN_TERMS = 4
#: What a useful profile says, in the order a page asks for it.
ASPECTS = ("做什么", "为谁", "在哪里", "从何时起")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}(?:省|市|县|区|州|镇|乡|村|街道|社区)")


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """The shipped list of generic words."""
    text = resources.files("matcher.resources").joinpath("generic_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@dataclass(frozen=True)
class ProfileCheck:
    """What a profile gives the matcher: its content terms, and whether that is too little."""

    thin: bool
    terms: tuple[str, ...]
    missing: tuple[str, ...]  # of ASPECTS, those the record does not show

    def message(self) -> str:
        """What a page says about a thin profile (empty when it is not thin)."""
        if not self.thin:
            return ""
        have = f"只有 {len(self.terms)} 个具体的词（{'、'.join(self.terms)}）" if self.terms else "没有具体的词"
        ask = "、".join(self.missing or ASPECTS)
        return (f"机构介绍太简短或太笼统：{have}，推荐只能按泛泛的词排序，参考价值有限。"
                f"请在介绍里补充：{ask}——例如“2016年起在青龙县的山区小学为留守儿童开展课外阅读”。")


def check_profile(org: Org, tokenize: Callable[[str], Iterable[str]], *, min_terms: int = MIN_TERMS,
                  generic: frozenset[str] | None = None) -> ProfileCheck:
    """Check one profile (and its field tags) with the model's tokenizer.

    Parameters
    ----------
    org : Org
        The organization; its name is not counted (a name says who, not what).
    tokenize : callable
        The model's tokenizer (``matcher.model.tokenizer_``), so the terms are the model's terms.
    min_terms : int
        Distinct content terms a profile needs not to be thin.
    generic : frozenset of str, optional
        Words that do not count (default: :func:`generic_words`).
    """
    generic = generic_words() if generic is None else generic
    text = "\n".join((org.profile, " ".join(org.fields)))
    terms = tuple(dict.fromkeys(t for t in tokenize(text) if t not in generic))
    thin = len(terms) < min_terms
    missing = ["做什么", "为谁"] if thin else []
    if not org.city and not _PLACE.search(org.profile):
        missing.append("在哪里")
    if org.founded_year is None and not _YEAR.search(org.profile):
        missing.append("从何时起")
    return ProfileCheck(thin=thin, terms=terms, missing=tuple(missing))
