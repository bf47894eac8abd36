"""Readiness engine: recency weighting, confidence, trends and a monotone overall estimate."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from hireloop.plan.readiness import (
    CompetencyReadiness,
    GradedAnswer,
    competency_readiness,
    grade_points,
    readiness_estimate,
    round_trends,
    trend_slope,
)
from hireloop.vocab import COMPETENCIES

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
TODAY = date(2025, 3, 3)
VERDICT_RANK = {"not ready": 0, "borderline": 1, "ready at the hire bar": 2, "strong": 3}


def answer(days_ago: float, grade: int | None, round_id: str = "ml_system_design", **competencies: int):
    """A graded answer ``days_ago`` days before NOW."""
    return GradedAnswer(
        answered_at=NOW - timedelta(days=days_ago), round=round_id, grade=grade, competencies=competencies
    )


def by_id(readiness: list[CompetencyReadiness]) -> dict[str, CompetencyReadiness]:
    return {r.id: r for r in readiness}


def scored(scores: dict[str, float | None]) -> list[CompetencyReadiness]:
    """Readiness with the given scores (others not assessed), 3 answers of evidence each."""
    out = []
    for c in COMPETENCIES:
        score = scores.get(c)
        out.append(
            CompetencyReadiness(
                id=c,
                score=score,
                evidence=3 if score is not None else 0,
                weight=3.0 if score is not None else 0.0,
                confidence="medium" if score is not None else "none",
                last_seen=NOW if score is not None else None,
            )
        )
    return out


# --------------------------------------------------------------------------- competency_readiness


def test_answer_one_half_life_old_weighs_half() -> None:
    r = by_id(competency_readiness([answer(21, 3, evaluation=3)], NOW))
    assert r["evaluation"].weight == pytest.approx(0.5)
    r = by_id(competency_readiness([answer(42, 3, evaluation=3)], NOW))
    assert r["evaluation"].weight == pytest.approx(0.25)
    r = by_id(competency_readiness([answer(14, 3, evaluation=3)], NOW, half_life_days=7))
    assert r["evaluation"].weight == pytest.approx(0.25)


def test_recency_weighted_mean_is_exact() -> None:
    # weight 1 for the grade 4 today, 0.5 for the grade 1 three weeks ago: (4 + 0.5) / 1.5 = 3.0
    history = [answer(0, 4, evaluation=4), answer(21, 1, evaluation=1)]
    r = by_id(competency_readiness(history, NOW))["evaluation"]
    assert r.score == pytest.approx(3.0)
    assert r.weight == pytest.approx(1.5)
    assert r.evidence == 2
    # A plain mean would be 2.5: recency matters.
    assert by_id(competency_readiness(history, NOW, half_life_days=1e9))["evaluation"].score == pytest.approx(
        2.5
    )


def test_newer_evidence_moves_the_score_more() -> None:
    old_bad = [answer(60, 1, lifecycle=1), answer(1, 4, lifecycle=4)]
    new_bad = [answer(60, 4, lifecycle=4), answer(1, 1, lifecycle=1)]
    assert by_id(competency_readiness(old_bad, NOW))["lifecycle"].score > 3.5
    assert by_id(competency_readiness(new_bad, NOW))["lifecycle"].score < 1.5


def test_very_old_evidence_still_gives_a_score() -> None:
    r = by_id(competency_readiness([answer(365 * 80, 2, evaluation=2)], NOW))["evaluation"]
    assert r.score == pytest.approx(2.0)
    assert r.evidence == 1


def test_all_competencies_in_vocab_order_and_not_assessed_ones_are_empty() -> None:
    result = competency_readiness([answer(2, 3, data_strategy=3)], NOW)
    assert [r.id for r in result] == list(COMPETENCIES)
    for r in result:
        if r.id == "data_strategy":
            assert r.score == 3.0
            assert r.assessed
            continue
        assert r.score is None
        assert r.evidence == 0
        assert r.weight == 0.0
        assert r.confidence == "none"
        assert r.last_seen is None
        assert not r.assessed


def test_empty_history_assesses_nothing() -> None:
    assert all(r.score is None for r in competency_readiness([], NOW))


def test_unscorable_answers_are_ignored() -> None:
    history = [answer(1, None, evaluation=1), answer(3, 4, evaluation=4)]
    r = by_id(competency_readiness(history, NOW))["evaluation"]
    assert r.score == 4.0
    assert r.evidence == 1


@pytest.mark.parametrize(
    ("count", "level"),
    [(0, "none"), (1, "low"), (2, "low"), (3, "medium"), (5, "medium"), (6, "high"), (20, "high")],
)
def test_confidence_from_evidence_counts(count: int, level: str) -> None:
    history = [answer(i, 3, evaluation=3) for i in range(count)]
    assert by_id(competency_readiness(history, NOW))["evaluation"].confidence == level


def test_last_seen_is_the_newest_answer_whatever_the_input_order() -> None:
    history = [answer(10, 3, evaluation=3), answer(2, 2, evaluation=2), answer(5, 4, evaluation=4)]
    forward = competency_readiness(history, NOW)
    backward = competency_readiness(list(reversed(history)), NOW)
    assert forward == backward
    assert by_id(forward)["evaluation"].last_seen == NOW - timedelta(days=2)


def test_answers_after_now_weigh_one() -> None:
    r = by_id(competency_readiness([answer(-3, 2, evaluation=2)], NOW))["evaluation"]
    assert r.weight == 1.0


def test_other_time_zones_are_compared_as_instants() -> None:
    plus2 = timezone(timedelta(hours=2))
    when = (NOW - timedelta(days=21)).astimezone(plus2)
    history = [GradedAnswer(answered_at=when, round="behavioral", grade=3, competencies={"evaluation": 3})]
    assert by_id(competency_readiness(history, NOW))["evaluation"].weight == pytest.approx(0.5)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        competency_readiness([], datetime(2025, 3, 3, 12, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        GradedAnswer(answered_at=datetime(2025, 3, 1), round="behavioral", grade=3, competencies={})


@pytest.mark.parametrize(
    "kwargs",
    [
        {"round": "coding", "grade": 3, "competencies": {}},
        {"round": "behavioral", "grade": 5, "competencies": {}},
        {"round": "behavioral", "grade": 0, "competencies": {}},
        {"round": "behavioral", "grade": 3, "competencies": {"charisma": 3}},
        {"round": "behavioral", "grade": 3, "competencies": {"evaluation": 7}},
    ],
)
def test_bad_answers_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        GradedAnswer(answered_at=NOW, **kwargs)


def test_half_life_must_be_positive() -> None:
    with pytest.raises(ValueError):
        competency_readiness([], NOW, half_life_days=0)


# --------------------------------------------------------------------------- trends


def test_round_trends_are_time_ordered_per_round_and_skip_unscorable() -> None:
    history = [
        answer(1, 3, "ml_system_design"),
        answer(9, 1, "ml_system_design"),
        answer(5, None, "ml_system_design"),
        answer(4, 2, "behavioral"),
        answer(2, None, "responsible_ai"),
    ]
    trends = round_trends(history)
    assert list(trends) == ["ml_system_design", "behavioral"]
    assert trends["ml_system_design"] == [(NOW - timedelta(days=9), 1), (NOW - timedelta(days=1), 3)]
    assert trends["behavioral"] == [(NOW - timedelta(days=4), 2)]


def test_trend_slope_is_least_squares_grade_per_week() -> None:
    weekly = [(NOW + timedelta(weeks=i), g) for i, g in enumerate([1, 2, 3])]
    assert trend_slope(weekly) == pytest.approx(1.0)
    # x = 0, 1, 3 weeks; y = 2, 2, 4: slope = (30/9) / (42/9) = 5/7
    irregular = [(NOW, 2), (NOW + timedelta(weeks=1), 2), (NOW + timedelta(weeks=3), 4)]
    assert trend_slope(irregular) == pytest.approx(5 / 7)
    falling = [(NOW, 4), (NOW + timedelta(days=14), 2)]
    assert trend_slope(falling) == pytest.approx(-1.0)


def test_trend_slope_needs_two_distinct_times() -> None:
    assert trend_slope([]) is None
    assert trend_slope([(NOW, 3)]) is None
    assert trend_slope([(NOW, 3), (NOW, 1)]) is None


# --------------------------------------------------------------------------- readiness_estimate


def test_grade_points_anchor_the_hire_bar() -> None:
    assert [grade_points(g) for g in (1, 2, 3, 4)] == [0.0, 37.5, 75.0, 100.0]


def test_estimate_at_the_hire_bar_and_above() -> None:
    at_bar = readiness_estimate(scored(dict.fromkeys(COMPETENCIES, 3.0)), None, None, TODAY)
    assert at_bar.overall == 75.0
    assert at_bar.verdict == "ready at the hire bar"
    assert at_bar.blockers == []
    top = readiness_estimate(scored(dict.fromkeys(COMPETENCIES, 4.0)), None, None, TODAY)
    assert (top.overall, top.verdict) == (100.0, "strong")
    low = readiness_estimate(scored(dict.fromkeys(COMPETENCIES, 2.0)), None, None, TODAY)
    assert (low.overall, low.verdict) == (37.5, "not ready")


def test_competencies_without_evidence_are_penalised() -> None:
    scores: dict[str, float | None] = dict.fromkeys(COMPETENCIES, 4.0)
    scores["lifecycle"] = None
    estimate = readiness_estimate(scored(scores), None, None, TODAY)
    assert estimate.overall == 87.5  # 7 x 100 + 0, over 8
    assert estimate.not_assessed == ["lifecycle"]
    assert estimate.assessed == 7
    assert estimate.verdict == "borderline"  # would be "ready" without the weakest-link rule
    assert "Lifecycle" in estimate.summary
    nothing = readiness_estimate(scored({}), None, None, TODAY)
    assert (nothing.overall, nothing.verdict, nothing.assessed) == (0.0, "not ready", 0)


def test_a_failed_competency_caps_the_verdict() -> None:
    scores: dict[str, float | None] = dict.fromkeys(COMPETENCIES, 4.0)
    scores["data_strategy"] = 2.0
    estimate = readiness_estimate(scored(scores), None, None, TODAY)
    assert estimate.overall >= 90
    assert estimate.verdict == "borderline"
    assert estimate.blockers == ["data_strategy"]


def test_drill_retention_takes_a_tenth() -> None:
    at_bar = scored(dict.fromkeys(COMPETENCIES, 3.0))
    assert readiness_estimate(at_bar, 1.0, None, TODAY).overall == pytest.approx(77.5)
    assert readiness_estimate(at_bar, 0.0, None, TODAY).overall == pytest.approx(67.5)
    with pytest.raises(ValueError):
        readiness_estimate(at_bar, 1.5, None, TODAY)


def test_estimate_is_monotone_in_every_grade() -> None:
    rng = random.Random(7)
    levels: list[float | None] = [None, 1.0, 1.5, 2.0, 2.4, 2.5, 3.0, 3.3, 3.5, 4.0]
    for _ in range(400):
        scores = {c: rng.choice(levels) for c in COMPETENCIES}
        retention = rng.choice([None, 0.0, 0.4, 0.9])
        interview = rng.choice([None, TODAY + timedelta(days=30)])
        base = readiness_estimate(scored(scores), retention, interview, TODAY)
        c = rng.choice(list(COMPETENCIES))
        current = scores[c]
        better = [lvl for lvl in levels[1:] if current is None or lvl > current]
        if not better:
            continue
        improved = readiness_estimate(scored({**scores, c: rng.choice(better)}), retention, interview, TODAY)
        assert improved.overall >= base.overall
        assert VERDICT_RANK[improved.verdict] >= VERDICT_RANK[base.verdict]
        if interview is not None:
            assert improved.projected >= base.projected


def test_estimate_is_monotone_in_retention() -> None:
    readiness = scored({"evaluation": 3.0, "lifecycle": 2.0})
    figures = [readiness_estimate(readiness, r / 10, None, TODAY).overall for r in range(11)]
    assert figures == sorted(figures)


def test_projection_with_an_interview_date() -> None:
    readiness = scored(dict.fromkeys(COMPETENCIES, 3.0))
    estimate = readiness_estimate(readiness, None, TODAY + timedelta(days=14), TODAY)
    assert estimate.days_left == 14
    # 100 - 25 * 0.9 ** 2 = 79.75
    assert estimate.projected == pytest.approx(79.75, abs=0.051)
    assert estimate.projected > estimate.overall
    assert "14 days" in estimate.summary
    no_date = readiness_estimate(readiness, None, None, TODAY)
    assert no_date.days_left is None and no_date.projected is None


def test_past_interview_has_no_projection() -> None:
    estimate = readiness_estimate(scored({}), None, TODAY - timedelta(days=3), TODAY)
    assert estimate.days_left == -3
    assert estimate.projected is None
    assert "ago" in estimate.summary


def test_estimate_refuses_datetimes_and_duplicates() -> None:
    with pytest.raises(TypeError):
        readiness_estimate(scored({}), None, None, NOW)
    twice = scored({"evaluation": 3.0}) + scored({"evaluation": 3.0})[:1]
    with pytest.raises(ValueError, match="twice"):
        readiness_estimate(twice, None, None, TODAY)


def test_the_latest_loop_decision_caps_readiness_and_says_so() -> None:
    from hireloop.plan.readiness import LOOP_DECISION_CAPS, LoopOutcome

    near_hire_bar = scored(dict.fromkeys(COMPETENCIES, 2.9))
    plain = readiness_estimate(near_hire_bar, None, TODAY + timedelta(days=56), TODAY)
    assert plain.overall > 60 and plain.verdict == "borderline"
    for decision, cap in LOOP_DECISION_CAPS.items():
        after = readiness_estimate(
            near_hire_bar,
            None,
            TODAY + timedelta(days=56),
            TODAY,
            latest_loop=LoopOutcome(decided_at=NOW, decision=decision),
        )
        assert after.overall == cap and after.verdict == "not ready" and after.capped_by_loop
        assert after.projected < plain.projected
        assert "caps readiness at" in after.summary and "2025-03-03" in after.summary
    hired = readiness_estimate(
        near_hire_bar, None, None, TODAY, latest_loop=LoopOutcome(decided_at=NOW, decision="hire")
    )
    assert hired.overall == plain.overall and not hired.capped_by_loop
    assert "was decided Hire" in hired.summary


def test_no_weekly_trend_until_the_span_supports_one() -> None:
    from hireloop.plan.readiness import weekly_trend

    minutes_apart = [(NOW + timedelta(minutes=i), g) for i, g in enumerate((1, 2, 4))]
    assert trend_slope(minutes_apart) > 1000  # the raw slope explodes over minutes
    assert weekly_trend(minutes_apart) is None
    two_weeks = [(NOW + timedelta(days=7 * i), g) for i, g in enumerate((1, 2, 3))]
    assert weekly_trend(two_weeks) == pytest.approx(1.0)
    assert weekly_trend(two_weeks[:2]) is None
