"""The judgement rules of engine v3, stated once: how wrong claims limit a grade and what counts as
evidence. Every cap an assessment reports quotes its rule from here, so users see the same words the
engine applies."""

from __future__ import annotations

from dataclasses import dataclass

from hireloop.assess.misconceptions import Found

RULES: dict[str, str] = {
    "disqualifying_misconception": "A claim a hiring committee treats as disqualifying caps the grade at 2.",
    "two_disqualifying_misconceptions": "Two or more disqualifying claims cap the grade at 1.",
    "major_misconception": "A major wrong claim is a major gap: it caps the grade at 2.",
    "several_wrong_claims": "A disqualifying claim with another wrong claim, or three major ones, cap the "
    "grade at 1.",
    "off_question": "A competent answer to a different question is graded 1, whatever its quality.",
    "buzzword_without_depth": "An answer made of jargon with no how or why is capped at 2.",
    "dismisses_responsible_ai": "Dismissing fairness, privacy or safety where the product raises them caps "
    "the grade at 2.",
    "too_short": "An answer too short to show a design or an explanation is capped at 2.",
    "restated_question": "An answer that mostly says the question back is graded 1.",
    "misconception_not_evidence": "A sentence that makes a wrong claim is never evidence for a strength "
    "or a competency.",
    "one_sentence_one_strength": "One sentence backs at most one strength.",
}
"""Rule id -> the rule in words (shown with every cap, in the CLI, the web page and the JSON)."""


@dataclass(frozen=True, slots=True)
class CapRule:
    rule: str
    grade: int
    reason: str


def misconception_caps(found: list[Found]) -> list[CapRule]:
    """Caps from the wrong claims found, as the contract grades gaps: one major gap is a 2, a wrong answer or
    several major gaps a 1. Minor claims only teach."""
    disq = [f for f in found if f.entry.severity == "disqualifying"]
    major = [f for f in found if f.entry.severity == "major"]

    def titles(fs: list[Found]) -> str:
        return "; ".join(f.entry.title.rstrip(".").lower() for f in fs)

    if len(disq) >= 2:
        rule = "two_disqualifying_misconceptions"
        return [CapRule(rule, 1, f"{RULES[rule]} Found: {titles(disq)}.")]
    if (disq and major) or len(major) >= 3:
        rule = "several_wrong_claims"
        return [CapRule(rule, 1, f"{RULES[rule]} Found: {titles(disq + major)}.")]
    if disq:
        rule = "disqualifying_misconception"
        return [CapRule(rule, 2, f"{RULES[rule]} Found: {titles(disq)}.")]
    if major:
        rule = "major_misconception"
        return [CapRule(rule, 2, f"{RULES[rule]} Found: {titles(major)}.")]
    return []
