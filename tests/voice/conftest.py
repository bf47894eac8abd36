"""Voice fixtures: the extra and espeak-ng are required in CI (never skipped there), optional locally."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from hireloop.config import Settings
from tests.voice.speech import espeak, speak

HEADLINE = (
    "My recommendation is to launch the fraud model in shadow mode first. "
    "We measure precision at the review team's capacity, then we expand to all card payments."
)


def _require(ok: bool, what: str) -> None:
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: .ci/run and `make install-dev` must install it")
    pytest.skip(f"{what} is not installed here")


@pytest.fixture(scope="session")
def voice_extra() -> None:
    """The voice extra: faster-whisper and the Whisper base model packages."""
    from hireloop.voice.model import available

    _require(importlib.util.find_spec("faster_whisper") is not None, "faster-whisper (hireloop[voice])")
    _require(available(Settings()), "the Whisper model packages (hireloop[voice])")


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require(espeak() is not None, "Debian's espeak-ng")
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="session")
def headline_wav(speech_dir: Path) -> Path:
    return speak(HEADLINE, speech_dir / "headline.wav")


@pytest.fixture
def voice_settings(voice_extra, tmp_path: Path) -> Settings:
    from tests.helpers import make_settings

    return make_settings(tmp_path, whisper_threads=2)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The web fixtures' settings, with two transcription threads (the machines have two cores)."""
    from tests.helpers import make_settings

    return make_settings(tmp_path, whisper_threads=2)
