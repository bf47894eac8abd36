"""Grade an answer: the form, the debrief with evidence highlighted, and ``POST /api/assess``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from hireloop.assess import ENGINES, EngineError, default_grader, make_grader
from hireloop.assess.models import GradingRequest
from hireloop.bank.loader import Bank
from hireloop.bank.query import filter_questions
from hireloop.inputs import clean_text
from hireloop.store import repository as repo
from hireloop.vocab import ROUNDS, RoundId
from hireloop.web.deps import BankDep, SessionDep, SettingsDep, TemplatesDep, UserDep
from hireloop.web.highlight import evidence_spans, segments

router = APIRouter(tags=["assess"])
api = APIRouter(prefix="/api", tags=["assess-api"])

MAX_ANSWER_CHARS = 200_000


class AssessIn(BaseModel):
    engine: str = "rubric"
    round: RoundId | None = None
    question_id: str | None = None
    question: str | None = None
    answer: str = Field(max_length=MAX_ANSWER_CHARS)
    save: bool = True
    idempotency_key: str | None = Field(
        default=None, max_length=64, description="Sending the same key again returns the stored result."
    )


def build_request(
    bank: Bank, *, round_id: str | None, question_id: str | None, question: str | None, answer: str
) -> GradingRequest:
    """A grading request from a bank question or free text; raises ValueError with what is wrong."""
    answer = clean_text(answer)
    question = clean_text(question) if question else question
    if question_id:
        q = bank.questions.get(question_id)
        if q is None:
            raise ValueError(f"unknown question id '{question_id}'")
        return GradingRequest(
            round=q.round,
            question=q.prompt,
            question_id=q.id,
            answer=answer,
            rubric=q.rubric.anchors(),
            notes=q.notes,
            competencies=q.competencies,
        )
    if not question or not question.strip():
        raise ValueError("pick a bank question or write your own question")
    if round_id not in ROUNDS:
        raise ValueError(f"choose the round of your question; expected one of {', '.join(ROUNDS)}")
    return GradingRequest(round=round_id, question=question.strip(), answer=answer)  # type: ignore[arg-type]


def engine_grader(settings, engine: str):
    """The grader for an engine name, or HTTP 422 saying what is missing."""
    try:
        return make_grader(engine, settings)
    except EngineError as exc:
        raise HTTPException(422, str(exc)) from None


async def grade_and_store(
    db,
    user: str,
    request: GradingRequest,
    *,
    save: bool,
    grader=None,
    keep_audio=None,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    """Commit the answer first, then grade it off the event loop (LLM calls never block it), then store.

    ``keep_audio`` runs on the committed answer row before grading (a spoken answer keeps its recording).
    A resubmission with the same idempotency key returns the stored assessment: nothing is stored twice.
    """
    row = None
    if save:
        row = repo.record_answer(
            session=db,
            user_id=user,
            round_id=request.round,
            question_text=request.question,
            text=request.answer,
            question_id=request.question_id,
            idempotency_key=idempotency_key,
        )
        done = repo.latest_assessment(session=db, answer_id=row.id)
        if done is not None:
            return done.document
        if keep_audio is not None:
            await run_in_threadpool(keep_audio, row)
    assessment = await run_in_threadpool((grader or default_grader()).assess, request)
    document = assessment.to_contract()
    if row is not None:
        repo.record_assessment(session=db, answer_id=row.id, document=document)
    return document


@router.get("/grade", response_class=HTMLResponse)
def grade_form(
    request: Request,
    bank: BankDep,
    templates: TemplatesDep,
    settings: SettingsDep,
    question_id: str | None = None,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "grade.html",
        {
            "questions": filter_questions(bank),
            "selected": question_id or "",
            "form": {},
            "error": None,
            "llm": settings.llm_base_url if settings.llm_configured else None,
            "engines": ENGINES,
            "submission": repo.new_id(),
        },
    )


@router.post("/grade", response_class=HTMLResponse)
async def grade_submit(
    request: Request,
    bank: BankDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    settings: SettingsDep,
    answer: Annotated[str, Form()] = "",
    question_id: Annotated[str, Form()] = "",
    question: Annotated[str, Form()] = "",
    round: Annotated[str, Form()] = "",
    engine: Annotated[str, Form()] = "rubric",
    audio: Annotated[str, Form()] = "",
    submission: Annotated[str, Form(max_length=64)] = "",
) -> HTMLResponse:
    form = {"answer": answer, "question": question, "round": round, "engine": engine, "audio": audio}
    try:
        grading = build_request(
            bank, round_id=round or None, question_id=question_id or None, question=question, answer=answer
        )
    except ValueError as exc:
        return templates.TemplateResponse(
            request,
            "grade.html",
            {
                "questions": filter_questions(bank),
                "selected": question_id,
                "form": form,
                "error": str(exc),
                "llm": settings.llm_base_url if settings.llm_configured else None,
                "engines": ENGINES,
                "submission": submission or repo.new_id(),
            },
            status_code=422,
        )
    from hireloop.voice.recording import from_upload, keep

    recording = from_upload(settings, user, audio)
    kept: dict[str, Any] = {}

    def keep_audio(row) -> None:
        if recording is not None:
            kept["delivery"] = keep(recording, settings=settings, db=db, answer=row).to_json()
            kept["audio_url"] = f"/answers/{row.id}/audio"

    document = await grade_and_store(
        db,
        user,
        grading,
        save=True,
        grader=engine_grader(settings, engine),
        keep_audio=keep_audio,
        idempotency_key=submission or None,
    )
    return templates.TemplateResponse(
        request,
        "graded.html",
        {
            "grading": grading,
            "doc": document,
            "segments": segments(grading.answer, evidence_spans(document)),
            "llm_configured": settings.llm_configured and engine == "rubric",
            "delivery": kept.get("delivery"),
            "audio_url": kept.get("audio_url"),
        },
    )


@api.post("/assess")
async def api_assess(
    body: AssessIn, bank: BankDep, db: SessionDep, user: UserDep, settings: SettingsDep
) -> dict[str, Any]:
    """Grade one answer; returns exactly the ASSESSMENT.md document."""
    try:
        grading = build_request(
            bank,
            round_id=body.round,
            question_id=body.question_id,
            question=body.question,
            answer=body.answer,
        )
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    grader = engine_grader(settings, body.engine)
    return await grade_and_store(
        db, user, grading, save=body.save, grader=grader, idempotency_key=body.idempotency_key
    )
