"""The hiring committee: mechanical rules, written down once, turn round grades into a decision.

Structured-interview research finds mechanical combination beats holistic judgment, so the
committee never "weighs" rounds by feel: the first rule that matches decides, and the debrief
names it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, Field

from hireloop.assess.models import Evidence
from hireloop.bank.loader import Bank
from hireloop.interview.probing import FLAG_PRIORITY
from hireloop.interview.round import RoundState
from hireloop.vocab import COMPETENCIES, FLAG_COMPETENCIES, FLAGS

MAX_CONCERNS = 5
MAX_STRENGTHS = 5


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


def decide(rounds: list[RoundState]) -> Rule:
    return next(rule for rule in RULES if rule.applies(rounds))


def _quotes(index: int, round_id: str, evidence: list[Evidence], limit: int = 2) -> list[Quote]:
    return [Quote(round_index=index, round=round_id, **e.model_dump()) for e in evidence[:limit]]


def _competencies(rounds: list[RoundState]) -> list[CompetencySummary]:
    grades: dict[str, list[int]] = defaultdict(list)
    evidence: dict[str, list[Quote]] = defaultdict(list)
    for index, r in enumerate(rounds):
        final = r.combined or r.main
        if final is None or final.status != "graded":
            continue
        for comp in final.competencies:
            grades[comp.id].append(comp.grade)
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


def _practice(
    rounds: list[RoundState], competencies: list[CompetencySummary], bank: Bank, answered: set[str]
) -> list[PracticeItem]:
    assessed = [c for c in competencies if c.grade is not None]
    weakest = sorted(assessed, key=lambda c: (c.grade, c.id))
    targets = [c for c in weakest if c.grade <= 2] or weakest[:1]
    seen = answered | {r.question_id for r in rounds if r.question_id}
    items = []
    for comp in targets[:3]:
        flag_rounds = {
            r.round
            for r in rounds
            for f in ((r.combined or r.main).flags if (r.combined or r.main) else [])
            if comp.id in FLAG_COMPETENCIES.get(f.id, ())
        }
        questions = sorted(
            (q for q in bank.questions.values() if comp.id in q.competencies and q.id not in seen),
            key=lambda q: (q.round not in flag_rounds, q.difficulty, q.id),
        )
        topics = Counter(c.topic for c in bank.cards.values() if comp.id in c.competencies)
        items.append(
            PracticeItem(
                competency=comp.id,
                questions=[q.id for q in questions[:3]],
                drill_topics=[t for t, _ in topics.most_common(2)],
            )
        )
    return items


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
    )
