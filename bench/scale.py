"""Staff pages at incubator scale: every page's median time and size next to ``POST /api/match``.

    python bench/scale.py [--sizes 300x2000,1000x10000] [--repeats 30]

For each size (organizations × programmes) it writes a deterministic
synthetic corpus (bench/synth.py), builds the model once with the CLI, then
starts the real server (``grant-matcher serve`` on 127.0.0.1, a subprocess)
and waits until every organization's rankings are stored
(``GET /api/status``). Warm — each request made a few times first — it
times every page ``--repeats`` times over one keep-alive connection
(organization and programme pages cycle through 20 ids), and reports the
median, the largest response, the ratio to the median of ``POST
/api/match`` (one profile ranked on the fly), and the server's memory
(VmRSS now, VmHWM its peak). Results: a table on stdout and in
bench/out/scale.md (+ scale.json).

The issue's target at 300 × 2,000: ``/``, ``/overview``, ``/orgs/<id>`` and
``/grants`` each at most 30 × the API's median and 1 MB.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGET_RATIO, TARGET_BYTES = 30, 1_000_000
TARGET_PAGES = ("GET /", "GET /overview", "GET /orgs/<id>", "GET /grants")
STARTED = re.compile(r"http://127\.0\.0\.1:(\d+)/")


def corpus(n_orgs: int, n_grants: int, seed: int = 0) -> tuple[Path, Path]:
    """The synthetic files (written once, then reused: row i depends on i only)."""
    return synth.corpus(OUT / "data", n_grants, n_orgs, seed)


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "matcher", "-q", *args]


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB (Linux)."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                key = line.split(":")[0]
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out


class Server:
    """``grant-matcher serve`` in a subprocess, on a free port of 127.0.0.1."""

    def __init__(self, g: Path, o: Path, model: Path, instance: Path, env: dict) -> None:
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            cli("serve", "--grants", str(g), "--orgs", str(o), "--model", str(model), "--instance", str(instance),
                "--host", "127.0.0.1", "--port", "0"),
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in self.proc.stdout], daemon=True).start()  # type: ignore[union-attr]
        seen = []
        while True:
            try:
                line = lines.get(timeout=300)
            except queue.Empty:
                self.stop()
                raise RuntimeError("server did not start: " + "".join(seen)) from None
            seen.append(line)
            m = STARTED.search(line)
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + "".join(seen))
        self.listening = time.perf_counter() - self.t0
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes, float]:
        """(status, body, seconds)."""
        headers = {"Content-Type": "application/json"} if body is not None else {}
        t = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        return r.status, data, time.perf_counter() - t

    def wait_ready(self, timeout: float = 600) -> dict:
        """Poll ``/api/status`` until the rankings are stored; return the last status."""
        deadline = time.perf_counter() + timeout
        while True:
            _, body, _ = self.request("GET", "/api/status")
            status = json.loads(body)
            if status["rankings"]["ready"] and not status["updates"]:
                status["ready_after_s"] = time.perf_counter() - self.t0
                return status
            if time.perf_counter() > deadline:
                raise RuntimeError(f"rankings not ready after {timeout} s: {status}")
            time.sleep(0.2)

    def stop(self) -> None:
        try:
            self.conn.close()
        except AttributeError:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def pages(n_orgs: int, n_grants: int) -> list[tuple[str, str, list[str], bool]]:
    """(name, method, paths to cycle through, HTML page?)."""
    org_ids = [f"o{i:06d}" for i in range(0, n_orgs, max(1, n_orgs // 20))][:20]
    grant_ids = [f"g{i:06d}" for i in range(0, n_grants, max(1, n_grants // 20))][:20]
    last = -(-n_orgs // 20)
    return [
        ("GET /", "GET", ["/"], True),
        (f"GET /?page={last}&sort=score", "GET", [f"/?page={last}&sort=score"], True),
        ("GET /overview", "GET", ["/overview"], True),
        ("GET /overview?k=20", "GET", ["/overview?k=20"], True),
        ("GET /orgs/<id>", "GET", [f"/orgs/{i}" for i in org_ids], True),
        ("GET /orgs/<id>?top=50&category=儿童", "GET", [f"/orgs/{i}?top=50&category={quote('儿童')}" for i in org_ids],
         True),
        ("GET /orgs/<id>/advice", "GET", [f"/orgs/{i}/advice" for i in org_ids], True),
        ("GET /grants", "GET", ["/grants"], True),
        ("GET /grants?q=儿童阅读", "GET", [f"/grants?q={quote('儿童阅读')}"], True),
        ("GET /grants/<id>", "GET", [f"/grants/{i}" for i in grant_ids], True),
        ("GET /api/orgs/<id>/matches", "GET", [f"/api/orgs/{i}/matches?top=10" for i in org_ids], False),
        ("GET /report.csv (all orgs, top 5)", "GET", ["/report.csv"], False),
    ]


def measure(server: Server, method: str, paths: list[str], bodies: list[bytes | None], repeats: int,
            warm: int = 3) -> dict:
    """Median seconds and sizes over ``repeats`` requests, after ``warm`` untimed ones."""
    n = max(len(paths), len(bodies))
    for k in range(warm):
        server.request(method, paths[k % len(paths)], bodies[k % len(bodies)])
    times, sizes, statuses = [], [], set()
    for k in range(repeats):
        status, data, sec = server.request(method, paths[k % len(paths)], bodies[k % len(bodies)])
        statuses.add(status)
        times.append(sec)
        sizes.append(len(data))
    return {"median_ms": statistics.median(times) * 1e3, "p95_ms": sorted(times)[int(0.95 * (len(times) - 1))] * 1e3,
            "max_bytes": max(sizes), "median_bytes": statistics.median(sizes), "statuses": sorted(statuses),
            "n": repeats, "distinct": n}


def bench_size(n_orgs: int, n_grants: int, repeats: int) -> dict:
    """Every page at one size, against one server."""
    g, o = corpus(n_orgs, n_grants)
    work = OUT / f"scale-{n_orgs}x{n_grants}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = {**os.environ, "GRANT_MATCHER_CACHE": str(work / "cache"), "PYTHONUNBUFFERED": "1",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    model = work / "model.joblib"
    t = time.perf_counter()
    subprocess.run(cli("build", "--grants", str(g), "--model", str(model)), cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    build_s = time.perf_counter() - t
    server = Server(g, o, model, work / "instance", env)
    try:
        status = server.wait_ready()
        api_bodies = [json.dumps({"name": r["name"], "profile": r["profile"], "top": 10}, ensure_ascii=False).encode()
                      for r in (synth.org_row(1, i) for i in range(50))]
        rows = {"POST /api/match": measure(server, "POST", ["/api/match"], api_bodies, repeats)}
        for name, method, paths, html in pages(n_orgs, n_grants):
            reps = max(5, repeats // 4) if name.startswith("GET /report") else repeats
            rows[name] = {**measure(server, method, paths, [None], reps), "html": html}
        memory = memory_mb(server.proc.pid)
    finally:
        server.stop()
    return {"n_orgs": n_orgs, "n_grants": n_grants, "build_s": build_s, "listening_s": server.listening,
            "ready_s": status["ready_after_s"], "rankings_bytes": status["rankings"]["bytes"],
            "rankings_k": status["rankings"]["k"], "memory_mb": memory, "rows": rows}


def table(results: list[dict], repeats: int) -> str:
    lines = [f"# Staff pages at scale ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
             f"Python {sys.version.split()[0]}, warm, medians of {repeats} requests)", ""]
    for r in results:
        api = r["rows"]["POST /api/match"]["median_ms"]
        mem = r["memory_mb"]
        lines += [
            f"## {r['n_orgs']:,} organizations × {r['n_grants']:,} programmes",
            "",
            f"Model build {r['build_s']:.1f} s; server listening after {r['listening_s']:.1f} s, every "
            f"organization's rankings stored after {r['ready_s']:.1f} s (top {r['rankings_k']} each, "
            f"{r['rankings_bytes'] / 2**20:.1f} MB); server memory {mem.get('VmRSS', 0):.0f} MB "
            f"(peak {mem.get('VmHWM', 0):.0f} MB).",
            "",
            "| request | median ms | p95 ms | × API median | largest response | status |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for name, row in r["rows"].items():
            ratio = "1" if name == "POST /api/match" else f"{row['median_ms'] / api:.1f}"
            size = row["max_bytes"]
            shown = f"{size / 1024:.0f} KB" if size < 2**20 else f"{size / 2**20:.2f} MB"
            lines.append(f"| `{name}` | {row['median_ms']:.1f} | {row['p95_ms']:.1f} | {ratio} | {shown} "
                         f"| {','.join(map(str, row['statuses']))} |")
        lines.append("")
    first = next((r for r in results if (r["n_orgs"], r["n_grants"]) == (300, 2000)), None)
    if first:
        api = first["rows"]["POST /api/match"]["median_ms"]
        lines += [f"Target at 300 × 2,000: each page ≤ {TARGET_RATIO} × the API median "
                  f"({TARGET_RATIO * api:.0f} ms) and ≤ 1 MB.", "", "| page | × API | size | verdict |",
                  "|---|---:|---:|---|"]
        for name in TARGET_PAGES:
            row = first["rows"][name]
            ok = row["median_ms"] <= TARGET_RATIO * api and row["max_bytes"] <= TARGET_BYTES and row["statuses"] == [200]
            lines.append(f"| `{name}` | {row['median_ms'] / api:.1f} | {row['max_bytes'] / 1024:.0f} KB "
                         f"| {'PASS' if ok else 'FAIL'} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="300x2000,1000x10000", help="organizations x programmes, comma-separated")
    p.add_argument("--repeats", type=int, default=30, help="timed requests per page (default 30)")
    args = p.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for size in (s for s in args.sizes.split(",") if s):
        n_orgs, n_grants = (int(x) for x in size.lower().split("x"))
        print(f"… {n_orgs:,} organizations × {n_grants:,} programmes", file=sys.stderr, flush=True)
        results.append(bench_size(n_orgs, n_grants, args.repeats))
    text = table(results, args.repeats)
    (OUT / "scale.md").write_text(text, encoding="utf-8")
    (OUT / "scale.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
