"""Drill state per user in the store: FSRS states, review logs and exercise attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hireloop.drills.scheduler import Review
from hireloop.store.repository import ensure_user, new_id, now
from hireloop.store.tables import DrillStateRow, ExerciseAttemptRow, ReviewLogRow


def load_states(*, session: Session, user_id: str) -> dict[str, dict[str, Any]]:
    rows = session.scalars(select(DrillStateRow).where(DrillStateRow.user_id == user_id))
    return {row.card_id: row.state for row in rows}


def save_review(*, session: Session, user_id: str, result: Review) -> None:
    """Store the new state and the review log in one commit."""
    ensure_user(session=session, user_id=user_id)
    row = session.get(DrillStateRow, (user_id, result.card_id))
    if row is None:
        session.add(
            DrillStateRow(user_id=user_id, card_id=result.card_id, due=result.due, state=result.state)
        )
    else:
        row.due, row.state = result.due, result.state
    rating = {"again": 1, "hard": 2, "good": 3, "easy": 4}[result.rating]
    session.add(
        ReviewLogRow(
            id=new_id(),
            user_id=user_id,
            card_id=result.card_id,
            rating=rating,
            reviewed_at=result.reviewed_at,
        )
    )
    session.commit()


def make_due(*, session: Session, user_id: str, card_ids: list[str], when: datetime) -> None:
    """Bring these cards forward to ``when`` (the answer that showed the misconception they teach):
    a card never seen starts as a new FSRS card due then; a scheduled one keeps its memory state.
    The caller commits."""
    from fsrs import Card as FsrsCard

    for card_id in dict.fromkeys(card_ids):
        row = session.get(DrillStateRow, (user_id, card_id))
        if row is None:
            session.add(
                DrillStateRow(user_id=user_id, card_id=card_id, due=when, state=FsrsCard(due=when).to_dict())
            )
        elif row.due > when:
            row.due = when
            row.state = {**row.state, "due": when.isoformat()}


def review_logs(*, session: Session, user_id: str) -> list[ReviewLogRow]:
    query = select(ReviewLogRow).where(ReviewLogRow.user_id == user_id).order_by(ReviewLogRow.reviewed_at)
    return list(session.scalars(query))


def record_attempt(
    *, session: Session, user_id: str, kind: str, seed: int, correct: bool, detail: dict[str, Any]
) -> ExerciseAttemptRow:
    ensure_user(session=session, user_id=user_id)
    row = ExerciseAttemptRow(
        id=new_id(), user_id=user_id, kind=kind, seed=seed, correct=correct, detail=detail, created_at=now()
    )
    session.add(row)
    session.commit()
    return row


def attempts(*, session: Session, user_id: str) -> list[ExerciseAttemptRow]:
    query = select(ExerciseAttemptRow).where(ExerciseAttemptRow.user_id == user_id)
    return list(session.scalars(query.order_by(ExerciseAttemptRow.created_at)))


def attempt_tally(*, session: Session, user_id: str) -> dict[tuple[str, bool], int]:
    """(kind, correct) -> count, counted by the database rather than loaded row by row."""
    query = (
        select(ExerciseAttemptRow.kind, ExerciseAttemptRow.correct, func.count())
        .where(ExerciseAttemptRow.user_id == user_id)
        .group_by(ExerciseAttemptRow.kind, ExerciseAttemptRow.correct)
    )
    return {(kind, bool(correct)): count for kind, correct, count in session.execute(query)}


def load_states_many(*, session: Session, user_ids: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    if user_ids:
        for row in session.scalars(select(DrillStateRow).where(DrillStateRow.user_id.in_(user_ids))):
            out.setdefault(row.user_id, {})[row.card_id] = row.state
    return out


def attempt_tally_many(*, session: Session, user_ids: list[str]) -> dict[str, dict[tuple[str, bool], int]]:
    out: dict[str, dict[tuple[str, bool], int]] = {}
    if not user_ids:
        return out
    query = (
        select(ExerciseAttemptRow.user_id, ExerciseAttemptRow.kind, ExerciseAttemptRow.correct, func.count())
        .where(ExerciseAttemptRow.user_id.in_(user_ids))
        .group_by(ExerciseAttemptRow.user_id, ExerciseAttemptRow.kind, ExerciseAttemptRow.correct)
    )
    for user_id, kind, correct, count in session.execute(query):
        out.setdefault(user_id, {})[(kind, bool(correct))] = count
    return out
