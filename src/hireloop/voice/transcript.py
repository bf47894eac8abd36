"""Audio file -> transcript with word timings, offline, with faster-whisper."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hireloop.config import Settings
from hireloop.voice.audio import SAMPLE_RATE, decode
from hireloop.voice.delivery import TimedWord
from hireloop.voice.errors import AudioError
from hireloop.voice.model import load_model, model_label

# No initial prompt: a prompt full of "um"s keeps more fillers but makes Whisper drop whole stretches
# of speech after a long pause, which the delivery report needs to see.


@dataclass(frozen=True)
class Transcript:
    text: str
    words: list[TimedWord]
    seconds: float  # length of the audio
    language: str
    model: str

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "seconds": round(self.seconds, 2),
            "language": self.language,
            "model": self.model,
            "words": [
                {"text": w.text, "start": round(w.start, 2), "end": round(w.end, 2)} for w in self.words
            ],
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Transcript:
        return cls(
            text=doc["text"],
            words=[TimedWord(**w) for w in doc["words"]],
            seconds=doc["seconds"],
            language=doc["language"],
            model=doc["model"],
        )


def transcribe(
    path: Path,
    *,
    settings: Settings,
    name: str | None = None,
    progress: Callable[[float], None] | None = None,
) -> Transcript:
    """Transcribe one answer. Raises AudioError (bad or silent audio) or VoiceUnavailable (no extra)."""
    label = name or str(path)
    audio = decode(path, name=name)
    model = load_model(settings)
    segments, info = model.transcribe(
        audio.samples,
        language="en",
        beam_size=5,
        word_timestamps=True,
        vad_filter=True,
        vad_parameters={"min_silence_duration_ms": 1000},
        condition_on_previous_text=False,
    )
    words: list[TimedWord] = []
    texts: list[str] = []
    for segment in segments:
        texts.append(segment.text.strip())
        words.extend(
            TimedWord(text=w.word.strip(), start=float(w.start), end=float(w.end))
            for w in segment.words or []
        )
        if progress is not None and audio.seconds:
            progress(min(float(segment.end) / audio.seconds, 1.0))
    text = " ".join(t for t in texts if t).strip()
    if not words or not text:
        raise AudioError(
            f"no speech was heard in {label} ({audio.seconds:.0f} s of audio); check the microphone "
            "and record again, or type the answer"
        )
    if progress is not None:
        progress(1.0)
    return Transcript(
        text=text,
        words=words,
        seconds=audio.samples.size / SAMPLE_RATE,
        language=info.language,
        model=model_label(settings),
    )
