"""Revise and regrade: how a new version of an answer compares with the one before it (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Version:
    number: int
    answer_id: str
    at: datetime
    grade: int | None
    flags: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """The new version beside the previous one: grade before and after, concerns closed and new."""

    before: Version
    after: Version
    closed: tuple[str, ...]
    new: tuple[str, ...]
    kept: tuple[str, ...]

    @property
    def change(self) -> int | None:
        if self.before.grade is None or self.after.grade is None:
            return None
        return self.after.grade - self.before.grade


def version(number: int, answer_id: str, at: datetime, document: dict[str, Any] | None) -> Version:
    doc = document or {}
    grade = doc.get("grade") if doc.get("status") == "graded" else None
    return Version(number, answer_id, at, grade, tuple(f["id"] for f in doc.get("flags", [])))


def compare(before: Version, after: Version) -> Comparison:
    old, new = set(before.flags), set(after.flags)
    return Comparison(
        before=before,
        after=after,
        closed=tuple(f for f in before.flags if f not in new),
        new=tuple(f for f in after.flags if f not in old),
        kept=tuple(f for f in after.flags if f in old),
    )
