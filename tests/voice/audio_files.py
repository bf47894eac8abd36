"""Audio files the bad-input tests need, written with the standard library and PyAV."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np


def silence_wav(path: Path, *, seconds: float, rate: int = 16_000) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.zeros(int(seconds * rate), dtype=np.int16).tobytes())
    return path


def long_wav(path: Path, *, minutes: float) -> Path:
    """A long recording kept small: 8 kHz, 8-bit mono (30 minutes is 14 MB, under the size limit)."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(bytes([128]) * int(minutes * 60 * 8000))
    return path


def to_mp3(source_wav: Path, path: Path) -> Path:
    import av

    with wave.open(str(source_wav)) as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mp3", rate=rate)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray(data.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    return path


def corrupt(source: Path, path: Path, *, keep: int = 64) -> Path:
    """The first bytes of a real file followed by noise: a download cut and scrambled."""
    rng = np.random.default_rng(7)
    head = source.read_bytes()[:keep]
    path.write_bytes(head + rng.integers(0, 256, 40_000, dtype=np.uint8).tobytes())
    return path
