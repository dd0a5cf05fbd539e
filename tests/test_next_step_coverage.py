"""Issue 15's measure: ``grant-matcher report`` has ``next_step`` for ≥ 90 % of the rows whose only unmet
condition is one the organization can act on — on the judged real calls and on a synthetic portfolio.

Which conditions an organization can act on is said here, apart from :mod:`matcher.advice`: time passes
(registered years), staff can be hired, a 年检 passed, a rating or a 慈善 / 公募 status obtained, and an
unregistered group can register (so a rule that lets in a registered 社会团体 or 社会服务机构 is one it can
meet; a call for students or for foundations is not). A row counts
as covered when its ``next_step`` is non-empty and names a step (not "不符合": that is what the
column says of a condition nobody can change).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from conftest import ROOT

from matcher.cli import main
from matcher.conditions.profile import _org_form
from matcher.io import load_grants, load_orgs
from matcher.pipeline import open_matcher
from matcher.rank import recommend_many

ACTIONABLE = {"min_years", "min_staff", "has_staff", "social_workers", "legal_person", "rating", "inspection",
              "charity", "public_fundraising"}
#: What an unregistered group can register as.
REGISTRABLE_BODIES, REGISTRABLE_FORMS = {"assoc", "service"}, {"社会团体", "社会服务机构", "民办非企业单位"}
SETS = {"real-dev": (ROOT / "data" / "real" / "dev", date(2026, 3, 1)),
        "portfolio": (ROOT / "data" / "portfolio", date(2026, 11, 28))}


def _can_act(cond, org) -> bool:
    if cond.kind in ACTIONABLE:
        return True
    if _org_form(org) != "未注册团体":
        return False
    p = cond.param
    if cond.kind == "legal_form":
        return bool(REGISTRABLE_FORMS & set(p))
    if cond.kind == "applicant_type":
        lets_in = [set(accepted) for accepted, _maybe in p["groups"]] or [REGISTRABLE_BODIES]
        return any(all(b in g for g in lets_in) and b not in p["exclude"] for b in REGISTRABLE_BODIES)
    return False


def coverage(folder, as_of: date, tmp_path) -> dict:
    """Run the report over every programme of every organization and measure the column."""
    out = tmp_path / f"{folder.name}.csv"
    args = ["-q", "report", "--orgs", str(folder / "orgs.csv"), "--grants", str(folder / "grants.csv"),
            "--top", "1000", "--as-of", as_of.isoformat(), "--out", str(out)]
    assert main(args) == 0
    rows = {(r["org_id"], r["grant_id"]): r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    grants, orgs = load_grants(folder / "grants.csv", warn=lambda m: None), load_orgs(folder / "orgs.csv")
    matcher, _ = open_matcher(grants, None)
    counted = covered = named = 0
    for org, matches in recommend_many(matcher, orgs, top=1000, as_of=as_of):
        for m in matches:
            unmet = [cond for c, cond in zip(m.checks, m.conditions, strict=True) if c.status == "unmet"]
            if not unmet or not all(_can_act(cond, org) for cond in unmet):
                continue
            counted += 1
            step = rows[(org.org_id, m.grant.grant_id)]["next_step"]
            covered += bool(step)
            named += bool(step) and not step.endswith("不符合")
    not_eligible = sum(r["eligibility"] != "eligible" for r in rows.values())
    with_step = sum(bool(r["next_step"]) for r in rows.values() if r["eligibility"] != "eligible")
    return {"rows": len(rows), "not_eligible": not_eligible, "not_eligible_with_step": with_step,
            "only_actionable_unmet": counted, "non_empty": covered, "names_a_step": named,
            "share": round(covered / counted, 3) if counted else None}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SETS))
def test_next_step_covers_the_rows_an_organization_can_act_on(name, tmp_path):
    folder, as_of = SETS[name]
    got = coverage(folder, as_of, tmp_path)
    report = ROOT / "test-output" / f"next_step_coverage-{name}.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps(got, ensure_ascii=False, indent=1), encoding="utf-8")
    assert got["only_actionable_unmet"] >= 5, got  # enough rows for the share to mean something
    assert got["non_empty"] / got["only_actionable_unmet"] >= 0.9, got
    assert got["names_a_step"] / got["only_actionable_unmet"] >= 0.9, got
    assert got["not_eligible_with_step"] == got["not_eligible"], got  # every row that is not eligible says something
