"""Recordings in exports: carried inside the JSON document (base64) only when asked for."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from hireloop.config import Settings
from hireloop.store import repository as repo
from hireloop.store.transfer import ImportFormatError
from hireloop.voice import storage
from hireloop.voice.audio import MAX_BYTES, SUFFIXES


@dataclass(frozen=True)
class CarriedAudio:
    answer_id: str
    suffix: str
    data: bytes


def add_audio(doc: dict[str, Any], *, settings: Settings, with_audio: bool) -> int:
    """Put each answer's recording into ``doc["audio"]``; paths on this machine never leave it."""
    carried = []
    for answer in doc.get("answers", []):
        path = storage.answer_audio(settings, answer.get("audio"))
        answer["audio"] = None
        if not with_audio or path is None:
            continue
        carried.append(
            {
                "answer_id": answer["id"],
                "suffix": path.suffix,
                "data": base64.b64encode(path.read_bytes()).decode("ascii"),
            }
        )
    if with_audio:
        doc["audio"] = carried
    return len(carried)


def parse_audio(doc: object) -> list[CarriedAudio]:
    """Check the ``audio`` section before anything is written; ImportFormatError says where."""
    if not isinstance(doc, dict) or "audio" not in doc:
        return []
    items = doc["audio"]
    if not isinstance(items, list):
        raise ImportFormatError("audio: expected a list")
    answers = {a.get("id") for a in doc.get("answers", []) if isinstance(a, dict)}
    parsed = []
    for index, item in enumerate(items):
        where = f"audio[{index}]"
        if not isinstance(item, dict):
            raise ImportFormatError(f"{where}: expected an object")
        if item.get("answer_id") not in answers:
            raise ImportFormatError(
                f"{where}.answer_id: no answer with id {item.get('answer_id')!r} in this file"
            )
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
        parsed.append(CarriedAudio(answer_id=item["answer_id"], suffix=item["suffix"], data=data))
    return parsed


def restore_audio(items: list[CarriedAudio], *, settings: Settings, db: Session, user: str) -> int:
    """Write carried recordings for answers that have none yet; returns how many were restored."""
    restored = 0
    for item in items:
        answer = repo.get_answer(session=db, user_id=user, answer_id=item.answer_id)
        if answer is None or storage.answer_audio(settings, answer.audio) is not None:
            continue
        relative = storage.keep_bytes(settings, user, item.answer_id, item.data, suffix=item.suffix)
        answer.audio = relative
        db.commit()
        restored += 1
    return restored
