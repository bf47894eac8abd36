"""Target roles on the web: paste or upload a job description, read what was found (with quotes),
correct any field, start a loop for the role."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from hireloop.coach.extract import MAX_UPLOAD_BYTES, ResumeError, read_resume
from hireloop.targets import store
from hireloop.targets.extract import JobDescriptionError, check_job_description
from hireloop.targets.models import CorrectionError, parse_corrections
from hireloop.web.deps import BankDep, SessionDep, TemplatesDep, UserDep
from hireloop.web.highlight import segments

router = APIRouter(tags=["targets"])


def _load(db, user: str, target_id: str):
    try:
        return store.get_target(session=db, user_id=user, target_id=target_id)
    except store.TargetNotFound as exc:
        raise HTTPException(404, str(exc)) from None


def _parse_date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise JobDescriptionError(f"Interview date: expected YYYY-MM-DD, got '{value}'.") from None


def _list_context(db, user: str) -> dict:
    rows = store.list_targets(session=db, user_id=user)
    return {
        "targets": [(r, store.profile_of(r)) for r in rows],
        "limit": MAX_UPLOAD_BYTES,
        "error": None,
        "text": "",
        "company": "",
        "when": "",
    }


@router.get("/targets", response_class=HTMLResponse)
def targets_page(request: Request, templates: TemplatesDep, db: SessionDep, user: UserDep) -> HTMLResponse:
    return templates.TemplateResponse(request, "targets.html", _list_context(db, user))


@router.post("/targets", response_model=None)
async def targets_add(
    request: Request,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    text: Annotated[str, Form()] = "",
    company: Annotated[str, Form()] = "",
    when: Annotated[str, Form()] = "",
    jd: Annotated[UploadFile | None, File()] = None,
    engine: Annotated[str, Form()] = "lexicon",
) -> HTMLResponse | RedirectResponse:
    try:
        interview = _parse_date(when)
        if jd is not None and jd.filename:
            data = await jd.read(MAX_UPLOAD_BYTES + 1)
            source, name = read_resume(data, jd.filename, "job description"), jd.filename
        else:
            source, name = text, "The pasted text"
        check_job_description(source, name=name)
    except (ResumeError, JobDescriptionError) as exc:
        context = _list_context(db, user) | {
            "error": str(exc),
            "text": text,
            "company": company,
            "when": when,
        }
        return templates.TemplateResponse(request, "targets.html", context, status_code=422)
    profile = None
    settings = request.app.state.settings
    if engine == "llm" and settings.llm_configured:
        from fastapi.concurrency import run_in_threadpool

        from hireloop.llm.client import LLMClient
        from hireloop.targets.llm import read_with_llm

        profile = await run_in_threadpool(read_with_llm, source, LLMClient(settings))
    row = store.add_target(
        session=db, user_id=user, text=source, company=company, interview_date=interview, profile=profile
    )
    return RedirectResponse(f"/targets/{row.id}", status_code=303)


def _spans(profile) -> list[tuple[int, int, str, str]]:
    spans = []
    for field in ("domains", "rounds", "skills"):
        for finding in getattr(profile, field):
            spans += [(q.start, q.end, "strength", finding.id) for q in finding.evidence]
    if profile.level:
        spans += [(q.start, q.end, "strength", profile.level.id) for q in profile.level.evidence]
    return spans


@router.get("/targets/{target_id}", response_class=HTMLResponse)
def target_page(
    request: Request, target_id: str, bank: BankDep, templates: TemplatesDep, db: SessionDep, user: UserDep
) -> HTMLResponse:
    from datetime import UTC, datetime

    from hireloop.plan.progress import load_report

    row = _load(db, user, target_id)
    profile = store.profile_of(row)
    report = load_report(db, user, bank, now=datetime.now(UTC))
    return templates.TemplateResponse(
        request,
        "target.html",
        {
            "row": row,
            "profile": profile,
            "segs": segments(row.text, _spans(profile)),
            "error": None,
            "readiness": store.readiness_for(row, report.readiness),
            "chosen": {
                f: set(profile.ids(f)) for f in ("domains", "level", "rounds", "competencies", "skills")
            },
        },
    )


@router.post("/targets/{target_id}/correct", response_model=None)
def target_correct(
    request: Request,
    target_id: str,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    domains: Annotated[list[str] | None, Form()] = None,
    level: Annotated[str, Form()] = "",
    rounds: Annotated[list[str] | None, Form()] = None,
    competencies: Annotated[list[str] | None, Form()] = None,
    skills: Annotated[list[str] | None, Form()] = None,
    company: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    when: Annotated[str, Form()] = "",
) -> HTMLResponse | RedirectResponse:
    row = _load(db, user, target_id)
    try:
        interview = _parse_date(when)
        corrections = parse_corrections(
            {
                "domains": domains or [],
                "level": level or None,
                "rounds": rounds or [],
                "competencies": competencies or [],
                "skills": skills or [],
            }
        )
    except (CorrectionError, JobDescriptionError) as exc:
        raise HTTPException(422, str(exc)) from None
    # Only fields that differ from what is shown become corrections, so untouched fields keep tracking
    # the extraction.
    shown = store.profile_of(row)
    changed = {
        f: getattr(corrections, f)
        for f in ("domains", "rounds", "competencies", "skills", "level")
        if getattr(corrections, f) is not None
        and (sorted(shown.ids(f)) != sorted(getattr(corrections, f) if f != "level" else [corrections.level]))
    }
    store.correct_target(
        session=db,
        user_id=user,
        target_id=target_id,
        corrections=parse_corrections(changed),
        company=company,
        title=title,
        interview_date=interview,
        clear_date=interview is None,
    )
    return RedirectResponse(f"/targets/{target_id}", status_code=303)


@router.post("/targets/{target_id}/delete")
def target_delete(target_id: str, db: SessionDep, user: UserDep) -> RedirectResponse:
    _load(db, user, target_id)
    store.remove_target(session=db, user_id=user, target_id=target_id)
    return RedirectResponse("/targets", status_code=303)
