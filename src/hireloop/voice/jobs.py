"""Transcription off the request thread: a small worker pool with a bound on queued jobs.

One process-wide model serves every job; CTranslate2 releases the GIL while it decodes, so the
web app keeps answering other users while a recording is transcribed.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from hireloop.config import Settings
from hireloop.voice import storage
from hireloop.voice.errors import VoiceError
from hireloop.voice.transcript import transcribe

log = logging.getLogger(__name__)


class Busy(RuntimeError):
    """Too many transcriptions are waiting; try again shortly."""


@dataclass
class Job:
    token: str
    user: str
    status: str = "queued"  # queued, running, done, failed
    progress: float = 0.0
    text: str = ""
    seconds: float = 0.0
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "token": self.token,
            "status": self.status,
            "progress": round(self.progress, 3),
            "text": self.text,
            "seconds": round(self.seconds, 1),
            "error": self.error,
        }


class TranscriptionPool:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._executor = ThreadPoolExecutor(
            max_workers=settings.voice_workers, thread_name_prefix="transcribe"
        )
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def submit(self, *, user: str, token: str) -> Job:
        with self._lock:
            waiting = sum(j.status in ("queued", "running") for j in self._jobs.values())
            if waiting >= self.settings.voice_queue:
                raise Busy(f"{waiting} recordings are being transcribed; try again in a minute")
            job = Job(token=token, user=user)
            self._jobs[token] = job
        self._executor.submit(self._run, job)
        return job

    def get(self, *, user: str, token: str) -> Job | None:
        """The job for a token, only for its owner; rebuilt from disk after a restart."""
        with self._lock:
            job = self._jobs.get(token)
        if job is not None:
            return job if job.user == user else None
        if storage.pending_audio(self.settings, user, token) is None:
            return None
        transcript = storage.pending_transcript(self.settings, user, token)
        if transcript is not None:
            return Job(
                token=token,
                user=user,
                status="done",
                progress=1.0,
                text=transcript.text,
                seconds=transcript.seconds,
            )
        return Job(
            token=token,
            user=user,
            status="failed",
            error="transcription was interrupted; your recording is kept: retry, or type the answer",
        )

    def _run(self, job: Job) -> None:
        job.status = "running"
        path = storage.pending_audio(self.settings, job.user, job.token)
        name = storage.pending_name(self.settings, job.user, job.token)

        def progress(fraction: float) -> None:
            job.progress = fraction

        try:
            if path is None:
                raise VoiceError("the recording is gone")
            transcript = transcribe(path, settings=self.settings, name=name, progress=progress)
            storage.save_transcript(self.settings, job.user, job.token, transcript)
        except VoiceError as exc:
            job.status, job.error = "failed", f"{exc}. Your recording is kept: retry, or type the answer."
            return
        except Exception:  # a worker must never die silently; the user can still retry or type
            log.exception("transcription of %s failed", job.token)
            job.status = "failed"
            job.error = "transcription failed unexpectedly; your recording is kept: retry, or type the answer"
            return
        job.text, job.seconds, job.progress, job.status = transcript.text, transcript.seconds, 1.0, "done"

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
