"""Delivery trends per week, and recordings carried by export/import only with --with-audio."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from hireloop.cli import app
from hireloop.store import make_engine, session_factory
from hireloop.store import repository as repo
from hireloop.voice.trends import delivery_trends
from tests.helpers import make_settings

runner = CliRunner()


def report(*, seconds: float, words: int, fillers: int, structure: bool) -> dict:
    return {"speaking_seconds": seconds, "words": words, "fillers": fillers, "structure_first": structure}


def test_trends_group_by_week_weighted_by_speaking_time() -> None:
    points = [
        (datetime(2026, 11, 2, 9, tzinfo=UTC), report(seconds=60, words=150, fillers=6, structure=False)),
        (datetime(2026, 11, 6, 9, tzinfo=UTC), report(seconds=120, words=240, fillers=0, structure=True)),
        (datetime(2026, 11, 10, 9, tzinfo=UTC), report(seconds=90, words=210, fillers=3, structure=True)),
    ]
    first, second = delivery_trends(points)
    assert first.week.isoformat() == "2026-11-02" and first.answers == 2
    assert first.words_per_minute == 130.0  # 390 words in 3 minutes, not the mean of 150 and 120
    assert first.fillers_per_minute == 2.0
    assert first.structure_first_share == 0.5
    assert second.week.isoformat() == "2026-11-09" and second.words_per_minute == 140.0
    assert delivery_trends([]) == []


def spoken_answer(settings, user: str = "local") -> str:
    """An answer with a stored recording and delivery report, as the web or the CLI leaves it."""
    with session_factory(make_engine(settings))() as db:
        row = repo.record_answer(
            session=db, user_id=user, round_id="behavioral", question_text="Q?", text="I led the launch."
        )
        folder = settings.data_dir / "audio" / "some-user"
        folder.mkdir(parents=True)
        (folder / f"{row.id}.webm").write_bytes(b"webm-bytes")
        delivery = report(seconds=60, words=140, fillers=2, structure=True)
        repo.attach_audio(session=db, answer_id=row.id, audio=f"some-user/{row.id}.webm", delivery=delivery)
        return row.id


def test_export_carries_recordings_only_when_asked(tmp_path: Path, monkeypatch) -> None:
    settings = make_settings(tmp_path / "a")
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(settings.data_dir))
    answer_id = spoken_answer(settings)

    plain = tmp_path / "plain.json"
    assert runner.invoke(app, ["export", "--out", str(plain)]).exit_code == 0
    doc = json.loads(plain.read_text())
    assert "audio" not in doc and doc["answers"][0]["audio"] is None
    assert doc["answers"][0]["delivery"]["words"] == 140

    full = tmp_path / "full.json"
    result = runner.invoke(app, ["export", "--out", str(full), "--with-audio"])
    assert result.exit_code == 0 and "1 recordings" in result.stdout
    doc = json.loads(full.read_text())
    assert base64.b64decode(doc["audio"][0]["data"]) == b"webm-bytes"

    other = make_settings(tmp_path / "b")
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(other.data_dir))
    result = runner.invoke(app, ["import", str(full)])
    assert result.exit_code == 0 and "1 recordings" in result.stdout
    with session_factory(make_engine(other))() as db:
        row = repo.get_answer(session=db, user_id="local", answer_id=answer_id)
        assert row.delivery["structure_first"] is True
        assert (other.data_dir / "audio" / row.audio).read_bytes() == b"webm-bytes"
    progress = json.loads(runner.invoke(app, ["progress", "--json"]).stdout)
    assert progress["delivery_trends"][0]["words_per_minute"] == 140.0


def test_a_broken_audio_section_imports_nothing(tmp_path: Path, monkeypatch) -> None:
    settings = make_settings(tmp_path / "a")
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(settings.data_dir))
    spoken_answer(settings)
    full = tmp_path / "full.json"
    runner.invoke(app, ["export", "--out", str(full), "--with-audio"])
    doc = json.loads(full.read_text())
    doc["audio"][0]["data"] = "not base64!"
    full.write_text(json.dumps(doc))
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(tmp_path / "b" / "data"))
    result = runner.invoke(app, ["import", str(full)])
    assert result.exit_code == 1
    assert "audio[0].data: expected base64 audio; nothing was imported" in result.stderr


def test_old_exports_without_audio_fields_still_import(tmp_path: Path, monkeypatch) -> None:
    settings = make_settings(tmp_path / "a")
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(settings.data_dir))
    spoken_answer(settings)
    plain = tmp_path / "old.json"
    runner.invoke(app, ["export", "--out", str(plain)])
    doc = json.loads(plain.read_text())
    for answer in doc["answers"]:
        del answer["audio"], answer["delivery"]
    plain.write_text(json.dumps(doc))
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(tmp_path / "b" / "data"))
    result = runner.invoke(app, ["import", str(plain)])
    assert result.exit_code == 0 and "1 answers" in result.stdout


def test_deleting_an_answer_deletes_its_recording(tmp_path: Path, monkeypatch) -> None:
    settings = make_settings(tmp_path)
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(settings.data_dir))
    answer_id = spoken_answer(settings)
    recording = settings.data_dir / "audio" / "some-user" / f"{answer_id}.webm"
    assert recording.exists()
    result = runner.invoke(app, ["answers", "delete", answer_id])
    assert result.exit_code == 0, result.output
    assert not recording.exists()
    with session_factory(make_engine(settings))() as db:
        assert repo.get_answer(session=db, user_id="local", answer_id=answer_id) is None
    again = runner.invoke(app, ["answers", "delete", answer_id])
    assert again.exit_code == 1 and f"no answer with id '{answer_id}'" in again.stderr
