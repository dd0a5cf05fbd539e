"""The LIMIT: what any jieba + scikit-learn matcher pays before it does anything clever.

Run in a fresh process: import scikit-learn's text module, start jieba (its
dictionary plus our domain words, so it cuts the same words), read the CSV
texts with the csv module and cut every text the model reads once with
jieba's own ``Tokenizer.lcut``, in this one process. Prints one JSON line
with the phases' seconds.

    python bench/limit.py grants.csv orgs.csv     # the limit for a cold report
    python bench/limit.py orgs.csv                # the limit for a warm one
    python bench/limit.py --ours grants.csv ...   # the same with our tokenizer
                                                  # (same words, filtered; for reference)
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import csv  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def texts_of(path: str) -> list[str]:
    """The texts the model tokenizes, per row (grants: name, eligibility, description,
    category; orgs: name + profile, then the field tags)."""
    out: list[str] = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            if "profile" in r:
                out += [f"{r['name']}\n{r['profile']}", " ".join(r["fields"].split(";"))]
            else:
                out += [r["name"], r["eligibility"], r["description"], r["category"]]
    return out


def main(paths: list[str], *, ours: bool = False) -> dict:
    import sklearn.feature_extraction.text  # noqa: F401

    t1 = time.perf_counter()
    from matcher.tokenize import Tokenizer

    if ours:
        cut = Tokenizer().warm_up()
    else:
        import jieba

        cut = Tokenizer().new_jieba(jieba.Tokenizer).lcut
    t2 = time.perf_counter()
    texts = [t for p in paths for t in texts_of(p)]
    n = sum(len(cut(t)) for t in texts)
    t3 = time.perf_counter()
    return {"import_s": t1 - T0, "jieba_s": t2 - t1, "tokenize_s": t3 - t2, "texts": len(texts), "tokens": n}


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(main([a for a in args if a != "--ours"], ours="--ours" in args)))
