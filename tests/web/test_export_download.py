"""The web download of all one's data: streamed (no length known up front), the same document
``hireloop import`` reads, only the signed-in member's rows, and a link on the progress page."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from hireloop.accounts import create_user
from hireloop.store import make_engine, session_factory
from hireloop.store import repository as repo
from hireloop.store.transfer import export_user, import_file
from hireloop.web.app import create_app
from tests.helpers import live_server, make_settings


def answers(db, user: str, count: int) -> None:
    """Graded answers (an ungraded one would be graded by the server as it starts, changing the data)."""
    for i in range(count):
        answer = repo.record_answer(
            session=db,
            user_id=user,
            round_id="behavioral",
            question_text="Q?",
            text=f"{user} answer {i} " * 40,
        )
        repo.record_assessment(session=db, answer_id=answer.id, document={"status": "graded", "grade": 3})


def test_the_download_streams_the_export_and_imports_back(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "a")
    with session_factory(make_engine(settings))() as db:
        answers(db, "local", 400)  # about 300 KB: several chunks
        expected = export_user(session=db, user_id="local")
    with live_server(create_app(settings)) as url, httpx.stream("GET", url + "/export.json") as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert "content-length" not in response.headers  # sent as it is read, not built first
        assert response.headers["content-disposition"].startswith('attachment; filename="hireloop-export-')
        chunks = list(response.iter_raw())
    assert len(chunks) > 1
    path = tmp_path / "download.json"
    path.write_bytes(b"".join(chunks))
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.pop("exported_at"), expected.pop("exported_at")
    assert doc == expected
    with session_factory(make_engine(make_settings(tmp_path / "b")))() as db:
        added = import_file(session=db, user_id="local", path=path)
    assert added["answers"] == 400 and added["assessments"] == 400


def test_a_member_downloads_only_their_own_data(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, multi_user=True, secret_key="test-secret-" + "x" * 32)
    with session_factory(make_engine(settings))() as db:
        create_user(session=db, user_id="ana", password="ana-password-1")
        create_user(session=db, user_id="ben", password="ben-password-1")
        answers(db, "ana", 2)
        answers(db, "ben", 3)
    with live_server(create_app(settings)) as url:
        assert httpx.get(url + "/export.json").status_code in (303, 401)  # signed out: nothing
        with httpx.Client(base_url=url) as client:
            client.post("/login", data={"user": "ben", "password": "ben-password-1", "next": "/"})
            doc = client.get("/export.json").json()
    assert doc["user"] == "ben" and len(doc["answers"]) == 3
    assert all(a["text"].startswith("ben answer") for a in doc["answers"])


@pytest.mark.browser
def test_the_progress_page_offers_the_download(page) -> None:
    page.goto("/progress")
    with page.expect_download() as download:
        page.click("text=Download all your data (.json)")
    assert download.value.suggested_filename.startswith("hireloop-export-")
    doc = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert doc["format"] == "hireloop-export" and doc["answers"] == []
