"""Builders shared by the tests."""

from __future__ import annotations

import socket
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from hireloop.config import Settings

GOOD_QUESTION = """\
questions:
  - id: {id}
    round: {round}
    prompt: Design a recommender for a small library of cooking videos.
    difficulty: 2
    competencies: [data_strategy, evaluation]
    domains: [recommendations]
    rubric:
      4: Names a watch-completion objective, a cold-start plan and an offline metric with a trade-off.
      3: Solid design with a fitting metric and one real trade-off, minor gaps after launch.
      2: Generic answer that says it will use a model without saying which data trains it.
      1: Treats recommendations as a fixed editorial list or lists buzzwords without any mechanism.
    probes:
      - text: Someone installed the app a minute ago. What do they see first?
        tests: no_data_strategy
      - text: How would you know the ranking got better before you launch it?
        tests: eval_gap
      - text: What changes after the catalogue doubles in size next year?
        tests: lifecycle
    notes:
      - Objective is finished videos, not taps.
"""


def write_pack(directory: Path, name: str = "pack.yaml", text: str | None = None, **fields: str) -> Path:
    """Write one content file into ``directory`` and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    body = (
        text
        if text is not None
        else GOOD_QUESTION.format(
            id=fields.get("id", "my-cooking-recs"), round=fields.get("round", "ml_system_design")
        )
    )
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def make_settings(tmp_path: Path, database_url: str | None = None, **extra: object) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=database_url, **extra)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(app: object) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a loopback port in a thread; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
