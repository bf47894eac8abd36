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


def _question(qid: str, round_id: str, scenario: str | None = None):
    from hireloop.bank.models import Question

    anchors = {g: f"Grade {g} anchor for {qid}, specific enough to pass." for g in (4, 3, 2, 1)}
    return Question(
        id=qid,
        round=round_id,
        scenario=scenario,
        prompt=f"Prompt for {qid} in the {round_id} round.",
        difficulty=2,
        competencies=["product_judgment"],
        domains=["agents"],
        rubric=anchors,
    )


def test_a_loop_never_draws_the_same_scenario_twice() -> None:
    from hireloop.bank.loader import Bank

    # Two questions per round; the design and product-sense rounds each hold one take on the same phone agent,
    # so an unconstrained draw would pair them in about a quarter of seeds.
    questions = [
        _question("msd-phone", "ml_system_design", "phone-agent"),
        _question("msd-other", "ml_system_design"),
        _question("aps-phone", "ai_product_sense", "phone-agent"),
        _question("aps-other", "ai_product_sense"),
        *(
            _question(f"{r.replace('_', '-')}-{n}", r)
            for r in ("technical_deep_dive", "responsible_ai", "behavioral")
            for n in "ab"
        ),
    ]
    bank = Bank(questions={q.id: q for q in questions})
    drawn_phone = 0
    for seed in range(40):
        ids = {r.question_id for r in compose_loop(bank, seed=seed).rounds}
        assert not {"msd-phone", "aps-phone"} <= ids, seed
        drawn_phone += bool(ids & {"msd-phone", "aps-phone"})
    assert drawn_phone > 10  # the shared scenario is still drawn, once


def test_shipped_loops_have_distinct_scenarios(bank) -> None:
    for size in (5, 6, 7):
        for seed in range(60):
            loop = compose_loop(bank, rounds=size, seed=seed)
            scenarios = [bank.question(r.question_id).scenario for r in loop.rounds]
            named = [s for s in scenarios if s]
            assert len(named) == len(set(named)), (size, seed, named)


def test_a_role_that_stresses_behavioral_gets_two_behavioral_rounds_never_three(bank) -> None:
    from hireloop.interview.loop import targeted_shape

    shape = targeted_shape(7, ["behavioral", "behavioral", "ml_system_design"])
    assert shape.count("behavioral") == 2
    assert shape.count("ml_system_design") == 2
    loop = compose_loop(bank, rounds=6, seed=4, stressed=["behavioral"])
    behavioral = [r.question_id for r in loop.rounds if r.round == "behavioral"]
    assert len(behavioral) == 2 and len(set(behavioral)) == 2
