"""One plan toward several target roles: a phase per dated target, earliest first, each phase a week-by-
week plan to that interview. A weakness several targets share is worked on once, in the first phase
that needs it; later phases focus on what is new to them. Pure: readiness and targets in, plan out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, Field

from hireloop.plan.planner import StudyPlan, cached_plan
from hireloop.plan.readiness import CompetencyReadiness
from hireloop.vocab import COMPETENCY_LABELS

# A competency counts as a weakness to work on when its readiness is below this (or unmeasured).
WEAK_BELOW = 3.0


class TargetDeadline(BaseModel):
    id: str
    name: str
    interview_date: date | None
    competencies: list[str] = Field(default_factory=list)


class TargetPhase(BaseModel):
    target_id: str
    name: str
    start: date
    interview_date: date
    focus: list[str]  # weak competencies this phase works on first
    carried: list[str]  # weak competencies this target stresses that an earlier phase already covers
    plan: StudyPlan


class TargetsPlan(BaseModel):
    kind: str = "targets"
    today: date
    phases: list[TargetPhase]
    undated: list[str]  # names of targets without a date (not scheduled)
    notes: list[str] = Field(default_factory=list)
    summary: str


def _weak(readiness: Sequence[CompetencyReadiness]) -> set[str]:
    scores = {r.id: r.score for r in readiness}
    return {c for c in COMPETENCY_LABELS if scores.get(c) is None or scores[c] < WEAK_BELOW}


def plan_for_targets(
    readiness: list[CompetencyReadiness],
    targets: Sequence[TargetDeadline],
    *,
    today: date,
    hours_per_week: float = 6,
    drill_due: int = 0,
) -> TargetsPlan:
    """Phases toward each dated target, earliest first. Raises ValueError when no target has a future
    date (the caller then plans without targets)."""
    notes: list[str] = []
    dated = sorted(
        (t for t in targets if t.interview_date is not None), key=lambda t: (t.interview_date, t.name)
    )
    past = [t for t in dated if t.interview_date <= today]  # type: ignore[operator]
    for t in past:
        notes.append(f"{t.name}: the interview date has passed, so it is not scheduled.")
    future = [t for t in dated if t not in past]
    if not future:
        raise ValueError("no target role has an interview date after today")
    weak = _weak(readiness)
    covered: set[str] = set()
    phases: list[TargetPhase] = []
    start = today
    for t in future:
        assert t.interview_date is not None
        stressed_weak = [c for c in t.competencies if c in weak]
        carried = [c for c in stressed_weak if c in covered]
        focus = [c for c in stressed_weak if c not in covered]
        if (t.interview_date - start).days < 1:
            notes.append(f"{t.name}: on the same day as the previous interview; prepared together with it.")
            phases[-1].carried.extend(c for c in focus if c not in phases[-1].focus)
            continue
        plan = cached_plan(
            readiness,
            today=start,
            interview_date=t.interview_date,
            hours_per_week=hours_per_week,
            drill_due=drill_due if not phases else 0,
            focus=focus,
        )
        phases.append(
            TargetPhase(
                target_id=t.id,
                name=t.name,
                start=start,
                interview_date=t.interview_date,
                focus=focus,
                carried=carried,
                plan=plan,
            )
        )
        covered.update(focus)
        start = t.interview_date
    undated = [t.name for t in targets if t.interview_date is None]
    first = phases[0]
    summary = (
        f"{len(phases)} interview{'s' if len(phases) != 1 else ''} ahead, earliest first: "
        + "; ".join(f"{p.name} on {p.interview_date.isoformat()}" for p in phases)
        + ". "
    )
    if first.focus:
        summary += "First, the weaknesses " + first.name + " stresses: "
        summary += ", ".join(COMPETENCY_LABELS[c].lower() for c in first.focus) + "."
    return TargetsPlan(today=today, phases=phases, undated=undated, notes=notes, summary=summary)
