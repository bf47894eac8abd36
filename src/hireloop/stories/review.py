"""A story assessed as a behavioral answer: the grader's grade and quotes, and the four things a
committee listens for (ownership, AI judgement, a measured result, a failure owned)."""

from __future__ import annotations

import re

from pydantic import BaseModel

from hireloop.assess.models import Assessment, Grader, GradingRequest
from hireloop.stories.models import Story, TellingSpan, telling
from hireloop.vocab import STORY_PARTS

GENERAL_QUESTION = (
    "Tell me about an AI product or feature you owned: what you decided, how you knew it worked, "
    "and what went wrong along the way."
)
OWN_DECISION = re.compile(
    r"\bI\s+(?:chose|decided|defined|set|picked|selected|prioriti[sz]ed|designed|wrote|scoped|proposed|"
    r"pushed|negotiated|killed|changed|redefined|framed|owned|led|ran|argued|insisted|built|called|"
    r"stopped|paused|rolled|made|convinced|cut|moved|took)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d[\d,.]*\s*(?:%|pp|percent|points|x\b|ms\b|bps|k\b|m\b)?|\$\s?\d")
FROM_TO = re.compile(
    r"\bfrom\s+\S*\d\S*\s+to\s+\S*\d[\d.,]*%?|\d\S*\s*(?:→|->)\s*\S*\d[\d.,]*%?", re.IGNORECASE
)
MIN_FAILURE_WORDS = 8


class Quote(BaseModel):
    quote: str
    start: int
    end: int
    part: str | None = None


class Check(BaseModel):
    key: str
    label: str
    shows: bool
    why: str
    evidence: list[Quote] = []


class StoryReview(BaseModel):
    text: str
    spans: list[TellingSpan]
    assessment: Assessment
    checks: list[Check]
    lacks: list[str]  # what to add, in plain words, most important first

    @property
    def grade(self) -> int | None:
        return self.assessment.grade


def _quote(text: str, m: re.Match[str], offset: int, part: str) -> Quote:
    return Quote(quote=m.group(0), start=offset + m.start(), end=offset + m.end(), part=part)


def _part_offset(spans: list[TellingSpan], part: str) -> int | None:
    return next((s.start for s in spans if s.part == part), None)


def _checks(story: Story, text: str, spans: list[TellingSpan], assessment: Assessment) -> list[Check]:
    comps = {c.id: c for c in assessment.competencies}
    checks: list[Check] = []
    # Ownership: a first-person decision in what the user did or decided.
    own: list[Quote] = []
    for part in ("actions", "tradeoff", "task", "failure"):
        start = _part_offset(spans, part)
        if start is not None:
            own += [_quote(text, m, start, part) for m in OWN_DECISION.finditer(getattr(story, part))]
    flagged = any(f.id == "no_ownership" for f in assessment.flags)
    checks.append(
        Check(
            key="ownership",
            label="Your own decisions",
            shows=bool(own) and not flagged,
            why='A first-person decision ("I chose…", "I pushed…")'
            + (" and no 'no ownership' flag from the grader." if own and not flagged else ": none found."),
            evidence=own[:3],
        )
    )
    # AI judgement: the approach, the data and a trade-off are all there.
    present = [p for p in ("approach", "data", "tradeoff") if getattr(story, p)]
    depth = comps.get("technical_depth")
    ai_ok = len(present) == 3 and not any(f.id == "buzzword_without_depth" for f in assessment.flags)
    missing = [STORY_PARTS[p].lower() for p in ("approach", "data", "tradeoff") if p not in present]
    checks.append(
        Check(
            key="ai_judgement",
            label="Evidence of AI judgement",
            shows=ai_ok,
            why="Names the model or approach, the data and a trade-off you made."
            if ai_ok
            else "Missing: "
            + (", ".join(missing) if missing else "substance (the grader reads it as buzzwords)"),
            evidence=[
                Quote(quote=e.quote, start=e.start, end=e.end) for e in (depth.evidence[:2] if depth else [])
            ],
        )
    )
    # A measured result: a number, ideally before and after.
    result_quotes: list[Quote] = []
    for part in ("metric", "result"):
        start = _part_offset(spans, part)
        if start is not None:
            found = list(FROM_TO.finditer(getattr(story, part))) or list(
                NUMBER.finditer(getattr(story, part))
            )
            result_quotes += [_quote(text, m, start, part) for m in found]
    before_after = any(FROM_TO.search(getattr(story, p)) for p in ("metric", "result"))
    checks.append(
        Check(
            key="measured_result",
            label="A measured result",
            shows=bool(result_quotes),
            why="A number before and after."
            if before_after
            else (
                "A number, but no before-and-after."
                if result_quotes
                else "No number in the metric or result."
            ),
            evidence=result_quotes[:3],
        )
    )
    # A failure owned: what went wrong and what the user changed.
    failure_words = len(story.failure.split())
    start = _part_offset(spans, "failure")
    checks.append(
        Check(
            key="failure_owned",
            label="A failure owned",
            shows=failure_words >= MIN_FAILURE_WORDS,
            why="Says what went wrong and what changed."
            if failure_words >= MIN_FAILURE_WORDS
            else "Say what went wrong and what you changed afterwards.",
            evidence=[Quote(quote=story.failure, start=start, end=start + len(story.failure), part="failure")]
            if start is not None and failure_words >= MIN_FAILURE_WORDS
            else [],
        )
    )
    return checks


def review_story(story: Story, *, grader: Grader, question: str = GENERAL_QUESTION) -> StoryReview:
    """Grade the story as told (its parts in order) with the behavioral rubric, and check it."""
    text, spans = telling(story)
    assessment = grader.assess(GradingRequest(round="behavioral", question=question, answer=text))
    checks = _checks(story, text, spans, assessment)
    lacks = [c.why for c in checks if not c.shows]
    lacks += [
        f"{f.reason}" for f in assessment.flags if f.id not in ("no_ownership", "buzzword_without_depth")
    ]
    if not story.guardrail:
        lacks.append("No guardrail: what stopped the model doing harm when it was wrong?")
    return StoryReview(text=text, spans=spans, assessment=assessment, checks=checks, lacks=lacks)
