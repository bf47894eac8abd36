"""Multi-user mode: sign in and out, and the coach's view of the cohort."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from hireloop.accounts import accounts, authenticate
from hireloop.plan.progress import load_report
from hireloop.store import repository as repo
from hireloop.web.deps import BankDep, CoachDep, SessionDep, SettingsDep, TemplatesDep

router = APIRouter(tags=["accounts"])


def _safe_next(target: str) -> str:
    """Only local paths: never redirect a signed-in user to another site."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, templates: TemplatesDep, settings: SettingsDep, next: str = "/"
) -> HTMLResponse:
    if not settings.multi_user:
        raise HTTPException(404, "Sign-in exists only in multi-user mode.")
    return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    templates: TemplatesDep,
    settings: SettingsDep,
    db: SessionDep,
    user: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> HTMLResponse:
    if not settings.multi_user:
        raise HTTPException(404, "Sign-in exists only in multi-user mode.")
    row = authenticate(session=db, user_id=user, password=password)
    if row is None:
        return templates.TemplateResponse(
            request,
            "login.html",
            {"next": _safe_next(next), "error": "Unknown user or wrong password."},
            status_code=401,
        )
    request.session.clear()
    request.session.update({"user": row.id, "role": row.role})
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> RedirectResponse:
    if "session" in request.scope:
        request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/cohort", response_class=HTMLResponse)
def cohort(
    request: Request, templates: TemplatesDep, db: SessionDep, bank: BankDep, coach: CoachDep
) -> HTMLResponse:
    """Every member's standing, for the coach who hosts the cohort."""
    now = datetime.now(UTC)
    members = []
    for row in accounts(session=db):
        report = load_report(db, row.id, bank, now=now)
        last = repo.list_answers(session=db, user_id=row.id, limit=1)
        members.append(
            {"id": row.id, "role": row.role, "report": report, "last": last[0].created_at if last else None}
        )
    return templates.TemplateResponse(request, "cohort.html", {"members": members, "coach": coach})
