"""Answer -> Assessment: the offline rubric engine behind one grader interface."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hireloop.assess.models import Grader
    from hireloop.config import Settings


@cache
def default_grader() -> Grader:
    """The offline rubric engine, built once per process."""
    from hireloop.assess.engine import RubricGrader

    return RubricGrader()


@cache
def _pack_grader(content_dirs: tuple[str, ...]) -> Grader:
    from hireloop.assess.engine import RubricGrader
    from hireloop.assess.misconceptions import catalogue_from

    return RubricGrader(catalogue=catalogue_from(Path(d) for d in content_dirs))


def rubric_grader(settings: Settings) -> Grader:
    """The offline engine with the built-in misconception catalogue plus any from the user's packs."""
    if not settings.content_dirs:
        return default_grader()
    return _pack_grader(tuple(str(p) for p in settings.all_content_dirs()))


ENGINES = ("rubric", "llm", "ensemble")


class EngineError(ValueError):
    """An engine was asked for that cannot run here; the message says what to set or install."""


def make_grader(engine: str, settings: Settings) -> Grader:
    """The grader for ``--engine``: the offline rubric engine, the LLM judge, or both (ensemble)."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine '{engine}'; expected one of {', '.join(ENGINES)}")
    if engine == "rubric":
        return rubric_grader(settings)
    from hireloop.llm.client import LLMClient, LLMUnavailable
    from hireloop.llm.judge import EnsembleGrader, LLMJudge

    try:
        client = LLMClient(settings)
    except LLMUnavailable as exc:
        raise EngineError(str(exc)) from None
    judge = LLMJudge(client, rubric_grader(settings))
    return judge if engine == "llm" else EnsembleGrader(rubric_grader(settings), judge)


def make_phraser(engine: str, settings: Settings):
    """With an LLM engine, the interviewer phrases probes through it; otherwise None (bank text)."""
    if engine == "rubric" or not settings.llm_configured:
        return None
    from hireloop.llm.client import LLMClient
    from hireloop.llm.interviewer import phrase_probe

    client = LLMClient(settings)

    def phrase(choice, state):
        from hireloop.interview.round import combined_text

        return phrase_probe(client, question=state.question, answer=combined_text(state), choice=choice)

    return phrase
