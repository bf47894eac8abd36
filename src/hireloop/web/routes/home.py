"""The start page: on first run, the interview date and target role; then what to do today."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from hireloop.plan.today import DEFAULT_HOURS, today
from hireloop.store import repository as repo
from hireloop.web.deps import BankDep, SessionDep, TemplatesDep, UserDep, history_page

router = APIRouter(tags=["home"])


@router.get("/", response_class=HTMLResponse)
async def start_route(
    request: Request, bank: BankDep, templates: TemplatesDep, user: UserDep
) -> HTMLResponse:
    return await history_page(request, lambda db: start_page(request, bank, templates, db, user))


def start_page(request: Request, bank, templates, db, user: str) -> HTMLResponse:
    if repo.get_profile(session=db, user_id=user) is None:
        return templates.TemplateResponse(request, "welcome.html", {"error": None})
    return templates.TemplateResponse(
        request, "index.html", {"today": today(db, user, bank, now=datetime.now(UTC))}
    )


@router.post("/start")
def save_start(
    db: SessionDep,
    user: UserDep,
    interview_date: Annotated[str, Form()] = "",
    target_role: Annotated[str, Form(max_length=200)] = "",
    skip: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Save the first-run answers; "skip" stores an empty profile so the question is not asked again."""
    when: date | None = None
    if interview_date and not skip:
        try:
            when = date.fromisoformat(interview_date)
        except ValueError:
            raise HTTPException(
                422, f"Expected the interview date as YYYY-MM-DD, got '{interview_date}'."
            ) from None
    existing = repo.get_profile(session=db, user_id=user)
    repo.save_profile(
        session=db,
        user_id=user,
        interview_date=when,
        hours_per_week=existing.hours_per_week if existing else DEFAULT_HOURS,
        target_role=(target_role.strip() or None) if not skip else None,
    )
    return RedirectResponse("/", status_code=303)
