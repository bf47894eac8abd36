"""The story bank as the CLI and the web show it: every story reviewed, and the coverage matrix
against the bank's behavioral questions, optionally weighted toward a target role."""

from __future__ import annotations

from collections import OrderedDict

from pydantic import BaseModel

from hireloop.assess.models import Grader
from hireloop.bank.loader import Bank
from hireloop.store.tables import StoryRow
from hireloop.stories.coverage import Coverage, coverage
from hireloop.stories.review import StoryReview, review_story
from hireloop.stories.store import story_of
from hireloop.targets.models import TargetProfile


class BankView(BaseModel):
    reviews: dict[str, StoryReview]
    matrix: Coverage


def stressed_competencies(profile: TargetProfile | None) -> list[str]:
    return [c.id for c in profile.competencies] if profile else []


# Reviews of unchanged stories are reused: the grader is deterministic for a given version, and the
# /stories page reviews every story on each load.
_REVIEWS: OrderedDict[tuple[str, int, str], StoryReview] = OrderedDict()
MAX_CACHED_REVIEWS = 1024


def cached_review(story, *, grader: Grader) -> StoryReview:
    key = (story.model_dump_json(), id(grader), str(getattr(grader, "version", "")))
    review = _REVIEWS.get(key)
    if review is None:
        review = review_story(story, grader=grader)
        _REVIEWS[key] = review
        if len(_REVIEWS) > MAX_CACHED_REVIEWS:
            _REVIEWS.popitem(last=False)
    else:
        _REVIEWS.move_to_end(key)
    return review


def bank_view(
    rows: list[StoryRow], *, bank: Bank, grader: Grader, target: TargetProfile | None = None
) -> BankView:
    reviews = {row.id: cached_review(story_of(row), grader=grader) for row in rows}
    matrix = coverage(
        [(row.id, row.title, reviews[row.id]) for row in rows],
        bank.by_round("behavioral"),
        stressed=stressed_competencies(target),
    )
    return BankView(reviews=reviews, matrix=matrix)


def review_json(review: StoryReview) -> dict:
    return {
        "grade": review.grade,
        "assessment": review.assessment.to_contract(),
        "checks": [c.model_dump() for c in review.checks],
        "lacks": review.lacks,
        "text": review.text,
    }
