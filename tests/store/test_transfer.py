"""Export and import: one versioned JSON document; import into an empty store gives it back exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from hireloop.drills import store as drill_store
from hireloop.drills.scheduler import review
from hireloop.interview.round import RoundState
from hireloop.store import make_engine, session_factory
from hireloop.store import repository as repo
from hireloop.store.tables import ExerciseAttemptRow
from hireloop.store.transfer import ImportFormatError, export_user, import_user
from tests.helpers import make_settings


def populate(db) -> None:
    answer = repo.record_answer(
        session=db,
        user_id="ana",
        round_id="ml_system_design",
        question_text="Design a feed.",
        text="Candidates, then ranking…",
        question_id="msd-x",
    )
    repo.record_assessment(
        session=db,
        answer_id=answer.id,
        document={"engine": "rubric", "engine_version": "1", "grade": 3, "flags": []},
    )
    round_state = RoundState(round="behavioral", question="Tell me about a launch.", answer=None)
    repo.save_session(
        session=db,
        user_id="ana",
        kind="round",
        status="active",
        state={"round": round_state.model_dump(mode="json")},
        session_id=None,
    )
    repo.save_draft(session=db, user_id="ana", key="k", text="draft")
    stamp = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    drill_store.save_review(session=db, user_id="ana", result=review("card-a", None, "good", now=stamp))
    db.add(
        ExerciseAttemptRow(
            id="e1",
            user_id="ana",
            kind="classification",
            seed=7,
            correct=True,
            detail={"answer": 0.5},
            created_at=stamp,
        )
    )
    db.commit()
    repo.save_profile(session=db, user_id="ana", interview_date=date(2027, 2, 15), hours_per_week=7.5)
    from hireloop.stories.models import Story
    from hireloop.stories.store import add_story
    from hireloop.targets.store import add_target

    add_target(session=db, user_id="ana", text="Senior Product Manager, Fraud ML. " * 10, company="Ledgerly")
    add_story(session=db, user_id="ana", story=Story(title="Fraud model", result="Losses fell 22%."))


def test_round_trip_into_an_empty_store(tmp_path: Path, database_url: str) -> None:
    source = session_factory(make_engine(make_settings(tmp_path / "a")))
    with source() as db:
        populate(db)
        exported = export_user(session=db, user_id="ana")
    target = session_factory(make_engine(make_settings(tmp_path / "b", database_url=database_url)))
    with target() as db:
        added = import_user(session=db, user_id="ana", doc=exported)
        again = export_user(session=db, user_id="ana")
        assert import_user(session=db, user_id="ana", doc=exported) == dict.fromkeys(added, 0)
    assert added == {
        "answers": 1,
        "assessments": 1,
        "sessions": 1,
        "drafts": 1,
        "drill_states": 1,
        "review_logs": 1,
        "exercise_attempts": 1,
        "profiles": 1,
        "targets": 1,
        "stories": 1,
    }
    exported.pop("exported_at")
    again.pop("exported_at")
    assert again == exported


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "format: expected a JSON object"),
        (lambda d: d.update(version=99), "version: this hireloop reads export version 1, got 99"),
        (lambda d: d["answers"][0].pop("text"), "answers[0].text: required field is missing"),
        (lambda d: d["answers"][0].update(created_at="yesterday"), "answers[0].created_at: expected an ISO"),
        (lambda d: d.update(sessions={}), "sessions: expected a list"),
        (
            lambda d: d["profiles"][0].update(interview_date="soon"),
            "profiles[0].interview_date: expected an ISO date",
        ),
    ],
)
def test_bad_documents_change_nothing(tmp_path: Path, mutate, message: str) -> None:
    sessions = session_factory(make_engine(make_settings(tmp_path)))
    with sessions() as db:
        populate(db)
        doc = export_user(session=db, user_id="ana")
    mutate(doc)
    fresh = session_factory(make_engine(make_settings(tmp_path / "fresh")))
    with fresh() as db:
        with pytest.raises(ImportFormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
            import_user(session=db, user_id="ana", doc=doc)
        assert all(n == 0 for n in repo.count_rows(session=db, user_id="ana").values())
