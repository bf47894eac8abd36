"""Where the user stands: readiness, trends, drills and exercises, gathered from the store into one report.

``build_report`` is pure (data and time in); ``load_report`` reads the store and calls it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hireloop.bank.loader import Bank
from hireloop.drills.scheduler import RetentionSummary, retention_summary
from hireloop.plan.aggregates import readiness_from_totals
from hireloop.plan.readiness import (
    CompetencyReadiness,
    GradedAnswer,
    LoopOutcome,
    ReadinessEstimate,
    competency_readiness,
    readiness_estimate,
    round_trends,
    weekly_trend,
)
from hireloop.vocab import ROUNDS

if TYPE_CHECKING:
    from hireloop.store.stats import UserTotals


@dataclass(frozen=True)
class ExerciseStats:
    attempts: int
    correct: int
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (correct, attempts)


@dataclass(frozen=True)
class ProgressReport:
    readiness: list[CompetencyReadiness]
    estimate: ReadinessEstimate
    trends: dict[str, list[tuple[datetime, int]]]
    slopes: dict[str, float | None]
    drills: RetentionSummary
    exercises: ExerciseStats
    answers: int
    interview_date: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "interview_date": self.interview_date.isoformat() if self.interview_date else None,
            "readiness": [
                {
                    "id": r.id,
                    "score": r.score,
                    "evidence": r.evidence,
                    "weight": round(r.weight, 3),
                    "confidence": r.confidence,
                    "last_seen": r.last_seen.isoformat() if r.last_seen else None,
                }
                for r in self.readiness
            ],
            "estimate": {
                "overall": self.estimate.overall,
                "verdict": self.estimate.verdict,
                "days_left": self.estimate.days_left,
                "projected": self.estimate.projected,
                "projected_verdict": self.estimate.projected_verdict,
                "blockers": self.estimate.blockers,
                "not_assessed": self.estimate.not_assessed,
                "summary": self.estimate.summary,
                "latest_loop": (
                    {
                        "decision": self.estimate.latest_loop.decision,
                        "decided_at": self.estimate.latest_loop.decided_at.isoformat(),
                        "capped": self.estimate.capped_by_loop,
                    }
                    if self.estimate.latest_loop
                    else None
                ),
            },
            "trends": {
                r: [{"at": t.isoformat(), "grade": g} for t, g in pts] for r, pts in self.trends.items()
            },
            "slopes_per_week": self.slopes,
            "drills": {
                "reviewed": self.drills.reviewed,
                "due_now": self.drills.due_now,
                "new": self.drills.new,
                "retention": self.drills.retention,
            },
            "exercises": {
                "attempts": self.exercises.attempts,
                "correct": self.exercises.correct,
                "by_kind": {k: {"correct": c, "attempts": a} for k, (c, a) in self.exercises.by_kind.items()},
            },
        }


def graded_answer(answered_at: datetime, round_id: str, document: Mapping[str, Any]) -> GradedAnswer:
    competencies = {c["id"]: c["grade"] for c in document.get("competencies", [])}
    grade = document.get("grade") if document.get("status") == "graded" else None
    return GradedAnswer(answered_at=answered_at, round=round_id, grade=grade, competencies=competencies)


def build_report(
    history: list[GradedAnswer],
    *,
    cards: Iterable[Any],
    drill_states: Mapping[str, Mapping[str, Any]],
    attempts: Iterable[tuple[str, bool]],
    interview_date: date | None,
    now: datetime,
    latest_loop: LoopOutcome | None = None,
) -> ProgressReport:
    """The report from every graded answer (the reference the running totals are checked against)."""
    trends = round_trends(history)
    return _assemble(
        readiness=competency_readiness(history, now),
        trends=trends,
        slopes={r: weekly_trend(p) for r, p in trends.items()},
        answers=sum(1 for h in history if h.grade is not None),
        cards=cards,
        drill_states=drill_states,
        attempts=Counter(attempts),
        interview_date=interview_date,
        now=now,
        latest_loop=latest_loop,
    )


def build_report_from_totals(
    totals: UserTotals,
    *,
    cards: Iterable[Any],
    drill_states: Mapping[str, Mapping[str, Any]],
    attempts: Mapping[tuple[str, bool], int],
    interview_date: date | None,
    now: datetime,
    latest_loop: LoopOutcome | None = None,
) -> ProgressReport:
    """The report from running totals: its cost does not grow with the number of answers.

    Trend lines show each round's most recent graded answers; the slope covers all of them.
    """
    return _assemble(
        readiness=readiness_from_totals(totals.competencies, now),
        trends={r: totals.recent.get(r, []) for r in ROUNDS if r in totals.rounds},
        slopes={r: totals.rounds[r].slope() for r in ROUNDS if r in totals.rounds},
        answers=totals.graded,
        cards=cards,
        drill_states=drill_states,
        attempts=attempts,
        interview_date=interview_date,
        now=now,
        latest_loop=latest_loop,
    )


def _assemble(
    *,
    readiness: list[CompetencyReadiness],
    trends: dict[str, list[tuple[datetime, int]]],
    slopes: dict[str, float | None],
    answers: int,
    cards: Iterable[Any],
    drill_states: Mapping[str, Mapping[str, Any]],
    attempts: Mapping[tuple[str, bool], int],
    interview_date: date | None,
    now: datetime,
    latest_loop: LoopOutcome | None = None,
) -> ProgressReport:
    drills = retention_summary(cards, drill_states, now=now)
    today = now.date()
    estimate = readiness_estimate(
        readiness,
        drills.retention,
        interview_date if interview_date and interview_date > today else None,
        today,
        latest_loop=latest_loop,
    )
    tally = Counter(attempts)
    kinds = sorted({k for k, _ in tally})
    by_kind = {k: (tally[(k, True)], tally[(k, True)] + tally[(k, False)]) for k in kinds}
    exercises = ExerciseStats(
        attempts=sum(tally.values()), correct=sum(v for (_, ok), v in tally.items() if ok), by_kind=by_kind
    )
    return ProgressReport(
        readiness=readiness,
        estimate=estimate,
        trends=trends,
        slopes=slopes,
        drills=drills,
        exercises=exercises,
        answers=answers,
        interview_date=interview_date,
    )


def load_history(db: Session, user: str) -> list[GradedAnswer]:
    from hireloop.store import repository as repo

    return [
        graded_answer(answer.created_at, answer.round, assessment.document)
        for answer, assessment in repo.graded_history(session=db, user_id=user)
    ]


def latest_loop_outcome(db: Session, user: str) -> LoopOutcome | None:
    """The decision of the newest finished full loop (single rounds do not count)."""
    from hireloop.store import repository as repo

    for row in repo.newest_sessions(session=db, user_id=user, kind="loop", status="finished"):
        debrief = row.state.get("debrief")
        if debrief:
            return LoopOutcome(decided_at=row.updated_at, decision=debrief["decision"])
    return None


_UNREAD = object()


def load_report(
    db: Session,
    user: str,
    bank: Bank,
    *,
    now: datetime,
    totals: UserTotals | None = None,
    profile: Any = _UNREAD,
) -> ProgressReport:
    """Read a user's running totals, drill states, exercise tallies and latest loop: a handful of small
    queries. ``profile``: the user's profile row (or None) when the caller has read it already."""
    from hireloop.drills import store
    from hireloop.store import repository as repo
    from hireloop.store.stats import load_totals

    if profile is _UNREAD:
        profile = repo.get_profile(session=db, user_id=user)
    return build_report_from_totals(
        totals if totals is not None else load_totals(session=db, user_id=user),
        cards=bank.cards.values(),
        drill_states=store.load_states(session=db, user_id=user),
        attempts=store.attempt_tally(session=db, user_id=user),
        interview_date=profile.interview_date if profile else None,
        now=now,
        latest_loop=latest_loop_outcome(db, user),
    )


def load_reports(db: Session, users: list[str], bank: Bank, *, now: datetime) -> dict[str, ProgressReport]:
    """Reports for many users (the coach's cohort page) in a fixed number of queries."""
    from hireloop.drills import store
    from hireloop.store.stats import load_totals_many
    from hireloop.store.tables import ProfileRow

    totals = load_totals_many(session=db, user_ids=users)
    states = store.load_states_many(session=db, user_ids=users)
    tallies = store.attempt_tally_many(session=db, user_ids=users)
    dates = (
        {
            row.user_id: row.interview_date
            for row in db.scalars(select(ProfileRow).where(ProfileRow.user_id.in_(users)))
        }
        if users
        else {}
    )
    cards = list(bank.cards.values())
    return {
        user: build_report_from_totals(
            totals[user],
            cards=cards,
            drill_states=states.get(user, {}),
            attempts=tallies.get(user, {}),
            interview_date=dates.get(user),
            now=now,
        )
        for user in users
    }
