"""Grader v3: wrong claims dominate, are never evidence, cap the grade by stated rules, teach, and are
probed first; figures are checked; answers that ignore what was asked are off the question."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hireloop.assess.engine import RubricGrader
from hireloop.assess.judgement import RULES
from hireloop.assess.models import GradingRequest
from hireloop.drills.store import load_states
from hireloop.interview.probing import next_probe
from hireloop.store import make_engine, session_factory
from hireloop.store import repository as repo
from tests.helpers import make_settings

GRADER = RubricGrader()
FRAUD_Q = "Design a system that detects card-not-present fraud for an online payments company."
WEAK_FRAUD = (
    "I'd build a deep neural network for card-not-present fraud because it is the most accurate model "
    "family. We'd train it on the last two years of labeled transactions, with features like amount, "
    "merchant category, device and velocity. Our target is 99.5% accuracy, since fraud is only 0.08% of "
    "transactions and we need to be very precise. If the probability is above 0.5 we block it. Once the "
    "model is live we can retire the old rules engine, which is costly to maintain. We'd retrain the "
    "model quarterly to keep it fresh and monitor a dashboard of blocked transactions."
)


def grade(answer: str, question: str = FRAUD_Q, round_id: str = "ml_system_design"):
    return GRADER.assess(GradingRequest(round=round_id, question=question, answer=answer))


def test_the_canonical_weak_fraud_answer_is_a_no_hire_for_its_wrong_claims():
    a = grade(WEAK_FRAUD)
    found = {m.id for m in a.misconceptions}
    assert {"accuracy_on_rare_events", "fixed_half_threshold"} <= found
    assert a.grade is not None and a.grade <= 2
    assert "Wrong:" in a.summary
    threshold = next(m for m in a.misconceptions if m.id == "fixed_half_threshold")
    assert "0.5" in threshold.evidence[0].quote
    assert threshold.why and threshold.card and threshold.probe


def test_a_sentence_with_a_wrong_claim_is_never_evidence_of_a_strength_or_competency():
    a = grade(WEAK_FRAUD)
    wrong = {(e.start, e.end) for m in a.misconceptions for e in m.evidence}
    credited = [e for s in a.strengths for e in s.evidence]
    credited += [e for c in a.competencies if c.grade >= 3 for e in c.evidence]  # credit, not the concern
    for e in credited:
        assert not any(e.start < end and start < e.end for start, end in wrong), e.quote


def test_one_sentence_backs_at_most_one_strength():
    a = grade(
        "Fraud is about 0.1% of orders, so I'd judge the model by precision at 90% recall on a time-based "
        "holdout of the last month, because a random split would leak future patterns. Labels come from "
        "chargebacks, which arrive up to 90 days later, so I'd add analyst decisions as early labels. "
        "Gradient-boosted trees first, since they serve in a few milliseconds and handle tabular features; "
        "a sequence model over a card's history is the alternative if the error analysis says velocity "
        "patterns are missed. Scores map to approve, step-up and block bands set from the cost of a missed "
        "fraud versus a blocked customer, with a review queue for the uncertain band. After launch I'd watch "
        "the score distribution and the approval rate daily, since fraudsters adapt within weeks."
    )
    quotes = [(e.start, e.end) for s in a.strengths for e in s.evidence]
    assert len(quotes) == len(set(quotes))
    assert not a.misconceptions


def test_two_disqualifying_claims_cap_the_grade_at_one_with_the_rule_stated():
    a = grade(WEAK_FRAUD)
    assert a.grade == 1
    rules = {c.rule: c for c in a.caps}
    assert "two_disqualifying_misconceptions" in rules
    assert rules["two_disqualifying_misconceptions"].reason.startswith(
        RULES["two_disqualifying_misconceptions"]
    )
    assert a.confidence is not None and a.confidence.level == "high"


def test_a_correct_statement_about_the_same_mistake_is_not_a_misconception():
    a = grade(
        "Accuracy would look great and mean nothing here: with 0.08% fraud, approving everything is 99.92% "
        "accurate. I'd use precision at a fixed recall and the expected cost per decision instead."
    )
    assert not a.misconceptions


def test_a_wrong_figure_is_shown_with_the_right_one():
    a = grade(
        "An agent that runs 20 onboarding steps, each succeeding 95% of the time, finishes cleanly in "
        "0.95^20 = 90% of cases, so we can let it run without checkpoints. We would log each step and "
        "measure the completion rate weekly, with a human fallback queue for the rest, and compare it "
        "with the manual process on a pilot of two hundred new hires before rolling it out further.",
        question="An HR platform wants an agent to run new-hire onboarding end to end. "
        "How would you launch it?",
        round_id="ai_product_sense",
    )
    wrong = next(m for m in a.misconceptions if m.id == "figures_do_not_add_up")
    assert "35.8%" in wrong.why and "not 90%" in wrong.why
    assert a.grade is not None and a.grade <= 2


def test_an_answer_about_something_else_than_what_was_asked_is_graded_one():
    answer = (
        "The part I'd focus on is who the speech recognition works for. These systems serve standard "
        "accents best and everyone else worse. First, measure: build an evaluation set stratified by "
        "accent, age and gender, and report word error rate and command success per group. Second, set a "
        "target: no group's failure rate more than 1.25 times the best group's, and track it each release. "
        "Third, collect more speech from under-served groups through paid studies with clear terms, and "
        "weight training towards them. Fourth, add a fallback: when recognition confidence is low, ask the "
        "user to repeat or confirm instead of acting. Finally, publish the per-group error rates in a "
        "yearly report so outside researchers can check our progress and hold us to it over time."
    )
    a = grade(
        answer,
        question="Your smart speaker stores voice recordings and contractors listen to some of them. What "
        "privacy changes would you make to the product?",
        round_id="responsible_ai",
    )
    assert a.grade == 1
    assert a.reason and "privacy" in a.reason


def test_the_first_probe_tests_the_wrong_claim():
    a = grade(WEAK_FRAUD)
    choice = next_probe(a, None, [])
    assert choice is not None and choice.source == "misconception"
    assert choice.text in {m.probe for m in a.misconceptions}


def test_the_contract_always_carries_misconceptions_caps_and_confidence():
    doc = grade(
        "We would collect labeled data and train a model, then measure precision and recall on a "
        "holdout before launching it to a small share of users."
    ).to_contract()
    assert {"misconceptions", "caps", "confidence"} <= set(doc)
    assert doc["confidence"]["level"] in {"high", "medium", "low"}


def test_storing_an_assessment_makes_the_misconception_cards_due(tmp_path: Path):
    sessions = session_factory(make_engine(make_settings(tmp_path)))
    doc = grade(WEAK_FRAUD).to_contract()
    before = datetime.now(UTC)
    with sessions() as db:
        row = repo.record_answer(
            session=db, user_id="ana", round_id="ml_system_design", question_text=FRAUD_Q, text=WEAK_FRAUD
        )
        repo.record_assessment(session=db, answer_id=row.id, document=doc)
        states = load_states(session=db, user_id="ana")
    cards = {m["card"] for m in doc["misconceptions"]}
    assert cards and cards <= set(states)
    for card in cards:
        assert datetime.fromisoformat(states[card]["due"]) <= datetime.now(UTC)
        assert datetime.fromisoformat(states[card]["due"]) >= before.replace(microsecond=0)


def test_a_price_per_million_tokens_is_not_read_as_a_wrong_product():
    a = grade(
        "Volume is 2 million users x 3 questions = 6 million questions a day. Input is 6 million x 3,000 "
        "tokens = 18 billion tokens a day, which is 18,000 million x $0.40 = $7,200 a day. Output is "
        "1,800 million x $1.60 = $2,880 a day, so input dominates the bill because of the retrieved notes.",
        question="A hosted LLM costs $0.40 per million input tokens and $1.60 per million output tokens. "
        "Estimate the daily cost of a feature with 2 million daily users asking 3 questions each.",
        round_id="technical_deep_dive",
    )
    assert "figures_do_not_add_up" not in {m.id for m in a.misconceptions}


def test_a_warning_sign_the_sentence_denies_is_not_held_against_the_answer():
    said = "We fine-tuned on ten years of triage decisions, though past handling wasn't always right."
    denied = grade(said, question="How would you train a nurse triage model?")
    assert "deterministic_mindset" not in {f.id for f in denied.flags}


def test_a_claim_is_the_candidates_own_when_they_overrule_a_colleague_in_the_same_sentence():
    from hireloop.assess.misconceptions import builtin_catalogue

    own = "The data scientist wanted to keep the reviewers; I told her we don't need human review anymore."
    reported = "The data scientist wanted to say we don't need human review anymore, and we pushed back."
    ids = {f.entry.id for f in builtin_catalogue().find_in_text(own)}
    assert "output_review_dismissed" in ids
    assert "output_review_dismissed" not in {f.entry.id for f in builtin_catalogue().find_in_text(reported)}


def test_a_mistake_told_as_a_colleagues_earlier_work_is_not_the_candidates():
    from hireloop.assess.misconceptions import builtin_catalogue

    story = (
        "The data scientist, a really strong guy, had evaluated the churn model with a random 80/20 split "
        "across all accounts and reported an AUC of 0.86."
    )
    found = {f.entry.id for f in builtin_catalogue().find_in_text(story)}
    assert "random_split_on_temporal_data" not in found


def test_thresholded_auto_approval_bands_are_not_a_deterministic_mindset():
    bands = (
        "Three bands, not one cut-off: auto-approve below a low score, send to an agent above a high one, "
        "and in between approve but flag the account for watching."
    )
    a = grade(bands, question="How would you decide which refund requests to approve automatically?")
    assert "deterministic_mindset" not in {f.id for f in a.flags}


def test_an_answer_that_names_the_problem_behind_the_question_and_solves_that_one_is_off_the_question():
    swapped = (
        "The operational problem behind this is staffing: the clinic needs to know how many patients will "
        "walk in each hour so it can roster nurses. I'd build an hourly arrivals forecast per clinic with "
        "gradient boosting on calendar, weather and local events, evaluated on a rolling time split with "
        "quantile loss, and publish the 80th percentile to the rostering tool each evening. We would "
        "monitor forecast error weekly, retrain monthly, and fall back to the seasonal average when data "
        "feeds fail. The roster lead reviews the plan each morning and can override it, and we track "
        "overtime hours and waiting times against last year as the outcome measures for the pilot clinics."
    )
    a = grade(
        swapped,
        question="A clinic network wants a model that predicts which booked patients will miss their "
        "appointment, so staff can call them the day before. Design it.",
    )
    assert a.grade == 1
    assert "off the question" in (a.reason or a.summary)


def test_precision_divided_by_the_real_positives_stated_elsewhere_is_corrected():
    a = grade(
        "Last year had 150,000 claims and 3,000 fraudulent claims. At our threshold the model flagged "
        "6,000 claims, and 2,400 of the flagged claims were confirmed fraud. So precision is 2,400 over "
        "3,000, which is 80%, and we can decline every flag without review.",
        question="An insurer wants to decline suspected fraudulent claims automatically. Would you?",
    )
    wrong = next(m for m in a.misconceptions if m.id == "figures_do_not_add_up")
    assert "2,400/6,000 = 40%" in wrong.why
