"""``hireloop target ...``: roles read from job descriptions, corrected by the user, and the extraction's
own measurement on labeled descriptions."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import console, emit_json, fail, state

app = typer.Typer(help="Target roles read from job descriptions.", no_args_is_help=True)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--date: expected YYYY-MM-DD, got '{value}'")


def target_json(row) -> dict:
    from hireloop.targets.store import corrections_of, profile_of

    return {
        "id": row.id,
        "company": row.company,
        "title": row.title,
        "interview_date": row.interview_date.isoformat() if row.interview_date else None,
        "profile": profile_of(row).model_dump(mode="json"),
        "corrections": corrections_of(row).model_dump(exclude_none=True),
        "created_at": row.created_at.isoformat(),
    }


def _print_profile(row) -> None:
    from rich.markup import escape

    from hireloop.targets.store import profile_of, target_summary
    from hireloop.vocab import COMPETENCY_LABELS, LEVELS, ROUNDS, SKILLS, TARGET_DOMAINS

    profile = profile_of(row)
    out = console()
    out.print(f"[bold]{escape(target_summary(row))}[/]  [dim]{row.id}[/]")

    def line(name: str, findings, labels) -> None:
        if not findings:
            out.print(f"  {name}: [dim]none found[/]")
            return
        out.print(f"  {name}:")
        for f in findings:
            mark = " [cyan](your correction)[/]" if f.source == "corrected" else ""
            quotes = "; ".join(f"“{escape(q.quote)}” @{q.start}" for q in f.evidence[:3])
            out.print(f"    {labels.get(f.id, f.id)}{mark}" + (f"  [dim]{quotes}[/]" if quotes else ""))

    line("Domains", profile.domains, TARGET_DOMAINS)
    line("Level", [profile.level] if profile.level else [], LEVELS)
    line("Rounds it stresses", profile.rounds, ROUNDS)
    line("Competencies", profile.competencies, COMPETENCY_LABELS)
    line("Named skills", profile.skills, SKILLS)
    if not profile.ai_role:
        out.print("  [yellow]This does not read as an AI role.[/]")
    for note in profile.notes:
        out.print(f"  [yellow]note:[/] {escape(note)}")
    if profile.responsibilities:
        out.print("  Responsibilities:")
        for q in profile.responsibilities:
            out.print(f"    - {escape(q.quote)}")


@app.command("add")
def target_add(
    ctx: typer.Context,
    jd: Annotated[
        str,
        typer.Option(
            "--jd", metavar="FILE|-", help="The job description: text, Markdown or PDF; - for stdin."
        ),
    ],
    company: Annotated[str, typer.Option(help="The company (shown beside the title).")] = "",
    when: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The interview date.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the target as JSON.")] = False,
    engine: Annotated[
        str, typer.Option(help="lexicon (offline, default) or llm (the configured endpoint proposes).")
    ] = "lexicon",
) -> None:
    """Read a job description into a target role: domains, level, rounds, skills, with quotes."""
    from hireloop.coach.extract import ResumeError, read_resume, read_resume_file
    from hireloop.targets.extract import JobDescriptionError, check_job_description
    from hireloop.targets.store import add_target

    interview = _date(when)
    try:
        if jd == "-":
            text = read_resume(sys.stdin.buffer.read(), "stdin", "job description")
        else:
            text = read_resume_file(Path(jd), "job description")
        check_job_description(text, name=jd if jd != "-" else "stdin")
    except (ResumeError, JobDescriptionError) as exc:
        fail(str(exc))
    if engine not in ("lexicon", "llm"):
        fail(f"unknown engine '{engine}'; expected lexicon or llm")
    st = state(ctx)
    profile = None
    if engine == "llm":
        from hireloop.llm.client import LLMClient, LLMUnavailable
        from hireloop.targets.llm import read_with_llm

        try:
            client = LLMClient(st.settings())
        except LLMUnavailable as exc:
            fail(str(exc))
        typer.echo(f"The job description is sent to {client.endpoint}.", err=True)
        profile = read_with_llm(text, client)
    with st.sessions()() as db:
        row = add_target(
            session=db, user_id=st.user, text=text, company=company, interview_date=interview, profile=profile
        )
        if as_json:
            emit_json(target_json(row))
            return
        _print_profile(row)
        console().print(f"\nCorrect any field: hireloop target correct {row.id} --domains ... --level ...")


@app.command("list")
def target_list(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Your target roles, earliest interview first."""
    from hireloop.targets.store import list_targets, profile_of
    from hireloop.vocab import LEVELS, TARGET_DOMAINS

    st = state(ctx)
    with st.sessions()() as db:
        rows = list_targets(session=db, user_id=st.user)
        if as_json:
            emit_json([target_json(r) for r in rows])
            return
        if not rows:
            console().print("No target roles yet. Add one with: hireloop target add --jd posting.txt")
            return
        from rich.table import Table

        table = Table("id", "role", "company", "date", "level", "domains")
        for r in rows:
            p = profile_of(r)
            table.add_row(
                r.id,
                r.title,
                r.company,
                r.interview_date.isoformat() if r.interview_date else "—",
                LEVELS[p.level.id] if p.level else "—",
                ", ".join(TARGET_DOMAINS.get(d.id, d.id) for d in p.domains) or "—",
            )
        console().print(table)


@app.command("show")
def target_show(
    ctx: typer.Context,
    target_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """A target role with the evidence for every field."""
    from datetime import UTC, datetime

    from hireloop.plan.progress import load_report
    from hireloop.targets.store import TargetNotFound, get_target, readiness_for
    from hireloop.vocab import COMPETENCY_LABELS

    st = state(ctx)
    with st.sessions()() as db:
        try:
            row = get_target(session=db, user_id=st.user, target_id=target_id)
        except TargetNotFound as exc:
            fail(str(exc))
        readiness = readiness_for(row, load_report(db, st.user, st.bank(), now=datetime.now(UTC)).readiness)
        if as_json:
            emit_json(target_json(row) | {"readiness": readiness})
            return
        _print_profile(row)
        console().print("  Your readiness for this role:")
        for r in readiness:
            score = "not measured yet" if r["score"] is None else f"{r['score']} / 4"
            console().print(f"    {COMPETENCY_LABELS[r['id']]}: {score}")


@app.command("correct")
def target_correct(
    ctx: typer.Context,
    target_id: Annotated[str, typer.Argument(metavar="ID")],
    domains: Annotated[str | None, typer.Option(help="Comma-separated domain ids (empty for none).")] = None,
    level: Annotated[str | None, typer.Option(help="mid, senior, staff or group.")] = None,
    rounds: Annotated[str | None, typer.Option(help="Comma-separated round ids.")] = None,
    competencies: Annotated[str | None, typer.Option(help="Comma-separated competency ids.")] = None,
    skills: Annotated[str | None, typer.Option(help="Comma-separated skill ids.")] = None,
    company: Annotated[str | None, typer.Option(help="The company.")] = None,
    title: Annotated[str | None, typer.Option(help="The role's title.")] = None,
    when: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The interview date.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the target as JSON.")] = False,
) -> None:
    """Correct what was read from the job description; corrections are kept."""
    from hireloop.targets.models import CorrectionError, parse_corrections
    from hireloop.targets.store import TargetNotFound, correct_target

    interview = _date(when)
    try:
        corrections = parse_corrections(
            {
                "domains": domains,
                "level": level,
                "rounds": rounds,
                "competencies": competencies,
                "skills": skills,
            }
        )
    except CorrectionError as exc:
        fail(str(exc))
    st = state(ctx)
    with st.sessions()() as db:
        try:
            row = correct_target(
                session=db,
                user_id=st.user,
                target_id=target_id,
                corrections=corrections,
                company=company,
                title=title,
                interview_date=interview,
            )
        except TargetNotFound as exc:
            fail(str(exc))
        if as_json:
            emit_json(target_json(row))
        else:
            _print_profile(row)


@app.command("remove")
def target_remove(ctx: typer.Context, target_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Remove a target role (its loops stay)."""
    from hireloop.targets.store import TargetNotFound, remove_target

    st = state(ctx)
    with st.sessions()() as db:
        try:
            remove_target(session=db, user_id=st.user, target_id=target_id)
        except TargetNotFound as exc:
            fail(str(exc))
    typer.echo(f"removed {target_id}")


@app.command("eval")
def target_eval(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="YAML list of labeled job descriptions.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Measure extraction on labeled job descriptions: per-field precision and recall, level accuracy."""
    from hireloop.targets.evaluation import LabelError, evaluate, load_labeled

    try:
        report = evaluate(load_labeled(path))
    except LabelError as exc:
        fail(str(exc))
    if as_json:
        emit_json(report)
        return
    out = console()
    out.print(f"{report['items']} job descriptions from {path}")
    for field in ("domains", "rounds"):
        s = report[field]
        out.print(f"  {field}: precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}")
    out.print(
        f"  level accuracy {report['level_accuracy']:.3f}   AI-role accuracy {report['ai_role_accuracy']:.3f}"
    )
    for miss in report["misses"]:
        out.print(f"  [dim]{miss}[/]")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="target")
