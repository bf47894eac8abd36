"""The store on SQLite and PostgreSQL: migrations, answers committed before grading, sessions, drafts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from hireloop.store import StoreError, make_engine, session_factory
from hireloop.store import repository as repo
from tests.helpers import make_settings


def open_store(tmp_path: Path, url: str):
    engine = make_engine(make_settings(tmp_path, database_url=url))
    return engine, session_factory(engine)


def test_migrations_create_every_table_and_are_idempotent(tmp_path: Path, database_url: str) -> None:
    engine, _ = open_store(tmp_path, database_url)
    make_engine(make_settings(tmp_path, database_url=database_url))  # second start: nothing to do
    tables = set(inspect(engine).get_table_names())
    assert {
        "answers",
        "assessments",
        "sessions",
        "drafts",
        "drill_states",
        "review_logs",
        "exercise_attempts",
        "users",
        "alembic_version",
    } <= tables


def test_an_answer_survives_a_grader_crash(tmp_path: Path, database_url: str) -> None:
    engine, sessions = open_store(tmp_path, database_url)
    with sessions() as db:
        answer = repo.record_answer(
            session=db,
            user_id="ana",
            round_id="behavioral",
            question_text="Tell me about a setback.",
            text="Our churn model drifted after a pricing change, so I...",
        )
        with pytest.raises(ZeroDivisionError):
            _ = 1 / 0  # the grader fails after the answer was submitted
    engine.dispose()
    _, reopened = open_store(tmp_path, database_url)
    with reopened() as db:
        stored = repo.list_answers(session=db, user_id="ana")
    assert [a.text for a in stored] == ["Our churn model drifted after a pricing change, so I..."]
    assert stored[0].id == answer.id
    assert stored[0].created_at.tzinfo is not None


def test_assessments_and_history(tmp_path: Path, database_url: str) -> None:
    _, sessions = open_store(tmp_path, database_url)
    with sessions() as db:
        first = repo.record_answer(
            session=db,
            user_id="ana",
            round_id="behavioral",
            question_text="q",
            text="a",
            question_id="beh-one",
        )
        repo.record_assessment(
            session=db, answer_id=first.id, document={"engine": "rubric", "engine_version": "1", "grade": 2}
        )
        repo.record_assessment(
            session=db, answer_id=first.id, document={"engine": "rubric", "engine_version": "2", "grade": 3}
        )
        repo.record_answer(session=db, user_id="ben", round_id="behavioral", question_text="q", text="b")
        history = repo.graded_history(session=db, user_id="ana")
        assert [(a.id, s.document["grade"]) for a, s in history] == [(first.id, 3)]
        assert repo.answered_question_ids(session=db, user_id="ana") == {"beh-one"}
        assert repo.count_rows(session=db, user_id="ben")["answers"] == 1


def test_sessions_and_drafts_round_trip(tmp_path: Path, database_url: str) -> None:
    _, sessions = open_store(tmp_path, database_url)
    with sessions() as db:
        row = repo.save_session(
            session=db,
            user_id="ana",
            kind="loop",
            status="active",
            state={"rounds": [{"q": "x"}]},
            session_id=None,
        )
        repo.save_session(
            session=db,
            user_id="ana",
            kind="loop",
            status="paused",
            state={"rounds": [{"q": "x"}, {"q": "y"}]},
            session_id=row.id,
        )
        repo.save_draft(session=db, user_id="ana", key="round:1", text="half an answer")
        repo.save_draft(session=db, user_id="ana", key="round:1", text="half an answer, longer")
    with sessions() as db:
        loaded = repo.get_session(session=db, user_id="ana", session_id=row.id)
        assert loaded is not None and loaded.status == "paused"
        assert loaded.state == {"rounds": [{"q": "x"}, {"q": "y"}]}
        assert repo.get_session(session=db, user_id="ben", session_id=row.id) is None
        assert repo.get_draft(session=db, user_id="ana", key="round:1") == "half an answer, longer"


def test_unreachable_database_is_a_one_line_error(tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"
    with pytest.raises(StoreError) as caught:
        make_engine(make_settings(tmp_path, database_url=url))
    message = str(caught.value)
    assert message.startswith("cannot reach database postgresql+psycopg://nobody:***@127.0.0.1:1/none")
    assert "\n" not in message and "secret" not in message


def test_malformed_database_url(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a valid SQLAlchemy URL"):
        make_engine(make_settings(tmp_path, database_url="not a url"))
