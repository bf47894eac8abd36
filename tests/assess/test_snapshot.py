"""The grader grades the whole labeled corpus exactly as recorded in tests/data/grader-snapshot.json.

Speed work must not change a grade, a flag, a quote or a word of the summary. When grades are meant to
change, regenerate the file with scripts/grader_snapshot.py and say so in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

from hireloop.assess.engine import RubricGrader
from hireloop.assess.snapshot import corpus, labeled_files, quotes_match, record
from hireloop.bank import load_bank
from hireloop.config import BUILTIN_CONTENT

DATA = Path(__file__).resolve().parents[1] / "data"
SNAPSHOT = DATA / "grader-snapshot.json"


def _first_difference(expected: object, got: object, path: str = "") -> str:
    if isinstance(expected, dict) and isinstance(got, dict):
        for k in sorted(expected.keys() | got.keys()):
            if expected.get(k) != got.get(k):
                return _first_difference(expected.get(k), got.get(k), f"{path}.{k}")
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            if e != g:
                return _first_difference(e, g, f"{path}[{i}]")
    return f"{path or '.'}: expected {expected!r}, got {got!r}"


def test_labeled_corpus_grades_exactly_as_the_snapshot() -> None:
    stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["cases"]
    bank, _ = load_bank([BUILTIN_CONTENT])
    requests = list(corpus(labeled_files(DATA), bank.questions))
    assert {k for k, _ in requests} == stored.keys(), "the corpus changed: regenerate the snapshot"
    grader = RubricGrader()
    differences = []
    # Reversed: an answer must grade the same whatever was graded before it (no state leaks between answers).
    for key, request in reversed(requests):
        result = grader.assess(request)
        assert quotes_match(result, request.answer) == [], key
        got = record(result, request.answer)
        if got != stored[key]:
            differences.append(f"{key}: {_first_difference(stored[key], got)}")
    assert not differences, f"{len(differences)} answers graded differently:\n" + "\n".join(differences[:20])
