"""Precision and recall of the condition reader's "ineligible" verdict.

Reads a labelled set (default ``data/dev``: grants.csv, orgs.csv, qrels.csv)
with the project's own loaders, so organizations' fields are read exactly as
in a report. A pair counts as predicted "no" when
:func:`matcher.conditions.assess` says ``ineligible``; the truth is the
``eligible`` label (yes/no/unknown).

Usage::

    python bench/eligibility_eval.py [DATA_DIR] [--as-of 2026-11-28] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matcher import io  # noqa: E402
from matcher.conditions import assess, read_conditions  # noqa: E402
from matcher.records import Grant, Org  # noqa: E402


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load_grants(path: Path) -> dict[str, Grant]:
    return {g.grant_id: g for g in io.load_grants(path, warn=lambda m: None)}


def load_orgs(path: Path) -> dict[str, Org]:
    return {o.org_id: o for o in io.load_orgs(path, warn=lambda m: None)}


def evaluate(data: Path, as_of: date, show_errors: bool = False) -> dict[str, float]:
    grants = load_grants(data / "grants.csv")
    orgs = load_orgs(data / "orgs.csv")
    conds = {gid: read_conditions(g) for gid, g in grants.items()}
    confusion: Counter[tuple[str, str]] = Counter()
    for r in _rows(data / "qrels.csv"):
        label = r["eligible"].strip()
        if label not in ("yes", "no", "unknown"):
            continue
        org, gid = orgs[r["org_id"]], r["grant_id"]
        verdict, checks = assess(conds[gid], org, as_of)
        confusion[(label, verdict)] += 1
        wrong = (verdict == "ineligible") != (label == "no")
        if show_errors and wrong:
            why = "; ".join(f"{c.kind}:{c.status}:{c.explanation}" for c in checks if c.status != "met")
            print(f"{'FP' if verdict == 'ineligible' else 'FN'} {org.org_id:12} {gid:20} label={label:8} {verdict:10} {why}")
    tp = confusion[("no", "ineligible")]
    fp = sum(v for (lab, ver), v in confusion.items() if ver == "ineligible" and lab != "no")
    fn = sum(v for (lab, ver), v in confusion.items() if lab == "no" and ver != "ineligible")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    no = sum(v for (lab, _), v in confusion.items() if lab == "no")
    yes = sum(v for (lab, _), v in confusion.items() if lab == "yes")
    wrong_tick = confusion[("no", "eligible")] / no if no else 0.0
    kept_tick = confusion[("yes", "eligible")] / yes if yes else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall,
            "no_shown_eligible": wrong_tick, "yes_shown_eligible": kept_tick,
            "confusion": dict(sorted(confusion.items()))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(ROOT / "data" / "dev"))
    ap.add_argument("--as-of", default="2026-11-28", type=date.fromisoformat)
    ap.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    args = ap.parse_args(argv)
    res = evaluate(Path(args.data), args.as_of, args.errors)
    print("label × verdict:", res["confusion"])
    print(f"ineligible vs label 'no': precision {res['precision']:.3f}  recall {res['recall']:.3f}  "
          f"(tp {res['tp']}, fp {res['fp']}, fn {res['fn']})")
    print(f"truly ineligible shown as ✓ eligible: {res['no_shown_eligible']:.1%}; "
          f"truly eligible still shown as ✓: {res['yes_shown_eligible']:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
