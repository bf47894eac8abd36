"""Generated speech through `hireloop transcribe`: accuracy, fillers and pauses, and every bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hireloop.cli import app
from tests.voice.audio_files import corrupt, long_wav, silence_wav, to_mp3
from tests.voice.speech import dev_answers, speak, word_error_rate

runner = CliRunner()

# Fillers and two long pauses inserted into a spoken answer (SSML breaks), each known in advance.
FILLED = (
    "Um, so my headline is that we should ship the fraud model in shadow mode first. "
    "Uh, the reason is that, you know, the review team can only look at a few hundred cases a day. "
    '<break time="4s"/> '
    "Basically, we measure precision at that capacity, and, um, we compare it with the current rules. "
    "Then we, uh, expand to more card payments, you know, one region at a time. "
    '<break time="5s"/> '
    "Um, after launch we watch the chargeback rate every week and retrain when it drifts."
)
FILLED_COUNT = 8  # um x3, uh x2, you know x2, basically x1 ("so" is not counted)


def transcribe_json(path: Path, *extra: str) -> dict:
    result = runner.invoke(app, ["transcribe", str(path), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_word_error_rate_on_ten_spoken_answers(voice_settings, speech_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("HIRELOOP_WHISPER_THREADS", "2")
    errors = words = 0
    texts = dev_answers(10)
    assert len(texts) == 10 and all(100 <= len(t.split()) <= 300 for t in texts)
    for index, text in enumerate(texts):
        wav = speak(text, speech_dir / f"answer-{index}.wav")
        doc = transcribe_json(wav)
        n = len(text.split())
        errors += word_error_rate(text, doc["text"]) * n
        words += n
    rate = errors / words
    print(f"\nword error rate on 10 espeak-ng answers ({words} words): {rate:.1%}", file=sys.stderr)
    assert rate < 0.15


def test_fillers_and_pauses_are_counted(voice_settings, speech_dir: Path) -> None:
    wav = speak(FILLED, speech_dir / "filled.wav", ssml=True)
    doc = transcribe_json(wav, "--round", "ml_system_design")
    report = doc["delivery"]
    minutes = report["speaking_seconds"] / 60
    assert abs(report["fillers_per_minute"] - FILLED_COUNT / minutes) <= 1.0, report["filler_counts"]
    assert len(report["long_pauses"]) == 2
    assert all(p["seconds"] >= 3.5 for p in report["long_pauses"])
    assert report["structure_first"] is True
    assert doc["words"][0]["start"] < doc["words"][-1]["end"]


def test_transcribe_prints_text_and_delivery(voice_settings, headline_wav: Path) -> None:
    result = runner.invoke(app, ["transcribe", str(headline_wav)])
    assert result.exit_code == 0, result.output
    assert "shadow mode" in result.stdout.lower()
    assert "Speaking rate" in result.stdout and "words per minute" in result.stdout


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("empty", "is empty (0 bytes)"),
        ("silence", "no speech was heard"),
        ("text", "is not audio hireloop can read"),
        ("long", "longer than 15 minutes"),
        ("corrupt_mp3", "bad.mp3"),
        ("pdf", "not a supported audio type"),
    ],
)
def test_bad_audio_gets_one_clear_line(
    voice_settings, headline_wav: Path, tmp_path: Path, make, message
) -> None:
    path = {
        "empty": lambda: _write(tmp_path / "empty.wav", b""),
        "silence": lambda: silence_wav(tmp_path / "quiet.wav", seconds=8),
        "text": lambda: _write(tmp_path / "notes.wav", b"These are my notes, not audio.\n" * 50),
        "long": lambda: long_wav(tmp_path / "long.wav", minutes=30),
        "corrupt_mp3": lambda: corrupt(to_mp3(headline_wav, tmp_path / "good.mp3"), tmp_path / "bad.mp3"),
        "pdf": lambda: _write(tmp_path / "answer.pdf", b"%PDF-1.4"),
    }[make]()
    result = runner.invoke(app, ["transcribe", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_score_audio_grades_the_transcript_and_keeps_the_recording(
    voice_settings, headline_wav: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(voice_settings.data_dir))
    result = runner.invoke(
        app,
        [
            *("score", "--round", "ml_system_design", "--json"),
            *("--question", "How would you launch a fraud model?", "--audio", str(headline_wav)),
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["status"] in ("graded", "unscorable") and "grade" in doc
    assert "shadow mode" in doc["transcript"]["text"].lower()
    assert doc["delivery"]["structure_first"] is True
    kept = list((voice_settings.data_dir / "audio").rglob("*.wav"))
    assert len(kept) == 1 and kept[0].read_bytes() == headline_wav.read_bytes()


def test_loop_script_takes_audio_instead_of_an_answer(
    voice_settings, headline_wav: Path, tmp_path: Path
) -> None:
    script = tmp_path / "loop.yaml"
    (tmp_path / "spoken.wav").write_bytes(headline_wav.read_bytes())
    script.write_text(
        "- round: ml_system_design\n  question: How would you launch a fraud model?\n  audio: spoken.wav\n"
        "- round: behavioral\n  question: Tell me about a launch you owned.\n  answer: I led the launch.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["loop", "run", "--script", str(script), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert "shadow mode" in doc["rounds"][0]["transcript"]["text"].lower()
    assert doc["rounds"][0]["delivery"]["words"] > 20
    assert "delivery" not in doc["rounds"][1]


def test_loop_script_audio_and_answer_are_exclusive(tmp_path: Path) -> None:
    script = tmp_path / "loop.yaml"
    script.write_text("- round: behavioral\n  question: Q?\n  answer: A.\n  audio: a.wav\n", encoding="utf-8")
    result = runner.invoke(app, ["loop", "run", "--script", str(script)])
    assert result.exit_code == 1
    assert "rounds[0].audio: give exactly one of answer (text) or audio (a recording)" in result.stderr


def test_practice_audio_dir_answers_out_loud(
    voice_settings, headline_wav: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(voice_settings.data_dir))
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "1-answer.wav").write_bytes(headline_wav.read_bytes())
    result = runner.invoke(
        app,
        ["practice", "--question", "msd-card-not-present-fraud", "--audio-dir", str(folder)],
        input=".\n.\n.\n.\n.\n",
    )
    assert result.exit_code == 0, result.output
    assert "1-answer.wav" in result.stdout and "Speaking rate" in result.stdout
    assert len(list((voice_settings.data_dir / "audio").rglob("*.wav"))) == 1


def test_without_the_extra_the_cli_says_how_to_enable_voice(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    monkeypatch.setitem(sys.modules, "av", None)
    wav = silence_wav(tmp_path / "a.wav", seconds=1)
    result = runner.invoke(app, ["transcribe", str(wav)])
    assert result.exit_code == 1
    assert "pip install 'hireloop[voice]'" in result.stderr
    assert "Traceback" not in result.output


def test_a_local_model_directory_that_is_not_a_model_is_named(
    voice_extra, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("HIRELOOP_WHISPER_MODEL", str(tmp_path / "nowhere"))
    wav = silence_wav(tmp_path / "a.wav", seconds=1)
    result = runner.invoke(app, ["transcribe", str(wav)])
    assert result.exit_code == 1
    assert (
        f"HIRELOOP_WHISPER_MODEL={tmp_path / 'nowhere'} is not a faster-whisper model directory"
        in result.stderr
    )


def test_a_local_model_directory_is_used(
    voice_extra, headline_wav: Path, tmp_path: Path, monkeypatch
) -> None:
    from hireloop.config import Settings
    from hireloop.voice.model import model_dir

    shipped = model_dir(Settings())  # the assembled Whisper base stands in for a user's own model
    monkeypatch.setenv("HIRELOOP_WHISPER_MODEL", str(shipped))
    doc = transcribe_json(headline_wav)
    assert doc["model"] == str(shipped) and "shadow mode" in doc["text"].lower()
