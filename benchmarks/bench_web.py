"""The web home page under a bounded load on loopback: requests/s and latency percentiles."""

from __future__ import annotations

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
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
    print(
        f"GET / x{REQUESTS}, {CONCURRENCY} concurrent: {REQUESTS / elapsed:.0f} req/s, "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
