"""The web home page under a bounded load on loopback: requests/s and latency percentiles."""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers import live_server

from hireloop.config import Settings
from hireloop.web.app import create_app

REQUESTS = 400
CONCURRENCY = 8


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(data_dir=Path(tmp)))
        with live_server(app) as url, httpx.Client(base_url=url) as client:
            for _ in range(20):
                client.get("/")

            def one(_: int) -> float:
                start = time.perf_counter()
                response = client.get("/")
                response.raise_for_status()
                return time.perf_counter() - start

            start = time.perf_counter()
            with ThreadPoolExecutor(CONCURRENCY) as pool:
                latencies = sorted(pool.map(one, range(REQUESTS)))
            elapsed = time.perf_counter() - start
            answer = (
                "We rank with gradient-boosted trees on purchase labels from search logs; offline NDCG at "
                "10 on a time split, an online test on purchases per search, weekly retraining. " * 8
            )
            body = {"round": "ml_system_design", "question": "Design search ranking.", "answer": answer}
            grade_start = time.perf_counter()
            for _ in range(100):
                client.post("/api/assess", json=body).raise_for_status()
            grade_elapsed = time.perf_counter() - grade_start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
    print(
        f"GET / x{REQUESTS}, {CONCURRENCY} concurrent: {REQUESTS / elapsed:.0f} req/s, "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )
    print(f"POST /api/assess x100 (stored): {100 / grade_elapsed:.0f} answers/s")
    print(f"web process peak RSS with the grader loaded: {rss_mb:.0f} MB (target < 400 MB)")


if __name__ == "__main__":
    main()
