"""The progress dashboard (with a download of all your data) and the study plan on the web (with an
iCalendar download)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from hireloop.plan.planner import TRANSITION_LENGTHS, TRANSITION_MONTHS, StudyPlan, cached_plan, plan_to_ical
from hireloop.plan.process import hiring_process
from hireloop.plan.progress import ProgressReport, load_report
from hireloop.store import repository as repo
from hireloop.vocab import COMPETENCY_LABELS, ROUNDS
from hireloop.web.charts import radar, trend_line
from hireloop.web.deps import BankDep, SessionDep, TemplatesDep, UserDep, history_page
from hireloop.web.plan_view import deferred_items, plan_blocks

router = APIRouter(tags=["plan"])


@router.get("/progress", response_class=HTMLResponse)
async def progress_route(
    request: Request, bank: BankDep, templates: TemplatesDep, user: UserDep
) -> HTMLResponse:
    return await history_page(request, lambda db: progress_page(request, bank, templates, db, user))


def progress_page(request: Request, bank, templates, db, user: str) -> HTMLResponse:
    report = load_report(db, user, bank, now=datetime.now(UTC))
    chart = radar([COMPETENCY_LABELS[r.id] for r in report.readiness], [r.score for r in report.readiness])
    lines = [trend_line(ROUNDS[r], pts) for r, pts in report.trends.items() if pts]
    from hireloop.voice.trends import load_trends

    return templates.TemplateResponse(
        request,
        "progress.html",
        {"report": report, "radar": chart, "lines": lines, "delivery": load_trends(db, user)},
    )


@dataclass(frozen=True)
class _Plans:
    study: StudyPlan
    when: date | None
    hours: float
    error: str | None
    report: ProgressReport
    today: date


def _plans(db, user: str, bank, *, months: int = TRANSITION_MONTHS) -> _Plans:
    """The user's plan (remembered between visits: see ``cached_plan``), read from one report."""
    now = datetime.now(UTC)
    profile = repo.get_profile(session=db, user_id=user)
    when = profile.interview_date if profile else None
    hours = profile.hours_per_week if profile and profile.hours_per_week else 6.0
    report = load_report(db, user, bank, now=now, profile=profile)
    args = {"today": now.date(), "hours_per_week": hours, "drill_due": report.drills.due_now}
    try:
        study = cached_plan(report.readiness, interview_date=when, transition_months=months, **args)
        return _Plans(study, when, hours, None, report, now.date())
    except ValueError as exc:
        study = cached_plan(report.readiness, interview_date=None, transition_months=months, **args)
        return _Plans(study, when, hours, f"{exc} Update the date below.", report, now.date())


def _months(months: int) -> int:
    if months not in TRANSITION_LENGTHS:
        raise HTTPException(422, f"A transition plan is 12 or 18 months long, got {months}.")
    return months


def _targets_plan(db, user: str, plans: _Plans):
    """The plan toward the user's dated target roles, or None when no target has a future date."""
    from hireloop.plan.targets import plan_for_targets
    from hireloop.targets.store import deadlines, list_targets

    rows = list_targets(session=db, user_id=user)
    if not rows:
        return None
    try:
        return plan_for_targets(
            plans.report.readiness,
            deadlines(rows),
            today=plans.today,
            hours_per_week=plans.hours,
            drill_due=plans.report.drills.due_now,
        )
    except ValueError:
        return None


def _has_dated_target(db, user: str, today: date) -> bool:
    from hireloop.targets.store import list_targets

    return any(r.interview_date and r.interview_date > today for r in list_targets(session=db, user_id=user))


@router.get("/plan", response_class=HTMLResponse)
async def plan_route(
    request: Request,
    bank: BankDep,
    templates: TemplatesDep,
    user: UserDep,
    targets: bool = False,
    months: int = TRANSITION_MONTHS,
) -> HTMLResponse:
    months = _months(months)
    return await history_page(
        request, lambda db: plan_page(request, bank, templates, db, user, targets=targets, months=months)
    )


def plan_page(
    request: Request,
    bank,
    templates,
    db,
    user: str,
    *,
    targets: bool = False,
    months: int = TRANSITION_MONTHS,
) -> HTMLResponse:
    plans = _plans(db, user, bank, months=months)
    targets_plan = _targets_plan(db, user, plans) if targets else None
    return templates.TemplateResponse(
        request,
        "plan.html",
        {
            "plan": plans.study,
            "blocks": plan_blocks(plans.study),
            "when": plans.when,
            "hours": plans.hours,
            "error": plans.error,
            "targets_plan": targets_plan,
            "phase_blocks": [plan_blocks(p.plan) for p in targets_plan.phases] if targets_plan else [],
            "has_targets": targets_plan is not None or _has_dated_target(db, user, plans.today),
            "months": months,
            "lengths": TRANSITION_LENGTHS,
        },
    )


@router.get("/plan/blocks/{number}", response_class=HTMLResponse)
def plan_block(
    request: Request,
    number: int,
    bank: BankDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    phase: int | None = None,
    months: int = TRANSITION_MONTHS,
) -> HTMLResponse:
    """The days of one week (or month) the plan page folded: a fragment for htmx, else a page."""
    plans = _plans(db, user, bank, months=_months(months))
    study, back = plans.study, "/plan"
    if phase is not None:
        targets_plan = _targets_plan(db, user, plans)
        if targets_plan is None or not 1 <= phase <= len(targets_plan.phases):
            raise HTTPException(404, "No such phase in the plan toward your target roles.")
        study, back = targets_plan.phases[phase - 1].plan, "/plan?targets=1"
    try:
        block, items = deferred_items(study, number)
    except IndexError:
        problem = f"The plan has {len(study.weeks)} blocks; there is no block {number}."
        raise HTTPException(404, problem) from None
    name = "_plan_items.html" if request.headers.get("HX-Request") else "plan_block.html"
    return templates.TemplateResponse(request, name, {"block": block, "items": items, "back": back})


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
    plans = _plans(db, user, bank, months=_months(months))
    if plans.error:
        raise HTTPException(409, plans.error.removesuffix(" Update the date below.")) from None
    return Response(
        plan_to_ical(plans.study),
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="hireloop-plan.ics"'},
    )


@router.get("/export.json")
def export_download(request: Request, user: UserDep) -> StreamingResponse:
    """All of the signed-in user's data as the document ``hireloop import`` reads, streamed as it is read
    from the database (its own session: the request's closes before a streamed body is sent)."""
    from hireloop.store.exportfile import chunked
    from hireloop.store.transfer import export_text

    sessions = request.app.state.sessions

    def body() -> Iterator[bytes]:
        with sessions() as db:
            yield from chunked(export_text(session=db, user_id=user))

    name = f"hireloop-export-{datetime.now(UTC):%Y-%m-%d}.json"
    return StreamingResponse(
        body(),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
