"""Metrics against known values and sklearn; the labeled-file loader and its error messages."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml
from sklearn.metrics import cohen_kappa_score

from hireloop.assess.evaluation import (
    CaseResult,
    LabeledDataError,
    evaluate,
    load_labeled,
    metrics,
    quadratic_weighted_kappa,
)
from hireloop.assess.models import Assessment, GradingRequest


def test_qwk_matches_sklearn_on_random_labels() -> None:
    rng = random.Random(7)
    for _ in range(50):
        n = rng.randint(2, 60)
        exp = [rng.randint(1, 4) for _ in range(n)]
        pred = [min(4, max(1, e + rng.choice([-2, -1, 0, 0, 1]))) for e in exp]
        ours = quadratic_weighted_kappa(exp, pred)
        theirs = cohen_kappa_score(exp, pred, weights="quadratic", labels=[1, 2, 3, 4])
        assert ours == pytest.approx(theirs, abs=1e-9)


def test_qwk_known_values() -> None:
    assert quadratic_weighted_kappa([1, 2, 3, 4], [1, 2, 3, 4]) == pytest.approx(1.0)
    assert quadratic_weighted_kappa([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)


def _result(cid: str, exp: int, got: int | None, exp_flags: list[str], flags: list[str]) -> CaseResult:
    return CaseResult(
        id=cid,
        round="behavioral",
        status="graded" if got else "unscorable",
        grade=got,
        flags=flags,
        expected_status="graded",
        expected_grade=exp,
        expected_flags=exp_flags,
    )


def test_flag_scores_and_agreement() -> None:
    rs = [
        _result("a", 4, 4, [], []),
        _result("b", 1, 2, ["eval_gap", "no_ownership"], ["eval_gap"]),
        _result("c", 2, 2, ["no_ownership"], ["no_ownership", "eval_gap"]),
        _result("d", 3, None, ["no_lifecycle"], []),
    ]
    m = metrics(rs)
    assert m.exact == pytest.approx(0.5) and m.unscorable_predictions == 1
    assert m.within_one == pytest.approx(0.75)  # the unscorable case counts as the farthest grade
    assert m.per_flag["eval_gap"].precision == pytest.approx(0.5)
    assert m.per_flag["eval_gap"].recall == pytest.approx(1.0)
    # tp=2 (b eval_gap, c no_ownership), fp=1, fn=2 (b no_ownership, d no_lifecycle)
    assert m.flag_micro_precision == pytest.approx(2 / 3)
    assert m.flag_micro_recall == pytest.approx(0.5)
    assert m.flag_micro_f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert m.confusion[2][0] == 1 and m.severe_misses == []
    assert m.confusion[3][3] == 1


def test_load_labeled_reports_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- id: a-1\n  round: behavioral\n  question: q\n  answer: a\n  grade: 3\n  flags: []\n"
        "- id: a-2\n  round: behavioral\n  question: q\n  answer: a\n  grade: 7\n  flags: []\n"
    )
    with pytest.raises(LabeledDataError) as err:
        load_labeled(bad)
    assert str(err.value).startswith(f"{bad}:11: a-2: grade:")
    bad.write_text("- id: a-1\n  round: nope\n  question: q\n  answer: a\n  grade: 3\n")
    with pytest.raises(LabeledDataError, match=r":2: a-1: round:"):
        load_labeled(bad)
    bad.write_text("- id: a-1\n  round: behavioral\n  question: q\n  answer: a\n  flags: [not_a_flag]\n")
    with pytest.raises(LabeledDataError, match=r":5: a-1: flags:"):
        load_labeled(bad)
    bad.write_text("- id: [unclosed\n")
    with pytest.raises(LabeledDataError, match="invalid YAML"):
        load_labeled(bad)


class _Fixed:
    """A grader that always says the same thing, to test evaluate() in isolation."""

    name = "fixed"
    version = "0"

    def assess(self, request: GradingRequest) -> Assessment:
        return Assessment(status="graded", grade=2, decision="no_hire", engine="fixed", engine_version="0")


def test_evaluate_report_shape(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        "- id: a-1\n  round: behavioral\n  question: q\n  answer: a\n  grade: 2\n  flags: []\n"
        "- id: a-2\n  round: portfolio_bullet\n  question: q\n  answer: a\n  grade: 4\n  flags: [eval_gap]\n"
    )
    report = evaluate(_Fixed(), load_labeled(path))
    doc = report.model_dump()
    assert set(doc) == {"cases", "metrics", "by_family", "family_targets"}
    assert doc["cases"][1] == {
        "id": "a-2",
        "round": "portfolio_bullet",
        "status": "graded",
        "grade": 2,
        "flags": [],
        "expected_status": "graded",
        "expected_grade": 4,
        "expected_flags": ["eval_gap"],
        "reason": None,
        "engine": "fixed",
        "family": None,
        "misconceptions": [],
        "confidence": None,
    }
    assert doc["metrics"]["severe_misses"] == ["a-2"]


def test_families_are_reported_with_their_targets(tmp_path: Path) -> None:
    path = tmp_path / "fam.yaml"
    path.write_text(
        "- id: f-1\n  family: long_wrong\n  round: behavioral\n  question: q\n  answer: a\n  grade: 1\n"
        "- id: f-2\n  family: long_wrong\n  round: behavioral\n  question: q\n  answer: a\n  grade: 2\n"
        "- id: f-3\n  family: short_strong\n  round: behavioral\n  question: q\n  answer: a\n  grade: 4\n"
    )
    report = evaluate(_Fixed(), load_labeled(path))  # grades everything 2
    assert set(report.by_family) == {"long_wrong", "short_strong"}
    assert report.by_family["long_wrong"].n == 2
    assert report.family_targets["long_wrong"]["graded_2_or_below"] == 1.0
    assert report.family_targets["short_strong"]["graded_3_or_above"] == 0.0


def test_eval_by_confidence_reports_how_often_each_stated_level_agreed(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hireloop.cli import app
    from tests.assess.test_grader_v3 import FRAUD_Q, WEAK_FRAUD

    path = tmp_path / "conf.yaml"
    cases = [
        {"id": "c-1", "round": "ml_system_design", "question": FRAUD_Q, "answer": WEAK_FRAUD, "grade": 1},
        {"id": "c-2", "round": "ml_system_design", "question": FRAUD_Q, "answer": WEAK_FRAUD, "grade": 4},
    ]
    path.write_text(yaml.safe_dump(cases), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(path), "--by", "confidence", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    level = doc["cases"][0]["confidence"]
    assert level in {"high", "medium", "low"} and doc["cases"][1]["confidence"] == level
    row = doc["by_confidence"][level]
    assert row["n"] == 2 and row["same_decision"] == 0.5  # the same no-hire grade: right once, wrong once
    text = CliRunner().invoke(app, ["eval", str(path), "--by", "confidence"]).output
    assert "stated confidence" in text and "same hire decision" in text
    bad = CliRunner().invoke(app, ["eval", str(path), "--by", "mood"])
    assert bad.exit_code != 0 and "expected 'family' or 'confidence'" in bad.output
