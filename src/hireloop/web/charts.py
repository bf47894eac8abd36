"""Geometry for server-rendered SVG charts (no JS library, no CDN): a competency radar and trend lines."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RadarAxis:
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    value: float | None
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Radar:
    size: int
    center: float
    axes: list[RadarAxis]
    rings: list[str]  # polygon points for grades 1-4
    shape: str  # polygon points of the scores (missing scores drawn at 0)
    hire_bar: str  # polygon at grade 3


def _polygon(center: float, radius: float, values: list[float], count: int) -> str:
    points = []
    for i, value in enumerate(values):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        points.append(
            f"{center + radius * value * math.cos(angle):.1f},{center + radius * value * math.sin(angle):.1f}"
        )
    return " ".join(points)


LINE_HEIGHT = 15
LABEL_CHARS = 13


def wrap_label(label: str, width: int = LABEL_CHARS) -> tuple[str, ...]:
    """Split a label into lines of at most ``width`` characters (a longer single word keeps its line)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines)


def radar(labels: list[str], scores: list[float | None], size: int = 360) -> Radar:
    """Scores on a 1-4 scale mapped to 0-1 of the radius (grade 1 at the centre ring)."""
    center, radius, count = size / 2, size / 2 - 30, len(labels)
    axes = []
    for i, (label, score) in enumerate(zip(labels, scores, strict=True)):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        lines = wrap_label(label)
        # Labels above the centre grow upwards so they never run into the chart.
        extra = (len(lines) - 1) * LINE_HEIGHT
        shift = -extra if sin < -0.3 else (0 if sin > 0.3 else -extra / 2)
        axes.append(
            RadarAxis(
                label,
                center + radius * cos,
                center + radius * sin,
                center + (radius + 12) * cos,
                center + (radius + 12) * sin + 4 + shift,
                anchor,
                score,
                lines,
            )
        )
    scale = [((s or 0) / 4) for s in scores]
    rings = [_polygon(center, radius, [g / 4] * count, count) for g in (1, 2, 3, 4)]
    return Radar(
        size,
        center,
        axes,
        rings,
        _polygon(center, radius, scale, count),
        _polygon(center, radius, [0.75] * count, count),
    )


@dataclass(frozen=True)
class TrendLine:
    label: str
    points: str
    dots: list[tuple[float, float, int]]
    last: int | None


def trend_line(
    label: str, points: list[tuple[datetime, int]], width: int = 220, height: int = 60
) -> TrendLine:
    """One dot per day with grades (the day's mean), in order and evenly spaced, 4 at the top and 1 at
    the bottom: a busy day is one point, not one per answer. ``points`` come oldest first; ``last``
    is the newest single grade."""
    if not points:
        return TrendLine(label, "", [], None)
    days: dict[object, list[int]] = {}
    for at, grade in points:
        days.setdefault(at.date(), []).append(grade)
    means = [sum(g) / len(g) for g in days.values()]
    step = (width - 10) / max(1, len(means) - 1)
    dots = [
        (5 + i * step if len(means) > 1 else width / 2, 5 + (4 - m) * (height - 10) / 3, int(m + 0.5))
        for i, m in enumerate(means)
    ]
    return TrendLine(label, " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in dots), dots, points[-1][1])
