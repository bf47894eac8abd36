"""A full loop: 5 to 7 rounds composed the way real AI PM loops are built, resumable at any step."""

from __future__ import annotations

import random

from pydantic import BaseModel, Field

from hireloop.bank.loader import Bank
from hireloop.bank.models import Question
from hireloop.interview.round import RoundState, start_round

MIN_ROUNDS, MAX_ROUNDS = 5, 7
# The shape of a loop by size: 1-2 ML system design, 1-2 AI product sense, 1 technical deep-dive,
# 1-2 behavioral, and responsible AI as a round of its own.
LOOP_SHAPES: dict[int, tuple[str, ...]] = {
    5: ("ml_system_design", "ai_product_sense", "technical_deep_dive", "responsible_ai", "behavioral"),
    6: (
        "ml_system_design",
        "ai_product_sense",
        "technical_deep_dive",
        "ml_system_design",
        "responsible_ai",
        "behavioral",
    ),
    7: (
        "ml_system_design",
        "ai_product_sense",
        "technical_deep_dive",
        "ml_system_design",
        "ai_product_sense",
        "responsible_ai",
        "behavioral",
    ),
}


CORE_ROUNDS = LOOP_SHAPES[MIN_ROUNDS]
DEFAULT_EXTRAS = ("ml_system_design", "ai_product_sense")


def targeted_shape(rounds: int, stressed: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """A loop shape for a target role: every core round once, and the extra slots of a 6- or 7-round
    loop given to the rounds the role stresses (most stressed first) instead of the default ones, so a round
    type appears at most twice (a role that stresses behavioral gets two behavioral rounds)."""
    if not stressed:
        return LOOP_SHAPES[rounds]
    extras = list(dict.fromkeys(r for r in stressed if r in CORE_ROUNDS))[: rounds - MIN_ROUNDS]
    for default in DEFAULT_EXTRAS:
        if len(extras) < rounds - MIN_ROUNDS and default not in extras:
            extras.append(default)
    order = {r: i for i, r in enumerate(CORE_ROUNDS)}
    return tuple(sorted([*CORE_ROUNDS, *extras], key=lambda r: order[r]))


class LoopError(ValueError):
    """A loop cannot be composed as asked; the message says why and what would work."""


class LoopState(BaseModel):
    rounds: list[RoundState]
    current: int = 0
    seed: int
    domain: str | None = None
    difficulty: int | None = None
    notes: list[str] = Field(default_factory=list)
    timed: bool = False
    target_id: str | None = None
    domains: list[str] = Field(default_factory=list)

    @property
    def finished(self) -> bool:
        return all(r.finished for r in self.rounds)

    @property
    def active(self) -> RoundState | None:
        return None if self.finished else self.rounds[self.current]

    def with_round(self, index: int, state: RoundState) -> LoopState:
        rounds = list(self.rounds)
        rounds[index] = state
        current = index
        while current < len(rounds) and rounds[current].finished:
            current += 1
        return self.model_copy(update={"rounds": rounds, "current": min(current, len(rounds) - 1)})


def _candidates(
    bank: Bank,
    round_id: str,
    *,
    domain: str | None,
    difficulty: int | None,
    exclude: set[str],
    domains: tuple[str, ...] = (),
) -> tuple[list[Question], list[str]]:
    """Questions for a slot, relaxing filters only when nothing fits (and saying so). ``domains`` (a
    target's) accepts a question in any of them; behavioral questions also match their leadership domain."""
    pool = [q for q in bank.by_round(round_id) if q.id not in exclude]
    notes: list[str] = []
    wanted = set(domains) | ({domain} if domain else set())
    if wanted and round_id == "behavioral" and domains:
        wanted.add("leadership")
    strict = [
        q
        for q in pool
        if (not wanted or wanted & set(q.domains)) and (not difficulty or q.difficulty == difficulty)
    ]
    if strict:
        return strict, notes
    if wanted:
        by_difficulty = [q for q in pool if not difficulty or q.difficulty == difficulty]
        if by_difficulty:
            named = "', '".join(sorted(wanted))
            notes.append(f"No unused {round_id} question in domain '{named}'; picked from other domains.")
            return by_difficulty, notes
    if pool:
        notes.append(f"No unused {round_id} question matched the filters; picked from the rest.")
    return pool, notes


def _same_scenario(bank: Bank, chosen: set[str]) -> set[str]:
    """Ids of questions that share a scenario with one already in the loop: a loop never draws it twice."""
    used = {bank.questions[i].scenario for i in chosen} - {None}
    return {q.id for q in bank.questions.values() if q.scenario in used}


def compose_loop(
    bank: Bank,
    *,
    rounds: int = 5,
    domain: str | None = None,
    difficulty: int | None = None,
    seed: int = 0,
    answered: set[str] | frozenset[str] = frozenset(),
    allow_repeats: bool = False,
    timed: bool = False,
    domains: list[str] | tuple[str, ...] = (),
    stressed: list[str] | tuple[str, ...] = (),
    target_id: str | None = None,
) -> LoopState:
    """Pick one question per slot, deterministic for a seed, skipping questions already answered and
    questions whose scenario an earlier slot already drew.
    For a target role, ``domains`` are its domains and ``stressed`` its rounds, most stressed first."""
    if not MIN_ROUNDS <= rounds <= MAX_ROUNDS:
        raise LoopError(f"a loop has {MIN_ROUNDS} to {MAX_ROUNDS} rounds, not {rounds}")
    rng = random.Random(seed)
    chosen: set[str] = set()
    states: list[RoundState] = []
    notes: list[str] = []
    for round_id in targeted_shape(rounds, stressed):
        exclude = chosen | _same_scenario(bank, chosen)
        if not allow_repeats:
            exclude |= set(answered)
        pool, slot_notes = _candidates(
            bank, round_id, domain=domain, difficulty=difficulty, exclude=exclude, domains=tuple(domains)
        )
        if not pool and not allow_repeats:
            pool = [q for q in bank.by_round(round_id) if q.id not in chosen | _same_scenario(bank, chosen)]
            if pool:
                slot_notes = [f"Every {round_id} question has been answered before; repeating one."]
        if not pool:
            raise LoopError(f"the bank has no {round_id} question left for this loop")
        notes.extend(slot_notes)
        question = rng.choice(sorted(pool, key=lambda q: q.id))
        chosen.add(question.id)
        states.append(
            start_round(
                round_id=question.round,
                question=question.prompt,
                question_id=question.id,
                now=None,
                timed=timed,
            )
        )
    return LoopState(
        rounds=states,
        seed=seed,
        domain=domain,
        difficulty=difficulty,
        notes=notes,
        timed=timed,
        target_id=target_id,
        domains=list(domains),
    )
