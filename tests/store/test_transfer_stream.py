"""Export and import as streams: every kind of record through a file on both databases, a bad record
deep in a file named by position with nothing written, old exports, duplicates, totals and progress."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hireloop.cli import app as cli_app
from hireloop.store import make_engine, session_factory
from hireloop.store import repository as repo
from hireloop.store.stats import load_totals, rebuild_user
from hireloop.store.transfer import ImportFormatError, export_user, import_file, write_export
from tests.helpers import make_settings
from tests.store.test_transfer import populate

DATA = Path(__file__).resolve().parents[1] / "data" / "exports"
STAMP = datetime(2026, 3, 1, tzinfo=UTC)


def populate_more(db) -> None:
    """What ``populate`` leaves out: a revision, an idempotency key and a spoken answer's delivery."""
    first = repo.record_answer(
        session=db,
        user_id="ana",
        round_id="behavioral",
        question_text="Tell me about a launch.",
        text="I launched it.",
        idempotency_key="form-123",
    )
    second = repo.record_answer(
        session=db,
        user_id="ana",
        round_id="behavioral",
        question_text="Tell me about a launch.",
        text="I launched it and measured retention weekly.",
        revises=first.id,
    )
    delivery = {"speaking_seconds": 60, "words": 140, "fillers": 2, "structure_first": True}
    repo.attach_audio(session=db, answer_id=second.id, audio=f"ana/{second.id}.webm", delivery=delivery)
    repo.record_assessment(
        session=db,
        answer_id=second.id,
        document={"status": "graded", "grade": 3, "competencies": [{"id": "execution", "grade": 3}]},
    )


def write_file(sessions, path: Path, user: str = "ana") -> dict[str, int]:
    with sessions() as db, path.open("w", encoding="utf-8") as out:
        return write_export(session=db, user_id=user, out=out)


def bulk_file(path: Path, count: int, *, bad: int | None = None, field: str = "created_at") -> None:
    """An export of ``count`` answers; answer ``bad`` gets a wrong ``field``."""
    answers = []
    for i in range(count):
        answer = {
            "id": f"bulk{i:028d}",
            "round": "behavioral",
            "question_id": None,
            "question_text": "Tell me about a launch.",
            "text": f"Answer {i}",
            "session_id": None,
            "kind": "main",
            "created_at": (STAMP + timedelta(minutes=i)).isoformat(),
        }
        if i == bad:
            answer[field] = "yesterday"
        answers.append(answer)
    doc = {"format": "hireloop-export", "version": 1, "user": "x", "answers": answers}
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")


def test_every_kind_of_record_round_trips_through_a_file(tmp_path: Path, database_url: str) -> None:
    source = session_factory(make_engine(make_settings(tmp_path / "a")))
    with source() as db:
        populate(db)
        populate_more(db)
        expected = export_user(session=db, user_id="ana")
        totals = load_totals(session=db, user_id="ana")
    path = tmp_path / "export.json"
    counts = write_file(source, path)
    assert counts["answers"] == 3 and all(counts[k] >= 1 for k in counts)
    written = json.loads(path.read_text(encoding="utf-8"))  # still one ordinary JSON document
    for doc in (written, expected):
        doc.pop("exported_at")
    assert written == expected
    assert [a["audio"] for a in written["answers"]] == [None] * 3  # paths on this machine never leave it
    assert sum(a["delivery"] is not None for a in written["answers"]) == 1

    target = session_factory(make_engine(make_settings(tmp_path / "b", database_url=database_url)))
    with target() as db:
        added = import_file(session=db, user_id="ana", path=path)
        assert added == {k: v for k, v in counts.items()}
        again = export_user(session=db, user_id="ana")
        assert load_totals(session=db, user_id="ana") == totals
        assert import_file(session=db, user_id="ana", path=path) == dict.fromkeys(added, 0)
    again.pop("exported_at")
    assert again == expected


def test_a_bad_record_deep_in_a_file_names_its_position_and_changes_nothing(tmp_path: Path) -> None:
    sessions = session_factory(make_engine(make_settings(tmp_path)))
    with sessions() as db:
        populate(db)
        before = repo.count_rows(session=db, user_id="ana")
    path = tmp_path / "bad.json"
    bulk_file(path, 3000, bad=2345)
    with sessions() as db:
        with pytest.raises(ImportFormatError, match=r"^answers\[2345\]\.created_at: expected an ISO 8601"):
            import_file(session=db, user_id="ana", path=path)
        assert repo.count_rows(session=db, user_id="ana") == before


def test_the_cli_names_the_file_record_and_field_and_imports_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "bad.json"
    bulk_file(path, 2500, bad=1800, field="round")
    result = CliRunner().invoke(cli_app, ["import", str(path)])
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert f"{path}: answers[1800].round: expected one of ml_system_design" in message
    assert message.endswith("got 'yesterday'; nothing was imported")
    with session_factory(make_engine(make_settings(tmp_path)))() as db:
        assert repo.count_rows(session=db, user_id="local")["answers"] == 0


def test_broken_json_deep_in_a_file_says_where_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    bulk_file(path, 3000)
    text = path.read_text(encoding="utf-8")
    cut = text.index('"bulk0000000000000000000000002000"')
    path.write_text(text[:cut] + "{oops" + text[cut:], encoding="utf-8")
    line = text[:cut].count("\n") + 1
    sessions = session_factory(make_engine(make_settings(tmp_path)))
    with sessions() as db:
        with pytest.raises(
            ImportFormatError, match=r"not valid JSON near line \d+, after answers\[1999\]"
        ) as err:
            import_file(session=db, user_id="ana", path=path)
        reported = int(str(err.value).split("near line ")[1].split(",")[0])
        assert line <= reported <= line + 1000  # read in 16 KB pieces: near, never before the fault
        assert repo.count_rows(session=db, user_id="ana")["answers"] == 0


def test_an_export_from_before_revisions_recordings_and_new_sections_imports(tmp_path: Path) -> None:
    """Written by the first export (indent 2, no idempotency_key, revises, audio, delivery, profiles,
    targets or stories)."""
    path = DATA / "v1-before-revisions.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "revises" not in doc["answers"][0] and "profiles" not in doc
    sessions = session_factory(make_engine(make_settings(tmp_path)))
    with sessions() as db:
        added = import_file(session=db, user_id="ana", path=path)
        assert added["answers"] == len(doc["answers"]) and added["assessments"] == len(doc["assessments"])
        assert added["sessions"] == 1 and added["drill_states"] == 1 and added["profiles"] == 0
        imported = repo.get_answer(session=db, user_id="ana", answer_id=doc["answers"][0]["id"])
        assert imported.revises is None and imported.delivery is None
        graded = sum(a["document"].get("status") == "graded" for a in doc["assessments"])
        assert graded and load_totals(session=db, user_id="ana").graded == graded


def test_a_record_repeated_in_the_file_is_stored_once(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    bulk_file(path, 3)
    doc = json.loads(path.read_text())
    doc["answers"] += doc["answers"][:2]
    path.write_text(json.dumps(doc))
    with session_factory(make_engine(make_settings(tmp_path)))() as db:
        assert import_file(session=db, user_id="ana", path=path)["answers"] == 3


def test_totals_after_import_equal_a_full_rebuild(tmp_path: Path) -> None:
    """The import rebuilds the running totals once at the end; they match a rebuild from the raw rows,
    also when the user already had graded answers of their own."""
    source = session_factory(make_engine(make_settings(tmp_path / "a")))
    with source() as db:
        populate(db)
        populate_more(db)
    path = tmp_path / "export.json"
    write_file(source, path)
    target = session_factory(make_engine(make_settings(tmp_path / "b")))
    with target() as db:
        mine = repo.record_answer(
            session=db, user_id="ana", round_id="technical_deep_dive", question_text="Q?", text="Mine."
        )
        repo.record_assessment(
            session=db,
            answer_id=mine.id,
            document={"status": "graded", "grade": 2, "competencies": [{"id": "execution", "grade": 2}]},
        )
        import_file(session=db, user_id="ana", path=path)
        after_import = load_totals(session=db, user_id="ana")
        rebuild_user(session=db, user_id="ana")
        db.commit()
        assert after_import == load_totals(session=db, user_id="ana")
        assert after_import.graded == 2  # mine and the imported revision (populate's has no status)


def test_progress_reaches_every_step(tmp_path: Path) -> None:
    path = tmp_path / "bulk.json"
    bulk_file(path, 2500)
    seen: dict[str, tuple[int, int]] = {}
    with session_factory(make_engine(make_settings(tmp_path)))() as db:
        import_file(
            session=db,
            user_id="ana",
            path=path,
            progress=lambda step, done, total: seen.update({step: (done, total)}),
        )
    size = path.stat().st_size
    assert seen["checking"] == (size, size)
    assert seen["answers"] == (2500, 2500)
