"""Multi-user mode: a coach manages accounts (/members), anyone changes their own password (/account).
The same operations as ``hireloop user ...``; each change that affects sign-in ends the user's sign-ins."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import anyio
from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

from hireloop import accounts as acc
from hireloop.signins import COOKIE, SIGN_IN_LIFETIME, start_sign_in
from hireloop.web.deps import CoachDep, SessionDep, SettingsDep, TemplatesDep, UserDep
from hireloop.web.routes.accounts import secure_cookie

router = APIRouter(tags=["accounts"])

ACTIONS = ("set-role", "disable", "enable", "reset-password", "remove")


def _members_page(request: Request, templates, db, coach: str, *, notice=None, error=None, status=200):
    return templates.TemplateResponse(
        request,
        "members.html",
        {"members": acc.accounts(session=db), "coach": coach, "notice": notice, "error": error},
        status_code=status,
    )


@router.get("/members", response_class=HTMLResponse)
def members(request: Request, templates: TemplatesDep, db: SessionDep, coach: CoachDep) -> HTMLResponse:
    return _members_page(request, templates, db, coach)


@router.post("/members", response_class=HTMLResponse)
def add_member(
    request: Request,
    templates: TemplatesDep,
    db: SessionDep,
    coach: CoachDep,
    user: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "member",
    password: Annotated[str, Form()] = "",
) -> HTMLResponse:
    user = user.strip().lower()
    try:
        if any(existing.id == user for existing in acc.accounts(session=db)):
            raise acc.AccountError(f"'{user}' already has an account; reset its password below instead")
        acc.create_user(session=db, user_id=user, password=password, role=role)
    except acc.AccountError as exc:
        db.rollback()
        return _members_page(request, templates, db, coach, error=str(exc), status=422)
    return _members_page(request, templates, db, coach, notice=f"Account '{user}' created.", status=201)


@router.post("/members/{user_id}", response_class=HTMLResponse)
def change_member(
    request: Request,
    user_id: str,
    templates: TemplatesDep,
    db: SessionDep,
    coach: CoachDep,
    action: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> HTMLResponse:
    if action not in ACTIONS:
        raise HTTPException(422, f"Unknown action '{action}'; expected one of {', '.join(ACTIONS)}.")
    try:
        if user_id == coach and action in ("set-role", "disable", "remove"):
            raise acc.AccountError(
                "you cannot demote, disable or remove your own account here; another coach or "
                "'hireloop user' can"
            )
        if action == "set-role":
            acc.set_role(session=db, user_id=user_id, role=role)
            notice = f"'{user_id}' is now a {role}; their sign-ins ended."
        elif action in ("disable", "enable"):
            acc.set_disabled(session=db, user_id=user_id, disabled=action == "disable")
            notice = f"'{user_id}' is {action}d."
        elif action == "reset-password":
            acc.reset_password(session=db, user_id=user_id, password=password)
            notice = f"New password set for '{user_id}'; their sign-ins ended."
        else:
            if confirm != user_id:
                raise acc.AccountError(f"type '{user_id}' in the box to confirm removing all of their data")
            acc.remove_user(session=db, user_id=user_id)
            notice = f"'{user_id}' and all of their data are removed."
    except acc.AccountError as exc:
        db.rollback()
        return _members_page(request, templates, db, coach, error=str(exc), status=422)
    return _members_page(request, templates, db, coach, notice=notice)


@router.get("/account", response_class=HTMLResponse)
def account_page(
    request: Request, templates: TemplatesDep, settings: SettingsDep, user: UserDep
) -> HTMLResponse:
    if not settings.multi_user:
        raise HTTPException(404, "Accounts exist only in multi-user mode.")
    return templates.TemplateResponse(request, "account.html", {"user": user, "error": None, "notice": None})


@router.post("/account", response_class=HTMLResponse)
async def change_password(
    request: Request,
    templates: TemplatesDep,
    settings: SettingsDep,
    user: UserDep,
    current: Annotated[str, Form()] = "",
    new: Annotated[str, Form()] = "",
    again: Annotated[str, Form()] = "",
) -> Response:
    """A new password ends every sign-in of the user, this one included, then signs this browser in anew."""
    if not settings.multi_user:
        raise HTTPException(404, "Accounts exist only in multi-user mode.")

    def change() -> str:
        if new != again:
            raise acc.AccountError("the two new passwords differ")
        with request.app.state.sessions() as db:
            if acc.authenticate(session=db, user_id=user, password=current) is None:
                raise acc.AccountError("the current password is wrong")
            acc.reset_password(session=db, user_id=user, password=new)
            return start_sign_in(session=db, user_id=user, secret=settings.secret_key, now=datetime.now(UTC))

    try:
        token = await anyio.to_thread.run_sync(change, limiter=request.app.state.hash_limiter)
    except acc.AccountError as exc:
        return templates.TemplateResponse(
            request, "account.html", {"user": user, "error": str(exc), "notice": None}, status_code=422
        )
    response = templates.TemplateResponse(
        request,
        "account.html",
        {"user": user, "error": None, "notice": "Password changed; your other sign-ins ended."},
    )
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(SIGN_IN_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=secure_cookie(request, settings),
    )
    return response
