"""``hireloop stories ...``: the story bank for the behavioral rounds, each story graded and checked,
and the coverage matrix against the bank's behavioral questions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import console, emit_json, fail, state

app = typer.Typer(help="Your story bank for the behavioral rounds.", no_args_is_help=True)

PartOpt = Annotated[str | None, typer.Option()]


def _story_from_options(base: dict, **parts: str | None):
    from pydantic import ValidationError

    from hireloop.stories.models import Story

    merged = base | {k: v for k, v in parts.items() if v is not None}
    try:
        return Story.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        fail(f"--{'.'.join(str(p) for p in err['loc'])}: {err['msg']}")


def _row_json(row, review=None) -> dict:
    from hireloop.stories.bankview import review_json
    from hireloop.stories.store import practice_of, story_of

    doc = {
        "id": row.id,
        **story_of(row).model_dump(),
        "practice": [p.model_dump(mode="json") for p in practice_of(row)],
        "updated_at": row.updated_at.isoformat(),
    }
    if review is not None:
        doc["review"] = review_json(review)
    return doc


def _print_review(row, review) -> None:
    from rich.markup import escape

    from hireloop.cli.render import GRADE_STYLE
    from hireloop.stories.store import practice_of, story_of
    from hireloop.vocab import STORY_PARTS

    out = console()
    grade = review.grade
    badge = f"[{GRADE_STYLE[grade]}]{grade}[/]" if grade else "[dim]unscorable[/]"
    out.print(f"{badge}  [bold]{escape(row.title)}[/]  [dim]{row.id}[/]")
    story = story_of(row)
    for key, label in STORY_PARTS.items():
        text = getattr(story, key)
        out.print(f"  [cyan]{label}:[/] {escape(text) if text else '[dim]—[/]'}")
    out.print("  [bold]What a committee listens for[/]")
    for check in review.checks:
        mark = "[green]✓[/]" if check.shows else "[red]✗[/]"
        quotes = "; ".join(f"“{escape(q.quote)}”" for q in check.evidence[:2])
        out.print(f"    {mark} {check.label}: {escape(check.why)}" + (f" [dim]{quotes}[/]" if quotes else ""))
    for lack in review.lacks:
        out.print(f"    [yellow]add:[/] {escape(lack)}")
    for p in practice_of(row):
        out.print(
            f"  [dim]told in round {p.session_id[:8]} ({p.question_id or 'free question'}): "
            f"grade {p.grade or '—'}[/]"
        )


@app.command("add")
def stories_add(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Option(help="A short title you will recognise.")] = None,
    from_bullet: Annotated[
        str | None,
        typer.Option("--from-bullet", metavar="TEXT", help="Start from a resume bullet's own words."),
    ] = None,
    situation: PartOpt = None,
    task: PartOpt = None,
    actions: PartOpt = None,
    result: PartOpt = None,
    approach: PartOpt = None,
    data: PartOpt = None,
    metric: PartOpt = None,
    tradeoff: PartOpt = None,
    failure: PartOpt = None,
    guardrail: PartOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the story and its review as JSON.")] = False,
) -> None:
    """Add a story: situation, task, actions, result, and the AI parts (approach, data, metric, trade-off,
    failure, guardrail)."""
    from hireloop.stories.review import review_story
    from hireloop.stories.store import add_story

    base: dict = {}
    if from_bullet:
        from hireloop.stories.from_bullet import story_from_bullet

        base = story_from_bullet(from_bullet).model_dump()
    elif title is None:
        fail("give --title (or --from-bullet TEXT to start from a resume bullet)")
    story = _story_from_options(
        base | ({"title": title} if title else {}),
        situation=situation,
        task=task,
        actions=actions,
        result=result,
        approach=approach,
        data=data,
        metric=metric,
        tradeoff=tradeoff,
        failure=failure,
        guardrail=guardrail,
    )
    st = state(ctx)
    with st.sessions()() as db:
        row = add_story(session=db, user_id=st.user, story=story)
        review = review_story(story, grader=st.grader("rubric"))
        if as_json:
            emit_json(_row_json(row, review))
        else:
            _print_review(row, review)


@app.command("edit")
def stories_edit(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID")],
    title: PartOpt = None,
    situation: PartOpt = None,
    task: PartOpt = None,
    actions: PartOpt = None,
    result: PartOpt = None,
    approach: PartOpt = None,
    data: PartOpt = None,
    metric: PartOpt = None,
    tradeoff: PartOpt = None,
    failure: PartOpt = None,
    guardrail: PartOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the story and its review as JSON.")] = False,
) -> None:
    """Change the parts given; the others stay as they are."""
    from hireloop.stories.review import review_story
    from hireloop.stories.store import StoryNotFound, get_story, story_of, update_story

    st = state(ctx)
    with st.sessions()() as db:
        try:
            row = get_story(session=db, user_id=st.user, story_id=story_id)
        except StoryNotFound as exc:
            fail(str(exc))
        story = _story_from_options(
            story_of(row).model_dump(),
            title=title,
            situation=situation,
            task=task,
            actions=actions,
            result=result,
            approach=approach,
            data=data,
            metric=metric,
            tradeoff=tradeoff,
            failure=failure,
            guardrail=guardrail,
        )
        row = update_story(session=db, user_id=st.user, story_id=story_id, story=story)
        review = review_story(story, grader=st.grader("rubric"))
        if as_json:
            emit_json(_row_json(row, review))
        else:
            _print_review(row, review)


@app.command("list")
def stories_list(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Your stories with their grades."""
    from hireloop.stories.review import review_story
    from hireloop.stories.store import list_stories, story_of

    st = state(ctx)
    with st.sessions()() as db:
        rows = list_stories(session=db, user_id=st.user)
        grader = st.grader("rubric") if rows else None  # an empty bank starts without the grader
        reviews = {r.id: review_story(story_of(r), grader=grader) for r in rows}
        if as_json:
            emit_json([_row_json(r, reviews[r.id]) for r in rows])
            return
        if not rows:
            console().print("No stories yet. Add one with: hireloop stories add --title ... --situation ...")
            return
        from rich.table import Table

        table = Table("id", "title", "grade", "told", "missing")
        for r in rows:
            rv = reviews[r.id]
            told = f"{len(r.practice)}× (last {r.practice[-1].get('grade') or '—'})" if r.practice else "—"
            table.add_row(
                r.id,
                r.title,
                str(rv.grade or "—"),
                told,
                ", ".join(c.label for c in rv.checks if not c.shows) or "—",
            )
        console().print(table)


@app.command("show")
def stories_show(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """A story, its grade as a behavioral answer, what it lacks and where it was practised."""
    from hireloop.stories.review import review_story
    from hireloop.stories.store import StoryNotFound, get_story, story_of

    st = state(ctx)
    with st.sessions()() as db:
        try:
            row = get_story(session=db, user_id=st.user, story_id=story_id)
        except StoryNotFound as exc:
            fail(str(exc))
        review = review_story(story_of(row), grader=st.grader("rubric"))
        if as_json:
            emit_json(_row_json(row, review))
        else:
            _print_review(row, review)


@app.command("remove")
def stories_remove(ctx: typer.Context, story_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Remove a story."""
    from hireloop.stories.store import StoryNotFound, remove_story

    st = state(ctx)
    with st.sessions()() as db:
        try:
            remove_story(session=db, user_id=st.user, story_id=story_id)
        except StoryNotFound as exc:
            fail(str(exc))
    typer.echo(f"removed {story_id}")


@app.command("import")
def stories_import(
    ctx: typer.Context, path: Annotated[Path, typer.Argument(metavar="FILE", help="A Markdown story bank.")]
) -> None:
    """Add every story of a Markdown file (## Title, then ### Situation, ### Task, ...)."""
    from hireloop.stories.markdown import StoryImportError, from_markdown
    from hireloop.stories.store import add_story

    try:
        stories = from_markdown(path.read_text(encoding="utf-8"), name=str(path))
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    except UnicodeDecodeError:
        fail(f"{path}: not UTF-8 text")
    except StoryImportError as exc:
        fail(str(exc))
    st = state(ctx)
    with st.sessions()() as db:
        for story in stories:
            add_story(session=db, user_id=st.user, story=story)
    typer.echo(f"imported {len(stories)} stor{'y' if len(stories) == 1 else 'ies'} from {path}")


@app.command("export")
def stories_export(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: stdout).")] = None,
) -> None:
    """The whole bank as Markdown (import it back with 'hireloop stories import')."""
    from hireloop.stories.markdown import to_markdown
    from hireloop.stories.store import list_stories, story_of

    st = state(ctx)
    with st.sessions()() as db:
        text = to_markdown([story_of(r) for r in list_stories(session=db, user_id=st.user)])
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")


@app.command("matrix")
def stories_matrix(
    ctx: typer.Context,
    target_id: Annotated[
        str | None, typer.Option("--target", metavar="ID", help="Weigh toward a target role.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Which story answers which behavioral question, which questions none covers, which story is
    overused, and the story to write next."""
    from rich.markup import escape

    from hireloop.stories.bankview import bank_view
    from hireloop.stories.store import list_stories
    from hireloop.targets.store import TargetNotFound, get_target, profile_of

    st = state(ctx)
    with st.sessions()() as db:
        profile = None
        if target_id:
            try:
                profile = profile_of(get_target(session=db, user_id=st.user, target_id=target_id))
            except TargetNotFound as exc:
                fail(str(exc))
        view = bank_view(
            list_stories(session=db, user_id=st.user),
            bank=st.bank(),
            grader=st.grader("rubric"),
            target=profile,
        )
    matrix = view.matrix
    if as_json:
        emit_json(matrix.to_json())
        return
    out = console()
    titles = {s.id: s.title for s in matrix.stories}
    covered = len(matrix.questions) - len(matrix.uncovered)
    out.print(
        f"{covered} of {len(matrix.questions)} behavioral questions have a story that answers them well."
    )
    for q in matrix.questions:
        if q.best:
            out.print(f"  [green]✓[/] {q.id}: {escape(titles[q.best])}")
    for q in matrix.uncovered:
        partial = [titles[s] for s, c in q.cells.items() if c.fit == "partial"]
        note = f" (touched by: {escape(', '.join(partial))})" if partial else ""
        out.print(f"  [red]✗[/] {q.id}: needs {escape(q.needs)}{note}")
    for s in matrix.stories:
        if s.overused:
            out.print(
                f"[yellow]Overused:[/] “{escape(s.title)}” is your best answer to {len(s.assigned)} "
                "questions; write more stories."
            )
    if matrix.suggestion:
        out.print(
            f"\n[bold]Write next:[/] {escape(matrix.suggestion.prompt)}\n"
            f"  [dim]{escape(matrix.suggestion.why)}[/]"
        )


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="stories")
