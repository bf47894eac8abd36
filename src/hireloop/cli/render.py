"""Rich rendering of assessments and debriefs for the terminal."""

from __future__ import annotations

from typing import Any

from hireloop.vocab import COMPETENCY_LABELS, DECISION_LABELS, FLAGS, ROUNDS

GRADE_STYLE = {4: "bold green", 3: "green", 2: "yellow", 1: "bold red"}


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_assessment(out: Any, doc: dict[str, Any]) -> None:
    """A readable debrief note: grade and decision, flags with why and evidence, strengths, competencies."""
    if doc["status"] != "graded":
        out.print(f"[bold]Unscorable[/]: {doc.get('reason', '')}")
        return
    grade = doc["grade"]
    out.print(f"[{GRADE_STYLE[grade]}]Grade {grade} · {DECISION_LABELS[doc['decision']]}[/]")
    if doc.get("summary"):
        out.print(doc["summary"])
    if doc["flags"]:
        out.print("\n[bold]Concerns[/]")
    for flag in doc["flags"]:
        out.print(f"  [red]• {flag['id']}[/]: {FLAGS[flag['id']]}")
        out.print(f"    why: {flag['reason']}")
        for ev in flag["evidence"][:2]:
            out.print(f"    [dim]“{_quote(ev['quote'])}”[/]")
    if doc.get("strengths"):
        out.print("\n[bold]What it did well[/]")
    for strength in doc.get("strengths", []):
        out.print(f"  [green]• {strength['point']}[/]")
        for ev in strength["evidence"][:1]:
            out.print(f"    [dim]“{_quote(ev['quote'])}”[/]")
    if doc["competencies"]:
        out.print("\n[bold]Competencies[/]")
    for comp in doc["competencies"]:
        out.print(f"  {COMPETENCY_LABELS[comp['id']]:<26} [{GRADE_STYLE[comp['grade']]}]{comp['grade']}[/]")
    out.print(f"\n[dim]engine {doc['engine']} {doc['engine_version']}[/]")


def round_label(round_id: str) -> str:
    return ROUNDS.get(round_id, round_id)
