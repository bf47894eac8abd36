"""Non-interactive loops for scripts and tests: a YAML list of rounds with answers and probe answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from hireloop.assess.models import Grader
from hireloop.bank.loader import Bank
from hireloop.interview.committee import Debrief, convene
from hireloop.interview.debrief import debrief_markdown
from hireloop.interview.round import (
    Phraser,
    RoundState,
    start_round,
    submit_answer,
    submit_probe_answer,
)
from hireloop.vocab import RoundId


class ScriptError(ValueError):
    """A loop script that cannot be run; the message names the file, round and field."""


class ScriptedRound(BaseModel):
    model_config = ConfigDict(extra="forbid")

    round: RoundId
    question: str = Field(min_length=1)
    answer: str | None = None
    # A spoken answer instead of a written one: a recording, relative to the script's directory.
    audio: Path | None = None
    probe_answers: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_answer(self) -> ScriptedRound:
        if (self.answer is None) == (self.audio is None):
            raise ValueError("give exactly one of answer (text) or audio (a recording)")
        return self


MAX_SCRIPT_BYTES = 2_000_000
MAX_DEPTH = 20  # a script is a list of flat rounds: anything deeper is a mistake or an attack


def _depth(value: object) -> int:
    """Nesting depth without recursion (a hostile file must not exhaust the stack here either)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def load_script(path: Path) -> list[ScriptedRound]:
    from hireloop.bank.loader import YamlTooLarge, parse_yaml

    try:
        if path.stat().st_size > MAX_SCRIPT_BYTES:
            raise ScriptError(f"{path}: over the {MAX_SCRIPT_BYTES:,}-byte limit for a loop script")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(f"{path}: cannot read: {exc}") from None
    try:
        _, data = parse_yaml(text)
    except YamlTooLarge as exc:
        raise ScriptError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ScriptError(f"{path}:{mark.line + 1 if mark else 1}: not valid YAML") from None
    except RecursionError:
        raise ScriptError(f"{path}: nested too deeply; expected a list of rounds") from None
    if _depth(data) > MAX_DEPTH:
        raise ScriptError(f"{path}: nested more than {MAX_DEPTH} levels deep; expected a list of rounds")
    if isinstance(data, dict) and "rounds" in data:
        data = data["rounds"]
    if not isinstance(data, list) or not data:
        raise ScriptError(
            f"{path}: expected a non-empty list of rounds (round, question, answer, probe_answers)"
        )
    rounds = []
    for index, item in enumerate(data):
        if isinstance(item, dict) and "answer" not in item and "audio" not in item:
            raise ScriptError(f"{path}: rounds[{index}].answer: Field required (or audio: a recording)")
        try:
            rounds.append(ScriptedRound.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "(round)"
            message = err["msg"]
            if not err["loc"] and err["type"] == "value_error":
                field, message = "audio", str(err["ctx"]["error"])
            raise ScriptError(f"{path}: rounds[{index}].{field}: {message}") from None
        audio = rounds[-1].audio
        if audio is not None:
            resolved = audio if audio.is_absolute() else path.parent / audio
            if not resolved.is_file():
                raise ScriptError(f"{path}: rounds[{index}].audio: no such file {resolved}")
            rounds[-1] = rounds[-1].model_copy(update={"audio": resolved})
    return rounds


def play_round(
    scripted: ScriptedRound, *, bank: Bank, grader: Grader, phrase: Phraser | None = None
) -> RoundState:
    question = bank.questions.get(scripted.question)
    text = question.prompt if question else scripted.question
    if question and question.round != scripted.round:
        raise ScriptError(f"question '{question.id}' belongs to round {question.round}, not {scripted.round}")
    state = start_round(
        round_id=scripted.round, question=text, question_id=question.id if question else None, now=None
    )
    if scripted.answer is None:
        raise ScriptError(f"round '{scripted.question}': its audio has not been transcribed")
    state = submit_answer(state, scripted.answer, grader=grader, question=question, phrase=phrase)
    replies = list(scripted.probe_answers)
    while state.pending_probe is not None:
        reply = replies.pop(0) if replies else ""
        state = submit_probe_answer(state, reply, grader=grader, question=question, phrase=phrase)
    return state


def loop_document(rounds: list[RoundState], debrief: Debrief) -> dict[str, Any]:
    """The JSON output of ``hireloop loop run``."""
    return {
        "decision": debrief.decision,
        "rule": debrief.rule,
        "rule_text": debrief.rule_text,
        "loop_score": debrief.loop_score,
        "rounds": [
            {
                "round": r.round,
                "question": r.question,
                "question_id": r.question_id,
                "grade": r.grade,
                "score": r.score,
                "needed_prompting": r.needed_prompting,
                "probes": [
                    {"probe": p.probe, "tests": p.tests, "answer": p.answer, "closed_flags": p.closed_flags}
                    for p in r.probes
                ],
                "assessment": (r.combined or r.main).to_contract() if (r.combined or r.main) else None,
            }
            for r in rounds
        ],
        "competencies": [c.model_dump() for c in debrief.competencies],
        "concerns": [c.model_dump() for c in debrief.concerns],
        "strengths": [s.model_dump() for s in debrief.strengths],
        "practice_next": [p.model_dump() for p in debrief.practice_next],
        "debrief_markdown": debrief_markdown(debrief, rounds),
    }


def play_script(
    scripted: list[ScriptedRound], *, bank: Bank, grader: Grader, phrase: Phraser | None = None
) -> list[RoundState]:
    return [play_round(s, bank=bank, grader=grader, phrase=phrase) for s in scripted]


def run_script(
    scripted: list[ScriptedRound], *, bank: Bank, grader: Grader, phrase: Phraser | None = None
) -> dict[str, Any]:
    rounds = play_script(scripted, bank=bank, grader=grader, phrase=phrase)
    return loop_document(rounds, convene(rounds, bank))
