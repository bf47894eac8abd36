"""A story for the behavioral rounds: STAR parts plus the AI-specific parts a committee listens for."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, field_validator

from hireloop.vocab import STORY_PARTS

# The order a story is told in: context, then what the candidate did and decided, then how it ended.
TELLING_ORDER = (
    "situation",
    "task",
    "approach",
    "data",
    "actions",
    "tradeoff",
    "failure",
    "guardrail",
    "metric",
    "result",
)
assert set(TELLING_ORDER) == set(STORY_PARTS)
MAX_PART_CHARS = 4000
MAX_TITLE_CHARS = 160


class Practice(BaseModel):
    """A time the story was told in a behavioral round, and the grade it earned."""

    session_id: str
    question_id: str | None = None
    grade: int | None = None
    at: datetime


class Story(BaseModel):
    title: str = Field(min_length=1, max_length=MAX_TITLE_CHARS)
    situation: str = ""
    task: str = ""
    actions: str = ""
    result: str = ""
    approach: str = ""
    data: str = ""
    metric: str = ""
    tradeoff: str = ""
    failure: str = ""
    guardrail: str = ""

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("a story needs a title")
        return value

    @field_validator(*STORY_PARTS)
    @classmethod
    def _part(cls, value: str) -> str:
        value = value.strip()
        if len(value) > MAX_PART_CHARS:
            raise ValueError(f"at most {MAX_PART_CHARS} characters")
        return value

    def parts(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in TELLING_ORDER}

    def is_empty(self) -> bool:
        return not any(self.parts().values())


class TellingSpan(BaseModel):
    part: str
    start: int
    end: int


def telling(story: Story) -> tuple[str, list[TellingSpan]]:
    """The story as one answer (its parts as paragraphs, in telling order) and where each part sits,
    so a quote from the grader can be traced back to the part it came from."""
    pieces: list[str] = []
    spans: list[TellingSpan] = []
    pos = 0
    for key in TELLING_ORDER:
        text = getattr(story, key)
        if not text:
            continue
        if pieces:
            pieces.append("\n\n")
            pos += 2
        pieces.append(text)
        spans.append(TellingSpan(part=key, start=pos, end=pos + len(text)))
        pos += len(text)
    return "".join(pieces), spans


def part_at(spans: list[TellingSpan], offset: int) -> str | None:
    for span in spans:
        if span.start <= offset < span.end:
            return span.part
    return None
