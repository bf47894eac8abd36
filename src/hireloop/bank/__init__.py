"""The question bank: content models, YAML packs and their validation."""

from hireloop.bank.loader import (
    Bank,
    ContentError,
    ContentLoadError,
    UnknownQuestionError,
    load_bank,
    load_bank_strict,
)
from hireloop.bank.models import Card, Probe, Question, Rubric

__all__ = [
    "Bank",
    "Card",
    "ContentError",
    "ContentLoadError",
    "Probe",
    "Question",
    "Rubric",
    "UnknownQuestionError",
    "load_bank",
    "load_bank_strict",
]
