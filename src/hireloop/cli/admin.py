"""``hireloop admin``: maintenance of the store (rebuild the history aggregates, grade stray answers)."""

from __future__ import annotations

from typing import Annotated

import typer

from hireloop.cli.common import emit_json, state

admin_app = typer.Typer(help="Maintenance of the store.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    @admin_app.command("rebuild-stats")
    def rebuild_stats(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
        """Recompute every user's progress totals from the stored answers and assessments."""
        from hireloop.store.stats import rebuild_all

        with state(ctx).sessions()() as db:
            done = rebuild_all(session=db)
        if as_json:
            emit_json({"users": len(done), "answers": sum(done.values()), "per_user": done})
            return
        typer.echo(
            f"rebuilt progress totals for {len(done)} user(s) from {sum(done.values())} graded answers"
        )

    @admin_app.command("grade-pending")
    def grade_pending(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
        """Grade answers that were stored but never graded (e.g. the process stopped in between)."""
        from hireloop.assess import rubric_grader
        from hireloop.store.pending import grade_pending as run

        st = state(ctx)
        count = run(sessions=st.sessions(), bank=st.bank(), grader=rubric_grader(st.settings()))
        if as_json:
            emit_json({"graded": count})
            return
        typer.echo(f"graded {count} pending answer(s)")

    app.add_typer(admin_app, name="admin")
