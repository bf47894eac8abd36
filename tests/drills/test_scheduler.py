"""FSRS scheduling of concept cards: pinned UTC times, exact intervals, due order and retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hireloop.bank.models import Card
from hireloop.drills.scheduler import due_cards, parse_rating, retention_summary, review

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def card(card_id: str, topic: str = "evaluation-metrics", tags: list[str] | None = None) -> Card:
    return Card(
        id=card_id,
        topic=topic,
        tags=tags or [],
        front="When would you use PR-AUC?",
        back="When positives are rare and precision matters.",
        competencies=["evaluation"],
    )


def test_good_reviews_grow_the_interval_and_again_resets_it() -> None:
    first = review("c", None, "good", now=T0)
    assert first.due - T0 == timedelta(minutes=10)  # a learning step first
    second = review("c", first.state, "good", now=first.due)
    assert second.due - first.due == timedelta(days=2)
    third = review("c", second.state, "good", now=second.due)
    assert third.due - second.due == timedelta(days=11)
    lapse = review("c", second.state, "again", now=second.due)
    assert lapse.due - second.due == timedelta(minutes=10)
    assert review("c", None, "easy", now=T0).due - T0 == timedelta(days=8)


def test_review_is_pure_and_refuses_naive_time() -> None:
    first = review("c", None, "good", now=T0)
    snapshot = dict(first.state)
    review("c", first.state, "hard", now=first.due)
    assert first.state == snapshot
    with pytest.raises(ValueError, match="timezone-aware"):
        review("c", None, "good", now=datetime(2026, 1, 1))


@pytest.mark.parametrize(("text", "key"), [("1", "again"), ("4", "easy"), (" Good ", "good")])
def test_parse_rating(text: str, key: str) -> None:
    assert parse_rating(text) == key


def test_parse_rating_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="expected 1-4 or again, hard, good, easy"):
        parse_rating("5")


def test_due_cards_overdue_first_then_new_and_tag_filter() -> None:
    cards = [card("a"), card("b"), card("c", topic="generative-ai", tags=["rag"]), card("d")]
    later = T0 + timedelta(days=30)
    states = {
        "a": review("a", None, "easy", now=T0).state,  # due T0 + 8 days: overdue at `later`
        "b": review("b", None, "good", now=later).state,  # due later + 10 min: not yet
    }
    assert [c.id for c in due_cards(cards, states, now=later)] == ["a", "c", "d"]
    assert [c.id for c in due_cards(cards, states, now=later, tag="rag")] == ["c"]
    assert [c.id for c in due_cards(cards, states, now=later, new_limit=1)] == ["a", "c"]
    assert [c.id for c in due_cards(cards, states, now=later, limit=1)] == ["a"]


def test_retention_summary() -> None:
    cards = [card("a"), card("b")]
    state = review("a", review("a", None, "good", now=T0).state, "good", now=T0 + timedelta(minutes=10)).state
    fresh = retention_summary(cards, {"a": state}, now=T0 + timedelta(minutes=10))
    assert (fresh.reviewed, fresh.new, fresh.due_now) == (1, 1, 0)
    later = retention_summary(cards, {"a": state}, now=T0 + timedelta(days=30))
    assert later.retention < fresh.retention
    assert later.due_now == 1
    assert retention_summary(cards, {}, now=T0).retention is None
