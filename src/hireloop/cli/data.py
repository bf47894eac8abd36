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
    ) -> None:
        """Export answers, assessments, sessions and drill state to one JSON file."""
        from hireloop.store.transfer import export_user

        with state(ctx).sessions()() as session:
            doc = export_user(session=session, user_id=state(ctx).user)
        tmp = out.with_name(out.name + ".tmp")
        try:
            tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
            tmp.replace(out)
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror or exc}")
        counts = ", ".join(
            f"{len(doc[k])} {k}" for k in ("answers", "assessments", "sessions", "drill_states")
        )
        typer.echo(f"exported {counts} to {out}")

    @app.command("import")
    def import_(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by 'hireloop export'.")],
    ) -> None:
        """Import a hireloop export; rows already present are kept as they are."""
        from hireloop.store.transfer import ImportFormatError, import_user

        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            fail(f"cannot read {file}: {exc.strerror or exc}")
        except UnicodeDecodeError:
            fail(f"{file}: not a UTF-8 text file; expected a JSON export from 'hireloop export'")
        except json.JSONDecodeError as exc:
            fail(f"{file}:{exc.lineno}: not valid JSON ({exc.msg}); expected a file from 'hireloop export'")
        try:
            with state(ctx).sessions()() as session:
                added = import_user(session=session, user_id=state(ctx).user, doc=doc)
        except ImportFormatError as exc:
            fail(f"{file}: {exc}; nothing was imported")
        typer.echo("imported " + ", ".join(f"{n} {k}" for k, n in added.items()))
