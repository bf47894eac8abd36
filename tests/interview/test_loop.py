"""Loop composition: the real AI PM loop shape, seeded, without repeating answered questions."""

from __future__ import annotations

from collections import Counter

import pytest

from hireloop.bank import load_bank_strict
from hireloop.config import BUILTIN_CONTENT
from hireloop.interview.loop import LoopError, compose_loop


@pytest.fixture(scope="module")
def bank():
    return load_bank_strict([BUILTIN_CONTENT])


@pytest.mark.parametrize("size", [5, 6, 7])
def test_shape_matches_real_loops(bank, size: int) -> None:
    loop = compose_loop(bank, rounds=size, seed=3)
    counts = Counter(r.round for r in loop.rounds)
    assert len(loop.rounds) == size
    assert 1 <= counts["ml_system_design"] <= 2
    assert 1 <= counts["ai_product_sense"] <= 2
    assert counts["technical_deep_dive"] == 1
    assert 1 <= counts["behavioral"] <= 2
    assert counts["responsible_ai"] >= 1
    assert len({r.question_id for r in loop.rounds}) == size


def test_same_seed_same_loop_other_seed_other_loop(bank) -> None:
    first = [r.question_id for r in compose_loop(bank, seed=11).rounds]
    assert first == [r.question_id for r in compose_loop(bank, seed=11).rounds]
    assert first != [r.question_id for r in compose_loop(bank, seed=12).rounds]


def test_answered_questions_are_not_repeated_unless_asked(bank) -> None:
    first = compose_loop(bank, seed=5)
    answered = {r.question_id for r in first.rounds}
    second = compose_loop(bank, seed=5, answered=answered)
    assert answered.isdisjoint({r.question_id for r in second.rounds})
    repeated = compose_loop(bank, seed=5, answered=answered, allow_repeats=True)
    assert [r.question_id for r in repeated.rounds] == [r.question_id for r in first.rounds]


def test_domain_and_difficulty_filters(bank) -> None:
    loop = compose_loop(bank, seed=1, domain="fraud-risk", difficulty=2)
    design = [bank.question(r.question_id) for r in loop.rounds if r.round == "ml_system_design"]
    assert all("fraud-risk" in q.domains and q.difficulty == 2 for q in design)
    assert any("picked from other domains" in n for n in loop.notes)  # behavioral has no fraud questions


def test_loop_size_is_bounded(bank) -> None:
    with pytest.raises(LoopError, match="a loop has 5 to 7 rounds, not 9"):
        compose_loop(bank, rounds=9)


def test_a_targeted_loop_gives_extra_slots_to_stressed_rounds(bank) -> None:
    from hireloop.interview.loop import LOOP_SHAPES, targeted_shape

    assert targeted_shape(6, []) == LOOP_SHAPES[6]
    assert targeted_shape(7, ["responsible_ai", "behavioral"]).count("responsible_ai") == 2
    assert targeted_shape(7, ["responsible_ai", "behavioral"]).count("behavioral") == 2
    assert sorted(targeted_shape(5, ["behavioral"])) == sorted(LOOP_SHAPES[5])
    loop = compose_loop(
        bank,
        rounds=6,
        seed=2,
        domains=["fraud-risk", "fintech-credit"],
        stressed=["technical_deep_dive"],
        target_id="t1",
    )
    assert [r.round for r in loop.rounds].count("technical_deep_dive") == 2
    assert loop.target_id == "t1" and loop.domains == ["fraud-risk", "fintech-credit"]
    for state in loop.rounds:
        question = bank.questions[state.question_id]
        if state.round != "behavioral":
            assert {"fraud-risk", "fintech-credit"} & set(question.domains) or any(
                "other domains" in n for n in loop.notes
            )
