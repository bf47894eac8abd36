"""Stories: Markdown round trip and errors, the review's checks, the coverage matrix and suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from hireloop.assess import default_grader
from hireloop.bank import load_bank_strict
from hireloop.config import Settings
from hireloop.stories.coverage import MAX_USES, coverage, question_needs
from hireloop.stories.from_bullet import story_from_bullet
from hireloop.stories.markdown import StoryImportError, from_markdown, to_markdown
from hireloop.stories.models import Story, part_at, telling
from hireloop.stories.review import review_story

BANK_MD = Path(__file__).parents[1] / "data" / "stories" / "bank.md"
STORIES = from_markdown(BANK_MD.read_text(encoding="utf-8"))
FRAUD, SUPPORT = STORIES
WEAK = Story(
    title="AI launch", actions="We used AI to improve the product and the team launched it. It was great."
)


@pytest.fixture(scope="module")
def behavioral():
    return load_bank_strict(Settings().all_content_dirs()).by_round("behavioral")


def test_markdown_round_trip() -> None:
    assert len(STORIES) == 2 and FRAUD.title == "Fraud model that cut false declines"
    assert FRAUD.metric == "False declines fell from 3.1% to 1.8%; fraud losses fell 22%."
    assert from_markdown(to_markdown(STORIES)) == STORIES


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "# Story bank\n\n### Situation\n\nx\n",
            "bank.md:3: a part heading before any '## Story title' line",
        ),
        ("## A\n\n### Feelings\n\nx\n", "bank.md:3: unknown part 'Feelings'; expected one of Situation"),
        ("## A\n\nloose text\n", "bank.md:3: text outside a part"),
        ("# Story bank\n", "bank.md: no stories found"),
    ],
)
def test_markdown_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(StoryImportError) as caught:
        from_markdown(text, name="bank.md")
    assert str(caught.value).startswith(message)


def test_telling_keeps_parts_traceable() -> None:
    text, spans = telling(FRAUD)
    assert text.startswith(FRAUD.situation)
    assert text.index(FRAUD.result) > text.index(FRAUD.failure)
    assert part_at(spans, text.index("gradient-boosted")) == "approach"


def test_a_full_story_passes_every_check_and_a_thin_one_none() -> None:
    strong = review_story(FRAUD, grader=default_grader())
    assert strong.grade >= 3 and all(c.shows for c in strong.checks)
    ownership = next(c for c in strong.checks if c.key == "ownership")
    for q in ownership.evidence:
        assert strong.text[q.start : q.end] == q.quote
    weak = review_story(WEAK, grader=default_grader())
    assert weak.grade <= 2
    assert not any(c.shows for c in weak.checks)
    assert any("guardrail" in lack for lack in weak.lacks)


def test_every_behavioral_question_has_cues(behavioral) -> None:
    assert {q.id for q in behavioral} <= set(question_needs())


def test_the_matrix_changes_with_a_second_story(behavioral) -> None:
    grader = default_grader()
    one = coverage([("f", FRAUD.title, review_story(FRAUD, grader=grader))], behavioral)
    two = coverage(
        [
            ("f", FRAUD.title, review_story(FRAUD, grader=grader)),
            ("s", SUPPORT.title, review_story(SUPPORT, grader=grader)),
        ],
        behavioral,
    )
    rows1 = {q.id: q for q in one.questions}
    rows2 = {q.id: q for q in two.questions}
    assert not rows1["beh-hallucination-incident"].covered
    assert rows2["beh-hallucination-incident"].best == "s"
    assert len(two.uncovered) < len(one.uncovered)
    fraud_col = next(s for s in one.stories if s.id == "f")
    assert fraud_col.overused == (len(fraud_col.assigned) > MAX_USES) and fraud_col.overused
    cell = rows2["beh-launch-rollback-call"].cells["f"]
    text = review_story(FRAUD, grader=grader).text
    assert cell.fit == "strong" and all(text[q.start : q.end] == q.quote for q in cell.evidence)


def test_a_weak_story_touches_but_does_not_cover(behavioral) -> None:
    thin = Story(title="Rollback", actions="We rolled back the model after launch because it hallucinated.")
    matrix = coverage([("t", thin.title, review_story(thin, grader=default_grader()))], behavioral)
    row = next(q for q in matrix.questions if q.id == "beh-launch-rollback-call")
    assert row.cells["t"].fit == "partial" and not row.covered


def test_the_suggestion_follows_the_target(behavioral) -> None:
    reviews = [("f", FRAUD.title, review_story(FRAUD, grader=default_grader()))]
    plain = coverage(reviews, behavioral).suggestion
    risky = coverage(reviews, behavioral, stressed=["risk_and_responsibility", "data_strategy"]).suggestion
    assert plain is not None and risky is not None
    chosen = next(q for q in behavioral if q.id == risky.question_id)
    assert {"risk_and_responsibility", "data_strategy"} <= set(chosen.competencies)
    assert "The target role stresses" in risky.why and "No story answers it yet" in risky.why


def test_a_story_from_a_bullet_uses_only_its_words() -> None:
    bullet = "- Led the move from rules to a gradient-boosted fraud model, cutting declines from 3.1% to 1.8%"
    story = story_from_bullet(bullet)
    assert story.actions == bullet[2:]
    assert story.approach in bullet and story.approach.lower().startswith("gradient")
    assert story.metric in bullet and "3.1%" in story.metric
    assert story.situation == story.failure == story.guardrail == ""
    assert story.title.startswith("Led the move from rules")
