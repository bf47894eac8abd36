"""The bullet coach on the web: paste bullets or upload a resume (PDF or text, size-limited)."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from hireloop.coach.extract import (
    MAX_BULLETS,
    MAX_UPLOAD_BYTES,
    ResumeError,
    bullets_from_text,
    read_resume,
)
from hireloop.coach.review import DEFAULT_ROLE, review_bullet, summarise
from hireloop.web.deps import BankDep, GraderDep, SessionDep, TemplatesDep, UserDep

router = APIRouter(tags=["coach"])
_WORK = threading.BoundedSemaphore(2)  # PDF reads and reviews at once; more wait their turn


def _limited(work, *args):
    """CPU-bound coach work, a few at a time, so other pages stay fast meanwhile."""
    with _WORK:
        return work(*args)


def _targets(db, user: str) -> list[tuple[str, str]]:
    from hireloop.targets.store import list_targets, target_summary

    return [(t.id, target_summary(t)) for t in list_targets(session=db, user_id=user)]


@router.get("/bullets", response_class=HTMLResponse)
def bullets_page(
    request: Request, templates: TemplatesDep, db: SessionDep, user: UserDep, target: str = ""
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "bullets.html",
        {
            "role": DEFAULT_ROLE,
            "text": "",
            "error": None,
            "reviews": None,
            "limit": MAX_UPLOAD_BYTES,
            "targets": _targets(db, user),
            "target_id": target,
        },
    )


@router.post("/bullets", response_class=HTMLResponse)
async def bullets_review(
    request: Request,
    templates: TemplatesDep,
    bank: BankDep,
    grader: GraderDep,
    db: SessionDep,
    user: UserDep,
    role: Annotated[str, Form()] = DEFAULT_ROLE,
    text: Annotated[str, Form()] = "",
    resume: Annotated[UploadFile | None, File()] = None,
    target_id: Annotated[str, Form()] = "",
) -> HTMLResponse:
    from hireloop.targets.store import TargetNotFound, get_target, profile_of

    profile = None
    if target_id:
        try:
            row = get_target(session=db, user_id=user, target_id=target_id)
        except TargetNotFound as exc:
            raise HTTPException(404, str(exc)) from None
        profile = profile_of(row)
        if role == DEFAULT_ROLE and row.title:
            role = row.title
    context = {
        "role": role,
        "text": text,
        "error": None,
        "reviews": None,
        "limit": MAX_UPLOAD_BYTES,
        "targets": _targets(db, user),
        "target_id": target_id,
        "requirements": None,
    }
    try:
        if resume is not None and resume.filename:
            data = await resume.read(MAX_UPLOAD_BYTES + 1)
            source = await run_in_threadpool(_limited, read_resume, data, resume.filename)
        else:
            source = text
        found = bullets_from_text(source)
        if not found:
            raise ResumeError("No bullets found: put one bullet per line (list markers allowed).")
        if len(found) > MAX_BULLETS:
            raise ResumeError(
                f"{len(found)} bullets is over the {MAX_BULLETS} the coach reviews at once; send fewer."
            )
    except ResumeError as exc:
        return templates.TemplateResponse(
            request, "bullets.html", context | {"error": str(exc)}, status_code=422
        )
    reviews = await run_in_threadpool(
        _limited,
        lambda: [review_bullet(b.text, role=role, grader=grader, line=b.line) for b in found],
    )
    if profile is not None:
        from hireloop.coach.requirements import requirements

        context["requirements"] = requirements(profile, reviews)
    return templates.TemplateResponse(
        request,
        "bullets.html",
        context
        | {
            "reviews": reviews,
            "summary": (summary := summarise(reviews, bank)),
            "text": text,
            "titles": {q: bank.questions[q].title for s in summary.stories for q in s.questions},
        },
    )
