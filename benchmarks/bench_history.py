"""Pages that read a user's history, at growing history sizes, under 50 concurrent connections.

Seeds SQLite databases directly in bulk (answers and assessment documents like the grader's, then
``rebuild_user`` as ``hireloop admin rebuild-stats`` would), starts ``hireloop serve`` in its own
process and reports p50/p99 latency and the server's peak RSS for /progress and /plan with 100,
10,000 and 100,000 answers for one user, and for the coach's cohort page with 200 members of 500
answers each. Targets: p99 under 100 ms at 10,000 answers, p99 growth under 2x from 100 to 100,000,
RSS under 300 MB. Runs in a few minutes on two cores.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy import insert

from hireloop.accounts import create_user
from hireloop.config import Settings
from hireloop.store import make_engine, session_factory
from hireloop.store.stats import rebuild_user
from hireloop.store.tables import AnswerRow, AssessmentRow, UserRow
from hireloop.vocab import COMPETENCIES, ROUNDS

CONCURRENCY = 50
REQUESTS = int(os.environ.get("BENCH_HISTORY_REQUESTS", "200"))
PACE = 2.0  # paced rows: each of the 50 connections sends a request every 2 s (25 requests/s offered)
SIZES = (100, 10_000, 100_000)
MEMBERS, PER_MEMBER = 200, 500
PASSWORD = "bench-password-123"
START = datetime(2025, 1, 1, tzinfo=UTC)


def _document(rng: random.Random) -> dict:
    grade = rng.randint(1, 4)
    picked = rng.sample(list(COMPETENCIES), 3)
    return {
        "contract_version": "1.0",
        "status": "graded",
        "engine": "rubric",
        "engine_version": "bench",
        "grade": grade,
        "decision": "hire",
        "competencies": [
            {"id": c, "grade": rng.randint(1, 4), "evidence": [{"start": 0, "end": 40, "quote": "x" * 40}]}
            for c in picked
        ],
        "flags": [{"id": "eval_gap", "evidence": [{"start": 10, "end": 60, "quote": "y" * 50}]}],
        "summary": "A plausible summary of the answer " * 4,
    }


def seed(db, user: str, count: int, rng: random.Random, *, rebuild: bool = True) -> None:
    """``count`` answers with one assessment each, spread over the past year, inserted in batches."""
    rounds = list(ROUNDS)
    span = (datetime.now(UTC) - START).total_seconds()
    answers, assessments = [], []
    for i in range(count):
        at = START + timedelta(seconds=span * (i + 1) / (count + 1))
        answer_id = f"{user[:12]}{i:020d}"
        answers.append(
            {
                "id": answer_id,
                "user_id": user,
                "round": rounds[i % len(rounds)],
                "question_id": None,
                "question_text": "Design a fraud model for card-not-present payments.",
                "text": "We would start from chargeback labels and " * 20,
                "session_id": None,
                "kind": "main",
                "created_at": at,
            }
        )
        assessments.append(
            {
                "id": f"a{answer_id[1:]}",
                "answer_id": answer_id,
                "engine": "rubric",
                "engine_version": "bench",
                "document": _document(rng),
                "created_at": at,
            }
        )
        if len(answers) >= 5000:
            db.execute(insert(AnswerRow), answers)
            db.execute(insert(AssessmentRow), assessments)
            answers, assessments = [], []
    if answers:
        db.execute(insert(AnswerRow), answers)
        db.execute(insert(AssessmentRow), assessments)
    if rebuild:
        rebuild_user(session=db, user_id=user)
    db.commit()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``hireloop serve`` in a child process, so its RSS is measured alone."""

    def __init__(self, data_dir: Path, *, multi_user: bool, workers: int = 1) -> None:
        self.port = free_port()
        path = os.pathsep.join(filter(None, [sys.path[0], os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "HIRELOOP_DATA_DIR": str(data_dir), "PYTHONPATH": path}
        if multi_user:
            env |= {"HIRELOOP_MULTI_USER": "1", "HIRELOOP_SECRET_KEY": "b" * 64}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from hireloop.cli import main; main()",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not start: {self.proc.stderr.read().decode()[-2000:]}")

    def pids(self) -> list[int]:
        """The server process and its workers (``--workers N`` starts N child processes)."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        found = [self.proc.pid]
        for pid in map(int, children.read_text().split() if children.exists() else []):
            found.append(pid)
            grand = Path(f"/proc/{pid}/task/{pid}/children")
            found.extend(map(int, grand.read_text().split() if grand.exists() else []))
        return found

    def peak_rss_mb(self) -> float:
        """The largest peak RSS among the server's processes (with --workers N: of one worker)."""
        peaks = []
        for pid in self.pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return max(peaks, default=float("nan"))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


async def load(
    url: str, path: str, cookies: dict[str, str], *, pace: float | None
) -> tuple[list[float], int, float]:
    """REQUESTS GETs over CONCURRENCY connections; latencies (s), failures and requests/s.

    ``pace=None`` is a closed loop (each connection sends its next request as soon as the last one
    answers: the server's saturation, where latency is queueing, about CONCURRENCY / throughput);
    otherwise each connection sends one request every ``pace`` seconds, like people clicking.
    """
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=url, cookies=cookies, limits=limits, timeout=120) as client:
        for _ in range(5):
            (await client.get(path)).raise_for_status()
        latencies: list[float] = []
        failures = 0
        queue = iter(range(REQUESTS))

        async def worker(index: int) -> None:
            nonlocal failures
            if pace:
                await asyncio.sleep(pace * index / CONCURRENCY)
            for _ in queue:
                start = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    failures += 1
                if pace:
                    await asyncio.sleep(max(0.0, pace - (time.perf_counter() - start)))

        start = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(CONCURRENCY)))
        elapsed = time.perf_counter() - start
    return sorted(latencies), failures, REQUESTS / elapsed


def percentile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, round(q * (len(values) - 1)))] * 1000


def sign_in(url: str, user: str) -> dict[str, str]:
    with httpx.Client(base_url=url, headers={"Origin": url}) as client:
        response = client.post("/login", data={"user": user, "password": PASSWORD, "next": "/"})
        if response.status_code not in (200, 303):
            raise RuntimeError(f"sign-in as {user} failed: {response.status_code}")
        return dict(client.cookies)


def report(label: str, latencies: list[float], failures: int, rate: float, rss: float) -> float:
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    print(
        f"{label:<34} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  {rate:6.0f} req/s  "
        f"failures {failures}  server peak RSS {rss:5.0f} MB"
    )
    return p99


def main() -> None:
    rng = random.Random(7)
    p99s: dict[tuple[str, int, str], float] = {}
    worst_rss = 0.0
    print(
        f"{REQUESTS} requests per row over {CONCURRENCY} connections, multi-user server on SQLite; "
        f"paced = each connection one request every {PACE:.0f} s, saturated = back to back"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            data = Path(tmp) / f"one-{size}"
            sessions = session_factory(make_engine(Settings(data_dir=data)))
            with sessions() as db:
                create_user(session=db, user_id="bench", password=PASSWORD)
                seed(db, "bench", size, rng, rebuild=False)
                started = time.perf_counter()
                rebuild_user(session=db, user_id="bench")
                db.commit()
            rebuilt = time.perf_counter() - started
            print(f"-- one user with {size:,} answers (admin rebuild-stats for them: {rebuilt:.1f} s)")
            server = Server(data, multi_user=True)
            try:
                cookies = sign_in(server.url, "bench")
                for path in ("/progress", "/plan"):
                    for mode, pace in (("paced", PACE), ("saturated", None)):
                        latencies, failures, rate = asyncio.run(load(server.url, path, cookies, pace=pace))
                        rss = server.peak_rss_mb()
                        worst_rss = max(worst_rss, rss)
                        p99s[(path, size, mode)] = report(
                            f"{path} {size:,} answers, {mode}", latencies, failures, rate, rss
                        )
            finally:
                server.stop()

        data = Path(tmp) / "cohort"
        sessions = session_factory(make_engine(Settings(data_dir=data)))
        with sessions() as db:
            create_user(session=db, user_id="coach", password=PASSWORD, role="coach")
            for i in range(MEMBERS):
                member = f"member{i:03d}"
                db.add(UserRow(id=member, created_at=START, role="member"))
                db.flush()
                seed(db, member, PER_MEMBER, rng)
        print(f"-- cohort of {MEMBERS} members x {PER_MEMBER} answers")
        server = Server(data, multi_user=True)
        try:
            cookies = sign_in(server.url, "coach")
            for mode, pace in (("paced", PACE), ("saturated", None)):
                latencies, failures, rate = asyncio.run(load(server.url, "/cohort", cookies, pace=pace))
                rss = server.peak_rss_mb()
                worst_rss = max(worst_rss, rss)
                report(f"/cohort {MEMBERS}x{PER_MEMBER}, {mode}", latencies, failures, rate, rss)
        finally:
            server.stop()

    print("-- targets")
    for path in ("/progress", "/plan"):
        for mode in ("paced", "saturated"):
            at_10k = p99s[(path, 10_000, mode)]
            growth = p99s[(path, 100_000, mode)] / p99s[(path, 100, mode)]
            print(
                f"{path} {mode}: p99 at 10,000 answers {at_10k:.1f} ms (target < 100 ms); "
                f"p99 growth 100 -> 100,000 answers {growth:.2f}x (target < 2x)"
            )
    print(f"worst server peak RSS {worst_rss:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
