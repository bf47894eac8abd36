"""``hireloop transcribe``: an answer spoken into a file becomes text, with a delivery report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hireloop.cli.common import console, emit_json, fail, state

if TYPE_CHECKING:
    from hireloop.voice.delivery import DeliveryReport
    from hireloop.voice.transcript import Transcript


def transcribe_or_fail(ctx: typer.Context, path: Path) -> Transcript:
    """Transcribe a file, or exit non-zero with one line saying why (no extra, bad audio)."""
    from hireloop.voice.errors import VoiceError
    from hireloop.voice.transcript import transcribe

    try:
        return transcribe(path, settings=state(ctx).settings())
    except VoiceError as exc:
        fail(str(exc))


def print_delivery(report: DeliveryReport) -> None:
    from rich.markup import escape

    out = console()
    out.print("[bold]How you said it[/] (delivery never changes the grade)")
    for figure in report.figures:
        mark = "[green]✓[/]" if figure.status == "good" else "[yellow]![/]"
        out.print(
            f" {mark} {figure.label}: [bold]{escape(figure.value)}[/]  [dim]good: {escape(figure.good)}[/]"
        )
        out.print(f"     [dim]{escape(figure.why)}[/]")
    if report.filler_clusters:
        where = ", ".join(f"{_clock(m.at)} ({m.text})" for m in report.filler_clusters)
        out.print(f"Fillers cluster at {where}.")
    if report.long_pauses:
        where = ", ".join(f"{_clock(m.at)} ({m.seconds:g} s)" for m in report.long_pauses)
        out.print(f"Long pauses at {where}.")


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


answers_app = typer.Typer(help="Your stored answers.", no_args_is_help=True)


@answers_app.command("delete")
def delete_answer(ctx: typer.Context, answer_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Delete one answer with its assessments and its recording."""
    from hireloop.voice.recording import delete_answer as delete

    st = state(ctx)
    with st.sessions()() as db:
        if not delete(settings=st.settings(), db=db, user=st.user, answer_id=answer_id):
            fail(f"no answer with id '{answer_id}'")
    typer.echo(f"deleted answer {answer_id} and its recording, if it had one")


def register(app: typer.Typer) -> None:
    app.add_typer(answers_app, name="answers")

    @app.command()
    def transcribe(
        ctx: typer.Context,
        file: Annotated[
            Path, typer.Argument(metavar="FILE", help="wav, mp3, m4a, ogg or webm; 15 minutes at most.")
        ],
        round_id: Annotated[
            str | None, typer.Option("--round", help="The round, for its suggested answer length.")
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print {text, words, seconds, delivery} as JSON.")
        ] = False,
    ) -> None:
        """Transcribe a spoken answer offline and report its delivery (rate, fillers, pauses, hedges)."""
        from hireloop.vocab import ROUNDS
        from hireloop.voice.recording import report_for

        if round_id is not None and round_id not in ROUNDS:
            fail(f"unknown round '{round_id}'; expected one of {', '.join(ROUNDS)}")
        transcript = transcribe_or_fail(ctx, file)
        report = report_for(transcript, round_id=round_id)
        if as_json:
            emit_json({**transcript.to_json(), "delivery": report.to_json()})
            return
        out = console()
        out.print(transcript.text, markup=False, highlight=False)
        out.print()
        print_delivery(report)
