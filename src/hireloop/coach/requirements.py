"""A resume read against a target role: which of its requirements (domains, named skills, stressed
competencies) a bullet evidences, quoted, and which none does, with the story to prepare instead.
Nothing is invented: a requirement is met only by words in the user's own bullets."""

from __future__ import annotations

from pydantic import BaseModel, Field

from hireloop.coach.review import BulletReview
from hireloop.targets.extract import score_cues
from hireloop.targets.lexicon import COMPETENCY_CUES, DOMAIN_CUES, SKILL_CUES
from hireloop.targets.models import TargetProfile
from hireloop.vocab import COMPETENCY_LABELS, SKILLS, TARGET_DOMAINS

GOOD_GRADE = 3


class BulletQuote(BaseModel):
    line: int | None
    bullet: str
    quote: str
    start: int  # offsets in the bullet's text
    end: int


class Requirement(BaseModel):
    kind: str  # "domain", "skill" or "competency"
    id: str
    label: str
    evidence: list[BulletQuote] = Field(default_factory=list)
    prepare: str | None = None  # the story to prepare when no bullet shows it

    @property
    def met(self) -> bool:
        return bool(self.evidence)


def _evidence(reviews: list[BulletReview], cues) -> list[BulletQuote]:
    out = []
    for r in reviews:
        _, quotes = score_cues(r.text, cues)
        if quotes:
            q = quotes[0]
            out.append(BulletQuote(line=r.line, bullet=r.text, quote=q.quote, start=q.start, end=q.end))
    return out


def _competency_evidence(reviews: list[BulletReview], competency: str) -> list[BulletQuote]:
    out = []
    for r in reviews:
        grade = next(
            (c for c in r.assessment.competencies if c.id == competency and c.grade >= GOOD_GRADE), None
        )
        if grade and grade.evidence:
            e = grade.evidence[0]
            out.append(BulletQuote(line=r.line, bullet=r.text, quote=e.quote, start=e.start, end=e.end))
    if not out:
        out = _evidence(reviews, COMPETENCY_CUES[competency])
    return out


def requirements(profile: TargetProfile, reviews: list[BulletReview]) -> list[Requirement]:
    """Every requirement of the target with the bullets that evidence it; unmet ones first."""
    out: list[Requirement] = []
    for f in profile.domains:
        label = TARGET_DOMAINS.get(f.id, f.id)
        out.append(
            Requirement(
                kind="domain",
                id=f.id,
                label=label,
                evidence=_evidence(reviews, DOMAIN_CUES.get(f.id, ())),
                prepare=f"A story from work closest to {label.lower()}, or how your experience carries over.",
            )
        )
    for f in profile.skills:
        label = SKILLS.get(f.id, f.id)
        out.append(
            Requirement(
                kind="skill",
                id=f.id,
                label=label,
                evidence=_evidence(reviews, SKILL_CUES.get(f.id, ())),
                prepare=f"A story that shows {label.lower()} in your work: what you decided, what changed.",
            )
        )
    for f in profile.competencies:
        label = COMPETENCY_LABELS.get(f.id, f.id)
        out.append(
            Requirement(
                kind="competency",
                id=f.id,
                label=label,
                evidence=_competency_evidence(reviews, f.id),
                prepare=f"A story that shows {label.lower()}: the role stresses it and no bullet shows it.",
            )
        )
    for r in out:
        if r.met:
            r.prepare = None
    return sorted(out, key=lambda r: r.met)
