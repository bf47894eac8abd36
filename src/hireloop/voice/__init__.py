"""Spoken answers: record or upload, transcribe offline, and coach the delivery.

Transcription needs the optional ``voice`` extra; the delivery report is pure and always available.
"""

from hireloop.voice.delivery import DeliveryReport, TimedWord, delivery_report, suggested_length
from hireloop.voice.errors import INSTALL_HINT, AudioError, VoiceError, VoiceUnavailable

__all__ = [
    "INSTALL_HINT",
    "AudioError",
    "DeliveryReport",
    "TimedWord",
    "VoiceError",
    "VoiceUnavailable",
    "delivery_report",
    "suggested_length",
]
