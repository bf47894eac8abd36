"""Repository functions: keyword-only, one unit of work each, committed before returning."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hireloop.inputs import MAX_KEY_CHARS, InputError, clean_text
from hireloop.store.database import retry_locked
from hireloop.store.tables import (
    AnswerRow,
    AssessmentRow,
    DraftRow,
    DrillStateRow,
    ExerciseAttemptRow,
    ProfileRow,
    ReviewLogRow,
    SessionRow,
    UserRow,
)


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> datetime:
    return datetime.now(UTC)


def ensure_user(*, session: Session, user_id: str) -> None:
    """Insert-or-get: twenty first requests at once create the user once and all succeed."""
    if session.get(UserRow, user_id) is None:
        from hireloop.store.stats import insert_ignore

        insert_ignore(session, UserRow, {"id": user_id, "created_at": now(), "role": "member"})


def record_answer(
    *,
    session: Session,
    user_id: str,
    round_id: str,
    question_text: str,
    text: str,
    question_id: str | None = None,
    session_id: str | None = None,
    kind: str = "main",
    idempotency_key: str | None = None,
    revises: str | None = None,
) -> AnswerRow:
    """Store an answer and commit at once, before anything grades it.

    With an ``idempotency_key`` (a hidden field of the form that sent it), a resubmission returns the
    answer already stored instead of storing it twice.
    """
    text, question_text = clean_text(text), clean_text(question_text)
    if idempotency_key:
        existing = answer_by_key(session=session, user_id=user_id, key=idempotency_key)
        if existing is not None:
            return existing
    values = dict(
        id=new_id(),
        user_id=user_id,
        round=round_id,
        question_id=question_id,
        question_text=question_text,
        text=text,
        session_id=session_id,
        kind=kind,
        created_at=now(),
        idempotency_key=idempotency_key or None,
        revises=revises,
    )

    def store() -> AnswerRow:
        session.rollback()
        ensure_user(session=session, user_id=user_id)
        row = AnswerRow(**values)
        session.add(row)
        session.commit()
        return row

    try:
        return retry_locked(store)  # an answer is never lost to a briefly locked database
    except IntegrityError:
        session.rollback()
        existing = answer_by_key(session=session, user_id=user_id, key=idempotency_key or "")
        if existing is None:
            raise
        return existing


def answer_by_key(*, session: Session, user_id: str, key: str) -> AnswerRow | None:
    query = select(AnswerRow).where(AnswerRow.user_id == user_id, AnswerRow.idempotency_key == key)
    return session.scalars(query).first()


def attach_audio(*, session: Session, answer_id: str, audio: str, delivery: dict[str, Any]) -> None:
    row = session.get(AnswerRow, answer_id)
    if row is not None:
        row.audio, row.delivery = audio, delivery
        session.commit()


def get_answer(*, session: Session, user_id: str, answer_id: str) -> AnswerRow | None:
    """An answer, only for its owner: another user's id reads as missing."""
    row = session.get(AnswerRow, answer_id)
    return row if row is not None and row.user_id == user_id else None


def delete_answer(*, session: Session, user_id: str, answer_id: str) -> AnswerRow | None:
    """Delete an answer, its assessments and its part in the running totals; returns the deleted row (its
    audio is the caller's to remove)."""
    from hireloop.store.stats import forget_answer

    row = get_answer(session=session, user_id=user_id, answer_id=answer_id)
    if row is None:
        return None
    for assessment in session.scalars(select(AssessmentRow).where(AssessmentRow.answer_id == answer_id)):
        session.delete(assessment)
    forget_answer(session=session, answer=row)
    session.flush()
    session.delete(row)
    session.commit()
    return row


def delivery_reports(*, session: Session, user_id: str) -> list[tuple[datetime, dict[str, Any]]]:
    """(answered at, delivery report) of every spoken answer, oldest first: two columns through the
    spoken-answers index, so written answers cost nothing."""
    query = (
        select(AnswerRow.created_at, AnswerRow.delivery)
        .where(AnswerRow.user_id == user_id, AnswerRow.delivery.is_not(None))
        .order_by(AnswerRow.created_at)
    )
    return [(at, delivery) for at, delivery in session.execute(query) if delivery]


def record_assessment(*, session: Session, answer_id: str, document: dict[str, Any]) -> AssessmentRow:
    """Store an assessment and fold it into the user's running totals in the same commit; the drill
    cards of the misconceptions it found become due at once."""
    from hireloop.store.stats import apply_assessment

    values = {
        "id": new_id(),
        "answer_id": answer_id,
        "engine": document.get("engine", "unknown"),
        "engine_version": document.get("engine_version", "unknown"),
        "document": document,
        "created_at": now(),
    }
    cards = [m["card"] for m in document.get("misconceptions") or [] if m.get("card")]

    def store() -> AssessmentRow:
        session.rollback()
        row = AssessmentRow(**values)
        session.add(row)
        session.flush()  # takes the write lock first, so the totals below are read under it
        answer = session.get(AnswerRow, answer_id)
        if answer is not None:
            apply_assessment(session=session, answer=answer, assessment=row)
            if cards:
                from hireloop.drills.store import make_due

                make_due(session=session, user_id=answer.user_id, card_ids=cards, when=row.created_at)
        session.commit()
        return row

    return retry_locked(store)


def list_answers(*, session: Session, user_id: str, limit: int | None = None) -> list[AnswerRow]:
    query = select(AnswerRow).where(AnswerRow.user_id == user_id).order_by(AnswerRow.created_at.desc())
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def session_answers(*, session: Session, user_id: str, session_id: str) -> list[AnswerRow]:
    """The answers of one round or loop, newest first (an indexed read, whatever the user's history)."""
    query = (
        select(AnswerRow)
        .where(AnswerRow.session_id == session_id, AnswerRow.user_id == user_id)
        .order_by(AnswerRow.created_at.desc())
    )
    return list(session.scalars(query))


def latest_assessment(*, session: Session, answer_id: str) -> AssessmentRow | None:
    query = (
        select(AssessmentRow)
        .where(AssessmentRow.answer_id == answer_id)
        .order_by(AssessmentRow.created_at.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def graded_history(*, session: Session, user_id: str) -> list[tuple[AnswerRow, AssessmentRow]]:
    """Every answer with its newest assessment, oldest first: what progress and plans read."""
    query = (
        select(AnswerRow, AssessmentRow)
        .join(AssessmentRow, AssessmentRow.answer_id == AnswerRow.id)
        .where(AnswerRow.user_id == user_id)
        .order_by(AnswerRow.created_at, AssessmentRow.created_at)
    )
    newest: dict[str, tuple[AnswerRow, AssessmentRow]] = {}
    for answer, assessment in session.execute(query):
        newest[answer.id] = (answer, assessment)
    return list(newest.values())


# Built once: the question page asks it on every visit, a 304 included.
_ANSWERED = (
    select(AnswerRow.id)
    .where(AnswerRow.user_id == bindparam("user_id"), AnswerRow.question_id == bindparam("question_id"))
    .limit(1)
)


def has_answered(*, session: Session | Connection, user_id: str, question_id: str) -> bool:
    """Whether the user has answered this question (one indexed lookup, however long the history).
    A plain Connection will do: about 40 µs on SQLite, where an ORM Session costs 180."""
    found = session.execute(_ANSWERED, {"user_id": user_id, "question_id": question_id}).first()
    return found is not None


def answered_question_ids(*, session: Session, user_id: str) -> set[str]:
    query = (
        select(AnswerRow.question_id)
        .where(AnswerRow.user_id == user_id, AnswerRow.question_id.is_not(None))
        .distinct()
    )
    return {qid for qid in session.scalars(query) if qid}


def save_session(
    *, session: Session, user_id: str, kind: str, status: str, state: dict[str, Any], session_id: str | None
) -> SessionRow:
    ensure_user(session=session, user_id=user_id)
    row = session.get(SessionRow, session_id) if session_id else None
    stamp = now()
    if row is None:
        row = SessionRow(
            id=session_id or new_id(),
            user_id=user_id,
            kind=kind,
            status=status,
            state=state,
            created_at=stamp,
            updated_at=stamp,
        )
        session.add(row)
    else:
        row.status, row.state, row.updated_at = status, state, stamp
    session.commit()
    return row


class AmbiguousId(LookupError):
    """An id prefix that matches more than one row; the message lists them."""


def get_session(*, session: Session, user_id: str, session_id: str) -> SessionRow | None:
    """A round or loop by its id or any unique prefix of it; AmbiguousId when the prefix is not unique."""
    row = session.get(SessionRow, session_id)
    if row is not None:
        return row if row.user_id == user_id else None
    if not session_id or len(session_id) >= 32:
        return None
    query = select(SessionRow).where(
        SessionRow.user_id == user_id, SessionRow.id.startswith(session_id, autoescape=True)
    )
    matches = list(session.scalars(query.limit(6)))
    if len(matches) > 1:
        listed = ", ".join(m.id for m in matches[:5])
        raise AmbiguousId(
            f"'{session_id}' matches more than one round or loop ({listed}); give more of the id"
        )
    return matches[0] if matches else None


def answer_versions(*, session: Session, user_id: str, answer_id: str) -> list[AnswerRow]:
    """Every version of an answer, oldest first: the first version and all that revise it."""
    row = session.get(AnswerRow, answer_id)
    if row is None or row.user_id != user_id:
        return []
    root = row.revises or row.id
    query = select(AnswerRow).where(
        AnswerRow.user_id == user_id, (AnswerRow.id == root) | (AnswerRow.revises == root)
    )
    return sorted(session.scalars(query), key=lambda a: a.created_at)


def find_answer(*, session: Session, user_id: str, prefix: str) -> AnswerRow | None:
    """An answer by its id or a unique start of it; None when nothing (or more than one) matches."""
    exact = get_answer(session=session, user_id=user_id, answer_id=prefix)
    if exact is not None or not prefix:
        return exact
    query = select(AnswerRow).where(
        AnswerRow.user_id == user_id, AnswerRow.id.startswith(prefix, autoescape=True)
    )
    matches = list(session.scalars(query.limit(2)))
    return matches[0] if len(matches) == 1 else None


def list_sessions(*, session: Session, user_id: str, kind: str | None = None) -> list[SessionRow]:
    query = select(SessionRow).where(SessionRow.user_id == user_id)
    if kind:
        query = query.where(SessionRow.kind == kind)
    return list(session.scalars(query.order_by(SessionRow.updated_at.desc())))


def newest_sessions(
    *, session: Session, user_id: str, kind: str | None = None, status: str | None = None
) -> Iterator[SessionRow]:
    """Sessions newest first, fetched a few at a time: a caller that stops at the first match never
    loads the rest of a long history."""
    query = select(SessionRow).where(SessionRow.user_id == user_id)
    if kind:
        query = query.where(SessionRow.kind == kind)
    if status:
        query = query.where(SessionRow.status == status)
    result = session.scalars(query.order_by(SessionRow.updated_at.desc()).execution_options(yield_per=8))
    try:
        yield from result
    finally:
        result.close()


def save_draft(*, session: Session, user_id: str, key: str, text: str) -> None:
    if len(key) > MAX_KEY_CHARS:
        raise InputError(f"key: expected at most {MAX_KEY_CHARS} characters, got {len(key)}")
    text = clean_text(text)
    ensure_user(session=session, user_id=user_id)
    row = session.get(DraftRow, (user_id, key))
    if row is None:
        session.add(DraftRow(user_id=user_id, key=key, text=text, updated_at=now()))
    else:
        row.text, row.updated_at = text, now()
    session.commit()


def get_draft(*, session: Session, user_id: str, key: str) -> str:
    row = session.get(DraftRow, (user_id, key))
    return row.text if row else ""


def delete_draft(*, session: Session, user_id: str, key: str) -> None:
    row = session.get(DraftRow, (user_id, key))
    if row is not None:
        session.delete(row)
        session.commit()


def count_rows(*, session: Session, user_id: str) -> dict[str, int]:
    """How much a user has stored, per kind of data."""
    counts: dict[str, int] = {}
    for name, table in (
        ("answers", AnswerRow),
        ("sessions", SessionRow),
        ("drill_states", DrillStateRow),
        ("review_logs", ReviewLogRow),
        ("exercise_attempts", ExerciseAttemptRow),
        ("drafts", DraftRow),
    ):
        counts[name] = session.scalar(select(func.count()).select_from(table).where(table.user_id == user_id))
    counts["assessments"] = session.scalar(
        select(func.count())
        .select_from(AssessmentRow)
        .join(AnswerRow, AnswerRow.id == AssessmentRow.answer_id)
        .where(AnswerRow.user_id == user_id)
    )
    return counts


def get_profile(*, session: Session, user_id: str) -> ProfileRow | None:
    return session.get(ProfileRow, user_id)


_KEEP: Any = object()


def save_profile(
    *,
    session: Session,
    user_id: str,
    interview_date: date | None,
    hours_per_week: float | None,
    target_role: str | None = _KEEP,
) -> ProfileRow:
    """Create or update the profile; ``target_role`` is left as it was unless given."""
    ensure_user(session=session, user_id=user_id)
    from hireloop.store.stats import insert_ignore

    if session.get(ProfileRow, user_id) is None:
        insert_ignore(session, ProfileRow, {"user_id": user_id, "updated_at": now()})
    row = session.get(ProfileRow, user_id, populate_existing=True)
    assert row is not None
    row.interview_date, row.hours_per_week, row.updated_at = interview_date, hours_per_week, now()
    if target_role is not _KEEP:
        row.target_role = target_role
    session.commit()
    return row


def last_answer_times(*, session: Session, user_ids: list[str]) -> dict[str, datetime | None]:
    """Each user's newest answer time in one query (an index lookup per user, not a scan)."""
    if not user_ids:
        return {}
    newest = select(func.max(AnswerRow.created_at)).where(AnswerRow.user_id == UserRow.id).scalar_subquery()
    rows = session.execute(select(UserRow.id, newest).where(UserRow.id.in_(user_ids)))
    parse = AnswerRow.__table__.c.created_at.type
    return {
        uid: parse.process_result_value(value, None) if isinstance(value, datetime) else _parse_when(value)
        for uid, value in rows
    }


def _parse_when(value: Any) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
