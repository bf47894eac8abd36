"""Render a committee debrief as Markdown: the packet a hiring committee would read."""

from __future__ import annotations

from hireloop.interview.committee import Debrief
from hireloop.interview.round import RoundState
from hireloop.vocab import COMPETENCY_LABELS, DECISION_LABELS, ROUNDS, plain, plain_list


def _q(text: str) -> str:
    return " ".join(text.split())


def debrief_markdown(
    debrief: Debrief, rounds: list[RoundState], *, title: str = "Hiring committee debrief"
) -> str:
    lines = [f"# {title}", ""]
    lines += [f"**Decision: {DECISION_LABELS[debrief.decision]}**", ""]
    lines += [f"Why: {debrief.rule_text} (rule: {plain(debrief.rule)})", ""]
    lines += [f"Loop score: {debrief.loop_score:.2f} of 4", ""]

    lines += ["## Rounds", "", "| # | Round | Question | Grade | Needed prompting |", "|---|---|---|---|---|"]
    for r in debrief.rounds:
        grade = str(r.grade) if r.grade else "—"
        if r.first_answer_grade and r.grade and r.first_answer_grade != r.grade:
            grade += f" (first answer {r.first_answer_grade})"
        prompted = plain_list(r.needed_prompting)
        question = _q(r.question).replace("|", "/")
        lines.append(f"| {r.index + 1} | {ROUNDS[r.round]} | {question} | {grade} | {prompted} |")
    lines.append("")
    sure = [r for r in debrief.rounds if r.confidence]
    if sure:
        lines += ["### How sure these grades are", ""]
        for r in sure:
            assert r.confidence is not None
            lines.append(f"- Round {r.index + 1}: {r.confidence.level} confidence. {r.confidence.reason}")
        lines.append("")
    explained = [r for r in debrief.rounds if r.concerns]
    if explained:
        lines += ["### What each round was held to", ""]
        for r in explained:
            lines.append(f"- Round {r.index + 1} ({ROUNDS[r.round]}, grade {r.grade or '—'}):")
            lines += [f"  - {_q(c.text)}" for c in r.concerns]
        lines.append("")

    lines += [
        "## Competencies across the loop",
        "",
        "| Competency | Grade | Rounds with evidence |",
        "|---|---|---|",
    ]
    for c in debrief.competencies:
        lines.append(f"| {COMPETENCY_LABELS[c.id]} | {c.grade if c.grade else 'not assessed'} | {c.rounds} |")
    lines.append("")
    lines += [f"_{rule}_" for rule in debrief.consistency]
    lines.append("")

    lines += ["## Concerns", ""]
    if not debrief.concerns:
        lines += ["None raised.", ""]
    for concern in debrief.concerns:
        where = ", ".join(f"round {i + 1}" for i in concern.rounds)
        tag = " (closed only under probing)" if concern.needed_prompting_only else ""
        lines += [f"### {concern.title}{tag}", "", f"{plain(concern.flag)} · {where}", ""]
        for reason in dict.fromkeys(concern.reasons):
            lines.append(f"- {reason}")
        for quote in concern.evidence[:3]:
            lines.append(f'> "{_q(quote.quote)}" (round {quote.round_index + 1})')
            lines.append("")
        lines.append("")

    lines += ["## What went well", ""]
    if not debrief.strengths:
        lines += ["Nothing stood out as a strength.", ""]
    for strength in debrief.strengths:
        lines.append(f"- {strength.point} (round {strength.round_index + 1})")
        for quote in strength.evidence:
            lines.append(f'  > "{_q(quote.quote)}"')
    lines.append("")

    lines += ["## Practise next", ""]
    for item in debrief.practice_next:
        questions = "; ".join(f"“{t}”" for t in item.titles) or ", ".join(item.questions) or "—"
        topics = plain_list(item.drill_topics)
        lines.append(f"- **{COMPETENCY_LABELS[item.competency]}**: questions {questions}; drills: {topics}")
    lines.append("")

    lines += ["## The answers", ""]
    for index, r in enumerate(rounds):
        lines += [f"### Round {index + 1}: {ROUNDS[r.round]}", "", f"**Q:** {_q(r.question)}", ""]
        lines += [f"**A:** {r.answer or '(no answer)'}", ""]
        for probe in r.probes:
            closed = f" (closed: {plain_list(probe.closed_flags)})" if probe.closed_flags else ""
            lines += [f"**Probe:** {probe.probe}", "", f"**A:** {probe.answer or '(no answer)'}{closed}", ""]

    lines += ["## How the committee decides", ""]
    lines += [
        f"{i + 1}. {plain(r['id'])} → {DECISION_LABELS[r['decision']]}: {r['text']}"
        for i, r in enumerate(debrief.rules)
    ]
    lines += ["", "The first rule that matches decides."]
    return "\n".join(lines) + "\n"
