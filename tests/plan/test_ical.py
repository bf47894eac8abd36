"""iCalendar export: parses back with icalendar, one all-day event per item, byte-for-byte repeatable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from hireloop.plan.planner import build_plan, plan_to_ical
from hireloop.plan.readiness import CompetencyReadiness
from hireloop.vocab import COMPETENCIES

TODAY = date(2025, 3, 3)


def readiness(weak: str = "evaluation") -> list[CompetencyReadiness]:
    return [
        CompetencyReadiness(
            id=c,
            score=1.5 if c == weak else 3.5,
            evidence=3,
            weight=3.0,
            confidence="medium",
            last_seen=datetime(2025, 3, 1, tzinfo=UTC),
        )
        for c in COMPETENCIES
    ]


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def test_ical_parses_back_with_one_event_per_item_on_the_right_days() -> None:
    plan = build_plan(readiness(), today=TODAY, interview_date=TODAY + timedelta(days=20))
    data = plan_to_ical(plan, name="Loop prep")
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "Loop prep"
    vevents = events(data)
    assert len(vevents) == len(plan.items)
    for event, item in zip(vevents, plan.items, strict=True):
        start = event["DTSTART"].dt
        assert type(start) is date
        assert start == item.day
        assert event["DTEND"].dt == item.day + timedelta(days=1)
        assert str(event["SUMMARY"]) == item.title
        assert event["DTSTAMP"].dt == datetime(2025, 3, 3, tzinfo=UTC)
    assert len({str(e["UID"]) for e in vevents}) == len(vevents)
    last = max(e["DTSTART"].dt for e in vevents)
    assert last == TODAY + timedelta(days=19)
    assert [str(e["SUMMARY"]) for e in vevents if e["DTSTART"].dt == last] == ["Rest before the interview"]


def test_ical_export_is_deterministic() -> None:
    def export() -> bytes:
        plan = build_plan(readiness(), today=TODAY, interview_date=TODAY + timedelta(days=30), drill_due=9)
        return plan_to_ical(plan)

    assert export() == export()


def test_uids_follow_content() -> None:
    a = build_plan(readiness("evaluation"), today=TODAY, interview_date=TODAY + timedelta(days=14))
    b = build_plan(readiness("lifecycle"), today=TODAY, interview_date=TODAY + timedelta(days=14))
    uids_a = {str(e["UID"]) for e in events(plan_to_ical(a))}
    uids_b = {str(e["UID"]) for e in events(plan_to_ical(b))}
    assert uids_a != uids_b
    assert uids_a & uids_b  # the rest day and light review are the same items, so the same UIDs


def test_transition_plan_exports_every_item() -> None:
    plan = build_plan(readiness(), today=TODAY, interview_date=None, hours_per_week=3)
    vevents = events(plan_to_ical(plan))
    assert len(vevents) == len(plan.items)
    days = sorted(e["DTSTART"].dt for e in vevents)
    assert days[0] == TODAY
    assert days[-1] <= date(2026, 3, 2)
