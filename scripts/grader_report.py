"""Print the grader's agreement with people on every labeled set, as the Markdown tables of docs/grader.md.

    .venv/bin/python scripts/grader_report.py [--held-back]

Without --held-back only the sets the grader was developed on are graded; with it, the held-back sets too
(tests/data/*holdout*.yaml), which are never read while the grader is being changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hireloop.assess.engine import ENGINE_VERSION, RubricGrader  # noqa: E402
from hireloop.assess.evaluation import (  # noqa: E402
    CaseResult,
    by_confidence,
    by_family,
    evaluate,
    family_targets,
    load_labeled,
    metrics,
)
from hireloop.bank import load_bank  # noqa: E402
from hireloop.config import BUILTIN_CONTENT  # noqa: E402

DATA = ROOT / "tests" / "data"
DEVELOPMENT = [
    ("dev-answers.yaml", "shared development set (62)"),
    ("answers-extra.yaml", "second writer, tuned on"),
    ("answers-train.yaml", "third writer, tuned on"),
    ("answers-holdout.yaml", "first holdout, read and tuned on since rubric-2.2"),
    ("confounds-a-tune.yaml", "confound set, writer A, tuned on"),
    ("confounds-b-tune.yaml", "confound set, writer B, tuned on"),
    ("answers-holdout2.yaml", "held back until rubric-3.0, read and tuned on since"),
    ("confounds-a-holdout.yaml", "confounds, writer A, held back until rubric-3.0, tuned on since"),
    ("confounds-b-holdout.yaml", "confounds, writer B, held back until rubric-3.0, tuned on since"),
    ("confounds-c-tune.yaml", "confound set, writer C (December 2026), tuned on"),
    ("confounds-d-tune.yaml", "confound set, writer D (December 2026), tuned on"),
    ("confounds-e-tune.yaml", "confound set, writer E (December 2026), read; one rule drawn from it"),
]
HELD_BACK = [
    ("confounds-c-holdout.yaml", "never read; confounds, writer C"),
    ("confounds-d-holdout.yaml", "never read; confounds, writer D"),
    ("confounds-e-holdout.yaml", "never read; confounds, writer E"),
]


def _row(name: str, note: str, m) -> str:
    return (
        f"| {name} | {note} | {m.n} | {m.qwk:.2f} | {m.exact:.0%} | {m.within_one:.0%} | "
        f"{m.flag_micro_f1:.2f} | {len(m.severe_misses)} |"
    )


def _confusion(m) -> list[str]:
    out = ["| expected \\ graded | 1 | 2 | 3 | 4 |", "|---|---|---|---|---|"]
    for grade, row in zip((1, 2, 3, 4), m.confusion, strict=True):
        out.append(f"| {grade} | " + " | ".join(str(v) for v in row) + " |")
    return out


def report(sets: list[tuple[str, str]], title: str) -> list[str]:
    bank, _ = load_bank([BUILTIN_CONTENT])
    grader = RubricGrader()
    lines = [
        f"### {title}",
        "",
        "| set | what it is | n | QWK | exact | within one | flag micro-F1 | severe misses |",
        "|---|---|---|---|---|---|---|---|",
    ]
    pooled: list[CaseResult] = []
    for name, note in sets:
        path = DATA / name
        if not path.exists():
            continue
        result = evaluate(grader, load_labeled(path), bank.questions)
        pooled += result.cases
        lines.append(_row(name, note, result.metrics))
    lines += [
        "",
        "Stated confidence against agreement (every set of this table pooled):",
        "",
        "| stated confidence | n | same grade | same hire decision |",
        "|---|---|---|---|",
    ]
    for level, row in by_confidence(pooled).items():
        lines.append(f"| {level} | {int(row['n'])} | {row['same_grade']:.0%} | {row['same_decision']:.0%} |")
    confounds = [c for c in pooled if c.family]
    if confounds:
        lines += [
            "",
            "Per family (confound sets of this table pooled):",
            "",
            "| family | n | QWK | exact | within one | flag micro-F1 | target |",
            "|---|---|---|---|---|---|---|",
        ]
        targets = family_targets(confounds)
        for family, m in by_family(confounds).items():
            t = targets.get(family)
            goal = ""
            if t:
                key = next(k for k in t if k not in ("n", "target"))
                goal = f"{key.replace('_', ' ')}: {t[key]:.0%} (target {t['target']:.0%})"
            lines.append(
                f"| {family} | {m.n} | {m.qwk:.2f} | {m.exact:.0%} | {m.within_one:.0%} | "
                f"{m.flag_micro_f1:.2f} | {goal} |"
            )
        lines += ["", "Confusion matrix, confound sets pooled (rows: the label, columns: the grader):", ""]
        lines += _confusion(metrics(confounds))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-back", action="store_true", help="also grade the held-back sets")
    args = parser.parse_args()
    out = [f"Engine `{ENGINE_VERSION}`.", ""]
    out += report(DEVELOPMENT, "Sets the grader was developed on")
    if args.held_back:
        out += ["", *report(HELD_BACK, "Held-back sets (never read while changing the grader)")]
    print("\n".join(out))


if __name__ == "__main__":
    main()
