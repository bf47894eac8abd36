"""Charts ship one point per day, not one per answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hireloop.web.charts import trend_line


def test_a_trend_line_has_one_dot_per_day_at_the_days_mean() -> None:
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    points = [(monday, 1), (monday + timedelta(hours=2), 2), (monday + timedelta(hours=5), 4)]
    points += [(monday + timedelta(days=1), 3)]
    line = trend_line("ML system design", points)
    assert [g for _, _, g in line.dots] == [2, 3]  # Monday's 1, 2 and 4 are one dot at 2.3
    assert line.dots[0][1] > line.dots[1][1]  # lower grade, lower on the chart (larger y)
    assert line.last == 3 and len(line.points.split()) == 2


def test_thirty_answers_on_one_day_are_one_dot() -> None:
    day = datetime(2026, 3, 2, 8, tzinfo=UTC)
    line = trend_line("Behavioral", [(day + timedelta(minutes=i), 3) for i in range(30)])
    assert len(line.dots) == 1 and line.last == 3
