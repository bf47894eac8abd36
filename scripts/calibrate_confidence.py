"""Rebuild the grader's confidence table (src/hireloop/assess/model/confidence.json) from the labeled sets.

    .venv/bin/python scripts/calibrate_confidence.py [--check]

Grades every labeled set the grader was developed on (never the held-back ones) and counts, per cell of
``hireloop.assess.confidence``, how often the label agreed with the grade. Rerun it whenever grades change;
``--check`` only reports whether the shipped table is current (exit 1 when not).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from grader_report import DATA, DEVELOPMENT  # noqa: E402

from hireloop.assess.confidence import TABLE, tally, word_count  # noqa: E402
from hireloop.assess.engine import ENGINE_VERSION, RubricGrader  # noqa: E402
from hireloop.assess.evaluation import load_labeled  # noqa: E402
from hireloop.bank import load_bank  # noqa: E402
from hireloop.config import BUILTIN_CONTENT  # noqa: E402


def build() -> dict:
    bank, _ = load_bank([BUILTIN_CONTENT])
    grader = RubricGrader()
    graded = []
    sets = []
    for name, _note in DEVELOPMENT:
        path = DATA / name
        if not path.exists():
            continue
        sets.append(name)
        for case in load_labeled(path):
            if case.grade is None:
                continue
            assessment = grader.assess(case.request(bank.questions))
            graded.append((assessment, word_count(case.answer), case.grade))
    return {"engine_version": ENGINE_VERSION, "sets": sets, "answers": len(graded), "cells": tally(graded)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the shipped table is current")
    args = parser.parse_args()
    table = build()
    if args.check:
        current = json.loads(TABLE.read_text(encoding="utf-8")) if TABLE.exists() else None
        if current != table:
            print(f"{TABLE} is out of date: run scripts/calibrate_confidence.py", file=sys.stderr)
            return 1
        print(f"{TABLE} is current ({table['answers']} labeled answers).")
        return 0
    TABLE.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TABLE}: {table['answers']} labeled answers, {len(table['cells'])} cells")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
