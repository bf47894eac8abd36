"""Export all of a user's data as one versioned JSON document, and import it back, as streams.

An export is written a record at a time straight from the database cursor. An import reads its file
twice: a checking pass validates every record (and that every assessment belongs to an answer of this
user) before anything is written, then a writing pass inserts each section in batches, each batch its
own short transaction. Memory stays flat whatever the size of the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Protocol

from sqlalchemy import JSON, Date, DateTime, Text, cast, func, insert, select
from sqlalchemy.orm import Session

from hireloop.inputs import preview
from hireloop.store.database import retry_locked
from hireloop.store.exportfile import (
    ExportDoc,
    ExportFile,
    ExportSource,
    Item,
    ListStart,
    Other,
    TopValue,
    export_pieces,
)
from hireloop.store.records import SECTIONS, ImportFormatError, columns, dump_row, key_of, parse_row
from hireloop.store.repository import ensure_user, now
from hireloop.store.stats import rebuild_user
from hireloop.store.tables import AnswerRow, AssessmentRow, Base, UTCDateTime

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "SECTIONS",
    "ExportDoc",
    "ExportFile",
    "ExtraSection",
    "ImportFormatError",
    "export_text",
    "export_user",
    "import_export",
    "import_user",
    "write_export",
]

IMPORT_BATCH = 1000  # rows per transaction: the write lock is never held for long
FETCH_BATCH = 1000
EXPORT_FORMAT = "hireloop-export"
EXPORT_VERSION = 1

Progress = Callable[[str, int, int], None]
"""Told ``(step, done, total)`` as an export or import moves on; ``total`` is 0 when unknown."""


def _no_progress(step: str, done: int, total: int) -> None:
    pass


class ExtraSection(Protocol):
    """A top-level list kept outside the tables (recordings): checked in the checking pass, applied after
    every row is written."""

    def check(self, item: Any, where: str) -> str:
        """Validate one record; return the id of the answer it belongs to (which must be in the file)."""
        ...

    def apply(self, item: Any, *, session: Session, user_id: str) -> bool:
        """Store one record; True when something was added."""
        ...


# ---------------------------------------------------------------------------------------------- export


def _query(session: Session, user_id: str, model: type[Base], selected: list[Any]) -> Any:
    """``selected`` of the user's rows of ``model``, in primary-key order (byte order on PostgreSQL too)."""
    query = select(*selected)
    if model is AssessmentRow:
        query = query.join(AnswerRow, AnswerRow.id == AssessmentRow.answer_id).where(
            AnswerRow.user_id == user_id
        )
    else:
        query = query.select_from(model.__table__).where(model.__table__.c.user_id == user_id)
    postgres = session.get_bind().dialect.name == "postgresql"
    order = [
        c.collate("C") if postgres and c.type.python_type is str else c
        for c in model.__table__.primary_key.columns
        if c.name != "user_id"
    ]
    return query.order_by(*order)


def _count(session: Session, user_id: str, model: type[Base]) -> int:
    key = model.__table__.primary_key.columns.values()[0]
    inner = _query(session, user_id, model, [key]).order_by(None).subquery()
    return session.scalar(select(func.count()).select_from(inner)) or 0


def _rows(session: Session, user_id: str, name: str) -> Iterator[dict[str, Any]]:
    """Each row as its export record (a dict)."""
    model = SECTIONS[name]
    cols = columns(model)
    for row in session.execute(_query(session, user_id, model, cols)):
        record = dump_row(row, cols)
        if name == "answers":
            record["audio"] = None  # a path on this machine; recordings travel in the "audio" section
        yield record


def _lines(session: Session, user_id: str, name: str, progress: Progress, total: int) -> Iterator[str]:
    """Each row as its export record, as JSON text. JSON columns are copied as stored, never parsed:
    decoding and re-encoding the assessment documents was most of an export's time."""
    model = SECTIONS[name]
    plain = [c for c in columns(model) if not isinstance(c.type, JSON)]
    documents = [c for c in columns(model) if isinstance(c.type, JSON)]
    names = [c.name for c in plain]
    stamps = [i for i, c in enumerate(plain) if isinstance(c.type, UTCDateTime | DateTime | Date)]
    tails = [f", {json.dumps(c.name)}: " for c in documents]
    width = len(plain)
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    query = _query(session, user_id, model, [*plain, *(cast(c, Text) for c in documents)])
    done = 0
    for row in session.connection().execute(query.execution_options(yield_per=FETCH_BATCH)):
        values = list(row[:width])
        for i in stamps:
            if values[i] is not None:
                values[i] = values[i].isoformat()
        record = dict(zip(names, values, strict=True))
        if name == "answers":
            record["audio"] = None  # a path on this machine; recordings travel in the "audio" section
        parts = [encode(record)[:-1]]
        for tail, raw in zip(tails, row[width:], strict=True):
            parts += (tail, "null" if raw is None else raw)
        parts.append("}")
        yield "".join(parts)
        done += 1
        if done % FETCH_BATCH == 0:
            progress(name, done, total)
    progress(name, done, total)


def _header(user_id: str) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now().isoformat(),
        "user": user_id,
    }


def export_text(
    *,
    session: Session,
    user_id: str,
    extra: Mapping[str, Callable[[], Iterator[dict[str, Any]]]] | None = None,
    progress: Progress = _no_progress,
    counts: dict[str, int] | None = None,
) -> Iterator[str]:
    """``user_id``'s export as text, piece by piece, read from the database as it goes.

    ``extra`` adds top-level lists after the tables (the recordings, when asked for); ``counts``
    receives how many records each section had.
    """

    def sections() -> Iterator[tuple[str, Iterator[dict[str, Any] | str]]]:
        for name, model in SECTIONS.items():
            yield name, _lines(session, user_id, name, progress, _count(session, user_id, model))
        for name, records in (extra or {}).items():
            yield name, records()

    return export_pieces(_header(user_id), sections(), {} if counts is None else counts)


def write_export(
    *,
    session: Session,
    user_id: str,
    out: IO[str],
    extra: Mapping[str, Callable[[], Iterator[dict[str, Any]]]] | None = None,
    progress: Progress = _no_progress,
) -> dict[str, int]:
    """Write ``user_id``'s export to ``out`` as it is read; returns how many records of each section."""
    counts: dict[str, int] = {}
    for piece in export_text(session=session, user_id=user_id, extra=extra, progress=progress, counts=counts):
        out.write(piece)
    return counts


def export_user(*, session: Session, user_id: str) -> dict[str, Any]:
    """The whole export as one dict: for small stores and tests (the CLI streams with ``write_export``)."""
    doc = _header(user_id)
    for name in SECTIONS:
        doc[name] = list(_rows(session, user_id, name))
    return doc


# ---------------------------------------------------------------------------------------------- import


def _owners(session: Session, ids: list[str]) -> dict[str, str]:
    query = select(AnswerRow.id, AnswerRow.user_id).where(AnswerRow.id.in_(ids))
    return {answer_id: owner for answer_id, owner in session.execute(query)}


class _Checker:
    """The checking pass: every record valid, every link resolvable, before anything is written."""

    def __init__(self, session: Session, user_id: str, extras: Mapping[str, ExtraSection]) -> None:
        self.session, self.user_id, self.extras = session, user_id, extras
        self.header: dict[str, Any] = {}
        self.counts: dict[str, int] = {}
        self.answers: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (where, answer id) waiting for the owner query
        self.unresolved: list[tuple[str, str]] = []  # answer ids neither stored nor (yet) in the file
        self.claims: list[tuple[str, str]] = []  # extra records: (where, answer id) that must be in the file

    def header_error(self) -> ImportFormatError | None:
        if self.header.get("format") != EXPORT_FORMAT:
            return ImportFormatError(f'format: expected a JSON object with "format": "{EXPORT_FORMAT}"')
        if self.header.get("version") != EXPORT_VERSION:
            return ImportFormatError(
                f"version: this hireloop reads export version {EXPORT_VERSION}, "
                f"got {self.header.get('version')!r}"
            )
        return None

    def run(self, source: ExportSource, progress: Progress) -> dict[str, int]:
        first_error: ImportFormatError | None = None
        for seen, event in enumerate(source.scan()):
            if seen % 2000 == 0:
                progress("checking", source.position(), source.size())
            if isinstance(event, TopValue) and event.key in ("format", "version"):
                self.header[event.key] = event.value
                continue
            if first_error is not None:
                continue  # only looking for the header now: a wrong format is the better message
            try:
                self._event(event)
            except ImportFormatError as exc:
                if self.header_error() is None:
                    raise
                first_error = exc
        if (error := self.header_error()) is not None:
            raise error
        if first_error is not None:
            raise first_error
        self._resolve_links()
        for where, answer_id in self.unresolved:
            if answer_id not in self.answers:
                raise ImportFormatError(
                    f"{where}.answer_id: no answer {preview(answer_id)} in the file or stored"
                )
        for where, answer_id in self.claims:
            if answer_id not in self.answers:
                raise ImportFormatError(f"{where}.answer_id: no answer with id {answer_id!r} in this file")
        progress("checking", source.size(), source.size())
        return self.counts

    def _event(self, event: Any) -> None:
        known = event.key in SECTIONS or event.key in self.extras
        if isinstance(event, ListStart):
            if known:
                self.counts[event.key] = 0
        elif isinstance(event, Item):
            if known:
                self._item(event.key, event.index, event.value)
        elif known and isinstance(event, Other | TopValue):
            raise ImportFormatError(f"{event.key}: expected a list")

    def _item(self, name: str, index: int, item: Any) -> None:
        where = f"{name}[{index}]"
        self.counts[name] += 1
        if name in self.extras:
            self.claims.append((where, self.extras[name].check(item, where)))
            return
        row = parse_row(name, item, where)
        if name == "answers":
            self.answers.add(row["id"])
        elif name == "assessments":
            self.links.append((where, row["answer_id"]))
            if len(self.links) >= 500:
                self._resolve_links()

    def _resolve_links(self) -> None:
        """An assessment attaches only to an answer of this user: in the file or already stored."""
        if not self.links:
            return
        owners = _owners(self.session, sorted({answer_id for _, answer_id in self.links}))
        for where, answer_id in self.links:
            owner = owners.get(answer_id)
            if owner is not None and owner != self.user_id:
                raise ImportFormatError(f"{where}.answer_id: refers to another user's answer")
            if owner is None and answer_id not in self.answers:
                self.unresolved.append((where, answer_id))
        self.links = []


def _existing_keys(session: Session, user_id: str, model: type[Base], rows: list[dict[str, Any]]) -> set:
    """Primary keys of these rows already stored, in one query."""
    keys = key_of(model)
    table = model.__table__
    if len(keys) == 1:
        column = table.c[keys[0]]
        ids = [user_id if keys[0] == "user_id" else row[keys[0]] for row in rows]
        return {(value,) for value in session.scalars(select(column).where(column.in_(ids)))}
    (other,) = [k for k in keys if k != "user_id"]
    column = table.c[other]
    query = select(column).where(table.c.user_id == user_id, column.in_([row[other] for row in rows]))
    return {tuple(user_id if k == "user_id" else value for k in keys) for value in session.scalars(query)}


def _insert_batch(session: Session, user_id: str, model: type[Base], rows: list[dict[str, Any]]) -> int:
    """Insert the rows not stored yet (nor repeated earlier in the batch), in one transaction."""
    session.rollback()
    keys = key_of(model)
    try:
        existing = _existing_keys(session, user_id, model, rows)  # read before taking the write lock
        ensure_user(session=session, user_id=user_id)
        fresh = []
        for row in rows:
            if model is not AssessmentRow:
                row["user_id"] = user_id
            key = tuple(row[k] for k in keys)
            if key not in existing:
                existing.add(key)
                fresh.append(row)
        if fresh:
            session.execute(insert(model.__table__), fresh)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return len(fresh)


def _write_section(
    session: Session,
    user_id: str,
    source: ExportSource,
    name: str,
    *,
    total: int,
    batch_size: int,
    progress: Progress,
) -> int:
    model = SECTIONS[name]
    added = done = 0
    batch: list[dict[str, Any]] = []

    def flush() -> int:
        return retry_locked(lambda: _insert_batch(session, user_id, model, batch))

    for index, item in enumerate(source.items(name)):
        batch.append(parse_row(name, item, f"{name}[{index}]"))
        if len(batch) >= batch_size:
            added += flush()
            done += len(batch)
            batch = []
            progress(name, done, total)
    if batch:
        added += flush()
    progress(name, total, total)
    return added


def import_export(
    *,
    session: Session,
    user_id: str,
    source: ExportSource,
    extras: Mapping[str, ExtraSection] | None = None,
    batch_size: int = IMPORT_BATCH,
    progress: Progress = _no_progress,
) -> dict[str, int]:
    """Import an export into ``user_id``'s data; returns how many records of each section were added.

    Everything is validated before the first write. Each batch of ``batch_size`` rows is its own short
    transaction, so the server and other commands keep writing meanwhile (a locked database is retried
    briefly). Rows whose key already exists are skipped, so importing the same file again is harmless
    and completes an import that was interrupted. The running totals are rebuilt once at the end.
    """
    extras = dict(extras or {})
    counts = _Checker(session, user_id, extras).run(source, progress)
    session.rollback()
    added: dict[str, int] = {}
    for name in SECTIONS:
        total = counts.get(name, 0)
        added[name] = (
            _write_section(
                session, user_id, source, name, total=total, batch_size=batch_size, progress=progress
            )
            if total
            else 0
        )
    if added["answers"] or added["assessments"]:

        def rebuild() -> None:
            session.rollback()
            rebuild_user(session=session, user_id=user_id)
            session.commit()

        progress("totals", 0, 1)
        retry_locked(rebuild)
        progress("totals", 1, 1)
    for name, extra in extras.items():
        restored = 0
        for item in source.items(name) if counts.get(name) else ():
            restored += extra.apply(item, session=session, user_id=user_id)
        added[name] = restored
    return added


def import_user(
    *, session: Session, user_id: str, doc: object, batch_size: int = IMPORT_BATCH
) -> dict[str, int]:
    """Import an export already parsed into a dict (see ``import_export`` for files)."""
    return import_export(session=session, user_id=user_id, source=ExportDoc(doc), batch_size=batch_size)


def import_file(
    *,
    session: Session,
    user_id: str,
    path: Path,
    extras: Mapping[str, ExtraSection] | None = None,
    progress: Progress = _no_progress,
) -> dict[str, int]:
    """Import the export at ``path``, streaming it (see ``import_export``)."""
    return import_export(
        session=session, user_id=user_id, source=ExportFile(path), extras=extras, progress=progress
    )
