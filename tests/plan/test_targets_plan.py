"""One plan toward several target roles: earliest first, shared weaknesses worked on once."""

from __future__ import annotations

from datetime import date

import pytest

from hireloop.plan.planner import build_plan
from hireloop.plan.targets import TargetDeadline, plan_for_targets
from tests.plan.test_planner import strong_except

TODAY = date(2027, 1, 4)
READINESS = strong_except(evaluation=2.0, risk_and_responsibility=1.5, data_strategy=2.0, lifecycle=None)


def test_phases_run_earliest_first_and_share_weaknesses_once() -> None:
    fraud = TargetDeadline(
        id="f",
        name="Fraud PM",
        interview_date=date(2027, 2, 15),
        competencies=["evaluation", "risk_and_responsibility", "ownership_and_leadership"],
    )
    assistant = TargetDeadline(
        id="a",
        name="Assistant PM",
        interview_date=date(2027, 1, 25),
        competencies=["evaluation", "lifecycle", "product_judgment"],
    )
    later = TargetDeadline(id="x", name="Someday PM", interview_date=None, competencies=["data_strategy"])
    result = plan_for_targets(READINESS, [fraud, assistant, later], today=TODAY, hours_per_week=6)
    first, second = result.phases
    assert (first.target_id, second.target_id) == ("a", "f")
    assert first.start == TODAY and first.interview_date == date(2027, 1, 25)
    assert second.start == date(2027, 1, 25) and second.plan.weeks[-1].end == date(2027, 2, 14)
    assert first.focus == ["evaluation", "lifecycle"]  # product judgment is not weak
    assert second.focus == ["risk_and_responsibility"] and second.carried == ["evaluation"]
    assert result.undated == ["Someday PM"]
    assert "Assistant PM on 2027-01-25; Fraud PM on 2027-02-15" in result.summary


def test_focus_moves_a_target_competency_ahead_of_an_equal_weakness() -> None:
    readiness = strong_except(evaluation=2.0, lifecycle=2.0)
    plain = build_plan(readiness, today=TODAY, interview_date=date(2027, 2, 1))
    focused = build_plan(readiness, today=TODAY, interview_date=date(2027, 2, 1), focus=["lifecycle"])
    assert plain.priorities.index("evaluation") < plain.priorities.index("lifecycle")
    assert focused.priorities[0] == "lifecycle"


def test_no_future_date_is_an_error_and_past_dates_are_noted() -> None:
    past = TargetDeadline(id="p", name="Old PM", interview_date=date(2026, 12, 1))
    with pytest.raises(ValueError, match="no target role has an interview date after today"):
        plan_for_targets(READINESS, [past], today=TODAY)
    soon = TargetDeadline(id="s", name="Soon PM", interview_date=date(2027, 1, 20))
    result = plan_for_targets(READINESS, [past, soon], today=TODAY)
    assert result.notes == ["Old PM: the interview date has passed, so it is not scheduled."]
