"""``hireloop plan`` (study plan to the interview date) and ``hireloop progress`` (where you stand)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer

from hireloop.cli.common import console, emit_json, fail, state
from hireloop.vocab import plain

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(grades: list[int]) -> str:
    """Grades 1-4 as a compact bar line."""
    return "".join(SPARK[min(7, (g - 1) * 7 // 3)] for g in grades)


def register(app: typer.Typer) -> None:
    @app.command()
    def today(
        ctx: typer.Context,
        interview_date: Annotated[
            str | None,
            typer.Option("--interview-date", metavar="YYYY-MM-DD", help="Your interview day (remembered)."),
        ] = None,
        role: Annotated[
            str | None, typer.Option("--role", help="The role you are aiming for (remembered).")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """What to do today: cards due, your plan's next item, your last debrief, your weakest round."""
        from hireloop.plan.today import DEFAULT_HOURS
        from hireloop.plan.today import today as what_today
        from hireloop.store import repository as repo

        st = state(ctx)
        with st.sessions()() as db:
            profile = repo.get_profile(session=db, user_id=st.user)
            if interview_date is not None or role is not None:
                when = profile.interview_date if profile else None
                if interview_date is not None:
                    try:
                        when = date.fromisoformat(interview_date) if interview_date else None
                    except ValueError:
                        fail(f"--interview-date: expected YYYY-MM-DD, got '{interview_date}'")
                repo.save_profile(
                    session=db,
                    user_id=st.user,
                    interview_date=when,
                    hours_per_week=(profile.hours_per_week if profile else None) or DEFAULT_HOURS,
                    target_role=role.strip() or None
                    if role is not None
                    else (profile.target_role if profile else None),
                )
                profile = repo.get_profile(session=db, user_id=st.user)
            summary = what_today(db, st.user, st.bank(), now=datetime.now(UTC))
        if as_json:
            emit_json(summary.to_json())
            return
        _print_today(summary, asked=profile is not None)

    @app.command()
    def plan(
        ctx: typer.Context,
        interview_date: Annotated[
            str | None,
            typer.Option(
                "--interview-date",
                metavar="YYYY-MM-DD",
                help="Interview day; without it, a 12- or 18-month transition plan (--months).",
            ),
        ] = None,
        hours_per_week: Annotated[
            float | None, typer.Option("--hours-per-week", help="Hours you can give a week.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
        ical: Annotated[
            Path | None, typer.Option("--ical", help="Also write the plan as an iCalendar file.")
        ] = None,
        targets: Annotated[
            bool,
            typer.Option("--targets", help="Plan toward your target roles' dates, earliest first."),
        ] = False,
        months: Annotated[
            int,
            typer.Option("--months", help="Length of a transition plan (no interview date): 12 or 18."),
        ] = 12,
        process: Annotated[
            bool,
            typer.Option("--process", help="The hiring process from first recruiter call to offer, instead."),
        ] = False,
        recruiter_call: Annotated[
            str | None,
            typer.Option(
                "--recruiter-call",
                metavar="YYYY-MM-DD",
                help="With --process: date the stages from this call.",
            ),
        ] = None,
    ) -> None:
        """A week-by-week plan to the interview from your current readiness (remembered for next time)."""
        from hireloop.plan.planner import TRANSITION_LENGTHS, build_plan, plan_to_ical
        from hireloop.plan.progress import load_report
        from hireloop.store import repository as repo

        st = state(ctx)
        if process or recruiter_call is not None:
            _process(recruiter_call, as_json=as_json)
            return
        if months not in TRANSITION_LENGTHS:
            fail(f"--months: a transition plan is 12 or 18 months long, got {months}")
        if targets:
            _targets_plan(ctx, hours_per_week, as_json=as_json, ical=ical)
            return
        when = None
        if interview_date is not None:
            try:
                when = date.fromisoformat(interview_date)
            except ValueError:
                fail(f"--interview-date: expected YYYY-MM-DD, got '{interview_date}'")
        now = datetime.now(UTC)
        with st.sessions()() as db:
            profile = repo.get_profile(session=db, user_id=st.user)
            when = when or (profile.interview_date if profile else None)
            hours = hours_per_week or (profile.hours_per_week if profile and profile.hours_per_week else 6.0)
            report = load_report(db, st.user, st.bank(), now=now)
            try:
                study = build_plan(
                    report.readiness,
                    today=now.date(),
                    interview_date=when,
                    hours_per_week=hours,
                    drill_due=report.drills.due_now,
                    transition_months=months,
                )
            except ValueError as exc:
                fail(str(exc))
            repo.save_profile(session=db, user_id=st.user, interview_date=when, hours_per_week=hours)
        if ical is not None:
            if not ical.parent.is_dir():
                fail(f"cannot write {ical}: no folder {ical.parent}; create it or choose another path")
            try:
                ical.write_bytes(plan_to_ical(study))
            except OSError as exc:
                fail(f"cannot write {ical}: {exc.strerror or exc}")
        if as_json:
            emit_json(study.model_dump(mode="json"))
            return
        _print_plan(study, ical)

    @app.command()
    def progress(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    ) -> None:
        """Readiness per competency, grade trends per round, drill retention and exercise accuracy."""
        from hireloop.plan.progress import load_report
        from hireloop.voice.trends import load_trends

        st = state(ctx)
        with st.sessions()() as db:
            report = load_report(db, st.user, st.bank(), now=datetime.now(UTC))
            delivery = load_trends(db, st.user)
        if as_json:
            emit_json(report.to_json() | {"delivery_trends": [w.to_json() for w in delivery]})
            return
        _print_progress(report)
        if delivery:
            from rich.table import Table

            table = Table(
                "week of", "answers", "words/min", "fillers/min", "structure first", title="Delivery"
            )
            for w in delivery:
                table.add_row(
                    f"{w.week:%d %b %Y}",
                    str(w.answers),
                    f"{w.words_per_minute:.0f}",
                    f"{w.fillers_per_minute:g}",
                    f"{w.structure_first_share:.0%}",
                )
            console().print(table)


def _targets_plan(ctx: typer.Context, hours: float | None, *, as_json: bool, ical: Path | None) -> None:
    from rich.markup import escape

    from hireloop.plan.planner import plan_to_ical
    from hireloop.plan.progress import load_report
    from hireloop.plan.targets import plan_for_targets
    from hireloop.store import repository as repo
    from hireloop.targets.store import deadlines, list_targets
    from hireloop.vocab import COMPETENCY_LABELS

    st = state(ctx)
    now = datetime.now(UTC)
    with st.sessions()() as db:
        rows = list_targets(session=db, user_id=st.user)
        if not rows:
            fail("no target roles yet; add one with: hireloop target add --jd FILE --date YYYY-MM-DD")
        profile = repo.get_profile(session=db, user_id=st.user)
        hours = hours or (profile.hours_per_week if profile and profile.hours_per_week else 6.0)
        report = load_report(db, st.user, st.bank(), now=now)
        try:
            result = plan_for_targets(
                report.readiness,
                deadlines(rows),
                today=now.date(),
                hours_per_week=hours,
                drill_due=report.drills.due_now,
            )
        except ValueError as exc:
            fail(f"{exc}; set one with: hireloop target correct ID --date YYYY-MM-DD")
    if ical is not None:
        ical.write_bytes(plan_to_ical(result.phases[0].plan))
    if as_json:
        emit_json(result.model_dump(mode="json"))
        return
    out = console()
    out.print(f"[bold]{escape(result.summary)}[/]")
    for note in result.notes:
        out.print(f"[yellow]note:[/] {escape(note)}")
    for phase in result.phases:
        out.rule(f"{phase.name} · {phase.interview_date.isoformat()}")
        if phase.focus:
            out.print("works first on: " + ", ".join(COMPETENCY_LABELS[c].lower() for c in phase.focus))
        if phase.carried:
            done = ", ".join(COMPETENCY_LABELS[c].lower() for c in phase.carried)
            out.print(f"[dim]already worked on for an earlier role: {done}[/]")
        _print_plan(phase.plan, None)


def _process(recruiter_call: str | None, *, as_json: bool) -> None:
    from rich.markup import escape
    from rich.table import Table

    from hireloop.plan.process import hiring_process

    first_call = None
    if recruiter_call:
        try:
            first_call = date.fromisoformat(recruiter_call)
        except ValueError:
            fail(f"--recruiter-call: expected YYYY-MM-DD, got '{recruiter_call}'")
    result = hiring_process(today=datetime.now(UTC).date(), first_call=first_call)
    if as_json:
        emit_json(result.model_dump(mode="json"))
        return
    out = console()
    out.print(f"[bold]{escape(result.summary)}[/]\n")
    table = Table("when", "stage", "what happens", "prepare", show_lines=True)
    for stage in result.stages:
        when = f"weeks {stage.first_week}-{stage.last_week}"
        if stage.start and stage.end:
            when += f"\n{stage.start:%d %b} – {stage.end:%d %b}"
        name = stage.name + (" (you are here)" if stage.id == result.current else "")
        prepare = escape(stage.prepare)
        if stage.rounds:
            prepare += "\n[dim]practise: " + ", ".join(plain(r) for r in stage.rounds) + "[/]"
        table.add_row(when, escape(name), escape(stage.what_happens), prepare)
    out.print(table)
    out.print(f"[dim]{escape(result.source)}[/]")
    if first_call is None:
        out.print("[dim]Date the stages: hireloop plan --process --recruiter-call YYYY-MM-DD[/]")


def _print_plan(study, ical: Path | None) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = console()
    out.print(f"[bold]{escape(study.summary)}[/]\n")
    for line in study.context:
        out.print(f"• {escape(line)}")
    if study.context:
        out.print()
    unit = "Week" if study.kind == "weeks" else "Month"
    for index, week in enumerate(study.weeks, 1):
        table = Table(
            title=f"{unit} {index}: {week.start:%d %b} – {week.end:%d %b} · {escape(week.focus)}",
            title_justify="left",
            show_header=False,
            box=None,
            padding=(0, 1),
        )
        for item in week.items:
            table.add_row(f"{item.day:%a %d %b}", plain(item.kind), escape(item.title), f"{item.minutes} min")
        out.print(table)
        for goal in week.goals:
            out.print(f"   goal: {escape(goal)}")
    for note in study.notes:
        out.print(f"[yellow]note:[/] {escape(note)}")
    if ical:
        out.print(f"\nCalendar written to {ical}")


def _print_today(summary, *, asked: bool) -> None:
    from rich.markup import escape

    from hireloop.vocab import FLAGS

    out = console()
    days = summary.report.estimate.days_left
    goal = escape(summary.target_role) if summary.target_role else "an AI product manager loop"
    out.print(f"[bold]Today[/] · preparing for {goal}" + (f" · {days} days to the interview" if days else ""))
    if not asked:
        out.print(
            "[dim]Tell hireloop your date and role: hireloop today --interview-date YYYY-MM-DD --role ROLE[/]"
        )
    weakest = plain(summary.weakest_round)
    out.print(
        f"\n• Practise your weakest round, {weakest}: hireloop practice --round {summary.weakest_round}"
    )
    if summary.resume_id:
        out.print(f"  or resume your unfinished {plain(summary.resume_kind).lower()}: hireloop loop resume")
    out.print(f"• Cards due: {summary.report.drills.due_now} (hireloop drill)")
    item = summary.next_item
    if item:
        out.print(f"• Next on your plan ({item.day:%a %d %b}, {item.minutes} min): {escape(item.title)}")
    if summary.last_debrief_id:
        concern = summary.top_concern
        out.print(
            f"• Your last debrief: {plain(summary.last_decision)}"
            + (f"; top concern: {plain(concern)} ({FLAGS[concern]})" if concern else "")
        )
        out.print(f"  hireloop debrief show {summary.last_debrief_id[:8]}")


def _print_progress(report) -> None:
    from rich.table import Table

    from hireloop.plan.readiness import TREND_MIN_DAYS, TREND_MIN_POINTS
    from hireloop.vocab import COMPETENCY_LABELS, ROUNDS

    out = console()
    est = report.estimate
    out.print(f"[bold]Readiness {est.overall:.0f}/100 · {est.verdict}[/]  ({report.answers} graded answers)")
    out.print(est.summary)
    table = Table("competency", "score", "", "evidence", "confidence")
    for r in report.readiness:
        bar = "█" * round(r.score * 2) if r.score else ""
        table.add_row(
            COMPETENCY_LABELS[r.id], f"{r.score:.1f}" if r.score else "—", bar, str(r.evidence), r.confidence
        )
    out.print(table)
    trends = Table("round", "grades over time", "last", "per week")
    for round_id, points in report.trends.items():
        if not points:
            continue
        slope = report.slopes.get(round_id)
        trends.add_row(
            ROUNDS[round_id],
            sparkline([g for _, g in points]),
            str(points[-1][1]),
            f"{slope:+.2f}" if slope is not None else "—",
        )
    out.print(trends)
    if any(s is None for s in report.slopes.values()):
        out.print(
            f"[dim]A per-week trend shows once a round has {TREND_MIN_POINTS} grades over "
            f"{TREND_MIN_DAYS:.0f} days or more.[/]"
        )
    d = report.drills
    retention = f"{d.retention:.0%}" if d.retention is not None else "—"
    out.print(f"Drills: {d.reviewed} cards reviewed, {d.due_now} due now, {d.new} new")
    out.print(f"Predicted recall of reviewed cards: {retention}")
    e = report.exercises
    out.print(
        f"Exercises: {e.correct}/{e.attempts} right"
        + "".join(f" · {plain(k)} {c}/{a}" for k, (c, a) in e.by_kind.items())
    )
