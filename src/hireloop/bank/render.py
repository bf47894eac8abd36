"""Render a question as Markdown for the terminal and exports."""

from __future__ import annotations

from hireloop.bank.models import Question
from hireloop.vocab import ROUNDS


def question_markdown(question: Question) -> str:
    lines = [
        f"# {question.prompt}",
        "",
        f"*{ROUNDS[question.round]} · difficulty {question.difficulty} · {', '.join(question.domains)}*"
        f" · `{question.id}`",
        "",
        "## Rubric",
    ]
    for grade, text in question.rubric.anchors().items():
        lines.append(f"- **{grade}**: {text}")
    if question.probes:
        lines += ["", "## Follow-up probes"]
        lines += [f"- {p.text} *(tests {p.tests})*" for p in question.probes]
    if question.notes:
        lines += ["", "## A strong answer covers"]
        lines += [f"- {n}" for n in question.notes]
    return "\n".join(lines)
