"""Score labels: one table of thresholds, derived from judged pairs by a script anyone can re-run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from matcher.labels import LABELS_FILE, ScoreLabels, score_labels
from matcher.records import Grant, Match, Reason
from tests.conftest import ROOT

SHARED = (Reason("儿童", 0.1),)


def _match(score: float, reasons=SHARED) -> Match:
    g = Grant("g", "名", "方", "儿童", "对象", "介绍")
    return Match(rank=1, grant=g, score=score, reasons=tuple(reasons))


def test_labels_follow_the_thresholds_in_the_data_file():
    doc = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    lab = score_labels()
    assert (lab.high, lab.mid) == (doc["high"], doc["mid"]) and 0 < lab.mid < lab.high < 1
    assert lab.of(_match(lab.high)).text == "高度契合"
    assert lab.of(_match(lab.high - 0.001)).text == "较契合"
    assert lab.of(_match(lab.mid)).text == "较契合"
    assert lab.of(_match(lab.mid - 0.001)).text == "部分相关"
    assert lab.of(_match(0.5, reasons=())).level == "none"  # nothing shared: never "recommended"


def test_the_legend_states_every_threshold():
    lab = ScoreLabels(high=0.3, mid=0.1, words={"high": "甲", "mid": "乙", "low": "丙", "none": "丁"})
    text = lab.legend()
    assert "甲：匹配度 ≥ 0.30" in text and "乙：0.10–0.30" in text and "丙：低于 0.10" in text


def test_the_shipped_thresholds_say_where_they_came_from():
    derived = json.loads(LABELS_FILE.read_text(encoding="utf-8"))["derived"]
    assert derived["data"] == "data/real/dev" and derived["as_of"] == "2026-03-01"
    assert derived["script"] == "bench/score_labels.py" and derived["pairs"] > 1000


@pytest.mark.slow
def test_the_derivation_script_reruns_on_the_dev_judgments(tmp_path):
    env = {"GRANT_MATCHER_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "score_labels.py")], capture_output=True, text=True,
                       env=env, timeout=600, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    high = next(line for line in lines if line.startswith("高度契合 ≥"))
    mid = next(line for line in lines if line.startswith("较契合"))
    h, m = float(high.split()[2]), float(mid.split()[2])
    assert 0 < m <= h < 1
    assert "written" not in r.stdout  # without --write the data file is left alone


def test_a_cut_is_the_lowest_score_where_the_rule_holds_at_every_higher_cut():
    sys.path.insert(0, str(ROOT))
    from bench.score_labels import lowest_cut

    pairs = [(0.9, True, 3), (0.8, True, 2), (0.7, True, 0), (0.6, True, 2), (0.5, True, 0), (0.4, True, 0),
             (0.3, True, 0), (0.2, True, 3), (0.1, True, 3)]  # below 0.4 the share falls under half: stop there

    def most(ps):
        share = sum(p[2] >= 2 for p in ps) / len(ps)
        return share >= 0.5, share

    assert lowest_cut(pairs, most, min_support=1) == (0.4, 6, 0.5)  # 0.1 would be 5 of 9, but 0.3 broke the rule
    assert lowest_cut(pairs, most, min_support=7) is None
