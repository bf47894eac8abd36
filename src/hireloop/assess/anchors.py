"""The question's own rubric: which parts of its grade-4 anchor an answer covers, and what it still lacks.

Pure: anchor and answer in, covered and missing parts out. A part is covered when the answer uses enough of
the part's own content words (same stem), or one of its sentences says the same in other words (cosine of
the shipped embeddings). A split anchor (content v2) lists what a grade 4 must show and what else it covers:
each item is split into parts the same way, an item counts as shown when half its parts are covered, and an
answer that misses a must-show item cannot be graded 4."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from hireloop.assess.text import STOPWORDS, Span, split_sentences, words

PART_MIN_WORDS = 3
STEM = 5
COVER_SHARE = 0.5
COVER_COSINE = 0.72
EXAMPLE_WORD = 8
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


ITEM_SHOWN_SHARE = 0.5
NEAR_SHARE = 0.4
NEAR_COSINE = 0.58
"""An answer sharing this much of a must-show item's words, or a sentence this close in meaning, may show it
in other words. On the tuned confound sets (the answers to bank questions) the cap took two answers people
graded 3 from the engine's 4 down to 3, and capped no answer people graded 4."""
ITEM_ONE_PART = 20
"""An item this short is one part; a longer one is split like a paragraph."""
MUST_SHOW_RULE = (
    "An answer that misses something this question's grade-4 anchor must show cannot be graded 4."
)


@dataclass(frozen=True, slots=True)
class Coverage:
    """The grade-4 anchor split into parts, and which of them the answer covers.

    For a split anchor, ``items`` are its must-show and other items in that order, ``owner`` names the item
    each part comes from and ``must`` how many of the items are must-show."""

    parts: tuple[str, ...]
    covered: tuple[bool, ...]
    items: tuple[str, ...] = ()
    owner: tuple[int, ...] = ()
    must: int = 0
    hinted: tuple[bool, ...] = ()
    """Per must-show item: whether the answer comes near it (weaker evidence than covering it)."""
    whole: tuple[bool, ...] = ()
    """Per item: whether the answer covers the item read as one part."""

    @property
    def share(self) -> float:
        return sum(self.covered) / len(self.parts) if self.parts else 0.0

    def shown(self, item: int) -> bool:
        """Covered as a whole, or in at least half of its parts."""
        if self.whole and self.whole[item]:
            return True
        mine = [c for c, o in zip(self.covered, self.owner, strict=True) if o == item]
        return bool(mine) and sum(mine) / len(mine) >= ITEM_SHOWN_SHARE

    def missing_must(self) -> list[str]:
        """The must-show items the answer does not show (empty for a one-paragraph anchor)."""
        return [self.items[i] for i in range(self.must) if not self.shown(i)]

    def absent_must(self) -> list[str]:
        """The must-show items the answer does not even come near: what caps the grade. Matching by words and
        meaning misses some paraphrases, so a cap needs the stronger evidence of absence."""
        return [self.items[i] for i in range(self.must) if not self.shown(i) and not self.hinted[i]]

    def missing(self, limit: int = 3) -> list[str]:
        """What the answer lacks: missing must-show items first (all of them), then up to ``limit`` others."""
        if self.items:
            rest = [self.items[i] for i in range(self.must, len(self.items)) if not self.shown(i)]
            return self.missing_must() + rest[:limit]
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


def coverage(
    anchor: str, answer_sentences: list[Span], *, must_show: Sequence[str] = (), also: Sequence[str] = ()
) -> Coverage:
    """Which parts of the grade-4 anchor the answer covers: of its items when ``must_show`` is given,
    else of the one-paragraph ``anchor``."""
    items = tuple(must_show) + tuple(also) if must_show else ()
    parts, owner = _item_parts(items) if items else (tuple(_anchor_parts(anchor)), ())
    if not parts:
        return Coverage((), ())
    answer = _Answer(answer_sentences)
    found = _covered(parts, answer)
    must = len(must_show) if items else 0
    hinted = tuple(_near(items[i], answer) for i in range(must))
    whole = _covered(tuple(i.strip(" .") for i in items), answer) if items else ()
    return Coverage(parts, found, items, owner, must, hinted, whole)


@functools.lru_cache(maxsize=1024)
def _anchor_parts(anchor: str) -> tuple[str, ...]:
    return tuple(split_anchor(anchor))


@functools.lru_cache(maxsize=1024)
def _item_parts(items: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The parts of the anchor's items (short items whole, long ones split at their clauses) and the item
    each part belongs to; once per anchor, as every answer to the question reads the same ones."""
    parts: list[str] = []
    owner: list[int] = []
    for index, item in enumerate(items):
        short = len(item.split()) <= ITEM_ONE_PART
        mine = [item.strip(" .")] if short else split_anchor(item) or [item.strip(" .")]
        parts += mine
        owner += [index] * len(mine)
    return tuple(parts), tuple(owner)


@dataclass
class _Answer:
    """The answer's sentences with their stems and (when first needed) their embeddings, computed once
    for all the parts and items an anchor is checked against."""

    sentences: list[Span]
    stems: set[str] = field(init=False)
    _vectors: object = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.stems = _stems(" ".join(s.text for s in self.sentences))

    def vectors(self):
        if self._vectors is None:
            from hireloop.assess.embedding import embedder

            self._vectors = embedder().encode([s.text for s in self.sentences])
        return self._vectors


def _near(item: str, answer: _Answer) -> bool:
    mine = _stems(item)
    if len(mine & answer.stems) / max(1, len(mine)) >= NEAR_SHARE:
        return True
    if not answer.sentences:
        return False
    from hireloop.assess.embedding import embedder

    return bool((embedder().encode([item]) @ answer.vectors().T).max() >= NEAR_COSINE)


def examples(part: str) -> list[set[str]]:
    """The stems of each example a part gives in parentheses ("a mechanism (leakage, training-serving skew)"):
    naming any one of them is evidence for the part. One-word examples count only when the word is long
    enough to be specific."""
    out = []
    for group in re.findall(r"\(([^()]*)\)", part):
        for example in re.split(r",|;|\bor\b|\bsuch as\b|\be\.g\.", group):
            found = _stems(example)
            if len(found) >= 2 or any(len(w) >= EXAMPLE_WORD for w in words(example) if w[:STEM] in found):
                out.append(found)
    return out


@functools.lru_cache(maxsize=4096)
def _part_cues(part: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """A part's stems and its examples' stems, once per part."""
    return frozenset(_stems(part)), tuple(frozenset(e) for e in examples(part))


def _covered(parts: Sequence[str], answer: _Answer) -> tuple[bool, ...]:
    lexical = []
    for p in parts:
        stems, cues = _part_cues(p)
        lexical.append(
            len(stems & answer.stems) / max(1, len(stems)) >= COVER_SHARE
            or any(e and e <= answer.stems for e in cues)
        )
    covered = list(lexical)
    todo = [i for i, ok in enumerate(lexical) if not ok]
    if todo and answer.sentences:
        from hireloop.assess.embedding import embedder

        sims = embedder().encode([parts[i] for i in todo]) @ answer.vectors().T
        for row, i in enumerate(todo):
            covered[i] = bool(sims[row].max() >= COVER_COSINE)
    return tuple(covered)


def _phrase(item: str) -> str:
    item = item.strip().rstrip(".")
    return item[:1].lower() + item[1:] if item[1:2].islower() else item


def next_level(cov: Coverage) -> str | None:
    """What a grade-4 answer to this question adds that this answer lacks, in the rubric's own words:
    the must-show items it misses first."""
    must = cov.missing_must()
    others = cov.missing()[len(must) :]
    if not must and not others:
        return None
    if not must:
        return "A grade-4 answer to this question also covers: " + "; ".join(map(_phrase, others)) + "."
    text = "A grade-4 answer to this question must show: " + "; ".join(map(_phrase, must)) + "."
    if others:
        text += " It also covers: " + "; ".join(map(_phrase, others)) + "."
    return text


def must_show_cap(cov: Coverage) -> str | None:
    """Why the grade stops at 3, when the answer misses a must-show item; None when it misses none."""
    must = cov.absent_must()
    if not must:
        return None
    return f"{MUST_SHOW_RULE} Missing: " + "; ".join(map(_phrase, must)) + "."
