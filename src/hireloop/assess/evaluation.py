"""Grade the grader: load labeled answers and compute agreement metrics. Pure functions, no I/O but the load.

Unscorable predictions on graded labels count as disagreement: for kappa they are scored as the grade
farthest from the label, and they predict no flags.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError

from hireloop.assess.models import Assessment, Grader, GradingRequest
from hireloop.vocab import FlagId, RoundId

FLAG_IDS: tuple[str, ...] = typing.get_args(FlagId)
GRADES = (1, 2, 3, 4)


class LabeledCase(BaseModel):
    """One labeled answer in the dev-answers.yaml format; ``grade`` None means expected unscorable."""

    id: str
    round: RoundId
    question: str
    answer: str
    grade: int | None = Field(default=None, ge=1, le=4)
    flags: list[FlagId] = Field(default_factory=list)
    rationale: str = ""
    status: typing.Literal["graded", "unscorable"] | None = None
    family: str | None = None
    """The kind of answer (long_wrong, short_strong, spoken...), for per-family figures."""
    question_id: str | None = None
    """The bank question answered, when the question is one of the bank's (its rubric is then used)."""

    def request(self, questions: typing.Mapping[str, typing.Any] | None = None) -> GradingRequest:
        """The grading request; with the bank's ``questions``, a bank question brings its rubric and notes."""
        q = (questions or {}).get(self.question_id or "")
        if q is None:
            return GradingRequest(round=self.round, question=self.question, answer=self.answer)
        return GradingRequest(
            round=self.round,
            question=self.question,
            answer=self.answer,
            question_id=q.id,
            rubric=q.rubric.anchors(),
            must_show=q.rubric.must_show,
            also=q.rubric.also,
            notes=list(q.notes),
            competencies=list(q.competencies),
        )

    @property
    def expected_status(self) -> str:
        return self.status or ("graded" if self.grade is not None else "unscorable")


class LabeledDataError(ValueError):
    """A labeled file that cannot be read, with file, line and field."""


class _Loader(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = {
        k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)
    }
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_labeled(path: str | Path) -> list[LabeledCase]:
    """Read a labeled YAML file; raise LabeledDataError naming the file, line and field of a problem."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader subclass
    except OSError as exc:
        raise LabeledDataError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise LabeledDataError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(raw, list):
        raise LabeledDataError(f"{path}:1: expected a list of labeled answers at the top level")
    cases: list[LabeledCase] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise LabeledDataError(
                f"{path}: item {i + 1}: expected a mapping with id, round, question, answer"
            )
        line = item.pop("__line__", 0)
        lines = item.pop("__lines__", {})
        try:
            case = LabeledCase.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            fld = str(err["loc"][0]) if err["loc"] else "?"
            raise LabeledDataError(
                f"{path}:{lines.get(fld, line)}: {item.get('id', f'item {i + 1}')}: {fld}: {err['msg']}"
            ) from exc
        if case.id in seen:
            raise LabeledDataError(
                f"{path}:{line}: id: duplicate id {case.id!r} (first at line {seen[case.id]})"
            )
        seen[case.id] = line
        cases.append(case)
    return cases


class CaseResult(BaseModel):
    """One case: what the grader said beside the label."""

    id: str
    round: str
    status: str
    grade: int | None
    flags: list[str]
    expected_status: str
    expected_grade: int | None
    expected_flags: list[str]
    reason: str | None = None
    engine: str = "rubric"  # which engine judged it: an LLM run shows its fallbacks here
    family: str | None = None
    misconceptions: list[str] = Field(default_factory=list)
    confidence: str | None = None  # the level the grader stated


class FlagScore(BaseModel):
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


class Metrics(BaseModel):
    n: int
    graded_labels: int
    unscorable_predictions: int
    status_agreement: float
    qwk: float
    exact: float
    within_one: float
    flag_micro_f1: float
    flag_micro_precision: float
    flag_micro_recall: float
    per_flag: dict[str, FlagScore]
    confusion: list[list[int]] = Field(description="rows: expected grade 1-4, columns: predicted 1-4")
    severe_misses: list[str] = Field(default_factory=list, description="4 graded 1-2, or 1 graded 3-4")


class EvalReport(BaseModel):
    cases: list[CaseResult]
    metrics: Metrics
    by_family: dict[str, Metrics] = Field(default_factory=dict)
    family_targets: dict[str, dict[str, float]] = Field(default_factory=dict)


FAMILY_TARGETS: dict[str, tuple[str, typing.Callable[[int], bool], float]] = {
    "long_wrong": ("graded_2_or_below", lambda g: g <= 2, 0.85),
    "off_question": ("graded_1", lambda g: g == 1, 0.90),
    "short_strong": ("graded_3_or_above", lambda g: g >= 3, 0.85),
}
"""Per family, the share of answers that must land where a committee puts them (issue 11's targets)."""


def by_family(results: Sequence[CaseResult]) -> dict[str, Metrics]:
    """Metrics per family, for cases that carry one."""
    families = sorted({r.family for r in results if r.family})
    return {f: metrics([r for r in results if r.family == f]) for f in families}


def by_confidence(results: Sequence[CaseResult]) -> dict[str, dict[str, float]]:
    """Per stated confidence level: how many graded cases, and how often the label had the same grade and
    the same side of the hire line (grade 3 and up). A calibrated grader is right more often when sure."""
    out: dict[str, dict[str, float]] = {}
    for level in ("high", "medium", "low"):
        graded = [r for r in results if r.confidence == level and r.grade and r.expected_grade]
        if graded:
            out[level] = {
                "n": len(graded),
                "same_grade": round(sum(r.grade == r.expected_grade for r in graded) / len(graded), 3),
                "same_decision": round(
                    sum((r.grade >= 3) == (r.expected_grade >= 3) for r in graded) / len(graded),  # type: ignore[operator]
                    3,
                ),
            }
    return out


def family_targets(results: Sequence[CaseResult]) -> dict[str, dict[str, float]]:
    """For each family with a target: how many cases, the share meeting it, and the target."""
    out: dict[str, dict[str, float]] = {}
    for family, (name, ok, target) in FAMILY_TARGETS.items():
        graded = [r for r in results if r.family == family and r.grade is not None]
        if graded:
            share = sum(1 for r in graded if ok(r.grade)) / len(graded)  # type: ignore[arg-type]
            out[family] = {"n": len(graded), name: round(share, 3), "target": target}
    return out


def quadratic_weighted_kappa(
    expected: Sequence[int], predicted: Sequence[int], labels: Sequence[int] = GRADES
) -> float:
    """Cohen's kappa with quadratic weights over a fixed label set (matches sklearn's definition)."""
    if len(expected) != len(predicted):
        raise ValueError("expected and predicted differ in length")
    k = len(labels)
    index = {lab: i for i, lab in enumerate(labels)}
    if not expected:
        return 0.0
    obs = [[0.0] * k for _ in range(k)]
    for e, p in zip(expected, predicted, strict=True):
        obs[index[e]][index[p]] += 1
    n = float(len(expected))
    row = [sum(r) for r in obs]
    col = [sum(obs[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * obs[i][j]
            den += w * row[i] * col[j] / n
    return 1.0 - num / den if den else 1.0


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _farthest(grade: int) -> int:
    return 1 if grade >= 3 else 4


def metrics(results: Iterable[CaseResult]) -> Metrics:
    """Agreement metrics over per-case results."""
    results = list(results)
    graded = [r for r in results if r.expected_grade is not None]
    exp = [r.expected_grade for r in graded]
    pred = [r.grade if r.grade is not None else _farthest(r.expected_grade) for r in graded]  # type: ignore[arg-type]
    exp_i = typing.cast(list[int], exp)
    n = len(graded)
    confusion = [[0] * 4 for _ in range(4)]
    for e, p in zip(exp_i, pred, strict=True):
        confusion[e - 1][p - 1] += 1
    per_flag: dict[str, FlagScore] = {}
    tp_all = fp_all = fn_all = 0
    for flag in FLAG_IDS:
        tp = sum(1 for r in graded if flag in r.flags and flag in r.expected_flags)
        fp = sum(1 for r in graded if flag in r.flags and flag not in r.expected_flags)
        fn = sum(1 for r in graded if flag not in r.flags and flag in r.expected_flags)
        p, rc, f = _prf(tp, fp, fn)
        per_flag[flag] = FlagScore(precision=p, recall=rc, f1=f, support=tp + fn, predicted=tp + fp)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    mp, mr, mf = _prf(tp_all, fp_all, fn_all)
    severe = [
        r.id
        for r, p in zip(graded, pred, strict=True)
        if (r.expected_grade == 4 and p <= 2) or (r.expected_grade == 1 and p >= 3)
    ]
    return Metrics(
        n=len(results),
        graded_labels=n,
        unscorable_predictions=sum(1 for r in results if r.status == "unscorable"),
        status_agreement=sum(1 for r in results if r.status == r.expected_status) / len(results)
        if results
        else 0.0,
        qwk=quadratic_weighted_kappa(exp_i, pred) if n else 0.0,
        exact=sum(1 for e, p in zip(exp_i, pred, strict=True) if e == p) / n if n else 0.0,
        within_one=sum(1 for e, p in zip(exp_i, pred, strict=True) if abs(e - p) <= 1) / n if n else 0.0,
        flag_micro_f1=mf,
        flag_micro_precision=mp,
        flag_micro_recall=mr,
        per_flag=per_flag,
        confusion=confusion,
        severe_misses=severe,
    )


def case_result(case: LabeledCase, assessment: Assessment) -> CaseResult:
    return CaseResult(
        id=case.id,
        round=case.round,
        status=assessment.status,
        grade=assessment.grade,
        flags=[f.id for f in assessment.flags],
        expected_status=case.expected_status,
        expected_grade=case.grade,
        expected_flags=list(case.flags),
        reason=assessment.reason,
        engine=assessment.engine,
        family=case.family,
        misconceptions=[m.id for m in assessment.misconceptions],
        confidence=assessment.confidence.level if assessment.confidence else None,
    )


def evaluate(
    grader: Grader, cases: Iterable[LabeledCase], questions: typing.Mapping[str, typing.Any] | None = None
) -> EvalReport:
    """Run the grader over labeled cases and report per-case results, metrics and per-family figures."""
    results = [case_result(c, grader.assess(c.request(questions))) for c in cases]
    return EvalReport(
        cases=results,
        metrics=metrics(results),
        by_family=by_family(results),
        family_targets=family_targets(results),
    )
