"""Where do the score labels (高度契合 / 较契合 / 部分相关) start? Derived from judged pairs.

    python bench/score_labels.py                 # print the thresholds and the figures behind them
    python bench/score_labels.py --write         # also store them in matcher/resources/score_labels.json

Reads only the development part of the real calls (``data/real/dev``:
grants, orgs, qrels with relevance 0–3) and ranks every organization
against every programme with the shipped matcher, ``--as-of 2026-03-01``
(the date the pairs were judged). Whatever the matcher's score is — cosine
today, a learned ranker tomorrow — the labels follow from what judges said
about pairs at each score, so re-run this after any change to scoring:

* **高度契合** from the lowest score *h* such that, among the pairs scoring
  at least *h*, most (≥ ``--most``, default 50 %) were judged relevance ≥ 2,
  and that stays true at every higher cut with enough pairs above it;
* **较契合** from the lowest score *m* such that, among pairs scoring at
  least *m*, off-topic pairs (relevance 0) are rare (≤ ``--rare``, default
  20 %), at every higher cut too;
* **部分相关** below *m*, when the texts share at least one term or concept;
  a programme sharing none is not recommended at all (the pages list it
  under 其他项目).

Cuts are tried at every distinct score; a cut needs ``--min-support``
pairs above it, so a handful of top pairs cannot decide alone. Thresholds
are rounded up to two decimals, as a page states them (the rule holds
at every cut above the derived one, so it holds at the rounded one).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matcher.evaluate import load_qrels  # noqa: E402
from matcher.io import load_grants, load_orgs  # noqa: E402
from matcher.labels import LABELS_FILE  # noqa: E402
from matcher.pipeline import open_matcher  # noqa: E402
from matcher.rank import recommend_many  # noqa: E402

DATA = ROOT / "data" / "real" / "dev"


def scored_pairs(data: Path, as_of: date, model: Path | None) -> list[tuple[float, bool, int]]:
    """``(score, shares a term, relevance)`` for every judged pair, from the shipped ranking."""
    grants = load_grants(data / "grants.csv")
    orgs = load_orgs(data / "orgs.csv")
    judged = load_qrels(data / "qrels.csv").relevance
    matcher, _ = open_matcher(grants, model)
    out = []
    for org, matches in recommend_many(matcher, orgs, top=len(grants), as_of=as_of):
        for m in matches:
            rel = judged.get((org.org_id, m.grant.grant_id))
            if rel is not None:
                out.append((m.score, bool(m.reasons), rel))
    return out


def lowest_cut(pairs: list[tuple[float, bool, int]], ok, *, min_support: int) -> tuple[float, int, float] | None:
    """The lowest score ``s`` where ``ok(pairs scoring ≥ t)`` holds for every cut ``t ≥ s`` with enough support.

    Returns ``(s, pairs at or above s, share that satisfied the rule)``.
    """
    ordered = sorted(pairs, key=lambda p: -p[0])
    best = None
    above: list[tuple[float, bool, int]] = []
    i = 0
    while i < len(ordered):
        s = ordered[i][0]
        while i < len(ordered) and ordered[i][0] == s:
            above.append(ordered[i])
            i += 1
        if len(above) < min_support:
            continue
        holds, share = ok(above)
        if not holds:
            break  # the rule fails here: lower cuts are not considered
        best = (s, len(above), share)
    return best


def ceil2(x: float) -> float:
    """Rounded up to two decimals: the rule holds at every cut above the derived one, so it holds there."""
    return math.ceil(round(x * 100, 6)) / 100


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="a folder with grants.csv, orgs.csv, qrels.csv")
    ap.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 3, 1))
    ap.add_argument("--most", type=float, default=0.5, help="share of relevance ≥ 2 above 高度契合 (default 0.5)")
    ap.add_argument("--rare", type=float, default=0.2, help="largest share of relevance 0 above 较契合 (default 0.2)")
    ap.add_argument("--min-support", type=int, default=20, help="pairs a cut needs above it (default 20)")
    ap.add_argument("--model", type=Path, default=None, help="model file (default: the cache)")
    ap.add_argument("--write", action="store_true", help=f"store the thresholds in {LABELS_FILE.relative_to(ROOT)}")
    args = ap.parse_args(argv)

    pairs = scored_pairs(args.data, args.as_of, args.model)
    n = len(pairs)
    n_shared = sum(1 for p in pairs if p[1])
    print(f"{n} judged pairs ({args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data}, "
          f"as of {args.as_of}); {n_shared} share a term or concept")

    def most_relevant(ps):
        share = sum(1 for p in ps if p[2] >= 2) / len(ps)
        return share >= args.most, share

    def rarely_off(ps):
        share = sum(1 for p in ps if p[2] == 0) / len(ps)
        return share <= args.rare, 1 - share

    high = lowest_cut(pairs, most_relevant, min_support=args.min_support)
    mid = lowest_cut(pairs, rarely_off, min_support=args.min_support)
    if high is None or mid is None:
        print("no cut satisfies the rules with enough support: thresholds left unchanged", file=sys.stderr)
        return 1
    h, m = ceil2(high[0]), ceil2(mid[0])
    if m > h:
        m = h

    def band(lo: float, hi: float | None, *, shared: bool | None = None) -> str:
        ps = [p for p in pairs if p[0] >= lo and (hi is None or p[0] < hi) and (shared is None or p[1] == shared)]
        if not ps:
            return "0 pairs"
        dist = [sum(1 for p in ps if p[2] == r) for r in range(4)]
        return (f"{len(ps)} pairs, relevance 0/1/2/3 = {'/'.join(map(str, dist))}, "
                f"≥2: {sum(dist[2:]) / len(ps):.0%}, 0: {dist[0] / len(ps):.0%}")

    print(f"高度契合 ≥ {h:.2f}  (lowest cut {high[0]:.4f}: {high[1]} pairs above, {high[2]:.0%} relevance ≥ 2)")
    print(f"较契合   ≥ {m:.2f}  (lowest cut {mid[0]:.4f}: {mid[1]} pairs above, {mid[2]:.0%} relevance ≥ 1)")
    print("bands:")
    print(f"  高度契合  [{h:.2f}, 1]     {band(h, None)}")
    print(f"  较契合    [{m:.2f}, {h:.2f})  {band(m, h)}")
    print(f"  部分相关  (0, {m:.2f})     {band(0, m, shared=True)}")
    print(f"  其他项目  no shared term  {band(0, None, shared=False)}")

    if args.write:
        doc = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
        doc["high"], doc["mid"] = h, m
        doc["derived"] = {
            "script": "bench/score_labels.py", "data": "data/real/dev", "as_of": args.as_of.isoformat(),
            "pairs": n, "most": args.most, "rare": args.rare, "min_support": args.min_support,
            "high_share_relevant": round(high[2], 3), "mid_share_not_off_topic": round(mid[2], 3),
        }
        LABELS_FILE.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written: {LABELS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
