"""The ``hireloop`` command: a thin Typer layer over the engines. Heavy imports stay inside commands."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli import (
    admin,
    assess,
    bank,
    coach,
    data,
    drills,
    interview,
    llm,
    plan,
    serve,
    stories,
    targets,
    users,
    voice,
)
from hireloop.cli.common import CliState

app = typer.Typer(
    name="hireloop",
    help="Practise the AI product manager interview loop and hear the truth about your answers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(
    ctx: typer.Context,
    content: Annotated[
        list[Path] | None,
        typer.Option(
            "--content",
            metavar="DIR",
            help="Extra content pack directory (repeatable); adds to HIRELOOP_CONTENT_DIRS.",
        ),
    ] = None,
) -> None:
    ctx.obj = CliState(extra_content=list(content or []))


app.add_typer(bank.app, name="bank")
assess.register(app)
interview.register(app)
drills.register(app)
coach.register(app)
plan.register(app)
llm.register(app)
users.register(app)
serve.register(app)
data.register(app)
targets.register(app)
stories.register(app)
voice.register(app)
admin.register(app)


def main() -> None:
    # pydantic looks for plugins in every installed package's metadata on first use (tens of ms in a full
    # environment); hireloop uses none (a PYDANTIC_DISABLE_PLUGINS already set is left as it is).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A command is a short process whose imports make some 100,000 objects that live until it exits, and
    # next to none that form garbage cycles (grading 114 answers leaves 11 unreachable objects). The cycle
    # collector would walk those objects over and over while the command starts and once more at exit:
    # about 9% of a store-reading command's instructions. `serve` turns it back on; freezing at exit makes
    # the interpreter's final collection skip them (memory is returned to the system all the same).
    gc.disable()
    try:
        app()
    except Exception as exc:
        # Only a command that opened the store can raise SQLAlchemy's errors; the others never pay its import.
        if "sqlalchemy" not in sys.modules:
            raise
        from hireloop.store.database import is_locked, locked_message

        if not is_locked(exc):
            raise
        typer.echo(f"error: {locked_message(exc)}", err=True)
        raise SystemExit(1) from None
    finally:
        gc.freeze()
