"""Plain words for a score: 高度契合 / 较契合 / 部分相关, and what the number is.

Reads ``resources/score_labels.json`` (thresholds and words; data, not
code) and hands on :class:`ScoreLabels`. The thresholds are derived from
judged pairs by ``bench/score_labels.py``, which rewrites that file; pages,
the advice sheet, the API and the reports all read them from here.

A match that shares no term or concept with the profile has no label
(level ``"none"``): its score is 0 or near it by construction, and pages
list such programmes apart, under 其他项目, instead of recommending them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .records import Match

__all__ = ["LABELS_FILE", "ScoreLabel", "ScoreLabels", "is_related", "score_labels"]

LABELS_FILE = Path(__file__).resolve().parent / "resources" / "score_labels.json"
LEVELS = ("high", "mid", "low", "none")


@dataclass(frozen=True)
class ScoreLabel:
    """One score in words: ``level`` (high / mid / low / none) and its ``text``."""

    level: str
    text: str


@dataclass(frozen=True)
class ScoreLabels:
    """The thresholds (score ≥ ``high`` → 高度契合, ≥ ``mid`` → 较契合, else 部分相关) and their words."""

    high: float
    mid: float
    words: dict[str, str]

    def label(self, score: float, related: bool = True) -> ScoreLabel:
        """The label of a score; ``related=False`` (nothing shared) is level ``none``."""
        if not related:
            level = "none"
        elif score >= self.high:
            level = "high"
        elif score >= self.mid:
            level = "mid"
        else:
            level = "low"
        return ScoreLabel(level, self.words[level])

    def of(self, match: Match) -> ScoreLabel:
        """The label of a match (related when it has at least one reason)."""
        return self.label(match.score, is_related(match))

    def legend(self) -> str:
        """The thresholds as a page states them."""
        w = self.words
        return (f"{w['high']}：匹配度 ≥ {self.high:.2f}；{w['mid']}：{self.mid:.2f}–{self.high:.2f}；"
                f"{w['low']}：低于 {self.mid:.2f} 但有共同的词或概念")

    def meaning(self) -> str:
        """One line on what the number is."""
        return ("匹配度是机构介绍与项目文字的相似度（0 到 1）：双方共有的词和领域概念越多、越专门，"
                "机构的发展阶段与资助类型越相合，数值越高；它只说明主题相近，能否申请看条件核对。")


def is_related(match) -> bool:
    """True when the texts share at least one term or concept (the match has reasons)."""
    return bool(match.reasons)


def _parse(doc: dict) -> ScoreLabels:
    high, mid = float(doc["high"]), float(doc["mid"])
    if not 0 <= mid <= high <= 1:
        raise ValueError(f"score_labels.json: need 0 ≤ mid ({mid}) ≤ high ({high}) ≤ 1")
    words = {k: str(doc["labels"][k]) for k in LEVELS}
    return ScoreLabels(high=high, mid=mid, words=words)


@lru_cache(maxsize=1)
def score_labels() -> ScoreLabels:
    """The shipped thresholds and words (read once; the file changes only with a release)."""
    text = resources.files("matcher.resources").joinpath("score_labels.json").read_text(encoding="utf-8")
    return _parse(json.loads(text))
