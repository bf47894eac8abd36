"""Every offline grade states how far it can be trusted, measured: how often labeled answers graded the same
way agreed with people, from a table that must match the engine."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from hireloop.assess.confidence import HIGH_SAME_SIDE, MEDIUM_SAME_SIDE, TABLE
from hireloop.assess.engine import RubricGrader
from hireloop.assess.models import GradingRequest
from tests.assess.test_grader_v3 import FRAUD_Q, WEAK_FRAUD

GRADER = RubricGrader()
ROOT = Path(__file__).resolve().parents[2]

FLUENT_FRAUD = (
    "I'd frame card-not-present fraud as a cost problem: a missed fraud costs the chargeback and fees, a "
    "false decline costs the sale and often the customer. Labels arrive late, since chargebacks land 30 to "
    "90 days after the purchase, so I'd train gradient-boosted trees on matured labels with features such "
    "as velocity per card and device, merchant risk, address mismatch and time since account creation, and "
    "split by time so the validation month comes after the training months. Fraud is under one percent of "
    "transactions, so I'd judge the model on precision and recall at the operating point, not accuracy. The "
    "threshold comes from the cost ratio: approve low scores, send the uncertain band to step-up "
    "authentication or a review queue, and block only the highest scores. I'd launch in shadow mode, then "
    "an A/B test on fraud losses and approval rate, monitor drift in the score distribution weekly, keep "
    "the rules engine as a fallback, and retrain when fraudsters shift their patterns."
)


def assess(answer: str, question: str = FRAUD_Q):
    return GRADER.assess(GradingRequest(round="ml_system_design", question=question, answer=answer))


def _level(same_decision: float) -> str:
    if same_decision >= HIGH_SAME_SIDE:
        return "high"
    return "medium" if same_decision >= MEDIUM_SAME_SIDE else "low"


def test_the_shipped_confidence_table_matches_the_engine_on_the_labeled_sets():
    spec = importlib.util.spec_from_file_location("calibrate", ROOT / "scripts" / "calibrate_confidence.py")
    calibrate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calibrate)
    assert json.loads(TABLE.read_text(encoding="utf-8")) == calibrate.build(), (
        "grades changed: run scripts/calibrate_confidence.py"
    )


def test_a_grade_capped_by_a_quoted_wrong_claim_states_the_agreement_behind_it():
    a = assess(WEAK_FRAUD)
    c = a.confidence
    assert a.grade is not None and a.grade <= 2 and c is not None
    assert c.answers is not None and c.answers >= 15
    assert c.reason.startswith(f"Graded like this one (a {a.grade}, capped by a wrong claim")
    assert f"of {c.answers} labeled answers the grader was developed on" in c.reason
    assert f"same hire or no-hire decision to {c.same_decision:.0%}" in c.reason
    assert c.level == _level(c.same_decision)


def test_a_hire_grade_with_no_wrong_claim_says_the_catalogue_can_miss_one():
    a = assess(FLUENT_FRAUD)
    c = a.confidence
    assert a.grade is not None and a.grade >= 3 and not a.misconceptions and c is not None
    assert "no wrong claim found, 120 words or more" in c.reason
    assert "mistakes its catalogue knows" in c.reason
    assert c.level == _level(c.same_decision)


def test_an_answer_judged_off_the_question_carries_its_confidence_too():
    off = assess(
        "Our team rebuilt the onboarding flow for small business owners. We interviewed twenty customers, "
        "found that the tax step confused them, redesigned it with plain language and cut drop-off by a "
        "third. I ran weekly reviews with design and engineering and we shipped in six weeks.",
    )
    assert off.grade == 1 and off.reason and off.confidence is not None
    assert "judged off the question" in off.confidence.reason
    doc = off.to_contract()
    assert set(doc["confidence"]) == {"level", "reason", "answers", "same_grade", "same_decision"}
