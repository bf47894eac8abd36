"""``hireloop score`` and ``hireloop eval``: grade one answer, or measure the grader on labeled data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import ENGINE_HELP, console, emit_json, fail, state


def register(app: typer.Typer) -> None:
    @app.command()
    def score(
        ctx: typer.Context,
        round_id: Annotated[
            str | None,
            typer.Option(
                "--round", help="Round id (taken from the bank question when --question-id is given)."
            ),
        ] = None,
        question_id: Annotated[str | None, typer.Option("--question-id", help="A bank question id.")] = None,
        question: Annotated[str | None, typer.Option("--question", help="Your own question text.")] = None,
        answer: Annotated[str | None, typer.Option("--answer", help="The answer text.")] = None,
        answer_file: Annotated[
            Path | None, typer.Option("--answer-file", help="Read the answer from a file.")
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the ASSESSMENT.md JSON document.")
        ] = False,
        save: Annotated[
            bool, typer.Option(help="Store the answer and its assessment in your history.")
        ] = True,
        engine: Annotated[str, typer.Option(help=ENGINE_HELP)] = "rubric",
        audio: Annotated[
            Path | None,
            typer.Option("--audio", help="A spoken answer (wav, mp3, m4a, ogg, webm): transcribed offline."),
        ] = None,
        revises: Annotated[
            str | None,
            typer.Option(
                "--revises",
                help="An earlier answer's id (or a unique start of it): grade this as its new version "
                "and compare.",
            ),
        ] = None,
    ) -> None:
        """Grade one answer (from --answer, --answer-file, --audio or standard input)."""
        from hireloop.assess.models import GradingRequest
        from hireloop.bank import UnknownQuestionError
        from hireloop.vocab import ROUNDS

        earlier = None
        if revises is not None:
            from hireloop.store import repository as repo

            with state(ctx).sessions()() as db:
                earlier = repo.find_answer(session=db, user_id=state(ctx).user, prefix=revises)
            if earlier is None:
                fail(f"no answer of yours with an id starting '{revises}'; see: hireloop export")
            if question_id is None and question is None:
                if earlier.question_id:
                    question_id = earlier.question_id
                else:
                    question, round_id = earlier.question_text, round_id or earlier.round
        if (question_id is None) == (question is None):
            fail("give exactly one of --question-id ID or --question TEXT")
        if sum(x is not None for x in (answer, answer_file, audio)) > 1:
            fail("give at most one of --answer, --answer-file and --audio")
        bank_question = None
        if question_id is not None:
            try:
                bank_question = state(ctx).bank().question(question_id)
            except UnknownQuestionError as exc:
                fail(str(exc))
            if round_id is not None and round_id != bank_question.round:
                fail(f"question '{question_id}' belongs to round {bank_question.round}, not {round_id}")
            round_id = bank_question.round
        if round_id is None:
            fail("--round is required with --question; expected one of " + ", ".join(ROUNDS))
        if round_id not in ROUNDS:
            fail(f"unknown round '{round_id}'; expected one of {', '.join(ROUNDS)}")
        recording = None
        if audio is not None:
            from hireloop.cli.voice import transcribe_or_fail
            from hireloop.voice.recording import Recording

            transcript = transcribe_or_fail(ctx, audio)
            recording = Recording(transcript=transcript, path=audio)
            answer = transcript.text
        elif answer_file is not None:
            try:
                answer = answer_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                fail(f"cannot read {answer_file}: {getattr(exc, 'strerror', None) or exc}")
        elif answer is None:
            if sys.stdin.isatty():
                typer.echo("Type or paste the answer, then Ctrl+D:", err=True)
            answer = sys.stdin.read()
        from hireloop.inputs import clean_text

        answer = clean_text(answer)
        grader = state(ctx).grader(engine)
        request = GradingRequest(
            round=round_id,  # type: ignore[arg-type]
            question=bank_question.prompt if bank_question else question,  # type: ignore[arg-type]
            question_id=bank_question.id if bank_question else None,
            answer=answer,
            rubric=bank_question.rubric.anchors() if bank_question else None,
            must_show=bank_question.rubric.must_show if bank_question else [],
            also=bank_question.rubric.also if bank_question else [],
            notes=bank_question.notes if bank_question else [],
            competencies=bank_question.competencies if bank_question else [],
        )
        comparison, answer_id = None, None
        if save:
            from sqlalchemy.exc import OperationalError

            from hireloop.store.database import is_locked, locked_message

            try:
                document, report, answer_id, comparison = _grade_and_store(
                    ctx, request, grader, recording, earlier=earlier
                )
            except OperationalError as exc:
                if not is_locked(exc):
                    raise
                fail(locked_message(exc) + "; your answer was not stored or graded")
        else:
            document = grader.assess(request).to_contract()
            report = None
            if recording is not None:
                from hireloop.voice.recording import report_for

                report = report_for(recording.transcript, round_id=round_id)
        if as_json:
            if recording is not None and report is not None:
                # The assessment document stays as it is; a spoken answer adds two keys beside it.
                document = {
                    **document,
                    "transcript": recording.transcript.to_json(),
                    "delivery": report.to_json(),
                }
            emit_json(document)
            return
        from hireloop.cli.render import print_assessment, print_comparison

        print_assessment(console(), document)
        low = (document.get("confidence") or {}).get("level") == "low"
        if low and engine == "rubric" and state(ctx).settings().llm_configured:
            console().print("[yellow]Try --engine llm or --engine ensemble for a second reading.[/]")
        if report is not None:
            from hireloop.cli.voice import print_delivery

            print_delivery(report)
        if comparison is not None:
            print_comparison(console(), comparison)
        if answer_id:
            short = answer_id[:8]
            console().print(
                f"[dim]Saved as answer {short}; revise it with: "
                f"hireloop score --revises {short} --answer-file FILE[/]"
            )

    @app.command("eval")
    def eval_(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(metavar="FILE", help="Labeled YAML (dev-answers.yaml format).")],
        as_json: Annotated[
            bool, typer.Option("--json", help='Print {"cases": [...], "metrics": {...}}.')
        ] = False,
        round_id: Annotated[str | None, typer.Option("--round", help="Only the cases of this round.")] = None,
        engine: Annotated[str, typer.Option(help=ENGINE_HELP)] = "rubric",
        by: Annotated[
            str | None,
            typer.Option(
                "--by",
                help="Also report per 'family' (cases that carry one) or per stated 'confidence' level.",
            ),
        ] = None,
    ) -> None:
        """Run the grader over labeled answers and report agreement: QWK, exact, within-one, flag F1."""
        import time

        from hireloop.assess.evaluation import (
            LabeledDataError,
            by_confidence,
            by_family,
            case_result,
            family_targets,
            load_labeled,
            metrics,
        )

        if by not in (None, "family", "confidence"):
            fail(f"--by {by}: expected 'family' or 'confidence'")
        try:
            cases = load_labeled(file)
        except LabeledDataError as exc:
            fail(str(exc))
        if round_id is not None:
            cases = [c for c in cases if c.round == round_id]
            if not cases:
                fail(f"{file} has no case in round '{round_id}'")
        grader = state(ctx).grader(engine)
        questions = state(ctx).bank().questions if any(c.question_id for c in cases) else {}
        started = time.perf_counter()
        if as_json:
            results = [case_result(c, grader.assess(c.request(questions))) for c in cases]
        else:
            from rich.progress import track

            results = [
                case_result(c, grader.assess(c.request(questions)))
                for c in track(cases, description=f"grading ({engine})", console=console(), transient=True)
            ]
        seconds = (time.perf_counter() - started) / len(cases)
        figures = metrics(results)
        if as_json:
            doc = {
                "cases": [r.model_dump(mode="json") for r in results],
                "metrics": figures.model_dump(mode="json"),
                "family_targets": family_targets(results),
            }
            if by == "family":
                doc["by_family"] = {k: v.model_dump(mode="json") for k, v in by_family(results).items()}
            if by == "confidence":
                doc["by_confidence"] = by_confidence(results)
            judged = [r.engine for r in results]
            doc["metrics"] |= {
                "engine": engine,
                "seconds_per_answer": round(seconds, 4),
                "fallbacks_to_rubric": sum(e == "rubric" for e in judged) if engine != "rubric" else 0,
            }
            emit_json(doc)
            return
        _print_report(results, figures)
        if by == "family":
            _print_families(by_family(results), family_targets(results))
        if by == "confidence":
            _print_confidence(by_confidence(results))
        console().print(f"engine {engine} · {seconds:.3f} s per answer")


def _print_confidence(levels: dict[str, dict[str, float]]) -> None:
    from rich.table import Table

    table = Table("stated confidence", "cases", "same grade", "same hire decision")
    for level, row in levels.items():
        table.add_row(level, str(int(row["n"])), f"{row['same_grade']:.0%}", f"{row['same_decision']:.0%}")
    console().print(table)


def _print_families(families, targets) -> None:
    from rich.table import Table

    table = Table("family", "cases", "QWK", "exact", "within one", "flag F1", "target")
    for family, m in families.items():
        t = targets.get(family)
        goal = ""
        if t:
            name = next(k for k in t if k not in ("n", "target"))
            goal = f"{name.replace('_', ' ')}: {t[name]:.0%} (≥ {t['target']:.0%})"
        table.add_row(
            family,
            str(m.n),
            f"{m.qwk:.2f}",
            f"{m.exact:.0%}",
            f"{m.within_one:.0%}",
            f"{m.flag_micro_f1:.2f}",
            goal,
        )
    console().print(table)


def _print_report(results, figures) -> None:
    from rich.table import Table

    out = console()
    table = Table("id", "round", "status", "grade", "expected", "flags (predicted / labeled)")
    for r in results:
        mark = "" if r.grade == r.expected_grade else " [red]≠[/]"
        table.add_row(
            r.id,
            r.round,
            r.status,
            f"{r.grade if r.grade else '—'}{mark}",
            str(r.expected_grade or "—"),
            f"{', '.join(r.flags) or '—'} / {', '.join(r.expected_flags) or '—'}",
        )
    out.print(table)
    out.print(
        f"\n[bold]{figures.n}[/] cases · QWK [bold]{figures.qwk:.3f}[/] · exact {figures.exact:.1%} · "
        f"within one {figures.within_one:.1%} · flag micro-F1 [bold]{figures.flag_micro_f1:.3f}[/] "
        f"(P {figures.flag_micro_precision:.3f}, R {figures.flag_micro_recall:.3f})"
    )
    flags = Table("flag", "precision", "recall", "F1", "labeled", "predicted")
    for flag, s in figures.per_flag.items():
        flags.add_row(
            flag, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support), str(s.predicted)
        )
    out.print(flags)
    confusion = Table("expected \\ graded", "1", "2", "3", "4")
    for grade, row in zip((1, 2, 3, 4), figures.confusion, strict=True):
        confusion.add_row(str(grade), *(str(v) for v in row))
    out.print(confusion)
    if figures.severe_misses:
        out.print(f"[red]severe misses[/]: {', '.join(figures.severe_misses)}")


def _grade_and_store(ctx: typer.Context, request, grader, recording=None, *, earlier=None):
    """Commit the answer (and keep its recording, if spoken), grade it, store the assessment; the answer is
    stored even if grading fails. Returns the document, the delivery report (spoken answers), the answer's
    id and, for a revised answer, its comparison with the previous version."""
    from hireloop.interview.versions import compare, version
    from hireloop.store import repository as repo

    report = comparison = None
    with state(ctx).sessions()() as db:
        row = repo.record_answer(
            session=db,
            user_id=state(ctx).user,
            round_id=request.round,
            question_text=request.question,
            text=request.answer,
            question_id=request.question_id,
            revises=(earlier.revises or earlier.id) if earlier else None,
        )
        if recording is not None:
            from hireloop.voice.recording import keep

            report = keep(recording, settings=state(ctx).settings(), db=db, answer=row)
        document = grader.assess(request).to_contract()
        repo.record_assessment(session=db, answer_id=row.id, document=document)
        if earlier is not None:
            rows = repo.answer_versions(session=db, user_id=state(ctx).user, answer_id=row.id)
            versions = [
                version(
                    n,
                    a.id,
                    a.created_at,
                    getattr(repo.latest_assessment(session=db, answer_id=a.id), "document", None),
                )
                for n, a in enumerate(rows, 1)
            ]
            comparison = compare(versions[-2], versions[-1])
        answer_id = row.id
    return document, report, answer_id, comparison
