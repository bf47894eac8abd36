"""A mock round: question, answer, up to three probes for the gaps, and the round's combined grade.

Pure: every step takes the state, the grader and the time, and returns a new state.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from hireloop.assess.models import Assessment, Grader, GradingRequest
from hireloop.bank.models import Question
from hireloop.interview.probing import (
    MAX_PROBES,
    WEAK_COMPETENCY_GRADE,
    ProbeChoice,
    next_probe,
    open_gaps,
)
from hireloop.vocab import FLAG_COMPETENCIES, FLAGS, GRADE_DECISIONS, RoundId

DEFAULT_MINUTES = {"ml_system_design": 45, "ai_product_sense": 45}
OTHER_MINUTES = 30
PROBE_SEPARATOR = "\n\n"
# Rephrases a chosen probe (the optional LLM interviewer); the gap choice itself never changes.
Phraser = Callable[[ProbeChoice, "RoundState"], ProbeChoice]


class ProbeTurn(BaseModel):
    probe: str
    tests: str
    source: Literal["bank", "generated", "llm", "misconception"]
    answer: str | None = None
    closed_flags: list[str] = Field(default_factory=list)
    # "probe 1 of 3": how many probes the interviewer meant to ask when this one was asked.
    of: int | None = None
    # Whether the reply addressed the gap the probe tests (None until answered).
    addressed: bool | None = None


class RoundState(BaseModel):
    """Everything about one round, serialisable so a round can pause and resume."""

    round: RoundId
    question: str
    question_id: str | None = None
    answer: str | None = None
    main: Assessment | None = None
    probes: list[ProbeTurn] = Field(default_factory=list)
    combined: Assessment | None = None
    needed_prompting: list[str] = Field(default_factory=list)
    score: float | None = None
    grade: int | None = None
    started_at: datetime | None = None
    time_limit_minutes: int | None = None
    finished: bool = False

    @property
    def pending_probe(self) -> ProbeTurn | None:
        last = self.probes[-1] if self.probes else None
        return last if last is not None and last.answer is None and not self.finished else None

    @property
    def stage(self) -> str:
        if self.finished:
            return "finished"
        if self.answer is None:
            return "answer"
        return "probe"

    def deadline(self) -> datetime | None:
        if self.started_at is None or self.time_limit_minutes is None:
            return None
        from datetime import timedelta

        return self.started_at + timedelta(minutes=self.time_limit_minutes)


def default_minutes(round_id: str) -> int:
    return DEFAULT_MINUTES.get(round_id, OTHER_MINUTES)


def start_round(
    *,
    round_id: RoundId,
    question: str,
    question_id: str | None,
    now: datetime | None,
    timed: bool = False,
    minutes: int | None = None,
) -> RoundState:
    """A new round; ``now=None`` leaves the clock unstarted until ``begin_clock``."""
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return RoundState(
        round=round_id,
        question=question,
        question_id=question_id,
        started_at=now,
        time_limit_minutes=(minutes or default_minutes(round_id)) if timed else None,
    )


def begin_clock(state: RoundState, now: datetime) -> RoundState:
    """Start the round's clock the first time the candidate sees the question."""
    if state.started_at is not None:
        return state
    return state.model_copy(update={"started_at": now})


def _request(state: RoundState, text: str, question: Question | None) -> GradingRequest:
    return GradingRequest(
        round=state.round,
        question=state.question,
        question_id=state.question_id,
        answer=text,
        rubric=question.rubric.anchors() if question else None,
        must_show=question.rubric.must_show if question else [],
        also=question.rubric.also if question else [],
        notes=question.notes if question else [],
        competencies=question.competencies if question else [],
    )


def combined_text(state: RoundState) -> str:
    """The main answer followed by every probe answer: probes are judged in its context."""
    parts = [state.answer or ""] + [p.answer for p in state.probes if p.answer and p.answer.strip()]
    return PROBE_SEPARATOR.join(parts)


def _ask_next(state: RoundState, question: Question | None, phrase: Phraser | None = None) -> RoundState:
    current = state.combined or state.main
    assert current is not None
    asked = [(p.probe, p.tests) for p in state.probes]
    choice = next_probe(current, question, asked)
    if choice is None:
        return finish_round(state)
    if phrase is not None:
        choice = phrase(choice, state)
    probed = {p.tests for p in state.probes}
    remaining = [g for g in open_gaps(current, question) if g not in probed]
    planned = min(MAX_PROBES, len(state.probes) + max(1, len(remaining)))
    turn = ProbeTurn(  # type: ignore[arg-type]
        probe=choice.text, tests=choice.tests, source=choice.source, of=planned
    )
    return state.model_copy(update={"probes": [*state.probes, turn]})


def reply_span(state: RoundState) -> tuple[int, int]:
    """Where the last probe reply sits in ``combined_text(state)``: (start, end) offsets."""
    text = combined_text(state)
    last = state.probes[-1].answer if state.probes else None
    if not last or not last.strip():
        return (len(text), len(text))
    return (len(text) - len(last), len(text))


def hold_gap(previous: Assessment, combined: Assessment, gap: str) -> Assessment:
    """A reply that does not address the probe's gap does not close it: the gap stays as it was.

    A flag the reply did not answer stays raised (and the grade cannot rise past the grade before
    the reply); a weak competency keeps its earlier grade. Whatever else the reply added still counts.
    """
    if gap in FLAGS:
        before = next((f for f in previous.flags if f.id == gap), None)
        if before is None or any(f.id == gap for f in combined.flags):
            return combined
        grade = min(combined.grade or 1, previous.grade or 1)
        return combined.model_copy(
            update={
                "flags": [*combined.flags, before],
                "grade": grade,
                "decision": GRADE_DECISIONS[grade],
            }
        )
    earlier = {c.id: c for c in previous.competencies}
    if gap not in earlier:
        return combined
    competencies = [earlier[gap] if c.id == gap else c for c in combined.competencies]
    return combined.model_copy(update={"competencies": competencies})


def addresses_gap(assessment: Assessment, gap: str, span: tuple[int, int]) -> bool:
    """The reply is graded for the probe's gap: the gap is no longer raised, and the evidence for it
    (a quote for the competency the gap belongs to) lies inside the reply itself."""
    start, end = span
    if start >= end:
        return False
    if gap in FLAGS:
        if any(f.id == gap for f in assessment.flags):
            return False
        wanted = set(FLAG_COMPETENCIES.get(gap, ()))
        minimum = 1
    else:
        wanted = {gap}
        minimum = WEAK_COMPETENCY_GRADE + 1
    for comp in assessment.competencies:
        if comp.id in wanted and comp.grade >= minimum and any(start <= e.start < end for e in comp.evidence):
            return True
    return False


def submit_answer(
    state: RoundState,
    answer: str,
    *,
    grader: Grader,
    question: Question | None,
    phrase: Phraser | None = None,
) -> RoundState:
    """Grade the main answer, then ask the first probe (or finish when nothing important is missing)."""
    main = grader.assess(_request(state, answer, question))
    state = state.model_copy(update={"answer": answer, "main": main, "combined": main})
    if main.status != "graded":
        return finish_round(state)
    return _ask_next(state, question, phrase)


def submit_probe_answer(
    state: RoundState,
    answer: str,
    *,
    grader: Grader,
    question: Question | None,
    phrase: Phraser | None = None,
) -> RoundState:
    """Record the answer to the pending probe, regrade in context, then probe again or finish."""
    pending = state.pending_probe
    if pending is None:
        raise ValueError("no probe is waiting for an answer")
    previous = state.combined or state.main
    probes = [*state.probes[:-1], pending.model_copy(update={"answer": answer})]
    state = state.model_copy(update={"probes": probes})
    combined = grader.assess(_request(state, combined_text(state), question))
    if combined.status != "graded":
        combined = previous
    addressed = combined is not previous and addresses_gap(combined, pending.tests, reply_span(state))
    if not addressed:
        combined = hold_gap(previous, combined, pending.tests)  # type: ignore[arg-type]
    # Flags the reply closed: its own gap when it addressed it, and any other it happened to cover.
    closed = sorted({f.id for f in previous.flags} - {f.id for f in combined.flags})  # type: ignore[union-attr]
    probes[-1] = probes[-1].model_copy(update={"closed_flags": closed, "addressed": addressed})
    state = state.model_copy(update={"probes": probes, "combined": combined})
    return _ask_next(state, question, phrase)


def skip_probe(state: RoundState, *, grader: Grader, question: Question | None) -> RoundState:
    """The candidate had no answer: the gap stays open."""
    return submit_probe_answer(state, "", grader=grader, question=question)


def round_score(main: Assessment | None, final: Assessment | None) -> float:
    """Gaps closed only under probing earn half the improvement: better than never, worse than unprompted."""
    if main is None or main.grade is None:
        return 1.0
    if final is None or final.grade is None or final.grade <= main.grade:
        return float(min(main.grade, final.grade if final and final.grade else main.grade))
    return main.grade + (final.grade - main.grade) / 2


def finish_round(state: RoundState) -> RoundState:
    main, final = state.main, state.combined or state.main
    score = round_score(main, final)
    raised_first = {f.id for f in main.flags} if main else set()
    still_raised = {f.id for f in final.flags} if final else set()
    needed = sorted(raised_first - still_raised)
    return state.model_copy(
        update={
            "finished": True,
            "score": score,
            "grade": max(1, math.floor(score)),
            "needed_prompting": needed,
        }
    )


def decision_for(grade: int | None) -> str | None:
    return GRADE_DECISIONS.get(grade) if grade else None
