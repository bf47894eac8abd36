"""How far an offline grade can be trusted, measured: the agreement with people of labeled answers graded the
same way.

Every graded answer falls in one cell: what the grade rests on (a quoted wrong claim, an answer judged off
the question, another rule of judgement, or coverage alone), the grade, and the answer's length. The table in
``model/confidence.json`` holds, per cell, how many labeled answers fell there and how often the label agreed:
the same grade, and the same side of the hire line. ``scripts/calibrate_confidence.py`` rebuilds it by grading
the labeled sets, and must be rerun whenever grades change (a test checks the table is current).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from hireloop.assess.models import Assessment, Confidence

TABLE = Path(__file__).with_name("model") / "confidence.json"

Basis = Literal["wrong_claim", "off_question", "rule", "coverage"]

WRONG_CLAIM_RULES = frozenset(
    {
        "disqualifying_misconception",
        "two_disqualifying_misconceptions",
        "major_misconception",
        "several_wrong_claims",
    }
)
LONG_WORDS = 120
MIN_ANSWERS = 15
"""A cell with fewer labeled answers than this borrows the figures of the coarser cell around it."""

HIGH_SAME_SIDE = 0.90
MEDIUM_SAME_SIDE = 0.75
"""Levels by how often the label fell on the same side of the hire line (grade 3 and up) as the grade, the
thing a candidate acts on: high from 90%, medium from 75%, low below."""

_BASIS_WORDS: dict[str, str] = {
    "wrong_claim": "capped by a wrong claim it quotes",
    "off_question": "judged off the question or said back",
    "rule": "limited by another rule of judgement",
    "coverage": "with no wrong claim found",
}


@dataclass(frozen=True, slots=True)
class Agreement:
    """Labeled answers in one cell and how often their label agreed with the grade."""

    answers: int
    same_grade: int
    same_side: int


def word_count(answer: str) -> int:
    return len(answer.split())


def basis_of(assessment: Assessment) -> Basis:
    rules = {c.rule for c in assessment.caps}
    if rules & WRONG_CLAIM_RULES:
        return "wrong_claim"
    if assessment.reason:  # a graded answer carries a reason only when judged off the question or said back
        return "off_question"
    if rules:
        return "rule"
    return "coverage"


def cell_keys(assessment: Assessment, n_words: int, basis: Basis | None = None) -> list[str]:
    """The answer's cell, finest first, then the coarser cells it falls back to (``basis``: when the caller
    has worked it out already)."""
    basis = basis or basis_of(assessment)
    band = "long" if n_words >= LONG_WORDS else "short"
    return [f"{basis}/{assessment.grade}/{band}", f"{basis}/{assessment.grade}", basis]


def tally(graded: list[tuple[Assessment, int, int]]) -> dict[str, dict[str, int]]:
    """The table from (assessment, words in the answer, labeled grade) triples: every cell at every level."""
    table: dict[str, dict[str, int]] = {}
    for assessment, n_words, label in graded:
        if assessment.grade is None:
            continue
        same_side = (assessment.grade >= 3) == (label >= 3)
        for key in cell_keys(assessment, n_words):
            row = table.setdefault(key, {"answers": 0, "same_grade": 0, "same_side": 0})
            row["answers"] += 1
            row["same_grade"] += assessment.grade == label
            row["same_side"] += same_side
    return dict(sorted(table.items()))


@cache
def _table() -> dict[str, Agreement]:
    if not TABLE.exists():  # only while scripts/calibrate_confidence.py builds the first table
        return {}
    doc = json.loads(TABLE.read_text(encoding="utf-8"))
    return {key: Agreement(**row) for key, row in doc["cells"].items()}


def measured(assessment: Assessment, n_words: int) -> Confidence:
    """The confidence of a graded assessment, from the agreement of labeled answers in its cell."""
    table = _table()
    basis = basis_of(assessment)
    keys = cell_keys(assessment, n_words, basis)
    key = next((k for k in keys if k in table and table[k].answers >= MIN_ANSWERS), None)
    if key is None:
        return Confidence(
            level="low",
            reason="Too few labeled answers were graded this way to say how often such a grade is right.",
        )
    agreement = table[key]
    same_grade = agreement.same_grade / agreement.answers
    same_side = agreement.same_side / agreement.answers
    like = f"a {assessment.grade}, {_BASIS_WORDS[basis]}"
    if key == keys[0]:
        like += f", {LONG_WORDS} words or more" if n_words >= LONG_WORDS else f", under {LONG_WORDS} words"
    reason = (
        f"Graded like this one ({like}): of {agreement.answers} labeled answers the grader was developed on, "
        f"people gave the same grade to {same_grade:.0%} and the same hire or no-hire decision to "
        f"{same_side:.0%}; it agrees less often on answers it never saw."
    )
    if basis == "coverage" and (assessment.grade or 0) >= 3:
        reason += (
            " The offline grader finds only the mistakes its catalogue knows; fluent answers can hide others."
        )
    return Confidence(
        level="high" if same_side >= HIGH_SAME_SIDE else "medium" if same_side >= MEDIUM_SAME_SIDE else "low",
        reason=reason,
        answers=agreement.answers,
        same_grade=round(same_grade, 3),
        same_decision=round(same_side, 3),
    )
