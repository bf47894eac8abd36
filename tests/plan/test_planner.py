"""Study planner: weakest first, final-week loops, taper before the interview, weekly hours, transition."""

from __future__ import annotations

import math
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from hireloop.plan.planner import (
    PREPARATION_AREAS,
    PlanItem,
    StudyPlan,
    build_plan,
)
from hireloop.plan.readiness import CompetencyReadiness
from hireloop.vocab import COMPETENCIES

TODAY = date(2025, 3, 3)
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def scored(scores: dict[str, float | None]) -> list[CompetencyReadiness]:
    """Readiness with the given scores (others not assessed), 3 answers of evidence each."""
    return [
        CompetencyReadiness(
            id=c,
            score=scores.get(c),
            evidence=3 if scores.get(c) is not None else 0,
            weight=3.0 if scores.get(c) is not None else 0.0,
            confidence="medium" if scores.get(c) is not None else "none",
            last_seen=NOW if scores.get(c) is not None else None,
        )
        for c in COMPETENCIES
    ]


def strong_except(**weak: float | None) -> list[CompetencyReadiness]:
    """Every competency at 3.5 except the ones given."""
    return scored({**dict.fromkeys(COMPETENCIES, 3.5), **weak})


def plan_in(days: int, readiness: list[CompetencyReadiness] | None = None, **kwargs) -> StudyPlan:
    readiness = readiness if readiness is not None else strong_except(evaluation=1.5)
    return build_plan(readiness, today=TODAY, interview_date=TODAY + timedelta(days=days), **kwargs)


def mocks(plan: StudyPlan) -> list[PlanItem]:
    return [i for i in plan.items if i.kind == "mock_round"]


# --------------------------------------------------------------------------- weakest first, adaptation


def test_weakest_competency_is_scheduled_first() -> None:
    plan = plan_in(35, strong_except(evaluation=1.5, lifecycle=2.5))
    assert plan.priorities[:2] == ["evaluation", "lifecycle"]
    first = mocks(plan)[0]
    assert first.competency == "evaluation"
    assert first.round == "technical_deep_dive"
    assert first.day == min(i.day for i in plan.items if i.kind != "rest")
    first_study = next(i for i in plan.items if i.kind == "study")
    assert first_study.competency == "evaluation"


def test_competencies_without_evidence_count_as_weak() -> None:
    plan = plan_in(35, strong_except(lifecycle=None, data_strategy=2.8))
    assert mocks(plan)[0].competency == "lifecycle"
    assert mocks(plan)[0].round == "ml_system_design"
    assert "Lifecycle" in plan.summary


def test_a_measured_grade_one_ranks_ahead_of_no_evidence() -> None:
    plan = plan_in(35, strong_except(product_judgment=None, risk_and_responsibility=1.0))
    assert plan.priorities[:2] == ["risk_and_responsibility", "product_judgment"]


def test_the_weakest_gets_the_most_mock_rounds() -> None:
    plan = plan_in(42, strong_except(data_strategy=1.2, evaluation=2.6))
    counts = Counter(i.competency for i in mocks(plan))
    assert counts["data_strategy"] == max(counts.values())
    assert counts["data_strategy"] > counts["product_judgment"]
    assert counts["evaluation"] >= counts["product_judgment"]


def test_each_mock_round_lowers_the_need_of_its_competency() -> None:
    # Needs: data strategy 2.8, evaluation 1.4, the rest 0.5; each round lowers its target's need by 1.
    plan = plan_in(42, strong_except(data_strategy=1.2, evaluation=2.6))
    assert [i.competency for i in mocks(plan)[:6]] == [
        "data_strategy",
        "data_strategy",
        "evaluation",
        "data_strategy",
        "problem_framing",
        "technical_depth",
    ]


def test_plan_changes_when_readiness_changes() -> None:
    weak_risk = plan_in(28, strong_except(risk_and_responsibility=1.5))
    weak_story = plan_in(28, strong_except(ownership_and_leadership=1.5))
    assert weak_risk.priorities[0] == "risk_and_responsibility"
    assert weak_story.priorities[0] == "ownership_and_leadership"
    assert mocks(weak_risk)[0].round == "responsible_ai"
    assert mocks(weak_story)[0].round == "behavioral"
    assert weak_risk.weeks[0].focus != weak_story.weeks[0].focus
    assert weak_risk.model_dump(mode="json") != weak_story.model_dump(mode="json")


def test_evaluation_rounds_alternate_between_the_rounds_that_test_it() -> None:
    plan = plan_in(42, strong_except(evaluation=1.0))
    rounds = [i.round for i in mocks(plan) if i.competency == "evaluation"]
    assert rounds[:2] == ["technical_deep_dive", "ml_system_design"]


# --------------------------------------------------------------------------- loops, taper, rest


@pytest.mark.parametrize("days", [14, 20, 35])
def test_full_mock_loop_in_each_of_the_final_two_weeks(days: int) -> None:
    plan = plan_in(days)
    assert plan.kind == "weeks"
    loops_per_week = [sum(1 for i in w.items if i.kind == "loop") for w in plan.weeks]
    assert loops_per_week[-2:] == [1, 1]
    assert sum(loops_per_week[:-2]) == 0
    assert all(i.title == "Full mock loop" for i in plan.items if i.kind == "loop")
    interview = TODAY + timedelta(days=days)
    last_loop = max(i.day for i in plan.items if i.kind == "loop")
    assert interview - timedelta(days=7) <= last_loop < interview - timedelta(days=2)


@pytest.mark.parametrize("days", [7, 10, 13])
def test_short_runway_gets_one_loop(days: int) -> None:
    plan = plan_in(days)
    loops = [i for i in plan.items if i.kind == "loop"]
    assert len(loops) == 1
    assert loops[0] in plan.weeks[-1].items


def test_under_a_week_is_a_compressed_plan() -> None:
    plan = plan_in(5)
    assert len(plan.weeks) == 1
    assert plan.weeks[0].focus.startswith("Compressed plan")
    assert plan.weeks[0].start == TODAY
    assert plan.weeks[0].end == TODAY + timedelta(days=4)
    assert all(i.title != "Full mock loop" for i in plan.items)
    assert mocks(plan)[0].competency == "evaluation"


def test_weeks_are_contiguous_and_end_the_day_before_the_interview() -> None:
    plan = plan_in(30)
    assert plan.weeks[0].start == TODAY
    assert plan.weeks[-1].end == TODAY + timedelta(days=29)
    for before, after in zip(plan.weeks, plan.weeks[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    assert all((w.end - w.start).days + 1 == 7 for w in plan.weeks[1:])
    for week in plan.weeks:
        assert all(week.start <= i.day <= week.end for i in week.items)


@pytest.mark.parametrize("days", [1, 2, 3, 4, 6, 7, 8, 13, 14, 20, 35, 90])
def test_rest_the_day_before_and_only_a_light_review_before_that(days: int) -> None:
    interview = TODAY + timedelta(days=days)
    plan = plan_in(days)
    by_day: dict[date, list[PlanItem]] = {}
    for item in plan.items:
        by_day.setdefault(item.day, []).append(item)
    rest = by_day[interview - timedelta(days=1)]
    assert [(i.kind, i.minutes) for i in rest] == [("rest", 0)]
    if days >= 2:
        review = by_day[interview - timedelta(days=2)]
        assert [(i.kind, i.title) for i in review] == [("study", "Light review")]
    assert all(TODAY <= i.day < interview for i in plan.items)


def test_items_are_spread_through_the_week() -> None:
    plan = plan_in(35)
    for week in plan.weeks[:-2]:
        days = {i.day for i in week.items}
        assert len(days) >= 5
        mock_days = [i.day for i in week.items if i.kind == "mock_round"]
        assert len(mock_days) == len(set(mock_days))


# --------------------------------------------------------------------------- hours


@pytest.mark.parametrize("hours", [1, 2.5, 4, 6, 12, 30])
@pytest.mark.parametrize("days", [3, 6, 12, 20, 50])
def test_hours_per_week_are_respected(hours: float, days: int) -> None:
    plan = plan_in(days, hours_per_week=hours, drill_due=200)
    for week in plan.weeks:
        length = (week.end - week.start).days + 1
        assert week.budget_minutes == math.floor(hours * 60 * min(length, 7) / 7)
        assert sum(i.minutes for i in week.items) <= week.budget_minutes <= hours * 60


def test_a_full_week_uses_most_of_its_hours() -> None:
    plan = plan_in(35, hours_per_week=6)
    for week in plan.weeks:
        assert week.minutes >= 0.8 * week.budget_minutes


def test_too_few_hours_for_a_loop_says_so() -> None:
    plan = plan_in(21, hours_per_week=2)
    assert not [i for i in plan.items if i.kind == "loop"]
    assert any("loop" in note for note in plan.notes)


def test_drill_backlog_sizes_the_first_drill() -> None:
    plan = plan_in(21, drill_due=40)
    first = next(i for i in plan.items if i.kind == "drill")
    assert first.minutes == 20  # 40 cards at 30 seconds
    assert "40 cards" in first.detail
    assert all(i.minutes == 15 for i in plan.items if i.kind == "drill" and i is not first)


# --------------------------------------------------------------------------- validation and form


def test_past_or_same_day_interview_is_refused() -> None:
    with pytest.raises(ValueError, match="past"):
        plan_in(-1)
    with pytest.raises(ValueError, match="today"):
        plan_in(0)


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(TypeError):
        build_plan([], today=NOW, interview_date=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        plan_in(20, hours_per_week=0)
    with pytest.raises(ValueError):
        plan_in(20, drill_due=-1)


def test_plan_is_deterministic_and_round_trips_through_json() -> None:
    plan = plan_in(24, drill_due=12)
    assert plan == plan_in(24, drill_due=12)
    data = plan.model_dump(mode="json")
    assert data["kind"] == "weeks"
    assert data["interview_date"] == "2025-03-27"
    assert data["generated_for"] == data["today"] == "2025-03-03"
    assert isinstance(data["weeks"][0]["items"][0]["day"], str)
    assert StudyPlan.model_validate(data) == plan


def test_empty_readiness_treats_everything_as_weak() -> None:
    plan = plan_in(21, [])
    assert plan.priorities == list(COMPETENCIES)
    assert mocks(plan)[0].competency == "problem_framing"


# --------------------------------------------------------------------------- transition plan


def transition(readiness: list[CompetencyReadiness] | None = None, **kwargs) -> StudyPlan:
    readiness = readiness if readiness is not None else strong_except(risk_and_responsibility=1.5)
    return build_plan(readiness, today=TODAY, interview_date=None, **kwargs)


def test_transition_plan_covers_twelve_months() -> None:
    plan = transition()
    assert plan.kind == "months"
    assert plan.interview_date is None
    assert len(plan.weeks) == 12
    assert plan.weeks[0].start == TODAY
    assert plan.weeks[-1].end == date(2026, 3, 2)
    for before, after in zip(plan.weeks, plan.weeks[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    assert "12 to 18 months" in plan.summary
    for month in plan.weeks:
        assert month.goals
        assert month.items
        assert all(month.start <= i.day <= month.end for i in month.items)


def test_transition_plan_covers_every_preparation_area_each_with_a_month_or_monthly_thread() -> None:
    plan = transition()
    areas = {i.area for i in plan.items if i.area}
    assert areas == set(PREPARATION_AREAS)
    focused = " ".join(m.focus for m in plan.weeks)
    for area, label in PREPARATION_AREAS.items():
        if area != "networking":
            assert label in focused
    assert all(any(i.area == "networking" for i in m.items) for m in plan.weeks)


def test_transition_plan_puts_the_weakest_area_first() -> None:
    risk = transition(strong_except(risk_and_responsibility=1.5))
    stories = transition(strong_except(ownership_and_leadership=1.2))
    assert risk.weeks[0].focus == "Month 1: A point of view on responsible AI"
    assert stories.weeks[0].focus == "Month 1: Your own AI stories"
    assert {i.round for i in stories.weeks[0].items if i.kind == "mock_round"} == {
        "behavioral",
        "portfolio_bullet",
    }
    assert risk.model_dump(mode="json") != stories.model_dump(mode="json")


def test_transition_plan_ends_with_loop_practice() -> None:
    plan = transition()
    loops = [sum(1 for i in m.items if i.kind == "loop") for m in plan.weeks]
    assert sum(loops[:8]) == 0
    assert all(n >= 1 for n in loops[8:])
    assert loops[-1] >= loops[-3]


@pytest.mark.parametrize("hours", [1, 6, 15])
def test_transition_months_respect_hours(hours: float) -> None:
    plan = transition(hours_per_week=hours)
    for month in plan.weeks:
        length = (month.end - month.start).days + 1
        assert month.minutes <= month.budget_minutes <= hours * 60 * length / 7


def test_a_cached_plan_is_the_plan_and_keys_on_what_the_plan_reads() -> None:
    """The cache keys on each competency's id and score: a plan must not depend on anything else in
    the readiness (evidence, weight, last seen), or the cache would serve a stale plan."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from hireloop.plan.planner import cached_plan, clear_plan_cache
    from hireloop.plan.readiness import CompetencyReadiness

    base = [
        CompetencyReadiness(c, 1.0 + i % 4 * 0.7, 3, 0.5, "low", datetime(2026, 1, 5, tzinfo=UTC))
        for i, c in enumerate(COMPETENCIES)
    ]
    other = [replace(r, evidence=40, weight=0.01, confidence="high", last_seen=None) for r in base]
    today = date(2026, 3, 2)
    for when in (None, date(2026, 5, 4)):
        assert build_plan(base, today=today, interview_date=when) == build_plan(
            other, today=today, interview_date=when
        )
        clear_plan_cache()
        first = cached_plan(base, today=today, interview_date=when, hours_per_week=5, drill_due=3)
        assert first == build_plan(base, today=today, interview_date=when, hours_per_week=5, drill_due=3)
        assert cached_plan(other, today=today, interview_date=when, hours_per_week=5, drill_due=3) is first
        stronger = [replace(base[0], score=3.9), *base[1:]]
        changed = cached_plan(stronger, today=today, interview_date=when, hours_per_week=5, drill_due=3)
        assert changed is not first
        assert cached_plan(base, today=today + timedelta(days=1), interview_date=when) != first


@pytest.mark.parametrize("days", [None, 3, 20, 300])
def test_every_plan_is_valid_as_its_model_says(days) -> None:
    """What the planner builds (and the cache shares) round-trips through its own model."""
    from hireloop.plan.planner import StudyPlan

    today = date(2026, 3, 2)
    when = today + timedelta(days=days) if days else None
    plan = build_plan([], today=today, interview_date=when, drill_due=7)
    assert StudyPlan.model_validate(plan.model_dump()) == plan


def test_an_eighteen_month_transition_plan_gives_each_area_more_time() -> None:
    short, long = transition(), transition(transition_months=18)
    assert len(long.weeks) == 18 and long.weeks[-1].end == date(2026, 9, 2)
    learning = [m.focus for m in long.weeks if "Integrate" not in m.focus and "Loop" not in m.focus]
    learning = [f for f in learning if "Interview season" not in f]
    assert len(learning) == 12 and len([m for m in short.weeks if "Month 9:" in m.focus]) == 1
    assert long.weeks[0].focus == long.weeks[2].focus.replace(" (continued)", "").replace(
        "Month 3", "Month 1"
    )
    assert long.weeks[12].focus == "Month 13: Integrate every area; first full mock loop"
    assert [m.focus.split(": ")[1] for m in long.weeks[13:]] == ["Loop practice and applications"] * 3 + [
        "Interview season"
    ] * 2
    assert "covers all 18 months" in long.summary and "covers the first 12 months" in short.summary
    assert all(any(i.area == "networking" for i in m.items) for m in long.weeks)


def test_a_transition_plan_says_what_the_move_involves_with_sources() -> None:
    context = " ".join(transition().context)
    assert "computer science degree is not required" in context
    assert "15-30%" in context and "as reported in 2025" in context
    assert "Total compensation" in context and "source:" in context
    assert build_plan([], today=TODAY, interview_date=TODAY + timedelta(days=30)).context == []


def test_a_transition_plan_is_twelve_or_eighteen_months() -> None:
    with pytest.raises(ValueError, match="12 or 18 months long, got 15"):
        transition(transition_months=15)
