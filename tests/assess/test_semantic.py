"""The embedding model, semantic concept detection, negation and off-topic handling of rubric-2.2."""

from __future__ import annotations

import json

import numpy as np

from hireloop.assess import semantic
from hireloop.assess.concepts import detect, negated
from hireloop.assess.embedding import MODEL_DIR, StaticEmbedder, basic_tokens, embedder
from hireloop.assess.engine import ENGINE_VERSION, RubricGrader
from hireloop.assess.models import GradingRequest
from hireloop.assess.scoring import FEATURES
from hireloop.assess.text import split_sentences

from .test_engine import SPAM, flags, grade

GRADER = RubricGrader()


def test_model_ships_small_with_its_licence() -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size < 20 * 1024 * 1024
    assert "Apache License" in (MODEL_DIR / "LICENSE").read_text()
    assert "all-MiniLM-L6-v2" in (MODEL_DIR / "NOTICE").read_text()
    params = json.loads((MODEL_DIR / "grader.json").read_text())
    assert 0.3 < params["semantic"]["threshold"] < 0.95
    if params.get("grade"):  # a learned ordinal grade model, when one is shipped
        assert set(params["grade"]["weights"]) == set(FEATURES)
        assert params["grade"]["cuts"] == sorted(params["grade"]["cuts"])


def test_learned_grade_model_is_applied_when_given() -> None:
    answer = (
        "I'd learn from messages people reported, hold out last month to measure precision at a fixed "
        "false-positive rate, compare a cheap word model with a bigger one, and watch report rates weekly."
    )
    request = GradingRequest(round="ml_system_design", question=SPAM, answer=answer)
    weights = dict.fromkeys(FEATURES, 0.0)
    generous = RubricGrader({"grade": {"weights": weights, "cuts": [-3.0, -2.0, -1.0]}})
    harsh = RubricGrader({"grade": {"weights": weights, "cuts": [1.0, 2.0, 3.0]}})
    low = harsh.assess(request)
    assert low.grade in (1, 2)
    if low.grade == 1:  # a 1 needs something wrong or several gaps, never a low score alone
        assert len(low.flags) >= 3
    assert generous.assess(request).grade == 4


def test_embedder_is_deterministic_unit_length_and_loaded_once() -> None:
    e = embedder()
    assert embedder() is e
    a = e.encode(["We retrain the model monthly.", "", "zzzzqqq"])
    b = e.encode(["We retrain the model monthly.", "", "zzzzqqq"])
    assert np.array_equal(a, b)
    assert abs(float(np.linalg.norm(a[0])) - 1.0) < 1e-5
    assert not a[1].any()  # nothing to embed: a zero row, never NaN


def test_basic_tokens_match_bert_rules_on_unicode_and_ascii() -> None:
    tokens = ["naive", "users", "can", "'", "t", "—", "really", "!"]
    assert basic_tokens("Naïve users can't—really!") == tokens
    assert basic_tokens("A/B test, 95%") == ["a", "/", "b", "test", ",", "95", "%"]


def test_paraphrases_are_related_and_unrelated_text_is_not() -> None:
    e = StaticEmbedder()
    v = e.encode(
        [
            "We will watch the model for drift after launch and retrain it.",
            "Once it is live someone checks every week whether it got worse, and we update it with new data.",
            "Our office moved to a new building with a bigger kitchen.",
        ]
    )
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2


def _semantic_concepts(text: str) -> set[str]:
    hits, _ = semantic.detect_semantic(split_sentences(text))
    return {h.concept for h in hits}


def test_semantic_detection_finds_ideas_in_unlisted_plain_words() -> None:
    assert "offline_eval" in _semantic_concepts(
        "Before anything goes live, we run it over a pile of last quarter's cases it was not built from "
        "and count how often it is wrong."
    )
    assert "lifecycle" in _semantic_concepts(
        "Once real customers use it, we keep checking whether its quality slips and refresh it "
        "with newer data."
    )
    assert not _semantic_concepts("The team celebrated with cake on Friday afternoon in the break room.")


def test_negation_is_local_to_its_clause() -> None:
    assert negated("We won't monitor the model after launch", 10)
    assert negated("There is no need to evaluate it offline", 20)
    assert not negated("We will monitor it weekly", 8)
    assert not negated("Not just accuracy: monitor drift too", 21)
    assert not negated("It failed before, but now we monitor it", 32)


def test_refusing_to_monitor_or_evaluate_earns_no_credit() -> None:
    sig = detect("After launch we won't monitor the model or retrain it, since spam does not change much.")
    assert not sig.credited("lifecycle")
    sig = detect("We will monitor the model after launch and retrain it monthly because spammers adapt.")
    assert sig.credited("lifecycle")


def test_dismissing_evaluation_raises_eval_gap() -> None:
    answer = (
        "I'd train a classifier on messages users reported as spam, using sender reputation and links as "
        "features, because reports are cheap labels. We skip offline evaluation entirely and go straight "
        "to an A/B test, since offline metrics are academic anyway. A simple model is cheaper than a deep "
        "one, so we start there, and after launch we monitor report rates and retrain weekly."
    )
    assert "eval_gap" in flags(grade(answer))


def test_off_topic_portfolio_bullet_is_graded_one_with_a_reason() -> None:
    result = GRADER.assess(
        GradingRequest(
            round="portfolio_bullet",
            question="Senior PM, machine learning platform",
            answer="Organised the office move of 250 staff to a new campus two weeks early and under budget.",
        )
    )
    assert result.status == "graded" and result.grade == 1
    assert result.reason and "off the question" in result.reason


def test_engine_version_is_bumped_and_grades_are_deterministic() -> None:
    assert ENGINE_VERSION == "rubric-3.2"
    answer = (
        "I'd learn from messages people reported, hold out last month to measure precision at a fixed "
        "false-positive rate, compare a cheap word model with a bigger one, and watch report rates weekly."
    )
    a = grade(answer, question=SPAM)
    b = grade(answer, question=SPAM)
    assert a.model_dump() == b.model_dump()
    assert a.engine_version == "rubric-3.2"
