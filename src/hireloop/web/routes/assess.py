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
from hireloop.interview.versions import Version, compare, version
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
            must_show=q.rubric.must_show,
            also=q.rubric.also,
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
    """Commit the answer first, then grade it off the event loop (LLM calls never block it), then store."""
    document, _ = await _grade_and_store(
        db, user, request, save=save, grader=grader, keep_audio=keep_audio, idempotency_key=idempotency_key
    )
    return document


async def _grade_and_store(
    db,
    user: str,
    request: GradingRequest,
    *,
    save: bool,
    grader=None,
    keep_audio=None,
    idempotency_key: str | None = None,
    revises: str | None = None,
):
    """``grade_and_store``, also returning the stored answer row (None when not saved).

    ``keep_audio`` runs on the committed answer row before grading (a spoken answer keeps its recording).
    A resubmission with the same idempotency key returns the stored assessment: nothing is stored twice.
    ``revises`` makes the answer a new version of an earlier one (the first version's id).
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
            revises=revises,
        )
        done = repo.latest_assessment(session=db, answer_id=row.id)
        if done is not None:
            return done.document, row
        if keep_audio is not None:
            await run_in_threadpool(keep_audio, row)
    # Hand the connection back while grading: 50 requests grading at once would otherwise hold every
    # pooled connection, and the next request's checkout would block the event loop (and the server).
    if db.in_transaction():
        db.commit()
    assessment = await run_in_threadpool((grader or default_grader()).assess, request)
    document = assessment.to_contract()
    if row is not None:
        repo.record_assessment(session=db, answer_id=row.id, document=document)
    return document, row


def answer_history(db, user: str, answer_id: str) -> list[Version]:
    """Every version of an answer with its grade and concerns, oldest first."""
    out = []
    for number, row in enumerate(repo.answer_versions(session=db, user_id=user, answer_id=answer_id), 1):
        assessment = repo.latest_assessment(session=db, answer_id=row.id)
        out.append(version(number, row.id, row.created_at, assessment.document if assessment else None))
    return out


def _form_context(
    bank: Bank, settings, *, selected: str, form: dict, error: str | None, submission: str = ""
) -> dict:
    return {
        "questions": filter_questions(bank),
        "selected": selected,
        "form": form,
        "error": error,
        "llm": settings.llm_base_url if settings.llm_configured else None,
        "engines": ENGINES,
        "submission": submission or repo.new_id(),  # the form's idempotency key
    }


@router.get("/grade", response_class=HTMLResponse)
def grade_form(
    request: Request,
    bank: BankDep,
    templates: TemplatesDep,
    settings: SettingsDep,
    db: SessionDep,
    user: UserDep,
    question_id: str | None = None,
    revise: str | None = None,
) -> HTMLResponse:
    """The form; ``?revise=ANSWER_ID`` opens an earlier answer to edit and regrade as a new version."""
    form: dict[str, Any] = {}
    if revise:
        row = repo.get_answer(session=db, user_id=user, answer_id=revise)
        if row is None:
            raise HTTPException(404, "No answer of yours with that id to revise.")
        question_id = row.question_id if row.question_id in bank.questions else None
        form = {
            "answer": row.text,
            "question": "" if question_id else row.question_text,
            "round": row.round,
            "revises": row.revises or row.id,
            "versions": answer_history(db, user, row.id),
        }
    context = _form_context(bank, settings, selected=question_id or "", form=form, error=None)
    return templates.TemplateResponse(request, "grade.html", context)


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
    revises: Annotated[str, Form()] = "",
) -> HTMLResponse:
    form = {
        "answer": answer,
        "question": question,
        "round": round,
        "engine": engine,
        "audio": audio,
        "revises": revises,
    }
    root = None
    if revises:
        earlier = repo.get_answer(session=db, user_id=user, answer_id=revises)
        if earlier is None:
            raise HTTPException(422, "The answer to revise is not one of yours.")
        root = earlier.revises or earlier.id
        form["versions"] = answer_history(db, user, root)
    try:
        grading = build_request(
            bank, round_id=round or None, question_id=question_id or None, question=question, answer=answer
        )
        if not answer.strip():
            raise ValueError("write your answer before grading it")
    except ValueError as exc:
        context = _form_context(
            bank, settings, selected=question_id, form=form, error=str(exc), submission=submission
        )
        return templates.TemplateResponse(request, "grade.html", context, status_code=422)
    from hireloop.voice.recording import from_upload, keep

    recording = from_upload(settings, user, audio)
    kept: dict[str, Any] = {}

    def keep_audio(row) -> None:
        if recording is not None:
            kept["delivery"] = keep(recording, settings=settings, db=db, answer=row).to_json()
            kept["audio_url"] = f"/answers/{row.id}/audio"

    document, row = await _grade_and_store(
        db,
        user,
        grading,
        save=True,
        grader=engine_grader(settings, engine),
        keep_audio=keep_audio,
        idempotency_key=submission or None,
        revises=root,
    )
    versions = answer_history(db, user, row.id)
    comparison = compare(versions[-2], versions[-1]) if len(versions) > 1 else None
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
            "answer_id": row.id,
            "root": root or row.id,
            "versions": versions,
            "comparison": comparison,
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
