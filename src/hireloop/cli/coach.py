"""``hireloop bullets``: the portfolio and resume bullet coach."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import console, emit_json, fail, state


def register(app: typer.Typer) -> None:
    @app.command()
    def bullets(
        ctx: typer.Context,
        source: Annotated[
            str, typer.Argument(metavar="FILE|-", help="Text, Markdown or PDF resume; - for stdin.")
        ],
        role: Annotated[
            str, typer.Option(help="The target role the bullets are read against.")
        ] = "AI product manager",
        as_json: Annotated[
            bool, typer.Option("--json", help="Print a JSON list of reviewed bullets.")
        ] = False,
        target: Annotated[
            str | None,
            typer.Option(metavar="ID", help="A target role: which of its requirements the bullets show."),
        ] = None,
    ) -> None:
        """Grade each resume bullet, show what it lacks, and give a rewrite scaffold that invents nothing."""
        from hireloop.assess import default_grader
        from hireloop.coach.extract import ResumeError, bullets_from_text, read_resume, read_resume_file
        from hireloop.coach.review import review_bullet, summarise

        try:
            text = (
                read_resume(sys.stdin.buffer.read(), "stdin")
                if source == "-"
                else read_resume_file(Path(source))
            )
            found = bullets_from_text(text)
        except ResumeError as exc:
            fail(str(exc))
        if not found:
            fail(f"no bullets found in {source}; put one bullet per line (list markers allowed)")
        profile = None
        if target:
            from hireloop.targets.store import TargetNotFound, get_target, profile_of

            st = state(ctx)
            with st.sessions()() as db:
                try:
                    row = get_target(session=db, user_id=st.user, target_id=target)
                except TargetNotFound as exc:
                    fail(str(exc))
                profile = profile_of(row)
                role = row.title or role
        reviews = [review_bullet(b.text, role=role, grader=default_grader(), line=b.line) for b in found]
        reqs = None
        if profile is not None:
            from hireloop.coach.requirements import requirements

            reqs = requirements(profile, reviews)
        if as_json:
            if reqs is None:
                emit_json([r.to_json() for r in reviews])
            else:
                emit_json(
                    {
                        "bullets": [r.to_json() for r in reviews],
                        "requirements": [dict(r.model_dump(), met=r.met) for r in reqs],
                    }
                )
            return
        bank = state(ctx).bank()
        summary = summarise(reviews, bank)
        titles = {q: bank.questions[q].title for s in summary.stories for q in s.questions}
        _print(reviews, summary, source, titles)
        if reqs is not None:
            _print_requirements(reqs)


def _print_requirements(reqs) -> None:
    from rich.markup import escape

    out = console()
    out.print("\n[bold]Against the target role[/]")
    for r in reqs:
        if r.met:
            e = r.evidence[0]
            out.print(f"  [green]✓[/] {escape(r.label)}: “{escape(e.quote)}” (line {e.line})")
        else:
            prepare = escape(r.prepare or "")
            out.print(f"  [red]✗[/] {escape(r.label)}: no bullet shows it. Prepare: {prepare}")


def _print(reviews, summary, source: str, titles: dict[str, str]) -> None:
    from rich.markup import escape

    from hireloop.cli.render import GRADE_STYLE
    from hireloop.vocab import COMPETENCY_LABELS, FLAG_LABELS
    from hireloop.words import shorten

    out = console()
    out.print(
        f"[dim]Took {len(reviews)} bullet(s) from {source}: lines "
        + ", ".join(str(r.line) for r in reviews)
        + "[/]\n"
    )
    for r in reviews:
        grade = r.assessment.grade
        line = f"line {r.line}: " if r.line else ""
        badge = f"[{GRADE_STYLE[grade]}]grade {grade}/4[/]" if grade else "[dim]not graded[/]"
        out.print(f"{line}{escape(r.text)}")
        out.print(f"     {badge}")
        for flag in r.assessment.flags:
            out.print(f"     [red]{FLAG_LABELS[flag.id]}[/]: {escape(flag.reason)}")
        marks = []
        for item in r.checklist.values():
            symbol = {"shows": "[green]✓[/]", "lacks": "[red]✗[/]", "not needed": "[dim]–[/]"}[item.status]
            marks.append(f"{symbol} {item.label}")
        out.print("     " + " · ".join(marks))
        if r.rewrite:
            out.print(f"     [cyan]rewrite in the strong shape:[/] {escape(r.rewrite)}")
            out.print("     [dim]Every part comes from your bullet; fill in the \\[brackets].[/]")
        if grade and grade >= 3:
            command = f"hireloop stories add --from-bullet {escape(repr(r.text))}"
            out.print(f"     [dim]make it a story: {command}[/]")
        out.print()
    out.print("[bold]Across the resume[/]")
    out.print("  evidenced: " + (", ".join(COMPETENCY_LABELS[c] for c in summary.evidenced) or "nothing yet"))
    out.print("  never shown: " + (", ".join(COMPETENCY_LABELS[c] for c in summary.missing) or "—"))
    for story in summary.stories:
        out.print(f"  prepare the story behind: “{escape(shorten(story.bullet, 90))}”")
        out.print(f"    [dim]{escape(story.why)}[/]")
        if story.questions:
            out.print("    practise with: " + "; ".join(titles.get(q, q) for q in story.questions))
