"""What every command shares: settings, the bank, the store, JSON output and one-line errors."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from hireloop.bank import Bank
    from hireloop.config import Settings


@dataclass
class CliState:
    extra_content: list[Path] = field(default_factory=list)
    _settings: Settings | None = None
    _bank: Bank | None = None
    _sessions: sessionmaker[Session] | None = None

    def settings(self) -> Settings:
        if self._settings is None:
            from pydantic import ValidationError

            from hireloop.config import Settings

            try:
                self._settings = Settings()
            except ValidationError as exc:
                err = exc.errors()[0]
                fail(f"configuration: HIRELOOP_{str(err['loc'][0]).upper()}: {err['msg']}")
            self._settings.content_dirs = [*self._settings.content_dirs, *self.extra_content]
        return self._settings

    def bank(self) -> Bank:
        if self._bank is None:
            from hireloop.bank import load_bank

            bank, errors = load_bank(self.settings().all_content_dirs())
            if errors:
                for error in errors:
                    typer.echo(str(error), err=True)
                fail(
                    f"{len(errors)} content problem(s); fix them or check with 'hireloop bank validate PATH'"
                )
            self._bank = bank
        return self._bank

    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            from hireloop.store import StoreError, make_engine, session_factory

            try:
                self._sessions = session_factory(make_engine(self.settings()))
            except StoreError as exc:
                fail(str(exc))
        return self._sessions

    def grader(self, engine: str):
        """The grader for --engine, or a one-line error saying what to set or install."""
        from hireloop.assess import EngineError, make_grader

        try:
            return make_grader(engine, self.settings())
        except EngineError as exc:
            fail(str(exc))

    def phraser(self, engine: str):
        from hireloop.assess import make_phraser

        return make_phraser(engine, self.settings())

    @property
    def user(self) -> str:
        return self.settings().user


def state(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = CliState()
    return root.obj


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error on stderr and exit non-zero."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def emit_json(document: Any) -> None:
    """One JSON document on stdout and nothing else."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def console():
    from rich.console import Console

    return Console()


ENGINE_HELP = "rubric (offline, default), llm (the configured endpoint) or ensemble (both, by a stated rule)."
