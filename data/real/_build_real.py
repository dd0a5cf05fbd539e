"""Assemble data/real from the raw collected files, split it, and validate it.

    python3 data/real/_build_real.py            # writes dev/, blind/ and blind2/ (grants, orgs, qrels when judged)

The split is fixed before any tuning and does not depend on file order:
programmes are grouped by funder (the same foundation's calls of different
years go to the same part, so no part learns a funder's wording from the
other), and groups and organizations are assigned by a hash of their key,
about 40 % to the blind part. The blind part is measured once, at the end.

Duplicates (the same page collected twice) keep one record: the one with
the longer eligibility text.

Round 2 (``round2/raw/``): after the blind part was measured once and so
spent, new calls and new organizations were collected and judged by other
helper sessions, none of whom had read the code; all of round 2 is the
``blind2/`` part (its own calls × its own organizations), measured once at
the end of that round. The first blind part then served as development data.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
BLIND_SHARE = 0.40
SALT = "grant-matcher real split 2026-11-29"

GRANT_COLUMNS = ("grant_id", "name", "funder", "category", "eligibility", "description", "region", "deadline",
                 "url", "source", "conditions", "updated", "source_url")
ORG_COLUMNS = ("org_id", "name", "profile", "city", "founded_year", "legal_form", "stage", "fields",
               "fulltime_staff", "women_led", "rating", "inspection_year", "charity", "public_fundraising")
QREL_COLUMNS = ("org_id", "grant_id", "relevance", "eligible", "relevance_reason", "eligible_reason")

#: Funders that several collected calls share, however each page wrote the name.
FUNDER_GROUPS = ("正荣", "腾讯", "新力", "中华环境保护基金会", "盈峰", "何享健", "成都市慈善总会", "人口福利基金会",
                 "宋庆龄", "青少年发展基金会", "SEE", "义乌", "包河", "呈贡", "武汉", "恩施", "湖北省妇", "深圳市龙华",
                 "南山", "沈阳", "民政部")


def _h(key: str) -> float:
    return int(hashlib.sha256(f"{SALT}\x1f{key}".encode()).hexdigest()[:12], 16) / 16**12


def funder_group(rec: dict) -> str:
    text = rec["funder"] + rec["name"]
    for key in FUNDER_GROUPS:
        if key in text:
            return key
    return re.sub(r"（.*?）|\(.*?\)", "", rec["funder"]).strip() or rec["grant_id"]


def load_calls(raw: Path = RAW) -> list[dict]:
    by_url: dict[str, dict] = {}
    for path in sorted(glob.glob(str(raw / "calls_*.jsonl"))):
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            rec = json.loads(line)
            key = rec["source_url"].strip()
            old = by_url.get(key)
            if old is None or len(rec["eligibility"]) > len(old["eligibility"]):
                by_url[key] = rec
    calls = sorted(by_url.values(), key=lambda r: r["grant_id"])
    ids = [c["grant_id"] for c in calls]
    assert len(ids) == len(set(ids)), "duplicate grant_id"
    return calls


def load_orgs(raw: Path = RAW) -> list[dict]:
    orgs = [json.loads(ln) for ln in (raw / "orgs.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    ids = [o["org_id"] for o in orgs]
    assert len(ids) == len(set(ids)), "duplicate org_id"
    return sorted(orgs, key=lambda o: o["org_id"])


def split(calls: list[dict], orgs: list[dict]) -> dict[str, tuple[list[dict], list[dict]]]:
    groups = sorted({funder_group(c) for c in calls}, key=_h)
    blind_groups: set[str] = set()
    target = round(BLIND_SHARE * len(calls))
    taken = 0
    for g in groups:  # hash order: take whole funder groups until the share is reached
        size = sum(1 for c in calls if funder_group(c) == g)
        if taken + size <= target + 1:
            blind_groups.add(g)
            taken += size
        if taken >= target:
            break
    ordered = sorted(orgs, key=lambda o: _h(o["org_id"]))
    blind_orgs = {o["org_id"] for o in ordered[: round(BLIND_SHARE * len(orgs))]}
    return {
        "dev": ([c for c in calls if funder_group(c) not in blind_groups],
                [o for o in orgs if o["org_id"] not in blind_orgs]),
        "blind": ([c for c in calls if funder_group(c) in blind_groups],
                  [o for o in orgs if o["org_id"] in blind_orgs]),
    }


def grant_row(c: dict) -> dict:
    return {
        "grant_id": c["grant_id"], "name": c["name"], "funder": c["funder"], "category": c["category"],
        "eligibility": c["eligibility"], "description": c["description"], "region": c.get("region", ""),
        "deadline": c.get("deadline", ""), "url": "", "source": f"公开网页转述（{c['kind']}）",
        "conditions": "", "updated": c.get("updated", ""), "source_url": c["source_url"],
    }


def write_csv(path: Path, columns, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns))
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else r.get(k, "")) for k in columns})


def load_judgments(raw: Path = RAW) -> dict[tuple[str, str], dict]:
    out: dict[tuple[str, str], dict] = {}
    for path in sorted(glob.glob(str(raw / "judgments_*.csv"))):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for r in csv.DictReader(fh):
                key = (r["org_id"].strip(), r["grant_id"].strip())
                if key in out:
                    raise SystemExit(f"{path}: {key} judged twice")
                out[key] = {k: (r.get(k) or "").strip() for k in QREL_COLUMNS}
    return out


def main() -> int:
    calls, orgs = load_calls(), load_orgs()
    judged = load_judgments()
    parts = split(calls, orgs)
    round2 = HERE / "round2" / "raw"
    if (round2 / "orgs.jsonl").exists():
        known = {c["source_url"].strip() for c in calls}
        new_calls = [c for c in load_calls(round2) if c["source_url"].strip() not in known]
        parts["blind2"] = (new_calls, load_orgs(round2))
        judged.update(load_judgments(round2))
    for part, (cs, os_) in parts.items():
        d = HERE / part
        write_csv(d / "grants.csv", GRANT_COLUMNS, [grant_row(c) for c in cs])
        write_csv(d / "orgs.csv", ORG_COLUMNS, os_)
        pairs = [(o["org_id"], c["grant_id"]) for o in os_ for c in cs]
        have = [judged[p] for p in pairs if p in judged]
        missing = len(pairs) - len(have)
        for r in have:
            assert r["relevance"] in {"0", "1", "2", "3"}, r
            assert r["eligible"] in {"yes", "no", "unknown"}, r
        if have:
            write_csv(d / "qrels.csv", QREL_COLUMNS, have)
        print(f"{part}: {len(cs)} programmes × {len(os_)} organizations = {len(pairs)} pairs; "
              f"judged {len(have)}, missing {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
