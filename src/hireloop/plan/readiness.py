"""Readiness from graded history: recency-weighted competency scores, round trends, an overall estimate.

Pure functions: the caller passes the history and the current time (aware datetimes, plain dates);
nothing here reads a clock, a database or a file, and the same input always gives the same output.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from hireloop.vocab import COMPETENCIES, COMPETENCY_LABELS, DECISION_LABELS, ROUNDS

__all__ = [
    "CONFIDENCE_THRESHOLDS",
    "DRILL_WEIGHT",
    "GAP_CLOSED_PER_WEEK",
    "HIRE_BAR_POINTS",
    "LOOP_DECISION_CAPS",
    "VERDICTS",
    "WEAK_LINK_GRADE",
    "CompetencyReadiness",
    "Confidence",
    "GradedAnswer",
    "LoopOutcome",
    "ReadinessEstimate",
    "competency_readiness",
    "grade_points",
    "readiness_estimate",
    "round_trends",
    "trend_slope",
    "weekly_trend",
]

Confidence = Literal["none", "low", "medium", "high"]

# Minimum number of answers for each confidence level (see competency_readiness).
CONFIDENCE_THRESHOLDS: tuple[tuple[int, Confidence], ...] = ((6, "high"), (3, "medium"), (1, "low"))
HIRE_BAR_POINTS = 75.0  # grade 3 ("hire") on the 0-100 scale
DRILL_WEIGHT = 0.10  # share of the overall figure taken by drill retention, when it is known
WEAK_LINK_GRADE = 2.5  # a competency scored below this (or not assessed) caps the verdict at borderline
GAP_CLOSED_PER_WEEK = 0.10  # projection assumption: steady practice closes 10% of the remaining gap a week
# Lower bound of each verdict on the 0-100 scale, best first.
VERDICTS: tuple[tuple[float, str], ...] = (
    (90.0, "strong"),
    (HIRE_BAR_POINTS, "ready at the hire bar"),
    (60.0, "borderline"),
    (0.0, "not ready"),
)
# The latest full loop's committee decision caps the overall figure until a later loop does better:
# a committee that just said no outweighs competency averages that say "almost".
LOOP_DECISION_CAPS: dict[str, float] = {"strong_no_hire": 40.0, "no_hire": 59.0}
_SECONDS_PER_DAY = 86_400.0
_SECONDS_PER_WEEK = 7 * _SECONDS_PER_DAY


def _require_aware(value: datetime, name: str) -> None:
    """Refuse naive datetimes: a time without a zone cannot be compared honestly."""
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (got naive {value.isoformat()})")


def _require_date(value: date, name: str) -> None:
    """Accept a plain date only: a datetime here would hide a time zone decision."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date (not a datetime), got {type(value).__name__}")


def _require_grade(value: object, name: str) -> None:
    """Grades are the integers 1-4 of ASSESSMENT.md."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise ValueError(f"{name} must be an integer grade 1-4, got {value!r}")


@dataclass(frozen=True)
class GradedAnswer:
    """One assessed answer as the readiness engine needs it; ``grade=None`` marks an unscorable answer."""

    answered_at: datetime
    round: str
    grade: int | None
    competencies: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _require_aware(self.answered_at, "answered_at")
        if self.round not in ROUNDS:
            raise ValueError(f"unknown round {self.round!r}; expected one of {', '.join(ROUNDS)}")
        if self.grade is not None:
            _require_grade(self.grade, "grade")
        for competency, grade in self.competencies.items():
            if competency not in COMPETENCIES:
                raise ValueError(f"unknown competency {competency!r}")
            _require_grade(grade, f"competencies[{competency!r}]")


@dataclass(frozen=True)
class LoopOutcome:
    """The committee decision of the latest finished full loop."""

    decided_at: datetime
    decision: str

    def __post_init__(self) -> None:
        _require_aware(self.decided_at, "decided_at")
        if self.decision not in DECISION_LABELS:
            expected = ", ".join(DECISION_LABELS)
            raise ValueError(f"unknown decision {self.decision!r}; expected one of {expected}")


@dataclass(frozen=True)
class CompetencyReadiness:
    """Where one competency stands: recency-weighted score, how much evidence, and how sure we are."""

    id: str
    score: float | None
    evidence: int
    weight: float
    confidence: Confidence
    last_seen: datetime | None

    @property
    def label(self) -> str:
        """Human label from the vocabulary."""
        return COMPETENCY_LABELS[self.id]

    @property
    def assessed(self) -> bool:
        """True when at least one graded answer gave evidence for this competency."""
        return self.score is not None


def _confidence(evidence: int) -> Confidence:
    for minimum, level in CONFIDENCE_THRESHOLDS:
        if evidence >= minimum:
            return level
    return "none"


def _decay(age_seconds: float, half_life_days: float) -> float:
    """Weight of evidence of a given age: halves every ``half_life_days``; future answers count as new."""
    return 0.5 ** (max(age_seconds, 0.0) / (half_life_days * _SECONDS_PER_DAY))


def competency_readiness(
    history: Iterable[GradedAnswer], now: datetime, half_life_days: float = 21
) -> list[CompetencyReadiness]:
    """Score all 8 competencies (vocab order) from graded answers, newer evidence weighing more.

    Each answer that graded a competency adds weight ``w = 0.5 ** (age_days / half_life_days)`` (an
    answer ``half_life_days`` old weighs 0.5, one twice as old 0.25; answers stamped after ``now`` weigh
    1). ``score = sum(w * grade) / sum(w)`` (a grade 1-4, None with no evidence), ``weight = sum(w)``,
    ``evidence`` counts the answers. Unscorable answers (grade None) are ignored, and an answer only
    counts for the competencies its debrief graded: nothing is guessed. Confidence comes from the
    count alone: 0 answers "none", 1-2 "low", 3-5 "medium", 6 or more "high".
    """
    _require_aware(now, "now")
    if not half_life_days > 0 or not math.isfinite(half_life_days):
        raise ValueError(f"half_life_days must be a positive number, got {half_life_days!r}")
    ages: dict[str, list[tuple[float, int]]] = {c: [] for c in COMPETENCIES}
    last: dict[str, datetime | None] = dict.fromkeys(COMPETENCIES)
    for answer in history:
        if answer.grade is None:
            continue
        age = max((now - answer.answered_at).total_seconds(), 0.0)
        for competency, grade in answer.competencies.items():
            ages[competency].append((age, grade))
            seen = last[competency]
            if seen is None or answer.answered_at > seen:
                last[competency] = answer.answered_at
    result = []
    for competency in COMPETENCIES:
        evidence = ages[competency]
        score = None
        if evidence:
            # Weights relative to the newest answer give the same mean and cannot underflow to 0/0.
            newest = min(age for age, _ in evidence)
            rel = [(_decay(age - newest, half_life_days), grade) for age, grade in evidence]
            score = sum(w * g for w, g in rel) / sum(w for w, _ in rel)
        result.append(
            CompetencyReadiness(
                id=competency,
                score=score,
                evidence=len(evidence),
                weight=math.fsum(_decay(age, half_life_days) for age, _ in evidence),
                confidence=_confidence(len(evidence)),
                last_seen=last[competency],
            )
        )
    return result


def round_trends(history: Iterable[GradedAnswer]) -> dict[str, list[tuple[datetime, int]]]:
    """Overall grades per round type in time order (ties keep input order); unscorable answers skipped.

    Only rounds with at least one graded answer appear, in vocab order.
    """
    points: dict[str, list[tuple[datetime, int]]] = {r: [] for r in ROUNDS}
    for answer in history:
        if answer.grade is not None:
            points[answer.round].append((answer.answered_at, answer.grade))
    return {r: sorted(p, key=lambda item: item[0]) for r, p in points.items() if p}


def trend_slope(points: Sequence[tuple[datetime, int]]) -> float | None:
    """Least-squares change in grade per week; None with fewer than 2 points or all at the same instant."""
    if len(points) < 2:
        return None
    for when, _ in points:
        _require_aware(when, "trend point time")
    origin = min(when for when, _ in points)
    xs = [(when - origin).total_seconds() / _SECONDS_PER_WEEK for when, _ in points]
    ys = [float(grade) for _, grade in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx


# A per-week trend needs this much history: grades minutes apart say nothing about weeks.
TREND_MIN_POINTS = 3
TREND_MIN_DAYS = 7.0


def weekly_trend(points: Sequence[tuple[datetime, int]]) -> float | None:
    """``trend_slope`` only when the span supports one: 3+ grades spread over at least 7 days."""
    if len(points) < TREND_MIN_POINTS:
        return None
    times = [when for when, _ in points]
    if (max(times) - min(times)).total_seconds() < TREND_MIN_DAYS * _SECONDS_PER_DAY:
        return None
    return trend_slope(points)


def grade_points(score: float) -> float:
    """Map a 1-4 grade to 0-100, piecewise linear: 1 -> 0, 3 (hire bar) -> 75, 4 -> 100."""
    score = min(max(score, 1.0), 4.0)
    if score <= 3.0:
        return (score - 1.0) / 2.0 * HIRE_BAR_POINTS
    return HIRE_BAR_POINTS + (score - 3.0) * (100.0 - HIRE_BAR_POINTS)


@dataclass(frozen=True)
class ReadinessEstimate:
    """An overall 0-100 readiness figure, its verdict and, with an interview date, a projection."""

    overall: float
    verdict: str
    competency_points: float
    drill_retention: float | None
    assessed: int
    not_assessed: list[str]
    blockers: list[str]
    days_left: int | None
    projected: float | None
    projected_verdict: str | None
    summary: str
    latest_loop: LoopOutcome | None = None
    capped_by_loop: bool = False


def _verdict(points: float) -> str:
    for minimum, verdict in VERDICTS:
        if points >= minimum:
            return verdict
    return VERDICTS[-1][1]


def _cap_verdict(verdict: str, blocked: bool) -> str:
    """The weakest-link rule: with a blocker the verdict goes no higher than borderline."""
    if blocked and verdict in ("strong", "ready at the hire bar"):
        return "borderline"
    return verdict


def readiness_estimate(
    readiness: Sequence[CompetencyReadiness],
    drill_retention: float | None,
    interview_date: date | None,
    today: date,
    latest_loop: LoopOutcome | None = None,
) -> ReadinessEstimate:
    """Combine competency scores into one 0-100 figure with a plain-English verdict and projection.

    Formula: each of the 8 competencies gets ``grade_points(score)`` (1 -> 0, 3 = hire bar -> 75,
    4 -> 100, linear between) and a competency without evidence gets 0, the same as grade 1, so gaps
    in evidence are penalised. ``competency_points`` is the plain mean over all 8; with a drill
    retention r in [0, 1], ``overall = 0.9 * competency_points + 0.1 * 100 * r``, else
    ``overall = competency_points``. Every term rises with its grade, so better grades never lower it.
    Verdict: < 60 "not ready", 60-75 "borderline", 75-90 "ready at the hire bar", >= 90 "strong";
    but any competency not assessed or scored below 2.5 is a blocker that caps it at "borderline",
    since a committee does not let a strong round rescue a failed one. Projection (an assumption, not
    a measurement): steady practice closes 10% of the remaining gap to 100 each week,
    ``projected = 100 - (100 - overall) * 0.9 ** (days_left / 7)``, given only while days are left.
    The latest full loop weighs in: if its committee decided "no hire" the overall is capped at 59
    (not ready), "strong no hire" at 40, until a later loop is decided better; the projection starts
    from the capped figure.
    """
    _require_date(today, "today")
    if interview_date is not None:
        _require_date(interview_date, "interview_date")
    if drill_retention is not None and not 0.0 <= drill_retention <= 1.0:
        raise ValueError(f"drill_retention must be between 0 and 1, got {drill_retention!r}")
    by_id: dict[str, CompetencyReadiness] = {}
    for item in readiness:
        if item.id not in COMPETENCIES:
            raise ValueError(f"unknown competency {item.id!r}")
        if item.id in by_id:
            raise ValueError(f"competency {item.id!r} appears twice")
        by_id[item.id] = item
    points = []
    not_assessed, blockers = [], []
    for competency in COMPETENCIES:
        item = by_id.get(competency)
        if item is None or item.score is None:
            points.append(0.0)
            not_assessed.append(competency)
            blockers.append(competency)
            continue
        points.append(grade_points(item.score))
        if item.score < WEAK_LINK_GRADE:
            blockers.append(competency)
    competency_points = sum(points) / len(points)
    overall = competency_points
    if drill_retention is not None:
        overall = (1 - DRILL_WEIGHT) * competency_points + DRILL_WEIGHT * 100.0 * drill_retention
    overall = round(overall, 1)
    cap = LOOP_DECISION_CAPS.get(latest_loop.decision) if latest_loop else None
    capped = cap is not None and overall > cap
    if capped:
        overall = cap
    verdict = _cap_verdict(_verdict(overall), bool(blockers))

    days_left = projected = projected_verdict = None
    if interview_date is not None:
        days_left = (interview_date - today).days
        if days_left > 0:
            projected = round(100.0 - (100.0 - overall) * (1 - GAP_CLOSED_PER_WEEK) ** (days_left / 7), 1)
            projected_verdict = _verdict(projected)

    summary = _summary(
        overall=overall,
        verdict=verdict,
        not_assessed=not_assessed,
        blockers=blockers,
        days_left=days_left,
        projected=projected,
        projected_verdict=projected_verdict,
    )
    if latest_loop is not None:
        summary += " " + _loop_sentence(latest_loop, capped=capped)
    return ReadinessEstimate(
        overall=overall,
        verdict=verdict,
        competency_points=round(competency_points, 1),
        drill_retention=drill_retention,
        assessed=len(COMPETENCIES) - len(not_assessed),
        not_assessed=not_assessed,
        blockers=blockers,
        days_left=days_left,
        projected=projected,
        projected_verdict=projected_verdict,
        summary=summary,
        latest_loop=latest_loop,
        capped_by_loop=capped,
    )


def _loop_sentence(outcome: LoopOutcome, *, capped: bool) -> str:
    label = DECISION_LABELS[outcome.decision]
    when = outcome.decided_at.date().isoformat()
    cap = LOOP_DECISION_CAPS.get(outcome.decision)
    if cap is None:
        return f"Your latest full loop ({when}) was decided {label}."
    if capped:
        return (
            f"Your latest full loop ({when}) was decided {label}, which caps readiness at {cap:.0f} "
            "until a later loop is decided better."
        )
    return f"Your latest full loop ({when}) was decided {label}; readiness is already under its cap."


def _labels(ids: Sequence[str]) -> str:
    return ", ".join(COMPETENCY_LABELS[i] for i in ids)


def _summary(
    *,
    overall: float,
    verdict: str,
    not_assessed: list[str],
    blockers: list[str],
    days_left: int | None,
    projected: float | None,
    projected_verdict: str | None,
) -> str:
    """A few plain sentences a candidate can act on."""
    if len(not_assessed) == len(COMPETENCIES):
        parts = [f"Readiness {overall:.0f}/100: {verdict}. No graded answers yet, so nothing is assessed."]
    else:
        parts = [f"Readiness {overall:.0f}/100 (hire bar {HIRE_BAR_POINTS:.0f}): {verdict}."]
        if not_assessed:
            parts.append(f"Not assessed yet: {_labels(not_assessed)}.")
        weak = [b for b in blockers if b not in not_assessed]
        if weak:
            parts.append(f"Below the hire bar: {_labels(weak)}.")
    if days_left is not None:
        if days_left < 0:
            parts.append(f"The interview date was {-days_left} day{'s' if days_left != -1 else ''} ago.")
        elif days_left == 0:
            parts.append("The interview is today.")
        else:
            parts.append(
                f"{days_left} day{'s' if days_left != 1 else ''} to the interview; practising steadily "
                f"(assumed to close a tenth of the gap each week) projects about {projected:.0f}/100, "
                f"{projected_verdict}."
            )
    return " ".join(parts)
