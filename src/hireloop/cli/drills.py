"""``hireloop drill`` (spaced-repetition concept cards) and ``hireloop exercise`` (metric exercises)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import console, emit_json, fail, state
from hireloop.vocab import plain


def escape_path(path: Path) -> str:
    from rich.markup import escape

    return escape(str(path))


ANKI_HELP = (
    "Write every concept card to this Anki package (.apkg): one note per card with the front, key "
    "points, explanation and tags for topic, round, concept and competency. Notes keep a stable GUID, so "
    "importing a later export updates them instead of adding duplicates. Anki's .apkg import cannot set "
    "scheduling, so your FSRS state (due, stability, difficulty, last review) travels as note fields, not "
    "as Anki's own schedule: the cards start as new in Anki."
)


def register(app: typer.Typer) -> None:
    drill_app = typer.Typer(
        help="Review the concept cards that are due: reveal, rate 1-4, and FSRS reschedules them.",
        invoke_without_command=True,
        no_args_is_help=False,
    )
    app.add_typer(drill_app, name="drill")

    @drill_app.command("export")
    def drill_export(
        ctx: typer.Context,
        anki: Annotated[Path, typer.Option("--anki", metavar="FILE.apkg", help=ANKI_HELP)],
    ) -> None:
        """Export the concept cards, with your FSRS state as note fields, for studying in Anki."""
        from hireloop.drills import store
        from hireloop.drills.anki import build_notes, write_apkg

        if anki.suffix != ".apkg":
            fail(f"{anki}: expected a file name ending in .apkg")
        if not anki.parent.exists():
            fail(f"{anki.parent}: no such directory")
        st = state(ctx)
        bank = st.bank()
        with st.sessions()() as db:
            states = store.load_states(session=db, user_id=st.user)
        notes = build_notes(bank.cards.values(), states, bank.questions.values())
        try:
            count = write_apkg(anki, notes)
        except OSError as exc:
            fail(f"{anki}: cannot write: {exc.strerror or exc}")
        reviewed = sum(1 for c in bank.cards if c in states)
        console().print(
            f"Wrote {count} notes to {escape_path(anki)} ({reviewed} with your FSRS state as note fields). "
            "In Anki: File > Import; re-importing a later export updates these notes."
        )

    @drill_app.callback()
    def drill(
        ctx: typer.Context,
        tag: Annotated[str | None, typer.Option(help="Only cards with this topic or tag.")] = None,
        limit: Annotated[int, typer.Option(min=1, max=200, help="At most this many cards.")] = 20,
    ) -> None:
        """Review the concept cards that are due: reveal, rate 1-4, and FSRS reschedules them."""
        if ctx.invoked_subcommand is not None:
            return
        from rich.markup import escape
        from rich.panel import Panel

        from hireloop.drills import store
        from hireloop.drills.scheduler import due_cards, parse_rating, review

        st = state(ctx)
        cards = st.bank().cards.values()
        if tag and not any(tag == c.topic or tag in c.tags for c in cards):
            topics = sorted({c.topic for c in cards})
            fail(f"no card has topic or tag '{tag}'; topics: {', '.join(topics)}")
        out = console()
        done = 0
        with st.sessions()() as db:
            states = store.load_states(session=db, user_id=st.user)
            queue = due_cards(cards, states, now=datetime.now(UTC), tag=tag, limit=limit)
            if not queue:
                out.print("Nothing is due. Come back later, or add --tag to drill a topic.")
                return
            for index, card in enumerate(queue, 1):
                out.print(
                    Panel(
                        escape(card.front), title=f"{index}/{len(queue)} · {card.topic}", title_align="left"
                    )
                )
                if typer.prompt("Enter to reveal (q to stop)", default="", show_default=False).strip() == "q":
                    break
                if card.key_points:
                    points = "\n".join(f"• {escape(p)}" for p in card.key_points)
                    out.print(Panel(points, title="Key points", title_align="left", border_style="green"))
                out.print(
                    Panel(escape(card.back), title="Explanation", title_align="left", border_style="dim")
                )
                while True:
                    answer = typer.prompt("Rate: 1 again, 2 hard, 3 good, 4 easy (q to stop)")
                    if answer.strip() == "q":
                        break
                    try:
                        rating = parse_rating(answer)
                    except ValueError as exc:
                        out.print(f"[yellow]{exc}[/]")
                        continue
                    result = review(card.id, states.get(card.id), rating, now=datetime.now(UTC))
                    store.save_review(session=db, user_id=st.user, result=result)
                    out.print(f"[dim]next review {result.due:%Y-%m-%d %H:%M} UTC[/]")
                    done += 1
                    break
                if answer.strip() == "q":
                    break
        out.print(f"Reviewed {done} card(s).")

    @app.command()
    def exercise(
        ctx: typer.Context,
        kind: Annotated[
            str,
            typer.Option(
                "--kind",
                help="classification, threshold, ranking_auc, ranking_topk, regression, ab_test, "
                "token_cost, eval_interval or rater_agreement.",
            ),
        ],
        seed: Annotated[int | None, typer.Option(help="Seed: the same seed gives the same exercise.")] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the exercise with its answer as JSON.")
        ] = False,
    ) -> None:
        """A metric exercise with an exact answer; without --json, solve it here and see the working."""
        import secrets

        from rich.markup import escape

        from hireloop.drills.exercises import KINDS, check, generate

        if kind not in KINDS:
            fail(f"unknown kind '{kind}'; expected one of {', '.join(KINDS)}")
        seed = seed if seed is not None else secrets.randbelow(10**6)
        ex = generate(kind, seed)
        if as_json:
            emit_json(ex.to_json())
            return
        out = console()
        out.print(f"[bold]{plain(kind)}[/] · seed {seed}\n")
        out.print(escape(ex.prompt) + "\n")
        responses = {q.key: typer.prompt(q.label) for q in ex.questions}
        result = check(ex, responses)
        for item in result.results.values():
            mark = "[green]✓[/]" if item.correct else "[red]✗[/]"
            out.print(f"{mark} {escape(item.feedback)}")
        out.print("\n[bold]Working[/]\n" + escape(ex.explanation))
        from hireloop.drills import store

        with state(ctx).sessions()() as db:
            store.record_attempt(
                session=db,
                user_id=state(ctx).user,
                kind=kind,
                seed=seed,
                correct=result.correct,
                detail={"responses": responses},
            )
