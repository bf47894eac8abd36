"""What the plan page shows of a plan: the next two weeks in full, later weeks (or months) as a summary
whose days load when opened. Pure: a plan in, blocks out; the page and its fragments share it, so a
day is never shown twice or lost between them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from hireloop.plan.planner import PlanItem, PlanWeek, StudyPlan
from hireloop.vocab import PLAN_ITEM_COUNTS

SHOWN_DAYS = 14  # items in the next two weeks are on the page; later ones load on demand


@dataclass(frozen=True)
class PlanBlock:
    number: int  # 1-based, as the page names it ("Week 3")
    label: str
    week: PlanWeek
    open: bool  # unfolded when the page loads
    shown: list[PlanItem]  # on the page
    deferred: int  # how many items load when the block (or its "later" part) is opened
    counts: str  # "4 mock rounds, 3 drill sessions and 2 study sessions · 5 h 30 min"


def _unit(plan: StudyPlan) -> str:
    return "Week" if plan.kind == "weeks" else "Month"


def _open_blocks(plan: StudyPlan) -> int:
    return 2 if plan.kind == "weeks" else 1


def _split(plan: StudyPlan, index: int) -> tuple[list[PlanItem], list[PlanItem]]:
    """(shown, deferred) items of block ``index`` (0-based)."""
    items = plan.weeks[index].items
    if index >= _open_blocks(plan):
        return [], list(items)
    horizon = plan.today + timedelta(days=SHOWN_DAYS)
    return [i for i in items if i.day < horizon], [i for i in items if i.day >= horizon]


def _counts(week: PlanWeek) -> str:
    tally = Counter(item.kind for item in week.items)
    parts = [
        f"{n} {PLAN_ITEM_COUNTS[kind][0 if n == 1 else 1]}" for kind in PLAN_ITEM_COUNTS if (n := tally[kind])
    ]
    text = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "Nothing"
    hours, minutes = divmod(week.minutes, 60)
    time = f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
    return f"{text} · {time}"


def plan_blocks(plan: StudyPlan) -> list[PlanBlock]:
    unit = _unit(plan)
    blocks = []
    for index, week in enumerate(plan.weeks):
        shown, deferred = _split(plan, index)
        blocks.append(
            PlanBlock(
                number=index + 1,
                label=f"{unit} {index + 1}",
                week=week,
                open=index < _open_blocks(plan),
                shown=shown,
                deferred=len(deferred),
                counts=_counts(week),
            )
        )
    return blocks


def deferred_items(plan: StudyPlan, number: int) -> tuple[PlanBlock, list[PlanItem]]:
    """Block ``number`` (1-based) and the items the page left out of it. IndexError when there is none."""
    if not 1 <= number <= len(plan.weeks):
        raise IndexError(number)
    return plan_blocks(plan)[number - 1], _split(plan, number - 1)[1]
