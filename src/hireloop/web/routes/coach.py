"""The bullet coach on the web: paste bullets or upload a resume (PDF or text, size-limited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from hireloop.coach.extract import MAX_UPLOAD_BYTES, ResumeError, bullets_from_text, read_resume
from hireloop.coach.review import DEFAULT_ROLE, review_bullet, summarise
from hireloop.web.deps import BankDep, GraderDep, TemplatesDep

router = APIRouter(tags=["coach"])


@router.get("/bullets", response_class=HTMLResponse)
def bullets_page(request: Request, templates: TemplatesDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "bullets.html",
        {"role": DEFAULT_ROLE, "text": "", "error": None, "reviews": None, "limit": MAX_UPLOAD_BYTES},
    )


@router.post("/bullets", response_class=HTMLResponse)
async def bullets_review(
    request: Request,
    templates: TemplatesDep,
    bank: BankDep,
    grader: GraderDep,
    role: Annotated[str, Form()] = DEFAULT_ROLE,
    text: Annotated[str, Form()] = "",
    resume: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    context = {"role": role, "text": text, "error": None, "reviews": None, "limit": MAX_UPLOAD_BYTES}
    try:
        if resume is not None and resume.filename:
            data = await resume.read(MAX_UPLOAD_BYTES + 1)
            source = read_resume(data, resume.filename)
        else:
            source = text
        found = bullets_from_text(source)
        if not found:
            raise ResumeError("No bullets found: put one bullet per line (list markers allowed).")
    except ResumeError as exc:
        return templates.TemplateResponse(
            request, "bullets.html", context | {"error": str(exc)}, status_code=422
        )
    reviews = await run_in_threadpool(
        lambda: [review_bullet(b.text, role=role, grader=grader, line=b.line) for b in found]
    )
    return templates.TemplateResponse(
        request,
        "bullets.html",
        context | {"reviews": reviews, "summary": summarise(reviews, bank), "text": text},
    )
