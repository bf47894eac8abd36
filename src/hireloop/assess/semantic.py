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

from hireloop.assess.embedding import embedder
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
    owner: np.ndarray  # prototype row -> concept index
    matrix_t: np.ndarray  # dims x prototypes, unit columns, C-contiguous (fast with every BLAS)


@cache
def _bank() -> _Bank:
    concepts = tuple(PROTOTYPES)
    texts: list[str] = []
    owner: list[int] = []
    for i, c in enumerate(concepts):
        for p in PROTOTYPES[c]:
            texts.append(p)
            owner.append(i)
    return _Bank(concepts, np.asarray(owner), np.ascontiguousarray(embedder().encode(texts).T))


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
    bank = _bank()
    if not texts:
        return bank.concepts, np.zeros((0, len(bank.concepts)), dtype=np.float32)
    sims = embedder().encode(texts) @ bank.matrix_t
    out = np.full((len(texts), len(bank.concepts)), -1.0, dtype=np.float32)
    for j in range(len(bank.concepts)):
        cols = bank.owner == j
        out[:, j] = sims[:, cols].max(axis=1)
    return bank.concepts, out


def clauses(sentences: list[Span]) -> list[tuple[int, Span]]:
    """(sentence index, clause) for every clause long enough to carry an idea; whole sentences too."""
    out: list[tuple[int, Span]] = []
    for i, s in enumerate(sentences):
        parts = split_clauses(s)
        out.append((i, s))
        if len(parts) > 1:
            out.extend((i, c) for c in parts if len(c.text.split()) >= MIN_CLAUSE_WORDS)
    return out


def detect_semantic(
    sentences: list[Span], *, threshold: float | None = None, margin: float | None = None
) -> tuple[list[SemanticHit], dict[str, float]]:
    """Concept hits by meaning (at most one concept per clause, best clause per sentence and concept),
    and each concept's best clause score over the whole answer."""
    th, mg = thresholds()
    th = th if threshold is None else threshold
    mg = mg if margin is None else margin
    units = clauses(sentences)
    names, scores = concept_scores([u[1].text for u in units])
    top_scores = scores.max(axis=0) if len(units) else np.zeros(len(names))
    best_by_concept = {n: round(float(v), 4) for n, v in zip(names, top_scores, strict=True)}
    best: dict[tuple[str, int], SemanticHit] = {}
    for (sent, span), row in zip(units, scores, strict=True):
        order = np.argsort(-row)
        top = int(order[0])
        second = float(row[order[1]]) if len(order) > 1 else -1.0
        score = float(row[top])
        if score < th or score - second < mg:
            continue
        key = (names[top], sent)
        if key not in best or score > best[key].score:
            best[key] = SemanticHit(names[top], sent, span, score)
    return sorted(best.values(), key=lambda h: (h.sentence, h.concept)), best_by_concept
