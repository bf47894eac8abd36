"""The hiring committee: mechanical rules, written down once, turn round grades into a decision.

Structured-interview research finds mechanical combination beats holistic judgment, so the
committee never "weighs" rounds by feel: the first rule that matches decides, and the debrief
names it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from hireloop.assess.models import Confidence, Evidence
from hireloop.bank.loader import Bank
from hireloop.interview.probing import FLAG_PRIORITY
from hireloop.interview.round import RoundState
from hireloop.vocab import COMPETENCIES, COMPETENCY_LABELS, FLAG_COMPETENCIES, FLAG_LABELS, FLAGS

MAX_CONCERNS = 5
MAX_STRENGTHS = 5
EVIDENCE_FOR_TOP_GRADE = 2

# The consistency rules every debrief states and tests/interview/test_debrief_consistency.py checks.
COMPETENCY_RULE = (
    "A competency's grade in a round is capped at that round's grade: it cannot be stronger than the "
    "round it was shown in. A 4 also needs at least two quotes of evidence in that round. The loop "
    "grade is the mean of the capped round grades, rounded half up, so it never exceeds the best round "
    "that evidences it."
)
ROUND_CONCERN_RULE = (
    "Every round graded 1 or 2 lists the concerns that put it there: the gaps still open at the end, "
    "the gaps closed only under probing, and the competencies graded 2 or below."
)


@dataclass(frozen=True)
class Rule:
    id: str
    decision: str
    text: str
    applies: Callable[[list[RoundState]], bool]


def _grades(rounds: list[RoundState]) -> list[int]:
    return [r.grade or 1 for r in rounds]


RULES: tuple[Rule, ...] = (
    Rule(
        "two_failed_rounds",
        "strong_no_hire",
        "Two or more rounds graded 1 (strong no hire): the loop shows several major gaps.",
        lambda rs: sum(g == 1 for g in _grades(rs)) >= 2,
    ),
    Rule(
        "failed_round",
        "no_hire",
        "A round graded 1 blocks a hire, however strong the other rounds are.",
        lambda rs: 1 in _grades(rs),
    ),
    Rule(
        "cannot_build_it",
        "no_hire",
        'An ML system design round below 3 blocks a hire: "sounds good, but can\'t build it".',
        lambda rs: any(r.round == "ml_system_design" and (r.grade or 1) < 3 for r in rs),
    ),
    Rule(
        "split_panel",
        "no_hire",
        "Two or more rounds graded 2 (no hire): the concerns are not isolated.",
        lambda rs: sum(g == 2 for g in _grades(rs)) >= 2,
    ),
    Rule(
        "strong_across_the_board",
        "strong_hire",
        "Every round graded 3 or better and most rounds graded 4: strong across the board.",
        lambda rs: min(_grades(rs)) >= 3 and sum(g == 4 for g in _grades(rs)) * 2 > len(rs),
    ),
    Rule(
        "hire",
        "hire",
        "No blocking rule applies: every round at 3 or better, or a single round at 2 outside "
        "ML system design.",
        lambda rs: True,
    ),
)


class Quote(BaseModel):
    round_index: int
    round: str
    quote: str
    start: int
    end: int


class RoundConcern(BaseModel):
    """Why a round got its grade: a flag, a weak competency, or what made it unscorable."""

    kind: Literal["flag", "prompted", "competency", "other"]
    id: str | None = None
    text: str


class RoundSummary(BaseModel):
    index: int
    round: str
    question: str
    question_id: str | None
    grade: int | None
    first_answer_grade: int | None
    score: float
    needed_prompting: list[str]
    unscorable_reason: str | None = None
    concerns: list[RoundConcern] = Field(default_factory=list)
    confidence: Confidence | None = None
    """How far the round's grade can be trusted (the grader's own statement, with its measured basis)."""


class CompetencySummary(BaseModel):
    id: str
    grade: int | None
    rounds: int
    evidence: list[Quote] = Field(default_factory=list)


class Concern(BaseModel):
    flag: str
    title: str
    reasons: list[str]
    rounds: list[int]
    needed_prompting_only: bool = False
    evidence: list[Quote] = Field(default_factory=list)


class Strength(BaseModel):
    point: str
    round_index: int
    evidence: list[Quote] = Field(default_factory=list)


class PracticeItem(BaseModel):
    competency: str
    questions: list[str]
    drill_topics: list[str]
    titles: list[str] = Field(default_factory=list)


class Debrief(BaseModel):
    decision: str
    rule: str
    rule_text: str
    loop_score: float
    rounds: list[RoundSummary]
    competencies: list[CompetencySummary]
    concerns: list[Concern]
    strengths: list[Strength]
    practice_next: list[PracticeItem]
    rules: list[dict[str, str]]
    consistency: list[str] = Field(default_factory=list)


def decide(rounds: list[RoundState]) -> Rule:
    return next(rule for rule in RULES if rule.applies(rounds))


def _quotes(index: int, round_id: str, evidence: list[Evidence], limit: int = 2) -> list[Quote]:
    return [Quote(round_index=index, round=round_id, **e.model_dump()) for e in evidence[:limit]]


def capped_grade(competency_grade: int, *, round_grade: int | None, evidence: int) -> int:
    """COMPETENCY_RULE for one round: no stronger than the round, and a 4 needs two quotes."""
    grade = min(competency_grade, round_grade or 1)
    if grade == 4 and evidence < EVIDENCE_FOR_TOP_GRADE:
        grade = 3
    return grade


def _competencies(rounds: list[RoundState]) -> list[CompetencySummary]:
    grades: dict[str, list[int]] = defaultdict(list)
    evidence: dict[str, list[Quote]] = defaultdict(list)
    for index, r in enumerate(rounds):
        final = r.combined or r.main
        if final is None or final.status != "graded":
            continue
        for comp in final.competencies:
            grades[comp.id].append(capped_grade(comp.grade, round_grade=r.grade, evidence=len(comp.evidence)))
            evidence[comp.id].extend(_quotes(index, r.round, comp.evidence, 1))
    out = []
    for comp_id in COMPETENCIES:
        values = grades.get(comp_id)
        grade = int(sum(values) / len(values) + 0.5) if values else None
        out.append(
            CompetencySummary(
                id=comp_id, grade=grade, rounds=len(values or []), evidence=evidence.get(comp_id, [])[:3]
            )
        )
    return out


def _concerns(rounds: list[RoundState]) -> list[Concern]:
    found: dict[str, Concern] = {}
    for index, r in enumerate(rounds):
        final = r.combined or r.main
        if final is None:
            continue
        for flag in final.flags:
            concern = found.setdefault(
                flag.id, Concern(flag=flag.id, title=FLAGS[flag.id], reasons=[], rounds=[])
            )
            concern.rounds.append(index)
            concern.reasons.append(flag.reason)
            concern.evidence.extend(_quotes(index, r.round, flag.evidence))
        for flag_id in r.needed_prompting:
            if flag_id in found and index in found[flag_id].rounds:
                continue
            concern = found.setdefault(
                flag_id,
                Concern(
                    flag=flag_id, title=FLAGS[flag_id], reasons=[], rounds=[], needed_prompting_only=True
                ),
            )
            concern.rounds.append(index)
            concern.reasons.append("Covered only after the interviewer probed for it.")
            original = next((f for f in (r.main.flags if r.main else []) if f.id == flag_id), None)
            if original:
                concern.evidence.extend(_quotes(index, r.round, original.evidence))
    priority = {f: i for i, f in enumerate(FLAG_PRIORITY)}
    ranked = sorted(
        found.values(), key=lambda c: (c.needed_prompting_only, -len(c.rounds), priority.get(c.flag, 99))
    )
    for concern in ranked:
        concern.needed_prompting_only = concern.needed_prompting_only and all(
            concern.flag in rounds[i].needed_prompting for i in concern.rounds
        )
    return ranked[:MAX_CONCERNS]


def _strengths(rounds: list[RoundState]) -> list[Strength]:
    out = []
    for index, r in enumerate(rounds):
        final = r.combined or r.main
        for s in (final.strengths if final else [])[:2]:
            out.append(
                Strength(point=s.point, round_index=index, evidence=_quotes(index, r.round, s.evidence, 1))
            )
    return sorted(out, key=lambda s: -(rounds[s.round_index].grade or 0))[:MAX_STRENGTHS]


def round_concerns(r: RoundState) -> list[RoundConcern]:
    """ROUND_CONCERN_RULE for one round: what the committee holds against it (never empty at 1-2)."""
    final = r.combined or r.main
    out: list[RoundConcern] = []
    if r.main is not None and r.main.status != "graded":
        out.append(RoundConcern(kind="other", text=f"Could not be graded: {r.main.reason or 'no answer'}"))
    for flag in final.flags if final else []:
        out.append(RoundConcern(kind="flag", id=flag.id, text=f"{FLAG_LABELS[flag.id]}: {flag.reason}"))
    for flag_id in r.needed_prompting:
        out.append(
            RoundConcern(
                kind="prompted",
                id=flag_id,
                text=f"{FLAG_LABELS.get(flag_id, flag_id)}: covered only after the interviewer "
                "probed for it.",
            )
        )
    if (r.grade or 1) <= 2:
        flagged = {c for f in (final.flags if final else []) for c in FLAG_COMPETENCIES.get(f.id, ())}
        for comp in sorted(final.competencies if final else [], key=lambda c: c.grade):
            if comp.grade <= 2 and comp.id not in flagged:
                out.append(
                    RoundConcern(
                        kind="competency",
                        id=comp.id,
                        text=f"{COMPETENCY_LABELS[comp.id]} graded {comp.grade} of 4.",
                    )
                )
        if not out:
            if final is not None and final.grade == 1 and not final.flags and not final.competencies:
                text = "The answer did not address the question asked."
            else:
                text = "The answer did not reach the rubric's hire anchor (grade 3)."
            out.append(RoundConcern(kind="other", text=text))
    return out


def _open_flags(rounds: list[RoundState]) -> dict[str, set[str]]:
    """Flag id -> rounds (ids) where it was raised at the end or closed only under probing."""
    found: dict[str, set[str]] = defaultdict(set)
    for r in rounds:
        final = r.combined or r.main
        for f in final.flags if final else []:
            found[f.id].add(r.round)
        for f in r.needed_prompting:
            found[f].add(r.round)
    return found


def _practice(
    rounds: list[RoundState], competencies: list[CompetencySummary], bank: Bank, answered: set[str]
) -> list[PracticeItem]:
    """Questions for the weakest competencies, ranked by how many of this loop's gaps they test.

    A question scores for each gap flag one of its probes tests, for being in a round where that gap
    showed, and for each other weak competency it covers; unseen questions come before seen ones, and
    ties go to the easier question, then to a stable shuffle (never the alphabet).
    """
    assessed = [c for c in competencies if c.grade is not None]
    weakest = sorted(assessed, key=lambda c: (c.grade, c.id))
    targets = [c for c in weakest if c.grade <= 2] or weakest[:1]
    weak_ids = {c.id for c in targets}
    seen = answered | {r.question_id for r in rounds if r.question_id}
    gaps = _open_flags(rounds)
    items = []
    picked: set[str] = set()
    for comp in targets[:3]:
        comp_flags = {f for f in gaps if comp.id in FLAG_COMPETENCIES.get(f, ())}
        flag_rounds = {rid for f in comp_flags for rid in gaps[f]}

        def rank(q, comp_flags=comp_flags | {comp.id}, flag_rounds=flag_rounds) -> tuple:
            probe_hits = len({p.tests for p in q.probes} & comp_flags)
            others = len(weak_ids & set(q.competencies)) - 1
            score = 2 * probe_hits + int(q.round in flag_rounds) + others
            return (q.id in seen, -score, q.difficulty, _stable(q.id))

        pool = [q for q in bank.questions.values() if comp.id in q.competencies and q.id not in picked]
        questions = sorted(pool, key=rank)[:3]
        picked.update(q.id for q in questions)
        topics = Counter(c.topic for c in bank.cards.values() if comp.id in c.competencies)
        items.append(
            PracticeItem(
                competency=comp.id,
                questions=[q.id for q in questions],
                titles=[q.title for q in questions],
                drill_topics=[t for t, _ in topics.most_common(2)],
            )
        )
    return items


def _confidence(r: RoundState) -> Confidence | None:
    judged = r.combined or r.main
    return judged.confidence if judged is not None and judged.status == "graded" else None


def _stable(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode()).hexdigest()


def convene(rounds: list[RoundState], bank: Bank, *, answered: set[str] | None = None) -> Debrief:
    """Turn finished rounds into the committee's debrief."""
    if not rounds or not all(r.finished for r in rounds):
        raise ValueError("the committee meets only when every round is finished")
    rule = decide(rounds)
    competencies = _competencies(rounds)
    summaries = [
        RoundSummary(
            index=i,
            round=r.round,
            question=r.question,
            question_id=r.question_id,
            grade=r.grade,
            first_answer_grade=r.main.grade if r.main else None,
            score=r.score or 1.0,
            needed_prompting=r.needed_prompting,
            unscorable_reason=r.main.reason if r.main and r.main.status != "graded" else None,
            concerns=round_concerns(r),
            confidence=_confidence(r),
        )
        for i, r in enumerate(rounds)
    ]
    return Debrief(
        decision=rule.decision,
        rule=rule.id,
        rule_text=rule.text,
        loop_score=round(sum(s.score for s in summaries) / len(summaries), 2),
        rounds=summaries,
        competencies=competencies,
        concerns=_concerns(rounds),
        strengths=_strengths(rounds),
        practice_next=_practice(rounds, competencies, bank, answered or set()),
        rules=[{"id": r.id, "decision": r.decision, "text": r.text} for r in RULES],
        consistency=[COMPETENCY_RULE, ROUND_CONCERN_RULE],
    )
