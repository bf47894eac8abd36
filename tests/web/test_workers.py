"""Several web workers start together on a fresh database: the schema is migrated once, under a lock,
every worker serves, and nothing in the log is a traceback (issue 17: "table users already exists").

Real processes: ``hireloop serve --workers 3``, and uvicorn itself pointed at the app factory (there no
parent migrates first, so the workers' own lock is what keeps them from racing)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from hireloop.store.database import head_revision
from tests.helpers import free_port

WORKERS = 3
LAUNCHERS = {
    "hireloop serve": [sys.executable, "-c", "from hireloop.cli import main; main()", "serve"],
    "uvicorn factory": [
        sys.executable, "-m", "uvicorn", "--factory", "hireloop.web.app:create_app", "--log-level", "warning"
    ],
}


def _serve(launcher: str, env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    argv = [*LAUNCHERS[launcher], "--workers", str(WORKERS), "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return process, f"http://127.0.0.1:{port}"


def _workers_answering(process: subprocess.Popen, url: str, log: Path) -> set[int]:
    """The worker ids seen over fresh connections, until all have answered (or 90 s have passed)."""
    seen: set[int] = set()
    deadline = time.monotonic() + 90
    while len(seen) < WORKERS and time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            response = httpx.get(url + "/healthz", timeout=5)  # a new connection each time
        except httpx.HTTPError:
            time.sleep(0.2)
            continue
        assert response.status_code == 200
        seen.add(response.json()["worker"])
    return seen


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


@pytest.mark.parametrize("launcher", list(LAUNCHERS))
def test_workers_start_cleanly_on_a_fresh_database(launcher: str, database_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "HIRELOOP_DATABASE_URL": database_url}
    log = tmp_path / "server.log"
    process, url = _serve(launcher, env, log)
    try:
        workers = _workers_answering(process, url, log)
        page = httpx.get(url + "/bank", timeout=30)
    finally:
        _stop(process)
    output = log.read_text()
    assert len(workers) == WORKERS, f"only {len(workers)} of {WORKERS} workers answered:\n{output[-3000:]}"
    assert page.status_code == 200
    assert "Traceback" not in output and "already exists" not in output, output[-3000:]
    engine = create_engine(database_url)
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    engine.dispose()
    assert versions == [head_revision()]
