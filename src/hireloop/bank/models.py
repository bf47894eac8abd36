"""Content models: questions and concept cards, as written in YAML packs."""

from __future__ import annotations

import functools
import re
import typing

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_serializer,
    model_validator,
)

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


MUST_SHOW_MIN, MUST_SHOW_MAX = 2, 4
MUST_MAX_WORDS = 30
ALSO_MAX_WORDS = 60


def _items(values: list[str], limit: int) -> list[str]:
    out = []
    for index, value in enumerate(values):
        text = " ".join(value.split())
        if len(text) < 8:
            raise ValueError(f"item {index + 1} is too short to apply; write what the answer shows")
        if len(text.split()) > limit:
            raise ValueError(
                f"item {index + 1} has {len(text.split())} words; at most {limit}, so an interviewer can "
                "tick it off: split it in two"
            )
        out.append(text)
    return out


class TopAnchor(BaseModel):
    """The grade-4 anchor: what the answer must show (all of it) and what else it covers (most of it).

    Built-in content always uses the two lists. A user pack may still give one paragraph (the format before
    content v2): it is kept as ``text`` with empty lists, shown as written and graded as before."""

    model_config = ConfigDict(extra="forbid")

    must_show: list[str] = Field(default_factory=list)
    also: list[str] = Field(default_factory=list)
    text: str | None = Field(default=None, min_length=20)

    @field_validator("must_show")
    @classmethod
    def _short_must(cls, values: list[str]) -> list[str]:
        return _items(values, MUST_MAX_WORDS)

    @field_validator("also")
    @classmethod
    def _short_also(cls, values: list[str]) -> list[str]:
        return _items(values, ALSO_MAX_WORDS)

    @model_validator(mode="before")
    @classmethod
    def _paragraph(cls, data: object) -> object:
        return {"text": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _split(self) -> TopAnchor:
        if self.text is not None:
            if self.must_show or self.also:
                raise ValueError("give either one paragraph or the 'must_show' and 'also' lists, not both")
            return self
        if not MUST_SHOW_MIN <= len(self.must_show) <= MUST_SHOW_MAX:
            n = len(self.must_show)
            raise ValueError(
                f"{n} must_show item{'' if n == 1 else 's'}; expected {MUST_SHOW_MIN}-{MUST_SHOW_MAX} "
                "(what a grade 4 cannot lack), with the rest under also"
            )
        return self

    @model_serializer
    def _as_written(self) -> str | dict[str, list[str]]:
        """Serialised the way it is written, so a dumped question loads again."""
        if self.text is not None:
            return self.text
        return {"must_show": list(self.must_show), "also": list(self.also)}

    @property
    def split(self) -> bool:
        return self.text is None

    def as_text(self) -> str:
        """One paragraph, for places that show or read the anchor as text."""
        if self.text is not None:
            return self.text
        text = "Must show: " + "; ".join(i.rstrip(".") for i in self.must_show) + "."
        if self.also:
            text += " Also: " + "; ".join(i.rstrip(".") for i in self.also) + "."
        return text


class Rubric(BaseModel):
    """What a grade-4, 3, 2 and 1 answer to this question shows. Grade 4 = every must-show item and most
    of the others."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    grade_4: TopAnchor = Field(alias="4")
    grade_3: str = Field(alias="3", min_length=20)
    grade_2: str = Field(alias="2", min_length=20)
    grade_1: str = Field(alias="1", min_length=20)

    @model_validator(mode="before")
    @classmethod
    def _int_keys(cls, data: object) -> object:
        if isinstance(data, dict):
            return {str(k): v for k, v in data.items()}
        return data

    @property
    def must_show(self) -> list[str]:
        return list(self.grade_4.must_show)

    @property
    def also(self) -> list[str]:
        return list(self.grade_4.also)

    def anchors(self) -> dict[int, str]:
        return {4: self.grade_4.as_text(), 3: self.grade_3, 2: self.grade_2, 1: self.grade_1}


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    round: RoundId
    scenario: str | None = None
    """A slug shared by questions putting one situation to different rounds; a loop draws one of them."""
    prompt: str = Field(min_length=10)
    difficulty: int = Field(ge=1, le=3)
    competencies: list[CompetencyId] = Field(min_length=1)
    domains: list[str] = Field(min_length=1)
    topics: list[str] = Field(default_factory=list)
    rubric: Rubric
    probes: list[Probe] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    _slug = field_validator("id")(_slug)

    @field_validator("scenario")
    @classmethod
    def _scenario_slug(cls, value: str | None) -> str | None:
        return None if value is None else _slug(value)

    @field_validator("domains", "topics")
    @classmethod
    def _domain_slugs(cls, values: list[str]) -> list[str]:
        return [_slug(v) for v in values]

    @property
    def title(self) -> str:
        """The first sentence of the prompt, shortened at a word boundary: how pickers and lists name it."""
        from hireloop.words import title_of

        return title_of(self.prompt)


MAX_KEY_POINTS = 3
MAX_KEY_POINT_WORDS = 15


def _key_point(value: str) -> str:
    words = value.split()
    if not words:
        raise ValueError("empty point; write a short sentence or remove it")
    if len(words) > MAX_KEY_POINT_WORDS:
        raise ValueError(
            f"{len(words)} words; keep each point to at most {MAX_KEY_POINT_WORDS} "
            "(the full explanation goes in 'back')"
        )
    return " ".join(words)


KeyPoint = typing.Annotated[str, AfterValidator(_key_point)]


class Card(BaseModel):
    """A concept drill card: a question that makes the user think, its answer, and tags.

    ``key_points`` (at most three short lines) are shown first on reveal, so a self-rating is judged
    against a few checkable points rather than a paragraph; ``back`` is the full explanation below them."""

    model_config = ConfigDict(extra="forbid")

    id: str
    front: str = Field(min_length=10)
    key_points: list[KeyPoint] = Field(default_factory=list, max_length=MAX_KEY_POINTS)
    back: str = Field(min_length=10)
    topic: str
    tags: list[str] = Field(default_factory=list)
    competencies: list[CompetencyId] = Field(min_length=1)

    _slug = field_validator("id")(_slug)


Severity = typing.Literal["disqualifying", "major", "minor"]
ContextId = typing.Literal[
    "rare_event",
    "temporal_data",
    "high_stakes_decision",
    "generative_output",
    "agent_with_tools",
    "regulated_domain",
    "ranking",
    "adversarial",
]
CONTEXT_IDS = frozenset(typing.get_args(ContextId))
MAX_PATTERN = 400


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    """A catalogue pattern, compiled once per process (validation and the grader share it: the catalogue
    holds more patterns than the ``re`` module's own cache)."""
    return re.compile(pattern, re.IGNORECASE)


def _compiles(value: str) -> str:
    if len(value) > MAX_PATTERN:
        raise ValueError(f"pattern is {len(value)} characters; at most {MAX_PATTERN}")
    try:
        compiled(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return value


class AllOf(BaseModel):
    """Several patterns that must all be found in the same sentence."""

    model_config = ConfigDict(extra="forbid")

    all: list[str] = Field(min_length=1)

    @field_validator("all")
    @classmethod
    def _valid(cls, values: list[str]) -> list[str]:
        return [_compiles(v) for v in values]


class Detection(BaseModel):
    """How a wrong claim is recognised in one sentence of an answer.

    ``patterns``: regular expressions (case-insensitive); a string matches alone, an ``all:`` list needs
    every one of its patterns in the sentence. ``unless``: patterns that, found in the sentence, mean the
    claim is being questioned, not made. ``prototypes``: sentences stating the claim, matched by meaning
    (cosine of the shipped embeddings, at least ``threshold``) and then held to the same ``unless``."""

    model_config = ConfigDict(extra="forbid")

    patterns: list[str | AllOf] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    prototypes: list[str] = Field(default_factory=list)
    threshold: float = Field(default=0.86, ge=0.5, le=1.0)
    computed: typing.Literal["arithmetic"] | None = None
    """Found by recomputing the figures a sentence states (assess/numbers.py), not by wording."""
    negatable: bool = True
    """When true, a negation in front of the first pattern's match ("we won't use accuracy") cancels it,
    and the catalogue's shared cues for a mistake being named rather than made apply."""

    @field_validator("patterns")
    @classmethod
    def _valid_patterns(cls, values: list[str | AllOf]) -> list[str | AllOf]:
        return [_compiles(v) if isinstance(v, str) else v for v in values]

    @field_validator("unless")
    @classmethod
    def _valid_unless(cls, values: list[str]) -> list[str]:
        return [_compiles(v) for v in values]

    @model_validator(mode="after")
    def _something(self) -> Detection:
        if not self.patterns and not self.prototypes and not self.computed:
            raise ValueError("give at least one pattern, a prototype or 'computed'")
        return self


class Misconception(BaseModel):
    """A claim a hiring committee treats as wrong, how to recognise it, and what to say instead."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str = Field(min_length=8, max_length=120)
    category: str
    flag: FlagId
    severity: Severity
    applies_when: list[ContextId] = Field(default_factory=list)
    """Contexts (from the question and answer) where the claim is wrong; empty means always."""
    detect: Detection
    examples: list[str] = Field(min_length=3)
    """Sentences that make the claim (plain words, jargon, spoken style): each must be detected."""
    not_when: list[str] = Field(min_length=2)
    """Correct sentences on the same subject: none may be detected."""
    why: str = Field(min_length=40)
    probe: str = Field(min_length=15)
    """The interviewer's first follow-up when the claim is made."""
    card: str

    @field_validator("id")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not re.match(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", value):
            raise ValueError("expected a snake_case id such as 'accuracy_on_rare_events'")
        return value

    _card_slug = field_validator("card")(_slug)
    _category_slug = field_validator("category")(_slug)
