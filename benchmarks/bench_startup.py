"""CLI cold start: wall time of each command in a fresh process, paired against the interpreter's floor.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7]

Every round runs the bare interpreter (``python -c pass``) and then each command once, so the floor and
the commands see the same machine load; the figures are medians (and minimums) over the rounds. The data
directory is a fresh temporary one, migrated and with the start-up cache filled by one warm-up run; the
last line is ``score`` on an empty cache (the first start after installing or changing content).
Targets (issue #17): under 0.3 s for every command that does not grade, under 0.5 s for ``score``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HIRELOOP = Path(sys.executable).with_name("hireloop")
ANSWER = (
    "When positives are rare, ROC-AUC is flattered by the many easy negatives, so I would report PR-AUC "
    "and precision at the review team's capacity."
)
SCORE = ["score", "--json", "--round", "technical_deep_dive", "--question",
         "When is PR-AUC more useful than ROC-AUC?", "--answer", ANSWER]
NOT_GRADING = 0.3
GRADING = 0.5
COMMANDS: list[tuple[str, list[str], float]] = [
    ("--help", ["--help"], NOT_GRADING),
    ("bank stats", ["bank", "stats"], NOT_GRADING),
    ("bank list", ["bank", "list"], NOT_GRADING),
    ("bank show", ["bank", "show", "msd-card-not-present-fraud"], NOT_GRADING),
    ("today", ["today"], NOT_GRADING),
    ("plan", ["plan", "--interview-date", "2027-02-15"], NOT_GRADING),
    ("progress", ["progress"], NOT_GRADING),
    ("drill (lists due cards)", ["drill"], NOT_GRADING),
    ("stories list", ["stories", "list"], NOT_GRADING),
    ("target list", ["target", "list"], NOT_GRADING),
    ("score (grade, save)", SCORE, GRADING),
    ("score --no-save", [*SCORE, "--no-save"], GRADING),
]


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # drill answers "q"/EOF with 1 on some terminals; a crash is not that
        sys.exit(f"{' '.join(argv[1:3])} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HIRELOOP_DATA_DIR": str(Path(tmp) / "data")}
        env.pop("HIRELOOP_DATABASE_URL", None)
        floor_argv = [sys.executable, "-c", "pass"]
        for _name, argv, _target in COMMANDS:  # migrate the store, fill the cache
            timed([str(HIRELOOP), *argv], env)
        floor: list[float] = []
        times: dict[str, list[float]] = {name: [] for name, _, _ in COMMANDS}
        for _ in range(args.runs):
            floor.append(timed(floor_argv, env))
            for name, argv, _target in COMMANDS:
                times[name].append(timed([str(HIRELOOP), *argv], env))
        empty_cache: list[float] = []
        for i in range(3):
            cold_env = {**env, "HIRELOOP_CACHE_DIR": str(Path(tmp) / f"empty-cache-{i}")}
            empty_cache.append(timed([str(HIRELOOP), *SCORE], cold_env))

    base = statistics.median(floor)
    print(f"CLI cold start, {args.runs} paired rounds (median, min; x = median / interpreter floor)")
    print(f"{'python -c pass (floor)':<32} {base:6.3f} s  {min(floor):6.3f} s")
    missed = 0
    for name, _argv, target in COMMANDS:
        median = statistics.median(times[name])
        ok = median < target
        missed += not ok
        print(
            f"hireloop {name:<23} {median:6.3f} s  {min(times[name]):6.3f} s  {median / base:5.1f}x  "
            f"target < {target:.1f} s: {'met' if ok else 'MISSED'}"
        )
    print(
        f"hireloop score, empty cache    {statistics.median(empty_cache):6.3f} s  {min(empty_cache):6.3f} s"
        f"  {statistics.median(empty_cache) / base:5.1f}x  (first start after install or a content change)"
    )
    print(f"targets met: {len(COMMANDS) - missed} of {len(COMMANDS)}")


if __name__ == "__main__":
    main()
