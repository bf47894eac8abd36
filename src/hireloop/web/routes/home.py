"""The start page: on first run, the interview date and target role; then what to do today."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from hireloop.interview import practice
from hireloop.plan.planner import build_plan
from hireloop.plan.progress import load_report
from hireloop.store import repository as repo
from hireloop.vocab import ROUNDS
from hireloop.web.deps import BankDep, SessionDep, TemplatesDep, UserDep

router = APIRouter(tags=["home"])

DEFAULT_HOURS = 6.0


def weakest_round(trends: dict[str, list[tuple[datetime, int]]]) -> str:
    """The round with the lowest mean of its last three grades; ML system design before any grade."""
    if not trends:
        return "ml_system_design"
    order = list(ROUNDS)

    def recent_mean(round_id: str) -> float:
        grades = [g for _, g in trends[round_id][-3:]]
        return sum(grades) / len(grades)

    return min(trends, key=lambda r: (recent_mean(r), order.index(r)))


def _latest_debrief(db, user: str):
    for row in repo.list_sessions(session=db, user_id=user):
        debrief = practice.debrief_of(row)
        if debrief is not None:
            return row, debrief
    return None, None


@router.get("/", response_class=HTMLResponse)
def start_page(
    request: Request, bank: BankDep, templates: TemplatesDep, db: SessionDep, user: UserDep
) -> HTMLResponse:
    profile = repo.get_profile(session=db, user_id=user)
    if profile is None:
        return templates.TemplateResponse(request, "welcome.html", {"error": None})
    now = datetime.now(UTC)
    report = load_report(db, user, bank, now=now)
    today = now.date()
    when = profile.interview_date if profile.interview_date and profile.interview_date > today else None
    plan_args = {
        "today": today,
        "hours_per_week": profile.hours_per_week or DEFAULT_HOURS,
        "drill_due": report.drills.due_now,
    }
    try:
        study = build_plan(report.readiness, interview_date=when, **plan_args)
    except ValueError:  # a date the planner cannot plan to (e.g. years away): plan without it
        study = build_plan(report.readiness, interview_date=None, **plan_args)
    upcoming = [item for week in study.weeks for item in week.items if item.day >= today]
    next_item = next((i for i in upcoming if i.kind != "rest"), None)
    row, debrief = _latest_debrief(db, user)
    active = [r for r in repo.list_sessions(session=db, user_id=user) if r.status == "active"]
    return templates.TemplateResponse(
        request,
        "index.html",
        {
            "profile": profile,
            "report": report,
            "next_item": next_item,
            "debrief_row": row,
            "debrief": debrief,
            "weakest": weakest_round(report.trends),
            "resume": active[0] if active else None,
        },
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
