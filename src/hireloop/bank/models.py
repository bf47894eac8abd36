"""Content models: questions and concept cards, as written in YAML packs."""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hireloop.vocab import CompetencyId, FlagId, RoundId

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FLAG_IDS = frozenset(typing.get_args(FlagId))
COMPETENCY_IDS = frozenset(typing.get_args(CompetencyId))


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError("expected a lowercase slug such as 'msd-podcast-recs' (letters, digits, hyphens)")
    return value


class Probe(BaseModel):
    """A follow-up question and the flag or competency whose gap it probes."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=10)
    tests: str

    @field_validator("tests")
    @classmethod
    def _known_target(cls, value: str) -> str:
        if value not in FLAG_IDS and value not in COMPETENCY_IDS:
            raise ValueError(
                f"unknown flag or competency '{value}'; expected one of the ids in ASSESSMENT.md"
            )
        return value


class Rubric(BaseModel):
    """What a grade-4, 3, 2 and 1 answer to this question shows."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    grade_4: str = Field(alias="4", min_length=20)
    grade_3: str = Field(alias="3", min_length=20)
    grade_2: str = Field(alias="2", min_length=20)
    grade_1: str = Field(alias="1", min_length=20)

    @model_validator(mode="before")
    @classmethod
    def _int_keys(cls, data: object) -> object:
        if isinstance(data, dict):
            return {str(k): v for k, v in data.items()}
        return data

    def anchors(self) -> dict[int, str]:
        return {4: self.grade_4, 3: self.grade_3, 2: self.grade_2, 1: self.grade_1}


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    round: RoundId
    prompt: str = Field(min_length=10)
    difficulty: int = Field(ge=1, le=3)
    competencies: list[CompetencyId] = Field(min_length=1)
    domains: list[str] = Field(min_length=1)
    topics: list[str] = Field(default_factory=list)
    rubric: Rubric
    probes: list[Probe] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    _slug = field_validator("id")(_slug)

    @field_validator("domains", "topics")
    @classmethod
    def _domain_slugs(cls, values: list[str]) -> list[str]:
        return [_slug(v) for v in values]


class Card(BaseModel):
    """A concept drill card: a question that makes the user think, its answer, and tags."""

    model_config = ConfigDict(extra="forbid")

    id: str
    front: str = Field(min_length=10)
    back: str = Field(min_length=10)
    topic: str
    tags: list[str] = Field(default_factory=list)
    competencies: list[CompetencyId] = Field(min_length=1)

    _slug = field_validator("id")(_slug)
