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

        password = _read_password(password_stdin)
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

    @user_app.command("reset-password")
    def reset_password_(
        ctx: typer.Context,
        user_id: Annotated[str, typer.Argument(metavar="ID")],
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the new password from stdin.")
        ] = False,
    ) -> None:
        """Set a new password; every browser signed in as this user is signed out."""
        from hireloop.accounts import reset_password

        password = _read_password(password_stdin)
        _change(ctx, lambda db: reset_password(session=db, user_id=user_id, password=password))
        typer.echo(f"new password for '{user_id}'; existing sign-ins ended")

    @user_app.command("set-role")
    def set_role_(
        ctx: typer.Context,
        user_id: Annotated[str, typer.Argument(metavar="ID")],
        role: Annotated[str, typer.Argument(help="member or coach.")],
    ) -> None:
        """Promote to coach or demote to member; the user signs in again."""
        from hireloop.accounts import set_role

        _change(ctx, lambda db: set_role(session=db, user_id=user_id, role=role))
        typer.echo(f"'{user_id}' is now a {role}; existing sign-ins ended")

    @user_app.command("disable")
    def disable(ctx: typer.Context, user_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
        """Stop an account from signing in and end its sign-ins; its data stays."""
        from hireloop.accounts import set_disabled

        _change(ctx, lambda db: set_disabled(session=db, user_id=user_id, disabled=True))
        typer.echo(f"'{user_id}' is disabled and signed out everywhere")

    @user_app.command("enable")
    def enable(ctx: typer.Context, user_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
        """Let a disabled account sign in again."""
        from hireloop.accounts import set_disabled

        _change(ctx, lambda db: set_disabled(session=db, user_id=user_id, disabled=False))
        typer.echo(f"'{user_id}' can sign in again")

    @user_app.command("remove")
    def remove(
        ctx: typer.Context,
        user_id: Annotated[str, typer.Argument(metavar="ID")],
        yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    ) -> None:
        """Delete an account and all of its answers, sessions and drill history."""
        from hireloop.accounts import remove_user

        if not yes and not typer.confirm(f"Delete '{user_id}' and everything it stored?"):
            fail("nothing removed")
        counts: dict[str, int] = {}
        _change(ctx, lambda db: counts.update(remove_user(session=db, user_id=user_id)))
        stored = sum(n for table, n in counts.items() if table != "sign_ins")
        typer.echo(f"'{user_id}' removed with {stored} stored rows")

    app.add_typer(user_app, name="user")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _change(ctx: typer.Context, action) -> None:
    from hireloop.accounts import AccountError

    try:
        with state(ctx).sessions()() as db:
            action(db)
    except AccountError as exc:
        fail(str(exc))
