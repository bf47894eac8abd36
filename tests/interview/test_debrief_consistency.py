"""Debrief consistency, property-tested over simulated loops.

The rules are stated in the debrief (committee.COMPETENCY_RULE and ROUND_CONCERN_RULE): a
competency is never graded above the best round that evidences it, and every round graded 1 or 2
lists at least one concern that explains the grade.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hireloop.assess import default_grader
from hireloop.assess.models import Assessment, CompetencyGrade, Evidence, Flag
from hireloop.bank import load_bank_strict
from hireloop.config import BUILTIN_CONTENT
from hireloop.interview.committee import COMPETENCY_RULE, ROUND_CONCERN_RULE, Debrief, convene
from hireloop.interview.loop import LOOP_SHAPES
from hireloop.interview.round import ProbeTurn, RoundState, finish_round
from hireloop.interview.script import load_script, play_round
from hireloop.vocab import COMPETENCIES, FLAGS, GRADE_DECISIONS

LOOPS = Path(__file__).parents[1] / "data" / "loops"
ANSWER = "We would train a fraud model on two years of chargebacks and monitor it weekly after launch."


@pytest.fixture(scope="module")
def bank():
    return load_bank_strict([BUILTIN_CONTENT])


def check(debrief: Debrief, rounds: list[RoundState]) -> None:
    assert debrief.consistency == [COMPETENCY_RULE, ROUND_CONCERN_RULE]
    for comp in debrief.competencies:
        if comp.grade is None:
            continue
        evidencing = [
            r.grade or 1
            for r in rounds
            if (r.combined or r.main)
            and (r.combined or r.main).status == "graded"
            and any(c.id == comp.id for c in (r.combined or r.main).competencies)
        ]
        assert evidencing, f"{comp.id} graded without a round that evidences it"
        assert comp.grade <= max(evidencing), (comp.id, comp.grade, evidencing)
    for summary in debrief.rounds:
        if (summary.grade or 1) <= 2:
            assert summary.concerns, f"round {summary.index + 1} graded {summary.grade} lists no concern"


def _evidence(n: int) -> list[Evidence]:
    return [Evidence(quote=ANSWER[i * 10 : i * 10 + 8], start=i * 10, end=i * 10 + 8) for i in range(n)]


@st.composite
def assessments(draw) -> Assessment:
    if draw(st.integers(0, 12)) == 0:
        return Assessment(status="unscorable", reason="too short to grade", engine="test", engine_version="0")
    grade = draw(st.integers(1, 4))
    flags = draw(st.lists(st.sampled_from(sorted(FLAGS)), unique=True, max_size=4))
    comps = draw(st.lists(st.sampled_from(list(COMPETENCIES)), unique=True, max_size=6))
    return Assessment(
        status="graded",
        grade=grade,
        decision=GRADE_DECISIONS[grade],
        flags=[Flag(id=f, reason="simulated", evidence=_evidence(1)) for f in flags],
        competencies=[
            CompetencyGrade(id=c, grade=draw(st.integers(1, 4)), evidence=_evidence(draw(st.integers(0, 3))))
            for c in comps
        ],
        engine="test",
        engine_version="0",
    )


@st.composite
def simulated_round(draw, round_id: str) -> RoundState:
    main = draw(assessments())
    combined = draw(assessments()) if main.status == "graded" and draw(st.booleans()) else main
    if combined.status != "graded":
        combined = main
    probes = (
        [ProbeTurn(probe="Why?", tests="eval_gap", source="generated", answer="Because.")]
        if combined is not main
        else []
    )
    state = RoundState(
        round=round_id,
        question="Simulated question",
        answer=ANSWER,
        main=main,
        combined=combined,
        probes=probes,
    )
    return finish_round(state)


@st.composite
def simulated_loop(draw) -> list[RoundState]:
    shape = LOOP_SHAPES[draw(st.sampled_from(sorted(LOOP_SHAPES)))]
    return [draw(simulated_round(r)) for r in shape]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rounds=simulated_loop())
def test_debriefs_of_simulated_loops_agree_with_themselves(bank, rounds: list[RoundState]) -> None:
    check(convene(rounds, bank), rounds)


@pytest.mark.parametrize("name", sorted(p.stem for p in LOOPS.glob("*.yaml")))
def test_scripted_candidates_debriefs_agree_with_themselves(bank, name: str) -> None:
    grader = default_grader()
    rounds = [play_round(s, bank=bank, grader=grader) for s in load_script(LOOPS / f"{name}.yaml")]
    check(convene(rounds, bank), rounds)


def test_a_strong_no_hire_loop_shows_no_hire_level_competency() -> None:
    """The reported case: rounds 1, 1, 2, 2, 2 with competencies graded 3 and 4 by the grader."""
    rounds = []
    for round_id, grade in zip(LOOP_SHAPES[5], (1, 1, 2, 2, 2), strict=True):
        main = Assessment(
            status="graded",
            grade=grade,
            decision=GRADE_DECISIONS[grade],
            competencies=[
                CompetencyGrade(id="lifecycle", grade=4, evidence=_evidence(1)),
                CompetencyGrade(id="evaluation", grade=3, evidence=_evidence(2)),
            ],
            engine="test",
            engine_version="0",
        )
        rounds.append(
            finish_round(RoundState(round=round_id, question="Q", answer=ANSWER, main=main, combined=main))
        )
    debrief = convene(rounds, load_bank_strict([BUILTIN_CONTENT]))
    assert debrief.decision == "strong_no_hire"
    graded = {c.id: c.grade for c in debrief.competencies if c.grade}
    assert graded == {"lifecycle": 2, "evaluation": 2}
    for summary in debrief.rounds:
        assert summary.concerns and all(c.text for c in summary.concerns)


def test_practise_next_follows_the_gaps_skips_seen_questions_and_names_titles(bank) -> None:
    def round_with(round_id: str, flag: str, comp: str) -> RoundState:
        main = Assessment(
            status="graded",
            grade=2,
            decision="no_hire",
            flags=[Flag(id=flag, reason="simulated", evidence=_evidence(1))],
            competencies=[CompetencyGrade(id=comp, grade=2, evidence=_evidence(1))],
            engine="test",
            engine_version="0",
        )
        return finish_round(RoundState(round=round_id, question="Q", answer=ANSWER, main=main, combined=main))

    rounds = [round_with("ml_system_design", "eval_gap", "evaluation")] * 5
    seen = {q.id for q in bank.questions.values() if "evaluation" in q.competencies}
    seen_some = set(sorted(seen)[:10])
    debrief = convene(rounds, bank, answered=seen_some)
    item = next(i for i in debrief.practice_next if i.competency == "evaluation")
    assert len(item.questions) == 3 and not set(item.questions) & seen_some
    assert item.titles == [bank.questions[q].title for q in item.questions]
    alphabetical = sorted(q for q in seen if q not in seen_some)[:3]
    assert item.questions != alphabetical, "ranked by the gaps, not the alphabet"
    probed = [
        any(p.tests in {"eval_gap", "evaluation"} for p in bank.questions[q].probes) for q in item.questions
    ]
    assert all(probed), "each recommended question probes the gap the loop showed"


class ScriptedGrader:
    """Returns the given assessments in turn: the grader's view of the main answer, then of each reply."""

    def __init__(self, *assessments: Assessment) -> None:
        self.queue = list(assessments)

    def assess(self, request) -> Assessment:
        return self.queue.pop(0)


def _graded(grade: int, flags: list[str], comps: list[tuple[str, int, int]]) -> Assessment:
    return Assessment(
        status="graded",
        grade=grade,
        decision=GRADE_DECISIONS[grade],
        flags=[Flag(id=f, reason="simulated", evidence=_evidence(1)) for f in flags],
        competencies=[
            CompetencyGrade(id=c, grade=g, evidence=[Evidence(quote="x", start=s, end=s + 1)])
            for c, g, s in comps
        ],
        engine="test",
        engine_version="0",
    )


def test_a_reply_that_misses_the_probes_gap_does_not_close_it() -> None:
    from hireloop.interview.round import start_round, submit_answer, submit_probe_answer

    main = _graded(2, ["eval_gap", "no_lifecycle"], [("evaluation", 1, 0), ("lifecycle", 1, 5)])
    # The grader drops eval_gap after the reply, but its only evaluation evidence is in the main answer.
    off_gap = _graded(3, ["no_lifecycle"], [("evaluation", 3, 0), ("lifecycle", 1, 5)])
    state = start_round(round_id="ml_system_design", question="Q", question_id=None, now=None)
    state = submit_answer(state, ANSWER, grader=ScriptedGrader(main), question=None)
    assert state.probes[0].tests == "eval_gap" and state.probes[0].of == 2
    state = submit_probe_answer(
        state, "We would use a bigger model.", grader=ScriptedGrader(off_gap), question=None
    )
    first = state.probes[0]
    assert first.addressed is False and first.closed_flags == []
    assert {f.id for f in state.combined.flags} == {"eval_gap", "no_lifecycle"} and state.combined.grade == 2
    # A reply whose own words carry the evaluation evidence closes the gap.
    reply = "Precision at review capacity on a time split."
    start = len(ANSWER) + 2 + len("We would use a bigger model.") + 2
    on_gap = _graded(3, ["no_lifecycle"], [("evaluation", 3, start), ("lifecycle", 1, 5)])
    state = start_round(round_id="ml_system_design", question="Q", question_id=None, now=None)
    state = submit_answer(state, ANSWER, grader=ScriptedGrader(main), question=None)
    state = submit_probe_answer(
        state,
        reply,
        grader=ScriptedGrader(_graded(3, ["no_lifecycle"], [("evaluation", 3, len(ANSWER) + 2)])),
        question=None,
    )
    assert state.probes[0].addressed is True and state.probes[0].closed_flags == ["eval_gap"]
    assert state.probes[1].of == 2 and on_gap.grade == 3
