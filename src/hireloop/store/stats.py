"""History aggregates in the store: kept current when an assessment is stored, rebuildable from raw rows.

``apply_assessment`` runs inside the transaction that stores an assessment, so the totals never
disagree with the answers they summarise. ``rebuild_user`` and ``rebuild_all`` recompute them from
the answers and assessments (``hireloop admin rebuild-stats``); a re-assessment of an answer, which
is rare, rebuilds that user's totals rather than subtracting floats.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, union_all
from sqlalchemy.orm import Session

from hireloop.plan.aggregates import AnswerFacts, CompetencyTotals, RoundTotals, facts_of, fold
from hireloop.store.tables import (
    AnswerGradeRow,
    AnswerRow,
    AssessmentRow,
    CompetencyStatRow,
    RoundStatRow,
    UserRow,
)
from hireloop.vocab import ROUNDS

TREND_POINTS = 30  # the trend lines show a round's most recent graded answers


def insert_ignore(session: Session, model: type, values: dict[str, Any]) -> None:
    """INSERT that does nothing when the primary key exists: safe when two requests race."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(dialect)
    session.execute(dialect_insert(model).values(**values).on_conflict_do_nothing())


def _competency_row(session: Session, user_id: str, competency: str) -> CompetencyStatRow:
    insert_ignore(
        session,
        CompetencyStatRow,
        {"user_id": user_id, "competency": competency, "evidence": 0, "weight_sum": 0.0, "graded_sum": 0.0},
    )
    query = select(CompetencyStatRow).where(
        CompetencyStatRow.user_id == user_id, CompetencyStatRow.competency == competency
    )
    return session.scalars(query.with_for_update()).one()


def _round_row(session: Session, user_id: str, round_id: str) -> RoundStatRow:
    insert_ignore(
        session,
        RoundStatRow,
        {
            "user_id": user_id,
            "round": round_id,
            **{"n": 0, "sx": 0.0, "sy": 0.0, "sxx": 0.0, "sxy": 0.0, "span": 0.0},
        },
    )
    query = select(RoundStatRow).where(RoundStatRow.user_id == user_id, RoundStatRow.round == round_id)
    return session.scalars(query.with_for_update()).one()


def _totals_of_competency(row: CompetencyStatRow) -> CompetencyTotals:
    return CompetencyTotals(row.evidence, row.newest, row.weight_sum, row.graded_sum)


def _totals_of_round(row: RoundStatRow) -> RoundTotals:
    return RoundTotals(row.n, row.origin, row.sx, row.sy, row.sxx, row.sxy, row.span)


def _add(session: Session, user_id: str, facts: AnswerFacts) -> None:
    if facts.grade is None:
        return
    row = _round_row(session, user_id, facts.round)
    t = _totals_of_round(row).add(facts.answered_at, facts.grade)
    row.n, row.origin, row.sx, row.sy, row.sxx, row.sxy = t.n, t.origin, t.sx, t.sy, t.sxx, t.sxy
    row.span = t.span
    for competency, grade in sorted(facts.competencies.items()):
        crow = _competency_row(session, user_id, competency)
        c = _totals_of_competency(crow).add(facts.answered_at, grade)
        crow.evidence, crow.newest, crow.weight_sum, crow.graded_sum = (
            c.evidence,
            c.newest,
            c.weight_sum,
            c.graded_sum,
        )


def apply_assessment(*, session: Session, answer: AnswerRow, assessment: AssessmentRow) -> None:
    """Fold a just-stored assessment into the user's totals (call after flushing it, before commit)."""
    facts = facts_of(round_id=answer.round, answered_at=answer.created_at, document=assessment.document)
    existing = session.get(AnswerGradeRow, answer.id, with_for_update=True)
    if existing is not None:
        if existing.assessed_at > assessment.created_at:
            return  # an older assessment arriving late: the newest one stands
        existing.assessment_id, existing.assessed_at = assessment.id, assessment.created_at
        existing.grade, existing.competencies = facts.grade, facts.competencies
        session.flush()
        _rebuild_totals(session, answer.user_id)
        return
    session.add(
        AnswerGradeRow(
            answer_id=answer.id,
            user_id=answer.user_id,
            round=answer.round,
            answered_at=answer.created_at,
            assessment_id=assessment.id,
            assessed_at=assessment.created_at,
            grade=facts.grade,
            competencies=facts.competencies,
        )
    )
    _add(session, answer.user_id, facts)


def forget_answer(*, session: Session, answer: AnswerRow) -> None:
    """Take a deleted answer out of the user's totals (rebuilt from the remaining per-answer grades)."""
    graded = session.get(AnswerGradeRow, answer.id, with_for_update=True)
    if graded is None:
        return
    session.delete(graded)
    session.flush()
    _rebuild_totals(session, answer.user_id)


def _newest_assessments(session: Session, user_id: str) -> Iterable[tuple[Any, ...]]:
    """(answer id, round, answered at, assessment id, assessed at, document), newest assessment per answer,
    oldest answer first (ties by id), read as a stream."""
    query = (
        select(
            AnswerRow.id,
            AnswerRow.round,
            AnswerRow.created_at,
            AssessmentRow.id,
            AssessmentRow.created_at,
            AssessmentRow.document,
        )
        .join(AssessmentRow, AssessmentRow.answer_id == AnswerRow.id)
        .where(AnswerRow.user_id == user_id)
        .order_by(AnswerRow.created_at, AnswerRow.id, AssessmentRow.created_at)
        .execution_options(yield_per=2000)
    )
    current: tuple[Any, ...] | None = None
    for row in session.execute(query):
        if current is not None and current[0] != row[0]:
            yield current
        current = tuple(row)
    if current is not None:
        yield current


def _write_totals(
    session: Session, user_id: str, competencies: dict[str, CompetencyTotals], rounds: dict[str, RoundTotals]
) -> None:
    session.execute(delete(CompetencyStatRow).where(CompetencyStatRow.user_id == user_id))
    session.execute(delete(RoundStatRow).where(RoundStatRow.user_id == user_id))
    for competency, c in competencies.items():
        session.execute(
            insert(CompetencyStatRow).values(
                user_id=user_id,
                competency=competency,
                evidence=c.evidence,
                newest=c.newest,
                weight_sum=c.weight_sum,
                graded_sum=c.graded_sum,
            )
        )
    for round_id, r in rounds.items():
        session.execute(
            insert(RoundStatRow).values(
                user_id=user_id,
                round=round_id,
                n=r.n,
                origin=r.origin,
                sx=r.sx,
                sy=r.sy,
                sxx=r.sxx,
                sxy=r.sxy,
                span=r.span,
            )
        )


def _facts_rows(session: Session, user_id: str) -> list[AnswerFacts]:
    query = select(
        AnswerGradeRow.round, AnswerGradeRow.answered_at, AnswerGradeRow.grade, AnswerGradeRow.competencies
    ).where(AnswerGradeRow.user_id == user_id)
    return [
        AnswerFacts(round=r, answered_at=at, grade=g, competencies=dict(c or {}))
        for r, at, g, c in session.execute(query)
    ]


def _rebuild_totals(session: Session, user_id: str) -> None:
    competencies, rounds = fold(_facts_rows(session, user_id))
    _write_totals(session, user_id, competencies, rounds)


_GRADE_COLUMNS = (
    "answer_id",
    "round",
    "answered_at",
    "assessment_id",
    "assessed_at",
    "grade",
    "competencies",
)
_SPOOL_CHUNK = 1000


def rebuild_user(*, session: Session, user_id: str) -> int:
    """Recompute a user's per-answer grades and totals from answers and assessments; returns answers read.

    Everything is read and computed first and written at the end, so the write lock is held only for
    the inserts; assessments stored meanwhile are folded in under that lock. The per-answer rows wait
    in a temporary file meanwhile, so memory stays flat however long the history.
    """
    mark = session.scalar(
        select(func.max(AssessmentRow.created_at))
        .join(AnswerRow, AnswerRow.id == AssessmentRow.answer_id)
        .where(AnswerRow.user_id == user_id)
    )
    with tempfile.TemporaryFile() as spool:
        chunk: list[tuple[Any, ...]] = []
        count = 0

        def history() -> Iterable[AnswerFacts]:
            nonlocal chunk, count
            for answer_id, round_id, answered_at, assessment_id, assessed_at, document in _newest_assessments(
                session, user_id
            ):
                facts = facts_of(
                    round_id=round_id,
                    answered_at=answered_at,
                    document=document if isinstance(document, dict) else {},
                )
                chunk.append(
                    (
                        answer_id,
                        round_id,
                        answered_at,
                        assessment_id,
                        assessed_at,
                        facts.grade,
                        facts.competencies,
                    )
                )
                count += 1
                if len(chunk) >= _SPOOL_CHUNK:
                    pickle.dump(chunk, spool, protocol=pickle.HIGHEST_PROTOCOL)
                    chunk = []
                yield facts

        competencies, rounds = fold(history(), ordered=True)
        if chunk:
            pickle.dump(chunk, spool, protocol=pickle.HIGHEST_PROTOCOL)
        spool.seek(0)
        session.execute(delete(AnswerGradeRow).where(AnswerGradeRow.user_id == user_id))
        while True:
            try:
                rows = pickle.load(spool)
            except EOFError:
                break
            session.execute(
                insert(AnswerGradeRow),
                [{"user_id": user_id, **dict(zip(_GRADE_COLUMNS, row, strict=True))} for row in rows],
            )
    _write_totals(session, user_id, competencies, rounds)
    if mark is not None:
        later = session.scalars(
            select(AssessmentRow)
            .join(AnswerRow, AnswerRow.id == AssessmentRow.answer_id)
            .where(AnswerRow.user_id == user_id, AssessmentRow.created_at > mark)
            .order_by(AssessmentRow.created_at)
        ).all()
        for assessment in later:
            answer = session.get(AnswerRow, assessment.answer_id)
            if answer is not None:
                apply_assessment(session=session, answer=answer, assessment=assessment)
    return count


def rebuild_all(*, session: Session, commit: bool = True) -> dict[str, int]:
    """Rebuild every user's aggregates, one user per transaction; returns answers read per user."""
    done = {}
    for user_id in list(session.scalars(select(UserRow.id).order_by(UserRow.id))):
        done[user_id] = rebuild_user(session=session, user_id=user_id)
        if commit:
            session.commit()
    return done


def _recent_statement() -> Any:
    """One statement for every round's newest grades: each part reads TREND_POINTS index entries."""
    parts = []
    for round_id in ROUNDS:
        part = (
            select(AnswerGradeRow.round, AnswerGradeRow.answered_at, AnswerGradeRow.grade)
            .where(
                AnswerGradeRow.user_id == bindparam("user_id"),
                AnswerGradeRow.round == round_id,
                AnswerGradeRow.grade.is_not(None),
            )
            .order_by(AnswerGradeRow.answered_at.desc())
            .limit(TREND_POINTS)
            .subquery()
        )
        parts.append(select(part))
    return union_all(*parts)


_RECENT = _recent_statement()


@dataclass(frozen=True)
class UserTotals:
    """What the progress report needs from a user's graded history."""

    competencies: dict[str, CompetencyTotals]
    rounds: dict[str, RoundTotals]
    recent: dict[str, list[tuple[datetime, int]]]  # per round, the newest TREND_POINTS grades, oldest first

    @property
    def graded(self) -> int:
        return sum(r.n for r in self.rounds.values())


def load_totals(*, session: Session, user_id: str, recent: bool = True) -> UserTotals:
    """Read the totals (a few rows) and, for trend lines, a bounded number of recent grades per round."""
    competencies = {
        row.competency: _totals_of_competency(row)
        for row in session.scalars(select(CompetencyStatRow).where(CompetencyStatRow.user_id == user_id))
    }
    rounds = {
        row.round: _totals_of_round(row)
        for row in session.scalars(select(RoundStatRow).where(RoundStatRow.user_id == user_id))
        if row.n
    }
    points: dict[str, list[tuple[datetime, int]]] = {r: [] for r in ROUNDS if r in rounds}
    if recent and points:
        for round_id, at, grade in session.execute(_RECENT, {"user_id": user_id}):
            if round_id in points:
                points[round_id].append((at, grade))
        for values in points.values():
            values.sort(key=lambda p: p[0])
    return UserTotals(competencies=competencies, rounds=rounds, recent=points)


def load_totals_many(*, session: Session, user_ids: list[str]) -> dict[str, UserTotals]:
    """Totals for many users in two queries (the coach's cohort page); no trend points."""
    out = {u: UserTotals(competencies={}, rounds={}, recent={}) for u in user_ids}
    if not user_ids:
        return out
    for row in session.scalars(select(CompetencyStatRow).where(CompetencyStatRow.user_id.in_(user_ids))):
        out[row.user_id].competencies[row.competency] = _totals_of_competency(row)
    for row in session.scalars(select(RoundStatRow).where(RoundStatRow.user_id.in_(user_ids))):
        if row.n:
            out[row.user_id].rounds[row.round] = _totals_of_round(row)
    return out


def ungraded_answer_ids(*, session: Session, limit: int = 500) -> list[str]:
    """Stand-alone answers committed but never graded (a crash between the two commits)."""
    query = (
        select(AnswerRow.id)
        .outerjoin(AssessmentRow, AssessmentRow.answer_id == AnswerRow.id)
        .where(AssessmentRow.id.is_(None), AnswerRow.session_id.is_(None), AnswerRow.kind == "main")
        .order_by(AnswerRow.created_at)
        .limit(limit)
    )
    return list(session.scalars(query))


def graded_count(*, session: Session, user_id: str) -> int:
    return session.scalar(
        select(func.coalesce(func.sum(RoundStatRow.n), 0)).where(RoundStatRow.user_id == user_id)
    )
