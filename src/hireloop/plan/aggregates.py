"""Running aggregates of graded history: what readiness and trends need, without replaying every answer.

Pure values and functions (data and time in, data out). A ``CompetencyTotals`` keeps, per user and
competency, the evidence count, the newest answer time and the decayed sums of weights and weighted
grades relative to that newest answer; a ``RoundTotals`` keeps the least-squares sums of grade against
time. Both are updated by ``add`` when an assessment is stored and give the same figures as
``competency_readiness`` and ``trend_slope`` over the full history (up to float rounding), as long as
no answer is stamped after ``now``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from hireloop.plan.readiness import TREND_MIN_DAYS, TREND_MIN_POINTS, CompetencyReadiness, _confidence, _decay
from hireloop.vocab import COMPETENCIES, ROUNDS

HALF_LIFE_DAYS = 21.0
_SECONDS_PER_WEEK = 7 * 86_400.0
# Below this spread of answer times (in weeks squared) the points count as one instant: no slope.
_MIN_VARIANCE_WEEKS2 = (1.0 / _SECONDS_PER_WEEK) ** 2


@dataclass(frozen=True)
class AnswerFacts:
    """One answer's newest assessment reduced to what the aggregates need; ``grade=None`` if unscorable."""

    round: str
    answered_at: datetime
    grade: int | None
    competencies: dict[str, int]


def _grade(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        return None
    return value


def facts_of(*, round_id: str, answered_at: datetime, document: Mapping[str, Any]) -> AnswerFacts:
    """Read an assessment document leniently: unknown rounds, competencies and grades are dropped.

    An imported or hand-edited document must never make the progress page fail, so anything outside
    the vocabulary or the 1-4 scale simply carries no evidence.
    """
    graded = document.get("status") == "graded" and round_id in ROUNDS
    grade = _grade(document.get("grade")) if graded else None
    competencies: dict[str, int] = {}
    if grade is not None and isinstance(document.get("competencies"), list):
        for item in document["competencies"]:
            competency = item.get("id") if isinstance(item, Mapping) else None
            if isinstance(competency, str) and competency in COMPETENCIES:
                value = _grade(item.get("grade"))
                if value is not None:
                    competencies[competency] = value
    return AnswerFacts(round=round_id, answered_at=answered_at, grade=grade, competencies=competencies)


@dataclass(frozen=True)
class CompetencyTotals:
    evidence: int = 0
    newest: datetime | None = None
    weight_sum: float = 0.0  # sum of 0.5 ** (age relative to newest / half-life)
    graded_sum: float = 0.0  # the same weights times the grade

    def add(self, answered_at: datetime, grade: int) -> CompetencyTotals:
        if self.newest is None:
            return CompetencyTotals(1, answered_at, 1.0, float(grade))
        if answered_at > self.newest:
            scale = _decay((answered_at - self.newest).total_seconds(), HALF_LIFE_DAYS)
            return CompetencyTotals(
                self.evidence + 1, answered_at, self.weight_sum * scale + 1.0, self.graded_sum * scale + grade
            )
        w = _decay((self.newest - answered_at).total_seconds(), HALF_LIFE_DAYS)
        return replace(
            self,
            evidence=self.evidence + 1,
            weight_sum=self.weight_sum + w,
            graded_sum=self.graded_sum + w * grade,
        )

    def readiness(self, competency: str, now: datetime) -> CompetencyReadiness:
        if not self.evidence or self.newest is None:
            return CompetencyReadiness(competency, None, 0, 0.0, "none", None)
        age = max((now - self.newest).total_seconds(), 0.0)
        return CompetencyReadiness(
            id=competency,
            score=self.graded_sum / self.weight_sum,
            evidence=self.evidence,
            weight=self.weight_sum * _decay(age, HALF_LIFE_DAYS),
            confidence=_confidence(self.evidence),
            last_seen=self.newest,
        )


@dataclass(frozen=True)
class RoundTotals:
    """Least-squares sums of grade (y) against time in weeks since ``origin`` (x)."""

    n: int = 0
    origin: datetime | None = None
    sx: float = 0.0
    sy: float = 0.0
    sxx: float = 0.0
    sxy: float = 0.0
    span: float = 0.0
    """Weeks from the earliest to the latest grade (a trend needs a week or more)."""

    def add(self, answered_at: datetime, grade: int) -> RoundTotals:
        totals = self
        if self.origin is not None and answered_at < self.origin:
            totals = self._rebased(answered_at)
        origin = totals.origin or answered_at
        x = (answered_at - origin).total_seconds() / _SECONDS_PER_WEEK
        return RoundTotals(
            totals.n + 1,
            origin,
            totals.sx + x,
            totals.sy + grade,
            totals.sxx + x * x,
            totals.sxy + x * grade,
            max(totals.span, x),
        )

    def _rebased(self, origin: datetime) -> RoundTotals:
        """The same points measured from an earlier origin: the origin is always the earliest answer."""
        d = (self.origin - origin).total_seconds() / _SECONDS_PER_WEEK  # type: ignore[operator]
        return RoundTotals(
            self.n,
            origin,
            self.sx + self.n * d,
            self.sy,
            self.sxx + 2 * d * self.sx + self.n * d * d,
            self.sxy + d * self.sy,
            self.span + d,
        )

    def slope(self) -> float | None:
        """Change in grade per week, as ``weekly_trend`` gives over every point (none until 3 grades)."""
        if self.n < TREND_MIN_POINTS or self.span * 7 < TREND_MIN_DAYS:
            return None
        mean_x = self.sx / self.n
        sxx = self.sxx - self.sx * mean_x
        if sxx / self.n < _MIN_VARIANCE_WEEKS2:
            return None
        return (self.sxy - mean_x * self.sy) / sxx


def readiness_from_totals(totals: Mapping[str, CompetencyTotals], now: datetime) -> list[CompetencyReadiness]:
    """All 8 competencies in vocab order, as ``competency_readiness`` would score them."""
    empty = CompetencyTotals()
    return [totals.get(c, empty).readiness(c, now) for c in COMPETENCIES]


def fold(
    history: Iterable[AnswerFacts], *, ordered: bool = False
) -> tuple[dict[str, CompetencyTotals], dict[str, RoundTotals]]:
    """Totals from scratch: what ``hireloop admin rebuild-stats`` writes and the property test checks.

    ``ordered=True`` says ``history`` already comes oldest first: it is then consumed as a stream.
    """
    competencies: dict[str, CompetencyTotals] = {}
    rounds: dict[str, RoundTotals] = {}
    for facts in history if ordered else sorted(history, key=lambda f: f.answered_at):
        if facts.grade is None:
            continue
        rounds[facts.round] = rounds.get(facts.round, RoundTotals()).add(facts.answered_at, facts.grade)
        for competency, grade in facts.competencies.items():
            competencies[competency] = competencies.get(competency, CompetencyTotals()).add(
                facts.answered_at, grade
            )
    return competencies, rounds


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
