"""The delivery report: how an answer was spoken, from its word timings alone.

Pure: word timings in, a report out. Nothing here touches the substance grade, which judges the
transcript's content.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from hireloop.vocab import DELIVERY_FIGURES

RATE_BAND = (120, 160)  # words per minute
FILLERS_GOOD_PER_MIN = 3.0
HEDGES_GOOD_PER_MIN = 1.0
LONG_PAUSE_SECONDS = 3.0
OPENING_SECONDS = 30.0
CLUSTER_WINDOW_SECONDS = 30.0
CLUSTER_MIN_FILLERS = 3

# Suggested talk time (seconds) for a first pass at each round's question, and for a probe reply.
SUGGESTED_SECONDS: dict[str, tuple[int, int]] = {
    "ml_system_design": (120, 180),
    "ai_product_sense": (120, 180),
    "technical_deep_dive": (60, 120),
    "responsible_ai": (90, 150),
    "behavioral": (90, 150),
    "portfolio_bullet": (30, 90),
}
PROBE_SECONDS = (30, 90)
DEFAULT_SECONDS = (60, 150)

# Fillers: one word, or a phrase. "like" counts only when set off by a comma or a pause, since
# "I like it" and "looks like" are ordinary English.
FILLER_WORDS = {"um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah", "hmm", "mm", "basically", "literally"}
FILLER_PHRASES = (("you", "know"), ("sort", "of"), ("i", "mean"))
HEDGE_PHRASES = (
    ("i", "think", "maybe"),
    ("i", "guess"),
    ("kind", "of"),
    ("i'm", "not", "sure"),
    ("i", "feel", "like"),
    ("maybe",),
    ("perhaps",),
    ("probably",),
    ("hopefully",),
)
# Hearing the shape or the headline first: signposts of structure in the opening seconds.
STRUCTURE_PATTERNS = re.compile(
    r"\b(?:(?:two|three|four|five|2|3|4|5) (?:things|parts|steps|areas|points|pillars|questions|phases|ways)"
    r"|my (?:headline|answer|recommendation|approach|plan|take) (?:is|would be)"
    r"|(?:the )?short answer|in short|bottom line|at a high level|first(?:ly)?,? i(?:'ll| will| would|'d)"
    r"|i(?:'ll| will| would|'d) (?:start|structure|break|cover|walk|organi[sz]e|frame|focus)"
    r"|let me (?:structure|outline|walk|break|frame|start)|i recommend|i would recommend|i'd recommend"
    r"|here's (?:my|the) (?:plan|structure|approach|headline))\b"
)


@dataclass(frozen=True)
class TimedWord:
    """One spoken word as the transcriber heard it; times in seconds from the start of the audio."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Moment:
    at: float  # seconds into the answer
    text: str
    seconds: float = 0.0


@dataclass(frozen=True)
class Figure:
    """One delivery figure with what good looks like and why it matters."""

    id: str
    label: str
    value: str
    status: str  # "good" or "watch"
    good: str
    why: str


@dataclass(frozen=True)
class DeliveryReport:
    words: int
    speaking_seconds: float
    words_per_minute: float
    fillers: int
    fillers_per_minute: float
    filler_counts: dict[str, int]
    filler_clusters: list[Moment]
    long_pauses: list[Moment]
    hedges: int
    hedges_per_minute: float
    hedge_examples: list[Moment]
    opening: str
    structure_first: bool
    structure_signpost: str | None
    suggested_seconds: tuple[int, int]
    figures: list[Figure] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["suggested_seconds"] = list(self.suggested_seconds)
        return doc

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> DeliveryReport:
        return cls(
            **{
                **doc,
                "filler_clusters": [Moment(**m) for m in doc["filler_clusters"]],
                "long_pauses": [Moment(**m) for m in doc["long_pauses"]],
                "hedge_examples": [Moment(**m) for m in doc["hedge_examples"]],
                "suggested_seconds": tuple(doc["suggested_seconds"]),
                "figures": [Figure(**f) for f in doc["figures"]],
            }
        )


def suggested_length(round_id: str | None, *, probe: bool = False) -> tuple[int, int]:
    if probe:
        return PROBE_SECONDS
    return SUGGESTED_SECONDS.get(round_id or "", DEFAULT_SECONDS)


def _norm(text: str) -> str:
    return re.sub(r"[^\w']+", "", text.lower().replace("’", "'"))


def _set_off(words: Sequence[TimedWord], i: int) -> bool:
    """A word set off by punctuation or a short pause on either side: how spoken fillers sound."""
    before = i > 0 and (
        words[i - 1].text.rstrip()[-1:] in ",.?!;:…-" or words[i].start - words[i - 1].end > 0.3
    )
    after = words[i].text.rstrip()[-1:] in ",.?!;:…-" or (
        i + 1 < len(words) and words[i + 1].start - words[i].end > 0.3
    )
    return bool(before or after or i == 0)


def _match(tokens: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(tokens[i : i + len(phrase)]) == phrase


def find_fillers(words: Sequence[TimedWord]) -> list[Moment]:
    tokens = [_norm(w.text) for w in words]
    found: list[Moment] = []
    i = 0
    while i < len(tokens):
        phrase = next((p for p in FILLER_PHRASES if _match(tokens, i, p)), None)
        if phrase is not None:
            found.append(Moment(at=words[i].start, text=" ".join(phrase)))
            i += len(phrase)
            continue
        if tokens[i] in FILLER_WORDS or (tokens[i] == "like" and _set_off(words, i)):
            found.append(Moment(at=words[i].start, text=tokens[i]))
        i += 1
    return found


def find_hedges(words: Sequence[TimedWord]) -> list[Moment]:
    tokens = [_norm(w.text) for w in words]
    found: list[Moment] = []
    i = 0
    while i < len(tokens):
        phrase = next((p for p in HEDGE_PHRASES if _match(tokens, i, p)), None)
        if phrase is None:
            i += 1
            continue
        found.append(
            Moment(at=words[i].start, text=" ".join(w.text.strip(" ,.") for w in words[i : i + len(phrase)]))
        )
        i += len(phrase)
    return found


def find_pauses(words: Sequence[TimedWord], *, longer_than: float = LONG_PAUSE_SECONDS) -> list[Moment]:
    pauses = []
    for before, after in itertools.pairwise(words):
        gap = after.start - before.end
        if gap > longer_than:
            pauses.append(Moment(at=round(before.end, 1), text=before.text.strip(), seconds=round(gap, 1)))
    return pauses


def clusters(moments: Sequence[Moment], *, window: float = CLUSTER_WINDOW_SECONDS) -> list[Moment]:
    """Stretches of ``window`` seconds holding at least CLUSTER_MIN_FILLERS fillers, not overlapping."""
    found: list[Moment] = []
    times = [m.at for m in moments]
    i = 0
    while i < len(times):
        j = i
        while j + 1 < len(times) and times[j + 1] - times[i] <= window:
            j += 1
        count = j - i + 1
        if count >= CLUSTER_MIN_FILLERS:
            found.append(
                Moment(at=round(times[i], 1), text=f"{count} fillers", seconds=round(times[j] - times[i], 1))
            )
            i = j + 1
        else:
            i += 1
    return found


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def delivery_report(
    words: Sequence[TimedWord], *, suggested: tuple[int, int] = DEFAULT_SECONDS
) -> DeliveryReport:
    """Speaking rate, fillers, pauses, hedges, the opening and talk time, each with what good looks like."""
    spoken = [w for w in words if _norm(w.text)]
    speaking = max(spoken[-1].end - spoken[0].start, 0.1) if spoken else 0.0
    minutes = speaking / 60 if speaking else 0.0
    fillers = find_fillers(spoken)
    hedges = find_hedges(spoken)
    pauses = find_pauses(spoken)
    start = spoken[0].start if spoken else 0.0
    opening_words = [w.text.strip() for w in spoken if w.start - start < OPENING_SECONDS]
    opening = " ".join(opening_words)
    signpost = STRUCTURE_PATTERNS.search(" ".join(_norm(t) for t in opening_words).replace("  ", " "))
    wpm = round(len(spoken) / minutes, 1) if minutes else 0.0
    fpm = round(len(fillers) / minutes, 1) if minutes else 0.0
    hpm = round(len(hedges) / minutes, 1) if minutes else 0.0
    low, high = suggested
    figures = [
        Figure(
            id="rate",
            label=DELIVERY_FIGURES["rate"],
            value=f"{wpm:.0f} words per minute",
            status="good" if RATE_BAND[0] <= wpm <= RATE_BAND[1] else "watch",
            good=f"{RATE_BAND[0]}-{RATE_BAND[1]} words per minute",
            why="Slower sounds unsure and eats your time; faster is hard to follow and take notes on.",
        ),
        Figure(
            id="fillers",
            label=DELIVERY_FIGURES["fillers"],
            value=f"{fpm:g} per minute ({len(fillers)} in all)",
            status="good" if fpm <= FILLERS_GOOD_PER_MIN else "watch",
            good=f"{FILLERS_GOOD_PER_MIN:g} or fewer per minute",
            why="A few are natural; past that, interviewers hear nerves instead of the idea. "
            "Replace them with a silent beat.",
        ),
        Figure(
            id="pauses",
            label=DELIVERY_FIGURES["pauses"],
            value=f"{len(pauses)} over {LONG_PAUSE_SECONDS:g} s",
            status="good" if len(pauses) <= 1 else "watch",
            good="at most one, and say what you are thinking about before it",
            why="A short pause to think is fine; long silences read as being stuck unless you signpost them.",
        ),
        Figure(
            id="hedges",
            label=DELIVERY_FIGURES["hedges"],
            value=f"{hpm:g} per minute ({len(hedges)} in all)",
            status="good" if hpm <= HEDGES_GOOD_PER_MIN else "watch",
            good=f"{HEDGES_GOOD_PER_MIN:g} or fewer per minute; hedge only real uncertainty",
            why="Hedging every claim makes a sound recommendation sound like a guess.",
        ),
        Figure(
            id="opening",
            label=DELIVERY_FIGURES["opening"],
            value=f"structure stated ({signpost.group(0)!r})"
            if signpost
            else "no structure or headline heard",
            status="good" if signpost else "watch",
            good="open with the headline or the shape of your answer",
            why="Interviewers follow and score an answer far better when they know where it is going.",
        ),
        Figure(
            id="talk_time",
            label=DELIVERY_FIGURES["talk_time"],
            value=_clock(speaking),
            status="good" if low <= speaking <= high else "watch",
            good=f"{_clock(low)}-{_clock(high)} for this answer",
            why="Too short leaves points unmade; too long leaves no room for the interviewer's probes.",
        ),
    ]
    return DeliveryReport(
        words=len(spoken),
        speaking_seconds=round(speaking, 1),
        words_per_minute=wpm,
        fillers=len(fillers),
        fillers_per_minute=fpm,
        filler_counts=dict(Counter(m.text for m in fillers).most_common()),
        filler_clusters=clusters(fillers),
        long_pauses=pauses,
        hedges=len(hedges),
        hedges_per_minute=hpm,
        hedge_examples=hedges[:5],
        opening=opening,
        structure_first=signpost is not None,
        structure_signpost=signpost.group(0) if signpost else None,
        suggested_seconds=suggested,
        figures=figures,
    )
