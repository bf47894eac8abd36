"""A target role as read from its job description: findings with quoted evidence, and user corrections."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

FieldName = Literal["domains", "level", "rounds", "competencies", "skills"]
LIST_FIELDS: tuple[str, ...] = ("domains", "rounds", "competencies", "skills")
CORRECTABLE: tuple[str, ...] = ("domains", "level", "rounds", "competencies", "skills")


class Quote(BaseModel):
    """A span of the job description: ``text[start:end] == quote``."""

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Finding(BaseModel):
    """One extracted value (a domain, a level, a round...) with why: its score and the quotes behind it.
    ``source`` is "extracted", or "corrected" when the user set it."""

    id: str
    score: float = 0.0
    evidence: list[Quote] = Field(default_factory=list)
    source: Literal["extracted", "corrected"] = "extracted"


class TargetProfile(BaseModel):
    title: str = ""
    domains: list[Finding] = Field(default_factory=list)
    level: Finding | None = None
    rounds: list[Finding] = Field(default_factory=list)
    competencies: list[Finding] = Field(default_factory=list)
    skills: list[Finding] = Field(default_factory=list)
    responsibilities: list[Quote] = Field(default_factory=list)
    ai_role: bool = True
    engine: str = "lexicon"
    engine_version: str = ""
    sent_to: str | None = None  # the LLM endpoint that read the text, when one did
    notes: list[str] = Field(default_factory=list)  # e.g. dropped LLM proposals, or its fallback

    def ids(self, field: str) -> list[str]:
        if field == "level":
            return [self.level.id] if self.level else []
        return [f.id for f in getattr(self, field)]


class Corrections(BaseModel):
    """What the user changed, per field: kept across re-extraction and applied on top of it."""

    domains: list[str] | None = None
    level: str | None = None
    rounds: list[str] | None = None
    competencies: list[str] | None = None
    skills: list[str] | None = None


def apply_corrections(profile: TargetProfile, corrections: Corrections) -> TargetProfile:
    """The profile the user sees: corrected fields replace the extracted ones, keeping evidence for
    values both agree on and marking the rest as the user's."""
    update: dict = {}
    for field in LIST_FIELDS:
        wanted = getattr(corrections, field)
        if wanted is None:
            continue
        found = {f.id: f for f in getattr(profile, field)}
        update[field] = [
            found[i].model_copy(update={"source": "corrected"})
            if i in found
            else Finding(id=i, source="corrected")
            for i in wanted
        ]
    if corrections.level is not None:
        same = profile.level is not None and profile.level.id == corrections.level
        update["level"] = (
            profile.level.model_copy(update={"source": "corrected"})  # type: ignore[union-attr]
            if same
            else Finding(id=corrections.level, source="corrected")
        )
    return profile.model_copy(update=update)


class CorrectionError(ValueError):
    """A correction naming a value outside the vocabulary; says which field and what is allowed."""


def allowed(field: str) -> dict[str, str]:
    from hireloop import vocab

    return {
        "domains": vocab.TARGET_DOMAINS,
        "level": vocab.LEVELS,
        "rounds": vocab.ROUNDS,
        "competencies": vocab.COMPETENCY_LABELS,
        "skills": vocab.SKILLS,
    }[field]


def parse_corrections(values: dict[str, str | list[str] | None]) -> Corrections:
    """Corrections from user input: lists as lists or comma-separated text, checked against the vocabulary.
    A field left out (None) is not corrected; an empty list corrects it to nothing."""
    out: dict = {}
    for field, value in values.items():
        if field not in CORRECTABLE:
            raise CorrectionError(
                f"{field}: not a correctable field; expected one of {', '.join(CORRECTABLE)}"
            )
        if value is None:
            continue
        items = value if isinstance(value, list) else [v for v in (s.strip() for s in value.split(",")) if v]
        known = allowed(field)
        for item in items:
            if item not in known:
                raise CorrectionError(f"{field}: unknown value '{item}'; expected one of {', '.join(known)}")
        if field == "level":
            if len(items) != 1:
                raise CorrectionError(f"level: give exactly one of {', '.join(known)}")
            out["level"] = items[0]
        else:
            out[field] = list(dict.fromkeys(items))
    return Corrections.model_validate(out)
