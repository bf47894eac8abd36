"""Export all of a user's data as one versioned JSON document, and import it back."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String, Text, select
from sqlalchemy.orm import Session

from hireloop.inputs import INT32_MAX, SEED_MAX, InputError, clean_text, parse_int, preview
from hireloop.store.database import retry_locked
from hireloop.store.repository import ensure_user, now
from hireloop.store.stats import rebuild_user
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
from hireloop.vocab import ROUNDS

IMPORT_BATCH = 500  # rows per transaction: the write lock is never held for long
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
# Nullable columns added after export version 1 was defined: older exports lack them.
ADDED_LATER = {"idempotency_key", "revises", "audio", "delivery", "span"}


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
            parsed = datetime.fromisoformat(value) if isinstance(value, str) and len(value) < 64 else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise ImportFormatError(
                f"{where}: expected an ISO 8601 datetime with a UTC offset, got {preview(value)}"
            )
        return parsed
    if isinstance(kind, Date):
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ImportFormatError(
                f"{where}: expected an ISO date (YYYY-MM-DD), got {preview(value)}"
            ) from None
    if isinstance(kind, Float):
        if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
            raise ImportFormatError(f"{where}: expected a number, got {preview(value)}")
        return float(value)
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            raise ImportFormatError(f"{where}: expected a string, got {type(value).__name__}")
        value = clean_text(value)
        length = getattr(kind, "length", None)
        if length is not None and len(value) > length:
            raise ImportFormatError(f"{where}: expected at most {length} characters, got {len(value)}")
        return value
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ImportFormatError(f"{where}: expected true or false, got {preview(value)}")
        return value
    if isinstance(kind, Integer):
        try:
            return parse_int(value, field=where, minimum=-INT32_MAX - 1, maximum=INT32_MAX)
        except InputError as exc:
            raise ImportFormatError(str(exc)) from None
    if isinstance(kind, JSON):
        expected = list if _json_is_list(column) else dict
        if not isinstance(value, expected):
            what = "a list" if expected is list else "an object"
            raise ImportFormatError(f"{where}: expected {what}, got {type(value).__name__}")
    return value


def _json_is_list(column: Any) -> bool:
    """JSON columns hold objects, except those declared ``Mapped[list[...]]``."""
    for model in SECTIONS.values():
        if model.__table__ is column.table:
            return str(model.__annotations__.get(column.key, "")).startswith("Mapped[list")
    return False


def _model_error(where: str, exc: ValidationError) -> ImportFormatError:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    return ImportFormatError(f"{where}{'.' + loc if loc else ''}: {err['msg']}")


def _check_row(name: str, row: dict[str, Any], where: str) -> None:
    """What the schema's types cannot say: enums, ranges and the shape of the JSON documents."""
    from hireloop.drills.exercises import KINDS
    from hireloop.interview.committee import Debrief
    from hireloop.interview.loop import LoopState
    from hireloop.interview.round import RoundState

    def one_of(field: str, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        if row[field] not in allowed:
            raise ImportFormatError(
                f"{where}.{field}: expected one of {', '.join(allowed)}, got {preview(row[field])}"
            )

    if name == "answers":
        one_of("round", ROUNDS)
        one_of("kind", ("main", "probe"))
        if row.get("delivery") is not None:
            _check_delivery(row["delivery"], f"{where}.delivery")
    elif name == "sessions":
        one_of("kind", ("round", "loop"))
        one_of("status", ("active", "finished"))
        state, part = row["state"], "loop" if row["kind"] == "loop" else "round"
        model = LoopState if part == "loop" else RoundState
        if not isinstance(state.get(part), dict):
            raise ImportFormatError(f"{where}.state.{part}: expected an object")
        try:
            model.model_validate(state[part])
            if state.get("debrief") is not None:
                Debrief.model_validate(state["debrief"])
        except ValidationError as exc:
            raise _model_error(f"{where}.state.{part}", exc) from None
        if row["status"] == "finished" and not isinstance(state.get("debrief"), dict):
            raise ImportFormatError(f"{where}.state.debrief: a finished session needs its debrief")
    elif name == "drill_states":
        _check_drill_state(row["state"], f"{where}.state")
    elif name == "review_logs":
        if not 1 <= row["rating"] <= 4:
            raise ImportFormatError(f"{where}.rating: expected 1 (again) to 4 (easy), got {row['rating']}")
    elif name == "exercise_attempts":
        one_of("kind", KINDS)
        if not 0 <= row["seed"] <= SEED_MAX:
            raise ImportFormatError(f"{where}.seed: expected a whole number from 0 to {SEED_MAX}")
    elif name == "profiles":
        hours = row["hours_per_week"]
        if hours is not None and not 1 <= hours <= 60:
            raise ImportFormatError(f"{where}.hours_per_week: expected 1 to 60 hours, got {preview(hours)}")


def _check_delivery(delivery: Any, where: str) -> None:
    """A spoken answer's delivery report: the figures progress reads from it must be there and be numbers."""
    if not isinstance(delivery, dict):
        raise ImportFormatError(f"{where}: expected an object, got {preview(delivery)}")
    for key in ("speaking_seconds", "words", "fillers"):
        value = delivery.get(key)
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value < 10**9:
            raise ImportFormatError(f"{where}.{key}: expected a non-negative number, got {preview(value)}")
    if not isinstance(delivery.get("structure_first"), bool):
        raise ImportFormatError(f"{where}.structure_first: expected true or false")


def _check_drill_state(state: dict[str, Any], where: str) -> None:
    from fsrs import Card as FsrsCard

    try:
        due = datetime.fromisoformat(state["due"])
        FsrsCard.from_dict(dict(state))  # type: ignore[arg-type]
    except Exception:  # fsrs raises KeyError, TypeError or ValueError on a malformed card
        raise ImportFormatError(f"{where}: expected a drill card state written by hireloop") from None
    if due.tzinfo is None:
        raise ImportFormatError(f"{where}.due: expected a datetime with a UTC offset")


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
                if column.name not in item and column.name in ADDED_LATER:
                    row[column.key] = None
                    continue
                if column.name not in item:
                    if (name, column.name) in OPTIONAL_FIELDS:
                        row[column.key] = None
                        continue
                    raise ImportFormatError(f"{where}: required field is missing")
                row[column.key] = _parse_value(column, item[column.name], where)
            _check_row(name, row, f"{name}[{index}]")
            rows.append(row)
        parsed[name] = rows
    return parsed


def _owners(session: Session, ids: list[str]) -> dict[str, str]:
    owners: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        query = select(AnswerRow.id, AnswerRow.user_id).where(AnswerRow.id.in_(ids[start : start + 500]))
        owners.update({answer_id: owner for answer_id, owner in session.execute(query)})
    return owners


def _check_links(session: Session, user_id: str, parsed: dict[str, list[dict[str, Any]]]) -> None:
    """An assessment attaches only to an answer of this user: in the file or already stored."""
    in_file = {row["id"] for row in parsed["answers"]}
    wanted = sorted({row["answer_id"] for row in parsed["assessments"]})
    owners = _owners(session, wanted)
    for index, row in enumerate(parsed["assessments"]):
        owner = owners.get(row["answer_id"])
        if owner is not None and owner != user_id:
            raise ImportFormatError(f"assessments[{index}].answer_id: refers to another user's answer")
        if owner is None and row["answer_id"] not in in_file:
            raise ImportFormatError(
                f"assessments[{index}].answer_id: no answer {preview(row['answer_id'])} in the file or stored"
            )


def _existing_keys(session: Session, user_id: str, model: type[Base], rows: list[dict[str, Any]]) -> set:
    """Primary keys of these rows already stored: one query for single-column keys."""
    keys = _key(model)
    if len(keys) == 1:
        column = getattr(model, keys[0])
        ids = [user_id if keys[0] == "user_id" else row[keys[0]] for row in rows]
        return {(value,) for value in session.scalars(select(column).where(column.in_(ids)))}
    found = set()
    for row in rows:
        key = tuple(user_id if k == "user_id" else row[k] for k in keys)
        if session.get(model, key) is not None:
            found.add(key)
    return found


def _import_batch(session: Session, user_id: str, model: type[Base], rows: list[dict[str, Any]]) -> int:
    session.rollback()
    count = 0
    try:
        existing = _existing_keys(session, user_id, model, rows)  # read before taking the write lock
        ensure_user(session=session, user_id=user_id)
        for row in rows:
            if model is not AssessmentRow:
                row = {**row, "user_id": user_id}
            if tuple(row[k] for k in _key(model)) in existing:
                continue
            session.add(model(**row))
            count += 1
        session.commit()
    except Exception:
        session.rollback()
        raise
    return count


def import_user(
    *, session: Session, user_id: str, doc: object, batch_size: int = IMPORT_BATCH
) -> dict[str, int]:
    """Import a validated export into ``user_id``'s data, in batches of ``batch_size`` rows.

    Everything is validated before the first write. Each batch is its own short transaction, so
    the server and other commands keep writing meanwhile (a locked database is retried briefly).
    Rows whose id already exists are skipped, so importing the same file again is harmless and
    completes an import that was interrupted. Returns how many rows of each section were added.
    """
    parsed = parse_export(doc)
    _check_links(session, user_id, parsed)
    added: dict[str, int] = {}
    for name, model in SECTIONS.items():
        rows = parsed[name]
        count = 0
        for start in range(0, len(rows), batch_size):
            chunk = rows[start : start + batch_size]
            count += retry_locked(
                lambda chunk=chunk, model=model: _import_batch(session, user_id, model, chunk)
            )
        added[name] = count

    def rebuild() -> None:
        session.rollback()
        rebuild_user(session=session, user_id=user_id)
        session.commit()

    retry_locked(rebuild)
    return added
