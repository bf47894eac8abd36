"""Generated metric exercises with exact answers: short product stories about ML evaluation numbers.

``generate(kind, seed)`` builds an :class:`Exercise` (prompt, inputs, exact answer, worked explanation)
from its two arguments alone; ``check(exercise, responses)`` marks typed-in answers key by key. No I/O,
no clock, no global random state: the same kind and seed always give the same exercise.

Conventions (each prompt states the ones it needs): an item is flagged when its score is at or above
the threshold; precision is 0 when nothing is flagged; recall is 0 when there are no actual positives;
F1 is 0 when precision and recall are both 0; FPR is 0 when there are no actual negatives; AUC counts a
positive-negative tie as half a win (Mann-Whitney) and is undefined for single-class labels; NDCG uses
linear gain rel / log2(i + 1) and is 0 when the ideal DCG is 0.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "KINDS",
    "KIND_DESCRIPTIONS",
    "RATIO_TOLERANCE",
    "Z_ALPHA",
    "Z_POWER",
    "CheckResult",
    "Exercise",
    "KeyCheck",
    "Question",
    "check",
    "classification_metrics",
    "cohen_kappa",
    "generate",
    "ndcg_at_k",
    "precision_recall_at",
    "required_n_per_arm",
    "roc_auc",
]

KINDS: tuple[str, ...] = (
    "classification",
    "threshold",
    "ranking_auc",
    "ranking_topk",
    "regression",
    "ab_test",
    "token_cost",
    "eval_interval",
    "rater_agreement",
)
KIND_DESCRIPTIONS: dict[str, str] = {
    "classification": "Precision, recall, F1, accuracy and false positive rate from a confusion matrix.",
    "threshold": "Precision and recall at two thresholds from counts by score band at a realistic base rate, "
    "and what raising the threshold traded.",
    "ranking_auc": "ROC AUC from counts by score band at a realistic base rate, by counting "
    "positive-negative pairs (ties within a band count half).",
    "ranking_topk": "Precision@k, recall@k and NDCG@k (linear gain) of a ranked list with graded relevance.",
    "regression": "RMSE and MAE of a forecast against what actually happened.",
    "ab_test": "Absolute and relative lift of an A/B pilot, and the per-arm sample size a full test needs to "
    "detect the smallest lift worth shipping (not the pilot's lift).",
    "token_cost": "Inference cost of an LLM feature from tokens per request, traffic and per-million-token "
    "prices: per 1,000 requests, per month, and as a share of the plan's price.",
    "eval_interval": "A 95% confidence interval on an eval pass rate, whether it clears the launch bar, and "
    "how many examples a given margin of error needs.",
    "rater_agreement": "Observed agreement, chance agreement and Cohen's kappa between two graders' "
    "pass/fail labels.",
}

RATIO_TOLERANCE = 0.005
"""Absolute tolerance for proportions: an answer rounded to two decimal places is always accepted."""
LIFT_TOLERANCE = 0.0005
Z_ALPHA = 1.959964
"""z_{1 - alpha/2} for a two-sided test at alpha 0.05, as stated in ab_test prompts."""
Z_POWER = 0.841621
"""z_{1 - beta} for power 0.8, as stated in ab_test prompts."""
_SLACK = 1e-9  # float noise allowed on top of a stated tolerance

Unit = Literal["ratio", "number", "count", "flag"]


class Question(BaseModel):
    """One number the user is asked for: its answer key, the label to show, and how it is read and marked.

    ``unit`` decides which string forms ``check`` accepts (percentages only for ``ratio``, yes/no only for
    ``flag``); ``tolerance`` overrides the exercise's tolerance for this key when set.
    """

    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    unit: Unit = "ratio"
    tolerance: float | None = Field(default=None, ge=0)


class Exercise(BaseModel):
    """A generated exercise; ``answer`` values are exact results rounded to 4 decimals."""

    model_config = ConfigDict(frozen=True)

    kind: str
    seed: int
    prompt: str
    inputs: dict[str, Any]
    answer: dict[str, int | float]
    explanation: str
    tolerance: float = Field(ge=0)
    questions: list[Question]

    @model_validator(mode="after")
    def _questions_match_answer(self) -> Exercise:
        keys = [q.key for q in self.questions]
        if sorted(keys) != sorted(self.answer) or len(set(keys)) != len(keys):
            raise ValueError(f"questions {keys} must name each answer key {list(self.answer)} once")
        return self

    def tolerance_for(self, key: str) -> float:
        """The absolute tolerance that marks the answer for ``key``."""
        for question in self.questions:
            if question.key == key and question.tolerance is not None:
                return question.tolerance
        return self.tolerance

    def to_json(self) -> dict[str, Any]:
        """The JSON document: kind, seed, prompt, inputs, answer, explanation, tolerance, questions."""
        return self.model_dump(mode="json")


class KeyCheck(BaseModel):
    """The verdict on one answer key. ``given`` is the parsed number, None when missing or unreadable."""

    key: str
    label: str
    correct: bool
    expected: float
    given: float | None
    response: str | None
    tolerance: float
    message: str

    @property
    def feedback(self) -> str:
        """One line that says each thing once: what you gave, what was expected, and by how much."""
        if self.given is None:
            return f"{self.label}: {self.message}; expected {_show(self.expected)}"
        if self.correct:
            exact = "" if self.given == self.expected else f" (exact answer {_show(self.expected)})"
            return f"{self.label}: {self.response}{exact}"
        hint = self.message.split("; ", 1)[1] if "; " in self.message else ""
        off = _show(abs(self.given - self.expected))
        return (
            f"{self.label}: you said {self.response}, expected {_show(self.expected)} (off by {off})"
            + (f"; {hint}" if hint else "")
        )


class CheckResult(BaseModel):
    """Per-key verdicts in question order, and whether every one of them is correct."""

    correct: bool
    results: dict[str, KeyCheck]

    @property
    def n_correct(self) -> int:
        return sum(r.correct for r in self.results.values())


# --------------------------------------------------------------------------------------------------
# Metrics (public: the conventions above, usable and testable on their own)


def _ratio(num: int, den: int) -> Fraction:
    """num / den, or 0 when the denominator is 0 (the stated degenerate convention)."""
    return Fraction(num, den) if den else Fraction(0)


def classification_metrics(*, tp: int, fp: int, fn: int, tn: int) -> dict[str, float]:
    """Precision, recall, F1, accuracy and FPR of a confusion matrix, with the 0 conventions."""
    exact = _classification_exact(tp=tp, fp=fp, fn=fn, tn=tn)
    return {key: float(value) for key, value in exact.items()}


def _classification_exact(*, tp: int, fp: int, fn: int, tn: int) -> dict[str, Fraction]:
    if min(tp, fp, fn, tn) < 0:
        raise ValueError("confusion-matrix counts must be non-negative")
    return {
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        # 2PR / (P + R) simplifies to 2TP / (2TP + FP + FN); 0 when TP is 0.
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "accuracy": _ratio(tp + tn, tp + fp + fn + tn),
        "fpr": _ratio(fp, fp + tn),
    }


def _check_binary(scores: Sequence[float], labels: Sequence[int]) -> None:
    if len(scores) != len(labels):
        raise ValueError(f"scores and labels differ in length ({len(scores)} vs {len(labels)})")
    if any(label not in (0, 1) for label in labels):
        raise ValueError("labels must be 0 or 1")


def precision_recall_at(
    scores: Sequence[float], labels: Sequence[int], *, threshold: float
) -> tuple[float, float]:
    """Precision and recall when items scoring at or above ``threshold`` are flagged."""
    _check_binary(scores, labels)
    p, r, _ = _at_threshold(scores, labels, threshold)
    return float(p), float(r)


def _at_threshold(
    scores: Sequence[float], labels: Sequence[int], threshold: float
) -> tuple[Fraction, Fraction, tuple[int, int, int]]:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y == 1)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y == 0)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y == 1)
    return _ratio(tp, tp + fp), _ratio(tp, tp + fn), (tp, fp, fn)


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """ROC AUC as the Mann-Whitney statistic: the share of positive-negative pairs where the positive
    scores higher, a tie counting half. Raises ValueError when labels hold only one class."""
    _check_binary(scores, labels)
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        only = "positives" if n_neg == 0 else "negatives"
        raise ValueError(
            f"AUC is undefined when the labels hold only {only}: it needs at least one positive "
            "and one negative"
        )
    # Midranks (ties share the average rank) keep this O(n log n) for long lists.
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        for i in order[start : end + 1]:
            ranks[i] = (start + end) / 2 + 1
        start = end + 1
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y == 1)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def _dcg(gains: Sequence[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(relevance: Sequence[float], *, k: int) -> float:
    """NDCG@k with linear gain rel_i / log2(i + 1); the ideal DCG re-sorts the same list best-first.
    0 when the ideal DCG is 0 (nothing relevant)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    if any(r < 0 for r in relevance):
        raise ValueError("relevance grades must be non-negative")
    ideal = _dcg(sorted(relevance, reverse=True)[:k])
    return _dcg(list(relevance)[:k]) / ideal if ideal > 0 else 0.0


def required_n_per_arm(*, p_control: float | Fraction, p_treatment: float | Fraction) -> int:
    """Visitors per arm for a two-sided two-proportion z-test (alpha 0.05, power 0.8) to detect
    p_treatment - p_control: (z_a + z_b)^2 * (p1(1-p1) + p2(1-p2)) / (p2-p1)^2, rounded up."""
    return math.ceil(_required_n_exact(Fraction(p_control), Fraction(p_treatment)))


def _required_n_exact(p1: Fraction, p2: Fraction) -> Fraction:
    if p1 == p2:
        raise ValueError("no difference between the rates: no sample size can detect a zero lift")
    z = Fraction(str(Z_ALPHA)) + Fraction(str(Z_POWER))
    return z**2 * (p1 * (1 - p1) + p2 * (1 - p2)) / (p2 - p1) ** 2


# --------------------------------------------------------------------------------------------------
# Formatting helpers for prompts and explanations


def _r4(x: Fraction | float) -> float:
    return round(float(x), 4)


def _f4(x: Fraction | float) -> str:
    return f"{float(x):.4f}"


def _pct(x: Fraction | float) -> str:
    text = f"{float(x) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _dec(x: Fraction | float, places: int = 10) -> str:
    """A decimal without trailing zeros, to at most ``places`` places."""
    text = f"{float(x):.{places}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _scores_text(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _ratio_rule(tolerance: float = RATIO_TOLERANCE) -> str:
    return (
        "Give each answer as a proportion to two decimal places (0.25 and 25% are both accepted); "
        f"answers within {tolerance} of the exact value count as correct."
    )


# --------------------------------------------------------------------------------------------------
# Generators, one per kind. Each draws only from its own random.Random(seed).


@dataclass(frozen=True)
class _ClassificationStory:
    name: str
    totals: tuple[int, ...]
    base_rates: tuple[float, ...]
    recall: tuple[float, float]
    fpr: tuple[float, float]
    text: str


_CLASSIFICATION_STORIES = (
    _ClassificationStory(
        "fraud",
        (20_000, 25_000, 30_000, 40_000, 50_000),
        (0.002, 0.003, 0.004, 0.005, 0.008),
        (0.55, 0.9),
        (0.005, 0.03),
        "Your fraud model reviewed {total} card transactions last week; {pos} of them were fraudulent "
        "(a {rate} base rate). It flagged {tp} of the fraudulent ones (true positives) and missed {fn} "
        "(false negatives). It also flagged {fp} legitimate transactions (false positives) and let the "
        "other {tn} legitimate ones through (true negatives).",
    ),
    _ClassificationStory(
        "spam",
        (1_000, 2_000, 2_500, 4_000, 5_000),
        (0.2, 0.25, 0.3, 0.4),
        (0.85, 0.98),
        (0.005, 0.03),
        "A spam filter processed {total} inbound emails, of which {pos} were spam ({rate}). It sent {tp} "
        "spam emails to the spam folder (true positives) but let {fn} reach the inbox (false negatives). "
        "It also misfiled {fp} real emails as spam (false positives) and delivered the other {tn} real "
        "emails correctly (true negatives).",
    ),
    _ClassificationStory(
        "screening",
        (2_000, 4_000, 5_000, 8_000, 10_000),
        (0.01, 0.02, 0.03, 0.05),
        (0.8, 0.97),
        (0.03, 0.1),
        "A disease-screening model was run on {total} patients; {pos} of them had the disease "
        "({rate} prevalence). It sent {tp} of them for follow-up (true positives) and missed {fn} "
        "(false negatives). It also sent {fp} healthy patients for follow-up (false positives) and "
        "cleared the other {tn} healthy patients (true negatives).",
    ),
    _ClassificationStory(
        "moderation",
        (5_000, 8_000, 10_000, 20_000),
        (0.02, 0.03, 0.05, 0.08),
        (0.6, 0.9),
        (0.01, 0.05),
        "A content-moderation classifier reviewed {total} posts; human reviewers later confirmed that "
        "{pos} broke policy ({rate}). The classifier removed {tp} violating posts (true positives) and "
        "missed {fn} (false negatives). It also removed {fp} posts that were fine (false positives) and "
        "left the other {tn} fine posts up (true negatives).",
    ),
    _ClassificationStory(
        "churn",
        (2_000, 3_000, 5_000, 10_000),
        (0.03, 0.05, 0.08, 0.1),
        (0.4, 0.75),
        (0.05, 0.15),
        "A churn model scored {total} subscribers before renewal; {pos} of them ({rate}) went on to "
        "cancel. It flagged {tp} of the cancellers for a retention offer (true positives) and missed "
        "{fn} (false negatives). It also flagged {fp} subscribers who would have stayed (false positives) "
        "and left the other {tn} stayers alone (true negatives).",
    ),
)

_CLASSIFICATION_QUESTIONS = [
    Question(key="precision", label="Precision"),
    Question(key="recall", label="Recall"),
    Question(key="f1", label="F1 score"),
    Question(key="accuracy", label="Accuracy"),
    Question(key="fpr", label="False positive rate (FPR)"),
]


def _classification(rng: random.Random, seed: int) -> Exercise:
    story = rng.choice(_CLASSIFICATION_STORIES)
    total = rng.choice(story.totals)
    pos = max(5, round(total * rng.choice(story.base_rates)))
    neg = total - pos
    tp = min(pos - 1, max(1, round(pos * rng.uniform(*story.recall))))
    fn = pos - tp
    fp = min(neg - 1, max(1, round(neg * rng.uniform(*story.fpr))))
    tn = neg - fp
    exact = _classification_exact(tp=tp, fp=fp, fn=fn, tn=tn)
    answer = {key: _r4(value) for key, value in exact.items()}

    story_text = story.text.format(
        total=f"{total:,}", pos=f"{pos:,}", rate=_pct(Fraction(pos, total)),
        tp=f"{tp:,}", fp=f"{fp:,}", fn=f"{fn:,}", tn=f"{tn:,}",
    )
    prompt = (
        f"{story_text}\n\nCompute precision, recall, F1, accuracy and the false positive rate (FPR). "
        f"{_ratio_rule()} Convention: if nothing is flagged, precision counts as 0."
    )
    p, r = exact["precision"], exact["recall"]
    lines = [
        f"Confusion matrix: TP = {tp:,}, FP = {fp:,}, FN = {fn:,}, TN = {tn:,} (total {total:,}).",
        f"Precision = TP / (TP + FP) = {tp:,} / ({tp:,} + {fp:,}) = {tp:,} / {tp + fp:,} = {_f4(p)}.",
        f"Recall = TP / (TP + FN) = {tp:,} / ({tp:,} + {fn:,}) = {tp:,} / {pos:,} = {_f4(r)}.",
        f"F1 = 2 × precision × recall / (precision + recall) = 2 × {_f4(p)} × {_f4(r)} / "
        f"({_f4(p)} + {_f4(r)}) = {_f4(exact['f1'])}; exactly, 2TP / (2TP + FP + FN) = "
        f"{2 * tp:,} / {2 * tp + fp + fn:,} = {_f4(exact['f1'])}.",
        f"Accuracy = (TP + TN) / total = ({tp:,} + {tn:,}) / {total:,} = {tp + tn:,} / {total:,} = "
        f"{_f4(exact['accuracy'])}.",
        f"FPR = FP / (FP + TN) = {fp:,} / ({fp:,} + {tn:,}) = {fp:,} / {neg:,} = {_f4(exact['fpr'])}.",
    ]
    if neg > pos:
        lines.append(
            f"Why it matters: {_pct(Fraction(neg, total))} of cases are negative, so a model that never "
            f"flags anything would already score accuracy {_f4(Fraction(neg, total))}. Precision and "
            f"recall say more: {_pct(1 - p)} of flags are false alarms and {_pct(1 - r)} of real cases "
            "are missed."
        )
    return Exercise(
        kind="classification", seed=seed, prompt=prompt, inputs={"tp": tp, "fp": fp, "fn": fn, "tn": tn},
        answer=answer, explanation="\n".join(lines), tolerance=RATIO_TOLERANCE,
        questions=list(_CLASSIFICATION_QUESTIONS),
    )


@dataclass(frozen=True)
class _ThresholdStory:
    intro: str
    totals: tuple[int, ...]
    base_rates: tuple[float, ...]
    outcome: str  # what the positives turned out to be, after "were"
    positive: str  # short labels for the band counts
    negative: str


# Base rates that fit each story: fraud and failures are rare, churn and fake reviews a few percent.
_THRESHOLD_STORIES = (
    _ThresholdStory("A fraud model scored {n} card transactions last week", (20_000, 40_000, 50_000),
                    (0.002, 0.005, 0.01, 0.02), "fraudulent", "fraud", "legitimate"),
    _ThresholdStory("A churn model scored {n} subscribers before renewal", (5_000, 10_000, 20_000),
                    (0.03, 0.05, 0.08, 0.1), "cancelled at renewal", "cancelled", "renewed"),
    _ThresholdStory("A phishing detector scored {n} inbound emails", (20_000, 50_000),
                    (0.005, 0.01, 0.02), "phishing", "phishing", "genuine"),
    _ThresholdStory("A fake-review detector scored {n} product reviews", (10_000, 20_000),
                    (0.03, 0.05, 0.08), "fake", "fake", "genuine"),
    _ThresholdStory("A predictive-maintenance model scored {n} machines for failure in the next week",
                    (5_000, 10_000), (0.005, 0.01, 0.02), "failed within the week", "failed", "healthy"),
)
_BAND_EDGES = (0.0, 0.3, 0.5, 0.7, 0.9, 1.0)


def _split(rng: random.Random, total: int, weights: Sequence[float]) -> list[int]:
    """``total`` spread over len(weights) bands in proportion to jittered weights, at least 1 in each."""
    jittered = [w * rng.uniform(0.7, 1.3) for w in weights]
    shares = [total * w / sum(jittered) for w in jittered]
    counts = [max(1, math.floor(s)) for s in shares]
    counts[0] += total - sum(counts)  # the remainder goes to the lowest band, which is never tiny
    return counts


def _threshold(rng: random.Random, seed: int) -> Exercise:
    story = rng.choice(_THRESHOLD_STORIES)
    total = rng.choice(story.totals)
    n_pos = max(20, round(total * rng.choice(story.base_rates)))
    n_neg = total - n_pos
    # Bands low to high: positives concentrate at high scores, negatives at low ones.
    pos = _split(rng, n_pos, (0.4, 0.3, 0.15, 0.1, 0.05))[::-1]  # split top band first, then reversed
    neg = _split(rng, n_neg, (0.9, 0.07, 0.02, 0.007, 0.003))
    bands = [
        [_BAND_EDGES[i], _BAND_EDGES[i + 1], pos[i], neg[i]] for i in range(len(pos))
    ]
    t1 = rng.choice((0.3, 0.5))
    t2 = rng.choice((0.7, 0.9))

    def at(threshold: float) -> tuple[int, int]:
        return (
            sum(b[2] for b in bands if b[0] >= threshold),
            sum(b[3] for b in bands if b[0] >= threshold),
        )

    answer: dict[str, int | float] = {}
    results = {}
    lines = [
        "A case is flagged when its score is at or above the threshold: add up the bands from the threshold "
        f"up. There are {n_pos:,} positives ({story.positive}) in all, {_pct(Fraction(n_pos, total))}."
    ]
    for name, thr in (("t1", t1), ("t2", t2)):
        tp, fp = at(thr)
        prec, rec = _ratio(tp, tp + fp), _ratio(tp, n_pos)
        results[name] = (prec, rec, tp + fp)
        answer[f"precision_at_{name}"] = _r4(prec)
        answer[f"recall_at_{name}"] = _r4(rec)
        lines.append(
            f"At threshold {thr}: {_plural(tp + fp, 'case')} flagged: {tp:,} {story.positive} (TP) and "
            f"{fp:,} {story.negative} (FP). Precision = {tp:,} / {tp + fp:,} = {_f4(prec)}; recall = "
            f"{tp:,} / {n_pos:,} = {_f4(rec)}."
        )
    (p1, r1, k1), (p2, r2, k2) = results["t1"], results["t2"]
    lines.append(
        f"Raising the threshold from {t1} to {t2} flagged {_change_count(k1, k2)}: precision "
        f"{_change(p1, p2)} and recall {_change(r1, r2)}. A higher threshold never raises recall; it usually "
        "trades missed positives for fewer false alarms, so pick it by what each kind of error costs."
    )
    lines.append(
        f"With only {_pct(Fraction(n_pos, total))} positives, even a small false positive rate on the "
        f"{n_neg:,} negatives ({story.negative}) produces many false alarms: at {t1}, "
        f"{_f4(_ratio(at(t1)[1], n_neg))} of them are flagged, which is {at(t1)[1]:,} cases."
    )
    band_text = "\n".join(
        f"  {lo:.1f} to {'1.0' if hi == 1.0 else f'under {hi:.1f}'}: {p:,} {story.positive}, "
        f"{q:,} {story.negative}"
        for lo, hi, p, q in reversed(bands)
    )
    prompt = (
        f"{story.intro.format(n=f'{total:,}')}; {n_pos:,} of them were {story.outcome} "
        f"({_pct(Fraction(n_pos, total))}). Counts by score band:\n{band_text}\n\n"
        f"The model flags a case when its score is at or above the threshold. Compute precision and "
        f"recall at threshold {t1} and at threshold {t2}. {_ratio_rule()}"
    )
    questions = [
        Question(key="precision_at_t1", label=f"Precision at threshold {t1}"),
        Question(key="recall_at_t1", label=f"Recall at threshold {t1}"),
        Question(key="precision_at_t2", label=f"Precision at threshold {t2}"),
        Question(key="recall_at_t2", label=f"Recall at threshold {t2}"),
    ]
    return Exercise(
        kind="threshold", seed=seed, prompt=prompt,
        inputs={"bands": bands, "thresholds": [t1, t2]},
        answer=answer, explanation="\n".join(lines), tolerance=RATIO_TOLERANCE, questions=questions,
    )


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _change_count(before: int, after: int) -> str:
    if after == before:
        return f"the same {after:,} items"
    fewer = before - after
    return f"{fewer:,} fewer item{'s' if fewer != 1 else ''} ({before:,} → {after:,})"


def _change(before: Fraction, after: Fraction) -> str:
    if after > before:
        return f"rose from {_f4(before)} to {_f4(after)}"
    if after < before:
        return f"fell from {_f4(before)} to {_f4(after)}"
    return f"stayed at {_f4(after)}"


_AUC_STORIES = (
    # (intro, totals, base rates that fit the story, positive label, negative label)
    ("A click-prediction model scored {n} ad impressions", (20_000, 50_000), (0.01, 0.02, 0.03, 0.05),
     "clicked", "non-clicked"),
    ("A credit model scored {n} past borrowers", (5_000, 10_000), (0.02, 0.04, 0.06),
     "defaulted", "repaid"),
    ("A churn model scored {n} subscribers", (5_000, 10_000, 20_000), (0.03, 0.05, 0.08, 0.1),
     "churned", "stayed"),
    ("A lead-scoring model scored {n} sales leads", (2_000, 5_000), (0.05, 0.08, 0.12),
     "converted", "unconverted"),
    ("A toxicity model scored {n} comments that moderators later labelled", (10_000, 20_000),
     (0.02, 0.04, 0.06), "toxic", "fine"),
)
_AUC_EDGES = (0.0, 0.25, 0.5, 0.75, 1.0)


def _count(x: Fraction) -> str:
    """A count that may end in a half, with thousands separators: 27,990 or 422,212.5."""
    return f"{int(x):,}" if x.denominator == 1 else f"{float(x):,.1f}"


def _ranking_auc(rng: random.Random, seed: int) -> Exercise:
    intro, totals, rates, positive, negative = rng.choice(_AUC_STORIES)
    total = rng.choice(totals)
    n_pos = max(20, round(total * rng.choice(rates)))
    n_neg = total - n_pos
    spread = rng.uniform(0.6, 1.6)  # how well the model separates the classes varies by seed
    pos = _split(rng, n_pos, (0.45 * spread, 0.3, 0.17, 0.08 / spread))[::-1]
    neg = _split(rng, n_neg, (0.7 * spread, 0.2, 0.07, 0.03 / spread))
    bands = [[_AUC_EDGES[i], _AUC_EDGES[i + 1], pos[i], neg[i]] for i in range(len(pos))]

    pairs = n_pos * n_neg
    wins = Fraction(0)
    below = 0
    lines = [
        "AUC = (pairs where the positive outscores the negative + ½ × tied pairs) / (positives × "
        f"negatives). Positives: {n_pos:,}, negatives: {n_neg:,}, so {n_pos:,} × {n_neg:,} = {pairs:,} "
        "pairs. Scores within a band are treated as tied, so a positive beats every negative in lower "
        "bands and half of those in its own band."
    ]
    for lo, hi, p_b, n_b in bands:
        credit = p_b * (below + Fraction(n_b, 2))
        wins += credit
        lines.append(
            f"Band {lo:.2f} to {hi:.2f}: {p_b:,} {positive} × ({below:,} {negative} below + ½ × {n_b:,} "
            f"in the band) = {_count(credit)}."
        )
        below += n_b
    auc = wins / pairs
    lines.append(
        f"AUC = {_count(wins)} / {pairs:,} = {_f4(auc)}: a random {positive} case outscores a random "
        f"{negative} one {_pct(auc)} of the time. AUC judges the ranking only, not any threshold, and it "
        f"does not change with the base rate ({_pct(Fraction(n_pos, total))} here): at a rare base rate a "
        "high AUC can still mean most flagged cases are false alarms."
    )
    band_text = "\n".join(
        f"  {lo:.2f} to {'1.00' if hi == 1.0 else f'under {hi:.2f}'}: {p_b:,} {positive}, {n_b:,} {negative}"
        for lo, hi, p_b, n_b in reversed(bands)
    )
    prompt = (
        f"{intro.format(n=f'{total:,}')}; {n_pos:,} of them {positive} ({_pct(Fraction(n_pos, total))}). "
        f"Counts by score band:\n{band_text}\n\nCompute the ROC AUC: the share of (positive, negative) pairs "
        "in which the positive has the higher score, counting a tie as half. Treat cases in the same band "
        f"as tied. {_ratio_rule()}"
    )
    return Exercise(
        kind="ranking_auc", seed=seed, prompt=prompt, inputs={"bands": bands},
        answer={"auc": _r4(auc)}, explanation="\n".join(lines), tolerance=RATIO_TOLERANCE,
        questions=[Question(key="auc", label="ROC AUC")],
    )


_TOPK_STORIES = (
    "The search team's new ranker returned {n} results for the query \"waterproof hiking boots\"",
    "The help-center search returned {n} articles for \"reset my password\"",
    "The home feed recommended {n} movies to a test user",
    "The job board's ranker returned {n} postings for \"data analyst remote\"",
    "The podcast app recommended {n} episodes to a listener",
)


def _retrieved_only(missed: int) -> str:
    if not missed:
        return "Every relevant item was returned, so this ideal order is the full one."
    return (
        f"This is retrieved-only IDCG: the {_plural(missed, 'relevant item')} not returned "
        f"{'has' if missed == 1 else 'have'} no grade, so {'it' if missed == 1 else 'they'} cannot be "
        "placed in the ideal list. NDCG here judges the order of what was returned; what was missed shows "
        "in recall."
    )


def _ranking_topk(rng: random.Random, seed: int) -> Exercise:
    story = rng.choice(_TOPK_STORIES)
    n = rng.randint(6, 12)
    relevance = [rng.randint(1, 3) if rng.random() < 0.7 - 0.04 * i else 0 for i in range(n)]
    if not any(relevance):
        relevance[rng.randrange(n)] = rng.randint(1, 3)
    k = rng.choice([c for c in (3, 4, 5, 6, 8, 10) if c <= n])
    in_list = sum(1 for r in relevance if r > 0)
    total_relevant = in_list + rng.randint(0, 4)

    top = relevance[:k]
    hits = sum(1 for r in top if r > 0)
    precision = Fraction(hits, k)
    recall = _ratio(hits, total_relevant)
    ideal = sorted(relevance, reverse=True)[:k]
    dcg, idcg = _dcg(top), _dcg(ideal)
    ndcg = dcg / idcg if idcg > 0 else 0.0

    def terms(grades: Sequence[int]) -> str:
        return " + ".join(f"{g}/log2({i + 2})" for i, g in enumerate(grades))

    lines = [
        f"Top {k} grades: {', '.join(map(str, top))}; {hits} of them are relevant (grade ≥ 1).",
        f"Precision@{k} = relevant in top {k} / {k} = {hits} / {k} = {_f4(precision)}.",
        f"Recall@{k} = relevant in top {k} / all relevant = {hits} / {total_relevant} = {_f4(recall)}.",
        f"DCG@{k} = {terms(top)} = {_f4(dcg)}.",
        f"Ideal order (same results, best first): {', '.join(map(str, sorted(relevance, reverse=True)))}; "
        f"IDCG@{k} = {terms(ideal)} = {_f4(idcg)}. {_retrieved_only(total_relevant - in_list)}",
        f"NDCG@{k} = DCG / IDCG = {_f4(dcg)} / {_f4(idcg)} = {_f4(ndcg)}."
        if idcg > 0
        else f"IDCG@{k} is 0 (nothing relevant), so NDCG@{k} = 0 by convention.",
        "Precision and recall only see relevant-or-not; NDCG also rewards putting the best results first.",
    ]
    prompt = (
        f"{story.format(n=n)}. Raters graded each result from 0 (irrelevant) to 3 (perfect); in ranked "
        f"order the grades are: {', '.join(map(str, relevance))}. The whole catalogue holds "
        f"{total_relevant} relevant items (grade ≥ 1) for this request.\n\nCompute precision@{k}, "
        f"recall@{k} and "
        f"NDCG@{k}. A result counts as relevant when its grade is at least 1. Use linear gain: DCG@k = "
        "sum over positions i = 1..k of grade_i / log2(i + 1); IDCG@k is the DCG@k of the same returned "
        "results sorted best-first (retrieved-only IDCG: relevant items that were not returned have no "
        f"grade, so recall accounts for them); NDCG@k = DCG@k / IDCG@k (0 if IDCG@k is 0). {_ratio_rule()}"
    )
    questions = [
        Question(key="precision_at_k", label=f"Precision@{k}"),
        Question(key="recall_at_k", label=f"Recall@{k}"),
        Question(key="ndcg_at_k", label=f"NDCG@{k}"),
    ]
    return Exercise(
        kind="ranking_topk", seed=seed, prompt=prompt,
        inputs={"relevance": relevance, "k": k, "total_relevant": total_relevant},
        answer={"precision_at_k": _r4(precision), "recall_at_k": _r4(recall), "ndcg_at_k": _r4(ndcg)},
        explanation="\n".join(lines), tolerance=RATIO_TOLERANCE, questions=questions,
    )


@dataclass(frozen=True)
class _RegressionStory:
    text: str
    unit: str
    actual: tuple[int, int]
    error: int
    big_miss: int


_REGRESSION_STORIES = (
    _RegressionStory(
        "The delivery-time model predicted arrival times for {n} orders (in minutes)", "minutes",
        (18, 55), 6, 18,
    ),
    _RegressionStory(
        "The demand forecast predicted daily sales of one product at {n} stores (in units)", "units",
        (80, 240), 15, 45,
    ),
    _RegressionStory(
        "The ride app's pickup ETA model predicted driver arrival for {n} rides (in minutes)", "minutes",
        (3, 15), 2, 7,
    ),
    _RegressionStory(
        "The support-resolution model predicted how long {n} tickets would take to close (in hours)",
        "hours", (2, 48), 4, 14,
    ),
)


def _regression(rng: random.Random, seed: int) -> Exercise:
    story = rng.choice(_REGRESSION_STORIES)
    n = rng.randint(6, 10)
    y_true = [rng.randint(*story.actual) for _ in range(n)]
    errors = [rng.randint(-story.error, story.error) for _ in range(n)]
    if rng.random() < 0.4:  # one big miss shows how RMSE punishes outliers more than MAE
        errors[rng.randrange(n)] = rng.choice((-1, 1)) * story.big_miss
    y_pred = [max(1, t + e) for t, e in zip(y_true, errors, strict=True)]
    errors = [p - t for t, p in zip(y_true, y_pred, strict=True)]
    abs_sum = sum(abs(e) for e in errors)
    sq_sum = sum(e * e for e in errors)
    mae = Fraction(abs_sum, n)
    mse = Fraction(sq_sum, n)
    rmse = math.sqrt(mse)

    lines = [
        f"Errors (predicted − actual): {', '.join(f'{e:+d}' if e else '0' for e in errors)}.",
        f"MAE = mean of |error| = ({' + '.join(str(abs(e)) for e in errors)}) / {n} = {abs_sum} / {n} = "
        f"{_f4(mae)} {story.unit}.",
        f"Squared errors: {', '.join(str(e * e) for e in errors)}; MSE = {sq_sum} / {n} = {_f4(mse)}.",
        f"RMSE = √MSE = √{_f4(mse)} = {_f4(rmse)} {story.unit}.",
        f"RMSE ≥ MAE always; the gap ({_f4(rmse - mae)}) grows when a few large misses dominate "
        f"(largest miss here: {max(abs(e) for e in errors)} {story.unit}). RMSE suits products where big "
        "misses hurt disproportionately; MAE reads as the typical miss.",
    ]
    prompt = (
        f"{story.text.format(n=n)}.\nActual: {', '.join(map(str, y_true))}\n"
        f"Predicted: {', '.join(map(str, y_pred))}\n\nCompute the RMSE and the MAE in {story.unit}. "
        f"Give each to two decimal places; answers within {RATIO_TOLERANCE} of the exact value count "
        "as correct."
    )
    questions = [
        Question(key="rmse", label=f"RMSE ({story.unit})", unit="number"),
        Question(key="mae", label=f"MAE ({story.unit})", unit="number"),
    ]
    return Exercise(
        kind="regression", seed=seed, prompt=prompt, inputs={"y_true": y_true, "y_pred": y_pred},
        answer={"rmse": _r4(rmse), "mae": _r4(mae)}, explanation="\n".join(lines),
        tolerance=RATIO_TOLERANCE, questions=questions,
    )


_AB_STORIES = (
    ("The checkout team piloted one-click checkout", "completed a purchase"),
    ("The growth team piloted an onboarding checklist", "finished sign-up"),
    ("The shopping team piloted an AI-written product summary", "added the item to cart"),
    ("The messaging team piloted smart-reply suggestions", "sent a reply within a day"),
    ("The search team piloted a new ranking model", "clicked a result"),
)


def _nice(x: float) -> int:
    step = 100 if x < 5_000 else 500 if x < 50_000 else 1_000
    return max(step, round(x / step) * step)


def _ab_test(rng: random.Random, seed: int) -> Exercise:
    intro, action = rng.choice(_AB_STORIES)
    n_c = rng.choice((2_000, 2_500, 3_000, 4_000, 5_000, 6_000, 8_000, 10_000))
    n_t = n_c if rng.random() < 0.5 else n_c + 20 * rng.randint(-5, 5)
    base = rng.choice((0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12))
    c_c = max(20, round(n_c * base * rng.uniform(0.9, 1.1)))
    p1 = Fraction(c_c, n_c)
    c_t = round(n_t * p1 * (1 + Fraction(rng.randint(12, 40), 100)))
    while Fraction(c_t, n_t) <= p1:
        c_t += 1
    p2 = Fraction(c_t, n_t)
    # The test is sized on the smallest lift worth shipping, chosen by the business, which sits below the
    # pilot's lift: small pilots that look good overstate the effect.
    mde = Fraction(rng.choice((5, 6, 8, 10)), 100)
    p_mde = p1 * (1 + mde)
    raw_n = _required_n_exact(p1, p_mde)
    need = math.ceil(raw_n)
    detectable = rng.random() < 0.5
    for _ in range(50):
        ratio = rng.uniform(1.25, 2.5) if detectable else rng.uniform(0.35, 0.8)
        planned = _nice(need * ratio)
        # Keep the verdict well clear of the sample-size tolerance.
        if (planned >= 1.15 * need) if detectable else (planned <= 0.87 * need):
            break
    else:  # pragma: no cover - the bands above always leave room
        planned = _nice(2 * need) if detectable else max(1, need // 2)
    detectable = planned >= need
    n_tolerance = max(1, math.ceil(need * 0.01))

    abs_lift = p2 - p1
    rel_lift = abs_lift / p1
    z = Z_ALPHA + Z_POWER
    var = p1 * (1 - p1) + p_mde * (1 - p_mde)
    mde_abs = p_mde - p1
    verdict = "≥" if detectable else "<"
    lines = [
        f"Control rate p1 = {c_c:,} / {n_c:,} = {_dec(p1, 6)}; treatment rate p2 = {c_t:,} / {n_t:,} = "
        f"{_dec(p2, 6)}.",
        f"Absolute lift = p2 − p1 = {_dec(p2, 6)} − {_dec(p1, 6)} = {_f4(abs_lift)} "
        f"({float(abs_lift) * 100:.2f} percentage points).",
        f"Relative lift = (p2 − p1) / p1 = {_dec(abs_lift, 6)} / {_dec(p1, 6)} = {_f4(rel_lift)} "
        f"({_pct(rel_lift)}).",
        f"Size the test on the minimum detectable effect, not the pilot: p_mde = p1 × (1 + {_pct(mde)}) = "
        f"{_dec(p_mde, 6)}, an absolute effect of {_dec(mde_abs, 6)}.",
        "Required n per arm = (z_{1−α/2} + z_{1−β})² × (p1(1 − p1) + p_mde(1 − p_mde)) / (p_mde − p1)², "
        f"with z_{{1−α/2}} = {Z_ALPHA} and z_{{1−β}} = {Z_POWER}:",
        f"  = {z:.6f}² × ({_dec(p1 * (1 - p1), 6)} + {_dec(p_mde * (1 - p_mde), 6)}) / {_dec(mde_abs, 6)}²",
        f"  = {z * z:.6f} × {_dec(var, 6)} / {_dec(mde_abs**2, 10)} = {float(raw_n):,.2f} → rounded up: "
        f"{need:,}.",
        f"Planned {planned:,} per arm {verdict} {need:,}, so detectable = {int(detectable)}: the full test "
        + ("can" if detectable else "cannot")
        + f" reliably detect a lift of {_pct(mde)}.",
        f"Why not size on the pilot's {_pct(rel_lift)}? A pilot of a few thousand visitors has a wide margin "
        "of error, and pilots that look good enough to scale are the ones whose noise ran high, so the true "
        "lift is usually smaller. A test sized on the pilot's lift is underpowered for the effect you will "
        "really see, and a flat result then proves nothing.",
        "n scales with 1 / (absolute effect)²: halving the effect you want to detect quadruples the sample; "
        "a big relative lift on a small base rate is still a small absolute one.",
    ]
    prompt = (
        f"{intro} on a small slice of traffic. In control, {c_c:,} of {n_c:,} visitors {action}; in "
        f"treatment, {c_t:,} of {n_t:,} did. The business decides the smallest lift worth shipping (the "
        f"minimum detectable effect) is a relative {_pct(mde)}. The team plans a full test with "
        f"{planned:,} visitors per arm, a two-sided two-proportion z-test at alpha 0.05 and power 0.8.\n\n"
        "Compute: the absolute lift (treatment rate − control rate, as a proportion, within "
        f"{LIFT_TOLERANCE}); the relative lift (absolute lift / control rate, within {RATIO_TOLERANCE}); "
        "the sample size per arm needed to detect the minimum detectable effect, with p1 the control rate "
        f"and p_mde = p1 × (1 + {_pct(mde)}), n = (z_{{1−α/2}} + z_{{1−β}})² × (p1(1 − p1) + "
        "p_mde(1 − p_mde)) / (p_mde − p1)² with "
        f"z_{{1−α/2}} = {Z_ALPHA} and z_{{1−β}} = {Z_POWER}, rounded up (within ±{n_tolerance:,}); and "
        f"whether the planned {planned:,} per arm is enough (1 = yes, 0 = no). Percentages such as "
        "0.75% are accepted for the lifts."
    )
    questions = [
        Question(key="absolute_lift", label="Absolute lift", tolerance=LIFT_TOLERANCE),
        Question(key="relative_lift", label="Relative lift"),
        Question(key="required_n_per_arm", label="Required sample size per arm", unit="count",
                 tolerance=float(n_tolerance)),
        Question(key="detectable", label="Planned size is enough (1 = yes, 0 = no)", unit="flag",
                 tolerance=0.0),
    ]
    return Exercise(
        kind="ab_test", seed=seed, prompt=prompt,
        inputs={
            "control_conversions": c_c, "control_visitors": n_c,
            "treatment_conversions": c_t, "treatment_visitors": n_t,
            "alpha": 0.05, "power": 0.8, "planned_n_per_arm": planned, "mde_relative": float(mde),
        },
        answer={
            "absolute_lift": _r4(abs_lift), "relative_lift": _r4(rel_lift),
            "required_n_per_arm": need, "detectable": int(detectable),
        },
        explanation="\n".join(lines), tolerance=RATIO_TOLERANCE, questions=questions,
    )


@dataclass(frozen=True)
class _CostStory:
    text: str  # {users}, {per_day}: who makes the requests
    request: str  # what one request holds, for the working
    input_tokens: tuple[int, int]
    output_tokens: tuple[int, int]


_COST_STORIES = (
    _CostStory("A customer-support assistant serves {users} daily active customers, each sending {per_day} "
               "messages a day", "system prompt, conversation and retrieved help articles", (2_000, 6_000),
               (150, 400)),
    _CostStory("The meeting-notes feature summarises {per_day} meetings a day for each of {users} daily "
               "active users", "transcript chunk and instructions", (4_000, 12_000), (300, 800)),
    _CostStory("Your coding assistant gets {per_day} chat requests a day from each of {users} daily active "
               "developers", "system prompt, open files and question", (3_000, 10_000), (200, 700)),
    _CostStory("An email-drafting feature writes {per_day} drafts a day for each of {users} daily active "
               "users", "thread, instructions and style examples", (1_000, 3_000), (150, 400)),
    _CostStory("The shopping assistant answers {per_day} questions a day for each of {users} daily active "
               "shoppers", "system prompt, product data and question", (1_500, 4_000), (100, 300)),
)
_PRICES = (  # (input, output) dollars per million tokens: small, mid and large model tiers
    (Fraction("0.15"), Fraction("0.60")), (Fraction("0.40"), Fraction("1.60")), (Fraction(1), Fraction(4)),
    (Fraction("2.50"), Fraction(10)), (Fraction(3), Fraction(15)),
)
DAYS_PER_MONTH = 30


def _money(x: Fraction | float, places: int = 2) -> str:
    return f"${float(x):,.{places}f}"


def _token_cost(rng: random.Random, seed: int) -> Exercise:
    story = rng.choice(_COST_STORIES)
    users = rng.choice((5_000, 20_000, 50_000, 120_000, 300_000))
    per_day = rng.randint(2, 12)
    tokens_in = 100 * rng.randint(story.input_tokens[0] // 100, story.input_tokens[1] // 100)
    tokens_out = 10 * rng.randint(story.output_tokens[0] // 10, story.output_tokens[1] // 10)
    price_in, price_out = rng.choice(_PRICES)
    plan = rng.choice((10, 20, 25, 30))

    per_request = (tokens_in * price_in + tokens_out * price_out) / 1_000_000
    per_thousand = per_request * 1_000
    requests_month = users * per_day * DAYS_PER_MONTH
    monthly = per_request * requests_month
    per_user = per_request * per_day * DAYS_PER_MONTH
    share = per_user / plan
    monthly_tolerance = max(1, math.ceil(float(monthly) * 0.01))
    input_share = tokens_in * price_in / (tokens_in * price_in + tokens_out * price_out)

    lines = [
        f"Cost of one request = input tokens × input price + output tokens × output price = {tokens_in:,} × "
        f"{_money(price_in)} / 1,000,000 + {tokens_out:,} × {_money(price_out)} / 1,000,000 = "
        f"{_dec(tokens_in * price_in / 1_000_000, 8)} + {_dec(tokens_out * price_out / 1_000_000, 8)} = "
        f"{_money(per_request, 6)}.",
        f"Per 1,000 requests: {_money(per_request, 6)} × 1,000 = {_money(per_thousand, 4)}.",
        f"Requests a month = {users:,} users × {per_day} a day × {DAYS_PER_MONTH} days = {requests_month:,}; "
        f"monthly cost = {requests_month:,} × {_money(per_request, 6)} = {_money(monthly)}.",
        f"Per user: {per_day} × {DAYS_PER_MONTH} = {per_day * DAYS_PER_MONTH} requests a month × "
        f"{_money(per_request, 6)} = {_money(per_user, 4)}; as a share of the {_money(plan, 0)} plan: "
        f"{_money(per_user, 4)} / {_money(plan, 0)} = {_f4(share)} ({_pct(share)}).",
        f"Input is {_pct(input_share)} of the cost here. An output token costs "
        f"{float(price_out / price_in):g}× an input token, so trimming output is the bigger lever per token; "
        "with long prompts, trimming retrieved context and caching the stable prompt prefix (where the "
        "provider discounts cached input) often save more in total.",
        (
            "The average user costs more than the plan's price: at this price the feature loses money before "
            "any other cost. "
            if share >= 1
            else "That leaves little margin once hosting, support and other costs are counted. "
            if share >= Fraction(3, 10)
            else ""
        )
        + "This is the average user: heavy users can cost several times more, so model the usage "
        "distribution and the plan's margin before launch, and recheck when prices or prompts change.",
    ]
    prompt = (
        f"{story.text.format(users=f'{users:,}', per_day=per_day)}. Each request sends about {tokens_in:,} "
        f"input tokens ({story.request}) and gets about {tokens_out:,} output tokens back. The model costs "
        f"{_money(price_in)} per million input tokens and {_money(price_out)} per million output tokens. "
        f"The feature is part of a {_money(plan, 0)}-a-month plan.\n\nCompute: the cost per 1,000 requests "
        f"in dollars (within {RATIO_TOLERANCE}); the monthly inference cost in dollars for a "
        f"{DAYS_PER_MONTH}-day month (within ±${monthly_tolerance:,}, about 1%); and the inference cost of "
        f"one average user per month as a share of the plan's price (within {RATIO_TOLERANCE}; percentages "
        "are accepted)."
    )
    questions = [
        Question(key="cost_per_1k_requests", label="Cost per 1,000 requests ($)", unit="number"),
        Question(key="monthly_cost", label="Monthly inference cost ($)", unit="count",
                 tolerance=float(monthly_tolerance)),
        Question(key="share_of_plan", label="Cost per user as a share of the plan's price"),
    ]
    return Exercise(
        kind="token_cost", seed=seed, prompt=prompt,
        inputs={
            "daily_active_users": users, "requests_per_user_per_day": per_day, "input_tokens": tokens_in,
            "output_tokens": tokens_out, "input_price_per_million": float(price_in),
            "output_price_per_million": float(price_out), "plan_price": plan, "days": DAYS_PER_MONTH,
        },
        answer={
            "cost_per_1k_requests": _r4(per_thousand), "monthly_cost": _r4(monthly),
            "share_of_plan": _r4(share),
        },
        explanation="\n".join(lines), tolerance=RATIO_TOLERANCE, questions=questions,
    )


_EVAL_STORIES = (
    "The support assistant answered {k} of {n} golden-set questions correctly",
    "The refund agent completed {k} of {n} sandboxed tasks end to end",
    "The extraction model got every field right on {k} of {n} held-out invoices",
    "Your SQL assistant produced a correct query for {k} of {n} analyst questions",
    "The summariser passed the faithfulness rubric on {k} of {n} sampled documents",
)
_MARGINS = (Fraction(1, 100), Fraction(3, 200), Fraction(2, 100), Fraction(3, 100))


def _eval_interval(rng: random.Random, seed: int) -> Exercise:
    story = rng.choice(_EVAL_STORIES)
    n = rng.choice((150, 200, 250, 300, 400, 500, 800))
    rate = rng.uniform(0.62, 0.94)
    k = round(n * rate)
    p = Fraction(k, n)
    z = Z_ALPHA
    half = z * math.sqrt(float(p * (1 - p)) / n)
    lower, upper = float(p) - half, float(p) + half
    # A launch bar that sits clearly inside or outside the interval, so rounding cannot flip the verdict.
    for _ in range(100):
        bar = Fraction(rng.choice(range(60, 96)), 100)
        if min(abs(float(bar) - lower), abs(float(bar) - upper)) > 0.01:
            break
    clears = lower > float(bar)
    margin = rng.choice(_MARGINS)
    raw_needed = Fraction(str(z)) ** 2 * p * (1 - p) / margin**2
    needed = math.ceil(raw_needed)
    needed_tolerance = max(1, math.ceil(needed * 0.01))
    worst_case = math.ceil(Fraction(str(z)) ** 2 / 4 / margin**2)

    if clears:
        verdict = f"the whole interval is above the {_pct(bar)} bar, so clears = 1"
    elif upper < float(bar):
        verdict = f"the whole interval is below the {_pct(bar)} bar, so clears = 0: the model misses it"
    else:
        verdict = (
            f"the interval straddles the {_pct(bar)} bar, so clears = 0: this eval cannot tell whether the "
            "bar is met; more examples (or a better model) are needed"
        )
    lines = [
        f"Pass rate p = {k} / {n} = {_f4(p)}.",
        f"Standard error = √(p(1 − p) / n) = √({_f4(p)} × {_f4(1 - p)} / {n}) = "
        f"{math.sqrt(float(p * (1 - p)) / n):.4f}; margin = {z} × that = {half:.4f}.",
        f"95% interval = {_f4(p)} ± {half:.4f} = [{lower:.4f}, {upper:.4f}]: {verdict}.",
        f"Examples for a margin of ±{_pct(margin)}: n = z² × p(1 − p) / margin² = {z}² × {_f4(p)} × "
        f"{_f4(1 - p)} / {_dec(margin, 4)}² = {float(raw_needed):,.2f} → rounded up: {needed:,}.",
        "The margin shrinks with √n: halving it takes four times the examples. Planning with p = 0.5 "
        f"instead of the observed rate is the safe upper bound ({worst_case:,} here). This normal (Wald) "
        "interval is fine for rates away from 0 and 1 with a few hundred examples; near 0 or 1, or on small "
        "sets, use a Wilson interval.",
        "Two models scored on the same examples are better compared with a paired test on the examples "
        "where they disagree than by checking whether their separate intervals overlap.",
    ]
    prompt = (
        f"{story.format(k=k, n=n)}. The launch bar is a pass rate of {_pct(bar)}.\n\nCompute: the pass "
        "rate; the lower and upper bounds of its 95% confidence interval using the normal approximation, "
        f"p ± z × √(p(1 − p) / n) with z = {z}; whether the whole interval is above the launch bar "
        "(1 = yes, 0 = no); and how many examples the eval set would need for a margin of error of "
        f"±{_pct(margin)} at the same pass rate, n = z² × p(1 − p) / margin², rounded up (within "
        f"±{needed_tolerance:,}). {_ratio_rule()}"
    )
    questions = [
        Question(key="pass_rate", label="Pass rate"),
        Question(key="ci_lower", label="Lower bound of the 95% interval"),
        Question(key="ci_upper", label="Upper bound of the 95% interval"),
        Question(key="clears_bar", label="Whole interval above the bar (1 = yes, 0 = no)", unit="flag",
                 tolerance=0.0),
        Question(key="examples_needed", label=f"Examples needed for ±{_pct(margin)}", unit="count",
                 tolerance=float(needed_tolerance)),
    ]
    return Exercise(
        kind="eval_interval", seed=seed, prompt=prompt,
        inputs={"passed": k, "examples": n, "bar": float(bar), "margin": float(margin), "z": z},
        answer={
            "pass_rate": _r4(p), "ci_lower": _r4(lower), "ci_upper": _r4(upper), "clears_bar": int(clears),
            "examples_needed": needed,
        },
        explanation="\n".join(lines), tolerance=RATIO_TOLERANCE, questions=questions,
    )


_KAPPA_STORIES = (
    ("Two support leads each graded the same {n} chatbot answers", "pass", "fail"),
    ("Two clinicians independently reviewed the same {n} AI-drafted visit notes", "acceptable",
     "not acceptable"),
    ("An LLM judge and a human expert both graded the same {n} assistant answers", "pass", "fail"),
    ("Two moderators independently labelled the same {n} flagged posts", "violating", "fine"),
    ("Two lawyers each checked the same {n} AI contract summaries", "accurate", "inaccurate"),
)
KAPPA_TOLERANCE = 0.01
"""Kappa is a ratio of differences: rounding the agreements first moves it by up to about 0.01."""


def cohen_kappa(*, both_yes: int, a_only: int, b_only: int, both_no: int) -> float:
    """Cohen's kappa of two raters' yes/no labels from the 2×2 table of their counts."""
    return float(_kappa_exact(both_yes=both_yes, a_only=a_only, b_only=b_only, both_no=both_no)[2])


def _kappa_exact(*, both_yes: int, a_only: int, b_only: int, both_no: int) -> tuple[Fraction, ...]:
    n = both_yes + a_only + b_only + both_no
    if min(both_yes, a_only, b_only, both_no) < 0 or n == 0:
        raise ValueError("counts must be non-negative and not all zero")
    observed = Fraction(both_yes + both_no, n)
    a_yes, b_yes = Fraction(both_yes + a_only, n), Fraction(both_yes + b_only, n)
    expected = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
    if expected == 1:
        raise ValueError("kappa is undefined when both raters give one label to everything")
    return observed, expected, (observed - expected) / (1 - expected)


def _rater_agreement(rng: random.Random, seed: int) -> Exercise:
    intro, yes, no = rng.choice(_KAPPA_STORIES)
    n = rng.choice((100, 120, 150, 200, 250, 300, 400))
    prevalence = rng.uniform(0.55, 0.9)
    noise_a, noise_b = rng.uniform(0.03, 0.15), rng.uniform(0.03, 0.15)
    cells = [0, 0, 0, 0]  # both yes, A yes only, B yes only, both no
    for _ in range(n):
        truth = rng.random() < prevalence
        a = truth != (rng.random() < noise_a)
        b = truth != (rng.random() < noise_b)
        cells[0 if a and b else 1 if a else 2 if b else 3] += 1
    for i in range(4):  # every cell at least 1 so no row or column is degenerate
        if cells[i] == 0:
            cells[i] += 1
            cells[max(range(4), key=lambda j: cells[j])] -= 1
    both_yes, a_only, b_only, both_no = cells
    observed, expected, kappa = _kappa_exact(both_yes=both_yes, a_only=a_only, b_only=b_only, both_no=both_no)
    a_yes, b_yes = Fraction(both_yes + a_only, n), Fraction(both_yes + b_only, n)

    if kappa < Fraction(2, 5):
        reading = "weak agreement: little beyond chance, so this rubric cannot yet gate a launch"
    elif kappa < Fraction(3, 5):
        reading = "moderate agreement: tighten the rubric with examples of the disputed cases first"
    elif kappa < Fraction(4, 5):
        reading = "substantial agreement: usable, though the disagreements are worth adjudicating"
    else:
        reading = "strong agreement: the graders apply the rubric alike"
    lines = [
        f"Observed agreement p_o = (both {yes} + both {no}) / n = ({both_yes} + {both_no}) / {n} = "
        f"{_f4(observed)}.",
        f"Grader A says {yes} to ({both_yes} + {a_only}) / {n} = {_f4(a_yes)}; grader B to ({both_yes} + "
        f"{b_only}) / {n} = {_f4(b_yes)}.",
        f"Chance agreement p_e = {_f4(a_yes)} × {_f4(b_yes)} + {_f4(1 - a_yes)} × {_f4(1 - b_yes)} = "
        f"{_f4(expected)}.",
        f"Kappa = (p_o − p_e) / (1 − p_e) = ({_f4(observed)} − {_f4(expected)}) / (1 − {_f4(expected)}) = "
        f"{_f4(kappa)}.",
        f"Reading it: {reading} (a rough guide: below 0.4 weak, 0.4-0.6 moderate, 0.6-0.8 substantial, "
        "above 0.8 strong).",
        f"Raw agreement of {_pct(observed)} looks high partly because most items are '{yes}': two graders "
        f"who guessed at those rates would already agree {_pct(expected)} of the time. Kappa counts only "
        "agreement beyond that, which is why it is the number to report for an eval rubric or an LLM judge.",
    ]
    prompt = (
        f"{intro.format(n=n)} as {yes} or {no}. Both said {yes} on {both_yes}; only grader A said {yes} on "
        f"{a_only}; only grader B said {yes} on {b_only}; both said {no} on {both_no}.\n\nCompute the "
        "observed agreement p_o (share of items with the same label), the agreement expected by chance p_e "
        "(from each grader's own share of each label: p_e = a_yes × b_yes + a_no × b_no) and Cohen's kappa = "
        f"(p_o − p_e) / (1 − p_e). {_ratio_rule()} Kappa is accepted within {KAPPA_TOLERANCE}; keep four "
        "decimals in the intermediate steps."
    )
    questions = [
        Question(key="observed_agreement", label="Observed agreement p_o"),
        Question(key="chance_agreement", label="Chance agreement p_e"),
        Question(key="kappa", label="Cohen's kappa", tolerance=KAPPA_TOLERANCE),
    ]
    return Exercise(
        kind="rater_agreement", seed=seed, prompt=prompt,
        inputs={"both_yes": both_yes, "a_only": a_only, "b_only": b_only, "both_no": both_no},
        answer={
            "observed_agreement": _r4(observed), "chance_agreement": _r4(expected), "kappa": _r4(kappa),
        },
        explanation="\n".join(lines), tolerance=RATIO_TOLERANCE, questions=questions,
    )


_GENERATORS: dict[str, Callable[[random.Random, int], Exercise]] = {
    "classification": _classification,
    "threshold": _threshold,
    "ranking_auc": _ranking_auc,
    "ranking_topk": _ranking_topk,
    "regression": _regression,
    "ab_test": _ab_test,
    "token_cost": _token_cost,
    "eval_interval": _eval_interval,
    "rater_agreement": _rater_agreement,
}


def generate(kind: str, seed: int) -> Exercise:
    """The exercise of ``kind`` for ``seed``: the same pair always yields the identical exercise."""
    if kind not in _GENERATORS:
        raise ValueError(f"unknown exercise kind {kind!r}; choose one of: {', '.join(KINDS)}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an int, not {type(seed).__name__}")
    return _GENERATORS[kind](random.Random(seed), seed)


# --------------------------------------------------------------------------------------------------
# Checking typed-in answers

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}
_EXAMPLES = {"ratio": "0.25 or 25%", "number": "12.5", "count": "12,000", "flag": "1 or 0"}


def _parse(raw: object, unit: Unit) -> tuple[float | None, str]:
    """A response as a number, or None and the reason it could not be read."""
    if raw is None:
        return None, "no answer given"
    if isinstance(raw, bool):
        return (float(raw), "") if unit == "flag" else (None, f"not a number: {raw!r}")
    if isinstance(raw, int | float):
        value = float(raw)
        return (value, "") if math.isfinite(value) else (None, f"not a finite number: {raw!r}")
    if not isinstance(raw, str):
        return None, f"not a number: {raw!r}"
    text = "".join(raw.split()).replace("−", "-")
    if not text:
        return None, "no answer given"
    if unit == "flag" and text.lower() in _YES | _NO:
        return (1.0 if text.lower() in _YES else 0.0), ""
    percent = text.endswith("%")
    if percent:
        if unit != "ratio":
            return None, f"{raw!r} is a percentage; give this one as a plain number, e.g. {_EXAMPLES[unit]}"
        text = text[:-1]
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if "/" in text and not percent:
        num, _, den = text.partition("/")
        if _NUMBER.fullmatch(num) and _NUMBER.fullmatch(den):
            if float(den) == 0:
                return None, f"{raw!r} divides by zero"
            value = float(num) / float(den)
            return (value, "") if math.isfinite(value) else (None, f"not a finite number: {raw!r}")
    if not _NUMBER.fullmatch(text):
        hint = " (use a dot for decimals)" if "," in text else ""
        return None, f"not a number: {raw!r}{hint}; write e.g. {_EXAMPLES[unit]}"
    value = float(text) / (100 if percent else 1)
    return (value, "") if math.isfinite(value) else (None, f"not a finite number: {raw!r}")


def _show(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def check(exercise: Exercise, responses: dict[str, float | str]) -> CheckResult:
    """Mark ``responses`` against ``exercise.answer`` key by key, never raising on bad input.

    Numbers or strings are accepted: "0.25", ".25", "25%" (divided by 100, proportions only), "1/4",
    "12,000", and yes/no for flags. A key is correct when within its stated tolerance of the answer.
    """
    results: dict[str, KeyCheck] = {}
    for question in exercise.questions:
        expected = float(exercise.answer[question.key])
        tolerance = exercise.tolerance_for(question.key)
        raw = responses.get(question.key)
        given, problem = _parse(raw, question.unit)
        if given is None:
            correct, message = False, problem
        else:
            off = abs(given - expected)
            correct = off <= tolerance + _SLACK
            if correct:
                message = f"correct (exact answer {_show(expected)})"
            else:
                message = f"expected {_show(expected)}, got {_show(given)} (off by {_show(off)})"
                if question.unit == "ratio" and 1 < abs(given) <= 100 and (
                    abs(given / 100 - expected) <= tolerance + _SLACK
                ):
                    message += f"; that looks like a percentage: write {_show(given)}% or {given / 100:g}"
        results[question.key] = KeyCheck(
            key=question.key, label=question.label, correct=correct, expected=expected, given=given,
            response=None if raw is None else str(raw), tolerance=tolerance, message=message,
        )
    return CheckResult(correct=all(r.correct for r in results.values()), results=results)
