"""Reading audio files: checks (size, format, length) and decoding to 16 kHz mono with PyAV.

PyAV comes with faster-whisper, so no system ffmpeg is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hireloop.voice.errors import AudioError, VoiceUnavailable

SAMPLE_RATE = 16_000
MAX_BYTES = 25 * 1024 * 1024
MAX_SECONDS = 15 * 60
SUFFIXES = (".wav", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".webm", ".mp4")
FORMATS = "wav, mp3, m4a, ogg or webm"


@dataclass(frozen=True)
class Audio:
    samples: np.ndarray  # float32, mono, SAMPLE_RATE
    seconds: float


def check_file(path: Path, *, name: str | None = None) -> None:
    """Cheap checks before decoding: the file exists, is not empty, not too large, has a known suffix."""
    label = name or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AudioError(f"cannot read {label}: {exc.strerror or exc}") from None
    if not path.is_file():
        raise AudioError(f"{label} is not a file")
    if size == 0:
        raise AudioError(f"{label} is empty (0 bytes); record again or upload another file")
    if size > MAX_BYTES:
        raise AudioError(
            f"{label} is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB"
        )
    suffix = Path(name or path.name).suffix.lower()
    if suffix not in SUFFIXES:
        raise AudioError(
            f"{label}: '{suffix or 'no extension'}' is not a supported audio type; expected {FORMATS}"
        )


def _av():
    try:
        import av
    except ImportError:
        raise VoiceUnavailable("PyAV is missing") from None
    return av


def decode(path: Path, *, name: str | None = None, max_seconds: float = MAX_SECONDS) -> Audio:
    """Decode to 16 kHz mono float32, stopping with a clear error past ``max_seconds``."""
    label = name or str(path)
    check_file(path, name=name)
    av = _av()
    limit = int(max_seconds * SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    total = 0
    too_long = AudioError(
        f"{label} is longer than {max_seconds / 60:g} minutes; the limit is {MAX_SECONDS // 60} minutes "
        "per answer: trim it or record a shorter answer"
    )
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{label} has no audio track; expected {FORMATS} audio")
            stream = container.streams.audio[0]
            if container.duration is not None and container.duration / 1_000_000 > max_seconds + 1:
                raise too_long
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().reshape(-1)
                    chunks.append(chunk)
                    total += chunk.size
                if total > limit:
                    raise too_long
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except AudioError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, EOFError) as exc:
        if not chunks:
            raise AudioError(
                f"{label} is not audio hireloop can read (expected {FORMATS}): {_reason(exc)}"
            ) from None
        # A file damaged part-way: keep what decoded; the transcript shows where it ends.
    if not chunks or sum(c.size for c in chunks) == 0:
        raise AudioError(f"{label} holds no decodable audio (expected {FORMATS})")
    samples = np.concatenate(chunks).astype(np.float32) / 32768.0
    return Audio(samples=samples, seconds=samples.size / SAMPLE_RATE)


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text.split(": '")[0] if ": '" in text else text
