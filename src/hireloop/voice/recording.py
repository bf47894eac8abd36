"""A recording that goes with an answer: kept under the data directory, its delivery report stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from hireloop.config import Settings
from hireloop.store import repository as repo
from hireloop.store.tables import AnswerRow
from hireloop.voice import storage
from hireloop.voice.delivery import DeliveryReport, delivery_report, suggested_length
from hireloop.voice.transcript import Transcript


@dataclass(frozen=True)
class Recording:
    """Audio with its transcript: a pending web upload (``token``) or a file the CLI was given."""

    transcript: Transcript
    path: Path | None = None
    token: str | None = None


def report_for(transcript: Transcript, *, round_id: str | None, probe: bool = False) -> DeliveryReport:
    return delivery_report(transcript.words, suggested=suggested_length(round_id, probe=probe))


def delivery_document(report: DeliveryReport, transcript: Transcript) -> dict[str, Any]:
    return {**report.to_json(), "transcript": transcript.to_json()}


def keep(recording: Recording, *, settings: Settings, db: Session, answer: AnswerRow) -> DeliveryReport:
    """Store the recording with its answer and the delivery report on the answer row."""
    if recording.token is not None:
        relative = storage.keep_pending(settings, answer.user_id, recording.token, answer.id)
    else:
        assert recording.path is not None
        relative = storage.keep_file(settings, answer.user_id, answer.id, recording.path)
    report = report_for(recording.transcript, round_id=answer.round, probe=answer.kind == "probe")
    if relative is not None:
        repo.attach_audio(
            session=db,
            answer_id=answer.id,
            audio=relative,
            delivery=delivery_document(report, recording.transcript),
        )
    return report


def from_upload(settings: Settings, user: str, token: str | None) -> Recording | None:
    """The transcribed upload behind a form's hidden ``audio`` field, if it is the user's and done."""
    if not token:
        return None
    transcript = storage.pending_transcript(settings, user, token)
    if transcript is None:
        return None
    return Recording(transcript=transcript, token=token)


def delete_answer(*, settings: Settings, db: Session, user: str, answer_id: str) -> bool:
    """Delete an answer with its assessments and its recording."""
    row = repo.delete_answer(session=db, user_id=user, answer_id=answer_id)
    if row is None:
        return False
    storage.delete_audio(settings, row.audio)
    return True
