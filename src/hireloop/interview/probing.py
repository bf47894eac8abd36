"""Which follow-up to ask: the interviewer probes the gaps the grader found, never what was covered well."""

from __future__ import annotations

from dataclasses import dataclass

from hireloop.assess.models import Assessment
from hireloop.bank.models import Question
from hireloop.vocab import FLAG_COMPETENCIES, FLAGS

MAX_PROBES = 3
# Gaps that sink a committee decision are probed first.
FLAG_PRIORITY = (
    "ignores_responsible_ai",
    "no_guardrails",
    "deterministic_mindset",
    "eval_gap",
    "no_data_strategy",
    "buzzword_without_depth",
    "no_ownership",
    "ai_bolt_on",
    "no_tradeoffs",
    "no_lifecycle",
)
WEAK_COMPETENCY_GRADE = 2

FLAG_QUESTIONS = {
    "no_lifecycle": "Say this has been live for six months. How would you know it is still working, "
    "and what happens on the day it stops working?",
    "eval_gap": "How would you know this is good before launch, and how would you know after launch?",
    "no_data_strategy": "Where does the data to train and evaluate this come from, and what do you do "
    "on day one, before you have any?",
    "no_tradeoffs": "What is the strongest alternative to the approach you picked, and what would make "
    "you switch to it?",
    "no_guardrails": "Walk me through the moment the model tells a user something wrong or unsafe. "
    "What does the product do?",
    "ignores_responsible_ai": "Who could this harm or treat unfairly, and what would you do about it "
    "before launch?",
    "deterministic_mindset": "The model will sometimes be confidently wrong. How does the product "
    "behave when it is, and how would you catch it?",
    "ai_bolt_on": "If you designed the experience around what the model can and cannot do, instead of "
    "adding it to today's flow, what would change?",
    "buzzword_without_depth": "Take the one technique you mentioned that matters most here. How exactly "
    "would it work in this product, and why that one?",
    "no_ownership": "What did you personally decide: the model, the data, or the success metric? Walk "
    "me through one of those decisions.",
}
COMPETENCY_QUESTIONS = {
    "problem_framing": "What exactly is the model predicting, and how does that prediction move the "
    "business goal?",
    "technical_depth": "Which model approach would you start with, and what would it cost you in "
    "latency or data compared with the next option?",
    "data_strategy": "What data trains this, who labels it, and how do you know the labels are right?",
    "evaluation": "Which number tells you the model is good enough to launch, and why that one?",
    "risk_and_responsibility": "What is the worst thing this could do to a user, and what stops it?",
    "lifecycle": "What do you monitor after launch, and what triggers a retrain or a rollback?",
    "product_judgment": "Where in the user's journey does the model's uncertainty show, and how do you "
    "design for it?",
    "ownership_and_leadership": "What was your own part in the decisions, and what changed because of you?",
}


@dataclass(frozen=True)
class Gap:
    """A hole in the answer: a raised flag or a weak competency."""

    kind: str  # "flag" or "competency"
    id: str


@dataclass(frozen=True)
class ProbeChoice:
    text: str
    tests: str
    source: str  # "bank", "generated" or "misconception"


def find_gaps(assessment: Assessment, question: Question | None) -> list[Gap]:
    """Raised flags by priority, then competencies graded weak that the question cares about."""
    raised = {f.id for f in assessment.flags}
    gaps = [Gap("flag", f) for f in FLAG_PRIORITY if f in raised]
    covered_by_flags = {c for f in raised for c in FLAG_COMPETENCIES.get(f, ())}
    wanted = set(question.competencies) if question else None
    for comp in sorted(assessment.competencies, key=lambda c: c.grade):
        if comp.grade > WEAK_COMPETENCY_GRADE or comp.id in covered_by_flags:
            continue
        if wanted is not None and comp.id not in wanted:
            continue
        gaps.append(Gap("competency", comp.id))
    return gaps


def open_gaps(assessment: Assessment, question: Question | None) -> list[str]:
    """Ids of the gaps worth a probe, most important first."""
    if assessment.status != "graded" or off_the_question(assessment):
        return []
    return [g.id for g in find_gaps(assessment, question)]


def _bank_probe(gap: Gap, question: Question | None, used: set[str]) -> ProbeChoice | None:
    if question is None:
        return None
    if gap.kind == "flag":
        targets = [gap.id, *FLAG_COMPETENCIES.get(gap.id, ())]
    else:
        targets = [gap.id, *(f for f, comps in FLAG_COMPETENCIES.items() if gap.id in comps)]
    for target in targets:
        for probe in question.probes:
            if probe.tests == target and probe.text not in used:
                return ProbeChoice(probe.text, gap.id, "bank")
    return None


def next_probe(
    assessment: Assessment, question: Question | None, asked: list[tuple[str, str]]
) -> ProbeChoice | None:
    """The next follow-up for the most important open gap, or None when nothing important is missing.

    ``asked`` lists (probe text, gap id) already put to the candidate: each gap is probed once.
    """
    if assessment.status != "graded" or len(asked) >= MAX_PROBES:
        return None
    if off_the_question(assessment):
        # Nothing to probe in an answer to another question: bring the candidate back to this one, once.
        return None if asked else ProbeChoice(REDIRECT, "problem_framing", "generated")
    used_text = {text for text, _ in asked}
    probed = {gap for _, gap in asked}
    wrong = sorted(
        (m for m in assessment.misconceptions if m.severity != "minor" and m.probe),
        key=lambda m: m.severity != "disqualifying",
    )
    for m in wrong:  # a wrong claim is tested first, with the catalogue's own probe
        gap = m.flag or "problem_framing"
        if gap not in probed and m.probe not in used_text:
            return ProbeChoice(m.probe, gap, "misconception")  # type: ignore[arg-type]
    for gap in find_gaps(assessment, question):
        if gap.id in probed:
            continue
        choice = _bank_probe(gap, question, used_text)
        if choice:
            return choice
        fallback = FLAG_QUESTIONS.get(gap.id) or COMPETENCY_QUESTIONS.get(gap.id)
        if fallback:
            return ProbeChoice(fallback, gap.id, "generated")
    return None


REDIRECT = ("Let me bring you back to the question I asked. Where would you start on that problem, "
            "and what would you need to know first?")


def off_the_question(assessment: Assessment) -> bool:
    """Graded 1 with nothing to point at: the grader found the answer off the question."""
    return assessment.grade == 1 and not assessment.flags and not assessment.competencies


def describe_gap(gap_id: str) -> str:
    return FLAGS.get(gap_id) or gap_id.replace("_", " ")
