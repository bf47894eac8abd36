"""Export all of a user's data as one versioned JSON document, and import it back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Float, Integer, String, Text, select
from sqlalchemy.orm import Session

from hireloop.store.repository import ensure_user, now
from hireloop.store.tables import (
    AnswerRow,
    AssessmentRow,
    Base,
    DraftRow,
    DrillStateRow,
    ExerciseAttemptRow,
    ProfileRow,
    ReviewLogRow,
    SessionRow,
    StoryRow,
    TargetRow,
    UTCDateTime,
)

EXPORT_FORMAT = "hireloop-export"
EXPORT_VERSION = 1
# Order matters on import: parents before children.
SECTIONS: dict[str, type[Base]] = {
    "answers": AnswerRow,
    "assessments": AssessmentRow,
    "sessions": SessionRow,
    "drafts": DraftRow,
    "drill_states": DrillStateRow,
    "review_logs": ReviewLogRow,
    "exercise_attempts": ExerciseAttemptRow,
    "profiles": ProfileRow,
    "targets": TargetRow,
    "stories": StoryRow,
}
# Sections added after version 1 was first written: older exports simply lack them.
LATER_SECTIONS = ("profiles", "targets", "stories")


# Fields added after version 1 was first written: an older export without them still imports.
OPTIONAL_FIELDS = {("answers", "audio"), ("answers", "delivery")}


class ImportFormatError(ValueError):
    """The document is not a hireloop export this version can read; says where and what was expected."""


def _columns(model: type[Base]) -> list[Any]:
    return [c for c in model.__table__.columns if c.name != "user_id"]


def _dump_row(row: Base, model: type[Base]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in _columns(model):
        value = getattr(row, column.key)
        out[column.name] = value.isoformat() if isinstance(value, datetime | date) else value
    return out


def export_user(*, session: Session, user_id: str) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now().isoformat(),
        "user": user_id,
    }
    for name, model in SECTIONS.items():
        if model is AssessmentRow:
            query = (
                select(AssessmentRow)
                .join(AnswerRow, AnswerRow.id == AssessmentRow.answer_id)
                .where(AnswerRow.user_id == user_id)
            )
        else:
            query = select(model).where(model.user_id == user_id)  # type: ignore[attr-defined]
        rows = sorted(session.scalars(query), key=lambda r: tuple(str(getattr(r, k)) for k in _key(model)))
        doc[name] = [_dump_row(row, model) for row in rows]
    return doc


def _key(model: type[Base]) -> list[str]:
    return [c.key for c in model.__table__.primary_key.columns]


def _parse_value(column: Any, value: Any, where: str) -> Any:
    kind = column.type
    if value is None:
        if column.nullable:
            return None
        raise ImportFormatError(f"{where}: required value is null")
    if isinstance(kind, UTCDateTime | DateTime):
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise ImportFormatError(
                f"{where}: expected an ISO 8601 datetime with a UTC offset, got {value!r}"
            )
        return parsed
    if isinstance(kind, Date):
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ImportFormatError(f"{where}: expected an ISO date (YYYY-MM-DD), got {value!r}") from None
    if isinstance(kind, Float) and (not isinstance(value, int | float) or isinstance(value, bool)):
        raise ImportFormatError(f"{where}: expected a number, got {value!r}")
    if isinstance(kind, String | Text) and not isinstance(value, str):
        raise ImportFormatError(f"{where}: expected a string, got {type(value).__name__}")
    if isinstance(kind, Integer) and (not isinstance(value, int) or isinstance(value, bool)):
        raise ImportFormatError(f"{where}: expected an integer, got {value!r}")
    return value


def parse_export(doc: object) -> dict[str, list[dict[str, Any]]]:
    """Validate a whole document before anything is written; raise ImportFormatError on the first fault."""
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise ImportFormatError(f'format: expected a JSON object with "format": "{EXPORT_FORMAT}"')
    if doc.get("version") != EXPORT_VERSION:
        raise ImportFormatError(
            f"version: this hireloop reads export version {EXPORT_VERSION}, got {doc.get('version')!r}"
        )
    parsed: dict[str, list[dict[str, Any]]] = {}
    for name, model in SECTIONS.items():
        items = doc.get(name, [])
        if name not in doc and name in LATER_SECTIONS:
            items = []
        if not isinstance(items, list):
            raise ImportFormatError(f"{name}: expected a list")
        rows = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise ImportFormatError(f"{name}[{index}]: expected an object")
            row = {}
            for column in _columns(model):
                where = f"{name}[{index}].{column.name}"
                if column.name not in item:
                    if (name, column.name) in OPTIONAL_FIELDS:
                        row[column.key] = None
                        continue
                    raise ImportFormatError(f"{where}: required field is missing")
                row[column.key] = _parse_value(column, item[column.name], where)
            rows.append(row)
        parsed[name] = rows
    return parsed


def import_user(*, session: Session, user_id: str, doc: object) -> dict[str, int]:
    """Import a validated export into ``user_id``'s data in one transaction.

    Rows whose id already exists are skipped, so importing the same file twice is harmless.
    Returns how many rows of each section were added.
    """
    parsed = parse_export(doc)
    added: dict[str, int] = {}
    try:
        ensure_user(session=session, user_id=user_id)
        for name, model in SECTIONS.items():
            count = 0
            for row in parsed[name]:
                key = tuple(row[k] for k in _key(model) if k != "user_id")
                if model is not AssessmentRow:
                    row = {**row, "user_id": user_id}
                    key = tuple(row[k] for k in _key(model))
                if session.get(model, key if len(key) > 1 else key[0]) is not None:
                    continue
                session.add(model(**row))
                count += 1
            session.flush()
            added[name] = count
        session.commit()
    except Exception:
        session.rollback()
        raise
    return added
