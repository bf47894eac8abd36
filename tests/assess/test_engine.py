"""The rubric engine on adversarial and ordinary answers; every quote must match its offsets."""

from __future__ import annotations

import time

from hireloop.assess.engine import RubricGrader
from hireloop.assess.models import Assessment, GradingRequest

GRADER = RubricGrader()
SPAM = "Design a spam filter for a messaging app's inbox."
ASSISTANT = "Design an AI assistant that drafts replies to customer emails for a small-business inbox."


def grade(answer: str, *, question: str = SPAM, round: str = "ml_system_design") -> Assessment:
    result = GRADER.assess(GradingRequest(round=round, question=question, answer=answer))  # type: ignore[arg-type]
    assert_offsets(answer, result)
    return result


def assert_offsets(answer: str, result: Assessment) -> None:
    quotes = [e for f in result.flags for e in f.evidence]
    quotes += [e for c in result.competencies for e in c.evidence]
    quotes += [e for s in result.strengths for e in s.evidence]
    for e in quotes:
        assert answer[e.start : e.end] == e.quote


def flags(result: Assessment) -> set[str]:
    return {f.id for f in result.flags}


PLAIN_STRONG = (
    "First I'd agree with the trust team what counts as spam, because a missed scam costs people money while "
    "hiding a friend's message costs trust. I'd learn from messages people already reported or marked 'not "
    "spam', and have two people read 300 sampled messages each week to label them, since reports skew toward "
    "obvious junk. A simple word-and-sender score is cheap and fast, while a bigger model catches new scams "
    "better but costs more per message, so I'd start simple and send only unsure messages to the bigger one. "
    "Before launch I'd check, on last month's messages the model never saw, how many real spams it catches "
    "at a "
    "level where fewer than 1 in 1,000 good messages gets hidden. Hidden messages go to a folder people can "
    "check, never deleted, and we never show message text to anyone outside that sampled review, which users "
    "agree to in a clear opt-in. After launch I'd watch report rates weekly because spammers adapt, retrain "
    "monthly, and fall back to the old rules if the model breaks."
)
STUFFED = (
    "We'd use precision, recall, F1, fairness, drift monitoring, RAG, guardrails, explainability, SHAP, "
    "MLOps, "
    "human-in-the-loop and responsible AI. It would be a state-of-the-art, scalable platform leveraging deep "
    "learning, transformers and LLMs, with a feature store, CI/CD and continuous A/B testing at scale."
)


def test_plain_language_strong_answer_earns_credit_without_jargon() -> None:
    result = grade(PLAIN_STRONG)
    assert result.status == "graded" and result.grade is not None and result.grade >= 3
    assert "buzzword_without_depth" not in flags(result)
    assert {"eval_gap", "no_lifecycle", "no_tradeoffs", "no_data_strategy"}.isdisjoint(flags(result))
    assert any(c.id == "evaluation" and c.grade >= 3 for c in result.competencies)
    assert result.strengths and result.summary


def test_keyword_stuffing_is_low_with_buzzword_flag() -> None:
    result = grade(STUFFED)
    assert result.grade is not None and result.grade <= 2
    assert "buzzword_without_depth" in flags(result)
    assert "no_lifecycle" in flags(result)  # drift named in a list earns no lifecycle credit


def test_dismissing_a_concept_raises_ignores_responsible_ai() -> None:
    answer = (
        "I'd train a classifier on messages users reported, hold out the last month and compare precision "
        "at our "
        "threshold against the current rules, because a false positive hides a real message. Privacy isn't "
        "really "
        "an issue here since everything is on our servers anyway, so the model can read every message."
    )
    result = grade(answer)
    found = {f.id: f for f in result.flags}
    assert "ignores_responsible_ai" in found
    assert any("Privacy isn't really an issue" in e.quote for e in found["ignores_responsible_ai"].evidence)
    assert result.grade is not None and result.grade <= 2


def test_mentioning_privacy_properly_earns_credit() -> None:
    answer = (
        "I'd train a classifier on messages users reported, hold out the last month and compare precision "
        "at our "
        "threshold against the current rules, because a false positive hides a real message. For privacy, "
        "the "
        "model runs on the message without anyone reading it, and reviewers only see messages users reported."
    )
    assert "ignores_responsible_ai" not in flags(grade(answer))


def test_flags_depend_on_round_and_question() -> None:
    auc = (
        "AUC is the chance that a random positive is scored above a random negative, so it measures ranking "
        "across all thresholds. It can mislead with rare events: the false-positive rate is divided by a "
        "huge "
        "number of negatives, so a model can look great while precision at the threshold we use is poor. I'd "
        "look at precision and recall at the operating point, and check AUC within segments such as new "
        "users."
    )
    result = grade(
        auc, question="What does AUC measure, and when can it mislead you?", round="technical_deep_dive"
    )
    assert {"no_guardrails", "ignores_responsible_ai", "no_ownership"}.isdisjoint(flags(result))
    assert result.grade is not None and result.grade >= 3


def test_generative_feature_without_guardrails_is_flagged() -> None:
    answer = (
        "The assistant reads the incoming email and writes a full reply, which is sent automatically so "
        "owners "
        "save time. We'd use a hosted LLM because it is fast to launch, though it costs more per call than a "
        "small model. Success is measured with an A/B test on reply clicks and weekly active users."
    )
    result = grade(answer, question=ASSISTANT, round="ai_product_sense")
    assert {"no_guardrails", "deterministic_mindset"} <= flags(result)
    guard = next(f for f in result.flags if f.id == "no_guardrails")
    assert "generative" in guard.reason and "question" in guard.reason


def test_missing_flag_says_what_and_why() -> None:
    result = grade(STUFFED)
    life = next(f for f in result.flags if f.id == "no_lifecycle")
    assert "after launch" in life.reason and "question" in life.reason


def test_unscorable_inputs() -> None:
    for answer in [
        "",
        "   \n\t",
        "qwrtp zxcvbn sdfghj kjhgf mnbvc plkjh trewq asdfgh lkjhg",
        "Use a model.",
        "Primero entrenaría un modelo con los datos históricos de los usuarios y mediría la precisión.",
        "Zuerst würde ich ein Modell mit den Daten der Nutzer trainieren und die Genauigkeit messen.",
        "首先我会用用户的历史数据训练一个模型来检测垃圾邮件，并在测试集上衡量准确率。",
    ]:
        result = grade(answer)
        assert result.status == "unscorable", answer
        assert result.grade is None and result.decision is None and result.reason
        doc = result.to_contract()
        assert doc["status"] == "unscorable" and doc["grade"] is None and doc["reason"]


def test_off_topic_english_is_graded_one_with_reason() -> None:
    answer = (
        "Yesterday I baked sourdough bread. You mix flour, water and salt, let it rest overnight in the "
        "fridge, "
        "then shape the loaf and bake it in a hot dutch oven for about forty minutes until the crust is dark."
    )
    result = grade(answer)
    assert (
        result.status == "graded"
        and result.grade == 1
        and result.reason
        and "off the question" in result.reason
    )


def test_repeating_the_question_back_grades_one() -> None:
    result = grade(
        "Design a spam filter for a messaging app's inbox. A spam filter for the messaging app's inbox."
    )
    assert result.grade == 1 and result.reason and "repeats the question" in result.reason


def test_twenty_thousand_words_is_fast_and_says_it_was_truncated() -> None:
    answer = (
        "We would hold out last month's data and measure precision, because errors cost differently. " * 1500
    )
    assert len(answer.split()) >= 20_000
    start = time.perf_counter()
    result = grade(answer)
    assert time.perf_counter() - start < 2.0
    assert result.status == "graded" and "first 20,000 characters" in result.summary


def test_deterministic_and_pure() -> None:
    request = GradingRequest(round="ml_system_design", question=SPAM, answer=PLAIN_STRONG)
    first = GRADER.assess(request).to_contract()
    assert GRADER.assess(request).to_contract() == first
    assert request.answer == PLAIN_STRONG
    assert first["engine"] == "rubric" and first["engine_version"] == RubricGrader.engine_version


def test_free_text_question_outside_the_bank() -> None:
    answer = (
        "I'd predict which drivers will churn next month from their trip history and earnings, trained on "
        "drivers "
        "who left in the past year, and hold out the latest quarter to check precision at the top 500 we "
        "can call. "
        "A simple tree model is fast and explainable, while a sequence model may catch patterns better but "
        "is "
        "harder to debug, so trees first. After launch I'd monitor weekly and retrain monthly as earnings "
        "change."
    )
    result = grade(answer, question="How would you reduce driver churn with ML at a delivery startup?")
    assert result.grade is not None and result.grade >= 3
    assert {"eval_gap", "no_lifecycle", "no_tradeoffs"}.isdisjoint(flags(result))
