# ruff: noqa: E501
"""What a question asks about, beyond its scenario: privacy, calibration, latency, consent... A competent
answer to a neighbouring question (fairness asked, privacy answered; ranking quality asked, calibration
answered) talks at length about the scenario and never about the thing asked.

Pure: question and answer in, the focus the answer never touches out.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from hireloop.assess.text import Span, split_sentences

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Focus:
    """One thing a question can ask about: how the ask names it, and how an answer shows it."""

    name: str
    asked: re.Pattern[str]
    answered: re.Pattern[str]


FOCI: tuple[Focus, ...] = (
    Focus(
        "privacy",
        re.compile(r"\bprivacy\b|\bprivate\b|\bpersonal data\b|\bdata protection\b|\bretention\b", _I),
        re.compile(
            r"\bprivacy\b|\bprivate\b|\bpersonal (?:data|information)\b|\bpii\b|\bretain\w*|\bretention\b|\bdelet\w+"
            r"|\bconsent\w*|\bopt[- ]?(?:in|out)\b|\banonymi\w+|\bpseudonym\w+|\bencrypt\w+|\bminimi[sz]\w+|\bgdpr\b"
            r"|\bdisclos\w+|\bon-?device\b|\bde-?identif\w+|\baccess controls?\b|\bwho (?:can )?(?:hear|listen|see|read)s?\b"
            r"|\bagree\w*|\bpermission\w*|\b(?:off|on) by default\b|\bturns? (?:it )?on\b|\bnever (?:leave|leaves|stored|kept|shared)\b"
            r"|\bshar(?:e|ed|ing) (?:it|them|data|with)\b|\bsold\b|\bkeep\w* (?:a |the |no )?(?:record|copy|copies|data|print)s?\b"
            r"|\bwithout (?:a |their |your )?(?:separate )?(?:yes|say)\b|\bprints?\b|\bstor(?:e|ed|es|ing|age)\b",
            _I,
        ),
    ),
    Focus(
        "calibration",
        re.compile(r"\bcalibrat\w+", _I),
        re.compile(
            r"\bcalibrat\w+|\breliability (?:diagram|curve)\b|\bbrier\b|\bpredicted (?:probabilit\w+|rates?) (?:\w+ ){0,4}"
            r"(?:match|equal|line up|agree)|\b(?:observed|actual) (?:claim |default |event )?(?:rates?|frequenc\w+)\b"
            r"|\bplatt\b|\bisotonic\b|\bexpected calibration error\b|\bece\b|\bover-?confident\b|\bunder-?confident\b",
            _I,
        ),
    ),
    Focus(
        "fairness",
        re.compile(r"\bfair(?:ness|ly)?\b|\bbias(?:ed)?\b|\bdiscriminat\w+|\bdisparate\b|\bequit\w+", _I),
        re.compile(
            r"\bfair\w*|\bbias\w*|\bdiscriminat\w+|\bdispar\w+|\bprotected\b|\bdemographic\w*|\bgroups?\b|\bsubgroups?\b"
            r"|\bequal(?:ized|ised)? (?:odds|opportunity)\b|\badverse impact\b|\bfour-fifths\b|\bproxy\w*|\bproxies\b"
            r"|\bgender\b|\brace\b|\bethnic\w*|\bage\b|\baccents?\b|\bminorit\w+|\bsegments?\b",
            _I,
        ),
    ),
    Focus(
        "explanation",
        re.compile(
            r"\bexplain(?:ability|able|ing) (?:the |a |its |each )?(?:decision|model|prediction|denial|score)s?"
            r"|\bexplanations?\b|\breasons? (?:codes?|for (?:the )?(?:decline|denial|decision))|\btransparen\w+",
            _I,
        ),
        re.compile(
            r"\bexplain\w*|\bexplanation\w*|\breasons?\b|\bshap\b|\blime\b|\binterpretab\w+|\btransparen\w+"
            r"|\bfeature (?:importance|attribution)s?\b|\bcounterfactual\w*|\bwhy\b",
            _I,
        ),
    ),
    Focus(
        "hallucination",
        re.compile(r"\bhallucinat\w+|\bmade[- ]up\b|\bfabricat\w+|\bfactual\w*", _I),
        re.compile(
            r"\bhallucinat\w+|\bground\w*|\bcitations?\b|\bcite\w*|\bsources?\b|\bmade[- ]up\b|\bfabricat\w+|\bfactual\w*"
            r"|\bverif\w+|\bretriev\w+|\brag\b|\bwrong answers?\b|\bfalse\b|\binvent\w*",
            _I,
        ),
    ),
    Focus(
        "evaluation_method",
        re.compile(
            r"\bhow (?:a |the |your )?(?:model|system|feature|results?) (?:should be |was |were |is |are )?(?:evaluated|measured|tested|sliced)"
            r"|\bwhich (?:metric|test set)\b|\bhow (?:the )?results were sliced\b",
            _I,
        ),
        re.compile(
            r"\bmetrics?\b|\bprecision\b|\brecall\b|\bauc\b|\bf1\b|\bndcg\b|\btest set\b|\bhold-?out\b|\bslic\w+|\bsegment\w*"
            r"|\bbaseline\b|\boffline\b|\bevaluat\w+|\bbacktest\w*|\bvalidation set\b|\blabel\w*",
            _I,
        ),
    ),
)


FOCI += (
    Focus(
        "appeals and recourse",
        re.compile(
            r"\bappeal\w*|\brecourse\b|\bcontest\w*|\bdispute\w*|\bsuspension notice\b|\bwhat should (?:the|her|his|their) \w+ (?:say|tell)",
            _I,
        ),
        re.compile(
            r"\bappeal\w*|\brecourse\b|\bcontest\w*|\bdisput\w+|\breinstat\w+|\bnotice\b|\bletter\b|\bmessage\b|\btell (?:her|him|them|the seller|the user)\b"
            r"|\breview\w*|\bcomplain\w*|\bcontact\w*|\bescalat\w+|\bexplain\w*|\breasons?\b|\bevidence\b|\breceipts?\b|\bapolog\w+|\brestor\w+|\bsla\b",
            _I,
        ),
    ),
)


def ask_sentences(question: str) -> list[Span]:
    """The sentences of a question that ask (end with '?' or start with an imperative), else the last one."""
    sents = split_sentences(question)
    asks = [
        s
        for s in sents
        if s.text.rstrip().endswith("?")
        or re.match(
            r"\s*(?:design|describe|explain|walk|tell|how|what|which|why|propose|outline|give)\b", s.text, _I
        )
    ]
    return asks or sents[-1:]


FOCUS_PER_100_WORDS = 1.0
FOCUS_MIN_WORDS = 120
"""An answer of at least FOCUS_MIN_WORDS words that mentions what the question asks about less than once per
100 words talks about something else: answers on the subject mention it several times per 100 words (on the
labeled sets, on-subject answers sat at 2.4 or more, the off-question ones at 0.4-0.8)."""


def unanswered_focus(question: str, answer: str, n_words: int) -> str | None:
    """The focus the question's ask names that a substantial answer barely touches, or None."""
    if n_words < FOCUS_MIN_WORDS:
        return None
    for focus in _asked(question):
        if len(focus.answered.findall(answer)) * 100 / n_words < FOCUS_PER_100_WORDS:
            return focus.name
    return None


@functools.lru_cache(maxsize=1024)
def _asked(question: str) -> tuple[Focus, ...]:
    """The foci the question's ask names, in FOCI order (once per question)."""
    ask = " ".join(s.text for s in ask_sentences(question))
    return tuple(f for f in FOCI if f.asked.search(ask))
