"""The web app under 50 back-to-back connections, with an empty store and with 10,000 stored answers.

For /, a question page, /bank, /progress, /plan and POST /api/assess it prints requests/s and p50/p99
latency (closed loop: each connection sends its next request as soon as the last one answers, so the
latency is mostly queueing, about 50 / throughput). The load comes from ``wrk`` (one thread, written
in C, so it leaves the server almost all of the machine) when it is installed, else from an httpx
loop in this process (which takes about a core of its own); ``BENCH_WEB_GENERATOR=httpx`` forces the
latter, for comparison. ``hireloop serve`` runs in its own process, as a local single user with no
interview date (the twelve-month plan: the largest), with one worker and again with
``--workers 2``. The question page is
also loaded the way a browser revisits it (If-None-Match: a 304 without a body), and a static asset
is checked for a long-lived Cache-Control. Then, in this process, the CPU per /plan and /progress
request (``time.process_time`` around the route: the plan read, built and rendered), with the plan
cache empty each time and warm. Targets: /plan under 5 ms of CPU empty and 20 ms at 10,000 answers;
question page p99 under 50 ms; p99 under 100 ms at 10,000 answers. A few minutes on two cores.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # first: the server takes sys.path[0]

from bench_history import Server, percentile, seed

from hireloop.config import Settings
from hireloop.store import make_engine, session_factory
from hireloop.store.tables import UserRow

CONCURRENCY = 50
REQUESTS = int(os.environ.get("BENCH_WEB_REQUESTS", "500"))  # per row, httpx
ASSESS_REQUESTS = int(os.environ.get("BENCH_WEB_ASSESS_REQUESTS", "150"))
SECONDS = float(os.environ.get("BENCH_WEB_SECONDS", "5"))  # per row, wrk
WRK = None if os.environ.get("BENCH_WEB_GENERATOR") == "httpx" else shutil.which("wrk")
WORKERS = tuple(int(w) for w in os.environ.get("BENCH_WEB_WORKERS", "1,2").split(","))
SIZES = tuple(int(n) for n in os.environ.get("BENCH_WEB_SIZES", "0,10000").split(","))
CPU_ROUNDS = 40
ANSWER = (
    "We rank with gradient-boosted trees on purchase labels from search logs; offline NDCG at "
    "10 on a time split, an online test on purchases per search, weekly retraining. " * 8
)


def prepare(data: Path, answers: int) -> None:
    """A store for the local user with ``answers`` graded answers (none: an empty store)."""
    sessions = session_factory(make_engine(Settings(data_dir=data)))
    with sessions() as db:
        if db.get(UserRow, "local") is None:
            db.add(UserRow(id="local", created_at=datetime.now(UTC), role="member"))
            db.commit()
        if answers:
            seed(db, "local", answers, random.Random(7))


@dataclass(frozen=True)
class Load:
    """What one row of load saw: requests sent, wrong answers, requests/s, p50 and p99 in ms."""

    requests: int
    failures: int
    rate: float
    p50: float
    p99: float


def warm(url: str, path: str, *, method: str, body: dict | None, revisit: bool) -> dict[str, str]:
    """Three requests first (caches filled); the headers every measured request then carries."""
    with httpx.Client(base_url=url, timeout=120) as client:
        for _ in range(3):
            first = client.request(method, path, json=body)
            first.raise_for_status()
    if revisit and "etag" in first.headers:
        return {"If-None-Match": first.headers["etag"]}
    return {}


def load(
    url: str, path: str, *, count: int, method: str = "GET", body: dict | None = None, revisit: bool = False
) -> Load:
    """CONCURRENCY connections back to back, with wrk when there is one, else with httpx.

    ``revisit``: send the ETag of a first response back as If-None-Match, as a browser does.
    """
    headers = warm(url, path, method=method, body=body, revisit=revisit)
    expected = 304 if headers else 200
    if WRK:
        return wrk_load(url, path, method=method, body=body, headers=headers, expected=expected)
    latencies, failures, rate = asyncio.run(
        httpx_load(url, path, count=count, method=method, body=body, headers=headers, expected=expected)
    )
    return Load(len(latencies), failures, rate, percentile(latencies, 0.5), percentile(latencies, 0.99))


WRK_SCRIPT = """
wrk.method = {method}
wrk.body = {body}
{headers}
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args) failures = 0 end
function response(status, headers, body)
  if status ~= {expected} then failures = failures + 1 end
end
function done(summary, latency, requests)
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  io.write(string.format("BENCH %d %d %d %.1f %.1f\\n", summary.requests, summary.duration, failed,
    latency:percentile(50), latency:percentile(99)))
end
"""


def lua_string(text: str) -> str:
    level = "=" * next(n for n in range(1, 100) if f"]{'=' * n}]" not in text)
    return f"[{level}[{text}]{level}]"


def wrk_load(
    url: str, path: str, *, method: str, body: dict | None, headers: dict[str, str], expected: int
) -> Load:
    """wrk, one thread, CONCURRENCY connections for SECONDS; failures: any other status, or an error."""
    import json

    headers = {**headers, **({"Content-Type": "application/json"} if body is not None else {})}
    script = WRK_SCRIPT.format(
        method=lua_string(method),
        body="nil" if body is None else lua_string(json.dumps(body)),
        headers="\n".join(f"wrk.headers[ {lua_string(k)} ] = {lua_string(v)}" for k, v in headers.items()),
        expected=expected,
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        command = [WRK, "-t1", f"-c{CONCURRENCY}", f"-d{SECONDS:g}s", "--timeout", "60s", "-s", lua.name]
        out = subprocess.run(
            [*command, url + path],
            capture_output=True,
            text=True,
        )
    match = re.search(r"^BENCH (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)$", out.stdout, re.M)
    if match is None:
        raise RuntimeError(f"wrk said:\n{out.stdout}{out.stderr}")
    requests, micros, failures = (int(g) for g in match.groups()[:3])
    p50, p99 = (float(g) / 1000 for g in match.groups()[3:])
    return Load(requests, failures, requests / (micros / 1e6), p50, p99)


async def httpx_load(
    url: str, path: str, *, count: int, method: str, body: dict | None, headers: dict[str, str], expected: int
) -> tuple[list[float], int, float]:
    """``count`` requests over CONCURRENCY connections back to back: latencies (s), failures, req/s."""
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        ok = (expected,)
        latencies: list[float] = []
        failures = 0
        queue = iter(range(count))

        async def worker() -> None:
            nonlocal failures
            for _ in queue:
                start = time.perf_counter()
                try:
                    response = await client.request(method, path, json=body, headers=headers)
                    failures += response.status_code not in ok
                except httpx.HTTPError:
                    failures += 1
                latencies.append(time.perf_counter() - start)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        elapsed = time.perf_counter() - start
    return sorted(latencies), failures, count / elapsed


def server_cpu(server: Server) -> float:
    """Seconds of CPU the server's processes have used (user + system, all their threads)."""
    total = 0
    for pid in server.pids():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def measured(server: Server, label: str, path: str, **kwargs) -> float:
    """One row: req/s and latency seen by the client, and the server's own CPU per request (which
    other load on the machine hardly changes)."""
    count = kwargs.pop("count", REQUESTS)
    before = server_cpu(server)
    row = load(server.url, path, count=count, **kwargs)
    cpu = (server_cpu(server) - before) / (row.requests + 3) * 1000
    print(
        f"  {label:<36} {row.rate:6.0f} req/s  p50 {row.p50:7.1f} ms  p99 {row.p99:7.1f} ms  "
        f"server CPU {cpu:5.2f} ms/req  failures {row.failures}"
    )
    return row.p99


def serve_figures(data: Path, question: str, workers: int) -> dict[str, float]:
    server = Server(data, multi_user=False, workers=workers)
    p99s: dict[str, float] = {}
    try:
        page = httpx.get(server.url + "/").text
        asset = next((p.split('"')[0] for p in page.split('href="')[1:] if p.startswith("/static/")), None)
        if asset:
            control = httpx.get(server.url + asset).headers.get("cache-control", "(none)")
            print(f"  {asset}: Cache-Control {control}")
        for path in ("/", question, "/bank", "/progress", "/plan"):
            label = "GET a question page" if path == question else f"GET {path}"
            p99s[path] = measured(server, label, path)
        p99s["revisit"] = measured(server, "GET a question page, If-None-Match", question, revisit=True)
        body = {"round": "ml_system_design", "question": "Design search ranking.", "answer": ANSWER}
        p99s["/api/assess"] = measured(
            server,
            "POST /api/assess (graded, stored)",
            "/api/assess",
            count=ASSESS_REQUESTS,
            method="POST",
            body=body,
        )
        print(f"  server peak RSS {server.peak_rss_mb():.0f} MB")
    finally:
        server.stop()
    return p99s


def cpu_figures(data: Path) -> dict[str, float]:
    """CPU per request of the /plan and /progress routes, called in this process (no HTTP)."""
    from starlette.requests import Request

    from hireloop.web import app as app_module
    from hireloop.web.app import create_app
    from hireloop.web.routes import plan

    app = create_app(Settings(data_dir=data))
    state = app.state
    freeze = getattr(app_module, "freeze_startup_objects", None)  # what hireloop serve does after start
    if freeze:
        freeze()

    def request(path: str) -> Request:
        scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}
        return Request({**scope, "app": app, "root_path": "", "scheme": "http", "server": ("127.0.0.1", 80)})

    def plan_page() -> None:
        with state.sessions() as db:
            plan.plan_page(request("/plan"), state.bank, state.templates, db, "local")

    def progress_page() -> None:
        with state.sessions() as db:
            plan.progress_page(request("/progress"), state.bank, state.templates, db, "local")

    from hireloop.plan import planner

    clear = getattr(planner, "clear_plan_cache", lambda: None)  # absent before the plan was cached
    out: dict[str, float] = {}
    for label, call, cold in (
        ("/plan, plan cache empty", plan_page, True),
        ("/plan, plan cache warm", plan_page, False),
        ("/progress", progress_page, False),
    ):
        for _ in range(3):
            call()
        spent = 0.0
        for _ in range(CPU_ROUNDS):
            if cold:
                clear()
            start = time.process_time()
            call()
            spent += time.process_time() - start
        out[label] = spent / CPU_ROUNDS * 1000
        print(f"  CPU per request {label:<26} {out[label]:6.2f} ms")
    return out


def main() -> None:
    from hireloop.bank import load_bank_strict

    bank = load_bank_strict(Settings().all_content_dirs())
    question = f"/questions/{sorted(bank.questions)[0]}"
    if WRK:
        version = subprocess.run([WRK, "--version"], capture_output=True, text=True).stdout.split()[:2]
        print(f"load generator: {' '.join(version)}, 1 thread, {SECONDS:g} s per row")
    else:
        print(f"load generator: httpx in this process, {REQUESTS} requests per row (wrk not used)")
    print(f"{CONCURRENCY} back-to-back connections; local single user")
    print(f"machine load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    served: dict[tuple[int, int], dict[str, float]] = {}
    cpu: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            data = Path(tmp) / f"store-{size}"
            prepare(data, size)
            for workers in WORKERS:
                print(f"-- {size:,} stored answers, serve --workers {workers}")
                served[size, workers] = serve_figures(data, question, workers)
            cpu[size] = cpu_figures(data)
    print("-- targets")
    for size, target in ((0, 5.0), (10_000, 20.0)):
        if size not in cpu:
            continue
        spent = cpu[size]["/plan, plan cache empty"]
        print(f"/plan CPU at {size:,} answers (plan cache empty): {spent:.2f} ms (target < {target:.0f} ms)")
    for workers in WORKERS:
        empty, full = served.get((0, workers)), served.get((10_000, workers))
        if empty:
            print(
                f"--workers {workers}: question page p99, empty store: {empty[question]:.1f} ms, "
                f"revisited {empty['revisit']:.1f} ms (target < 50 ms)"
            )
        if full:
            worst = max(full, key=lambda p: full[p] if p != "/api/assess" else 0.0)
            print(
                f"--workers {workers}: worst page p99 at 10,000 answers: {worst} {full[worst]:.1f} ms "
                "(target < 100 ms)"
            )


if __name__ == "__main__":
    main()
