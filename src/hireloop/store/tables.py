"""SQLAlchemy tables: everything a user produces (answers, assessments, sessions, drill state).

No ``from __future__ import annotations`` here: with real ``Mapped[...]`` annotations SQLAlchemy does not
have to compile and evaluate a hundred annotation strings every time a command opens the store."""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite drops the offset otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Multi-user mode only: a scrypt hash and a role ("member" or "coach").
    password_hash: Mapped[str | None] = mapped_column(String(256), nullable=True)
    role: Mapped[str] = mapped_column(String(16), default="member", server_default="member")
    disabled: Mapped[bool] = mapped_column(default=False, server_default=false())


class SignInRow(Base):
    """A server-side sign-in (multi-user mode): the cookie holds a random token, this row its keyed
    hash; deleting the row signs that browser out."""

    __tablename__ = "sign_ins"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SignInFailureRow(Base):
    """A failed (or pending) sign-in, by account or by client address, kept for the throttle's window so
    that every worker and host counts the same failures."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_kind_key_at", "kind", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(128))
    at: Mapped[float] = mapped_column(Float, index=True)  # seconds since the epoch


class AnswerRow(Base):
    """An answer as the user submitted it: committed before any grading."""

    __tablename__ = "answers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    round: Mapped[str] = mapped_column(String(32))
    question_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    question_text: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    session_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(16), default="main")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # A spoken answer: its recording, relative to <data dir>/audio, and the delivery report.
    audio: Mapped[str | None] = mapped_column(String(255), nullable=True)
    delivery: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    # From the form that sent it: a resubmission (double click, retry after a timeout) is stored once.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The answer this one is a revised version of (the first version's id), or None.
    revises: Mapped[str | None] = mapped_column(String(32), nullable=True)


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id"), index=True)
    engine: Mapped[str] = mapped_column(String(32))
    engine_version: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SessionRow(Base):
    """A mock round or a loop, with its whole state as a JSON document so it can resume."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DraftRow(Base):
    """Text being typed, saved continuously so a closed tab loses nothing."""

    __tablename__ = "drafts"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DrillStateRow(Base):
    __tablename__ = "drill_states"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    card_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    due: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)


class ReviewLogRow(Base):
    __tablename__ = "review_logs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    card_id: Mapped[str] = mapped_column(String(128))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ExerciseAttemptRow(Base):
    __tablename__ = "exercise_attempts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    seed: Mapped[int] = mapped_column(Integer)
    correct: Mapped[bool] = mapped_column()
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProfileRow(Base):
    """What a user told hireloop about their interview: the date and the hours they can give each week."""

    __tablename__ = "profiles"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    interview_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    hours_per_week: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_role: Mapped[str | None] = mapped_column(String(200), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TargetRow(Base):
    """A role the user is preparing for: its job description, what hireloop read from it, the user's
    corrections (kept apart so re-reading the text never loses them) and the interview date."""

    __tablename__ = "targets"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    company: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    interview_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    corrections: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StoryRow(Base):
    """A story for the behavioral rounds: its parts, and the rounds it was told in with their grades."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    parts: Mapped[dict[str, Any]] = mapped_column(JSON)
    practice: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AnswerGradeRow(Base):
    """An answer's newest assessment reduced to grades: the raw rows the aggregates are built from."""

    __tablename__ = "answer_grades"

    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    round: Mapped[str] = mapped_column(String(32))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    assessment_id: Mapped[str] = mapped_column(String(32))
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    grade: Mapped[int | None] = mapped_column(Integer, nullable=True)
    competencies: Mapped[dict[str, Any]] = mapped_column(JSON)


class CompetencyStatRow(Base):
    """Running totals per user and competency (see hireloop.plan.aggregates.CompetencyTotals)."""

    __tablename__ = "competency_stats"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    competency: Mapped[str] = mapped_column(String(32), primary_key=True)
    evidence: Mapped[int] = mapped_column(Integer, default=0)
    newest: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    weight_sum: Mapped[float] = mapped_column(Float, default=0.0)
    graded_sum: Mapped[float] = mapped_column(Float, default=0.0)


class RoundStatRow(Base):
    """Running least-squares totals per user and round (see hireloop.plan.aggregates.RoundTotals)."""

    __tablename__ = "round_stats"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    round: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    sx: Mapped[float] = mapped_column(Float, default=0.0)
    sy: Mapped[float] = mapped_column(Float, default=0.0)
    sxx: Mapped[float] = mapped_column(Float, default=0.0)
    sxy: Mapped[float] = mapped_column(Float, default=0.0)
    span: Mapped[float] = mapped_column(Float, default=0.0)  # weeks from the first to the last grade


Index("ix_answers_user_created", AnswerRow.user_id, AnswerRow.created_at)
Index("ux_answers_user_idempotency", AnswerRow.user_id, AnswerRow.idempotency_key, unique=True)
Index("ix_answer_grades_user_round", AnswerGradeRow.user_id, AnswerGradeRow.round, AnswerGradeRow.answered_at)
Index("ix_answers_user_question", AnswerRow.user_id, AnswerRow.question_id)
# Spoken answers only (a partial index): the delivery trends read them without visiting written ones.
Index(
    "ix_answers_user_spoken",
    AnswerRow.user_id,
    AnswerRow.created_at,
    sqlite_where=AnswerRow.delivery.is_not(None),
    postgresql_where=AnswerRow.delivery.is_not(None),
)
