"""Semantic concept detection: clauses compared with prototype phrases in a static embedding space.

Catches ideas said in words the lexicon does not list. A clause shows a concept when its best cosine
with that concept's prototypes clears the concept's threshold and beats every other concept's best by
a margin, so one clause evidences at most one idea. Deterministic; the model is loaded once, lazily.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from hireloop.assess.embedding import embedder, normalize
from hireloop.assess.prototypes import PROTOTYPES
from hireloop.assess.text import Span, split_clauses

PARAMS_PATH = Path(__file__).resolve().parent / "model" / "grader.json"
DEFAULT_THRESHOLD = 0.62
DEFAULT_MARGIN = 0.03
MIN_CLAUSE_WORDS = 3


@dataclass(frozen=True, slots=True)
class SemanticHit:
    concept: str
    sentence: int
    quote: Span
    score: float


@dataclass(frozen=True, slots=True)
class _Bank:
    concepts: tuple[str, ...]
    starts: np.ndarray  # first prototype column of each concept (columns grouped by concept)
    matrix_t: np.ndarray  # dims x prototypes, unit columns, C-contiguous (fast with every BLAS)


@cache
def _bank() -> _Bank:
    concepts = tuple(PROTOTYPES)
    texts: list[str] = []
    starts: list[int] = []
    for c in concepts:
        starts.append(len(texts))
        texts.extend(PROTOTYPES[c])
    return _Bank(concepts, np.asarray(starts), np.ascontiguousarray(embedder().encode(texts).T))


@cache
def params() -> dict:
    """Learned settings (thresholds, grade weights), from model/grader.json; defaults if absent."""
    if PARAMS_PATH.exists():
        return json.loads(PARAMS_PATH.read_text(encoding="utf-8"))
    return {}


def thresholds() -> tuple[float, float]:
    p = params().get("semantic", {})
    return float(p.get("threshold", DEFAULT_THRESHOLD)), float(p.get("margin", DEFAULT_MARGIN))


def concept_scores(texts: list[str]) -> tuple[tuple[str, ...], np.ndarray]:
    """Per text, the best cosine with each concept's prototypes (texts x concepts)."""
    return _scores(embedder().encode(texts))


def _scores(unit_vectors: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
    bank = _bank()
    if not len(unit_vectors):
        return bank.concepts, np.zeros((0, len(bank.concepts)), dtype=np.float32)
    return bank.concepts, np.maximum.reduceat(unit_vectors @ bank.matrix_t, bank.starts, axis=1)


def _units(sentences: list[Span]) -> tuple[list[tuple[int, Span]], np.ndarray]:
    """Every sentence, and each clause of three words or more of a sentence that splits, with their
    vectors. A sentence's vector is the sum of its clauses' piece vectors, so each is tokenised once."""
    parts: list[Span] = []
    owner: list[int] = []
    for i, s in enumerate(sentences):
        pieces = split_clauses(s)
        parts.extend(pieces)
        owner.extend([i] * len(pieces))
    if not parts:
        return [], np.zeros((0, embedder().dims), dtype=np.float32)
    sums = embedder().sums([p.text for p in parts])
    own = np.asarray(owner)
    sentence_sums = np.zeros((len(sentences), sums.shape[1]), dtype=np.float32)
    np.add.at(sentence_sums, own, sums)
    units = [(i, s) for i, s in enumerate(sentences)]
    rows = [sentence_sums]
    counts = np.bincount(own, minlength=len(sentences))
    extra = [k for k, (i, p) in enumerate(zip(owner, parts, strict=True)) if counts[i] > 1]
    extra = [k for k in extra if len(parts[k].text.split()) >= MIN_CLAUSE_WORDS]
    units.extend((owner[k], parts[k]) for k in extra)
    rows.append(sums[extra])
    return units, normalize(np.concatenate(rows))


def clauses(sentences: list[Span]) -> list[tuple[int, Span]]:
    """(sentence index, span) of every unit compared with the prototypes: sentences, then clauses."""
    return _units(sentences)[0]


def detect_semantic(
    sentences: list[Span], *, threshold: float | None = None, margin: float | None = None
) -> tuple[list[SemanticHit], dict[str, float]]:
    """Concept hits by meaning (at most one concept per clause, best clause per sentence and concept),
    and each concept's best clause score over the whole answer."""
    th, mg = thresholds()
    th = th if threshold is None else threshold
    mg = mg if margin is None else margin
    units, vectors = _units(sentences)
    names, scores = _scores(vectors)
    top_scores = scores.max(axis=0) if len(units) else np.zeros(len(names), dtype=np.float32)
    best_by_concept = {n: round(float(v), 4) for n, v in zip(names, top_scores, strict=True)}
    best: dict[tuple[str, int], SemanticHit] = {}
    if not len(units):
        return [], best_by_concept
    top2 = -np.partition(-scores, 1, axis=1)[:, :2]  # best and second-best concept score per unit
    tops = scores.argmax(axis=1)
    keep = np.flatnonzero((top2[:, 0] >= th) & (top2[:, 0] - top2[:, 1] >= mg))
    for u in keep.tolist():
        sent, span = units[u]
        top = int(tops[u])
        score = float(top2[u, 0])
        key = (names[top], sent)
        if key not in best or score > best[key].score:
            best[key] = SemanticHit(names[top], sent, span, score)
    return sorted(best.values(), key=lambda h: (h.sentence, h.concept)), best_by_concept
