"""Study plans from readiness: week by week to an interview date, or a 12- or 18-month transition plan.

Pure: the caller passes readiness, today's date and the interview date; the same input always gives
the same plan. ``plan_to_ical`` renders a plan as an iCalendar file (needs the ``icalendar`` package).
"""

from __future__ import annotations

import calendar
import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import zip_longest
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hireloop.plan.readiness import CompetencyReadiness
from hireloop.vocab import COMPETENCIES, COMPETENCY_LABELS, ROUNDS, CompetencyId, RoundId

__all__ = [
    "AREA_COMPETENCIES",
    "AREA_ROUNDS",
    "COMPETENCY_AREA",
    "COMPETENCY_ROUNDS",
    "DRILL_MINUTES",
    "EXERCISE_MINUTES",
    "LOOP_ROUNDS",
    "MOCK_MINUTES",
    "PREPARATION_AREAS",
    "REVIEW_MINUTES",
    "STUDY_MINUTES",
    "TRANSITION_CONTEXT",
    "TRANSITION_LENGTHS",
    "TRANSITION_MONTHS",
    "AreaId",
    "ItemKind",
    "PlanItem",
    "PlanWeek",
    "StudyPlan",
    "build_plan",
    "cached_plan",
    "clear_plan_cache",
    "plan_to_ical",
]

ItemKind = Literal["mock_round", "loop", "drill", "exercise", "study", "rest"]
AreaId = Literal[
    "ml_fundamentals",
    "ml_system_design",
    "responsible_ai",
    "product_sense_ai_lens",
    "ai_stories",
    "networking",
]

# The preparation areas of docs/DOMAIN.md ("Preparation, as a plan").
PREPARATION_AREAS: dict[str, str] = {
    "ml_fundamentals": "ML fundamentals",
    "ml_system_design": "ML system design",
    "responsible_ai": "A point of view on responsible AI",
    "product_sense_ai_lens": "Product sense through an AI lens",
    "ai_stories": "Your own AI stories",
    "networking": "Networking with working AI PMs",
}
# Which competencies each area builds (networking builds none directly; it runs every month).
AREA_COMPETENCIES: dict[str, tuple[str, ...]] = {
    "ml_fundamentals": ("problem_framing", "technical_depth", "evaluation"),
    "ml_system_design": ("data_strategy", "lifecycle"),
    "responsible_ai": ("risk_and_responsibility",),
    "product_sense_ai_lens": ("product_judgment",),
    "ai_stories": ("ownership_and_leadership",),
    "networking": (),
}
COMPETENCY_AREA: dict[str, str] = {c: a for a, cs in AREA_COMPETENCIES.items() for c in cs}
AREA_ROUNDS: dict[str, tuple[str, ...]] = {
    "ml_fundamentals": ("technical_deep_dive",),
    "ml_system_design": ("ml_system_design",),
    "responsible_ai": ("responsible_ai",),
    "product_sense_ai_lens": ("ai_product_sense",),
    "ai_stories": ("behavioral", "portfolio_bullet"),
    "networking": (),
}
# The round that tests a competency best, alternates after it (used in turn).
COMPETENCY_ROUNDS: dict[str, tuple[str, ...]] = {
    "problem_framing": ("ai_product_sense", "ml_system_design"),
    "technical_depth": ("ml_system_design", "technical_deep_dive"),
    "data_strategy": ("ml_system_design",),
    "evaluation": ("technical_deep_dive", "ml_system_design"),
    "risk_and_responsibility": ("responsible_ai", "ai_product_sense"),
    "lifecycle": ("ml_system_design",),
    "product_judgment": ("ai_product_sense",),
    "ownership_and_leadership": ("behavioral", "portfolio_bullet"),
}
STUDY_TOPICS: dict[str, str] = {
    "problem_framing": "Turn five business goals into ML problems: the task type (classification, "
    "regression, ranking, clustering), the learning paradigm, and when rules or a simple statistical "
    "model would do.",
    "technical_depth": "Model families and their trade-offs: collaborative filtering vs content-based for "
    "cold start, gradient-boosted trees vs a deep re-ranker, model size vs latency, build vs buy.",
    "data_strategy": "Data stories beside user stories: sources, labeling, quality, bias in training sets, "
    "cold-start data and feedback loops.",
    "evaluation": "Offline metrics (precision, recall, F1, AUC, RMSE, NDCG) vs online experiments, metrics "
    "that fit the cost of errors, and human review with a rubric for generative output.",
    "risk_and_responsibility": "Your point of view on responsible AI, applied to one product: fairness "
    "metrics, privacy and consent, explainability, guardrails, hallucination and human escalation.",
    "lifecycle": "Life after launch: monitoring, drift, retraining cadence, graceful degradation, and "
    "prioritising uncertainty beside features.",
    "product_judgment": "Re-run a product sense question through an AI lens: design around the model's "
    "capabilities and limits (AI-native, not bolted on) and prioritise under uncertainty.",
    "ownership_and_leadership": "Write up your own AI stories: where you defined a capability, managed "
    "data, handled a constraint, disagreed, or recovered from a setback.",
}
NETWORKING_GOALS: tuple[str, ...] = (
    "List 15 working AI PMs (former colleagues, alumni, meetup speakers) and write to five of them.",
    "Hold two conversations with working AI PMs: ask how their last model launch was evaluated.",
    "Ask one AI PM to run a mock ML system design round with you and compare notes with hireloop's debrief.",
    "Join one AI product community or meetup and share a write-up of something you learned.",
)
# The five-round loop shape of interview/loop.py: every round type a real loop contains.
LOOP_ROUNDS: tuple[str, ...] = (
    "ml_system_design",
    "ai_product_sense",
    "technical_deep_dive",
    "responsible_ai",
    "behavioral",
)

MOCK_MINUTES = 45
DRILL_MINUTES = 15
EXERCISE_MINUTES = 20
STUDY_MINUTES = 30
TRANSITION_STUDY_MINUTES = 60
NETWORKING_MINUTES = 45
REVIEW_MINUTES = 30
MAX_DRILL_MINUTES = 45
SECONDS_PER_CARD = 30  # assumption used to size the first drill session from the due count
LOOP_ROUND_MINUTES = (45, 30)  # a full loop at interview length, else a shortened one
COMPRESSED_LOOP_ROUNDS = 3
TRANSITION_MONTHS = 12
TRANSITION_LENGTHS = (12, 18)
TRANSITION_TAIL = {12: 4, 18: 6}
_WORDS = {3: "three", 5: "five"}
"""Months after the learning phase: one to integrate, then loop practice, then interview season."""
# Context a transition plan shows: facts about the move, each with where it comes from and when.
TRANSITION_CONTEXT = (
    "A computer science degree is not required. AI product manager roles ask for judgement about models, "
    "data and evaluation, and experienced PMs build it through shipped work, projects and study.",
    "Pay: AI product manager roles are commonly reported to pay about 15-30% more than comparable general "
    "product manager roles (source: industry salary surveys and compensation reports, as reported in 2025).",
    "Total compensation: published ranges vary widely by level, company and location. Check current, "
    "level-by-company figures on self-reported compensation sites and in recruiters' published salary "
    "guides rather than one headline number (source: those sites and guides, as reported in 2025).",
)
MIN_HOURS, MAX_HOURS = 1.0, 80.0


class PlanItem(BaseModel):
    """One scheduled activity on one day; ``minutes`` counts against the weekly hours."""

    model_config = ConfigDict(extra="forbid")

    kind: ItemKind
    title: str
    detail: str
    minutes: int = Field(ge=0)
    competency: CompetencyId | None = None
    round: RoundId | None = None
    day: date
    area: AreaId | None = None


class PlanWeek(BaseModel):
    """A week (or a month, in a transition plan) of items with its focus and minute budget."""

    model_config = ConfigDict(extra="forbid")

    start: date
    end: date
    focus: str
    budget_minutes: int
    items: list[PlanItem]
    goals: list[str] = Field(default_factory=list)

    @property
    def minutes(self) -> int:
        """Total planned minutes."""
        return sum(item.minutes for item in self.items)


class StudyPlan(BaseModel):
    """A dated plan: ``kind`` says whether ``weeks`` holds weeks (interview date) or months (transition)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["weeks", "months"]
    generated_for: date
    today: date
    interview_date: date | None
    hours_per_week: float
    priorities: list[CompetencyId]
    weeks: list[PlanWeek]
    summary: str
    notes: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    """Facts about the career move with their source and date (transition plans)."""

    @property
    def items(self) -> list[PlanItem]:
        """Every item in date order."""
        return [item for week in self.weeks for item in week.items]


# --------------------------------------------------------------------------- priorities


def _need(item: CompetencyReadiness | None) -> float:
    """Distance to a 4 (the remaining need); no evidence counts as a grade 1, weak until shown otherwise."""
    return 3.0 if item is None or item.score is None else 4.0 - item.score


def _index(readiness: Sequence[CompetencyReadiness]) -> dict[str, CompetencyReadiness]:
    by_id: dict[str, CompetencyReadiness] = {}
    for item in readiness:
        if item.id not in COMPETENCIES:
            raise ValueError(f"unknown competency {item.id!r}")
        if item.id in by_id:
            raise ValueError(f"competency {item.id!r} appears twice")
        by_id[item.id] = item
    return by_id


# A competency a target role stresses counts as this much weaker than measured: first among equals.
FOCUS_BONUS = 1.0


def _priorities(by_id: dict[str, CompetencyReadiness], focus: Sequence[str] = ()) -> list[str]:
    """Competencies weakest first: lowest score first, no evidence ranks as a grade 1 just after real 1s;
    ``focus`` (a target role's competencies) counts as ``FOCUS_BONUS`` weaker."""
    order = list(COMPETENCIES)

    def key(c: str) -> tuple[float, bool, int]:
        item = by_id.get(c)
        bonus = FOCUS_BONUS if c in focus else 0.0
        return (-(_need(item) + bonus), item is None or item.score is None, order.index(c))

    return sorted(order, key=key)


@dataclass
class _Targets:
    """Greedy picker: the competency with the largest remaining need; each pick lowers its need by 1."""

    needs: dict[str, float]
    rank: list[str]
    rounds: tuple[str, ...] = ()
    picks: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        by_id: dict[str, CompetencyReadiness],
        competencies: Sequence[str],
        rounds: tuple[str, ...] = (),
        focus: Sequence[str] = (),
    ) -> _Targets:
        rank = [c for c in _priorities(by_id, focus) if c in competencies]
        needs = {c: _need(by_id.get(c)) + (FOCUS_BONUS if c in focus else 0.0) for c in rank}
        return cls(needs=needs, rank=rank, rounds=rounds)

    def peek(self) -> str:
        """The competency the next mock round will target: the largest need, the earliest in ``rank``
        among equals (``max`` keeps the first of equal keys)."""
        return max(self.rank, key=self.needs.__getitem__)

    def pop(self) -> tuple[str, str]:
        """Take the neediest competency and the round to test it in (alternating where there are several)."""
        competency = self.peek()
        n = self.picks.get(competency, 0)
        self.picks[competency] = n + 1
        self.needs[competency] -= 1.0
        if self.rounds:
            total = sum(self.picks.values()) - 1
            return competency, self.rounds[total % len(self.rounds)]
        options = COMPETENCY_ROUNDS[competency]
        return competency, options[n % len(options)]


@dataclass
class _Counters:
    """Plan-wide counters that make items vary from week to week."""

    drill_due: int
    drills: int = 0
    exercises: int = 0
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- item builders


def _mock(competency: str, round_id: str, day: date) -> PlanItem:
    label = COMPETENCY_LABELS[competency]
    return PlanItem(
        kind="mock_round",
        title=f"Mock round: {ROUNDS[round_id]} ({label})",
        detail=f"Answer one {ROUNDS[round_id]} question in hireloop aloud or in writing, then read the "
        f"debrief for {label.lower()}: {COMPETENCIES[competency]}",
        minutes=MOCK_MINUTES,
        competency=competency,
        round=round_id,
        day=day,
    )


def _study(competency: str, day: date, minutes: int, area: str | None = None) -> PlanItem:
    area = area or COMPETENCY_AREA[competency]
    return PlanItem(
        kind="study",
        title=f"Study: {COMPETENCY_LABELS[competency]}",
        detail=STUDY_TOPICS[competency],
        minutes=minutes,
        competency=competency,
        day=day,
        area=area,
    )


def _drill_minutes(counters: _Counters) -> int:
    if counters.drills == 0 and counters.drill_due:
        return min(
            MAX_DRILL_MINUTES, max(DRILL_MINUTES, math.ceil(counters.drill_due * SECONDS_PER_CARD / 60))
        )
    return DRILL_MINUTES


def _drill(counters: _Counters, day: date, minutes: int) -> PlanItem:
    if counters.drills == 0 and counters.drill_due:
        detail = f"Clear the {counters.drill_due} cards due now (about {SECONDS_PER_CARD} seconds a card)."
    else:
        detail = "Review the spaced-repetition cards that have come due; rate each one honestly."
    counters.drills += 1
    return PlanItem(kind="drill", title="Drill: due cards", detail=detail, minutes=minutes, day=day)


def _exercise(counters: _Counters, day: date) -> PlanItem:
    # Imported here: the exercise generators are a large module that `hireloop today` and a cached plan
    # never need.
    from hireloop.drills.exercises import KIND_DESCRIPTIONS, KINDS

    kind = KINDS[counters.exercises % len(KINDS)]
    counters.exercises += 1
    return PlanItem(
        kind="exercise",
        title=f"Metric exercise: {kind.replace('_', ' ')}",
        detail=f"{KIND_DESCRIPTIONS[kind]} Work it by hand, then check it in hireloop.",
        minutes=EXERCISE_MINUTES,
        competency="evaluation",
        day=day,
        area="ml_fundamentals",
    )


def _loop(rounds: Sequence[str], per_round: int, day: date, *, full: bool) -> PlanItem:
    names = ", ".join(ROUNDS[r] for r in rounds)
    title = "Full mock loop" if full else "Short mock loop"
    return PlanItem(
        kind="loop",
        title=title,
        detail=f"{len(rounds)} rounds back to back under interview conditions ({names}), about "
        f"{per_round} minutes each; read the committee debrief and note the weakest round.",
        minutes=per_round * len(rounds),
        day=day,
    )


def _spread(items: list[PlanItem], days: list[date]) -> list[PlanItem]:
    """Put items on days in order, evenly spaced: item i of n goes to the middle of its share of days.

    The items were just built for this week and are not shared, so their day is set in place (a copy
    per item was a third of the cost of a plan).
    """
    if not days:
        return []
    n, k = len(items), len(days)
    for i, item in enumerate(items):
        item.day = days[(2 * i + 1) * k // (2 * n)]
    return items


# --------------------------------------------------------------------------- week filling

_WEEK_SLOTS = (
    "mock",
    "drill",
    "study",
    "exercise",
    "drill",
    "mock",
    "drill",
    "exercise",
    "mock",
    "study",
    "mock",
    "drill",
    "mock",
)
_MONTH_SLOTS = ("study", "mock", "drill", "exercise", "drill", "mock", "study", "drill", "exercise", "mock")


@dataclass
class _Week:
    """Inputs for filling one block of days."""

    days: list[date]
    usable: list[date]
    budget: int
    loop_rounds: tuple[str, ...] = ()
    loop_full: bool = True
    loop_round_minutes: tuple[int, ...] = LOOP_ROUND_MINUTES
    review_day: date | None = None
    rest_day: date | None = None
    networking: str | None = None
    study_minutes: int = STUDY_MINUTES
    study_area: str | None = None
    slots: tuple[str, ...] = _WEEK_SLOTS


def _fill(week: _Week, targets: _Targets, counters: _Counters) -> list[PlanItem]:
    """Fixed items first (rest, review, loop, networking), then mock rounds, drills, study, exercises."""
    remaining = week.budget
    fixed: list[PlanItem] = []
    if week.rest_day is not None:
        fixed.append(
            PlanItem(
                kind="rest",
                title="Rest before the interview",
                detail="No practice today. Sleep, check logistics, and trust the work you have done.",
                minutes=0,
                day=week.rest_day,
            )
        )
    if week.review_day is not None:
        minutes = min(REVIEW_MINUTES, remaining)
        remaining -= minutes
        fixed.append(
            PlanItem(
                kind="study",
                title="Light review",
                detail="Skim your notes, your three best AI stories and the flags from your last debriefs. "
                "No new mock rounds.",
                minutes=minutes,
                day=week.review_day,
            )
        )
    spread_days = list(week.usable)
    if week.loop_rounds and spread_days:
        for per_round in week.loop_round_minutes:
            if per_round * len(week.loop_rounds) <= remaining:
                day = spread_days[-2] if len(spread_days) >= 2 else spread_days[-1]
                fixed.append(_loop(week.loop_rounds, per_round, day, full=week.loop_full))
                remaining -= per_round * len(week.loop_rounds)
                if len(spread_days) > 1:
                    spread_days.remove(day)
                break
        else:
            counters.notes.append(
                f"No mock loop fits {week.budget} minutes in the week of {week.days[0].isoformat()}; "
                "raise the weekly hours to practise a loop."
            )
    if week.networking is not None and spread_days and remaining >= NETWORKING_MINUTES:
        fixed.append(
            PlanItem(
                kind="study",
                title="Network with AI PMs",
                detail=week.networking,
                minutes=NETWORKING_MINUTES,
                day=spread_days[-1],
                area="networking",
            )
        )
        remaining -= NETWORKING_MINUTES

    n_days = len(spread_days)
    caps = {"mock": min(5, n_days), "drill": min(4, n_days), "study": 2, "exercise": 2}
    chosen: dict[str, list[PlanItem]] = {"mock": [], "drill": [], "study": [], "exercise": []}
    placeholder = week.days[0]
    for slot in week.slots:
        if len(chosen[slot]) >= caps[slot]:
            continue
        if slot == "mock" and remaining >= MOCK_MINUTES:
            chosen["mock"].append(_mock(*targets.pop(), placeholder))
            remaining -= MOCK_MINUTES
        elif slot == "drill" and remaining >= DRILL_MINUTES:
            minutes = _drill_minutes(counters)
            minutes = minutes if minutes <= remaining else DRILL_MINUTES
            chosen["drill"].append(_drill(counters, placeholder, minutes))
            remaining -= minutes
        elif slot == "study" and week.study_minutes <= remaining:
            i = len(chosen["study"])
            mocks = chosen["mock"]
            competency = mocks[i].competency if i < len(mocks) else targets.peek()
            assert competency is not None
            chosen["study"].append(_study(competency, placeholder, week.study_minutes, week.study_area))
            remaining -= week.study_minutes
        elif slot == "exercise" and remaining >= EXERCISE_MINUTES:
            chosen["exercise"].append(_exercise(counters, placeholder))
            remaining -= EXERCISE_MINUTES

    # Study before the round it prepares, then a drill and an exercise between rounds.
    rounds = zip_longest(chosen["study"], chosen["mock"], chosen["drill"], chosen["exercise"])
    ordered = [item for taken in rounds for item in taken if item is not None]
    items = fixed + _spread(ordered, spread_days)
    return sorted(items, key=lambda item: item.day)


def _week_focus(items: list[PlanItem], prefix: str = "") -> str:
    targets: list[str] = []
    for item in items:
        if item.kind == "mock_round" and item.competency and item.competency not in targets:
            targets.append(item.competency)
    parts = [prefix] if prefix else []
    if targets:
        parts.append("Mock rounds on " + ", ".join(COMPETENCY_LABELS[c] for c in targets))
    parts.extend(item.title.lower() for item in items if item.kind == "loop")
    if not parts:
        return "Drills and light practice"
    return "; ".join(parts)


# --------------------------------------------------------------------------- the two plans


def _require_date(value: date | None, name: str) -> None:
    if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
        raise TypeError(f"{name} must be a datetime.date (not a datetime), got {type(value).__name__}")


def _budget(hours_per_week: float, days: int) -> int:
    """Minutes available in a block of ``days`` days, pro rata to the weekly hours, never above a week."""
    return math.floor(hours_per_week * 60 * min(days, 7) / 7)


MAX_RUNWAY_DAYS = 730


def build_plan(
    readiness: list[CompetencyReadiness],
    *,
    today: date,
    interview_date: date | None,
    hours_per_week: float = 6,
    drill_due: int = 0,
    focus: Sequence[str] = (),
    transition_months: int = TRANSITION_MONTHS,
) -> StudyPlan:
    """Build a week-by-week plan to ``interview_date``, or a transition plan of ``transition_months`` (12 or
    18) without one. ``focus``: competencies a target role stresses, ranked as one grade weaker than measured.

    Weakest competencies come first: need = 4 - score, no evidence counting as a grade 1 (ranked just
    after measured 1s); each mock round on a competency lowers its need by one, so the weakest get the
    most rounds. A week never plans more minutes than ``hours_per_week`` (pro rata for a shorter first
    week). Raises ValueError when the interview date is today or past, TypeError for datetimes.
    """
    _require_date(today, "today")
    _require_date(interview_date, "interview_date")
    if not MIN_HOURS <= hours_per_week <= MAX_HOURS:
        raise ValueError(
            f"hours_per_week must be between {MIN_HOURS:g} and {MAX_HOURS:g}, got {hours_per_week}"
        )
    if isinstance(drill_due, bool) or not isinstance(drill_due, int) or drill_due < 0:
        raise ValueError(f"drill_due must be a non-negative integer, got {drill_due!r}")
    if transition_months not in TRANSITION_LENGTHS:
        lengths = " or ".join(map(str, TRANSITION_LENGTHS))
        raise ValueError(f"A transition plan is {lengths} months long, got {transition_months!r}")
    by_id = _index(readiness)
    if interview_date is None:
        return _transition_plan(
            by_id, today=today, hours_per_week=hours_per_week, drill_due=drill_due, length=transition_months
        )
    if interview_date <= today:
        when = "today" if interview_date == today else f"in the past ({interview_date.isoformat()})"
        raise ValueError(
            f"The interview date is {when}; a study plan needs a date after {today.isoformat()}. "
            "Pass a future interview date, or none for a transition plan."
        )
    if (interview_date - today).days > MAX_RUNWAY_DAYS:
        raise ValueError(
            f"The interview date {interview_date.isoformat()} is more than two years away; plan without a "
            "date for a 12-month transition plan, and set the date once it is booked."
        )
    return _interview_plan(
        by_id,
        today=today,
        interview_date=interview_date,
        hours_per_week=hours_per_week,
        drill_due=drill_due,
        focus=focus,
    )


_CACHE_SIZE = 512
_cache: OrderedDict[tuple[object, ...], StudyPlan] = OrderedDict()
_cache_lock = threading.Lock()


def cached_plan(
    readiness: list[CompetencyReadiness],
    *,
    today: date,
    interview_date: date | None,
    hours_per_week: float = 6,
    drill_due: int = 0,
    focus: Sequence[str] = (),
    transition_months: int = TRANSITION_MONTHS,
) -> StudyPlan:
    """``build_plan``, remembered: pages ask for the same plan on every visit until an answer is graded,
    a card comes due or the day changes. A plan reads only each competency's id and score, so those
    (with the other arguments) are the key. The plan returned is shared: read it, never change it.
    """
    key = (
        tuple((r.id, r.score) for r in readiness),
        today,
        interview_date,
        hours_per_week,
        drill_due,
        tuple(focus),
        transition_months,
    )
    with _cache_lock:
        plan = _cache.get(key)
        if plan is not None:
            _cache.move_to_end(key)
            return plan
    plan = build_plan(
        readiness,
        today=today,
        interview_date=interview_date,
        hours_per_week=hours_per_week,
        drill_due=drill_due,
        focus=focus,
        transition_months=transition_months,
    )
    with _cache_lock:
        _cache[key] = plan
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return plan


def clear_plan_cache() -> None:
    with _cache_lock:
        _cache.clear()


def _interview_plan(
    by_id: dict[str, CompetencyReadiness],
    *,
    today: date,
    interview_date: date,
    hours_per_week: float,
    drill_due: int,
    focus: Sequence[str] = (),
) -> StudyPlan:
    """Weeks aligned to end the day before the interview, so the final weeks are whole."""
    days_left = (interview_date - today).days
    rest_day = interview_date - timedelta(days=1)
    review_day = interview_date - timedelta(days=2)
    targets = _Targets.of(by_id, list(COMPETENCIES), focus=focus)
    priorities = list(targets.rank)
    counters = _Counters(drill_due=drill_due)

    if days_left < 7:
        days = [today + timedelta(days=i) for i in range(days_left)]
        usable = [d for d in days if d < review_day]
        mini = tuple(dict.fromkeys(COMPETENCY_ROUNDS[c][0] for c in priorities))[:COMPRESSED_LOOP_ROUNDS]
        week = _Week(
            days=days,
            usable=usable,
            budget=_budget(hours_per_week, len(days)),
            loop_rounds=mini if len(usable) >= 2 else (),
            loop_full=False,
            loop_round_minutes=(30,),
            review_day=review_day if review_day >= today else None,
            rest_day=rest_day,
        )
        items = _fill(week, targets, counters)
        weeks = [
            PlanWeek(
                start=today,
                end=rest_day,
                focus=_week_focus(items, "Compressed plan: weakest competencies first, then rest"),
                budget_minutes=week.budget,
                items=items,
            )
        ]
    else:
        n_weeks = math.ceil(days_left / 7)
        loop_weeks = {n_weeks - 1, n_weeks - 2} if days_left >= 14 else {n_weeks - 1}
        weeks = []
        for w in range(n_weeks):
            end = rest_day - timedelta(days=7 * (n_weeks - 1 - w))
            start = max(today, end - timedelta(days=6))
            days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
            week = _Week(
                days=days,
                usable=[d for d in days if d < review_day],
                budget=_budget(hours_per_week, len(days)),
                loop_rounds=LOOP_ROUNDS if w in loop_weeks else (),
                review_day=review_day if review_day in days else None,
                rest_day=rest_day if rest_day in days else None,
            )
            items = _fill(week, targets, counters)
            prefix = "Final week: loop, then taper" if w == n_weeks - 1 else ""
            weeks.append(
                PlanWeek(
                    start=start,
                    end=end,
                    focus=_week_focus(items, prefix),
                    budget_minutes=week.budget,
                    items=items,
                )
            )
    summary = _interview_summary(weeks, today, interview_date, hours_per_week, priorities, by_id)
    return StudyPlan(
        kind="weeks",
        generated_for=today,
        today=today,
        interview_date=interview_date,
        hours_per_week=hours_per_week,
        priorities=priorities,
        weeks=weeks,
        summary=summary,
        notes=counters.notes,
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _interview_summary(
    weeks: list[PlanWeek],
    today: date,
    interview_date: date,
    hours_per_week: float,
    priorities: list[str],
    by_id: dict[str, CompetencyReadiness],
) -> str:
    items = [item for week in weeks for item in week.items]
    count = {k: sum(1 for i in items if i.kind == k) for k in ("mock_round", "loop", "drill", "exercise")}
    weakest = ", ".join(COMPETENCY_LABELS[c] for c in priorities[:3])
    unassessed = [c for c in priorities if by_id.get(c) is None or by_id[c].score is None]
    days_left = (interview_date - today).days
    text = (
        f"{_plural(days_left, 'day')} to your interview on {interview_date:%A %d %B %Y}, at up to "
        f"{hours_per_week:g} hours a week. Weakest first: {weakest}. The plan holds "
        f"{_plural(count['mock_round'], 'mock round')}, {_plural(count['loop'], 'mock loop')}, "
        f"{_plural(count['drill'], 'drill session')} and {_plural(count['exercise'], 'metric exercise')}"
    )
    if days_left >= 3:
        text += ", a light review two days before and rest the day before."
    else:
        text += " and rest the day before."
    if unassessed:
        text += f" Not assessed yet (treated as weak): {', '.join(COMPETENCY_LABELS[c] for c in unassessed)}."
    return text


def _add_months(d: date, months: int) -> date:
    year, month0 = divmod(d.month - 1 + months, 12)
    year += d.year
    return date(year, month0 + 1, min(d.day, calendar.monthrange(year, month0 + 1)[1]))


def _area_order(by_id: dict[str, CompetencyReadiness]) -> list[str]:
    """Preparation areas (networking aside) weakest first: mean need of their competencies."""
    areas = [a for a in PREPARATION_AREAS if AREA_COMPETENCIES[a]]

    def key(area: str) -> tuple[float, int]:
        competencies = AREA_COMPETENCIES[area]
        return (-sum(_need(by_id.get(c)) for c in competencies) / len(competencies), areas.index(area))

    return sorted(areas, key=key)


def _area_goals(area: str, by_id: dict[str, CompetencyReadiness], second: bool) -> list[str]:
    goals = []
    rounds = " or ".join(ROUNDS[r] for r in AREA_ROUNDS[area])
    for competency in AREA_COMPETENCIES[area]:
        label = COMPETENCY_LABELS[competency]
        item = by_id.get(competency)
        if second:
            goals.append(f"Two {rounds} rounds in a row with {label.lower()} graded 3 (hire) or better.")
        elif item is None or item.score is None:
            goals.append(f"Get a first graded answer on {label.lower()} ({rounds} rounds).")
        elif item.score < 3:
            goals.append(f"Lift {label.lower()} from {item.score:.1f} to the hire bar (3).")
        else:
            goals.append(f"Hold {label.lower()} at {item.score:.1f} or better on harder {rounds} questions.")
    return goals


AREA_MILESTONES: dict[str, str] = {
    "ml_fundamentals": "Explain supervised vs unsupervised vs reinforcement learning, over- and "
    "underfitting, and pick the task type and metric for five product goals; work every metric "
    "exercise kind once.",
    "ml_system_design": "Sketch three ML systems end to end (data pipeline, training and inference, "
    "deployment, monitoring, retraining) with one latency or cost trade-off each.",
    "responsible_ai": "Write a one-page responsible AI point of view and apply it to a concrete product: "
    "fairness metric, consent, explanation to users, escalation path.",
    "product_sense_ai_lens": "Re-answer three classic product sense questions through an AI lens: data, "
    "model, evaluation of probabilistic output, guardrails, ethics.",
    "ai_stories": "Draft five AI stories (capability defined, data managed, constraint handled, "
    "disagreement, setback) and rewrite your resume bullets to name system, data and safeguards.",
}


def _transition_plan(
    by_id: dict[str, CompetencyReadiness], *, today: date, hours_per_week: float, drill_due: int, length: int
) -> StudyPlan:
    """Monthly phases: the five learning areas weakest first, then integration and loops. Twelve months give
    eight learning months (the three weakest areas two each); eighteen give twelve (the two weakest three)."""
    order = _area_order(by_id)
    tail = TRANSITION_TAIL[length]
    each, extra = divmod(length - tail, len(order))
    learning = [area for i, area in enumerate(order) for _ in range(each + (1 if i < extra else 0))]
    counters = _Counters(drill_due=drill_due)
    area_targets = {a: _Targets.of(by_id, AREA_COMPETENCIES[a], AREA_ROUNDS[a]) for a in order}
    overall = _Targets.of(by_id, list(COMPETENCIES))
    months: list[PlanWeek] = []
    for m in range(length):
        start = _add_months(today, m)
        end = _add_months(today, m + 1) - timedelta(days=1)
        networking = NETWORKING_GOALS[m % len(NETWORKING_GOALS)]
        if m < len(learning):
            area = learning[m]
            second = m > 0 and learning[m - 1] == area
            focus = f"Month {m + 1}: {PREPARATION_AREAS[area]}" + (" (continued)" if second else "")
            goals = [AREA_MILESTONES[area], *_area_goals(area, by_id, second)]
            targets, study_area, loop_blocks = area_targets[area], area, set[int]()
        else:
            phase = m - len(learning)
            targets, study_area = overall, None
            if phase == 0:
                focus = f"Month {m + 1}: Integrate every area; first full mock loop"
                goals = [
                    "Mock rounds across every round type, weakest competencies first.",
                    "Run a first full mock loop and turn its debrief into next month's focus.",
                ]
                loop_blocks = {2}
            elif phase <= tail - 3:
                focus = f"Month {m + 1}: Loop practice and applications"
                goals = [
                    "Two full mock loops with no round graded below 3 (hire).",
                    "Apply to AI PM roles where you can tell an AI-native story.",
                ]
                loop_blocks = {1, 3}
            else:
                focus = f"Month {m + 1}: Interview season"
                goals = [
                    "A full mock loop every week; drills on the cards that come due.",
                    "Set a real interview date in hireloop to switch to a week-by-week plan.",
                ]
                loop_blocks = {0, 1, 2, 3}
        goals.append(networking)
        items: list[PlanItem] = []
        budget = 0
        block_start, b = start, 0
        while block_start <= end:
            block_end = min(end, block_start + timedelta(days=6))
            days = [block_start + timedelta(days=i) for i in range((block_end - block_start).days + 1)]
            week = _Week(
                days=days,
                usable=days,
                budget=_budget(hours_per_week, len(days)),
                loop_rounds=LOOP_ROUNDS if b in loop_blocks else (),
                networking=networking if b == 0 else None,
                study_minutes=TRANSITION_STUDY_MINUTES,
                study_area=study_area,
                slots=_MONTH_SLOTS,
            )
            items.extend(_fill(week, targets, counters))
            budget += week.budget
            block_start, b = block_end + timedelta(days=1), b + 1
        months.append(
            PlanWeek(start=start, end=end, focus=focus, budget_minutes=budget, items=items, goals=goals)
        )

    labels = ", ".join(PREPARATION_AREAS[a] for a in order)
    covers = "the first 12" if length == 12 else f"all {length}"
    summary = (
        "A full move into AI product management typically takes 12 to 18 months of focused effort. "
        f"This plan covers {covers} months at up to {hours_per_week:g} hours a week: "
        f"the preparation areas weakest first ({labels}), with networking every month, then a month to "
        f"integrate and {_WORDS[tail - 1]} months of loop practice. "
        "Set an interview date to get a week-by-week plan."
    )
    return StudyPlan(
        kind="months",
        generated_for=today,
        today=today,
        interview_date=None,
        hours_per_week=hours_per_week,
        priorities=_priorities(by_id),
        weeks=months,
        summary=summary,
        notes=counters.notes,
        context=list(TRANSITION_CONTEXT),
    )


# --------------------------------------------------------------------------- iCalendar


def _uid(plan: StudyPlan, item: PlanItem, occurrence: int) -> str:
    """Stable UID from the item's content: re-exporting the same plan yields the same UIDs."""
    key = "|".join(
        [
            plan.kind,
            item.day.isoformat(),
            item.kind,
            item.title,
            str(item.competency),
            str(item.round),
            str(occurrence),
        ]
    )
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@hireloop"


def plan_to_ical(plan: StudyPlan, *, name: str = "hireloop study plan") -> bytes:
    """Render every item as an all-day VEVENT; DTSTAMP comes from ``plan.generated_for``, not the clock."""
    try:
        from icalendar import Calendar, Event
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("Calendar export needs the icalendar package: pip install icalendar") from exc

    stamp = datetime.combine(plan.generated_for, time(0, 0), tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", "-//hireloop//study plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    seen: dict[tuple[object, ...], int] = {}
    for item in plan.items:
        key = (item.day, item.kind, item.title, item.competency, item.round)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        description = item.detail
        if item.minutes:
            description += f"\n\nAbout {item.minutes} minutes."
        event = Event()
        event.add("uid", _uid(plan, item, occurrence))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", description)
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
