"""Wrong claims from the misconception catalogue (content, see docs/CONTENT.md), found in an answer.

Pure: the compiled catalogue and the answer's sentences in, the claims found out. A claim counts where its
entry's patterns match one sentence, no ``unless`` pattern (nor, for negatable entries, a shared cue that
the mistake is being named rather than made) is in that sentence, and the question or answer is in one of
the contexts the entry applies to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from hireloop.assess.concepts import negated
from hireloop.assess.text import Span, split_sentences
from hireloop.bank.models import CONTEXT_IDS, AllOf, Misconception

NAMED_NOT_MADE = re.compile(
    r"\b(?:mislead\w*|meaningless|useless|naive(?:ly)?|trap|pitfall|mistakes?|fallac\w+|myths?|wrong"
    r"|fool(?:s|ed|ing)?|illusion|tempting|beware|avoid\w*|resist\w*|not (?:enough|sufficient)"
    r"|isn'?t (?:enough|sufficient)|vanity|doesn'?t tell|does not tell|says nothing|tells? (?:you|us) nothing"
    r"|paradox|classic error|common error|would be (?:a|an) (?:error|mistake)|falls? apart|bad idea"
    r"|red flag|anti-?pattern|overstat\w+|can'?t trust|cannot trust|not trust|means? (?:nothing|little)"
    r"|says? (?:little|nothing))\b",
    re.IGNORECASE,
)
"""Words that show a sentence discussing a mistake, not making it ("accuracy is meaningless here")."""

SOMEONE_ELSE = re.compile(
    r"\b(?:he|she|they|team|scientists?|engineers?|engineering|manager|director|leadership|stakeholders?|vp|ceo"
    r"|cto|sales|someone|others|vendor|client|customer|partner|lead|analyst|colleague|boss|execs?|executives?)"
    r"\s+(?:\w+\s+)?(?:wanted|proposed|suggested|argued|insisted|pushed|asked|claimed|believed|thought|preferred"
    r"|assumed|planned|was going|were going)\b",
    re.IGNORECASE,
)
"""A claim reported as someone else's position ("our data scientist wanted to optimise accuracy"): the
candidate is telling the story of the mistake, usually to say why they disagreed."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One catalogue entry, compiled."""

    entry: Misconception
    patterns: tuple[tuple[re.Pattern[str], ...], ...]
    unless: tuple[re.Pattern[str], ...]
    prototypes: np.ndarray | None


@dataclass(frozen=True, slots=True)
class Found:
    """A wrong claim found in the answer: the entry and the sentences that make it."""

    entry: Misconception
    sentences: tuple[int, ...]
    quotes: tuple[Span, ...]
    details: tuple[str, ...] = ()
    """For computed entries, the right figure for each wrong one ("0.95^20 = 35.8%, not 90%")."""


class Catalogue:
    """The compiled misconception catalogue."""

    def __init__(self, entries: Iterable[Misconception]) -> None:
        self.rules = tuple(_compile(e) for e in entries)
        self.by_id = {r.entry.id: r.entry for r in self.rules}
        self._needs_embeddings = any(r.prototypes is not None for r in self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def find(self, sentences: Sequence[Span], contexts: frozenset[str], question: str = "") -> list[Found]:
        """Every entry whose claim one of ``sentences`` makes, in catalogue order."""
        rules = [r for r in self.rules if not r.entry.applies_when or contexts & set(r.entry.applies_when)]
        vectors = _sentence_vectors(sentences) if self._needs_embeddings and rules else None
        out: list[Found] = []
        for rule in rules:
            if rule.entry.detect.computed == "arithmetic":
                out.extend(_wrong_figures(rule.entry, sentences, question))
                continue
            hits = [
                i
                for i, s in enumerate(sentences)
                if _claims(rule, s.text, None if vectors is None else vectors[i])
            ]
            if hits:
                out.append(Found(rule.entry, tuple(hits), tuple(sentences[i] for i in hits)))
        return out

    def find_in_text(self, text: str, contexts: Iterable[str] | None = None) -> list[Found]:
        """``find`` over a raw text (used by tests of the catalogue's own examples)."""
        ctx = frozenset(contexts) if contexts is not None else CONTEXT_IDS
        return self.find(split_sentences(text), ctx)


def _wrong_figures(entry: Misconception, sentences: Sequence[Span], question: str) -> list[Found]:
    from hireloop.assess.numbers import check

    wrong = check(sentences, question)
    if not wrong:
        return []
    index = {s.start: i for i, s in enumerate(sentences)}
    details = tuple(
        w.working if w.correct in ("recall", "precision") else f"{w.working}, not {w.stated}" for w in wrong
    )
    quotes = tuple(dict.fromkeys(w.span for w in wrong))
    return [Found(entry, tuple(index[q.start] for q in quotes), quotes, details)]


def _compile(entry: Misconception) -> Rule:
    groups = tuple(
        tuple(re.compile(p, re.IGNORECASE) for p in (item.all if isinstance(item, AllOf) else [item]))
        for item in entry.detect.patterns
    )
    unless = tuple(re.compile(p, re.IGNORECASE) for p in entry.detect.unless)
    protos = None
    if entry.detect.prototypes:
        from hireloop.assess.embedding import embedder

        protos = embedder().encode(list(entry.detect.prototypes))
    return Rule(entry, groups, unless, protos)


def _claims(rule: Rule, text: str, vector: np.ndarray | None) -> bool:
    det = rule.entry.detect
    if any(rx.search(text) for rx in rule.unless):
        return False
    if det.negatable and (NAMED_NOT_MADE.search(text) or SOMEONE_ELSE.search(text)):
        return False
    for group in rule.patterns:
        first = group[0].search(text)
        if first is None or not all(rx.search(text) for rx in group[1:]):
            continue
        if det.negatable and negated(text, first.start()):
            continue
        return True
    if vector is not None and rule.prototypes is not None and vector.any():
        return float((rule.prototypes @ vector).max()) >= det.threshold
    return False


def _sentence_vectors(sentences: Sequence[Span]) -> np.ndarray:
    from hireloop.assess.embedding import embedder

    return embedder().encode([s.text for s in sentences])


@cache
def builtin_catalogue() -> Catalogue:
    """The catalogue shipped in the package's content folder."""
    from hireloop.config import BUILTIN_CONTENT

    return catalogue_from([BUILTIN_CONTENT / "misconceptions"])


def catalogue_from(paths: Iterable[Path]) -> Catalogue:
    """The catalogue of the ``misconceptions:`` lists in these packs (already validated by the loader)."""
    from hireloop.bank.loader import content_files, read_file

    entries: list[Misconception] = []
    for base in paths:
        if not base.exists():
            continue
        for path in content_files(base):
            found, _errors = read_file(path)
            entries.extend(m for m, _line in found.get("misconceptions", []))  # type: ignore[misc]
    return Catalogue(entries)
