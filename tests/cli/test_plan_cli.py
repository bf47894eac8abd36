"""``hireloop plan`` and ``hireloop progress`` through Typer's runner with the real store."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar
from typer.testing import CliRunner

from hireloop.cli import app

runner = CliRunner()


def test_plan_json_ical_and_remembered_date(tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    when = (date.today() + timedelta(days=40)).isoformat()
    result = runner.invoke(
        app, ["plan", "--interview-date", when, "--hours-per-week", "5", "--json", "--ical", str(ics)]
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["interview_date"] == when and plan["kind"] == "weeks"
    events = [c for c in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    assert len(events) == sum(len(w["items"]) for w in plan["weeks"])
    again = json.loads(runner.invoke(app, ["plan", "--json"]).stdout)
    assert again["interview_date"] == when and again["hours_per_week"] == 5


def test_plan_without_date_is_a_transition_plan() -> None:
    plan = json.loads(runner.invoke(app, ["plan", "--json"]).stdout)
    assert plan["kind"] == "months" and len(plan["weeks"]) == 12


def test_plan_bad_dates() -> None:
    bad = runner.invoke(app, ["plan", "--interview-date", "next week"])
    assert bad.exit_code == 1 and "expected YYYY-MM-DD" in bad.stderr
    past = runner.invoke(app, ["plan", "--interview-date", "2001-01-01"])
    assert past.exit_code == 1 and "in the past" in past.stderr
    far = runner.invoke(app, ["plan", "--interview-date", "2099-03-01"])
    assert far.exit_code == 1 and "more than two years away" in far.stderr


def test_progress_reflects_a_graded_answer() -> None:
    before = json.loads(runner.invoke(app, ["progress", "--json"]).stdout)
    assert before["answers"] == 0 and all(r["score"] is None for r in before["readiness"])
    scored = runner.invoke(
        app,
        [
            "score",
            "--round",
            "technical_deep_dive",
            "--question",
            "When is PR-AUC better than ROC-AUC?",
            "--answer",
            "When positives are rare, as in fraud at 0.4 percent, ROC-AUC flatters the model "
            "because the false positive rate divides by a huge number of negatives; PR-AUC "
            "and precision at the review capacity show how many alerts are real.",
            "--json",
        ],
    )
    assert scored.exit_code == 0, scored.output
    after = json.loads(runner.invoke(app, ["progress", "--json"]).stdout)
    assert after["answers"] == 1
    assert any(r["evidence"] == 1 for r in after["readiness"])
    text = runner.invoke(app, ["progress"])
    assert "Technical deep-dive" in text.output and "Readiness" in text.output


def test_plan_months_gives_an_eighteen_month_transition_plan_with_its_context() -> None:
    plan = json.loads(runner.invoke(app, ["plan", "--months", "18", "--json"]).stdout)
    assert plan["kind"] == "months" and len(plan["weeks"]) == 18
    assert any("15-30%" in line for line in plan["context"])
    text = runner.invoke(app, ["plan", "--months", "18"]).output
    assert "computer science degree is not required" in " ".join(text.split())
    bad = runner.invoke(app, ["plan", "--months", "15"])
    assert bad.exit_code != 0 and "12 or 18 months long, got 15" in bad.output


def test_plan_process_shows_the_stages_to_an_offer() -> None:
    call = (date.today() - timedelta(days=10)).isoformat()
    doc = json.loads(runner.invoke(app, ["plan", "--process", "--recruiter-call", call, "--json"]).stdout)
    assert doc["typical_weeks"] == [6, 10] and doc["first_call"] == call
    assert doc["current"] == "hiring_manager"
    text = " ".join(runner.invoke(app, ["plan", "--process"]).output.split())
    assert (
        "6 to 10 weeks" in text
        and "Recruiter call" in text
        and "hireloop plan --process --recruiter-call" in text
    )
    bad = runner.invoke(app, ["plan", "--process", "--recruiter-call", "last tuesday"])
    assert bad.exit_code != 0 and "--recruiter-call: expected YYYY-MM-DD, got 'last tuesday'" in bad.output
