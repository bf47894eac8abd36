"""Pure queries over a loaded bank: filtering, text search and counts."""

from __future__ import annotations

from collections import Counter

from hireloop.bank.loader import Bank
from hireloop.bank.models import Question
from hireloop.vocab import ROUNDS


def filter_questions(
    bank: Bank,
    *,
    round_id: str | None = None,
    domain: str | None = None,
    difficulty: int | None = None,
    text: str | None = None,
) -> list[Question]:
    """Questions matching every given filter, ordered by round, difficulty and id."""
    words = [w for w in (text or "").lower().split() if w]
    order = {r: i for i, r in enumerate(ROUNDS)}
    out = []
    for q in bank.questions.values():
        if round_id and q.round != round_id:
            continue
        if domain and domain not in q.domains:
            continue
        if difficulty and q.difficulty != difficulty:
            continue
        if words:
            haystack = " ".join([q.id, q.prompt, *q.domains, *q.topics, *q.notes]).lower()
            if not all(w in haystack for w in words):
                continue
        out.append(q)
    return sorted(out, key=lambda q: (order.get(q.round, 99), q.difficulty, q.id))


def bank_stats(bank: Bank) -> dict:
    """Counts per round id, per difficulty and per domain, plus the card count."""
    questions = list(bank.questions.values())
    rounds = Counter(q.round for q in questions)
    return {
        "questions": len(questions),
        "cards": len(bank.cards),
        "rounds": {r: rounds.get(r, 0) for r in ROUNDS},
        "difficulties": {str(d): sum(q.difficulty == d for q in questions) for d in (1, 2, 3)},
        "domains": dict(sorted(Counter(d for q in questions for d in q.domains).items())),
        "topics": dict(sorted(Counter(t for q in questions for t in q.topics).items())),
        "card_topics": dict(sorted(Counter(c.topic for c in bank.cards.values()).items())),
    }


def domains(bank: Bank) -> list[str]:
    return sorted({d for q in bank.questions.values() for d in q.domains})
