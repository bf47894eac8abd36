"""rubric-2.2: the general fixes behind the released holdout's misses, each checked in wordings and domains
other than the holdout's (so the rules stay ideas, not matches for one answer)."""

from __future__ import annotations

import pytest

from hireloop.assess import bullets as bl
from hireloop.assess import lexicon as lx
from hireloop.assess.concepts import detect
from hireloop.assess.engine import RubricGrader
from hireloop.assess.models import Assessment, GradingRequest
from hireloop.assess.relevance import build_context

from .test_engine import assert_offsets

GRADER = RubricGrader()


def run(round_: str, question: str, answer: str) -> Assessment:
    result = GRADER.assess(GradingRequest(round=round_, question=question, answer=answer))
    assert_offsets(answer, result)
    return result


def flags(result: Assessment) -> set[str]:
    return {f.id for f in result.flags}


def bullet(text: str, role: str = "AI PM, marketplace") -> Assessment:
    return run("portfolio_bullet", role, text)


# --- bullets: what counts as an outcome, a decision, data, a safeguard ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Refund triage: p95 latency 900ms -> 300ms",
        "Search relevance: NDCG 0.41 → 0.52 after the re-ranker",
        "Support contacts -17% after launch",
        "Duplicate listings halved within a quarter",
        "Onboarding time fell by about a day per merchant",
        "44% of returns auto-approved by the end of the pilot",
        "9K sellers tried it in the first week",
    ],
)
def test_measured_outcomes_in_several_notations(text: str) -> None:
    assert bl.OUTCOME.search(text), text


@pytest.mark.parametrize(
    ("text", "is_decision"),
    [
        ("made recall at 1% false alarms the release criterion for the model", True),
        ("we treated any wrong price in a quote as a defect", True),
        ("gated each deploy on the regression suite", True),
        ("scored against a golden set of past tickets", False),
        ("reached 0.9 recall on the validation set", False),
    ],
)
def test_decisions_and_not_the_noun_set(text: str, is_decision: bool) -> None:
    assert bool(bl.DECISION.search(text)) is is_decision, text


def test_product_alerts_are_not_monitoring_but_drift_alerts_are() -> None:
    assert not bl.LIFECYCLE_B.search("reached 0.88 precision on low-stock alerts")
    assert bl.LIFECYCLE_B.search("added drift alerts and a monthly retrain")
    assert bl.LIFECYCLE_B.search("the graded set gated every release")


@pytest.mark.parametrize(
    "text",
    [
        "pharmacists verify every suggested dose",
        "attorneys review each draft clause before it goes out",
        "$200 refund cap, human above cap",
        "permission-aware retrieval that respects document permissions",
    ],
)
def test_safeguards_in_plain_words(text: str) -> None:
    assert bl.SAFEGUARD.search(text), text


def test_a_safeguard_named_only_as_absent_or_removed_does_not_count() -> None:
    strong = bullet(
        "Rolled out face matching at the gates of 40 gyms against a members list, with no consent needed."
    )
    assert strong.grade == 1, strong.summary
    assert "ignores_responsible_ai" in flags(strong)
    removed = bullet(
        "Launched a third-party LLM bot for our payroll helpdesk; it resolves all requests correctly, "
        "removing the need for HR staff to review answers."
    )
    assert removed.grade == 1
    assert {"no_ownership", "deterministic_mindset", "no_guardrails"} <= flags(removed)


def test_a_vendor_platform_launch_is_integration() -> None:
    r = bullet(
        "Partnered with Google to ship our bank's Google Assistant action, with 40K users in six months.",
        role="AI PM, voice",
    )
    assert "no_ownership" in flags(r)
    assert r.grade == 2


def test_strong_plain_and_terse_bullets_get_their_grade() -> None:
    plain = bullet(
        "Led the OCR upgrade for handwritten forms in 2 new languages: collected 30K consented scans from "
        "volunteers, made field error rate per language the release criterion, errors went from 9% to 3% "
        "and manual re-keying halved.",
        role="AI PM, document AI",
    )
    assert plain.grade == 4, plain.summary
    assert not flags(plain)
    terse = bullet(
        "Returns agent: read-only order lookups, $150 refund cap, human above cap. 52% of returns "
        "auto-resolved, handling time 3 days -> 4 hours.",
        role="AI PM, agents",
    )
    assert terse.grade == 3, terse.summary
    assert "no_ownership" not in flags(terse)


def test_a_top_bullet_needs_a_measured_outcome() -> None:
    r = bullet(
        "Owned an LLM product-attribute extractor for our catalog team; built a 700-listing golden set "
        "labeled by merchandisers, chose a fine-tuned small model over GPT-4 on cost, and the set now gates "
        "every prompt change with weekly drift checks.",
        role="AI PM, e-commerce catalog",
    )
    assert r.grade == 3, r.summary


def test_a_wrong_metric_with_a_figure_is_a_two_not_a_one() -> None:
    r = bullet(
        "Built a chargeback prediction model with 98% accuracy on last year's orders, now blocking risky "
        "orders at checkout.",
        role="PM, payments risk",
    )
    assert "eval_gap" in flags(r)
    assert r.grade == 2, r.summary


def test_a_usage_count_is_a_result_for_a_bolted_on_feature() -> None:
    r = bullet(
        "Added an AI chat widget to the seller dashboard, keeping the listing editor unchanged; 3K sellers "
        "used it in the first month.",
    )
    assert "ai_bolt_on" in flags(r)
    assert r.grade == 2


# --- warning signs in other wordings ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The bot answers every billing question correctly.",
        "Once the intent is recognised it will always pick the right action.",
        "The model knows almost everything about our catalog.",
        "QA runs the top 100 prompts to make sure they all work.",
        "Automatic rejections save the team hours.",
    ],
)
def test_deterministic_claims(text: str) -> None:
    assert detect(text).warn("deterministic"), text


def test_deterministic_wording_does_not_catch_expected_value_or_negations() -> None:
    assert not lx.DETERMINISTIC.search("We pick the option with the best expected result for the customer.")
    assert not lx.DETERMINISTIC.search("The model doesn't know anything about the user's age.")


@pytest.mark.parametrize(
    "text",
    [
        "No opt-in is required because the cameras are on our premises.",
        "The model is far more objective than human recruiters.",
        "It treats every tenant the same, so it is fair.",
    ],
)
def test_dismissals(text: str) -> None:
    assert lx.DISMISSAL.search(text), text


def test_legal_as_a_topic_is_not_legal_review() -> None:
    legal = lx.CONCEPT_BY_ID["legal"].pattern
    assert not legal.search("users can ask legal questions and get answers")
    assert legal.search("we'd get legal sign-off before launch")


def test_calibration_misconceptions() -> None:
    assert lx.MISCONCEPTION.search("With a high AUC the model ranks well, so its probabilities are reliable.")
    assert lx.MISCONCEPTION.search("Calibration is really more of an academic concern.")


def test_plain_error_metrics_are_offline_evaluation() -> None:
    offline = lx.CONCEPT_BY_ID["offline_eval"].pattern
    assert offline.search("I'd look at the average error in hours on last month's shipments")
    assert offline.search("the share of trips within ten minutes of the estimate")


def test_domain_professionals_grading_outputs_is_human_review() -> None:
    review = lx.CONCEPT_BY_ID["human_review"].pattern
    assert review.search("Underwriters grade 300 generated summaries against the file.")
    assert review.search("drafts are graded by pharmacists for dosing errors")
    assert review.search("our support team scores a weekly sample")
    assert not review.search("the classifiers score every transaction")


# --- relevance ---------------------------------------------------------------------------------------


def test_an_answer_that_proposes_an_llm_owes_guardrails() -> None:
    q = "Design a feature that helps tenants find the right apartment on a rental site."
    a = (
        "We'd let renters describe what they want in their own words and send that to an LLM, which picks "
        "listings and writes a short pitch for each. Listings come from our database with price, size and "
        "commute time as features, and we'd compare click-through against the current filters in an A/B "
        "test, tracking saves and applications per session. Ranking uses past saves as labels, a simpler "
        "model first rather than a big one because it is cheaper, and we'd monitor drift monthly."
    )
    ctx = build_context(GradingRequest(round="ai_product_sense", question=q, answer=a))
    assert ctx.mode("no_guardrails") == "absence"
    assert "no_guardrails" in flags(run("ai_product_sense", q, a))


def test_in_vehicle_products_raise_safety() -> None:
    q = "Design an assistant that reads and replies to messages for people while driving."
    ctx = build_context(GradingRequest(round="ai_product_sense", question=q, answer="x " * 20))
    assert ctx.sensitive


def test_deep_dive_names_no_tradeoffs_only_when_the_question_asks_for_a_choice() -> None:
    explain = build_context(
        GradingRequest(
            round="technical_deep_dive",
            question="What is label noise and how would you detect it?",
            answer="",
        )
    )
    assert explain.mode("no_tradeoffs") == "silent"
    choose = build_context(
        GradingRequest(
            round="technical_deep_dive",
            question="When would you pick a linear model over a neural network?",
            answer="",
        )
    )
    assert choose.mode("no_tradeoffs") == "absence"
    r = run(
        "technical_deep_dive",
        "What is label noise and how would you detect it?",
        "Label noise is when the labels in training data are wrong, for example a refund ticket tagged as "
        "shipping. I'd pull a random sample of 300 labels and have two annotators relabel them blind, then "
        "measure how often they disagree with the original label. I'd also look at examples the model gets "
        "confidently wrong on the validation set, because those are often mislabeled rather than hard.",
    )
    assert "no_tradeoffs" not in flags(r)


# --- off the question --------------------------------------------------------------------------------


def test_behavioral_story_without_any_ai_is_off_an_ai_question() -> None:
    r = run(
        "behavioral",
        "Tell me about a time you pushed back on launching an ML model.",
        "At my previous company I pushed back on launching a new pricing page. Marketing wanted it live "
        "before the holiday campaign, but our historical conversion data showed the old page converted "
        "better on mobile. I reviewed the numbers with the design team, we ran a two-week test, and the "
        "new page lost 6% of signups, so we delayed it and fixed the layout first. I learned to bring data "
        "to a disagreement rather than opinions, and the team trusted the process more afterwards.",
    )
    assert r.grade == 1
    assert r.reason and "off the question" in r.reason


def test_a_pivot_to_a_non_ai_fix_is_off_the_question() -> None:
    r = run(
        "ai_product_sense",
        "Design a feature that turns customer support chats into knowledge-base articles.",
        "The real problem is that nobody owns the knowledge base, so I'd fix the ownership first. Every "
        "support lead would get two hours a week for article upkeep, written into their goals, and articles "
        "would get an owner and a review date. We'd run a monthly knowledge-base day where each team "
        "rewrites its five most viewed articles, and we'd publish a ranking of teams by article freshness. "
        "I'd measure the share of articles reviewed in the last 90 days and agent satisfaction.",
    )
    assert r.grade == 1
    assert r.reason and "off the question" in r.reason


def test_an_answer_that_restates_the_question_is_a_one() -> None:
    q = "How would you detect data drift in a model that predicts equipment failures in a factory?"
    a = (
        "To detect data drift in a model that predicts equipment failures in a factory, you need to detect "
        "when the data drifts. Data drift is when the data the model sees in the factory drifts away from "
        "the data it was trained on, so the predictions of equipment failures get worse. "
        "So the way to detect data drift is to watch the data and detect the drift when it happens, and "
        "then the model that predicts equipment failures can be fixed."
    )
    r = run("technical_deep_dive", q, a)
    assert r.grade == 1, r.summary


# --- buzzword stacks and what a buzzword answer is charged for -----------------------------------------


def test_a_stack_of_named_techniques_is_buzzword() -> None:
    r = run(
        "ml_system_design",
        "Design a system that flags risky sellers on a marketplace.",
        "I'd build a unified seller-risk intelligence platform. The heart is a graph neural network over "
        "the seller graph plus XGBoost and an LSTM on transaction sequences. Embeddings from a transformer "
        "encode listing text, and anomaly detection with autoencoders catches new patterns. "
        "An LLM-as-a-judge layer reviews borderline sellers, with RAG over policy docs. "
        "Everything runs on a feature store with Kafka, Flink and MLOps pipelines with drift monitoring. "
        "The target is 99% accuracy at sub-20 ms. This positions us as the safest marketplace.",
    )
    assert "buzzword_without_depth" in flags(r)
    assert r.grade is not None and r.grade <= 2


def test_usage_words_in_passing_are_not_an_evaluation_plan() -> None:
    q = "How would you launch an AI writing assistant inside a note-taking app?"
    a = (
        "The key is to balance helpfulness and engagement. Drafts are grounded in the user's own notes and "
        "cite which note they used; if nothing relevant exists it says so instead of inventing. Writers "
        "on our team grade 300 drafts for invented facts before launch, with a bar of under 2% invented "
        "claims, and we keep sampling 50 drafts weekly after launch. Users edit or discard every draft."
    )
    assert "deterministic_mindset" not in flags(run("ai_product_sense", q, a))


def test_negators_eliminating_and_removing_the_need() -> None:
    sig = detect("The tool eliminates the need for human review of every invoice.")
    assert not sig.credited("human_review")
