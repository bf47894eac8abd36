"""One exported row at a time: how a row is written to an export and how an imported one is checked.

Each record is validated on its own (types from the schema, then what the schema cannot say: enums,
ranges, the shape of the JSON documents), so an import can stream a file of any size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, get_args, get_origin

from pydantic import ValidationError
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String, Text

from hireloop.inputs import INT32_MAX, SEED_MAX, InputError, clean_text, parse_int, preview
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
# Fields added after export version 1 was defined: an older export without them still imports.
ADDED_LATER = {"idempotency_key", "revises", "audio", "delivery", "span"}


class ImportFormatError(ValueError):
    """The document is not a hireloop export this version can read; says where and what was expected."""


def columns(model: type[Base]) -> list[Any]:
    """The exported columns: every one but the owner (an import gives the rows to its own user)."""
    return [c for c in model.__table__.columns if c.name != "user_id"]


def key_of(model: type[Base]) -> list[str]:
    return [c.key for c in model.__table__.primary_key.columns]


def dump_row(row: Any, cols: list[Any]) -> dict[str, Any]:
    """A fetched row (in ``cols`` order) as the export's JSON object."""
    out: dict[str, Any] = {}
    for column, value in zip(cols, row, strict=True):
        out[column.name] = value.isoformat() if isinstance(value, datetime | date) else value
    return out


Parser = Callable[[Any, str], Any]


def _datetime(value: Any, where: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) and len(value) < 64 else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise ImportFormatError(
            f"{where}: expected an ISO 8601 datetime with a UTC offset, got {preview(value)}"
        )
    return parsed


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ImportFormatError(f"{where}: expected an ISO date (YYYY-MM-DD), got {preview(value)}") from None


def _float(value: Any, where: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise ImportFormatError(f"{where}: expected a number, got {preview(value)}")
    return float(value)


def _text(length: int | None) -> Parser:
    def parse(value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise ImportFormatError(f"{where}: expected a string, got {type(value).__name__}")
        if not value.isascii():  # only non-ASCII text can hold a lone surrogate: skip the regex otherwise
            value = clean_text(value)
        elif "\x00" in value:
            value = value.replace("\x00", "")
        if length is not None and len(value) > length:
            raise ImportFormatError(f"{where}: expected at most {length} characters, got {len(value)}")
        return value

    return parse


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ImportFormatError(f"{where}: expected true or false, got {preview(value)}")
    return value


def _int(value: Any, where: str) -> int:
    try:
        return parse_int(value, field=where, minimum=-INT32_MAX - 1, maximum=INT32_MAX)
    except InputError as exc:
        raise ImportFormatError(str(exc)) from None


def _json(expected: type) -> Parser:
    what = "a list" if expected is list else "an object"

    def parse(value: Any, where: str) -> Any:
        if not isinstance(value, expected):
            raise ImportFormatError(f"{where}: expected {what}, got {type(value).__name__}")
        return value

    return parse


def _parser(model: type[Base], column: Any) -> Parser:
    kind = column.type
    if isinstance(kind, UTCDateTime | DateTime):
        return _datetime
    if isinstance(kind, Date):
        return _date
    if isinstance(kind, Float):
        return _float
    if isinstance(kind, String | Text):
        return _text(getattr(kind, "length", None))
    if isinstance(kind, Boolean):
        return _bool
    if isinstance(kind, Integer):
        return _int
    if isinstance(kind, JSON):
        # JSON columns hold objects, except those declared ``Mapped[list[...]]``.
        (held,) = get_args(model.__annotations__[column.key])  # tables.py's annotations are objects
        is_list = get_origin(held) is list
        return _json(list if is_list else dict)
    return lambda value, where: value


# Per section: (column name, attribute key, nullable, added later, parser).
_FIELDS = {
    name: [
        (c.name, c.key, bool(c.nullable), c.name in ADDED_LATER, _parser(model, c)) for c in columns(model)
    ]
    for name, model in SECTIONS.items()
}


def parse_row(name: str, item: Any, where: str) -> dict[str, Any]:
    """Record ``where`` (e.g. ``answers[41]``) of section ``name`` as column values; ImportFormatError says
    which field is wrong and what was expected."""
    if not isinstance(item, dict):
        raise ImportFormatError(f"{where}: expected an object, got {preview(item)}")
    row: dict[str, Any] = {}
    for field, key, nullable, later, parse in _FIELDS[name]:
        if field not in item:
            if later:
                row[key] = None
                continue
            raise ImportFormatError(f"{where}.{field}: required field is missing")
        value = item[field]
        if value is None:
            if not nullable:
                raise ImportFormatError(f"{where}.{field}: required value is null")
            row[key] = None
        else:
            row[key] = parse(value, f"{where}.{field}")
    _check_row(name, row, where)
    return row


def _model_error(where: str, exc: ValidationError) -> ImportFormatError:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    return ImportFormatError(f"{where}{'.' + loc if loc else ''}: {err['msg']}")


def _check_row(name: str, row: dict[str, Any], where: str) -> None:
    """What the schema's types cannot say: enums, ranges and the shape of the JSON documents."""

    def one_of(field: str, allowed: Iterable[str]) -> None:
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
        _check_session(row, where)
    elif name == "drill_states":
        _check_drill_state(row["state"], f"{where}.state")
    elif name == "review_logs":
        if not 1 <= row["rating"] <= 4:
            raise ImportFormatError(f"{where}.rating: expected 1 (again) to 4 (easy), got {row['rating']}")
    elif name == "exercise_attempts":
        from hireloop.drills.exercises import KINDS

        one_of("kind", list(KINDS))
        if not 0 <= row["seed"] <= SEED_MAX:
            raise ImportFormatError(f"{where}.seed: expected a whole number from 0 to {SEED_MAX}")
    elif name == "profiles":
        hours = row["hours_per_week"]
        if hours is not None and not 1 <= hours <= 60:
            raise ImportFormatError(f"{where}.hours_per_week: expected 1 to 60 hours, got {preview(hours)}")


def _check_session(row: dict[str, Any], where: str) -> None:
    from hireloop.interview.committee import Debrief
    from hireloop.interview.loop import LoopState
    from hireloop.interview.round import RoundState

    for field, allowed in (("kind", ("round", "loop")), ("status", ("active", "finished"))):
        if row[field] not in allowed:
            raise ImportFormatError(
                f"{where}.{field}: expected one of {', '.join(allowed)}, got {preview(row[field])}"
            )
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
