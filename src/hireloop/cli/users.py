"""``hireloop user``: accounts for multi-user mode, where a coach hosts hireloop for a cohort."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from hireloop.cli.common import console, emit_json, fail, state

user_app = typer.Typer(help="Accounts for multi-user mode (a coach hosting a cohort).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    @user_app.command("add")
    def add(
        ctx: typer.Context,
        user_id: Annotated[str, typer.Argument(metavar="ID", help="Sign-in name, e.g. ana.")],
        role: Annotated[str, typer.Option(help="member or coach (coaches see the cohort page).")] = "member",
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from stdin.")
        ] = False,
    ) -> None:
        """Create an account, or reset its password and role."""
        from hireloop.accounts import AccountError, create_user

        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        try:
            with state(ctx).sessions()() as db:
                create_user(session=db, user_id=user_id, password=password, role=role)
        except AccountError as exc:
            fail(str(exc))
        typer.echo(f"account '{user_id}' ready ({role})")

    @user_app.command("list")
    def list_(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
        """The accounts that can sign in."""
        from hireloop.accounts import accounts

        with state(ctx).sessions()() as db:
            rows = [
                {"id": r.id, "role": r.role, "created_at": r.created_at.isoformat()}
                for r in accounts(session=db)
            ]
        if as_json:
            emit_json(rows)
            return
        for row in rows:
            console().print(f"{row['id']:<24} {row['role']:<8} {row['created_at'][:10]}")

    app.add_typer(user_app, name="user")
