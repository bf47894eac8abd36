"""The shipped bank: every file loads, the counts and coverage meet the targets, nothing is near-duplicate.

Near-duplicates are measured as the Jaccard similarity of normalised word bigrams. Distinct scenarios
in the bank score at most ~0.25 (two takes on an ambient clinical scribe, one system design and one
product sense); a copy with a few words changed scores well above 0.6. The threshold of 0.5 sits
between the two.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from hireloop.bank import load_bank
from hireloop.bank.content_rules import DEEP_DIVE_TOPICS, REQUIRED_DOMAINS, ROUND_TARGETS
from hireloop.config import BUILTIN_CONTENT

NEAR_DUPLICATE = 0.5
GENERIC_RUBRIC = 0.4


@pytest.fixture(scope="module")
def bank():
    bank, errors = load_bank([BUILTIN_CONTENT])
    assert errors == [], "\n".join(map(str, errors))
    return bank


def bigrams(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {f"{a} {b}" for a, b in itertools.pairwise(words)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def test_round_counts_meet_targets(bank) -> None:
    counts = Counter(q.round for q in bank.questions.values())
    for round_id, target in ROUND_TARGETS.items():
        assert counts[round_id] >= target, f"{round_id}: {counts[round_id]} < {target}"
    assert len(bank.questions) >= 180


def test_every_round_spans_all_difficulties(bank) -> None:
    for round_id in ROUND_TARGETS:
        levels = {q.difficulty for q in bank.by_round(round_id)}
        assert levels == {1, 2, 3}, round_id


def test_design_and_product_rounds_cover_each_domain_twice(bank) -> None:
    for round_id in ("ml_system_design", "ai_product_sense"):
        domains = Counter(d for q in bank.by_round(round_id) for d in q.domains)
        missing = {d: domains[d] for d in REQUIRED_DOMAINS if domains[d] < 2}
        assert not missing, f"{round_id} under-covers {missing}"


def test_deep_dive_covers_every_topic(bank) -> None:
    topics = Counter(t for q in bank.by_round("technical_deep_dive") for t in q.topics)
    assert not [t for t in DEEP_DIVE_TOPICS if topics[t] == 0]


def test_every_question_is_complete(bank) -> None:
    for q in bank.questions.values():
        assert len(q.probes) >= 3, f"{q.id}: fewer than 3 probes"
        assert len(q.notes) >= 3, f"{q.id}: fewer than 3 notes"
        anchors = q.rubric.anchors()
        assert len(set(anchors.values())) == 4, f"{q.id}: repeated rubric anchors"
        assert len({p.text for p in q.probes}) == len(q.probes), f"{q.id}: repeated probe"


def test_no_near_duplicate_questions_or_cards(bank) -> None:
    prompts = {q.id: bigrams(q.prompt) for q in bank.questions.values()}
    for (a, sa), (b, sb) in itertools.combinations(prompts.items(), 2):
        assert jaccard(sa, sb) < NEAR_DUPLICATE, f"near-duplicate questions {a} and {b}"
    fronts = {c.id: bigrams(c.front) for c in bank.cards.values()}
    for (a, sa), (b, sb) in itertools.combinations(fronts.items(), 2):
        assert jaccard(sa, sb) < NEAR_DUPLICATE, f"near-duplicate cards {a} and {b}"


def test_rubrics_are_specific_to_their_question(bank) -> None:
    anchors = {q.id: bigrams(q.rubric.anchors()[4] + " " + q.rubric.grade_1) for q in bank.questions.values()}
    for (a, sa), (b, sb) in itertools.combinations(anchors.items(), 2):
        assert jaccard(sa, sb) < GENERIC_RUBRIC, f"rubrics of {a} and {b} could fit either question"


def test_cards_meet_target_and_cover_the_topics(bank) -> None:
    assert len(bank.cards) >= 250
    topics = Counter(c.topic for c in bank.cards.values())
    assert set(topics) >= {
        "ml-fundamentals",
        "evaluation-metrics",
        "model-families",
        "system-design",
        "generative-ai",
        "responsible-ai",
        "ai-strategy",
    }


def test_near_duplicate_measure_catches_a_light_paraphrase(bank) -> None:
    original = next(iter(bank.questions.values())).prompt
    edited = original.replace("Design", "Sketch", 1).rstrip(".") + " please."
    assert jaccard(bigrams(original), bigrams(edited)) > NEAR_DUPLICATE


def test_every_built_in_card_has_short_key_points(bank) -> None:
    for card in bank.cards.values():
        assert 1 <= len(card.key_points) <= 3, card.id
        assert all(len(p.split()) <= 15 for p in card.key_points), card.id
        assert len(set(card.key_points)) == len(card.key_points), card.id


def test_product_sense_rubrics_ask_for_segments_priority_and_a_north_star(bank) -> None:
    """Content v2: where the product has distinct users, a grade-4 answer segments them, prioritises whom to
    serve first and names a north-star metric (before v2, 2 of these 46 rubrics asked for any of it)."""
    other_kinds = (
        "aps-strategy-",
        "aps-estimate-",
        "aps-prototype-",
        "aps-open-",
        "aps-metrics-",
        "aps-frontier-",
    )
    product_sense = [
        q
        for q in bank.questions.values()
        if q.round == "ai_product_sense" and not q.id.startswith(other_kinds)
    ]
    assert len(product_sense) == 46
    asking = []
    for q in product_sense:
        text = " ".join(q.rubric.must_show + q.rubric.also).lower()
        if "segment" in text and "prioritis" in text and "north-star" in text:
            asking.append(q.id)
    assert len(asking) >= 26, sorted({q.id for q in product_sense} - set(asking))


def test_every_built_in_grade_4_anchor_is_split_into_must_show_and_also(bank) -> None:
    """Two interviewers apply a list the same way: built-in content never uses the one-paragraph form (which
    user packs may still use)."""
    for q in bank.questions.values():
        rubric = q.rubric
        assert rubric.grade_4.split, f"{q.id}: grade 4 is one paragraph"
        assert 2 <= len(rubric.must_show) <= 4, q.id
        assert rubric.also, f"{q.id}: nothing under also"
        items = [i.lower() for i in rubric.must_show + rubric.also]
        assert len(set(items)) == len(items), f"{q.id}: an item repeats"
