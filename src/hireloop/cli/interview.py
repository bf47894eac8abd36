"""``hireloop practice``, ``hireloop loop ...`` and ``hireloop debrief ...``: mock rounds and full loops."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import ENGINE_HELP, console, emit_json, fail, state

loop_app = typer.Typer(
    help="Full mock loops: start, resume, status, and scripted runs.", no_args_is_help=True
)
debrief_app = typer.Typer(help="Committee debriefs of finished loops and rounds.", no_args_is_help=True)

END_MARK = "."


def read_answer(prompt: str, *, use_editor: bool, initial: str = "") -> str:
    """A multi-line answer: $EDITOR when asked for (starting from ``initial``), else lines until a
    lone '.' or Ctrl+D."""
    if use_editor:
        text = typer.edit(
            f"{initial}\n\n# {prompt}\n# Write your answer above. Lines starting with # are dropped.\n"
        )
        return "\n".join(line for line in (text or "").splitlines() if not line.startswith("#")).strip()
    out = console()
    out.print("[dim]Write your answer. Finish with a line holding only '.', or Ctrl+D.[/]")
    lines = []
    for line in sys.stdin:
        if line.rstrip("\n") == END_MARK:
            break
        lines.append(line.rstrip("\n"))
    return "\n".join(lines).strip()


def _clock(round_state) -> str:
    deadline = round_state.deadline()
    if deadline is None:
        return ""
    left = deadline - datetime.now(UTC)
    minutes = int(left.total_seconds() // 60)
    if left.total_seconds() <= 0:
        return "[red]time is up[/]"
    return f"[cyan]{minutes} min left[/] of {round_state.time_limit_minutes}"


AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".webm", ".mp4")


def audio_files(directory: Path) -> list[Path]:
    """The recordings in a directory, in name order: the first answers the question, the rest the probes."""
    if not directory.is_dir():
        fail(f"--audio-dir {directory}: not a directory")
    files = sorted(p for p in directory.iterdir() if p.suffix.lower() in AUDIO_SUFFIXES)
    if not files:
        fail(f"--audio-dir {directory}: no audio file in it (expected wav, mp3, m4a, ogg or webm)")
    return files


def _drive(
    ctx: typer.Context,
    session_id: str,
    *,
    use_editor: bool,
    engine: str = "rubric",
    initial: str = "",
    recordings: list[Path] | None = None,
) -> None:
    """Ask, take answers and probes, until the loop ends or the user stops (Ctrl+C pauses).

    With ``recordings``, each answer is the next recording, transcribed; typing takes over when they run out.
    """
    from rich.markup import escape

    from hireloop.cli.render import round_label
    from hireloop.interview import practice

    st = state(ctx)
    out = console()
    grader, phrase = st.grader(engine), st.phraser(engine)
    if engine != "rubric":
        out.print(f"[dim]Answers are sent to {escape(st.settings().llm_base_url or '')} for grading.[/]")
    with st.sessions()() as db:
        while True:
            row = practice.load(db, st.user, session_id)
            loop = practice.loop_of(row)
            current = loop.active
            if current is None:
                break
            out.rule(f"Round {loop.current + 1} of {len(loop.rounds)} · {round_label(current.round)}")
            clock = _clock(current)
            if clock:
                out.print(clock)
            if current.answer is None:
                out.print(f"\n[bold]{escape(current.question)}[/]\n")
                prompt = current.question
            else:
                pending = current.pending_probe
                count = f"Probe {len(current.probes)}" + (f" of {pending.of}" if pending.of else "")
                out.print(f"\n[dim]{count}[/]  [bold magenta]Interviewer:[/] {escape(pending.probe)}\n")
                prompt = current.pending_probe.probe
            first = initial if current.answer is None else ""
            if first and not use_editor and not recordings:
                out.print("[dim]Your story, to retell in your own words:[/]")
                out.print(f"[dim]{escape(first)}[/]\n")
            on_recorded = None
            try:
                if recordings:
                    from hireloop.cli.voice import print_delivery, transcribe_or_fail
                    from hireloop.voice.recording import Recording, keep

                    path = recordings.pop(0)
                    recording = Recording(transcript=transcribe_or_fail(ctx, path), path=path)
                    text = recording.transcript.text
                    out.print(f"[dim]{escape(path.name)}:[/] {escape(text)}\n")

                    def on_recorded(answer, recording=recording):
                        print_delivery(keep(recording, settings=st.settings(), db=db, answer=answer))
                else:
                    text = read_answer(prompt, use_editor=use_editor, initial=first)
            except KeyboardInterrupt:
                out.print(f"\nPaused. Resume with: hireloop loop resume {session_id}")
                raise typer.Exit(0) from None
            if not text and current.answer is None:
                out.print(
                    "[yellow]An empty answer cannot be graded; paused here.[/] "
                    f"Resume with: hireloop loop resume {session_id}"
                )
                raise typer.Exit(0)
            practice.submit(
                db,
                st.user,
                session_id,
                text,
                bank=st.bank(),
                grader=grader,
                phrase=phrase,
                on_recorded=on_recorded,
            )
            updated = practice.loop_of(practice.load(db, st.user, session_id)).rounds[loop.current]
            if updated.finished:
                grade = f"grade {updated.grade}/4" if updated.grade else "not graded"
                out.print(f"[dim]Round recorded ({grade}).[/]")
        _show_debrief(ctx, session_id)


def _show_debrief(ctx: typer.Context, session_id: str) -> None:
    from rich.markdown import Markdown

    from hireloop.interview import practice
    from hireloop.interview.debrief import debrief_markdown

    st = state(ctx)
    with st.sessions()() as db:
        row = practice.load(db, st.user, session_id)
        debrief = practice.debrief_of(row)
        if debrief is None:
            fail(f"'{session_id}' is not finished yet; resume it with: hireloop loop resume {session_id}")
        console().print(Markdown(debrief_markdown(debrief, practice.loop_of(row).rounds)))
        console().print(f"\nExport: hireloop debrief export {session_id} --format pdf --out debrief.pdf")


def register(app: typer.Typer) -> None:
    @app.command()
    def practice(
        ctx: typer.Context,
        round_id: Annotated[
            str | None, typer.Option("--round", help="Round id for a random question.")
        ] = None,
        question_id: Annotated[str | None, typer.Option("--question", help="A bank question id.")] = None,
        seed: Annotated[int | None, typer.Option(help="Seed for the random pick.")] = None,
        timed: Annotated[bool, typer.Option(help="Run the round against the clock (45 or 30 min).")] = False,
        editor: Annotated[bool, typer.Option("--editor", help="Write answers in $EDITOR.")] = False,
        engine: Annotated[str, typer.Option(help=ENGINE_HELP)] = "rubric",
        story: Annotated[
            str | None,
            typer.Option(
                metavar="ID",
                help="Tell a story from your bank in a behavioral round; its grade goes back on the story.",
            ),
        ] = None,
        audio_dir: Annotated[
            Path | None,
            typer.Option(
                "--audio-dir",
                help="Spoken answers: the first recording (by name) answers the question, "
                "the next ones the probes.",
            ),
        ] = None,
    ) -> None:
        """One mock round: a question, your answer, the interviewer's probes, and the verdict."""
        import random

        from hireloop.interview import practice as service
        from hireloop.vocab import ROUNDS

        st = state(ctx)
        recordings = audio_files(audio_dir) if audio_dir is not None else None
        bank = st.bank()
        initial = ""
        if story is not None:
            from hireloop.stories.bankview import bank_view
            from hireloop.stories.models import telling
            from hireloop.stories.store import StoryNotFound, get_story, story_of

            with st.sessions()() as db:
                try:
                    row = get_story(session=db, user_id=st.user, story_id=story)
                except StoryNotFound as exc:
                    fail(str(exc))
                initial, _ = telling(story_of(row))
                if question_id is None:
                    view = bank_view([row], bank=bank, grader=st.grader("rubric"))
                    fits = [q.id for q in view.matrix.questions if q.cells[row.id].fit != "none"]
                    pool_ids = fits or sorted(q.id for q in bank.by_round("behavioral"))
                    question_id = random.Random(seed).choice(pool_ids)
            round_id = "behavioral"
        if question_id is None:
            if round_id is not None and round_id not in ROUNDS:
                fail(f"unknown round '{round_id}'; expected one of {', '.join(ROUNDS)}")
            pool = sorted(
                (q for q in bank.questions.values() if round_id in (None, q.round)), key=lambda q: q.id
            )
            if not pool:
                fail("the bank has no question for that round")
            question_id = random.Random(seed).choice(pool).id
        else:
            from hireloop.bank import UnknownQuestionError

            try:
                question_id = bank.question(question_id).id
            except UnknownQuestionError as exc:
                fail(str(exc))
        if story is not None and bank.questions[question_id].round != "behavioral":
            fail(f"'{question_id}' is not a behavioral question; a story is told in a behavioral round")
        with st.sessions()() as db:
            row = service.start_practice_round(
                db,
                st.user,
                bank=bank,
                round_id=round_id or "",
                question_id=question_id,
                question_text=None,
                timed=timed,
                story_id=story,
            )
        console().print(
            f"[dim]Round {row.id} (pause with Ctrl+C; resume with hireloop loop resume {row.id})[/]"
        )
        _drive(
            ctx,
            row.id,
            use_editor=editor or bool(os.environ.get("HIRELOOP_USE_EDITOR")),
            engine=engine,
            initial=initial,
            recordings=recordings,
        )

    @loop_app.command("start")
    def loop_start(
        ctx: typer.Context,
        rounds: Annotated[int, typer.Option(min=5, max=7, help="Number of rounds (5-7).")] = 5,
        domain: Annotated[str | None, typer.Option(help="Prefer questions in this domain.")] = None,
        difficulty: Annotated[int | None, typer.Option(min=1, max=3, help="Prefer this difficulty.")] = None,
        seed: Annotated[int | None, typer.Option(help="Seed: the same seed composes the same loop.")] = None,
        repeat: Annotated[bool, typer.Option(help="Allow questions you have already answered.")] = False,
        timed: Annotated[bool, typer.Option(help="Put each round on the clock.")] = False,
        editor: Annotated[bool, typer.Option("--editor", help="Write answers in $EDITOR.")] = False,
        engine: Annotated[str, typer.Option(help=ENGINE_HELP)] = "rubric",
        target: Annotated[
            str | None,
            typer.Option(metavar="ID", help="A target role: its domains and stressed rounds shape the loop."),
        ] = None,
        no_drive: Annotated[
            bool, typer.Option("--no-drive", help="Compose and save the loop, then stop (resume later).")
        ] = False,
    ) -> None:
        """Compose a full loop the way real AI PM loops are built and start it."""
        import secrets

        from hireloop.interview import practice as service
        from hireloop.interview.loop import LoopError
        from hireloop.targets.store import TargetNotFound

        st = state(ctx)
        try:
            with st.sessions()() as db:
                row = service.start_loop(
                    db,
                    st.user,
                    bank=st.bank(),
                    rounds=rounds,
                    domain=domain,
                    difficulty=difficulty,
                    seed=seed if seed is not None else secrets.randbelow(10**6),
                    allow_repeats=repeat,
                    timed=timed,
                    target_id=target,
                )
        except (LoopError, TargetNotFound) as exc:
            fail(str(exc))
        loop = service.loop_of(row)
        from hireloop.vocab import plain

        console().print(f"Loop [bold]{row.id}[/]: " + ", ".join(plain(r.round) for r in loop.rounds))
        if loop.target_id:
            domains = ", ".join(plain(d) for d in loop.domains) or "any"
            console().print(f"[dim]For target {loop.target_id}: domains {domains}[/]")
        for note in loop.notes:
            console().print(f"[yellow]note:[/] {note}")
        if no_drive:
            console().print(f"Saved. Start answering with: hireloop loop resume {row.id}")
            return
        _drive(ctx, row.id, use_editor=editor, engine=engine)

    @loop_app.command("resume")
    def loop_resume(
        ctx: typer.Context,
        session_id: Annotated[
            str | None, typer.Argument(metavar="ID", help="Loop or round id (default: newest unfinished).")
        ] = None,
        editor: Annotated[bool, typer.Option("--editor", help="Write answers in $EDITOR.")] = False,
        engine: Annotated[str, typer.Option(help=ENGINE_HELP)] = "rubric",
    ) -> None:
        """Pick up a paused loop or round where you left it."""
        from hireloop.interview import practice as service
        from hireloop.store import repository as repo

        st = state(ctx)
        with st.sessions()() as db:
            if session_id is None:
                active = [r for r in repo.list_sessions(session=db, user_id=st.user) if r.status == "active"]
                if not active:
                    fail("nothing to resume; start one with: hireloop loop start")
                session_id = active[0].id
            try:
                service.load(db, st.user, session_id)
            except service.SessionNotFound as exc:
                fail(str(exc))
        _drive(ctx, session_id, use_editor=editor, engine=engine)

    @loop_app.command("status")
    def loop_status(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Your loops and rounds: which are paused, which are finished, and their decisions."""
        from hireloop.interview import practice as service
        from hireloop.store import repository as repo

        st = state(ctx)
        items = []
        with st.sessions()() as db:
            for row in repo.list_sessions(session=db, user_id=st.user):
                loop = service.loop_of(row)
                debrief = service.debrief_of(row)
                items.append(
                    {
                        "id": row.id,
                        "kind": row.kind,
                        "status": row.status,
                        "rounds_done": sum(r.finished for r in loop.rounds),
                        "rounds": len(loop.rounds),
                        "decision": debrief.decision if debrief else None,
                        "updated_at": row.updated_at.isoformat(),
                    }
                )
        if as_json:
            emit_json(items)
            return
        from hireloop.cli.render import id_column, table
        from hireloop.vocab import plain

        out = table(id_column([i["id"] for i in items]), "kind", "where it stands", "updated")
        for item in items:
            if item["decision"]:
                standing = f"{plain(item['status'])}: {plain(item['decision'])}"
            else:
                standing = f"{plain(item['status'])}, {item['rounds_done']}/{item['rounds']} rounds"
            out.add_row(item["id"], plain(item["kind"]), standing, item["updated_at"][5:16].replace("T", " "))
        console().print(out)
        if items:
            console().print("[dim]Any unique start of an id works: hireloop debrief show ID[/]")

    @loop_app.command("run")
    def loop_run(
        ctx: typer.Context,
        script: Annotated[
            Path,
            typer.Option("--script", help="YAML list of rounds: round, question, answer, probe_answers."),
        ],
        as_json: Annotated[bool, typer.Option("--json", help="Print the loop document as JSON.")] = False,
        engine: Annotated[str, typer.Option(help=ENGINE_HELP)] = "rubric",
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Grade and print only; store nothing.")
        ] = False,
    ) -> None:
        """Run a scripted loop without prompts; it is saved like an interactive loop unless --dry-run."""
        from hireloop.interview import practice as service
        from hireloop.interview.committee import convene
        from hireloop.interview.script import ScriptError, load_script, loop_document, play_script

        st = state(ctx)
        try:
            scripted = load_script(script)
        except ScriptError as exc:
            fail(str(exc))
        deliveries: dict[int, dict] = {}
        for index, item in enumerate(scripted):
            if item.audio is not None:
                from hireloop.cli.voice import transcribe_or_fail
                from hireloop.voice.recording import report_for

                transcript = transcribe_or_fail(ctx, item.audio)
                scripted[index] = item.model_copy(update={"answer": transcript.text})
                deliveries[index] = {
                    "transcript": transcript.to_json(),
                    "delivery": report_for(transcript, round_id=item.round).to_json(),
                }
        try:
            rounds = play_script(
                scripted, bank=st.bank(), grader=st.grader(engine), phrase=st.phraser(engine)
            )
        except ScriptError as exc:
            fail(str(exc))
        document = loop_document(rounds, convene(rounds, st.bank()))
        for index, spoken in deliveries.items():
            document["rounds"][index] |= spoken
        if not dry_run:
            with st.sessions()() as db:
                row = service.save_played_loop(db, st.user, rounds, bank=st.bank())
            document = {"id": row.id, **document}
        if as_json:
            emit_json(document)
            return
        from rich.markdown import Markdown

        console().print(Markdown(document["debrief_markdown"]))
        if "id" in document:
            typer.echo(f"saved as loop {document['id']} (hireloop debrief show {document['id']})")

    @debrief_app.command("show")
    def debrief_show(ctx: typer.Context, session_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
        """Show the committee debrief of a finished loop or round."""
        from hireloop.interview import practice as service

        try:
            _show_debrief(ctx, session_id)
        except service.SessionNotFound as exc:
            fail(str(exc))

    @debrief_app.command("export")
    def debrief_export(
        ctx: typer.Context,
        session_id: Annotated[str, typer.Argument(metavar="ID")],
        fmt: Annotated[str, typer.Option("--format", help="md or pdf.")] = "md",
        out: Annotated[
            Path | None, typer.Option("--out", help="File to write (default: debrief-ID.md|pdf).")
        ] = None,
    ) -> None:
        """Export a debrief as Markdown or as a PDF committee packet."""
        from hireloop.interview import practice as service
        from hireloop.interview.debrief import debrief_markdown

        if fmt not in ("md", "pdf"):
            fail(f"unknown format '{fmt}'; expected md or pdf")
        st = state(ctx)
        with st.sessions()() as db:
            try:
                row = service.load(db, st.user, session_id)
            except service.SessionNotFound as exc:
                fail(str(exc))
            debrief = service.debrief_of(row)
            rounds = service.loop_of(row).rounds
        if debrief is None:
            fail(f"'{session_id}' is not finished yet; resume it with: hireloop loop resume {session_id}")
        target = out or Path(f"debrief-{session_id[:8]}.{fmt}")
        if fmt == "md":
            target.write_text(debrief_markdown(debrief, rounds), encoding="utf-8")
        else:
            from hireloop.interview.pdf import PdfUnavailable, debrief_pdf

            try:
                target.write_bytes(debrief_pdf(debrief, rounds, created=row.updated_at))
            except PdfUnavailable as exc:
                fail(str(exc))
        typer.echo(f"wrote {target}")

    app.add_typer(loop_app, name="loop")
    app.add_typer(debrief_app, name="debrief")
