"""Spoken answers on the web: upload a recording, follow its transcription, replay stored audio.

Transcription runs in the app's worker pool, never on the request thread; every route is private
to the recording's owner (anyone else gets 404).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from hireloop.voice import storage
from hireloop.voice.errors import INSTALL_HINT, AudioError
from hireloop.web.deps import SessionDep, SettingsDep, UserDep

router = APIRouter(tags=["voice"])
api = APIRouter(prefix="/api/voice", tags=["voice-api"])


def voice_available(request: Request) -> bool:
    """Checked once per app: the extra and a model are present (no heavy import)."""
    state = request.app.state
    if getattr(state, "voice_available", None) is None:
        from hireloop.voice.model import available

        state.voice_available = available(state.settings)
    return state.voice_available


def _pool(request: Request):
    from hireloop.voice.jobs import TranscriptionPool

    state = request.app.state
    if getattr(state, "transcription", None) is None:
        state.transcription = TranscriptionPool(state.settings)
    return state.transcription


def _job_json(job, token: str) -> dict[str, Any]:
    return job.to_json() | {"audio_url": f"/api/voice/uploads/{token}/audio"}


@api.get("")
def voice_status(request: Request) -> dict[str, Any]:
    available = voice_available(request)
    return {"available": available, "hint": None if available else INSTALL_HINT}


@api.post("/uploads", status_code=202)
async def upload(
    request: Request,
    settings: SettingsDep,
    user: UserDep,
    file: Annotated[UploadFile, File()],
) -> dict[str, Any]:
    """Keep the recording first (it is never lost), then queue its transcription."""
    from hireloop.voice.jobs import Busy

    if not voice_available(request):
        raise HTTPException(501, INSTALL_HINT)
    try:
        token = await run_in_threadpool(
            storage.save_upload, settings, user, source=file.file, filename=file.filename or ""
        )
    except AudioError as exc:
        raise HTTPException(422, str(exc)) from None
    try:
        job = _pool(request).submit(user=user, token=token)
    except Busy as exc:
        job = _pool(request).get(user=user, token=token)
        raise HTTPException(503, f"{exc}; your recording is kept (retry it shortly)") from None
    return _job_json(job, token)


@api.get("/uploads/{token}")
def upload_status(request: Request, token: str, user: UserDep) -> dict[str, Any]:
    job = _pool(request).get(user=user, token=token)
    if job is None:
        raise HTTPException(404, "No such recording.")
    return _job_json(job, token)


@api.post("/uploads/{token}/retry", status_code=202)
def retry(request: Request, token: str, settings: SettingsDep, user: UserDep) -> dict[str, Any]:
    from hireloop.voice.jobs import Busy

    if storage.pending_audio(settings, user, token) is None:
        raise HTTPException(404, "No such recording.")
    try:
        job = _pool(request).submit(user=user, token=token)
    except Busy as exc:
        raise HTTPException(503, str(exc)) from None
    return _job_json(job, token)


@api.get("/uploads/{token}/audio")
def upload_audio(token: str, settings: SettingsDep, user: UserDep) -> FileResponse:
    path = storage.pending_audio(settings, user, token)
    if path is None:
        raise HTTPException(404, "No such recording.")
    return FileResponse(path, media_type=storage.MEDIA_TYPES.get(path.suffix, "application/octet-stream"))


@router.get("/answers/{answer_id}/audio")
def answer_audio(answer_id: str, db: SessionDep, settings: SettingsDep, user: UserDep) -> FileResponse:
    from hireloop.store import repository as repo

    row = repo.get_answer(session=db, user_id=user, answer_id=answer_id)
    path = storage.answer_audio(settings, row.audio) if row is not None else None
    if path is None:
        raise HTTPException(404, "No recording for this answer.")
    return FileResponse(path, media_type=storage.MEDIA_TYPES.get(path.suffix, "application/octet-stream"))


@router.post("/answers/{answer_id}/delete")
def delete_answer(answer_id: str, db: SessionDep, settings: SettingsDep, user: UserDep):
    from fastapi.responses import RedirectResponse

    from hireloop.voice.recording import delete_answer as delete

    if not delete(settings=settings, db=db, user=user, answer_id=answer_id):
        raise HTTPException(404, "No such answer.")
    return RedirectResponse("/progress", status_code=303)
