"""Rich rendering of assessments and debriefs for the terminal."""

from __future__ import annotations

from typing import Any

from hireloop.vocab import COMPETENCY_LABELS, DECISION_LABELS, FLAG_LABELS, FLAGS, ROUNDS, plain

GRADE_STYLE = {4: "bold green", 3: "green", 2: "yellow", 1: "bold red"}


def _quote(text: str, limit: int = 160) -> str:
    """User text shortened at a word boundary and escaped so Rich never reads [brackets] as markup."""
    from rich.markup import escape

    from hireloop.words import shorten

    return escape(shorten(text, limit))


def id_column(ids: list[str], header: str = "id"):
    """A table column that never cuts an id: as wide as the longest one, never wrapped."""
    from rich.table import Column

    return Column(header, no_wrap=True, min_width=max((len(i) for i in ids), default=len(header)))


def table(*columns):
    """A Rich table whose text columns wrap (folding long words) so ids keep their full width."""
    from rich import box
    from rich.table import Column, Table

    cols = [c if isinstance(c, Column) else Column(c, overflow="fold") for c in columns]
    return Table(*cols, box=box.SIMPLE_HEAD, pad_edge=False)


def print_assessment(out: Any, doc: dict[str, Any]) -> None:
    """A readable debrief note: grade and decision, flags with why and evidence, strengths, competencies."""
    if doc["status"] != "graded":
        out.print(f"[bold]Unscorable[/]: {_quote(doc.get('reason', ''), 400)}")
        return
    grade = doc["grade"]
    confidence = doc.get("confidence") or {}
    sure = f" · confidence {confidence['level']}" if confidence else ""
    out.print(f"[{GRADE_STYLE[grade]}]Grade {grade}/4 · {DECISION_LABELS[doc['decision']]}[/]{sure}")
    if confidence.get("reason"):
        style = "yellow" if confidence.get("level") == "low" else "dim"
        out.print(f"[{style}]{_quote(confidence['reason'], 400)}[/]")
    if doc.get("summary"):
        out.print(_quote(doc["summary"], 2000))
    if doc.get("misconceptions"):
        out.print("\n[bold]What it gets wrong[/]")
    for m in doc.get("misconceptions", []):
        out.print(f"  [red]• {_quote(m['title'], 200)}[/] [dim]({m['severity']})[/]")
        for ev in m["evidence"][:1]:
            out.print(f"    [dim]“{_quote(ev['quote'])}”[/]")
        out.print(f"    {_quote(m['why'], 800)}")
    for cap in doc.get("caps", []):
        out.print(f"[yellow]Grade capped at {cap['grade']}:[/] {_quote(cap['reason'], 600)}")
    if doc.get("next_level"):
        out.print(f"\n[bold]What a grade 4 adds[/]: {_quote(doc['next_level'], 800)}")
    if doc["flags"]:
        out.print("\n[bold]Concerns[/]")
    for flag in doc["flags"]:
        out.print(f"  [red]• {FLAG_LABELS[flag['id']]}[/]: {FLAGS[flag['id']]}")
        out.print(f"    why: {_quote(flag['reason'], 400)}")
        for ev in flag["evidence"][:2]:
            out.print(f"    [dim]“{_quote(ev['quote'])}”[/]")
    if doc.get("strengths"):
        out.print("\n[bold]What it did well[/]")
    for strength in doc.get("strengths", []):
        out.print(f"  [green]• {_quote(strength['point'], 400)}[/]")
        for ev in strength["evidence"][:1]:
            out.print(f"    [dim]“{_quote(ev['quote'])}”[/]")
    if doc["competencies"]:
        out.print("\n[bold]Competencies[/]")
    for comp in doc["competencies"]:
        out.print(f"  {COMPETENCY_LABELS[comp['id']]:<26} [{GRADE_STYLE[comp['grade']]}]{comp['grade']}[/]")
    for note in doc.get("notes", []):
        out.print(f"[yellow]note:[/] {_quote(note, 600)}")
    if doc.get("sent_to"):
        out.print(f"[dim]your answer was sent to {_quote(doc['sent_to'])}[/]")
    out.print(f"\n[dim]judged by the {plain(doc['engine'])} (version {doc['engine_version']})[/]")


def round_label(round_id: str) -> str:
    return ROUNDS.get(round_id, round_id)


def print_comparison(out: Any, comparison) -> None:
    """A new version beside the previous one: the grade before and after, concerns closed and new."""
    before, after = comparison.before, comparison.after
    out.print(f"\n[bold]Version {after.number} beside version {before.number}[/]")
    def shown(grade: int | None) -> str:
        return f"{grade}/4" if grade else "not graded"

    out.print(f"  grade {shown(before.grade)} → {shown(after.grade)}")
    out.print("  concerns closed: " + (", ".join(plain(f) for f in comparison.closed) or "none"))
    out.print("  concerns new: " + (", ".join(plain(f) for f in comparison.new) or "none"))
