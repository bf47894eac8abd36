"""Flags and depth -> one grade, and per-competency grades with their evidence.

The grade starts from how much the answer shows (distinct concepts, sentences that say how or why) and
loses points for each flag by its weight; some findings cap the grade outright.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hireloop.assess import bullets as bl
from hireloop.assess import lexicon as lx
from hireloop.assess.concepts import Signals
from hireloop.assess.flags import Credit, Finding
from hireloop.assess.relevance import Context
from hireloop.vocab import FLAG_COMPETENCIES

SHORT_ROUNDS = ("portfolio_bullet",)
RICH_WEIGHT = 3.4
PENALTY_WEIGHT = 0.55
CUTS = (1.0, 2.6, 3.9)
CLEAN_FLOOR_RICHNESS = 0.35
LENGTH_SATURATES = 150
SECONDARY_RICHNESS = 0.6
"""Richness from which a round's secondary gaps are named (flags.SECONDARY). Richness only grows as text is
added, so a weak follow-up answer can never make a gap look closed."""
"""Words past which a longer answer earns nothing more for its length (log scale below it)."""
"""Score thresholds for grades 2, 3 and 4 (fitted on the dev and extra sets, see benchmarks)."""


@dataclass(frozen=True, slots=True)
class GradeBreakdown:
    """How the grade was reached, for explanations and tuning."""

    richness: float
    penalty: float
    cap: int
    grade: int
    caps: tuple[tuple[str, int], ...] = ()
    """(rule id in judgement.RULES, grade) for each cap that applied."""
    uncapped: int = 4
    """The grade before any cap."""


def richness(ctx: Context, sig: Signals, credit: Credit) -> float:
    """0..1: how much substance the answer shows, relative to what the round expects."""
    concepts = len({h.concept for h in sig.hits if h.credited and credit.hits(h.concept)})
    if ctx.round in SHORT_ROUNDS:
        parts = [
            min(1.0, concepts / 4),
            1.0 if sig.numbers else 0.0,
            min(1.0, sig.n_words / 35),
        ]
        return sum(parts) / len(parts)
    depth = sig.depth_sentences
    parts = [
        min(1.0, concepts / 9),
        min(1.0, depth / 7),
        min(1.0, sig.n_words / 260),
    ]
    return sum(parts) / len(parts)


def dense_richness(ctx: Context, sig: Signals, credit: Credit, findings: list[Finding]) -> float:
    """0..1 for a short answer (60-150 words) judged on how much it packs in rather than how long it runs;
    0 when it is not short, or carries a warning sign or more than one gap, since then it is not dense but
    thin or wrong."""
    if ctx.round in SHORT_ROUNDS or not DENSE_MIN_WORDS <= sig.n_words < LENGTH_SATURATES:
        return 0.0
    absence = {f for f, rel in ctx.flags.items() if rel.mode in ("absence", "silent")}
    if sig.warn("misconception") or any(f.id not in absence for f in findings) or len(findings) > 1:
        return 0.0
    concepts = len({h.concept for h in sig.hits if h.credited and credit.hits(h.concept)})
    depth = sig.depth_sentences
    dense = [
        min(1.0, concepts / DENSE_CONCEPTS),
        min(1.0, specific_terms(sig) * 100 / sig.n_words / DENSE_TERMS_PER_100),
        min(1.0, depth / DENSE_DEPTH),
    ]
    return DENSE_WEIGHT * sum(dense) / len(dense)


DENSE_MIN_WORDS = 60
DENSE_CONCEPTS = 6
DENSE_TERMS_PER_100 = 9.0
DENSE_DEPTH = 4
DENSE_WEIGHT = 0.9
"""A dense short answer's richness: concepts, specific terms per 100 words and reasoned sentences,
against what a strong 100-word answer shows; discounted a little, since brevity still leaves less room."""


def specific_terms(sig: Signals) -> int:
    """Distinct specific terms outside jargon lists: model families, metrics, data, safeguards, lifecycle."""
    terms: set[str] = set()
    for info in sig.sentences:
        if info.listy:
            continue
        for rx in _SPECIFIC:
            terms.update(m.group(0).lower() for m in rx.finditer(info.span.text))
    return len(terms)


_SPECIFIC = (lx.JARGON, bl.METHOD, bl.EVAL_B, bl.SAFEGUARD, bl.LIFECYCLE_B, bl.DATA)


SIGNAL_FLAGS = ("buzzword_without_depth", "deterministic_mindset", "ai_bolt_on", "no_ownership")
FEATURES = (
    "concepts",
    "depth",
    "length",
    "coverage",
    "absence_penalty",
    "signal_penalty",
    "misconceptions",
    "density",
)
"""The interpretable inputs of the learned grade (see model/grader.json and scripts/train_grader.py)."""


def features(ctx: Context, sig: Signals, credit: Credit, findings: list[Finding]) -> dict[str, float]:
    """What the grade is computed from, each roughly 0..1 (penalties are sums of flag weights)."""
    absence = [f for f, rel in ctx.flags.items() if rel.mode in ("absence", "silent")]
    raised = {f.id for f in findings}
    missing = sum(1 for f in absence if f in raised)
    signal = sum(f.weight for f in findings if f.id in SIGNAL_FLAGS or f.id not in absence)
    concepts = {h.concept for h in sig.hits if h.credited and credit.hits(h.concept)}
    lexical = {h.concept for h in sig.hits if h.credited and not h.semantic and credit.hits(h.concept)}
    short = ctx.round in SHORT_ROUNDS
    depth = sig.depth_sentences
    return {
        "richness": richness(ctx, sig, credit),
        "concepts": min(1.0, len(concepts) / (4 if short else 9)),
        "density": min(1.0, len(concepts) * 25 / max(25, sig.n_words)),
        "depth": min(1.0, (1.0 if sig.numbers else 0.0) if short else depth / 7),
        "length": min(1.0, math.log1p(sig.n_words) / math.log1p(35 if short else LENGTH_SATURATES)),
        "coverage": 1.0 - missing / len(absence) if absence else 1.0,
        "absence_penalty": sum(f.weight for f in findings if f.id in absence and f.id not in SIGNAL_FLAGS),
        "signal_penalty": signal,
        "misconceptions": float(min(2, len(sig.warn("misconception")))),
        "semantic_share": len(concepts - lexical) / 9,
        "short": 1.0 if sig.n_words < 60 and ctx.round not in SHORT_ROUNDS else 0.0,
    }


def learned_score(x: dict[str, float], model: dict) -> float:
    """The linear score of the ordinal model: sum of weight x feature."""
    return sum(float(model["weights"].get(k, 0.0)) * x[k] for k in FEATURES)


def grade(
    ctx: Context, sig: Signals, credit: Credit, findings: list[Finding], model: dict | None = None
) -> GradeBreakdown:
    """Combine substance and flags into a 1-4 grade, applying hard caps.

    With a learned ``model`` (weights and three cut points of an ordinal logistic model) the score is
    its linear score; without one, the hand-set rubric formula below."""
    rich = richness(ctx, sig, credit)
    penalty = sum(f.weight for f in findings)
    if ctx.round in SHORT_ROUNDS:
        return bullet_grade(sig, findings, rich=rich, penalty=penalty)
    cap = 4
    if model:
        if any(f.id == "ignores_responsible_ai" for f in findings) and sig.warn("dismissal"):
            cap = min(cap, 2)
        if any(f.id == "buzzword_without_depth" for f in findings):
            cap = min(cap, 2)
        s = learned_score(features(ctx, sig, credit, findings), model)
        g = 1 + sum(1 for c in model["cuts"] if s >= c)
        if not findings and rich >= CLEAN_FLOOR_RICHNESS:
            g = max(g, 3)  # nothing the round calls for is missing: concise but complete
        absent = [f for f in findings if ctx.mode(f.id) in ("absence", "silent") and f.id not in SIGNAL_FLAGS]
        if len(findings) == len(absent) < 3 and not sig.warn("misconception"):
            g = max(g, 2)  # a 1 needs something wrong or several major gaps, not only a short answer
        return GradeBreakdown(rich, penalty, cap, max(1, min(cap, g)))
    if sig.warn("misconception"):
        penalty += 0.8 * min(2, len(sig.warn("misconception")))
    caps: list[tuple[str, int]] = []
    if any(f.id == "ignores_responsible_ai" for f in findings) and sig.warn("dismissal"):
        caps.append(("dismisses_responsible_ai", 2))
    if any(f.id == "buzzword_without_depth" for f in findings):
        caps.append(("buzzword_without_depth", 2))
    if ctx.round not in SHORT_ROUNDS and sig.n_words < SHORT_ANSWER_WORDS:
        caps.append(("too_short", 2))
    if sig.warn("restated"):
        caps.append(("restated_question", 1))  # an answer that restates the question answers nothing
    rich = max(rich, dense_richness(ctx, sig, credit, findings))
    score = 1.0 + RICH_WEIGHT * rich - PENALTY_WEIGHT * penalty
    g = 4 if score >= CUTS[2] else 3 if score >= CUTS[1] else 2 if score >= CUTS[0] else 1
    if not findings and rich >= CLEAN_FLOOR_RICHNESS:
        g = max(g, 3)  # nothing the round calls for is missing: concise but complete
    if concise_with_one_gap(ctx, sig, findings):
        g = max(g, 3)
    cap = min([4, *(c for _, c in caps)])
    return GradeBreakdown(rich, penalty, cap, max(1, min(cap, g)), tuple(caps), g)


CONCISE_DEPTH = 2


def concise_with_one_gap(ctx: Context, sig: Signals, findings: list[Finding]) -> bool:
    """A concise answer (60-150 words) that reasons (at least two sentences with a because, a so or a figure)
    and misses one thing the round expects is a hire with that gap named, not a no hire: a tight answer
    chooses what to say, and the offline detectors recognise fewest ideas in short, plain answers. On the
    labeled sets, 12 of 17 such answers graded 2 were labeled 3 or 4 by their writers."""
    if ctx.round in SHORT_ROUNDS or not DENSE_MIN_WORDS <= sig.n_words < LENGTH_SATURATES:
        return False
    if len(findings) != 1 or ctx.mode(findings[0].id) not in ("absence", "minor"):
        return False
    if sig.warn("misconception") or sig.warn("listy") or sig.warn("dismissal") or sig.warn("restated"):
        return False
    return sig.depth_sentences >= CONCISE_DEPTH


SHORT_ANSWER_WORDS = 60


BULLET_MAJOR = frozenset(
    {
        "buzzword_without_depth",
        "deterministic_mindset",
        "no_ownership",
        "ai_bolt_on",
        "ignores_responsible_ai",
        "no_guardrails",
        "eval_gap",
    }
)


BULLET_CAP_ONE = frozenset(
    {"buzzword_without_depth", "deterministic_mindset", "ignores_responsible_ai", "no_ownership"}
)
"""Major gaps that, without a measured product result, leave a bullet with nothing to credit: a figure
that is not an outcome (a claimed accuracy, a count of stores) still shows the work was real when the gap
is only in how it was judged or guarded, not when the work is vague, someone else's or harmful."""


def bullet_grade(sig: Signals, findings: list[Finding], *, rich: float, penalty: float) -> GradeBreakdown:
    """A resume line graded on its parts, not its length: 4 only for a specific, owned line with a measured
    outcome and most of what a committee looks for; any major gap caps it at 2; a major gap with no
    measured result, or a claim that the model is always right, is a 1."""
    p = bl.profile(sig)
    parts = len(p.substance) + (1 if p.outcome else 0) + (1 if len(p.method.spans) >= 3 else 0)
    g = 4 if parts >= 5 and p.outcome else 3 if parts >= 3 else 2 if parts >= 1 else 1
    cap = 4
    major = [f for f in findings if f.id in BULLET_MAJOR]
    if major:
        cap = 2
        measured = bool(p.outcome) or (bool(sig.numbers) and not any(f.id in BULLET_CAP_ONE for f in major))
        if not measured or sig.warn("deterministic") or sig.warn("dismissal"):
            cap = 1
    elif findings:
        cap = 3
    return GradeBreakdown(rich, penalty, cap, max(1, min(cap, g)))


def competency_grades(
    overall: int, findings: list[Finding], credit: Credit
) -> dict[str, tuple[int, list[int]]]:
    """Per competency: a grade and the sentences that evidence it (only where there is evidence)."""
    flagged: dict[str, list[Finding]] = {}
    for f in findings:
        for comp in FLAG_COMPETENCIES.get(f.id, ()):
            flagged.setdefault(comp, []).append(f)
    evidence: dict[str, set[int]] = {}
    for concept in lx.CONCEPTS:
        sents = {h.sentence for h in credit.hits(concept.id)}
        if sents:
            evidence.setdefault(concept.competency, set()).update(sents)
    out: dict[str, tuple[int, list[int]]] = {}
    for comp in sorted(set(evidence) | set(flagged)):
        sents = sorted(evidence.get(comp, set()))
        flags = flagged.get(comp, [])
        if flags:
            g = 1 if len(flags) > 1 or not sents else 2
            g = min(g, max(overall, 1))
        else:
            strength = len(sents)
            g = min(4, overall + 1) if strength >= 3 else overall if strength >= 1 else 2
        out[comp] = (g, sents[:3])
    return out
