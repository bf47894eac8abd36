"""Spaced repetition for concept cards with FSRS (the ``fsrs`` package): pure, time passed in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

from hireloop.bank.models import Card

RATINGS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}
RATING_KEYS = {"1": "again", "2": "hard", "3": "good", "4": "easy"}
NEW_CARDS_PER_SESSION = 10
# Fuzzing would make intervals random; hireloop keeps reviews reproducible.
SCHEDULER = Scheduler(enable_fuzzing=False)


@dataclass(frozen=True)
class Review:
    """The outcome of rating one card: its new FSRS state and when it is next due."""

    card_id: str
    rating: str
    state: dict[str, Any]
    due: datetime
    reviewed_at: datetime


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now


def parse_rating(value: str) -> str:
    """'again'/'hard'/'good'/'easy' or 1-4; raises ValueError saying what is expected."""
    key = RATING_KEYS.get(value.strip(), value.strip().lower())
    if key not in RATINGS:
        raise ValueError(f"unknown rating '{value}'; expected 1-4 or again, hard, good, easy")
    return key


def review(card_id: str, state: Mapping[str, Any] | None, rating: str, *, now: datetime) -> Review:
    """Apply one rating to a card's stored state (None for a card never seen) and reschedule it."""
    now = _aware(now)
    card = FsrsCard.from_dict(dict(state)) if state else FsrsCard(due=now)
    updated, _log = SCHEDULER.review_card(card, RATINGS[parse_rating(rating)], now)
    return Review(
        card_id=card_id,
        rating=parse_rating(rating),
        state=updated.to_dict(),
        due=updated.due,
        reviewed_at=now,
    )


def _matches(card: Card, tag: str | None) -> bool:
    return tag is None or tag == card.topic or tag in card.tags


def due_cards(
    cards: Iterable[Card],
    states: Mapping[str, Mapping[str, Any]],
    *,
    now: datetime,
    tag: str | None = None,
    limit: int = 20,
    new_limit: int = NEW_CARDS_PER_SESSION,
) -> list[Card]:
    """Cards to review now: overdue ones first (most overdue first), then a few never-seen ones."""
    now = _aware(now)
    overdue: list[tuple[datetime, Card]] = []
    fresh: list[Card] = []
    for card in cards:
        if not _matches(card, tag):
            continue
        state = states.get(card.id)
        if state is None:
            fresh.append(card)
        else:
            due = datetime.fromisoformat(state["due"])
            if due <= now:
                overdue.append((due, card))
    picked = [c for _, c in sorted(overdue, key=lambda pair: (pair[0], pair[1].id))]
    picked += sorted(fresh, key=lambda c: c.id)[:new_limit]
    return picked[:limit]


@dataclass(frozen=True)
class RetentionSummary:
    reviewed: int
    due_now: int
    new: int
    retention: float | None  # mean predicted recall of reviewed cards right now, 0-1


def retention_summary(
    cards: Iterable[Card], states: Mapping[str, Mapping[str, Any]], *, now: datetime
) -> RetentionSummary:
    now = _aware(now)
    cards = list(cards)
    reviewed = [states[c.id] for c in cards if c.id in states]
    recall = [SCHEDULER.get_card_retrievability(FsrsCard.from_dict(dict(s)), now) for s in reviewed]
    due_now = sum(datetime.fromisoformat(s["due"]) <= now for s in reviewed)
    return RetentionSummary(
        reviewed=len(reviewed),
        due_now=due_now,
        new=len(cards) - len(reviewed),
        retention=round(sum(recall) / len(recall), 3) if recall else None,
    )
