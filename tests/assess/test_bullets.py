"""Portfolio bullets: graded on what a committee looks for in one line, with the major gaps named.

Each rule is checked on the brief's example and on variants in other wordings and domains, so the rules
stay general ideas rather than matches for one sentence.
"""

from __future__ import annotations

import pytest

from hireloop.assess.engine import RubricGrader
from hireloop.assess.models import Assessment, GradingRequest

from .test_engine import assert_offsets

GRADER = RubricGrader()
ROLE = "Senior AI PM, fintech"


def grade(bullet: str, role: str = ROLE) -> Assessment:
    result = GRADER.assess(GradingRequest(round="portfolio_bullet", question=role, answer=bullet))
    assert result.status == "graded", result.reason
    assert_offsets(bullet, result)
    for f in result.flags:
        assert f.reason
    return result


def flags(result: Assessment) -> set[str]:
    return {f.id for f in result.flags}


STRONG_FRAUD = (
    "Led the fraud team's move from rules to a gradient-boosted model trained on 40M labeled card "
    "transactions; I chose precision at the review team's capacity as the launch metric, set up weekly "
    "retraining with drift alerts and an appeal path for blocked customers, and cut fraud losses from "
    "0.31% to 0.18% of volume."
)

VAGUE_CLAIMS = [
    "Leveraged AI to improve fraud detection by 20%.",
    "Used machine learning to boost checkout conversion by 12%.",
    "Applied AI-driven insights to reduce customer churn by 18% across our subscription base.",
    "Harnessed advanced analytics and AI to grow upsell revenue 30% year over year.",
    "Drove a 25% lift in retention through AI-powered personalization.",
]


@pytest.mark.parametrize("bullet", VAGUE_CLAIMS)
def test_vague_ai_claim_is_low_with_buzzword_flag(bullet: str) -> None:
    result = grade(bullet)
    assert result.grade is not None and result.grade <= 2, (bullet, result.grade)
    assert "buzzword_without_depth" in flags(result), (bullet, flags(result))


STRONG_VARIANTS = [
    STRONG_FRAUD,
    (
        "Owned the churn model for a 2M-subscriber streaming service: picked a survival model over a "
        "monthly classifier after a backtest on 18 months of cancellations, set the outreach threshold with "
        "the retention team's call capacity, added monthly drift checks, and cut voluntary churn from 4.1% "
        "to 3.4%."
    ),
    (
        "Replaced manual invoice coding with a fine-tuned extraction model trained on 25K labeled invoices; "
        "I defined field-level precision on a 2,000-invoice test set as the release gate, routed "
        "low-confidence fields to human review, and reduced coding time per invoice from 6 minutes to 50 "
        "seconds."
    ),
]


@pytest.mark.parametrize("bullet", STRONG_VARIANTS)
def test_specific_owned_bullet_with_lifecycle_and_outcome_is_strong(bullet: str) -> None:
    result = grade(bullet)
    assert result.grade == 4, (bullet, result.grade, flags(result))
    assert not flags(result), flags(result)


def test_strong_bullet_outranks_a_vague_claim_about_the_same_work() -> None:
    strong = grade(STRONG_FRAUD)
    for vague in ("Leveraged AI to improve fraud detection by 20%.", "Used ML to cut fraud losses by 40%."):
        weak = grade(vague)
        assert strong.grade is not None and weak.grade is not None
        assert strong.grade > weak.grade


SENSITIVE_NO_SAFEGUARD = [
    "Launched facial recognition check-in for 120 gyms, cutting front-desk queues by 40%.",
    "Shipped face-match identity verification for a ride-hailing app's 300K drivers, reducing fraud 25%.",
    "Rolled our resume-screening model out to 500 employers, auto-rejecting 45% of applicants and saving "
    "recruiters 10 hours a week.",
    "Built a biometric attendance system for 80 factories, cutting time theft by 30%.",
]


@pytest.mark.parametrize("bullet", SENSITIVE_NO_SAFEGUARD)
def test_product_that_reads_faces_or_decides_about_people_needs_safeguards(bullet: str) -> None:
    result = grade(bullet)
    assert "ignores_responsible_ai" in flags(result), (bullet, flags(result))
    assert result.grade is not None and result.grade <= 2


def test_sensitive_product_with_consent_and_fairness_is_not_flagged() -> None:
    bullet = (
        "Launched opt-in facial recognition check-in for 120 gyms with a card fallback for members who "
        "decline, audited match error rates by skin tone before launch, and cut front-desk queues by 40%."
    )
    assert "ignores_responsible_ai" not in flags(grade(bullet))


BOLT_ONS = [
    "Added an AI chatbot to the existing customer support portal, reducing tickets by 15%.",
    "Put a GPT assistant widget on our banking app's help page, handling 10K questions a month.",
    "Bolted an LLM copilot onto the legacy CRM, reaching 40% weekly usage among sales reps.",
]


@pytest.mark.parametrize("bullet", BOLT_ONS)
def test_ai_added_at_the_edge_of_an_unchanged_product_is_bolt_on(bullet: str) -> None:
    result = grade(bullet)
    assert "ai_bolt_on" in flags(result), (bullet, flags(result))
    assert result.grade is not None and result.grade <= 2


def test_support_flow_redesigned_around_an_assistant_is_not_bolt_on() -> None:
    bullet = (
        "Redesigned our support flow around an LLM assistant rather than a chat widget: it answers order "
        "questions grounded in the order system, hands off to agents for refunds, and is release-gated by a "
        "rubric review of 800 conversations; self-service resolution rose from 20% to 44%."
    )
    result = grade(bullet)
    assert "ai_bolt_on" not in flags(result)
    assert result.grade is not None and result.grade >= 3


INTEGRATIONS = [
    "Integrated a vendor's sentiment analysis API into our CRM dashboards for 2,000 sales reps.",
    "Rolled out a third-party AI meeting-notes tool to 1,500 consultants, coordinating security review "
    "and training.",
    "Implemented an off-the-shelf OCR service for our claims intake team, going live in six weeks.",
]


@pytest.mark.parametrize("bullet", INTEGRATIONS)
def test_integrating_someone_elses_model_is_no_ownership(bullet: str) -> None:
    result = grade(bullet)
    assert "no_ownership" in flags(result), (bullet, flags(result))
    assert result.grade is not None and result.grade <= 2


def test_choosing_against_a_vendor_is_ownership() -> None:
    bullet = (
        "Chose an in-house fine-tuned classifier over a vendor's moderation API after comparing both on "
        "3,000 labeled posts, then cut moderator queue time 35%."
    )
    assert "no_ownership" not in flags(grade(bullet))


def test_short_rounds_caps_do_not_apply_to_a_one_line_bullet() -> None:
    bullet = (
        "Shipped a two-tower retrieval model for 9M listings, trained on 6 months of purchase logs, chose "
        "recall at 100 as the offline gate, and lifted purchases per search 6%."
    )
    result = grade(bullet)
    assert result.grade is not None and result.grade >= 3


def test_non_ai_bullet_is_off_the_question() -> None:
    result = grade("Organised the quarterly offsite for 300 staff, coming in 15% under budget.")
    assert result.grade == 1 and result.reason
