"""Rubric-2.1 judgement rules: off-question answers, short dense answers, major-gap flags, misconceptions.

Every rule is exercised in more than one wording, on questions outside the labeled sets.
"""

from __future__ import annotations

import pytest

from hireloop.assess.engine import RubricGrader
from hireloop.assess.models import Assessment, GradingRequest

from .test_engine import assert_offsets

GRADER = RubricGrader()


def grade(answer: str, question: str, round: str) -> Assessment:
    result = GRADER.assess(GradingRequest(round=round, question=question, answer=answer))  # type: ignore[arg-type]
    assert result.status == "graded"
    assert_offsets(answer, result)
    return result


CHURN_Q = "Design a model that predicts which subscribers of a meal-kit service will cancel next month."
PIVOTED = [
    (
        "The real problem behind cancellations is that menus repeat, so I'd build a recipe recommender "
        "instead. Train a two-tower model on two years of order history and recipe ratings, with "
        "embeddings for ingredients and cuisines. Offline I'd measure recall@10 on a time split, then A/B "
        "test on orders per week, and retrain weekly with drift alerts on rating distributions, since "
        "seasonal produce changes what people pick."
    ),
    (
        "What actually drives cancellations is delivery reliability, so we'd focus on a courier ETA model "
        "rather than anything about subscribers. Gradient-boosted trees on route, weather and depot load "
        "features, trained on 18 months of GPS traces; evaluate mean absolute error by region on a held-out "
        "month, and monitor error weekly after launch with alerts when a depot drifts."
    ),
]


@pytest.mark.parametrize("answer", PIVOTED)
def test_competent_answer_to_a_different_question_is_graded_one_with_reason(answer: str) -> None:
    result = grade(answer, CHURN_Q, "ml_system_design")
    assert result.grade == 1
    assert result.reason and "off the question" in result.reason
    assert not result.flags


def test_answer_that_never_touches_the_subject_is_off_the_question() -> None:
    question = "How would you evaluate a speech recognizer for a voice-controlled car dashboard?"
    answer = (
        "For a hotel pricing model I'd compare nightly rate recommendations with what revenue managers "
        "actually set, backtest on last season's bookings, and watch occupancy against forecast each week. "
        "Gradient-boosted trees on seasonality, local events and competitor rates, with a cap on daily "
        "changes so that owners trust the recommendations and can override them."
    )
    result = grade(answer, question, "technical_deep_dive")
    assert result.grade == 1 and result.reason and "off the question" in result.reason


def test_on_topic_answer_that_reframes_within_the_question_is_not_off_topic() -> None:
    answer = (
        "The real question is whether churn is predictable a month out, so I'd build a monthly classifier "
        "on subscribers' order history, skips and support tickets, labeled by whether they cancelled the "
        "next month. I'd evaluate precision at the retention team's outreach capacity on a held-out month, "
        "compare it with a simple rule on skipped weeks, and retrain monthly because menus and prices "
        "change what predicts cancellation."
    )
    result = grade(answer, CHURN_Q, "ml_system_design")
    assert result.reason is None and result.grade is not None and result.grade >= 2


DENSE = [
    (
        "How would you detect fraudulent refund requests at an online retailer?",
        "ml_system_design",
        "Classifier per refund request, scored at submission. Labels: chargebacks and refunds the "
        "investigations team confirmed as abuse, plus a random 2% audit sample so labels aren't biased "
        "toward what we already catch. Features: account age, refund rate versus purchase history, device "
        "and address reuse across accounts, item category. GBDT first because the data is tabular and "
        "fast to score; a graph model on shared devices catches rings but costs more, so only for the "
        "uncertain band. Metric: recall at the precision the review team can absorb, by segment. Fraudsters "
        "adapt, so weekly retraining, drift alerts, and manual review rather than auto-denial for "
        "borderline cases.",
    ),
    (
        "When would you pick a small fine-tuned model over a large general LLM for a product feature?",
        "technical_deep_dive",
        "Small fine-tuned model when the task is narrow and repetitive (classification, extraction, a fixed "
        "output format), you have a few thousand labeled examples, and latency or per-call cost matter: it "
        "is cheaper, faster and easier to keep consistent, but needs labeled data and retraining when the "
        "task shifts. Large LLM when inputs are open-ended, you lack labels, or the task needs broad world "
        "knowledge and reasoning; it costs more per call and is harder to control, so it needs prompt "
        "regression tests. Hybrid is common: the small model handles the bulk, low-confidence cases go to "
        "the large one. Decide on a held-out set with the quality bar, cost and p95 latency side by side.",
    ),
]


@pytest.mark.parametrize(("question", "round", "answer"), DENSE)
def test_short_dense_strong_answer_reaches_hire(question: str, round: str, answer: str) -> None:
    assert 80 <= len(answer.split()) <= 130
    result = grade(answer, question, round)
    assert result.grade is not None and result.grade >= 3, (result.grade, [f.id for f in result.flags])


@pytest.mark.parametrize(
    "answer",
    [
        "Supervised learning is when humans supervise the model's outputs, like moderators reviewing flags. "
        "Unsupervised learning is when the AI runs autonomously without human oversight, like a chatbot. "
        "Reinforcement learning is basically RLHF from thumbs-up clicks in real time. Most products combine "
        "all three, and for example a feed uses all of them together to personalise what people see.",
        "Supervised learning means a person checks what the model does before it acts. Unsupervised learning "
        "means the model works on its own in production with no human review, which is riskier. "
        "Reinforcement learning means the model learns from star ratings live, so it improves instantly, "
        "for example in a music app that learns from every rating people give.",
    ],
)
def test_confused_learning_paradigms_are_not_graded_as_dense(answer: str) -> None:
    question = "Explain supervised, unsupervised and reinforcement learning, with a product example of each."
    result = grade(answer, question, "technical_deep_dive")
    assert result.grade is not None and result.grade <= 2


def test_thin_answer_is_charged_with_its_major_gaps_not_every_gap() -> None:
    question = "Design an AI assistant that answers customers' questions about their phone bill."
    answer = (
        "I'd put an LLM chatbot in the app that reads the customer's bill and answers questions in plain "
        "language. We'd launch it to everyone and measure engagement and click-through on the assistant, "
        "and if people use it a lot we know it works."
    )
    result = grade(answer, question, "ai_product_sense")
    ids = {f.id for f in result.flags}
    assert {"no_guardrails", "eval_gap"} <= ids or "deterministic_mindset" in ids
    assert "no_data_strategy" not in ids and "no_lifecycle" not in ids


def test_adding_a_weak_follow_up_never_removes_a_gap() -> None:
    question = (
        "A city wants cameras that estimate crowding on train platforms. What responsible-AI issues arise?"
    )
    answer = (
        "Cameras film people who never agreed to it, so I'd count heads on-device and keep no images, with "
        "signs at every platform. Crowding estimates must be checked for accuracy in dim stations and for "
        "wheelchair users, because a miss there is a safety problem, and I'd compare error rates by station "
        "type on a labeled sample before launch. The estimate should never be used to identify or track "
        "individuals, and access is limited to operations staff."
    )
    first = {f.id for f in grade(answer, question, "responsible_ai").flags}
    for follow_up in ("Legal would handle that.", "I'd have to think about that.", "It depends, really."):
        later = {f.id for f in grade(f"{answer}\n\n{follow_up}", question, "responsible_ai").flags}
        assert first - later == set(), (follow_up, first - later)
