"""A split grade-4 anchor: an answer missing a must-show item cannot be graded 4, and what a 4 adds names the
missing must-show items first."""

from __future__ import annotations

from pathlib import Path

from hireloop.assess.anchors import coverage, must_show_cap, next_level
from hireloop.assess.engine import RubricGrader
from hireloop.assess.evaluation import load_labeled
from hireloop.assess.models import GradingRequest
from hireloop.assess.text import split_sentences
from hireloop.bank import load_bank
from hireloop.config import BUILTIN_CONTENT
from hireloop.llm.judge import build_prompt

DATA = Path(__file__).resolve().parents[1] / "data"

MUST = [
    "Names the harm area and the classifiers the candidate owned",
    "Their own threshold decision per language",
]
ALSO = ["The labelling guidelines written with policy teams and reviewers", "From/to appeal overturn rates"]


def test_an_answer_missing_a_must_show_item_is_named_first_and_capped() -> None:
    answer = (
        "I owned the harassment and hate-speech classifiers for a social platform. "
        "I wrote the labelling guidelines with policy teams and reviewers."
    )
    cov = coverage("", split_sentences(answer), must_show=MUST, also=ALSO)
    assert cov.missing_must() == ["Their own threshold decision per language"]
    text = next_level(cov)
    assert text is not None
    assert text.startswith(
        "A grade-4 answer to this question must show: their own threshold decision per language."
    )
    assert text.index("must show") < text.index("It also covers: from/to appeal overturn rates")
    assert "Missing: their own threshold decision per language" in (must_show_cap(cov) or "")


def test_an_answer_showing_every_must_show_item_is_not_capped() -> None:
    answer = (
        "I owned the harassment and hate-speech classifiers. I set my own threshold decision per language, "
        "stricter in Spanish where appeals showed over-removal."
    )
    cov = coverage("", split_sentences(answer), must_show=MUST, also=ALSO)
    assert cov.missing_must() == [] and must_show_cap(cov) is None
    assert next_level(cov) == (
        "A grade-4 answer to this question also covers: the labelling guidelines written with policy teams "
        "and reviewers; from/to appeal overturn rates."
    )


def test_an_example_in_parentheses_is_evidence_for_its_item() -> None:
    must = [
        "Names the mechanism (training-serving skew, leakage, a missing population)",
        "A lasting launch change",
    ]
    cov = coverage("", split_sentences("It was training-serving skew on a lagged feature."), must_show=must)
    assert cov.shown(0) and not cov.shown(1)


def test_a_one_paragraph_anchor_is_graded_as_before() -> None:
    anchor = "Names a watch-completion objective, a cold-start plan for new viewers, and an offline metric."
    cov = coverage(anchor, split_sentences("We optimise watch completion rather than taps."))
    assert cov.must == 0 and cov.missing_must() == [] and must_show_cap(cov) is None
    assert (next_level(cov) or "").startswith(
        "A grade-4 answer to this question also covers: a cold-start plan"
    )


def test_the_engine_caps_a_grade_4_answer_that_misses_a_must_show_item() -> None:
    """ca-040 (a tuned confound set) is graded 4 by people and the engine; a must-show item it cannot show is
    added."""
    bank, _ = load_bank([BUILTIN_CONTENT])
    case = next(c for c in load_labeled(DATA / "confounds-a-tune.yaml") if c.id == "ca-040")
    request = case.request(bank.questions)
    assert RubricGrader().assess(request).grade == 4
    impossible = "Negotiates a revenue share with the card networks for every chargeback dispute"
    short = RubricGrader().assess(request.model_copy(update={"must_show": [*request.must_show, impossible]}))
    assert short.grade == 3
    assert [c.rule for c in short.caps] == ["rubric_must_show"]
    assert "negotiates a revenue share" in short.caps[0].reason.lower()
    assert (short.next_level or "").startswith(
        "A grade-4 answer to this question must show: negotiates a revenue share"
    )


def test_the_llm_judge_reads_the_same_split() -> None:
    bank, _ = load_bank([BUILTIN_CONTENT])
    q = bank.questions["pb-trust-safety-classifiers"]
    prompt = build_prompt(
        GradingRequest(
            round=q.round,
            question=q.prompt,
            answer="A bullet.",
            rubric=q.rubric.anchors(),
            must_show=q.rubric.must_show,
            also=q.rubric.also,
        )
    )
    for item in q.rubric.must_show:
        assert f"    must show: {item}" in prompt
    for item in q.rubric.also:
        assert f"    also: {item}" in prompt
    assert "missing any must-show item is graded 3 at most" in prompt
    assert "grade 3: " + q.rubric.grade_3 in prompt
