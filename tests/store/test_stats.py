"""History aggregates: kept current on every stored assessment and equal to a full recomputation."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hireloop.bank import load_bank
from hireloop.plan.progress import build_report, load_history, load_report
from hireloop.store import make_engine, session_factory
from hireloop.store import repository as repo
from hireloop.store.stats import rebuild_user
from hireloop.store.tables import AnswerRow, CompetencyStatRow, RoundStatRow
from hireloop.vocab import COMPETENCIES, ROUNDS
from tests.helpers import make_settings

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

assessment = st.fixed_dictionaries(
    {
        "minutes": st.integers(min_value=0, max_value=200 * 24 * 60),
        "round": st.sampled_from(list(ROUNDS)),
        "grade": st.one_of(st.none(), st.integers(min_value=1, max_value=4)),
        "competencies": st.dictionaries(
            st.sampled_from(list(COMPETENCIES)), st.integers(min_value=1, max_value=4), max_size=4
        ),
        # Index of an earlier answer to assess again (re-grading), or None for a new answer.
        "again": st.one_of(st.none(), st.integers(min_value=0, max_value=50)),
    }
)


def document(grade: int | None, competencies: dict[str, int]) -> dict:
    if grade is None:
        return {"status": "unscorable", "grade": None, "competencies": []}
    return {
        "status": "graded",
        "grade": grade,
        "competencies": [{"id": c, "grade": g} for c, g in competencies.items()],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("stats")
    engine = make_engine(make_settings(tmp, database_url=f"sqlite:///{tmp / 'stats.db'}"))
    return session_factory(engine)


@pytest.fixture(scope="module")
def bank():
    loaded, errors = load_bank([])
    assert not errors
    return loaded


def totals_rows(db, user: str) -> tuple[dict, dict]:
    comps = {
        r.competency: (r.evidence, r.newest, r.weight_sum, r.graded_sum)
        for r in db.scalars(select(CompetencyStatRow).where(CompetencyStatRow.user_id == user))
    }
    rounds = {
        r.round: (r.n, r.origin, r.sx, r.sy, r.sxx, r.sxy)
        for r in db.scalars(select(RoundStatRow).where(RoundStatRow.user_id == user))
        if r.n
    }
    return comps, rounds


def assert_same(a: tuple, b: tuple) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        if isinstance(x, float) or isinstance(y, float):
            assert x == pytest.approx(y, rel=1e-9, abs=1e-9)
        else:
            assert x == y


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(assessment, min_size=0, max_size=40))
def test_running_totals_equal_a_full_recomputation(store, bank, steps) -> None:
    user = f"u{uuid.uuid4().hex[:12]}"
    answers: list[str] = []
    with store() as db:
        repo.ensure_user(session=db, user_id=user)
        db.commit()
        for step in steps:
            if step["again"] is not None and answers:
                answer_id = answers[step["again"] % len(answers)]
            else:
                row = AnswerRow(
                    id=repo.new_id(),
                    user_id=user,
                    round=step["round"],
                    question_text="q",
                    text="a",
                    kind="main",
                    created_at=START + timedelta(minutes=step["minutes"]),
                )
                db.add(row)
                db.commit()
                answer_id = row.id
                answers.append(answer_id)
            repo.record_assessment(
                session=db, answer_id=answer_id, document=document(step["grade"], step["competencies"])
            )
        running = totals_rows(db, user)

        # 1. The stored totals equal the ones rebuilt from the raw answers and assessments.
        rebuild_user(session=db, user_id=user)
        db.commit()
        rebuilt = totals_rows(db, user)
        assert running[0].keys() == rebuilt[0].keys()
        assert running[1].keys() == rebuilt[1].keys()
        for key in running[0]:
            assert_same(running[0][key], rebuilt[0][key])
        for key in running[1]:
            assert_same(running[1][key], rebuilt[1][key])

        # 2. The report read from the totals equals the one computed from every answer.
        now = START + timedelta(days=201)
        fast = load_report(db, user, bank, now=now)
        full = build_report(
            load_history(db, user), cards=[], drill_states={}, attempts=[], interview_date=None, now=now
        )
    assert fast.answers == full.answers
    for a, b in zip(fast.readiness, full.readiness, strict=True):
        assert (a.id, a.evidence, a.confidence, a.last_seen) == (b.id, b.evidence, b.confidence, b.last_seen)
        assert (a.score is None) == (b.score is None)
        if b.score is not None:
            assert a.score == pytest.approx(b.score, rel=1e-9)
        assert a.weight == pytest.approx(b.weight, rel=1e-9, abs=1e-12)
    assert fast.slopes.keys() == full.slopes.keys()
    for round_id, slope in full.slopes.items():
        assert (fast.slopes[round_id] is None) == (slope is None)
        if slope is not None:
            assert fast.slopes[round_id] == pytest.approx(slope, rel=1e-6, abs=1e-6)
    assert fast.estimate.overall == pytest.approx(full.estimate.overall, abs=0.11)
    for round_id, points in full.trends.items():
        recent = points[-len(fast.trends[round_id]) :]
        # Answers at the same instant may come in either order.
        assert [t for t, _ in fast.trends[round_id]] == [t for t, _ in recent]
        if len(points) == len(recent):
            assert sorted(fast.trends[round_id]) == sorted(recent)


def test_documents_outside_the_vocabulary_carry_no_evidence(tmp_path: Path, bank) -> None:
    """An imported document with a made-up round, competency or grade never breaks the progress page."""
    engine = make_engine(make_settings(tmp_path))
    sessions = session_factory(engine)
    with sessions() as db:
        row = repo.record_answer(session=db, user_id="me", round_id="<script>", question_text="q", text="a")
        repo.record_assessment(
            session=db, answer_id=row.id, document={"status": "graded", "grade": 4, "competencies": []}
        )
        row = repo.record_answer(session=db, user_id="me", round_id="behavioral", question_text="q", text="a")
        repo.record_assessment(
            session=db,
            answer_id=row.id,
            document={
                "status": "graded",
                "grade": 3,
                "competencies": [{"id": "made_up", "grade": 4}, {"id": "evaluation", "grade": 99}, "x"],
            },
        )
        report = load_report(db, "me", bank, now=datetime.now(UTC))
    assert report.answers == 1
    assert all(r.evidence == 0 for r in report.readiness)


def test_trend_lines_stay_bounded_while_the_slope_covers_everything(tmp_path: Path, bank) -> None:
    engine = make_engine(make_settings(tmp_path))
    sessions = session_factory(engine)
    with sessions() as db:
        repo.ensure_user(session=db, user_id="me")
        for i in range(80):
            row = AnswerRow(
                id=repo.new_id(),
                user_id="me",
                round="behavioral",
                question_text="q",
                text="a",
                created_at=START + timedelta(days=i),
            )
            db.add(row)
            db.commit()
            repo.record_assessment(session=db, answer_id=row.id, document=document(1 + (i >= 40) * 3, {}))
        report = load_report(db, "me", bank, now=START + timedelta(days=100))
    points = report.trends["behavioral"]
    assert len(points) == 30
    assert points[-1][0] == START + timedelta(days=79)
    assert report.answers == 80
    assert report.slopes["behavioral"] > 0


def test_answers_stored_but_never_graded_are_graded_on_the_next_start(tmp_path: Path) -> None:
    """A crash between committing an answer and grading it: the next start grades it."""
    from hireloop.web.app import create_app

    settings = make_settings(tmp_path)
    sessions = session_factory(make_engine(settings))
    text = (
        "Labels come from chargebacks that mature in 60 days, so I train on matured data, measure precision "
        "at the review team's capacity offline and run a holdout online; retrain monthly as fraud drifts."
    )
    with sessions() as db:
        stray = repo.record_answer(
            session=db,
            user_id="local",
            round_id="ml_system_design",
            question_text="Design card fraud detection.",
            text=text,
            question_id="msd-card-not-present-fraud",
        )
    app = create_app(settings)
    app.state.pending.join(timeout=60)
    with app.state.sessions() as db:
        assessment = repo.latest_assessment(session=db, answer_id=stray.id)
        assert assessment is not None and assessment.document["status"] in ("graded", "unscorable")
        report = load_report(db, "local", app.state.bank, now=datetime.now(UTC))
    assert report.answers == (1 if assessment.document.get("grade") else 0)
    assert not hasattr(create_app(settings).state, "pending")  # nothing left to grade


def test_a_deleted_answer_leaves_the_totals(tmp_path: Path, bank) -> None:
    """Deleting an answer (and its recording) takes its grade out of progress, as a rebuild would."""
    sessions = session_factory(make_engine(make_settings(tmp_path)))
    with sessions() as db:
        ids = []
        for grade in (1, 4):
            row = repo.record_answer(
                session=db, user_id="me", round_id="behavioral", question_text="q", text="a"
            )
            doc = document(grade, {"evaluation": grade})
            repo.record_assessment(session=db, answer_id=row.id, document=doc)
            ids.append(row.id)
        assert repo.delete_answer(session=db, user_id="me", answer_id=ids[0]) is not None
        at = datetime.now(UTC)
        after = load_report(db, "me", bank, now=at)
        rebuild_user(session=db, user_id="me")
        rebuilt = load_report(db, "me", bank, now=at)
    assert after.answers == rebuilt.answers == 1
    assert after.readiness == rebuilt.readiness
