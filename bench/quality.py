"""Which text-matching improvements earn their place? Ablations under cross-validation.

    python bench/quality.py [--data data/dev] [--folds 5] [--at 5]

Every improvement (domain dictionary, stop-list, concept synonyms, search-mode
compounds, funder-name stripping, field weights, org field tags, sublinear
tf) is switched off one at a time from the shipped configuration, and the
nDCG@5 is compared on the same organizations. Then a k-fold cross-validation
over organizations picks the best configuration of a grid on the training
folds and scores it on the held-out fold, which says whether choosing
settings on this set generalizes to organizations it has not seen.

The TF-IDF model itself never sees the judgments (it is fitted on programme
texts only), so the judgments only choose among settings.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matcher.evaluate import (  # noqa: E402
    baseline_rankings,
    evaluate_rankings,
    format_table,
    load_qrels,
    matcher_rankings,
)
from matcher.io import load_grants, load_orgs  # noqa: E402
from matcher.model import MatchModel  # noqa: E402
from matcher.rank import Matcher  # noqa: E402
from matcher.tokenize import Tokenizer  # noqa: E402

AS_OF = date(2026, 11, 28)  # the older sets' day; data/real is judged as of 2026-03-01 (--as-of)
SHIPPED = MatchModel().get_params() | {"dictionary": True, "stopwords": True, "synonyms": True, "search_mode": False}

_TOKENIZERS: dict[tuple, Tokenizer] = {}


def tokenizer_for(cfg: dict) -> Tokenizer:
    key = (cfg["dictionary"], cfg["stopwords"], cfg["synonyms"], cfg["search_mode"])
    if key not in _TOKENIZERS:
        kw = {"search_mode": cfg["search_mode"]}
        if not cfg["dictionary"]:
            kw["user_words"] = []
        if not cfg["stopwords"]:
            kw["stopwords"] = []
        if not cfg["synonyms"]:
            kw["synonyms"] = {}
        _TOKENIZERS[key] = Tokenizer(**kw).warm_up()
    return _TOKENIZERS[key]


def run(cfg: dict, grants, orgs) -> dict[str, list[str]]:
    params = {k: v for k, v in cfg.items() if k in MatchModel().get_params()}
    model = MatchModel(tokenizer=tokenizer_for(cfg), **params).fit(grants)
    return matcher_rankings(Matcher(model, grants), orgs, as_of=AS_OF)


def run_alone(cfg: dict, grants, orgs) -> dict[str, list[str]]:
    """Rankings by the score alone (eligibility ignored)."""
    from matcher.evaluate import score_rankings

    params = {k: v for k, v in cfg.items() if k in MatchModel().get_params()}
    model = MatchModel(tokenizer=tokenizer_for(cfg), **params).fit(grants)
    return score_rankings(Matcher(model, grants), orgs)


def subset(rankings: dict, ids: set[str]) -> dict:
    return {k: v for k, v in rankings.items() if k in ids}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT / "data" / "dev"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--at", type=int, default=5)
    ap.add_argument("--as-of", type=date.fromisoformat, default=AS_OF)
    ap.add_argument("--grid", action="store_true", help="also the cross-validated grid of settings (slow)")
    args = ap.parse_args()
    globals()["AS_OF"] = args.as_of  # run() reads it
    if "blind" in Path(args.data).parts:
        sys.exit("the blind part is measured once, with grant-matcher evaluate, not tuned on")
    d = Path(args.data)
    grants = load_grants(d / "grants.csv")
    orgs = load_orgs(d / "orgs.csv", warn=lambda m: None)
    qrels = load_qrels(d / "qrels.csv")
    ids = [g.grant_id for g in grants]

    def score(rankings, org_ids=None):
        r = rankings if org_ids is None else subset(rankings, org_ids)
        return evaluate_rankings(r, qrels, ids, at=args.at)

    print(f"# {d}: {len(orgs)} organizations × {len(grants)} programmes\n")
    base = baseline_rankings(grants, orgs)
    shipped = run(SHIPPED, grants, orgs)
    table = {"grant-matcher": score(shipped)} | {k: score(v) for k, v in base.items()}
    print(format_table(table, args.at), "\n")

    # -- one improvement off at a time ---------------------------------------
    toggles = {
        "domain dictionary": {"dictionary": False},
        "stop-list": {"stopwords": False},
        "concept synonyms": {"synonyms": False},
        "plain compounds (search mode off)": {"search_mode": True},
        "funder-name stripping": {"strip_funder": False},
        "name counted twice (vs once)": {"name_weight": 2},
        "category field": {"category_weight": 0},
        "open-to-any-field concept": {"open_weight": 0},
        "org field tags": {"fields_weight": 0},
        "raw tf (vs sublinear 1+log tf)": {"sublinear_tf": not SHIPPED["sublinear_tf"]},
    }
    toggles |= {f"ranker feature: {b}": {"ranker": {**SHIPPED["ranker"], b: 0.0}} for b in SHIPPED["ranker"]
                if b != "word" and SHIPPED["ranker"][b] > 0}
    full = score(shipped)
    topical = qrels.topical()
    alone = evaluate_rankings(run_alone(SHIPPED, grants, orgs), topical, ids, at=args.at)
    print(f"| switched off (or changed) | nDCG@{args.at} | gain of the shipped setting | score alone | gain |")
    print("|---|---|---|---|---|")
    for name, change in toggles.items():
        s = score(run(SHIPPED | change, grants, orgs))
        a = evaluate_rankings(run_alone(SHIPPED | change, grants, orgs), topical, ids, at=args.at)
        print(f"| {name} | {s.ndcg:.3f} | {full.ndcg - s.ndcg:+.3f} | {a.ndcg:.3f} | {alone.ndcg - a.ndcg:+.3f} |")
    if not args.grid:
        return 0

    # -- cross-validated choice of settings -----------------------------------
    grid = [
        SHIPPED | dict(zip(("name_weight", "category_weight", "open_weight", "fields_weight", "synonyms"), v,
                           strict=True))
        for v in itertools.product((1, 2), (0, 1, 2, 3), (0, 1, 2), (0, 1, 2), (True, False))
    ]
    all_runs = [run(cfg, grants, orgs) for cfg in grid]
    org_ids = sorted(o.org_id for o in orgs)
    random.Random(0).shuffle(org_ids)
    folds = [set(org_ids[i :: args.folds]) for i in range(args.folds)]
    cv, cv_shipped, cv_tfidf = [], [], []
    for test in folds:
        train = set(org_ids) - test
        best = max(range(len(grid)), key=lambda i: score(all_runs[i], train).ndcg)
        cv.append(score(all_runs[best], test).ndcg)
        cv_shipped.append(score(shipped, test).ndcg)
        cv_tfidf.append(score(base["TF-IDF"], test).ndcg)
    mean = sum(cv) / len(cv)
    print(f"\n{args.folds}-fold CV over organizations, settings chosen on the training folds "
          f"from a grid of {len(grid)}:")
    print(f"  held-out nDCG@{args.at}: chosen {mean:.3f}; shipped {sum(cv_shipped) / len(cv):.3f}; "
          f"plain TF-IDF {sum(cv_tfidf) / len(cv):.3f}")
    print("  per fold (chosen):", " ".join(f"{x:.3f}" for x in cv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
