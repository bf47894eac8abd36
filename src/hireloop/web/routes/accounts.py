"""Multi-user mode: sign in and out, and the coach's view of the cohort."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Annotated

import anyio
from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from hireloop.accounts import accounts, authenticate
from hireloop.config import Settings
from hireloop.plan.progress import load_reports
from hireloop.signins import COOKIE, SIGN_IN_LIFETIME, end_sign_in, start_sign_in
from hireloop.store import repository as repo
from hireloop.web.deps import BankDep, CoachDep, SessionDep, SettingsDep, TemplatesDep
from hireloop.web.throttle import LoginThrottle

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
async def login(
    request: Request,
    templates: TemplatesDep,
    settings: SettingsDep,
    user: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    if not settings.multi_user:
        raise HTTPException(404, "Sign-in exists only in multi-user mode.")
    throttle: LoginThrottle = request.app.state.login_throttle
    account = user.strip().lower()[:64]
    address = request.client.host if request.client else "unknown"
    refusal = await anyio.to_thread.run_sync(
        lambda: throttle.attempt(account=account, address=address, now=time.time())
    )
    if refusal:
        return templates.TemplateResponse(
            request,
            "login.html",
            {"next": _safe_next(next), "error": refusal.message},
            status_code=429,
            headers={"Retry-After": str(refusal.retry_after)},
        )

    def check_password() -> str | None:
        with request.app.state.sessions() as db:
            row = authenticate(session=db, user_id=account, password=password)
            if row is None:
                return None
            return start_sign_in(
                session=db, user_id=row.id, secret=settings.secret_key, now=datetime.now(UTC)
            )

    # Password hashing is deliberately slow: a few at a time, so a burst of sign-ins cannot take
    # every worker thread from the people already signed in.
    token = await anyio.to_thread.run_sync(check_password, limiter=request.app.state.hash_limiter)
    if token is None:
        return templates.TemplateResponse(
            request,
            "login.html",
            {"next": _safe_next(next), "error": "Unknown user or wrong password."},
            status_code=401,
        )
    await anyio.to_thread.run_sync(lambda: throttle.succeeded(account=account, address=address))
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(SIGN_IN_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=secure_cookie(request, settings),
    )
    return response


def secure_cookie(request: Request, settings: Settings) -> bool:
    """Secure cookies over HTTPS, or when the public address is https (TLS ends at a proxy)."""
    public = settings.public_url or ""
    return request.url.scheme == "https" or public.startswith("https://")


@router.post("/logout")
def logout(request: Request, settings: SettingsDep) -> RedirectResponse:
    token = request.cookies.get(COOKIE)
    if settings.multi_user and token:
        with request.app.state.sessions() as db:
            end_sign_in(session=db, token=token, secret=settings.secret_key)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, httponly=True, samesite="lax", secure=secure_cookie(request, settings))
    return response


@router.get("/cohort", response_class=HTMLResponse)
def cohort(
    request: Request, templates: TemplatesDep, db: SessionDep, bank: BankDep, coach: CoachDep
) -> HTMLResponse:
    """Every member's standing, for the coach who hosts the cohort."""
    rows = accounts(session=db)
    ids = [row.id for row in rows]
    reports = load_reports(db, ids, bank, now=datetime.now(UTC))
    last = repo.last_answer_times(session=db, user_ids=ids)
    members = [
        {"id": row.id, "role": row.role, "report": reports[row.id], "last": last.get(row.id)} for row in rows
    ]
    return templates.TemplateResponse(request, "cohort.html", {"members": members, "coach": coach})
