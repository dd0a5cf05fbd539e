"""The benchmark runs, and its fast paths agree with the plain ones (no timing asserted)."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402

AS_OF = date(2026, 6, 1)


def test_synthetic_corpus_is_deterministic_and_follows_the_contract(tmp_path):
    from matcher.io import load_grants, load_orgs

    a = synth.write_grants(tmp_path / "a.csv", 30)
    b = synth.write_grants(tmp_path / "b.csv", 60)
    assert b.read_bytes().startswith(a.read_bytes())  # row i depends on i only
    grants = load_grants(a)
    orgs = load_orgs(synth.write_orgs(tmp_path / "o.csv", 30))
    assert all(150 <= len(g.eligibility) + len(g.description) <= 380 for g in grants)
    assert all(150 <= len(o.profile) <= 380 for o in orgs)
    assert synth.GRANT_COLUMNS[:6] == ("grant_id", "name", "funder", "category", "eligibility", "description")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from matcher.io import load_grants, load_orgs

    d = tmp_path_factory.mktemp("synth")
    # > 200 000 characters, so tokenize_many really forks
    return load_grants(synth.write_grants(d / "g.csv", 900)), load_orgs(synth.write_orgs(d / "o.csv", 300))


def _rows(matcher, orgs, **kw):
    from matcher.rank import recommend_many
    from matcher.report import report_rows

    return list(report_rows(recommend_many(matcher, orgs, top=10, as_of=AS_OF, **kw)))


def test_parallel_build_and_stored_conditions_give_the_serial_report(corpus, tmp_path, monkeypatch):
    from matcher import model as model_mod
    from matcher.model import MatchModel, load_model, save_model
    from matcher.rank import Matcher

    monkeypatch.setattr(model_mod, "_MIN_FORK_GRANTS", 0)  # conditions read by forked workers too
    grants, orgs = corpus
    serial = MatchModel(n_jobs=1).fit(grants)
    parallel = MatchModel(n_jobs=2).fit(grants)
    assert (serial.grant_matrix_ != parallel.grant_matrix_).nnz == 0
    assert serial.conditions_ == parallel.conditions_
    expect = _rows(Matcher(serial, grants), orgs)
    assert _rows(Matcher(parallel, grants), orgs) == expect
    # saved and loaded (packed state), and with conditions read lazily instead of stored
    loaded = load_model(save_model(parallel, tmp_path / "m.joblib"))
    assert _rows(Matcher(loaded, grants), orgs) == expect
    lazy = Matcher(loaded, grants)
    lazy._stored = None
    assert _rows(lazy, orgs) == expect


def test_chunked_equals_unchunked_and_fast_scores_equal_linear_kernel(corpus):
    from sklearn.metrics.pairwise import linear_kernel

    from matcher.model import MatchModel
    from matcher.rank import Matcher

    grants, orgs = corpus
    matcher = Matcher(MatchModel().fit(grants), grants)
    assert _rows(matcher, orgs, block=7) == _rows(matcher, orgs, block=1000)
    xo = matcher.model.transform_orgs(orgs[:40])
    assert (matcher.scorer()(xo) == linear_kernel(xo, matcher.model.grant_matrix_)).all()


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_size_with_identical_outputs(tmp_path, monkeypatch):
    from bench import run

    monkeypatch.setattr(run, "OUT", tmp_path)
    res = run.bench_size(300, 40, 1, 2, server=False, bm25=False)
    assert res["identical"] and res["rows"] == 400
    assert res["limit"] > 0 and res["warm"] > 0 and res["model_mb"] > 0
    text = run.table([res], None, type("A", (), {"repeats": 1, "orgs": 40, "jobs": 2})())
    assert "| 300 |" in text


@pytest.mark.slow
def test_scale_benchmark_runs_every_page_against_the_real_server(tmp_path, monkeypatch):
    from bench import scale

    monkeypatch.setattr(scale, "OUT", tmp_path)
    res = scale.bench_size(30, 120, repeats=3)
    rows = res["rows"]
    assert set(rows) >= {"POST /api/match", *scale.TARGET_PAGES}
    for name, row in rows.items():
        assert row["statuses"] == [200] and row["max_bytes"] > 0 and row["median_ms"] > 0, name
    assert res["rankings_k"] == 100 and res["rankings_bytes"] > 0 and res["ready_s"] >= res["listening_s"]
    assert res["memory_mb"].get("VmRSS", 1) > 0
    as_target = {**res, "n_orgs": 300, "n_grants": 2000}  # the verdict table is drawn for that size only
    text = scale.table([as_target], 3)
    assert "| `GET /overview` |" in text and ("PASS" in text or "FAIL" in text)
    assert scale.main(["--sizes", "12x40", "--repeats", "2"]) == 0
    assert "12 organizations × 40 programmes" in (tmp_path / "scale.md").read_text(encoding="utf-8")
