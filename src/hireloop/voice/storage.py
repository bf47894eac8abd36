"""Where recordings live: one file per answer under the data directory, referenced from the database.

Uploads wait under ``pending/<token>/`` until the answer they belong to is submitted; then they move
beside the user's other recordings as ``<answer id><suffix>``. Nothing here is ever deleted except
with its answer, so a failed transcription never loses a recording.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import uuid
from pathlib import Path
from typing import BinaryIO

from hireloop.config import Settings
from hireloop.voice.audio import FORMATS, MAX_BYTES, SUFFIXES
from hireloop.voice.errors import AudioError
from hireloop.voice.transcript import Transcript

TOKEN = re.compile(r"^[0-9a-f]{32}$")
CHUNK = 1024 * 1024


def audio_root(settings: Settings) -> Path:
    return settings.data_dir / "audio"


def _user_dir(settings: Settings, user: str) -> Path:
    # User ids may hold any character; the directory name must not.
    return audio_root(settings) / hashlib.sha256(user.encode()).hexdigest()[:24]


def _pending(settings: Settings, user: str, token: str) -> Path | None:
    if not TOKEN.match(token):
        return None
    folder = _user_dir(settings, user) / "pending" / token
    return folder if folder.is_dir() else None


def suffix_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise AudioError(
            f"{filename or 'the upload'}: '{suffix or 'no extension'}' is not a supported audio type; "
            f"expected {FORMATS}"
        )
    return suffix


def save_upload(settings: Settings, user: str, *, source: BinaryIO, filename: str) -> str:
    """Copy an upload into the user's pending area (at most MAX_BYTES) and return its token."""
    suffix = suffix_of(filename)
    token = uuid.uuid4().hex
    folder = _user_dir(settings, user) / "pending" / token
    folder.mkdir(parents=True)
    target = folder / f"audio{suffix}"
    written = 0
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > MAX_BYTES:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise AudioError(f"{filename} is larger than {MAX_BYTES // 1024 // 1024} MB, the limit")
            out.write(chunk)
    (folder / "name.txt").write_text(Path(filename).name, encoding="utf-8")
    return token


def pending_audio(settings: Settings, user: str, token: str) -> Path | None:
    folder = _pending(settings, user, token)
    if folder is None:
        return None
    return next((p for p in folder.iterdir() if p.name.startswith("audio.")), None)


def pending_name(settings: Settings, user: str, token: str) -> str:
    folder = _pending(settings, user, token)
    name = folder / "name.txt" if folder else None
    return name.read_text(encoding="utf-8") if name and name.is_file() else "recording"


def save_transcript(settings: Settings, user: str, token: str, transcript: Transcript) -> None:
    folder = _pending(settings, user, token)
    if folder is not None:
        (folder / "transcript.json").write_text(json.dumps(transcript.to_json()), encoding="utf-8")


def pending_transcript(settings: Settings, user: str, token: str) -> Transcript | None:
    folder = _pending(settings, user, token)
    path = folder / "transcript.json" if folder else None
    if path is None or not path.is_file():
        return None
    return Transcript.from_json(json.loads(path.read_text(encoding="utf-8")))


def keep_pending(settings: Settings, user: str, token: str, answer_id: str) -> str | None:
    """Move a pending upload to the answer it belongs to; returns its path relative to audio_root."""
    source = pending_audio(settings, user, token)
    if source is None:
        return None
    relative = keep_file(settings, user, answer_id, source, move=True)
    shutil.rmtree(source.parent, ignore_errors=True)
    return relative


def keep_file(settings: Settings, user: str, answer_id: str, source: Path, *, move: bool = False) -> str:
    """Store a recording for an answer (copied, or moved for uploads); returns the relative path."""
    folder = _user_dir(settings, user)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{answer_id}{source.suffix.lower()}"
    if move:
        shutil.move(str(source), target)
    else:
        shutil.copyfile(source, target)
    return str(target.relative_to(audio_root(settings)))


def keep_bytes(settings: Settings, user: str, answer_id: str, data: bytes, *, suffix: str) -> str:
    folder = _user_dir(settings, user)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{answer_id}{suffix}"
    target.write_bytes(data)
    return str(target.relative_to(audio_root(settings)))


def answer_audio(settings: Settings, relative: str | None) -> Path | None:
    if not relative:
        return None
    path = (audio_root(settings) / relative).resolve()
    root = audio_root(settings).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path


def delete_audio(settings: Settings, relative: str | None) -> None:
    path = answer_audio(settings, relative)
    if path is not None:
        path.unlink(missing_ok=True)


MEDIA_TYPES = {
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".mp4": "audio/mp4",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".webm": "audio/webm",
}
