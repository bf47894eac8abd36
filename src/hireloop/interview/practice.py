"""Rounds and loops persisted: every answer is committed before it is graded, every step saved.

The CLI and the web call these; the pure round, loop and committee logic lives beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from hireloop.assess.models import Grader
from hireloop.bank.loader import Bank
from hireloop.interview.committee import Debrief, convene
from hireloop.interview.loop import LoopState, compose_loop
from hireloop.interview.round import (
    Phraser,
    RoundState,
    begin_clock,
    start_round,
    submit_answer,
    submit_probe_answer,
)
from hireloop.store import repository as repo
from hireloop.store.tables import AnswerRow, SessionRow
from hireloop.vocab import GRADE_DECISIONS


class SessionNotFound(LookupError):
    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        self.session_id = session_id

    def __str__(self) -> str:
        return f"no round or loop with id '{self.session_id}'"


def _now() -> datetime:
    return datetime.now(UTC)


class AmbiguousSession(SessionNotFound):
    def __init__(self, session_id: str, message: str) -> None:
        super().__init__(session_id)
        self.message = message

    def __str__(self) -> str:
        return self.message


def load(db: Session, user: str, session_id: str) -> SessionRow:
    """A round or loop by its id or any unique prefix of it."""
    try:
        row = repo.get_session(session=db, user_id=user, session_id=session_id)
    except repo.AmbiguousId as exc:
        raise AmbiguousSession(session_id, str(exc)) from None
    if row is None:
        raise SessionNotFound(session_id)
    return row


def loop_of(row: SessionRow) -> LoopState:
    if row.kind == "loop":
        return LoopState.model_validate(row.state["loop"])
    return LoopState(rounds=[RoundState.model_validate(row.state["round"])], seed=0)


def debrief_of(row: SessionRow) -> Debrief | None:
    doc = row.state.get("debrief")
    return Debrief.model_validate(doc) if doc else None


# Keys of a session's state that are not the loop itself and survive every save.
KEPT_STATE = ("story_id",)


def _save(
    db: Session,
    user: str,
    row_kind: str,
    loop: LoopState,
    session_id: str | None,
    bank: Bank,
    extra: dict[str, Any] | None = None,
) -> SessionRow:
    state: dict[str, Any]
    if row_kind == "loop":
        state = {"loop": loop.model_dump(mode="json")}
    else:
        state = {"round": loop.rounds[0].model_dump(mode="json")}
    state.update(extra or {})
    status = "active"
    if loop.finished:
        answered = repo.answered_question_ids(session=db, user_id=user)
        state["debrief"] = convene(loop.rounds, bank, answered=answered).model_dump(mode="json")
        status = "finished"
    return repo.save_session(
        session=db, user_id=user, kind=row_kind, status=status, state=state, session_id=session_id
    )


def start_practice_round(
    db: Session,
    user: str,
    *,
    bank: Bank,
    round_id: str,
    question_id: str | None,
    question_text: str | None,
    timed: bool,
    story_id: str | None = None,
) -> SessionRow:
    """Start one round; ``story_id`` (a behavioral round told from a story) gets the grade back."""
    question = bank.question(question_id) if question_id else None
    text = question.prompt if question else (question_text or "")
    state = start_round(
        round_id=question.round if question else round_id,  # type: ignore[arg-type]
        question=text,
        question_id=question_id,
        now=_now(),
        timed=timed,
    )
    extra = {"story_id": story_id} if story_id else None
    return _save(db, user, "round", LoopState(rounds=[state], seed=0, timed=timed), None, bank, extra)


def stress_order(profile) -> list[str]:
    """A target's stressed rounds, strongest first by how far each clears its threshold; behavioral
    last, since nearly every posting asks for leadership and every loop already has that round."""
    from hireloop.targets.lexicon import ROUND_MIN_SCORE

    ranked = sorted(
        profile.rounds, key=lambda r: (r.id == "behavioral", -r.score / ROUND_MIN_SCORE.get(r.id, 1.0))
    )
    return [r.id for r in ranked]


def start_loop(
    db: Session,
    user: str,
    *,
    bank: Bank,
    rounds: int,
    domain: str | None,
    difficulty: int | None,
    seed: int,
    allow_repeats: bool,
    timed: bool,
    target_id: str | None = None,
) -> SessionRow:
    """Start a loop; for a target role (``target_id``, the user's own) its domains and stressed rounds
    shape the loop. Raises TargetNotFound for someone else's or a missing target."""
    answered = repo.answered_question_ids(session=db, user_id=user)
    domains: list[str] = []
    stressed: list[str] = []
    if target_id:
        from hireloop.targets.store import get_target, profile_of

        profile = profile_of(get_target(session=db, user_id=user, target_id=target_id))
        domains = profile.ids("domains")
        stressed = stress_order(profile)
    loop = compose_loop(
        bank,
        rounds=rounds,
        domain=domain,
        difficulty=difficulty,
        seed=seed,
        answered=answered,
        allow_repeats=allow_repeats,
        timed=timed,
        domains=domains,
        stressed=stressed,
        target_id=target_id,
    )
    first = begin_clock(loop.rounds[0], _now())
    loop = loop.with_round(0, first)
    return _save(db, user, "loop", loop, None, bank)


def submit(
    db: Session,
    user: str,
    session_id: str,
    text: str,
    *,
    bank: Bank,
    grader: Grader,
    phrase: Phraser | None = None,
    on_recorded: Callable[[AnswerRow], object] | None = None,
) -> SessionRow:
    """Commit the text as an answer (main or probe) first, then grade it and save the new state.

    ``on_recorded`` runs once the answer is committed, before grading (a spoken answer keeps its audio).
    """
    row = load(db, user, session_id)
    loop = loop_of(row)
    current = loop.active
    if current is None:
        raise ValueError("this round is already finished")
    index = loop.current
    kind = "probe" if current.answer is not None else "main"
    step = draft_key(row.id, index, kind)
    # The step is the idempotency key: an answer already stored for it (a resubmission, or a crash
    # before the state was saved) is used as stored rather than stored twice.
    stored = repo.record_answer(
        session=db,
        user_id=user,
        round_id=current.round,
        question_text=current.question,
        text=text,
        question_id=current.question_id,
        session_id=row.id,
        kind=kind,
        idempotency_key=step,
    )
    if on_recorded is not None:
        on_recorded(stored)
    text = stored.text
    question = bank.questions.get(current.question_id) if current.question_id else None
    if kind == "main":
        updated = submit_answer(current, text, grader=grader, question=question, phrase=phrase)
    else:
        updated = submit_probe_answer(current, text, grader=grader, question=question, phrase=phrase)
    if updated.finished and updated.combined is not None:
        _record_round_assessment(db, user, row.id, updated)
    loop = loop.with_round(index, updated)
    if loop.active is not None and loop.active is not updated:
        loop = loop.with_round(loop.current, begin_clock(loop.active, _now()))
    repo.delete_draft(session=db, user_id=user, key=draft_key(row.id, index, kind))
    extra = {k: row.state[k] for k in KEPT_STATE if k in row.state}
    if updated.finished and extra.get("story_id"):
        _feed_story(db, user, extra["story_id"], row.id, updated)
    return _save(db, user, row.kind, loop, row.id, bank, extra)


def _feed_story(db: Session, user: str, story_id: str, session_id: str, state: RoundState) -> None:
    """The round told from a story is over: its grade goes on the story's record (if it still exists)."""
    from hireloop.stories.store import StoryNotFound, record_practice

    with suppress(StoryNotFound):
        record_practice(
            session=db,
            user_id=user,
            story_id=story_id,
            session_id=session_id,
            question_id=state.question_id,
            grade=state.grade,
            at=_now(),
        )


def _record_round_assessment(db: Session, user: str, session_id: str, state: RoundState) -> None:
    """Attach the round's final assessment to its main answer: progress and plans read it."""
    answers = [
        a
        for a in repo.session_answers(session=db, user_id=user, session_id=session_id)
        if a.kind == "main" and a.question_text == state.question
    ]
    if not answers:
        return
    document = state.combined.to_contract()  # type: ignore[union-attr]
    if document.get("grade") is not None and state.grade is not None:
        document = {
            **document,
            "grade": state.grade,
            "decision": GRADE_DECISIONS[state.grade],
            "round_score": state.score,
            "needed_prompting": state.needed_prompting,
        }
    repo.record_assessment(session=db, answer_id=answers[0].id, document=document)


def save_played_loop(db: Session, user: str, rounds: list[RoundState], *, bank: Bank) -> SessionRow:
    """Store a loop played elsewhere (``loop run --script``) as an interactive one is stored."""
    loop = LoopState(rounds=rounds, seed=0, current=len(rounds) - 1)
    row = repo.save_session(
        session=db, user_id=user, kind="loop", status="active", state={"loop": {}}, session_id=None
    )
    for index, state in enumerate(rounds):
        common = {
            "session": db,
            "user_id": user,
            "round_id": state.round,
            "question_text": state.question,
            "question_id": state.question_id,
            "session_id": row.id,
        }
        repo.record_answer(
            **common, text=state.answer or "", kind="main", idempotency_key=draft_key(row.id, index, "main")
        )
        for number, probe in enumerate(state.probes):
            if probe.answer is not None:
                repo.record_answer(
                    **common,
                    text=probe.answer,
                    kind="probe",
                    idempotency_key=f"{row.id}:{index}:probe{number}",
                )
        if state.finished and state.combined is not None:
            _record_round_assessment(db, user, row.id, state)
    return _save(db, user, "loop", loop, row.id, bank)


def current_step(row: SessionRow) -> str | None:
    """The key of the answer the session waits for (also its draft key), None when finished."""
    loop = loop_of(row)
    if loop.active is None:
        return None
    return draft_key(row.id, loop.current, "probe" if loop.active.answer is not None else "main")


def reconcile(db: Session, user: str, row: SessionRow, *, bank: Bank, grader: Grader) -> SessionRow:
    """Apply an answer stored for the current step that the saved state does not show yet."""
    step = current_step(row)
    if step is None or repo.answer_by_key(session=db, user_id=user, key=step) is None:
        return row
    return submit(db, user, row.id, "", bank=bank, grader=grader)


def draft_key(session_id: str, index: int, kind: str) -> str:
    return f"{session_id}:{index}:{kind}"
