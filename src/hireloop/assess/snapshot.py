"""The grader's output on the whole labeled corpus, as one comparable document.

The snapshot pins every field a user sees (grade, decision, flags, competency grades, strengths and
their quotes, misconceptions, caps, confidence, next level, summary) so that work meant to change only
speed can prove it changed no grade. ``scripts/grader_snapshot.py`` writes it; the test compares.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from hireloop.assess.evaluation import load_labeled
from hireloop.assess.models import Assessment, Grader, GradingRequest

LONG_EVERY = 5
"""Every fifth case is also graded padded to 1,000 words, every twenty-fifth to 3,000 words."""


def labeled_files(data: Path) -> list[Path]:
    """Every YAML file directly under ``data`` (tests/data) that holds labeled answers."""
    return sorted(p for p in data.glob("*.yaml") if p.is_file())


def pad_to_words(text: str, n: int) -> str:
    """``text`` repeated (paragraph after paragraph) until it has ``n`` words, then cut to ``n``: the
    answers of a given length that the speed benchmark times."""
    out = text
    while len(out.split()) < n:
        out = f"{out}\n\n{text}"
    return " ".join(out.split(" ")[:n])


def corpus(files: list[Path], questions: Mapping[str, Any]) -> Iterator[tuple[str, GradingRequest]]:
    """Each labeled answer as graded by the app (a bank question brings its rubric), again without the
    bank question when it has one, and padded to 300 (all), 1,000 and 3,000 words (a sample)."""
    for path in files:
        for i, case in enumerate(load_labeled(path)):
            key = f"{path.name}:{case.id}"
            request = case.request(questions)
            yield f"{key}", request
            if case.question_id:
                yield f"{key}:plain", case.request()
            lengths = [300] + ([1000] if i % LONG_EVERY == 0 else []) + ([3000] if i % 25 == 0 else [])
            for n in lengths:
                yield f"{key}:w{n}", request.model_copy(update={"answer": pad_to_words(case.answer, n)})


def record(assessment: Assessment, answer: str) -> dict:
    """What a user sees of one assessment. Evidence is kept as [start, end] offsets into ``answer``
    (the quote is that slice; ``quotes_match`` checks it) to keep the file small."""
    doc = assessment.model_dump(mode="json", exclude={"engine", "engine_version", "sent_to"})

    def compact(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: [[e["start"], e["end"]] for e in v] if k == "evidence" else compact(v)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [compact(v) for v in node]
        return node

    return compact(doc)


def quotes_match(assessment: Assessment, answer: str) -> list[str]:
    """Evidence whose quote is not the answer's text at its offsets (should be none)."""
    bad: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            quoted = {"quote", "start", "end"} <= node.keys()
            if quoted and answer[node["start"] : node["end"]] != node["quote"]:
                bad.append(node["quote"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(assessment.model_dump(mode="json"))
    return bad


def take(grader: Grader, requests: list[tuple[str, GradingRequest]]) -> dict[str, dict]:
    """The snapshot records of ``requests``, keyed as ``corpus`` keys them."""
    return {key: record(grader.assess(r), r.answer) for key, r in requests}
