"""One round: probes follow the gaps, generated when the bank has none, and prompting has a price."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hireloop.assess import default_grader
from hireloop.assess.models import Assessment, CompetencyGrade, Flag
from hireloop.bank.models import Question
from hireloop.interview.probing import FLAG_QUESTIONS, next_probe
from hireloop.interview.round import (
    begin_clock,
    round_score,
    start_round,
    submit_answer,
    submit_probe_answer,
)

QUESTION = Question.model_validate(
    {
        "id": "t-recs",
        "round": "ml_system_design",
        "prompt": "Design recommendations for a podcast app.",
        "difficulty": 2,
        "competencies": ["data_strategy", "evaluation", "lifecycle"],
        "domains": ["recommendations"],
        "rubric": {4: "a" * 20, 3: "b" * 20, 2: "c" * 20, 1: "d" * 20},
        "probes": [
            {
                "text": "Someone installed the app a minute ago. What is on their shelf?",
                "tests": "no_data_strategy",
            },
            {"text": "How would you know the new shelf is better before launch?", "tests": "eval_gap"},
            {"text": "Which design choice here costs you the most latency?", "tests": "technical_depth"},
        ],
    }
)


def assessment(grade: int, flags: list[str], comps: dict[str, int] | None = None) -> Assessment:
    return Assessment(
        status="graded",
        grade=grade,
        engine="rubric",
        engine_version="t",
        flags=[Flag(id=f, reason="r") for f in flags],  # type: ignore[arg-type]
        competencies=[CompetencyGrade(id=c, grade=g) for c, g in (comps or {}).items()],  # type: ignore[arg-type]
    )


def test_bank_probe_for_the_first_raised_flag() -> None:
    choice = next_probe(assessment(2, ["no_lifecycle", "eval_gap"]), QUESTION, [])
    assert choice is not None and choice.text.startswith("How would you know the new shelf")
    assert (choice.tests, choice.source) == ("eval_gap", "bank")


def test_gap_without_a_bank_probe_gets_a_generated_question() -> None:
    choice = next_probe(assessment(2, ["no_lifecycle"]), QUESTION, [])
    assert choice is not None
    assert (choice.text, choice.source) == (FLAG_QUESTIONS["no_lifecycle"], "generated")


def test_covered_competencies_are_never_probed_and_probing_stops() -> None:
    covered = assessment(4, [], {"data_strategy": 4, "evaluation": 3, "lifecycle": 4})
    assert next_probe(covered, QUESTION, []) is None
    weak = assessment(2, [], {"data_strategy": 4, "evaluation": 2})
    choice = next_probe(weak, QUESTION, [])
    assert choice is not None and choice.tests == "evaluation"
    asked = [("a", "x"), ("b", "y"), ("c", "z")]
    assert next_probe(assessment(1, ["eval_gap"]), QUESTION, asked) is None


def test_each_gap_is_probed_once() -> None:
    first = next_probe(assessment(2, ["eval_gap", "no_data_strategy"]), QUESTION, [])
    second = next_probe(
        assessment(2, ["eval_gap", "no_data_strategy"]), QUESTION, [(first.text, first.tests)]
    )
    assert {first.tests, second.tests} == {"eval_gap", "no_data_strategy"}


def test_prompting_costs_less_than_never_closing_more_than_unprompted() -> None:
    main, closed = assessment(2, ["eval_gap"]), assessment(3, [])
    assert round_score(main, main) < round_score(main, closed) < round_score(closed, closed)


def test_a_round_end_to_end_with_the_real_grader() -> None:
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    state = start_round(
        round_id="ml_system_design", question=QUESTION.prompt, question_id=QUESTION.id, now=now, timed=True
    )
    assert state.time_limit_minutes == 45 and state.deadline() == datetime(2026, 11, 26, 12, 45, tzinfo=UTC)
    state = submit_answer(
        state,
        "We would train a model on listening data and A/B test clicks on the shelf.",
        grader=default_grader(),
        question=QUESTION,
    )
    assert state.pending_probe is not None
    while state.pending_probe is not None:
        state = submit_probe_answer(state, "", grader=default_grader(), question=QUESTION)
    assert state.finished and 1 <= len(state.probes) <= 3
    assert state.grade == state.main.grade


def test_naive_time_is_refused_and_clock_starts_once() -> None:
    with pytest.raises(ValueError):
        start_round(round_id="behavioral", question="q", question_id=None, now=datetime(2026, 1, 1))
    state = start_round(round_id="behavioral", question="q", question_id=None, now=None, timed=True)
    started = begin_clock(state, datetime(2026, 1, 1, tzinfo=UTC))
    assert begin_clock(started, datetime(2026, 2, 1, tzinfo=UTC)).started_at == started.started_at
    assert started.time_limit_minutes == 30


def test_an_off_topic_answer_gets_one_redirect_probe() -> None:
    from hireloop.interview.probing import REDIRECT

    off = assessment(1, [])
    choice = next_probe(off, QUESTION, [])
    assert choice is not None and (choice.text, choice.tests) == (REDIRECT, "problem_framing")
    assert next_probe(off, QUESTION, [(REDIRECT, "problem_framing")]) is None
