"""The question's own rubric: which parts of its grade-4 anchor an answer covers, and what it still lacks.

Pure: anchor text and answer in, covered and missing parts out. A part is covered when the answer uses
enough of the part's own content words (same stem), or one of its sentences says the same in other words
(cosine of the shipped embeddings)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from hireloop.assess.text import STOPWORDS, Span, split_sentences, words

PART_MIN_WORDS = 3
STEM = 5
COVER_SHARE = 0.5
COVER_COSINE = 0.72
_GENERIC = frozenset(
    [
        "answer",
        "answers",
        "candidate",
        "names",
        "name",
        "treats",
        "shows",
        "show",
        "states",
        "state",
        "says",
        "explains",
        "explain",
        "uses",
        "use",
        "with",
        "which",
        "that",
        "this",
        "these",
        "those",
        "their",
        "there",
        "where",
        "when",
        "while",
        "into",
        "from",
        "also",
        "such",
        "than",
        "then",
        "them",
        "each",
        "every",
        "other",
        "more",
        "most",
        "some",
        "rather",
        "without",
        "about",
        "over",
        "under",
    ]
)


@dataclass(frozen=True, slots=True)
class Coverage:
    """The grade-4 anchor split into parts, and which of them the answer covers."""

    parts: tuple[str, ...]
    covered: tuple[bool, ...]

    @property
    def share(self) -> float:
        return sum(self.covered) / len(self.parts) if self.parts else 0.0

    def missing(self, limit: int = 3) -> list[str]:
        return [p for p, c in zip(self.parts, self.covered, strict=True) if not c][:limit]


def split_anchor(anchor: str) -> list[str]:
    """The anchor's parts: its sentences, split further at top-level commas, semicolons and colons."""
    parts: list[str] = []
    for sentence in split_sentences(" ".join(anchor.split())):
        depth, start, text = 0, 0, sentence.text
        for i, ch in enumerate(text):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and ch in ",;:":
                parts.append(text[start:i])
                start = i + 1
        parts.append(text[start:])
    cleaned = [re.sub(r"^\s*(?:and|or|but|plus|then)\s+", "", p).strip(" .") for p in parts]
    return [p for p in cleaned if len(_stems(p)) >= PART_MIN_WORDS]


def _stems(text: str) -> set[str]:
    return {w[:STEM] for w in words(text) if len(w) > 3 and w not in STOPWORDS and w not in _GENERIC}


@functools.lru_cache(maxsize=1024)
def _anchor_parts(anchor: str) -> tuple[list[str], tuple[set[str], ...]]:
    """The anchor's parts and their stems, once per anchor (callers must not change them)."""
    parts = split_anchor(anchor)
    return parts, tuple(_stems(p) for p in parts)


def coverage(anchor: str, answer_sentences: list[Span]) -> Coverage:
    """Which parts of the grade-4 anchor the answer covers."""
    parts, part_stems = _anchor_parts(anchor)
    if not parts:
        return Coverage((), ())
    answer_stems = _stems(" ".join(s.text for s in answer_sentences))
    lexical = [len(st & answer_stems) / len(st) >= COVER_SHARE for st in part_stems]
    covered = list(lexical)
    todo = [i for i, ok in enumerate(lexical) if not ok]
    if todo and answer_sentences:
        from hireloop.assess.embedding import embedder

        e = embedder()
        sims = e.encode([parts[i] for i in todo]) @ e.encode([s.text for s in answer_sentences]).T
        for row, i in enumerate(todo):
            covered[i] = bool(sims[row].max() >= COVER_COSINE)
    return Coverage(tuple(parts), tuple(covered))


def next_level(cov: Coverage) -> str | None:
    """What a grade-4 answer to this question adds that this answer lacks, in the rubric's own words."""
    missing = cov.missing()
    if not missing:
        return None
    return "A grade-4 answer to this question also covers: " + "; ".join(missing) + "."
