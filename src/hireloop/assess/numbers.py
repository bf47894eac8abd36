# ruff: noqa: E501
"""Figures an answer computes, checked: arithmetic written out, powers, shares of a total, and precision
or recall from counts. Pure: sentences in, the wrong figures (with the right one) out.

Only what can be recomputed from the sentence itself is checked, and a figure counts as right within
rounding (5% relative, or the precision the candidate wrote), so that a good answer is never marked down
for "about 47%" where the exact figure is 46.7%.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from hireloop.assess.text import Span

_NUM = r"\$?\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|k\b|K\b|m\b|M\b|bn\b|b\b|B\b|million\b|billion\b|thousand\b)?"
_FILLER = r"(?:,?\s*(?:um+|uh+|er+|like|you know|basically|so)\b\s*,?)*"
_RESULT = rf"(?:=|≈|~=|is|are|equals|gives|gives us|that'?s|comes to|works out (?:to|at)|means|->|→){_FILLER}\s*(?:about|roughly|around|approximately|approx\.?|~|only|just|nearly|almost)?\s*"
_PCT = r"\d[\d,]*(?:\.\d+)?\s?(?:%|percent)"
_OP = r"\s*(?:[x×*/÷+\-−]|times|divided by|plus|minus)\s*"

EQUATION = re.compile(rf"(?<![\w.^])({_NUM}(?:{_OP}{_NUM})+)\s*{_RESULT}({_NUM})", re.IGNORECASE)
POWER = re.compile(
    rf"(?<![\w.])(\d*\.?\d+)\s*(?:\^|\*\*|to the power of|to the)\s*(\d+)(?:th)?(?:\s*(?:power))?\s*{_RESULT}({_NUM})",
    re.IGNORECASE,
)
SHARE_OF = re.compile(
    rf"(?<![\w.])({_PCT})\s+of\s+(?:the\s+|our\s+|those\s+|these\s+)?({_NUM})(?:\s+[a-z-]+){{0,3}}?\s*,?\s*{_RESULT}({_NUM})",
    re.IGNORECASE,
)
BASE_RATE = re.compile(
    rf"(?<![\w.])({_NUM})\s+(?:[a-z-]+\s+){{1,3}}(?:and|with|at|where|of which)\s+(?:a\s+)?({_PCT})\s+(?:[a-z-]+\s*){{0,3}},?\s*(?:so\s+)?(?:that'?s|which is|is|=|means|gives(?: us)?|→|->)\s*(?:about|roughly|around|~)?\s*({_NUM})\s+(?:[a-z-]+\s+)?(?:frauds?|fraudulent|positives?|cases?|defaults?|churners?|events?|bad|spam|abusers?|incidents?)",
    re.IGNORECASE,
)
METRIC = re.compile(
    rf"\b(precision|recall)\b\s*(?:of|is|=|at|comes to|would be|will be|:)?\s*(?:about|roughly|around|~)?\s*({_NUM})",
    re.IGNORECASE,
)
CAUGHT = re.compile(
    r"(?:\bcatch(?:es|ing)?|\bcaught|\bfind(?:s|ing)?|\bdetect(?:s|ing|ed)?)\s+(?:about\s+|roughly\s+)?(\d[\d,]*)\b",
    re.IGNORECASE,
)
TRUE_POS = re.compile(
    r"(?<![\w.])(\d[\d,]*)\s+(?:of them\s+)?(?:are|were|turn out to be|being)?\s*(?:real|actual|true|correct|genuine)?\s*(?:frauds?|fraudulent|true positives?)\b",
    re.IGNORECASE,
)
FLAGGED = re.compile(
    r"(?<![\w.])(\d[\d,]*)\s+(?:total\s+)?(?:flags?|alerts?|flagged\b|predictions?|predicted positives?|reviews?|blocks?|blocked)",
    re.IGNORECASE,
)
ACTUAL = re.compile(
    r"\bof (?:the |all |those |these )?(\d[\d,]*)\s+(?:actual |real |true )?(?:frauds?|fraudulent|positives?|cases?|defaults?|churners?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class WrongFigure:
    """A figure the answer states that does not follow from its own inputs."""

    span: Span
    stated: str
    correct: str
    working: str


SCALES = (
    ("billion", 1e9),
    ("million", 1e6),
    ("thousand", 1e3),
    ("bn", 1e9),
    ("k", 1e3),
    ("m", 1e6),
    ("b", 1e9),
)
"""Written multipliers, longest first so "bn" is not read as "b"."""


def _scaled(t: str) -> tuple[str, float]:
    """The number part of a lower-cased, space-free figure and its multiplier ("2.5m" -> ("2.5", 1e6))."""
    for suffix, mult in SCALES:
        if t.endswith(suffix):
            return t[: -len(suffix)], mult
    return t, 1.0


def value(text: str) -> tuple[float, bool]:
    """A written number as a float, and whether it was a percentage (returned as a fraction)."""
    t = text.strip().lower().replace("$", "").replace(",", "").replace(" ", "")
    pct = t.endswith("%") or t.endswith("percent")
    number, scale = _scaled(t.removesuffix("%").removesuffix("percent"))
    v = float(number) * scale
    return (v / 100.0 if pct else v), pct


def _tolerance(text: str, v: float) -> float:
    """Half a unit of the last digit written, or 5% of the value, whichever is larger."""
    digits = re.search(r"\.(\d+)", text.replace(",", ""))
    unit = 10 ** -(len(digits.group(1)) if digits else 0)
    t = text.strip().lower().replace(" ", "")
    if t.endswith("%") or t.endswith("percent"):
        unit /= 100.0
    else:
        unit *= _scaled(t)[1]
    return max(unit * 0.5 + 1e-12, abs(v) * 0.05)


def _close(computed: float, stated_text: str) -> bool:
    stated, pct = value(stated_text)
    tol = _tolerance(stated_text, stated)
    if abs(computed - stated) <= tol:
        return True
    # "80/400 = 20" (a percentage written without the sign) or "= 0.2" for "20%"
    return (not pct and abs(computed * 100 - stated) <= tol) or (
        pct and abs(computed - stated * 100) <= tol * 100
    )


_SCALE_WORD = re.compile(r"\d\s?(million|billion|thousand|bn|k|m|M|B)\b")


def _priced_per_scale(expression: str, computed: float, stated: str) -> bool:
    """ "1,800 million tokens x $1.60 = $2,880": a price per million (or thousand) units, so the stated figure
    is the product divided by that scale."""
    scales = {dict((k.lower(), v) for k, v in SCALES)[w.lower()] for w in _SCALE_WORD.findall(expression)}
    return any(_close(computed / scale, stated) for scale in scales)


def _fmt(v: float, like: str) -> str:
    if like.strip().endswith("%") or like.strip().lower().endswith("percent") or 0 < abs(v) < 1:
        pct = v * 100
        return f"{pct:.2g}%" if abs(pct) < 1 else f"{pct:.1f}%".replace(".0%", "%")
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.3g}"


_OPS = {
    "x": "*",
    "×": "*",
    "*": "*",
    "/": "/",
    "÷": "/",
    "+": "+",
    "-": "-",
    "−": "-",
    "times": "*",
    "divided by": "/",
    "plus": "+",
    "minus": "-",
}
_SPLIT = re.compile(rf"({_NUM})|({_OP})", re.IGNORECASE)


def _evaluate(expression: str) -> float | None:
    """Left-to-right terms with the usual precedence of * and / over + and -."""
    tokens: list[str] = []
    for m in _SPLIT.finditer(expression):
        if m.group(1):
            tokens.append(repr(value(m.group(1))[0]))
        else:
            tokens.append(_OPS.get(m.group(2).strip().lower(), "?"))
    if "?" in tokens or len(tokens) < 3 or len(tokens) % 2 == 0:
        return None
    try:
        result = eval(" ".join(tokens), {"__builtins__": {}}, {})
    except (ZeroDivisionError, SyntaxError, OverflowError):
        return None
    return float(result) if isinstance(result, int | float) and math.isfinite(result) else None


def _count(text: str) -> float:
    return float(text.replace(",", ""))


def check(sentences: Sequence[Span], question: str = "") -> list[WrongFigure]:
    """Every checkable figure in these sentences that is wrong, with the right one. ``question`` may give
    the inputs the answer builds on (a number of steps, a base rate)."""
    out: list[WrongFigure] = []
    for s in sentences:
        out.extend(_check_sentence(s))
    out.extend(_wrong_denominator(sentences))
    out.extend(_compounding(sentences, question))
    out.extend(_relative_effect(sentences, question))
    return out


_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
}
STEPS = re.compile(
    r"(?<![\w.])(\d{1,3}|" + "|".join(_WORD_NUMBERS) + r")[- ](?:\w+[- ]){0,2}?"
    r"(?:steps?|stages?|actions?|tool calls?|hops?|sub-?tasks?|calls?|turns?)\b",
    re.IGNORECASE,
)
PER_STEP = re.compile(
    r"(?:\b(?:each|every|per|a single|one|individual) (?:step|stage|action|tool call|call|hop|sub-?task|turn)\b"
    r"[^.%]{0,60}?(\d{2}(?:\.\d+)?) ?%|(\d{2}(?:\.\d+)?) ?% (?:each|per (?:step|stage|action|call|turn)|"
    r"at each (?:step|stage)|on each (?:step|stage)))",
    re.IGNORECASE,
)
END_TO_END = (
    re.compile(
        r"\b(?:end[- ]to[- ]end|overall|all the way through|whole (?:task|trip|flow|process|run|booking|onboarding)"
        r"|in total|completes? (?:cleanly|successfully|without)|with no (?:human|errors?|failures?))\b[^.%]{0,120}?"
        r"(\d{2}(?:\.\d+)?) ?%",
        re.IGNORECASE,
    ),
    re.compile(
        r"(\d{2}(?:\.\d+)?) ?%[^.%]{0,60}\b(?:end[- ]to[- ]end|of (?:trips|tasks|runs|onboardings|bookings|orders"
        r"|sessions|conversations) (?:complet\w+|succeed\w*|with no)|with no human)\b",
        re.IGNORECASE,
    ),
)
"""The end-to-end rate a sentence states: a keyword before the figure first, else after it."""


def _compounding(sentences: Sequence[Span], question: str) -> list[WrongFigure]:
    """A chain of steps that each succeed p of the time succeeds p^n end to end, far less than p."""
    text = " ".join(s.text for s in sentences)
    per = PER_STEP.search(text) if "%" in text else None  # a per-step rate is a percentage
    if per is None:
        return []
    steps = STEPS.search(text) or STEPS.search(question)
    if steps is None:
        return []
    raw = steps.group(1).lower()
    n = _WORD_NUMBERS.get(raw) or int(raw)
    p = float(per.group(1) or per.group(2)) / 100
    if not 2 <= n <= 200 or not 0.5 <= p < 1:
        return []
    expected = p**n
    for s in sentences:
        m = END_TO_END[0].search(s.text) or END_TO_END[1].search(s.text)
        if m is None:
            continue
        stated = m.group(1) + "%"
        q = value(stated)[0]
        if q - expected > max(0.05, expected * 0.15):
            right = _fmt(expected, "%")
            return [WrongFigure(s, stated, right, f"{p:.0%} per step over {n} steps = {p:.2f}^{n} = {right}")]
    return []


BASE = re.compile(
    r"\bp ?= ?(0?\.\d+)|\b(?:conversion|click-?through|base(?:line)?|converts?|rate)\w*[^.]{0,40}?(\d+(?:\.\d+)?) ?%",
    re.IGNORECASE,
)
LIFT = re.compile(
    r"\b(?:detect|see|measure|catch)\w* (?:a |an )?(\d+(?:\.\d+)?) ?% (?:relative )?(?:change|lift|increase|improvement|"
    r"uplift|difference|effect|gain)|\beffect (?:we want to detect |size )?(?:is|of) (?:a )?(\d+(?:\.\d+)?) ?%",
    re.IGNORECASE,
)
DELTA = re.compile(r"(?:δ|delta|effect|so)\s*(?:=|is|of)?\s*(0?\.\d+)(?!\d)", re.IGNORECASE)


def _relative_effect(sentences: Sequence[Span], question: str) -> list[WrongFigure]:
    """An N% lift on a conversion rate of p is an absolute effect of p * N/100, not N/100: sizing a test on
    N/100 overstates the effect and understates the sample many times over."""
    text = " ".join(s.text for s in sentences)
    lift = LIFT.search(text) if "%" in text else None  # the lift is a percentage
    if lift is None or re.search(r"percentage points?|\bpp\b|absolute", text, re.IGNORECASE):
        return []
    base = BASE.search(text) or BASE.search(question)
    if base is None:
        return []
    p = float(base.group(1)) if base.group(1) else float(base.group(2)) / 100
    n = float(lift.group(1) or lift.group(2)) / 100
    if not 0 < p <= 0.3 or not 0 < n <= 0.5:
        return []
    for s in sentences:
        d = DELTA.search(s.text)
        if d is None:
            continue
        delta = float(d.group(1))
        if abs(delta - n) <= n * 0.05 and n >= p * 0.1:
            right = p * n
            return [
                WrongFigure(
                    s,
                    d.group(1),
                    f"{right:.2g}",
                    f"a {n:.0%} lift on a {p:.1%} base is an absolute effect of {p:.3g} x {n:g} = {right:.2g}",
                )
            ]
    return []


_DIGIT = re.compile(r"\d")


def _check_sentence(s: Span) -> list[WrongFigure]:
    text = s.text
    if not _DIGIT.search(text):
        return []  # every figure checked below has a digit in it
    found: list[WrongFigure] = []
    for m in POWER.finditer(text):
        base, exp, stated = float(m.group(1)), int(m.group(2)), m.group(3)
        if exp > 1000:
            continue
        computed = base**exp
        if not _close(computed, stated):
            found.append(
                WrongFigure(
                    s,
                    stated.strip(),
                    _fmt(computed, stated),
                    f"{m.group(1)}^{exp} = {_fmt(computed, stated)}",
                )
            )
    for m in EQUATION.finditer(text):
        if POWER.search(m.group(0)):
            continue
        computed = _evaluate(m.group(1))
        if (
            computed is not None
            and not _close(computed, m.group(2))
            and not _priced_per_scale(m.group(1), computed, m.group(2))
        ):
            found.append(
                WrongFigure(
                    s,
                    m.group(2).strip(),
                    _fmt(computed, m.group(2)),
                    f"{m.group(1).strip()} = {_fmt(computed, m.group(2))}",
                )
            )
    for m in SHARE_OF.finditer(text):
        computed = value(m.group(1))[0] * value(m.group(2))[0]
        if not _close(computed, m.group(3)):
            found.append(
                WrongFigure(
                    s,
                    m.group(3).strip(),
                    _fmt(computed, m.group(3)),
                    f"{m.group(1)} of {m.group(2).strip()} = {_fmt(computed, m.group(3))}",
                )
            )
    for m in BASE_RATE.finditer(text):
        computed = value(m.group(1))[0] * value(m.group(2))[0]
        if not _close(computed, m.group(3)):
            found.append(
                WrongFigure(
                    s,
                    m.group(3).strip(),
                    _fmt(computed, m.group(3)),
                    f"{m.group(2)} of {m.group(1).strip()} = {_fmt(computed, m.group(3))}",
                )
            )
    found.extend(_metric_from_counts(s))
    return found


SWAPPED = re.compile(
    r"\b(precision)\b[^.]{0,30}?(\d[\d,]*) ?/ ?(\d[\d,]*)|\b(recall)\b[^.]{0,30}?(\d[\d,]*) ?/ ?(\d[\d,]*)",
    re.IGNORECASE,
)


def _swapped(s: Span) -> list[WrongFigure]:
    """Precision divided by the actual positives, or recall by the flagged ones: the two are swapped."""
    text = s.text
    m = SWAPPED.search(text)
    if m is None:
        return []
    metric = (m.group(1) or m.group(4)).lower()
    num, den = (m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(6))
    caught_of = re.search(
        rf"\b(?:caught|catch(?:es)?|detected|found) {re.escape(num)} of (?:those |the |all )?{re.escape(den)}\b",
        text,
        re.I,
    )
    flagged = re.search(
        rf"\b{re.escape(den)} (?:\w+ ){{0,3}}(?:it |we |the model )?(?:flagged|flags|alerts|predicted)",
        text,
        re.I,
    )
    if metric == "precision" and caught_of and not flagged:
        return [
            WrongFigure(
                s,
                f"{num}/{den}",
                "recall",
                f"{num}/{den} is the share of real positives caught: that is recall, not precision",
            )
        ]
    if metric == "recall" and flagged:
        return [
            WrongFigure(
                s,
                f"{num}/{den}",
                "precision",
                f"{num}/{den} is the share of flagged items that are positive: that is precision, not recall",
            )
        ]
    return []


def _metric_from_counts(s: Span) -> list[WrongFigure]:
    text = s.text
    out: list[WrongFigure] = _swapped(s)
    if out:
        return out
    for m in METRIC.finditer(text):
        metric, stated = m.group(1).lower(), m.group(2)
        if not re.search(r"%|percent|0?\.\d", stated):
            continue
        tp_m = CAUGHT.search(text) or TRUE_POS.search(text)
        if tp_m is None:
            continue
        tp = _count(tp_m.group(1))
        denominator = FLAGGED.search(text) if metric == "precision" else ACTUAL.search(text)
        if denominator is None:
            continue
        total = _count(denominator.group(1))
        if total <= 0 or tp > total:
            continue
        computed = tp / total
        if not _close(computed, stated):
            out.append(
                WrongFigure(
                    s,
                    stated.strip(),
                    _fmt(computed, "%"),
                    f"{metric} = {tp:,.0f} / {total:,.0f} = {_fmt(computed, '%')}",
                )
            )
    return out


RATIO_STATED = re.compile(
    r"\b(precision|recall)\b[^.]{0,25}?\b(\d[\d,]*) (?:over|out of|/|divided by) (\d[\d,]*)\b",
    re.IGNORECASE,
)
FLAGGED_COUNT = re.compile(
    r"\b(?:flagged|flags|alerted on|blocked|declined|predicted positive (?:for|on)) (?:about |roughly )?(\d[\d,]*)\b"
    r"|(?<![\w.])(\d[\d,]*) (?:\w+ ){0,2}(?:were|got|are) (?:flagged|blocked|declined)\b",
    re.IGNORECASE,
)
POSITIVE_COUNT = re.compile(
    r"(?<![\w.])(\d[\d,]*) (?:actual |real |true |confirmed )?(?:fraudulent|frauds?|fraud cases|defaults?|churners?"
    r"|takeovers?|positives?|abusers?|bad actors)\b",
    re.IGNORECASE,
)


def _wrong_denominator(sentences: Sequence[Span]) -> list[WrongFigure]:
    """Precision divided by the number of real positives, or recall by the number flagged, where the
    answer states both counts in different sentences ("flagged 5,000 ... 2,000 frauds ... precision is
    1,500 over 2,000")."""
    ratios = [(s, m) for s in sentences for m in RATIO_STATED.finditer(s.text)]
    if not ratios:
        return []  # the counts are only read when a ratio is stated
    text = " ".join(s.text for s in sentences)
    flagged = {_count(m.group(1) or m.group(2)) for m in FLAGGED_COUNT.finditer(text)}
    positives = {_count(m.group(1)) for m in POSITIVE_COUNT.finditer(text)}
    out: list[WrongFigure] = []
    for s, m in ratios:
        metric, num, den = m.group(1).lower(), _count(m.group(2)), _count(m.group(3))
        right = flagged if metric == "precision" else positives
        wrong = positives if metric == "precision" else flagged
        if den in wrong and den not in right and len(right) == 1:
            total = next(iter(right))
            if 0 < num <= total:
                share = f"{num / total:.0%}"
                out.append(
                    WrongFigure(
                        s,
                        f"{m.group(2)}/{m.group(3)}",
                        metric,
                        f"{metric} divides by the {'flagged' if metric == 'precision' else 'real positive'} "
                        f"count: {m.group(2)}/{total:,.0f} = {share}",
                    )
                )
    return out
