"""The hiring process view: stages from the first recruiter call to an offer, 6-10 weeks in all."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hireloop.plan.process import hiring_process


def test_undated_process_lists_the_stages_in_order_over_six_to_ten_weeks() -> None:
    process = hiring_process(today=date(2026, 12, 2))
    assert process.typical_weeks == (6, 10)
    assert [s.name for s in process.stages] == [
        "Recruiter call",
        "Hiring manager screen",
        "Case or technical screen",
        "Interview loop",
        "Debrief and hiring committee",
        "Team match, references and offer",
    ]
    assert process.stages[0].first_week == 0 and process.stages[-1].last_week == 10
    firsts = [s.first_week for s in process.stages]
    assert firsts == sorted(firsts)
    assert all(s.start is None for s in process.stages) and process.current is None
    assert "6 to 10 weeks" in process.summary and "as reported in 2025" in process.source
    assert "behavioral" in process.stages[0].rounds and "ml_system_design" in process.stages[3].rounds


def test_a_recruiter_call_date_dates_every_stage_and_marks_where_you_are() -> None:
    process = hiring_process(today=date(2026, 12, 2), first_call=date(2026, 11, 10))
    call = process.stages[0]
    assert (call.start, call.end) == (date(2026, 11, 10), date(2026, 11, 16))
    offer = process.stages[-1]
    assert (offer.start, offer.end) == (date(2026, 12, 22), date(2027, 1, 18))
    assert process.current == "onsite"  # week 3 of the process: the loop has usually started
    assert "between 22 Dec 2026 and 19 Jan 2027" in process.summary


def test_a_window_that_has_passed_says_to_ask_the_recruiter() -> None:
    process = hiring_process(today=date(2026, 12, 2), first_call=date(2026, 6, 1))
    assert process.current is None and "ask the recruiter" in process.summary


def test_text_and_datetimes_are_refused() -> None:
    with pytest.raises(TypeError):
        hiring_process(today="2026-12-02")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hiring_process(today=date(2026, 12, 2), first_call=datetime(2026, 11, 10, 9, 0))
