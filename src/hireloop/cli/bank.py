"""``hireloop bank``: browse and validate the question bank."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import console, emit_json, fail, state
from hireloop.vocab import ROUNDS

app = typer.Typer(help="Browse and validate the question bank.", no_args_is_help=True)

ROUND_IDS = tuple(ROUNDS)


def _check_round(round_id: str | None) -> None:
    if round_id is not None and round_id not in ROUND_IDS:
        fail(f"unknown round '{round_id}'; expected one of {', '.join(ROUND_IDS)}")


@app.command("list")
def list_questions(
    ctx: typer.Context,
    round_id: Annotated[str | None, typer.Option("--round", help="Only this round id.")] = None,
    domain: Annotated[str | None, typer.Option(help="Only questions tagged with this domain.")] = None,
    difficulty: Annotated[int | None, typer.Option(min=1, max=3, help="Only this difficulty (1-3).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List questions, optionally for one round."""
    _check_round(round_id)
    from hireloop.bank.query import filter_questions

    questions = filter_questions(state(ctx).bank(), round_id=round_id, domain=domain, difficulty=difficulty)
    if as_json:
        emit_json(
            [
                {
                    "id": q.id,
                    "round": q.round,
                    "difficulty": q.difficulty,
                    "domains": q.domains,
                    "prompt": q.prompt,
                }
                for q in questions
            ]
        )
        return
    from hireloop.cli.render import id_column, table
    from hireloop.vocab import plain

    out = table(id_column([q.id for q in questions]), "round", "diff", "title")
    for q in questions:
        out.add_row(q.id, plain(q.round), str(q.difficulty), q.title)
    console().print(out)
    console().print(f"{len(questions)} question(s)")


@app.command("show")
def show(
    ctx: typer.Context,
    question_id: Annotated[str, typer.Argument(metavar="ID", help="Question id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one question with its rubric, probes and notes."""
    from hireloop.bank import UnknownQuestionError

    try:
        question = state(ctx).bank().question(question_id)
    except UnknownQuestionError as exc:
        fail(str(exc))
    if as_json:
        emit_json(question.model_dump(mode="json", by_alias=True))
        return
    from rich.markdown import Markdown

    from hireloop.bank.render import question_markdown

    console().print(Markdown(question_markdown(question)))


@app.command("misconceptions")
def misconceptions(
    ctx: typer.Context,
    category: Annotated[str | None, typer.Option(help="Only this category (e.g. evaluation).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The misconception catalogue the grader judges by: each wrong claim, how serious, and why."""
    from hireloop.assess.judgement import RULES

    entries = [m for m in state(ctx).bank().misconceptions.values() if category in (None, m.category)]
    if as_json:
        emit_json({"rules": RULES, "misconceptions": [m.model_dump(mode="json") for m in entries]})
        return
    from rich.markup import escape
    from rich.table import Table

    from hireloop.vocab import FLAGS

    table = Table("misconception", "severity", "concern", "why", show_lines=True)
    for m in sorted(entries, key=lambda m: (m.category, m.severity, m.title)):
        table.add_row(escape(m.title), m.severity, FLAGS[m.flag].rstrip("."), escape(" ".join(m.why.split())))
    console().print(table)
    console().print("\n[bold]Judgement rules[/]")
    for text in RULES.values():
        console().print(f"  • {text}")


@app.command("stats")
def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count questions per round, difficulty and domain, and cards."""
    from hireloop.bank.query import bank_stats

    figures = bank_stats(state(ctx).bank())
    if as_json:
        emit_json(figures)
        return
    out = console()
    out.print(f"[bold]{figures['questions']}[/] questions, [bold]{figures['cards']}[/] cards")
    for title in ("rounds", "difficulties", "domains"):
        out.print(f"\n[bold]{title}[/]")
        for key, count in figures[title].items():
            out.print(f"  {key:<28} {count}")


@app.command("validate")
def validate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Content files or pack directories.")],
) -> None:
    """Check content packs; report every problem as FILE:LINE: field: message."""
    from hireloop.bank import load_bank

    bank, errors = load_bank(paths)
    for error in errors:
        typer.echo(str(error), err=True)
    if errors:
        raise typer.Exit(1)
    kinds = Counter(q.round for q in bank.questions.values())
    typer.echo(
        f"ok: {len(bank.questions)} question(s), {len(bank.cards)} card(s) "
        + (f"({', '.join(f'{k}: {v}' for k, v in sorted(kinds.items()))})" if kinds else "")
    )
