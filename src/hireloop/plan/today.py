"""What to do today: cards due, the plan's next item, the last debrief's top concern, the weakest round.

The start page (``/``) and ``hireloop today`` both show this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from hireloop.bank.loader import Bank
from hireloop.plan.planner import PlanItem, cached_plan
from hireloop.plan.progress import ProgressReport, load_report
from hireloop.vocab import ROUNDS

DEFAULT_HOURS = 6.0


@dataclass(frozen=True)
class Today:
    target_role: str | None
    report: ProgressReport
    next_item: PlanItem | None
    weakest_round: str
    last_debrief_id: str | None
    last_decision: str | None
    top_concern: str | None
    resume_id: str | None
    resume_kind: str | None

    def to_json(self) -> dict[str, Any]:
        item = self.next_item
        return {
            "target_role": self.target_role,
            "days_left": self.report.estimate.days_left,
            "cards_due": self.report.drills.due_now,
            "next_item": (
                {"day": item.day.isoformat(), "kind": item.kind, "title": item.title, "minutes": item.minutes}
                if item
                else None
            ),
            "weakest_round": self.weakest_round,
            "last_debrief": (
                {"id": self.last_debrief_id, "decision": self.last_decision, "top_concern": self.top_concern}
                if self.last_debrief_id
                else None
            ),
            "resume": {"id": self.resume_id, "kind": self.resume_kind} if self.resume_id else None,
        }


def weakest_round(trends: dict[str, list[tuple[datetime, int]]]) -> str:
    """The round with the lowest mean of its last three grades; ML system design before any grade."""
    if not trends:
        return "ml_system_design"
    order = list(ROUNDS)

    def recent_mean(round_id: str) -> float:
        grades = [g for _, g in trends[round_id][-3:]]
        return sum(grades) / len(grades)

    return min(trends, key=lambda r: (recent_mean(r), order.index(r)))


def today(db: Session, user: str, bank: Bank, *, now: datetime) -> Today:
    from hireloop.store import repository as repo

    profile = repo.get_profile(session=db, user_id=user)
    report = load_report(db, user, bank, now=now, profile=profile)
    day = now.date()
    when = profile.interview_date if profile else None
    when = when if when and when > day else None
    args = {
        "today": day,
        "hours_per_week": (profile.hours_per_week if profile else None) or DEFAULT_HOURS,
        "drill_due": report.drills.due_now,
    }
    try:
        study = cached_plan(report.readiness, interview_date=when, **args)
    except ValueError:  # a date the planner cannot plan to (e.g. years away): plan without it
        study = cached_plan(report.readiness, interview_date=None, **args)
    upcoming = [i for week in study.weeks for i in week.items if i.day >= day and i.kind != "rest"]
    finished = repo.newest_sessions(session=db, user_id=user, status="finished")
    last = next((r for r in finished if r.state.get("debrief")), None)  # only a finished one has one
    debrief = last.state["debrief"] if last else None
    active = next(repo.newest_sessions(session=db, user_id=user, status="active"), None)
    return Today(
        target_role=profile.target_role if profile else None,
        report=report,
        next_item=upcoming[0] if upcoming else None,
        weakest_round=weakest_round(report.trends),
        last_debrief_id=last.id if last else None,
        last_decision=debrief["decision"] if debrief else None,
        top_concern=debrief["concerns"][0]["flag"] if debrief and debrief.get("concerns") else None,
        resume_id=active.id if active else None,
        resume_kind=active.kind if active else None,
    )
