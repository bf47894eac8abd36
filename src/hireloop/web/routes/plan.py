"""The progress dashboard and the study plan on the web (with an iCalendar download)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hireloop.plan.planner import TRANSITION_LENGTHS, TRANSITION_MONTHS, build_plan, plan_to_ical
from hireloop.plan.process import hiring_process
from hireloop.plan.progress import load_report
from hireloop.store import repository as repo
from hireloop.vocab import COMPETENCY_LABELS, ROUNDS
from hireloop.web.charts import radar, trend_line
from hireloop.web.deps import BankDep, SessionDep, TemplatesDep, UserDep

router = APIRouter(tags=["plan"])


@router.get("/progress", response_class=HTMLResponse)
def progress_page(
    request: Request, bank: BankDep, templates: TemplatesDep, db: SessionDep, user: UserDep
) -> HTMLResponse:
    report = load_report(db, user, bank, now=datetime.now(UTC))
    chart = radar([COMPETENCY_LABELS[r.id] for r in report.readiness], [r.score for r in report.readiness])
    lines = [trend_line(ROUNDS[r], pts) for r, pts in report.trends.items() if pts]
    from hireloop.voice.trends import load_trends

    return templates.TemplateResponse(
        request,
        "progress.html",
        {"report": report, "radar": chart, "lines": lines, "delivery": load_trends(db, user)},
    )


def _plan_for(
    db, user: str, bank, *, interview_date: date | None, hours: float, months: int = TRANSITION_MONTHS
):
    now = datetime.now(UTC)
    report = load_report(db, user, bank, now=now)
    return build_plan(
        report.readiness,
        today=now.date(),
        interview_date=interview_date,
        hours_per_week=hours,
        drill_due=report.drills.due_now,
        transition_months=months,
    )


def _months(months: int) -> int:
    if months not in TRANSITION_LENGTHS:
        raise HTTPException(422, f"A transition plan is 12 or 18 months long, got {months}.")
    return months


def _targets_plan(db, user: str, bank, *, hours: float):
    """The plan toward the user's dated target roles, or None when no target has a future date."""
    from hireloop.plan.targets import plan_for_targets
    from hireloop.targets.store import deadlines, list_targets

    rows = list_targets(session=db, user_id=user)
    if not rows:
        return None
    now = datetime.now(UTC)
    report = load_report(db, user, bank, now=now)
    try:
        return plan_for_targets(
            report.readiness,
            deadlines(rows),
            today=now.date(),
            hours_per_week=hours,
            drill_due=report.drills.due_now,
        )
    except ValueError:
        return None


@router.get("/plan", response_class=HTMLResponse)
def plan_page(
    request: Request,
    bank: BankDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    targets: bool = False,
    months: int = TRANSITION_MONTHS,
) -> HTMLResponse:
    months = _months(months)
    profile = repo.get_profile(session=db, user_id=user)
    when = profile.interview_date if profile else None
    hours = profile.hours_per_week if profile and profile.hours_per_week else 6.0
    error, study = None, None
    try:
        study = _plan_for(db, user, bank, interview_date=when, hours=hours, months=months)
    except ValueError as exc:
        error = f"{exc} Update the date below."
        study = _plan_for(db, user, bank, interview_date=None, hours=hours, months=months)
    targets_plan = _targets_plan(db, user, bank, hours=hours)
    return templates.TemplateResponse(
        request,
        "plan.html",
        {
            "plan": study,
            "when": when,
            "hours": hours,
            "error": error,
            "targets_plan": targets_plan if targets else None,
            "has_targets": targets_plan is not None,
            "months": months,
            "lengths": TRANSITION_LENGTHS,
        },
    )


@router.get("/plan/process", response_class=HTMLResponse)
def process_page(request: Request, templates: TemplatesDep, recruiter_call: str = "") -> HTMLResponse:
    """The hiring process from first recruiter call to offer, dated from the call when given."""
    first_call, error = None, None
    if recruiter_call:
        try:
            first_call = date.fromisoformat(recruiter_call)
        except ValueError:
            error = f"Expected a date as YYYY-MM-DD, got '{recruiter_call}'."
    process = hiring_process(today=datetime.now(UTC).date(), first_call=first_call)
    return templates.TemplateResponse(
        request, "process.html", {"process": process, "error": error, "recruiter_call": recruiter_call}
    )


@router.post("/plan")
def plan_save(
    db: SessionDep,
    user: UserDep,
    interview_date: Annotated[str, Form()] = "",
    hours_per_week: Annotated[float, Form(ge=1, le=60)] = 6.0,
) -> RedirectResponse:
    when = None
    if interview_date:
        try:
            when = date.fromisoformat(interview_date)
        except ValueError:
            raise HTTPException(422, f"Expected a date as YYYY-MM-DD, got '{interview_date}'.") from None
    repo.save_profile(session=db, user_id=user, interview_date=when, hours_per_week=hours_per_week)
    return RedirectResponse("/plan", status_code=303)


@router.get("/plan.ics")
def plan_ics(bank: BankDep, db: SessionDep, user: UserDep, months: int = TRANSITION_MONTHS) -> Response:
    months = _months(months)
    profile = repo.get_profile(session=db, user_id=user)
    try:
        study = _plan_for(
            db,
            user,
            bank,
            interview_date=profile.interview_date if profile else None,
            hours=profile.hours_per_week if profile and profile.hours_per_week else 6.0,
            months=months,
        )
    except ValueError as exc:
        raise HTTPException(409, str(exc)) from None
    return Response(
        plan_to_ical(study),
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="hireloop-plan.ics"'},
    )
