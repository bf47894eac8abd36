"""Render a question as Markdown for the terminal and exports."""

from __future__ import annotations

from hireloop.bank.models import Question
from hireloop.vocab import ANCHOR_LISTS, ROUNDS


def question_markdown(question: Question) -> str:
    lines = [
        f"# {question.prompt}",
        "",
        f"*{ROUNDS[question.round]} · difficulty {question.difficulty} · {', '.join(question.domains)}*"
        f" · `{question.id}`",
        "",
        "## Rubric",
    ]
    rubric = question.rubric
    for grade, text in rubric.anchors().items():
        if grade == 4 and rubric.grade_4.split:
            lines.append("- **4**:")
            lines.append(f"  - *{ANCHOR_LISTS['must_show']}*")
            lines += [f"    - {item}" for item in rubric.must_show]
            if rubric.also:
                lines.append(f"  - *{ANCHOR_LISTS['also']}*")
                lines += [f"    - {item}" for item in rubric.also]
            continue
        lines.append(f"- **{grade}**: {text}")
    if question.probes:
        lines += ["", "## Follow-up probes"]
        lines += [f"- {p.text} *(tests {p.tests})*" for p in question.probes]
    if question.notes:
        lines += ["", "## A strong answer covers"]
        lines += [f"- {n}" for n in question.notes]
    return "\n".join(lines)
