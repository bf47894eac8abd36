"""Delivery week by week: speaking rate, fillers per minute and how often the structure came first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class DeliveryWeek:
    week: date  # the Monday
    answers: int
    words_per_minute: float
    fillers_per_minute: float
    structure_first_share: float  # 0..1

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week.isoformat(),
            "answers": self.answers,
            "words_per_minute": self.words_per_minute,
            "fillers_per_minute": self.fillers_per_minute,
            "structure_first_share": self.structure_first_share,
        }


def delivery_trends(points: Iterable[tuple[datetime, Mapping[str, Any]]]) -> list[DeliveryWeek]:
    """One row per ISO week with spoken answers, oldest first; rates weighted by speaking time."""
    weeks: dict[date, list[Mapping[str, Any]]] = {}
    for at, report in points:
        monday = at.date() - timedelta(days=at.weekday())
        weeks.setdefault(monday, []).append(report)
    rows = []
    for monday in sorted(weeks):
        reports = weeks[monday]
        minutes = sum(r["speaking_seconds"] for r in reports) / 60
        words = sum(r["words"] for r in reports)
        fillers = sum(r["fillers"] for r in reports)
        rows.append(
            DeliveryWeek(
                week=monday,
                answers=len(reports),
                words_per_minute=round(words / minutes, 1) if minutes else 0.0,
                fillers_per_minute=round(fillers / minutes, 1) if minutes else 0.0,
                structure_first_share=round(
                    sum(bool(r["structure_first"]) for r in reports) / len(reports), 2
                ),
            )
        )
    return rows


def load_trends(db, user: str) -> list[DeliveryWeek]:
    from hireloop.store import repository as repo

    return delivery_trends(repo.delivery_reports(session=db, user_id=user))
