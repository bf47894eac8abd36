"""The CLI through Typer's runner: bank commands, serve's host check, export and import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hireloop.cli import app
from tests.helpers import write_pack

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("bank", "serve", "export", "import"):
        assert command in result.output


def test_bank_list_and_show_include_a_user_pack(tmp_path: Path) -> None:
    write_pack(tmp_path / "pack", id="my-cooking-recs")
    listed = run("--content", str(tmp_path / "pack"), "bank", "list", "--round", "ml_system_design", "--json")
    assert listed.exit_code == 0, listed.output
    ids = [q["id"] for q in json.loads(listed.stdout)]
    assert "my-cooking-recs" in ids
    shown = run("--content", str(tmp_path / "pack"), "bank", "show", "my-cooking-recs", "--json")
    doc = json.loads(shown.stdout)
    assert doc["rubric"]["4"].startswith("Names a watch-completion")
    assert doc["probes"][0]["tests"] == "no_data_strategy"


def test_bank_show_text_renders_rubric(tmp_path: Path) -> None:
    write_pack(tmp_path / "pack")
    result = run("--content", str(tmp_path / "pack"), "bank", "show", "my-cooking-recs")
    assert result.exit_code == 0
    assert "Rubric" in result.output and "Someone installed the app a minute ago" in result.output


def test_unknown_question_id_is_one_line(tmp_path: Path) -> None:
    result = run("bank", "show", "no-such-question")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: unknown question id 'no-such-question'; run 'hireloop bank list' to see the ids"
    )


def test_unknown_round_is_rejected() -> None:
    result = run("bank", "list", "--round", "design")
    assert result.exit_code == 1
    assert "unknown round 'design'" in result.stderr


def test_bank_stats_counts_a_pack(tmp_path: Path) -> None:
    write_pack(tmp_path / "pack")
    result = run("--content", str(tmp_path / "pack"), "bank", "stats", "--json")
    stats = json.loads(result.stdout)
    builtin = json.loads(run("bank", "stats", "--json").stdout)
    assert stats["rounds"]["ml_system_design"] == builtin["rounds"]["ml_system_design"] + 1
    assert set(stats) >= {"questions", "cards", "rounds", "difficulties", "domains"}


def test_bank_validate_reports_every_problem_and_exits_non_zero(tmp_path: Path) -> None:
    write_pack(tmp_path, "a.yaml", text="questions:\n  - id: x\n    prompt: [oops\n")
    write_pack(tmp_path, "b.yaml", text="cards: 3\n")
    result = run("bank", "validate", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tmp_path / 'a.yaml'}:4: yaml: syntax error: ")
    assert "expected ',' or ']'" in lines[0]
    assert lines[1] == f"{tmp_path / 'b.yaml'}:1: cards: expected a list"
    assert "Traceback" not in result.output


def test_bank_validate_ok(tmp_path: Path) -> None:
    write_pack(tmp_path)
    result = run("bank", "validate", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: 1 question(s), 0 card(s)")


def test_broken_user_pack_stops_other_commands_with_its_errors(tmp_path: Path) -> None:
    write_pack(tmp_path, text="questions: {}\n")
    result = run("--content", str(tmp_path), "bank", "list")
    assert result.exit_code == 1
    assert f"{tmp_path / 'pack.yaml'}:1: questions: expected a list" in result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "example.org"])
def test_serve_refuses_non_loopback_hosts(host: str) -> None:
    result = run("serve", "--host", host)
    assert result.exit_code == 1
    assert f"refusing to listen on non-loopback host '{host}'" in result.stderr


def test_export_import_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hireloop.config import Settings
    from hireloop.store import make_engine, session_factory
    from hireloop.store import repository as repo

    with session_factory(make_engine(Settings()))() as db:
        repo.record_answer(session=db, user_id="local", round_id="behavioral", question_text="q", text="mine")
    out = tmp_path / "backup.json"
    exported = run("export", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    assert "exported 1 answers" in exported.stdout
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(tmp_path / "elsewhere"))
    imported = run("import", str(out))
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.startswith("imported 1 answers")
    with session_factory(make_engine(Settings()))() as db:
        assert [a.text for a in repo.list_answers(session=db, user_id="local")] == ["mine"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read"),
        ("{not json", "not valid JSON"),
        ('{"format": "zip"}', 'format: expected a JSON object with "format": "hireloop-export"'),
    ],
)
def test_import_bad_files(tmp_path: Path, content: str | None, expected: str) -> None:
    path = tmp_path / "in.json"
    if content is not None:
        path.write_text(content)
    result = run("import", str(path))
    assert result.exit_code == 1
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreachable_database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HIRELOOP_DATABASE_URL", "postgresql+psycopg://u:p@127.0.0.1:1/x")
    result = run("export", "--out", str(tmp_path / "x.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot reach database postgresql+psycopg://u:***@127.0.0.1:1/x")
    assert not (tmp_path / "x.json").exists()


def test_serve_reports_a_busy_port() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port))
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr


def test_bank_show_lists_what_a_grade_4_must_show_and_also_covers() -> None:
    result = run("bank", "show", "pb-trust-safety-classifiers")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Must show (all of these)" in text and "Also covers (most of these)" in text
    assert text.index("Must show") < text.index("threshold decision per language") < text.index("Also covers")
    doc = json.loads(run("bank", "show", "pb-trust-safety-classifiers", "--json").stdout)
    assert len(doc["rubric"]["4"]["must_show"]) == 3 and doc["rubric"]["4"]["also"]


def test_score_prints_the_wrong_claim_and_how_often_such_a_grade_agrees_with_people(tmp_path: Path) -> None:
    from tests.assess.test_grader_v3 import FRAUD_Q, WEAK_FRAUD

    answer = tmp_path / "answer.txt"
    answer.write_text(WEAK_FRAUD, encoding="utf-8")
    args = ["--round", "ml_system_design", "--question", FRAUD_Q, "--answer-file", str(answer)]
    result = run("score", "--no-save", *args)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "What it gets wrong" in text
    assert "labeled answers the grader was developed on" in text and "same hire or no-hire decision" in text
