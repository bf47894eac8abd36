"""``hireloop export`` / ``hireloop import``: all of a user's data as one versioned JSON document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import fail, state


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
        from hireloop.store.transfer import export_user
        from hireloop.voice.transfer import add_audio

        with state(ctx).sessions()() as session:
            doc = export_user(session=session, user_id=state(ctx).user)
        recordings = add_audio(doc, settings=state(ctx).settings(), with_audio=with_audio)
        tmp = out.with_name(out.name + ".tmp")
        try:
            tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
            tmp.replace(out)
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror or exc}")
        counts = ", ".join(
            f"{len(doc[k])} {k}" for k in ("answers", "assessments", "sessions", "drill_states")
        )
        if with_audio:
            counts += f", {recordings} recordings"
        typer.echo(f"exported {counts} to {out}")

    @app.command("import")
    def import_(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by 'hireloop export'.")],
    ) -> None:
        """Import a hireloop export; rows already present are kept as they are."""
        from hireloop.store.transfer import ImportFormatError, import_user
        from hireloop.voice.transfer import parse_audio, restore_audio

        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            fail(f"cannot read {file}: {exc.strerror or exc}")
        except UnicodeDecodeError:
            fail(f"{file}: not a UTF-8 text file; expected a JSON export from 'hireloop export'")
        except json.JSONDecodeError as exc:
            fail(f"{file}:{exc.lineno}: not valid JSON ({exc.msg}); expected a file from 'hireloop export'")
        try:
            recordings = parse_audio(doc)
            with state(ctx).sessions()() as session:
                added = import_user(session=session, user_id=state(ctx).user, doc=doc)
                if recordings:
                    added["recordings"] = restore_audio(
                        recordings, settings=state(ctx).settings(), db=session, user=state(ctx).user
                    )
        except ImportFormatError as exc:
            fail(f"{file}: {exc}; nothing was imported")
        typer.echo("imported " + ", ".join(f"{n} {k}" for k, n in added.items()))
