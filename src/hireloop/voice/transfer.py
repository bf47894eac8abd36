"""Recordings in exports: carried inside the JSON document (base64) only when asked for, one at a time."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hireloop.config import Settings
from hireloop.store import repository as repo
from hireloop.store.records import ImportFormatError
from hireloop.store.tables import AnswerRow
from hireloop.voice import storage
from hireloop.voice.audio import MAX_BYTES, SUFFIXES


def audio_records(*, session: Session, settings: Settings, user_id: str) -> Iterator[dict[str, Any]]:
    """Each of the user's recordings as an export record; paths on this machine never leave it."""
    query = (
        select(AnswerRow.id, AnswerRow.audio)
        .where(AnswerRow.user_id == user_id, AnswerRow.audio.is_not(None))
        .order_by(AnswerRow.id)
    )
    for answer_id, relative in session.execute(query).all():
        path = storage.answer_audio(settings, relative)
        if path is not None:
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            yield {"answer_id": answer_id, "suffix": path.suffix, "data": data}


@dataclass(frozen=True)
class AudioSection:
    """The ``audio`` section of an import: checked before anything is written, restored after the rows."""

    settings: Settings

    def _decode(self, item: Any, where: str) -> bytes:
        if not isinstance(item, dict):
            raise ImportFormatError(f"{where}: expected an object")
        if not isinstance(item.get("answer_id"), str):
            raise ImportFormatError(f"{where}.answer_id: expected the id of an answer in this file")
        if item.get("suffix") not in SUFFIXES:
            raise ImportFormatError(f"{where}.suffix: expected one of {', '.join(SUFFIXES)}")
        try:
            data = base64.b64decode(item.get("data", ""), validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise ImportFormatError(f"{where}.data: expected base64 audio") from None
        if not data or len(data) > MAX_BYTES:
            raise ImportFormatError(
                f"{where}.data: expected 1 byte to {MAX_BYTES // 1024 // 1024} MB of audio"
            )
        return data

    def check(self, item: Any, where: str) -> str:
        self._decode(item, where)
        return item["answer_id"]

    def apply(self, item: Any, *, session: Session, user_id: str) -> bool:
        """Write a carried recording for an answer that has none yet."""
        data = self._decode(item, "audio")
        answer = repo.get_answer(session=session, user_id=user_id, answer_id=item["answer_id"])
        if answer is None or storage.answer_audio(self.settings, answer.audio) is not None:
            return False
        answer.audio = storage.keep_bytes(
            self.settings, user_id, item["answer_id"], data, suffix=item["suffix"]
        )
        session.commit()
        return True
