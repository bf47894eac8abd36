"""Readiness and study plans: pure engines that read graded history and return data, never touch I/O.

``readiness`` turns graded answers into per-competency scores, trends and an overall estimate;
``planner`` turns those scores and a deadline into a dated study plan (and an iCalendar export).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hireloop.plan.planner import (
        COMPETENCY_ROUNDS,
        PREPARATION_AREAS,
        PlanItem,
        PlanWeek,
        StudyPlan,
        build_plan,
        plan_to_ical,
    )
    from hireloop.plan.readiness import (
        CompetencyReadiness,
        GradedAnswer,
        ReadinessEstimate,
        competency_readiness,
        readiness_estimate,
        round_trends,
        trend_slope,
    )

__all__ = [
    "COMPETENCY_ROUNDS",
    "PREPARATION_AREAS",
    "CompetencyReadiness",
    "GradedAnswer",
    "PlanItem",
    "PlanWeek",
    "ReadinessEstimate",
    "StudyPlan",
    "build_plan",
    "competency_readiness",
    "plan_to_ical",
    "readiness_estimate",
    "round_trends",
    "trend_slope",
]

_PLANNER = {"COMPETENCY_ROUNDS", "PREPARATION_AREAS", "PlanItem", "PlanWeek", "StudyPlan"} | {
    "build_plan",
    "plan_to_ical",
}


def __getattr__(name: str) -> Any:
    """The public names, imported on first use: saving a grade reads ``hireloop.plan.aggregates`` and
    should not pay for the planner (PEP 562)."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = "planner" if name in _PLANNER else "readiness"
    return getattr(importlib.import_module(f"hireloop.plan.{module}"), name)
