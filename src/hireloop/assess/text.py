"""Text handling for the grader: sentences with offsets, word counts, language and gibberish checks.

Everything here is pure and keeps character offsets into the answer exactly as given.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

MAX_CHARS = 20_000
"""Only the first MAX_CHARS characters of an answer are graded (about 3,000 words)."""

MIN_WORDS = 8
"""Below this many words an answer is too short to judge."""

# Function words that say nothing about an answer's content (shared by the engine and relevance).
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "is",
        "are",
        "be",
        "it",
        "this",
        "that",
        "how",
        "what",
        "why",
        "when",
        "would",
        "you",
        "your",
        "i",
        "we",
        "our",
        "do",
        "does",
        "did",
        "should",
        "could",
        "can",
    ]
)
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*%?")
_SENT_END = re.compile(
    r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the answer: ``answer[start:end] == text``."""

    text: str
    start: int
    end: int


def words(text: str) -> list[str]:
    """Word tokens (letters, apostrophes, numbers), lower-cased."""
    return list(_words(text))


@functools.lru_cache(maxsize=2048)  # the same answer and sentences are tokenised by several detectors
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def split_sentences(text: str) -> list[Span]:
    """Split into sentences (and bullet lines) with exact offsets, trimming surrounding whitespace."""
    spans: list[Span] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        _add_span(text, pos, m.start(), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(text[start:end], start, end))


_CLAUSE_BREAK = re.compile(
    r"[;:]\s+|,\s+(?=(?:but|though|although|whereas|while|however|yet)\b)|\s+(?:but|though|although|whereas|however)\s+|\s+—\s+|\s+-\s+"
)


def split_clauses(sentence: Span) -> list[Span]:
    """Split a sentence at clause breaks (semicolons, 'but', dashes) so negation stays local."""
    out: list[Span] = []
    pos = 0
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        _add_span_rel(sentence, pos, m.start(), out)
        pos = m.start()
    _add_span_rel(sentence, pos, len(sentence.text), out)
    return out or [sentence]


def _add_span_rel(sentence: Span, start: int, end: int, out: list[Span]) -> None:
    seg = sentence.text[start:end]
    stripped = seg.strip()
    if stripped:
        lead = len(seg) - len(seg.lstrip())
        s = sentence.start + start + lead
        out.append(Span(stripped, s, s + len(stripped)))


# --- language and gibberish checks -------------------------------------------------------------


def _split(text: str) -> list[str]:
    """Whitespace-separated words of a multi-line literal."""
    return text.split()


_EN = frozenset(
    _split(
        """
        a about after all also an and any are as at be because been before being but by can
        could did do does doing don't down each even every for from had has have how i i'd i'm
        if in into is it it's its just like make more most much my need no not now of off on
        once one only or other our out over own same say see she should so some such than that
        the their them then there these they this those through to too under until up us very
        was we we'd were what when where which while who why will with would you your get got
        use used using first want wouldn't isn't it'll they're that's there's what's think know
        people new time way well work team user users customer customers product data model
        """
    )
)
_OTHER_LANGS: dict[str, frozenset[str]] = {
    "Spanish": frozenset(
        _split(
            """
        el la los las que de del y en un una es por para con no se lo como más pero sus al su
        muy también porque cuando esto está son hay yo nosotros usuarios datos modelo sería
        haría
        """
        )
    ),
    "German": frozenset(
        _split(
            """
        der die das und ist nicht ein eine zu den mit sich des auf für im dem von wir ich es sie
        auch wenn oder aber wird werden würde daten modell nutzer kunden bei nach wie
        """
        )
    ),
    "French": frozenset(
        _split(
            """
        le la les et est un une des du en que qui pour pas dans sur avec ce nous je il elle mais
        par plus sont très aussi être données modèle utilisateurs
        """
        )
    ),
    "Portuguese": frozenset(
        _split(
            """
        o a os as que de do da e em um uma para com não se por mais mas como dos das nós eu são
        também dados modelo usuários
        """
        )
    ),
    "Italian": frozenset(
        _split(
            """
        il lo la gli le che di e è un una per con non si del della sono anche ma come più noi io
        dati modello utenti
        """
        )
    ),
    "Dutch": frozenset(
        _split(
            """
        de het een en van is dat niet op te voor met zijn ik we wij ook maar als bij naar
        gebruikers gegevens
        """
        )
    ),
}
_VOWELS = set("aeiouy")


@dataclass(frozen=True, slots=True)
class Readability:
    """Why an answer cannot be graded, if it cannot; ``reason`` is None when it can."""

    reason: str | None
    word_count: int


def check_readable(text: str) -> Readability:
    """Decide whether an answer is gradable text: not empty, long enough, English, not gibberish."""
    stripped = text.strip()
    if not stripped:
        return Readability("The answer is empty.", 0)
    letters = [] if stripped.isascii() else [c for c in stripped if c.isalpha()]  # ASCII: all Latin
    if letters:
        non_latin = sum(1 for c in letters if ord(c) > 0x024F)
        if non_latin / len(letters) > 0.3:
            return Readability(
                "The answer is not in English (it is mostly in a non-Latin script); "
                "the grader only supports English.",
                len(stripped.split()),
            )
    toks = words(stripped[:MAX_CHARS])
    alpha = [t for t in toks if t[0].isalpha()]
    n = len(toks)
    if n < MIN_WORDS:
        return Readability(
            f"The answer is too short to judge ({n} word{'s' if n != 1 else ''}; "
            f"at least {MIN_WORDS} needed).",
            n,
        )
    if not alpha:
        return Readability("The answer contains no words, only numbers or symbols.", n)
    counts = Counter(alpha).items()  # each distinct word looked up once, weighted by how often it occurs
    en = sum(k for t, k in counts if t in _EN) / len(alpha)
    shares = ((lang, sum(k for t, k in counts if t in v) / len(alpha)) for lang, v in _OTHER_LANGS.items())
    best_lang, best = max(shares, key=lambda pair: pair[1])
    if best >= 0.15 and best > en * 1.3:
        return Readability(f"The answer appears to be in {best_lang}; the grader only supports English.", n)
    wordlike = sum(k for t, k in counts if _wordlike(t)) / len(alpha)
    if (en < 0.08 and wordlike < 0.85) or wordlike < 0.6:
        return Readability("The answer looks like gibberish: too few recognisable English words.", n)
    if en < 0.04:
        return Readability("The answer does not read as English prose: almost no common English words.", n)
    return Readability(None, n)


_TRIPLE = re.compile(r"(.)\1\1")


@functools.lru_cache(maxsize=65536)  # pure, and answers repeat their words
def _wordlike(token: str) -> bool:
    """A cheap plausibility test for an English word: has vowels, no long consonant runs or repeats."""
    if len(token) <= 3:
        return True
    if not any(c in _VOWELS for c in token):
        return False
    run = 0
    for c in token:
        run = 0 if c in _VOWELS else run + 1
        if run >= 5:
            return False
    return not _TRIPLE.search(token)


def truncate(text: str) -> tuple[str, bool]:
    """The part of the answer that is graded (a prefix, so offsets stay valid) and whether it was cut."""
    if len(text) <= MAX_CHARS:
        return text, False
    cut = text.rfind(" ", 0, MAX_CHARS)
    return text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS], True


def clear_caches() -> None:
    """Forget memoised tokenising (benchmarks use it to time answers as unseen)."""
    _words.cache_clear()
    _wordlike.cache_clear()
