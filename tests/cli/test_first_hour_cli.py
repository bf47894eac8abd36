"""The CLI at 80 columns: full ids, any unique id prefix, plain words, honest trends."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hireloop.cli import app
from hireloop.vocab import all_ids

LOOPS = Path(__file__).parents[1] / "data" / "loops"
WIDE = 80
TDD_ANSWER = "Precision and recall: I would pick precision at a fixed review capacity.\n.\n" + ".\n" * 4


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", str(WIDE))
    return CliRunner()


def raw_ids(text: str) -> set[str]:
    return {i for i in all_ids() if "_" in i and re.search(rf"(?<![\w-]){i}(?![\w-])", text)}


def test_bank_list_never_cuts_an_id_at_80_columns(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["bank", "list", "--round", "ml_system_design"])
    assert listed.exit_code == 0, listed.output
    ids = [q["id"] for q in json.loads(runner.invoke(app, ["bank", "list", "--json"]).stdout)]
    msd = [i for i in ids if i.startswith("msd-")]
    for qid in msd:
        assert re.search(rf"^\s*{re.escape(qid)}\s", listed.output, re.MULTILINE), qid
    assert all(len(line) <= WIDE for line in listed.output.splitlines())
    assert "ML system" in listed.output and not raw_ids(listed.output)


def test_any_unique_prefix_is_an_id(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["bank", "show", "msd-card-not-pr", "--json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == "msd-card-not-present-fraud"
    ambiguous = runner.invoke(app, ["bank", "show", "msd-"])
    assert ambiguous.exit_code == 1 and "give more of the id" in ambiguous.output


def test_loop_status_and_debrief_take_prefixes_and_speak_plainly(runner: CliRunner) -> None:
    for _ in range(2):
        played = runner.invoke(
            app,
            ["practice", "--question", "msd-card-not-present-fraud"],
            input="We would use AI.\n.\n" + ".\n" * 4,
        )
        assert played.exit_code == 0, played.output
        assert re.search(r"grade [1-4]/4", played.output)
    rows = json.loads(runner.invoke(app, ["loop", "status", "--json"]).stdout)
    status = runner.invoke(app, ["loop", "status"])
    for row in rows:
        assert row["id"] in status.output, "the id column is never cut"
    assert all(len(line) <= WIDE for line in status.output.splitlines())
    assert "Single round" in status.output and not raw_ids(status.output)
    first, second = rows[0]["id"], rows[1]["id"]
    common = next(i for i in range(len(first)) if first[i] != second[i])
    shown = runner.invoke(app, ["debrief", "show", first[: common + 1]])
    assert shown.exit_code == 0, shown.output
    assert "Hiring committee debrief" in shown.output and not raw_ids(shown.output)
    if common:
        ambiguous = runner.invoke(app, ["debrief", "show", first[:common]])
        assert ambiguous.exit_code == 1 and "give more of the id" in ambiguous.output


def test_progress_shows_no_trend_from_grades_minutes_apart(runner: CliRunner) -> None:
    for _ in range(3):
        runner.invoke(app, ["practice", "--round", "technical_deep_dive"], input=TDD_ANSWER)
    report = runner.invoke(app, ["progress", "--json"])
    assert all(v is None for v in json.loads(report.stdout)["slopes_per_week"].values())
    text = runner.invoke(app, ["progress"]).output
    assert "per week" in text and "A per-week trend shows once" in text
    assert not re.search(r"[+-]\d+\.\d\d", text)


def test_score_revises_an_answer_and_compares_versions(runner: CliRunner) -> None:
    first = runner.invoke(
        app, ["score", "--question-id", "msd-card-not", "--answer", "We would train a model."]
    )
    assert first.exit_code == 0, first.output
    short = re.search(r"--revises ([0-9a-f]{8})", first.output).group(1)
    second = runner.invoke(
        app,
        ["score", "--revises", short, "--answer", "We would train a model on chargebacks and monitor it."],
    )
    assert second.exit_code == 0, second.output
    assert "Version 2 beside version 1" in second.output and re.search(
        r"grade (\d/4|not graded) → \d/4", second.output
    )
    missing = runner.invoke(app, ["score", "--revises", "zzzz", "--answer", "x"])
    assert missing.exit_code == 1 and "no answer of yours" in missing.output


def test_today_remembers_date_and_role_and_says_what_to_do(runner: CliRunner) -> None:
    first = runner.invoke(app, ["today"])
    assert first.exit_code == 0 and "hireloop today --interview-date" in first.output
    saved = runner.invoke(app, ["today", "--interview-date", "2099-13-01"])
    assert saved.exit_code == 1 and "expected YYYY-MM-DD" in saved.output
    played = runner.invoke(app, ["practice", "--question", "msd-card-not-present-fraud"], input=TDD_ANSWER)
    assert played.exit_code == 0
    doc = json.loads(runner.invoke(app, ["today", "--role", "Senior PM, Fraud ML", "--json"]).stdout)
    assert doc["target_role"] == "Senior PM, Fraud ML"
    assert doc["weakest_round"] == "ml_system_design" and doc["last_debrief"]["decision"]
    text = runner.invoke(app, ["today"]).output
    assert "Senior PM, Fraud ML" in text and "Your last debrief" in text and "--interview-date" not in text
