"""A password-guessing flood on /login from one client, against a real `hireloop serve` process:
guesses the server actually checks per second, and a signed-in member's page latency meanwhile."""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers import free_port

FLOOD_SECONDS = 8.0
FLOODERS = 8


def _quiet_page_latency(url: str, cookies: httpx.Cookies, stop: threading.Event) -> list[float]:
    times = []
    with httpx.Client(base_url=url, cookies=cookies, timeout=60) as client:
        while not stop.is_set():
            start = time.perf_counter()
            client.get("/plan").raise_for_status()
            times.append(time.perf_counter() - start)
            time.sleep(0.1)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "HIRELOOP_DATA_DIR": tmp,
            "HIRELOOP_MULTI_USER": "1",
            "HIRELOOP_SECRET_KEY": secrets.token_urlsafe(32),
        }
        hireloop = [sys.executable, "-c", "from hireloop.cli import app; app()"]
        for user in ("ana", "ben"):
            subprocess.run(
                [*hireloop, "user", "add", user, "--password-stdin"],
                input=f"{user}-password-1\n",
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
        port = free_port()
        server = subprocess.Popen([*hireloop, "serve", "--port", str(port)], env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(url + "/healthz").raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            with httpx.Client(base_url=url) as client:
                client.post("/login", data={"user": "ben", "password": "ben-password-1"})
                cookies = client.cookies
            stop = threading.Event()
            with ThreadPoolExecutor(1) as side:
                baseline = _quiet_page_latency(url, cookies, stop_after(stop, 1.5))
                stop.clear()
                quiet = side.submit(_quiet_page_latency, url, cookies, stop)
                statuses: Counter[int] = Counter()
                end = time.monotonic() + FLOOD_SECONDS

                def flood(_: int) -> None:
                    with httpx.Client(base_url=url, timeout=60) as client:
                        while time.monotonic() < end:
                            guess = secrets.token_hex(6)
                            response = client.post("/login", data={"user": "ana", "password": guess})
                            statuses[response.status_code] += 1

                started = time.monotonic()
                with ThreadPoolExecutor(FLOODERS) as pool:
                    list(pool.map(flood, range(FLOODERS)))
                elapsed = time.monotonic() - started
                stop.set()
                during = quiet.result()
        finally:
            server.terminate()
            server.wait(10)
    checked = statuses[401]
    print(
        f"/login flood, {FLOODERS} connections from one address for {elapsed:.1f} s: "
        f"{sum(statuses.values()) / elapsed:.1f} requests/s, {checked / elapsed:.2f} guesses checked/s "
        f"({checked} checked, {statuses[429]} refused with 429)"
    )
    print(
        f"signed-in member's /plan: p50 {statistics.median(baseline) * 1000:.0f} ms before, "
        f"p50 {statistics.median(during) * 1000:.0f} ms / max {max(during) * 1000:.0f} ms during the flood"
    )


def stop_after(event: threading.Event, seconds: float) -> threading.Event:
    threading.Timer(seconds, event.set).start()
    return event


if __name__ == "__main__":
    main()
