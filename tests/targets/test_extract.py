"""Reading job descriptions: quotes that match their offsets, the labeled sets' targets, corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from hireloop.targets.evaluation import LabelError, evaluate, load_labeled
from hireloop.targets.extract import JobDescriptionError, check_job_description, extract_target
from hireloop.targets.models import CorrectionError, Corrections, apply_corrections, parse_corrections

DATA = Path(__file__).parents[1] / "data" / "jds"
DEV = load_labeled(DATA / "dev.yaml")
HOLDOUT = load_labeled(DATA / "holdout.yaml")


def test_the_labeled_set_is_large_and_varied() -> None:
    items = DEV + HOLDOUT
    assert len(items) >= 30 and len(HOLDOUT) * 3 >= len(items)
    assert len({i.company for i in items}) == len(items)
    assert {i.labels.level for i in items} == {"mid", "senior", "staff", "group"}
    assert sum(not i.labels.ai_role for i in items) >= 3


@pytest.mark.parametrize("item", DEV + HOLDOUT, ids=lambda i: i.id)
def test_every_quote_is_the_text_at_its_offsets(item) -> None:
    profile = extract_target(item.text)
    findings = [*profile.domains, *profile.rounds, *profile.competencies, *profile.skills]
    findings += [profile.level] if profile.level else []
    quotes = [q for f in findings for q in f.evidence] + profile.responsibilities
    assert quotes
    for q in quotes:
        assert item.text[q.start : q.end] == q.quote
    assert extract_target(item.text) == profile  # deterministic


@pytest.mark.parametrize("name, items", [("dev", DEV), ("holdout", HOLDOUT)])
def test_targets_on_each_set(name: str, items) -> None:
    report = evaluate(items)
    assert report["domains"]["f1"] >= 0.85, report
    assert report["level_accuracy"] >= 0.85, report


def test_a_fraud_posting_reads_as_a_senior_fraud_role() -> None:
    text = next(i.text for i in DEV if i.id == "dev-fraud-ml-senior")
    profile = extract_target(text)
    assert profile.title == "Senior Product Manager, Fraud ML"
    assert profile.ids("domains") == ["fraud-risk"]
    assert profile.level.id == "senior" and profile.level.evidence[0].quote == "Senior"
    assert {"ml_system_design", "responsible_ai", "behavioral"} <= set(profile.ids("rounds"))
    assert "calibration" in profile.ids("skills")
    assert profile.responsibilities[0].quote.startswith("Own the roadmap for our transaction fraud models")
    assert profile.ai_role


def test_a_checkout_posting_is_not_an_ai_role() -> None:
    profile = extract_target(next(i.text for i in DEV if i.id == "dev-checkout-pm"))
    assert not profile.ai_role
    assert profile.ids("domains") == []  # one passing mention of fraud partners is not a domain
    assert profile.ids("rounds") == ["behavioral"]


def test_level_from_years_when_the_title_says_nothing() -> None:
    text = "Payments team\n\nYou will own the fraud models and their thresholds. We want 10+ years of work."
    level = extract_target(text).level
    assert level.id == "staff" and level.evidence[0].quote == "10+ years"


def test_corrections_replace_a_field_and_keep_agreed_evidence() -> None:
    profile = extract_target(next(i.text for i in DEV if i.id == "dev-claims-fraud-lead"))
    fixed = apply_corrections(profile, Corrections(domains=["fraud-risk", "health"], level="staff"))
    assert fixed.ids("domains") == ["fraud-risk", "health"]
    fraud, health = fixed.domains
    assert fraud.evidence and fraud.source == "corrected"
    assert health.evidence == [] and health.source == "corrected"
    assert fixed.level.id == "staff" and fixed.level.source == "corrected"
    assert fixed.rounds == profile.rounds


def test_corrections_are_checked_against_the_vocabulary() -> None:
    with pytest.raises(CorrectionError, match=r"domains: unknown value 'crypto'; expected one of fraud-risk"):
        parse_corrections({"domains": "fraud-risk, crypto"})
    with pytest.raises(CorrectionError, match="level: unknown value 'intern'"):
        parse_corrections({"level": "intern"})
    assert parse_corrections({"domains": "", "level": None}).domains == []


def test_too_short_to_read() -> None:
    with pytest.raises(JobDescriptionError, match=r"jd\.txt: 3 words is too short"):
        check_job_description("Senior PM, Fraud", name="jd.txt")


def test_a_bad_label_names_the_file_item_and_field(tmp_path: Path) -> None:
    path = tmp_path / "jds.yaml"
    path.write_text(
        "- id: a\n  text: " + "word " * 30 + "\n  labels: {domains: [crypto], level: senior}\n",
        encoding="utf-8",
    )
    with pytest.raises(LabelError, match=r"jds.yaml: item 1 \(a\): labels.domains: unknown domain 'crypto'"):
        load_labeled(path)
    path.write_text("- id: a\n  text: short\n  labels: {level: senior}\n", encoding="utf-8")
    with pytest.raises(LabelError, match=r"jds\.yaml: item 1: text: "):
        load_labeled(path)
