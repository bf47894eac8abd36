"""The committee's mechanical rules, one per case, and the debrief they produce."""

from __future__ import annotations

import pytest

from hireloop.interview.committee import RULES, decide
from hireloop.interview.round import RoundState

SHAPE = ["ml_system_design", "ai_product_sense", "technical_deep_dive", "responsible_ai", "behavioral"]


def rounds(*grades: int) -> list[RoundState]:
    return [
        RoundState(round=r, question=f"q{i}", grade=g, score=float(g), finished=True)
        for i, (r, g) in enumerate(zip(SHAPE, grades, strict=True))
    ]


@pytest.mark.parametrize(
    ("grades", "rule", "decision"),
    [
        ((4, 4, 4, 3, 4), "strong_across_the_board", "strong_hire"),
        ((4, 3, 3, 3, 4), "hire", "hire"),
        ((3, 2, 3, 3, 3), "hire", "hire"),
        ((4, 4, 4, 4, 1), "failed_round", "no_hire"),
        ((2, 4, 4, 4, 4), "cannot_build_it", "no_hire"),
        ((3, 2, 2, 3, 3), "split_panel", "no_hire"),
        ((1, 3, 1, 3, 3), "two_failed_rounds", "strong_no_hire"),
    ],
)
def test_rules(grades: tuple[int, ...], rule: str, decision: str) -> None:
    chosen = decide(rounds(*grades))
    assert (chosen.id, chosen.decision) == (rule, decision)


def test_a_strong_round_does_not_rescue_a_failed_system_design_round() -> None:
    assert decide(rounds(2, 4, 4, 4, 4)).decision == "no_hire"
    assert decide(rounds(3, 4, 4, 4, 4)).decision == "strong_hire"


def test_rules_are_written_down_with_a_text_each() -> None:
    assert [r.id for r in RULES][-1] == "hire"
    assert all(len(r.text) > 30 for r in RULES)
