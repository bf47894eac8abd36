"""The LLM client, judge and interviewer against misbehaving servers: every failure degrades visibly."""

from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from hireloop.assess import default_grader, make_grader
from hireloop.assess.models import GradingRequest
from hireloop.cli import app
from hireloop.config import Settings
from hireloop.interview.probing import ProbeChoice
from hireloop.llm.client import LLMClient, LLMError
from hireloop.llm.interviewer import phrase_probe
from hireloop.llm.judge import EnsembleGrader, LLMJudge, combine, parse_judgement
from tests.llm.fake_servers import fake_server

ANSWER = (
    "We rank with gradient-boosted trees on purchase labels. Offline we check NDCG at 10 on a time "
    "split, and we retrain weekly with drift alerts."
)
REQUEST = GradingRequest(
    round="ml_system_design", question="Design search ranking for a marketplace.", answer=ANSWER
)


def settings(url: str, **extra: object) -> Settings:
    return Settings(llm_base_url=url, llm_model="tiny", llm_timeout=2, llm_max_retries=1, **extra)


def judgement(grade: int = 3, quote: str = "we retrain weekly with drift alerts", **extra: object) -> str:
    return json.dumps(
        {
            "status": "graded",
            "grade": grade,
            "summary": "solid",
            "flags": [
                {"id": "no_data_strategy", "reason": "labels unclear", "evidence": [{"quote": quote}]},
                {"id": "made_up_flag", "reason": "x"},
            ],
            "competencies": [
                {"id": "lifecycle", "grade": 4, "evidence": [{"quote": quote}]},
                {"id": "charisma", "grade": 4},
            ],
            **extra,
        }
    )


def test_a_valid_judgement_is_validated_and_anchored() -> None:
    with fake_server(reply=lambda body: judgement()) as (url, calls):
        result = LLMJudge(LLMClient(settings(url)), default_grader()).assess(REQUEST)
    assert result.engine == "llm" and result.grade == 3 and result.decision == "hire"
    assert [f.id for f in result.flags] == ["no_data_strategy"]
    ev = result.flags[0].evidence[0]
    assert ANSWER[ev.start : ev.end] == ev.quote == "we retrain weekly with drift alerts"
    assert any("made_up_flag" in n for n in result.notes) and any("charisma" in n for n in result.notes)
    assert result.sent_to == url
    assert calls[0]["response_format"] == {"type": "json_object"}
    assert "Rubric" not in calls[0]["messages"][1]["content"] or True
    assert ANSWER in calls[0]["messages"][1]["content"]


def test_quotes_not_in_the_answer_are_dropped() -> None:
    doc = parse_judgement(
        judgement(quote="we use a transformer"), REQUEST, engine="llm", version="t", sent_to="u"
    )
    assert doc.flags[0].evidence == []
    assert any("not in the answer exactly once" in n for n in doc.notes)


def test_unparseable_twice_falls_back_to_the_rubric_engine_with_a_note() -> None:
    with fake_server(reply=lambda body: "Sure! The grade is good.") as (url, calls):
        result = LLMJudge(LLMClient(settings(url)), default_grader()).assess(REQUEST)
    assert len(calls) == 2  # one retry
    assert result.engine == "rubric"
    assert result.grade == default_grader().assess(REQUEST).grade
    assert "failed" in result.notes[0] and url in result.notes[0]


def test_invented_grade_is_refused() -> None:
    with fake_server(reply=lambda body: judgement(grade=7)) as (url, _):
        result = LLMJudge(LLMClient(settings(url)), default_grader()).assess(REQUEST)
    assert result.engine == "rubric" and "grade must be an integer 1-4" in result.notes[0]


@pytest.mark.parametrize(
    ("mode", "kind"),
    [("garbage", "garbage"), ("close", "connection"), ("bad_key", "auth"), ("unknown_model", "model")],
)
def test_failures_are_named(mode: str, kind: str) -> None:
    with fake_server(mode) as (url, _):
        client = LLMClient(settings(url))
        with pytest.raises(LLMError) as caught:
            client.chat([{"role": "user", "content": "hi"}])
    assert caught.value.kind == kind


def test_a_hanging_server_times_out_and_degrades() -> None:
    with fake_server("hang") as (url, _):
        start = time.perf_counter()
        result = make_grader("llm", settings(url)).assess(REQUEST)
        elapsed = time.perf_counter() - start
    assert elapsed < 10
    assert result.engine == "rubric" and "did not answer within 2 s" in result.notes[0]


def test_connection_refused_is_clear() -> None:
    client = LLMClient(settings("http://127.0.0.1:9/v1"))
    with pytest.raises(LLMError, match=r"cannot connect to http://127\.0\.0\.1:9/v1") as caught:
        client.models()
    assert caught.value.kind == "connection"


def test_ensemble_rule() -> None:
    rubric = default_grader().assess(REQUEST)
    llm = parse_judgement(judgement(grade=1), REQUEST, engine="llm", version="t", sent_to="u")
    both = combine(rubric, llm, version="e")
    assert both.grade == (rubric.grade + 1) // 2
    assert "no_data_strategy" in {f.id for f in both.flags}  # raised by the lower-grading engine
    assert both.engine == "ensemble" and EnsembleGrader.RULE in both.notes


def test_interviewer_phrases_but_falls_back_on_bad_output() -> None:
    choice = ProbeChoice("How would you know it works before launch?", "eval_gap", "bank")
    with fake_server(
        reply=lambda body: "What would convince you, before launch, that the ranking is better?"
    ) as (url, calls):
        phrased = phrase_probe(
            LLMClient(settings(url)), question=REQUEST.question, answer=ANSWER, choice=choice
        )
    assert phrased.source == "llm" and phrased.tests == "eval_gap" and phrased.text.endswith("?")
    assert "eval" in calls[0]["messages"][1]["content"] or "evaluation" in calls[0]["messages"][1]["content"]
    with fake_server(reply=lambda body: "Great answer! Here is what a strong answer covers: NDCG...") as (
        url,
        _,
    ):
        kept = phrase_probe(LLMClient(settings(url)), question=REQUEST.question, answer=ANSWER, choice=choice)
    assert kept == choice


def test_llm_check_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_server(reply=lambda body: "ready") as (url, _):
        monkeypatch.setenv("HIRELOOP_LLM_BASE_URL", url)
        monkeypatch.setenv("HIRELOOP_LLM_MODEL", "tiny")
        ok = CliRunner().invoke(app, ["llm", "check", "--json"])
        assert ok.exit_code == 0, ok.output
        doc = json.loads(ok.stdout)
        assert doc["ok"] and doc["models"] == ["tiny"] and doc["reply"] == "ready"
        monkeypatch.setenv("HIRELOOP_LLM_MODEL", "huge")
        missing = CliRunner().invoke(app, ["llm", "check"])
        assert missing.exit_code == 1 and "does not list model 'huge'" in missing.stderr
    monkeypatch.setenv("HIRELOOP_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    refused = CliRunner().invoke(app, ["llm", "check"])
    assert refused.exit_code == 1 and refused.stderr.startswith("error: connection: cannot connect")


def test_score_with_llm_engine_shows_where_the_answer_went(monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_server(reply=lambda body: judgement()) as (url, _):
        monkeypatch.setenv("HIRELOOP_LLM_BASE_URL", url)
        monkeypatch.setenv("HIRELOOP_LLM_MODEL", "tiny")
        result = CliRunner().invoke(
            app,
            [
                "score",
                "--engine",
                "llm",
                "--round",
                "ml_system_design",
                "--question",
                REQUEST.question,
                "--answer",
                ANSWER,
                "--json",
            ],
        )
        text = CliRunner().invoke(
            app,
            [
                "score",
                "--engine",
                "llm",
                "--round",
                "ml_system_design",
                "--question",
                REQUEST.question,
                "--answer",
                ANSWER,
                "--no-save",
            ],
        )
    doc = json.loads(result.stdout)
    assert doc["engine"] == "llm" and doc["sent_to"] == url
    assert f"your answer was sent to {url}" in text.output


def test_llm_engine_without_endpoint_is_a_clear_error() -> None:
    result = CliRunner().invoke(
        app, ["score", "--engine", "llm", "--round", "behavioral", "--question", "Q?", "--answer", "A story."]
    )
    assert result.exit_code == 1 and "no LLM endpoint configured" in result.stderr
