"""Hostile and malformed input over a real server, on SQLite and PostgreSQL: a clear 4xx, never a 500."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from hireloop.store.tables import AnswerRow, DraftRow, ProfileRow, UserRow
from hireloop.web.app import create_app
from tests.helpers import live_server, make_settings


@pytest.fixture
def app_and_url(tmp_path: Path, database_url: str):
    app = create_app(make_settings(tmp_path, database_url=database_url))
    with live_server(app) as url:
        yield app, url


def stored_answers(app) -> list[AnswerRow]:
    with app.state.sessions() as db:
        return list(db.scalars(select(AnswerRow)))


ANSWER = "We rank with gradient-boosted trees on purchase labels; offline NDCG, then an online test."


def test_nul_bytes_are_stripped_and_the_answer_stored(app_and_url) -> None:
    app, url = app_and_url
    body = {"round": "ml_system_design", "question": "Design\x00 search ranking.", "answer": ANSWER + "\x00"}
    response = httpx.post(url + "/api/assess", json=body)
    assert response.status_code == 200, response.text
    form = {"round": "behavioral", "question": "Tell me\x00 about a launch.", "answer": "I led\x00 a launch."}
    assert httpx.post(url + "/grade", data=form).status_code == 200
    texts = sorted(a.text for a in stored_answers(app))
    assert texts == ["I led a launch.", ANSWER]
    assert all("\x00" not in a.question_text for a in stored_answers(app))


def test_a_lone_surrogate_in_json_is_a_clear_422(app_and_url) -> None:
    _, url = app_and_url
    raw = json.dumps({"round": "behavioral", "question": "Q?", "answer": "I led it \ud800" + "x" * 5000})
    response = httpx.post(url + "/api/assess", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "answer" in response.text
    assert "x" * 200 not in response.text  # the input is not echoed back


def test_session_answers_and_drafts_with_nul_bytes(app_and_url) -> None:
    app, url = app_and_url
    with httpx.Client(base_url=url) as client:
        response = client.post("/practice/round", data={"round": "behavioral"})
        session_id = response.headers["location"].rsplit("/", 1)[-1]
        key = f"{session_id}:0:main"
        draft = client.post(f"/sessions/{session_id}/draft", data={"key": key, "text": "a\x00b"})
        assert draft.status_code == 200
        with app.state.sessions() as db:
            assert [d.text for d in db.scalars(select(DraftRow))] == ["ab"]
        too_long = client.post(f"/sessions/{session_id}/draft", data={"key": key + "x" * 200, "text": "t"})
        assert too_long.status_code == 422
        answer = client.post(f"/sessions/{session_id}/answer", data={"text": "I led\x00 it."})
        assert answer.status_code == 303
    assert [a.text for a in stored_answers(app)] == ["I led it."]


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("/exercises/check", {"kind": "ranking_auc", "seed": "²"}, "seed: expected a whole number"),
        ("/exercises/check", {"kind": "ranking_auc", "seed": str(2**31)}, "from 0 to 2147483647"),
        ("/exercises/check", {"kind": "ranking_auc", "seed": "9" * 5000}, "seed: expected a whole number"),
        ("/exercises/check", {"kind": "ranking_auc", "seed": "-1"}, "seed: expected a whole number"),
        ("/practice/loop", {"rounds": "5", "seed": "٣"}, "seed: expected a whole number"),
        ("/practice/loop", {"rounds": "5", "difficulty": "²"}, "difficulty: expected a whole number"),
    ],
)
def test_numbers_are_parsed_with_bounds(app_and_url, path: str, data: dict, message: str) -> None:
    _, url = app_and_url
    response = httpx.post(url + path, data=data)
    assert response.status_code == 422
    assert message in response.text
    assert "9" * 100 not in response.text  # a huge value is never echoed whole


def test_number_query_parameters_are_bounded(app_and_url) -> None:
    _, url = app_and_url
    assert (
        httpx.get(url + "/exercises", params={"kind": "ranking_auc", "seed": str(2**40)}).status_code == 422
    )
    assert httpx.get(url + "/bank", params={"difficulty": "²"}).status_code == 422
    assert httpx.get(url + "/exercises", params={"kind": "ranking_auc", "seed": "7"}).status_code == 200


def test_cohort_is_not_found_in_single_user_mode(app_and_url) -> None:
    _, url = app_and_url
    response = httpx.get(url + "/cohort")
    assert response.status_code == 404
    assert "multi-user" in response.text


def test_twenty_concurrent_first_requests_create_the_user_and_profile_once(app_and_url) -> None:
    app, url = app_and_url

    def first(index: int) -> int:
        if index % 2:
            return httpx.post(url + "/plan", data={"hours_per_week": "5"}, timeout=60).status_code
        body = {
            "round": "behavioral",
            "question": "Tell me about a launch.",
            "answer": "I led it.",
            "save": True,
        }
        return httpx.post(url + "/api/assess", json=body, timeout=60).status_code

    with ThreadPoolExecutor(20) as pool:
        codes = list(pool.map(first, range(20)))
    assert all(code in (200, 303) for code in codes), codes
    with app.state.sessions() as db:
        assert db.scalar(select(func.count()).select_from(UserRow)) == 1
        assert db.scalar(select(func.count()).select_from(ProfileRow)) == 1
        assert db.scalar(select(func.count()).select_from(AnswerRow)) == 10


def test_a_resubmitted_form_stores_the_answer_once(app_and_url) -> None:
    app, url = app_and_url
    form = {
        "round": "behavioral",
        "question": "Tell me about a launch.",
        "answer": "I led it.",
        "submission": "k1",
    }
    first = httpx.post(url + "/grade", data=form)
    second = httpx.post(url + "/grade", data=form)
    assert first.status_code == second.status_code == 200
    body = {"round": "behavioral", "question": "Q?", "answer": "A.", "idempotency_key": "k2"}
    assert (
        httpx.post(url + "/api/assess", json=body).json() == httpx.post(url + "/api/assess", json=body).json()
    )
    assert len(stored_answers(app)) == 2
    page = httpx.get(url + "/grade").text
    assert 'name="submission"' in page


def test_a_resubmitted_session_answer_is_stored_once_and_the_round_advances_once(app_and_url) -> None:
    app, url = app_and_url
    with httpx.Client(base_url=url) as client:
        response = client.post("/practice/round", data={"round": "ml_system_design"})
        session_id = response.headers["location"].rsplit("/", 1)[-1]
        step = f"{session_id}:0:main"
        answer = {"text": ANSWER, "step": step}
        assert client.post(f"/sessions/{session_id}/answer", data=answer).status_code == 303
        assert client.post(f"/sessions/{session_id}/answer", data=answer).status_code == 303
    answers = stored_answers(app)
    assert [(a.kind, a.text) for a in answers] == [("main", ANSWER)]
