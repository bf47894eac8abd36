"""``hireloop export`` / ``hireloop import``: all of a user's data as one versioned JSON document,
written and read as a stream (memory stays flat), with progress bars on a terminal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import fail, state


@contextmanager
def progress_bars() -> Iterator[object]:
    """A ``Progress`` callback drawing one Rich bar per step on stderr; silent when stderr is no terminal.

    The "checking" step counts bytes of the file, the others records; empty sections get no bar.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    console = Console(stderr=True)
    bars = Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[amount]}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    tasks: dict[str, object] = {}

    def update(step: str, done: int, total: int) -> None:
        if not total:
            return
        amount = f"{done / 1e6:,.0f}/{total / 1e6:,.0f} MB" if step == "checking" else f"{done:,}/{total:,}"
        if step not in tasks:
            label = {"checking": "checking the file", "totals": "progress totals"}.get(
                step, step.replace("_", " ")
            )
            tasks[step] = bars.add_task(label, total=total, amount=amount)
        bars.update(tasks[step], completed=done, total=total, amount=amount)  # type: ignore[arg-type]

    with bars:
        yield update


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        ctx: typer.Context,
        out: Annotated[Path, typer.Option("--out", help="File to write (JSON).")],
        with_audio: Annotated[
            bool, typer.Option("--with-audio", help="Carry the recordings of spoken answers too.")
        ] = False,
    ) -> None:
        """Export answers, assessments, sessions and drill state to one JSON file."""
        from hireloop.store.transfer import write_export
        from hireloop.voice.transfer import audio_records

        user, settings = state(ctx).user, state(ctx).settings()
        tmp = out.with_name(out.name + ".tmp")
        with state(ctx).sessions()() as session:
            extra = (
                {"audio": lambda: audio_records(session=session, settings=settings, user_id=user)}
                if with_audio
                else {}
            )
            try:
                with tmp.open("w", encoding="utf-8") as handle, progress_bars() as progress:
                    counts = write_export(
                        session=session, user_id=user, out=handle, extra=extra, progress=progress
                    )
                tmp.replace(out)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                fail(f"cannot write {out}: {exc.strerror or exc}")
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        summary = ", ".join(
            f"{counts[k]} {k}" for k in ("answers", "assessments", "sessions", "drill_states")
        )
        if with_audio:
            summary += f", {counts['audio']} recordings"
        typer.echo(f"exported {summary} to {out}")

    @app.command("import")
    def import_(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by 'hireloop export'.")],
    ) -> None:
        """Import a hireloop export; rows already present are kept as they are."""
        from hireloop.store.transfer import ImportFormatError, import_file
        from hireloop.voice.transfer import AudioSection

        if not file.is_file():
            reason = "no such file" if not file.exists() else "not a file"
            fail(f"cannot read {file}: {reason}")
        try:
            with state(ctx).sessions()() as session, progress_bars() as progress:
                added = import_file(
                    session=session,
                    user_id=state(ctx).user,
                    path=file,
                    extras={"audio": AudioSection(state(ctx).settings())},
                    progress=progress,
                )
        except OSError as exc:
            fail(f"cannot read {file}: {exc.strerror or exc}")
        except ImportFormatError as exc:
            fail(f"{file}: {exc}; nothing was imported")
        recordings = added.pop("audio", 0)
        summary = ", ".join(f"{n} {k}" for k, n in added.items())
        if recordings:
            summary += f", {recordings} recordings"
        typer.echo("imported " + summary)
