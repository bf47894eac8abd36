"""The assessment document of ASSESSMENT.md, as pydantic models, and the grader interface."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, Field

from hireloop.vocab import CompetencyId, DecisionId, FlagId, RoundId


class Evidence(BaseModel):
    """A quote from the answer, with offsets such that ``answer[start:end] == quote``."""

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Flag(BaseModel):
    id: FlagId
    reason: str
    evidence: list[Evidence] = Field(default_factory=list)


class CompetencyGrade(BaseModel):
    id: CompetencyId
    grade: int = Field(ge=1, le=4)
    evidence: list[Evidence] = Field(default_factory=list)


class Strength(BaseModel):
    """Something the answer did well, shown in debriefs ("what went well")."""

    point: str
    evidence: list[Evidence] = Field(default_factory=list)


class MisconceptionFound(BaseModel):
    """A wrong claim from the misconception catalogue, with the answer's own words that make it."""

    id: str
    title: str = ""
    flag: FlagId | None = None
    severity: Literal["disqualifying", "major", "minor"]
    why: str
    card: str | None = None
    probe: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Cap(BaseModel):
    """A judgement rule that limited the grade, and why it applied."""

    rule: str
    grade: int = Field(ge=1, le=4)
    reason: str


class Confidence(BaseModel):
    """How far the grade can be trusted, and why."""

    level: Literal["high", "medium", "low"]
    reason: str
    answers: int | None = None
    """Labeled answers graded the same way, that the figures below come from (measured confidence only)."""
    same_grade: float | None = None
    """Share of them whose label was the same grade."""
    same_decision: float | None = None
    """Share of them whose label was on the same side of the hire line (3 and up)."""


class Assessment(BaseModel):
    """One graded (or unscorable) answer. Serialises to exactly the ASSESSMENT.md JSON document
    via ``to_contract()``; ``strengths`` is extra detail kept for debriefs."""

    status: Literal["graded", "unscorable"]
    grade: int | None = Field(default=None, ge=1, le=4)
    decision: DecisionId | None = None
    flags: list[Flag] = Field(default_factory=list)
    competencies: list[CompetencyGrade] = Field(default_factory=list)
    summary: str = ""
    reason: str | None = None
    engine: str
    engine_version: str
    strengths: list[Strength] = Field(default_factory=list)
    misconceptions: list[MisconceptionFound] = Field(default_factory=list)
    caps: list[Cap] = Field(default_factory=list)
    confidence: Confidence | None = None
    next_level: str | None = None
    """What a grade-4 answer to this question adds that this one lacks (bank questions, graded below 4)."""
    sent_to: str | None = None  # the LLM endpoint that received the answer, when one did
    notes: list[str] = Field(default_factory=list)  # e.g. a failed LLM judgement and its fallback

    def to_contract(self) -> dict:
        """The stable JSON document of ASSESSMENT.md, plus ``strengths`` and, only when set, ``reason``,
        ``sent_to`` and ``notes``."""
        doc = self.model_dump(mode="json", exclude={"strengths", "sent_to", "notes", "next_level"})
        if doc["reason"] is None:
            del doc["reason"]
        if doc["confidence"] is None:
            doc["confidence"] = {"level": "medium", "reason": "This engine does not state its confidence."}
        else:
            doc["confidence"] = {k: v for k, v in doc["confidence"].items() if v is not None}
        if self.next_level:
            doc["next_level"] = self.next_level
        doc["strengths"] = [s.model_dump(mode="json") for s in self.strengths]
        if self.sent_to:
            doc["sent_to"] = self.sent_to
        if self.notes:
            doc["notes"] = list(self.notes)
        return doc


class GradingRequest(BaseModel):
    """What a grader needs: the round, the question (bank or free text) and the answer."""

    round: RoundId
    question: str
    answer: str
    question_id: str | None = None
    rubric: dict[int, str] | None = None
    must_show: list[str] = Field(default_factory=list)
    """The grade-4 anchor's must-show items (a bank question with a split anchor); ``also`` the rest."""
    also: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    competencies: list[CompetencyId] = Field(default_factory=list)


class Grader(Protocol):
    """One extension point: the offline rubric engine and the optional LLM judge both implement it."""

    name: str
    version: str

    def assess(self, request: GradingRequest) -> Assessment: ...
