"""Benchmark grant-matcher as a user runs it, against the LIMIT of the job.

    python bench/run.py [--sizes 1000,10000,100000] [--orgs 1000] [--repeats 3] [--national]

For each size it generates a deterministic synthetic corpus (bench/synth.py)
and measures, as medians over repeats, each in a fresh subprocess:

* LIMIT: import scikit-learn's text module, start jieba, tokenize all texts
  once, in one process (bench/limit.py) — for grants + orgs, and orgs alone;
* ``grant-matcher build``; cold ``report`` (no model yet) with ``--jobs 1``
  and ``--jobs 2`` (outputs must be byte-identical); warm ``report``;
* model file size and load time; peak memory (``ru_maxrss`` of the child);
* at 10 k grants: rank_bm25's ``BM25Okapi.get_scores`` on the same tokens;
* ``POST /api/match`` p50/p95 latency and requests/s against a running
  ``grant-matcher serve``, next to a trivial endpoint of the same server.

``--national`` adds 100 k organizations × 20 k grants as one streaming
report. Results: a markdown table on stdout and in bench/out/results.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402

OUT = ROOT / "bench" / "out"
AS_OF = "2026-06-01"
TOP = 10


# -- running children ------------------------------------------------------------


def child_env(cache: Path) -> dict:
    env = dict(os.environ)
    env["GRANT_MATCHER_CACHE"] = str(cache)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run(cmd: list[str], env: dict, *, stdout=subprocess.DEVNULL) -> tuple[float, float, bytes]:
    """Run ``cmd``; return (wall seconds, peak RSS in MB of that child, stdout)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return wall, ru.ru_maxrss / 1024, out


def cli(*args: str) -> list[str]:
    """The real command line (``grant-matcher`` is ``python -m matcher``)."""
    return [sys.executable, "-m", "matcher", "-q", *args]


def median(xs):
    return statistics.median(xs) if xs else float("nan")


# -- the corpus ------------------------------------------------------------------


def corpus(n_grants: int, n_orgs: int, seed: int = 0) -> tuple[Path, Path]:
    return synth.corpus(OUT / "data", n_grants, n_orgs, seed)


# -- one size --------------------------------------------------------------------


def report_cmd(g: Path, o: Path, model: Path, out: Path, jobs: int) -> list[str]:
    return cli("report", "--grants", str(g), "--orgs", str(o), "--model", str(model), "--top", str(TOP),
               "--as-of", AS_OF, "--jobs", str(jobs), "--out", str(out))


def bench_size(n_grants: int, n_orgs: int, repeats: int, jobs: int, *, server: bool, bm25: bool,
               cold_serial: bool = True) -> dict:
    g, o = corpus(n_grants, n_orgs)
    work = OUT / f"run-{n_grants}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = child_env(work / "cache")
    model = work / "model.joblib"
    m: dict[str, list] = {k: [] for k in ("limit", "limit_rss", "limit_orgs", "limit_ours", "build", "build_rss",
                                          "cold1", "cold1_rss", "cold2", "cold2_rss", "warm", "warm_rss", "load")}
    identical, rebuilt = True, False
    for _ in range(repeats):
        wall, rss, _ = run([sys.executable, "bench/limit.py", str(g), str(o)], env)
        m["limit"].append(wall)
        m["limit_rss"].append(rss)
        m["limit_orgs"].append(run([sys.executable, "bench/limit.py", str(o)], env)[0])
        m["limit_ours"].append(run([sys.executable, "bench/limit.py", "--ours", str(g), str(o)], env)[0])

        for p in work.glob("model*"):
            p.unlink()
        wall, rss, _ = run(cli("build", "--grants", str(g), "--model", str(model), "--jobs", str(jobs)), env)
        m["build"].append(wall)
        m["build_rss"].append(rss)

        if cold_serial:
            for p in work.glob("model*"):
                p.unlink()
            wall, rss, _ = run(report_cmd(g, o, model, work / "cold1.csv", 1), env)
            m["cold1"].append(wall)
            m["cold1_rss"].append(rss)
        for p in work.glob("model*"):
            p.unlink()
        wall, rss, _ = run(report_cmd(g, o, model, work / "cold2.csv", jobs), env)
        m["cold2"].append(wall)
        m["cold2_rss"].append(rss)

        before = model.stat().st_mtime_ns
        wall, rss, _ = run(report_cmd(g, o, model, work / "warm.csv", 1), env)
        rebuilt |= model.stat().st_mtime_ns != before  # e.g. the tokenizer's word lists were edited meanwhile
        m["warm"].append(wall)
        m["warm_rss"].append(rss)

        code = ("import time, sklearn.feature_extraction.text; from matcher.model import load_model; "
                f"t = time.perf_counter(); load_model({str(model)!r}); print(time.perf_counter() - t)")
        m["load"].append(float(run([sys.executable, "-c", code], env, stdout=subprocess.PIPE)[2]))

        a = (work / "cold2.csv").read_bytes()
        identical &= a == (work / "warm.csv").read_bytes()
        if cold_serial:
            identical &= a == (work / "cold1.csv").read_bytes()

    res = {k: median(v) for k, v in m.items()}
    res.update(n_grants=n_grants, n_orgs=n_orgs, jobs=jobs, identical=identical, warm_rebuilt=rebuilt,
               model_mb=model.stat().st_size / 2**20, rows=(work / "warm.csv").read_bytes().count(b"\n") - 1)
    if bm25:
        res.update(bm25_vs_ours(g, o, model, env))
    if server:
        res.update(bench_server(g, o, model, env))
    return res


# -- rank_bm25, same data, same tokens ----------------------------------------------------


_BM25_CODE = r"""
import json, sys, time
from matcher.io import load_grants, load_orgs
from matcher.model import load_model
from matcher.rank import Matcher, recommend_many
from rank_bm25 import BM25Okapi
grants = load_grants(sys.argv[1]); orgs = load_orgs(sys.argv[2])[:int(sys.argv[4])]
model = load_model(sys.argv[3]); matcher = Matcher(model, grants)
model.tokenizer_.warm_up()  # jieba's start is no part of either side
t = time.perf_counter(); toks = model.org_tokens(orgs); t_tok = time.perf_counter() - t
import datetime
as_of = datetime.date.fromisoformat(sys.argv[5])
t = time.perf_counter()
for _ in recommend_many(matcher, orgs, top=10, as_of=as_of): pass
ours = (time.perf_counter() - t - t_tok) / len(orgs)
bm = BM25Okapi(model.grant_tokens(grants))
n = min(len(orgs), 50)
t = time.perf_counter()
for q in toks[:n]: bm.get_scores(q)
print(json.dumps({"ours_ms": ours * 1e3, "bm25_ms": (time.perf_counter() - t) / n * 1e3}))
"""


def bm25_vs_ours(g: Path, o: Path, model: Path, env: dict) -> dict:
    """Per organization, tokens given: our whole ranking (scores, top-k, reasons,
    conditions) vs BM25Okapi.get_scores alone."""
    try:
        import rank_bm25  # noqa: F401
    except ImportError:
        return {}
    out = run([sys.executable, "-c", _BM25_CODE, str(g), str(o), str(model), "1000", AS_OF], env,
              stdout=subprocess.PIPE)[2]
    return json.loads(out)


# -- the web server -------------------------------------------------------------------


def _request(conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None) -> int:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    resp.read()
    return resp.status


def _load(port: int, method: str, path: str, bodies: list[bytes | None], n_seq: int, seconds: float,
          threads: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    lat = []
    for i in range(n_seq):
        t = time.perf_counter()
        status = _request(conn, method, path, bodies[i % len(bodies)])
        lat.append(time.perf_counter() - t)
        if status != 200:
            return {"status": status}
    conn.close()
    count = [0] * threads
    stop = time.perf_counter() + seconds

    def worker(k: int) -> None:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = k
        while time.perf_counter() < stop:
            _request(c, method, path, bodies[i % len(bodies)])
            count[k] += 1
            i += threads
        c.close()

    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    lat.sort()
    return {"status": 200, "p50_ms": lat[len(lat) // 2] * 1e3, "p95_ms": lat[int(len(lat) * 0.95)] * 1e3,
            "rps": sum(count) / (time.perf_counter() - t0)}


def bench_server(g: Path, o: Path, model: Path, env: dict, *, n_seq: int = 200, seconds: float = 8.0,
                 threads: int = 4) -> dict:
    """Latency and throughput of POST /api/match next to a trivial endpoint."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(cli("serve", "--grants", str(g), "--orgs", str(o), "--model", str(model),
                                "--host", "127.0.0.1", "--port", str(port), "--instance", str(model.parent / "inst")),
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = proc.stdout.readline()  # printed once the model is loaded
        if not line:
            return {"server_error": proc.stderr.read().decode(errors="replace")[-500:]}
        rows = [synth.org_row(1, i) for i in range(50)]
        bodies = [json.dumps({"name": r["name"], "profile": r["profile"], "top": TOP}, ensure_ascii=False).encode()
                  for r in rows]
        trivial = "/healthz"
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        if _request(c, "GET", trivial, None) != 200:
            trivial = "/static/style.css"
        c.close()
        api = _load(port, "POST", "/api/match", bodies, n_seq, seconds, threads)
        triv = _load(port, "GET", trivial, [None], n_seq, seconds, threads)
        rss = None
        try:
            with open(f"/proc/{proc.pid}/status") as fh:
                rss = next(int(x.split()[1]) / 1024 for x in fh if x.startswith("VmHWM"))
        except (OSError, StopIteration):
            pass
        return {"api": api, "trivial": triv, "trivial_path": trivial, "server_rss": rss}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


# -- national scale ----------------------------------------------------------------------


def bench_national(n_orgs: int, n_grants: int, jobs: int) -> dict:
    g, o = corpus(n_grants, n_orgs)
    work = OUT / "national"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = child_env(work / "cache")
    model = work / "model.joblib"
    build, build_rss, _ = run(cli("build", "--grants", str(g), "--model", str(model), "--jobs", str(jobs)), env)
    wall, rss, _ = run(report_cmd(g, o, model, work / "national.csv", jobs), env)
    rows = (work / "national.csv").read_bytes().count(b"\n") - 1
    return {"n_orgs": n_orgs, "n_grants": n_grants, "build": build, "build_rss": build_rss, "report": wall,
            "report_rss": rss, "rows": rows, "orgs_per_s": n_orgs / wall}


# -- the table ----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def table(results: list[dict], national: dict | None, args) -> str:
    lines = [
        f"# grant-matcher benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, medians of {args.repeats}, top {TOP}, {args.orgs} orgs)",
        "",
        "| grants | LIMIT s | LIMIT orgs s | (LIMIT, our tokenizer) s | build s | cold j1 s | cold j2 s | warm s "
        "| model MB | load s | peak MB (limit / build / cold j1 / cold j2 / warm) | identical |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['n_grants']:,} | {r['limit']:.2f} | {r['limit_orgs']:.2f} | ({r.get('limit_ours', float('nan')):.2f}) "
            f"| {r['build']:.2f} | {r['cold1']:.2f} "
            f"| {r['cold2']:.2f} | {r['warm']:.2f} | {r['model_mb']:.1f} | {r['load']:.3f} "
            f"| {r['limit_rss']:.0f} / {r['build_rss']:.0f} / {r['cold1_rss']:.0f} / {r['cold2_rss']:.0f} / "
            f"{r['warm_rss']:.0f} | {'yes' if r['identical'] else 'NO'}"
            f"{' (model rebuilt during warm: sources edited mid-run, rerun)' if r.get('warm_rebuilt') else ''} |"
        )
    lines += ["", "| grants | API p50 ms | API p95 ms | API req/s | trivial p50 ms | trivial req/s | API / trivial "
              "| server peak MB |", "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        api, triv = r.get("api"), r.get("trivial")
        if not api or api.get("status") != 200 or not triv or triv.get("status") != 200:
            lines.append(f"| {r['n_grants']:,} | n/a ({(api or {}).get('status', r.get('server_error', 'skipped'))}) "
                         "| | | | | | |")
            continue
        lines.append(f"| {r['n_grants']:,} | {api['p50_ms']:.1f} | {api['p95_ms']:.1f} | {api['rps']:.0f} "
                     f"| {triv['p50_ms']:.1f} | {triv['rps']:.0f} | {api['rps'] / triv['rps']:.2f} "
                     f"| {r.get('server_rss') or 0:.0f} |")

    lines += ["", "| target | measured | verdict |", "|---|---|---|"]
    by = {r["n_grants"]: r for r in results}
    r10 = by.get(10_000)
    if r10:
        x = r10["cold1"] / r10["limit"]
        lines.append(f"| cold report 10k×{args.orgs}, --jobs 1 ≤ 1.2 × LIMIT | {x:.2f} × | {verdict(x <= 1.2)} |")
        x = r10["cold2"] / r10["limit"]
        lines.append(f"| cold report 10k×{args.orgs}, --jobs {r10['jobs']} < 1.0 × LIMIT, identical output "
                     f"| {x:.2f} ×, identical: {r10['identical']} | {verdict(x < 1.0 and r10['identical'])} |")
        x = r10["warm"] / r10["limit_orgs"]
        lines.append(f"| warm report 10k ≤ 1.5 × LIMIT(orgs) | {x:.2f} × | {verdict(x <= 1.5)} |")
        if "bm25_ms" in r10:
            x = r10["bm25_ms"] / r10["ours_ms"]
            lines.append(f"| ≥ 50 × faster per org than BM25Okapi.get_scores (tokens given) | ours "
                         f"{r10['ours_ms']:.2f} ms, BM25 {r10['bm25_ms']:.1f} ms: {x:.0f} × | {verdict(x >= 50)} |")
            e2e = r10["warm"] / r10["n_orgs"] * 1e3
            lines.append(f"| (for reference) whole warm report per org vs BM25 scoring alone | {e2e:.2f} ms vs "
                         f"{r10['bm25_ms']:.1f} ms: {r10['bm25_ms'] / e2e:.0f} × | info |")
        api, triv = r10.get("api"), r10.get("trivial")
        if api and api.get("status") == 200 and triv and triv.get("status") == 200:
            x = api["rps"] / triv["rps"]
            lines.append(f"| POST /api/match 10k ≥ 1/3 of trivial endpoint's req/s | {x:.2f} | {verdict(x >= 1 / 3)} |")
        else:
            lines.append("| POST /api/match 10k ≥ 1/3 of trivial endpoint's req/s | not measured | n/a |")
    r100 = by.get(100_000)
    if r100:
        peak = max(r100["build_rss"], r100["cold2_rss"], r100["warm_rss"], r100["cold1_rss"] or 0)
        lines.append(f"| 100k×{args.orgs} completes, peak memory < 1.5 GB | {peak:.0f} MB | {verdict(peak < 1536)} |")
    if national:
        n = national
        lines += ["", f"National (simulated): {n['n_orgs']:,} orgs × {n['n_grants']:,} grants, streaming report "
                  f"--jobs {args.jobs}: build {n['build']:.0f} s (peak {n['build_rss']:.0f} MB), report "
                  f"{n['report']:.0f} s = {n['report'] / 60:.1f} min ({n['orgs_per_s']:.0f} orgs/s), "
                  f"peak {n['report_rss']:.0f} MB, {n['rows']:,} rows."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1000,10000,100000", help="grant counts, comma-separated")
    p.add_argument("--orgs", type=int, default=1000)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--big-repeats", type=int, default=1, help="repeats for sizes ≥ 50 000 (default 1)")
    p.add_argument("--jobs", type=int, default=2, help="processes for the parallel cold report (default 2)")
    p.add_argument("--no-server", action="store_true")
    p.add_argument("--national", action="store_true", help="also 100k orgs × 20k grants (≈ 10 min)")
    p.add_argument("--national-orgs", type=int, default=100_000)
    p.add_argument("--national-grants", type=int, default=20_000)
    args = p.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for n in (int(x) for x in args.sizes.split(",") if x):
        big = n >= 50_000
        print(f"… {n:,} grants × {args.orgs:,} orgs", file=sys.stderr, flush=True)
        results.append(bench_size(n, args.orgs, args.big_repeats if big else args.repeats, args.jobs,
                                  server=not args.no_server and n <= 10_000, bm25=n == 10_000))
    national = None
    if args.national:
        print(f"… national: {args.national_orgs:,} orgs × {args.national_grants:,} grants", file=sys.stderr)
        national = bench_national(args.national_orgs, args.national_grants, args.jobs)
    text = table(results, national, args)
    (OUT / "results.md").write_text(text, encoding="utf-8")
    (OUT / "results.json").write_text(json.dumps({"sizes": results, "national": national}, indent=1))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
