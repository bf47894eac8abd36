"""The optional LLM reading of a job description against fake OpenAI-compatible servers."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hireloop.cli import app
from hireloop.config import Settings
from hireloop.llm.client import LLMClient
from hireloop.targets.llm import read_with_llm
from tests.llm.fake_servers import fake_server

TEXT = (
    "Senior Product Manager, Fraud ML\n\nLedgerly processes card payments for 200,000 merchants. "
    "You will own the fraud detection models, their thresholds and the manual review queue, "
    "and partner with data "
    "scientists on precision and recall. Make sure decisions are explainable and fair."
)


def client(url: str) -> LLMClient:
    return LLMClient(Settings(llm_base_url=url, llm_model="tiny", llm_timeout=2, llm_max_retries=1))


def reading(**extra: object) -> str:
    doc = {
        "domains": [{"id": "fraud-risk", "quote": "fraud detection models"}, {"id": "crypto", "quote": "x"}],
        "level": {"id": "senior", "quote": "Senior"},
        "rounds": [
            {"id": "responsible_ai", "quote": "explainable and fair"},
            {"id": "behavioral", "quote": "not in it"},
        ],
        "competencies": [{"id": "evaluation", "quote": "precision and recall"}],
        "skills": [],
    }
    return json.dumps(doc | extra)


def test_a_reading_is_validated_and_quoted() -> None:
    with fake_server(reply=lambda body: reading()) as (url, calls):
        profile = read_with_llm(TEXT, client(url))
    assert profile.engine == "llm" and profile.sent_to == url
    assert profile.ids("domains") == ["fraud-risk"] and profile.ids("rounds") == ["responsible_ai"]
    for f in [*profile.domains, *profile.rounds, *profile.competencies, profile.level]:
        for q in f.evidence:
            assert TEXT[q.start : q.end] == q.quote
    assert "rejected unknown domains id 'crypto'" in profile.notes
    assert any("dropped rounds 'behavioral'" in n for n in profile.notes)
    assert profile.responsibilities == [] or profile.title == "Senior Product Manager, Fraud ML"
    assert "fraud-risk" in calls[0]["messages"][1]["content"]


def test_an_unusable_reply_twice_falls_back_to_the_lexicon_with_a_note() -> None:
    with fake_server(reply=lambda body: "I think it is a fraud role.") as (url, calls):
        profile = read_with_llm(TEXT, client(url))
    assert len(calls) == 2 and profile.engine == "lexicon"
    assert profile.notes[0].startswith("The LLM reading failed (the reply holds no JSON object)")
    assert "fraud-risk" in profile.ids("domains")


def test_a_broken_server_falls_back_too() -> None:
    with fake_server("garbage") as (url, _):
        profile = read_with_llm(TEXT, client(url))
    assert profile.engine == "lexicon" and "The LLM reading failed" in profile.notes[0]


def test_cli_engine_llm(tmp_path: Path, monkeypatch) -> None:
    jd = tmp_path / "jd.txt"
    jd.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    unset = runner.invoke(app, ["target", "add", "--jd", str(jd), "--engine", "llm"])
    assert unset.exit_code == 1 and "HIRELOOP_LLM_BASE_URL" in unset.stderr
    with fake_server(reply=lambda body: reading()) as (url, _):
        monkeypatch.setenv("HIRELOOP_LLM_BASE_URL", url)
        monkeypatch.setenv("HIRELOOP_LLM_MODEL", "tiny")
        result = runner.invoke(app, ["target", "add", "--jd", str(jd), "--engine", "llm", "--json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)["profile"]
    assert profile["engine"] == "llm" and profile["sent_to"] == url


def test_web_form_offers_the_llm_when_one_is_configured(tmp_path: Path) -> None:
    import httpx

    from hireloop.web.app import create_app
    from tests.helpers import live_server, make_settings

    long_text = TEXT + " We want 6+ years of product management, with two on machine learning products."
    with fake_server(reply=lambda body: reading()) as (url, _):
        settings = make_settings(tmp_path, llm_base_url=url, llm_model="tiny", llm_timeout=2)
        with live_server(create_app(settings)) as server:
            client = httpx.Client(base_url=server)
            assert 'name="engine" value="llm"' in client.get("/targets").text
            added = client.post("/targets", data={"text": long_text, "engine": "llm"})
            page = client.get(added.headers["location"]).text
    assert 'id="read-by"' in page and url in page
    assert "rejected unknown domains id &#39;crypto&#39;" in page
