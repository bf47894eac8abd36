"""The hiring process from the first recruiter call to an offer: its stages, typical timing and what to
prepare for each, dated from the call when the user knows it.

Pure: the caller passes today's date and, optionally, the day of the first recruiter call.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from hireloop.vocab import RoundId

TYPICAL_WEEKS = (6, 10)
SOURCE = (
    "Typical timing as commonly reported by recruiters and candidates for product manager hiring at "
    "technology companies (as reported in 2025); a company can be faster, or slower when it matches teams."
)


class ProcessStage(BaseModel):
    """One stage, the weeks after the first recruiter call it usually falls in, and how to prepare."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    first_week: int
    last_week: int
    what_happens: str
    prepare: str
    rounds: list[RoundId]
    start: date | None = None
    end: date | None = None


class HiringProcess(BaseModel):
    model_config = ConfigDict(extra="forbid")

    typical_weeks: tuple[int, int]
    first_call: date | None
    current: str | None
    """The id of the stage ``today`` falls in (dated processes only)."""
    stages: list[ProcessStage]
    summary: str
    source: str


STAGES: tuple[tuple[str, str, int, int, str, str, tuple[RoundId, ...]], ...] = (
    (
        "recruiter_call",
        "Recruiter call",
        0,
        1,
        "A 20-30 minute call on your background, why this role, logistics and pay expectations.",
        "A two-minute walk through your background with one AI or data story, your reasons for AI product "
        "work now, and a pay range researched before the call.",
        ("behavioral",),
    ),
    (
        "hiring_manager",
        "Hiring manager screen",
        1,
        3,
        "A conversation with the manager: a past project in depth and a short product question.",
        "Two projects you can take apart (your decisions, the data, how you measured), and your resume "
        "bullets rewritten to name the system, the data and the outcome.",
        ("portfolio_bullet", "ai_product_sense"),
    ),
    (
        "screen",
        "Case or technical screen",
        2,
        4,
        "A product or ML case, a take-home or a timed prototyping exercise, depending on the company.",
        "Metric exercises and technical deep-dive questions; one hour of prototyping a feature with a model, "
        "with a small evaluation set.",
        ("technical_deep_dive", "ml_system_design"),
    ),
    (
        "onsite",
        "Interview loop",
        3,
        6,
        "Four to six interviews in a day or two: product sense, ML system design, technical depth, "
        "responsible AI and behavioural rounds.",
        "Full mock loops at interview length, weakest round first; a story bank that covers every "
        "behavioural theme.",
        ("ai_product_sense", "ml_system_design", "technical_deep_dive", "responsible_ai", "behavioral"),
    ),
    (
        "decision",
        "Debrief and hiring committee",
        5,
        8,
        "Interviewers write up their rounds and a committee or the hiring manager decides; sometimes a "
        "follow-up conversation.",
        "Notes on each round while you remember it, a thank-you note, and references who can speak to "
        "your AI work.",
        (),
    ),
    (
        "offer",
        "Team match, references and offer",
        6,
        10,
        "Reference checks, sometimes matching with a team, then the offer and its negotiation.",
        "Compensation data for the level and location, your priorities beyond pay, and a date by which "
        "you will decide.",
        (),
    ),
)


def hiring_process(*, today: date, first_call: date | None = None) -> HiringProcess:
    """The stages from the first recruiter call to an offer, dated from ``first_call`` when given."""
    for value in (today, first_call):
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            raise TypeError(f"expected a date (not a datetime or text), got {value!r}")
    stages, current = [], None
    for sid, name, first, last, happens, prepare, rounds in STAGES:
        start = end = None
        if first_call is not None:
            start = first_call + timedelta(weeks=first)
            end = first_call + timedelta(weeks=last, days=-1)
            if start <= today <= end:
                current = sid  # later stages overlap earlier ones: the latest one started wins
        stages.append(
            ProcessStage(
                id=sid,
                name=name,
                first_week=first,
                last_week=last,
                what_happens=happens,
                prepare=prepare,
                rounds=list(rounds),
                start=start,
                end=end,
            )
        )
    low, high = TYPICAL_WEEKS
    summary = f"From the first recruiter call to an offer typically takes {low} to {high} weeks."
    if first_call is not None:
        offer_from = first_call + timedelta(weeks=low)
        offer_to = first_call + timedelta(weeks=high)
        summary += (
            f" From a first call on {first_call:%d %b %Y}, expect an offer between {offer_from:%d %b %Y} and "
            f"{offer_to:%d %b %Y}."
        )
        if today > offer_to:
            summary += " That window has passed: ask the recruiter where the process stands."
    return HiringProcess(
        typical_weeks=TYPICAL_WEEKS,
        first_call=first_call,
        current=current,
        stages=stages,
        summary=summary,
        source=SOURCE,
    )
