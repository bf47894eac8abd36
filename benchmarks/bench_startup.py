"""CLI cold start: wall time of each command in a fresh process, paired against the interpreter's floor.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--baseline OTHER/src]

Every round runs the bare interpreter (``python -c pass``) and then each command once, so the floor and
the commands see the same machine load; the figures are medians (and minimums) over the rounds. The data
directory is a fresh temporary one, migrated and with the start-up cache filled by one warm-up run; the
last line is ``score`` on an empty cache (the first start after installing or changing content).
With ``--baseline``, every round also runs each command from another source tree (e.g. a ``git worktree``
of main) just before this one's, and the table shows both medians and their ratio.
Targets (issue #17): under 0.3 s for every command that does not grade, under 0.5 s for ``score``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
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
    ("drill (a card, then q)", ["drill"], NOT_GRADING),
    ("stories list", ["stories", "list"], NOT_GRADING),
    ("target list", ["target", "list"], NOT_GRADING),
    ("score (grade, save)", SCORE, GRADING),
    ("score --no-save", [*SCORE, "--no-save"], GRADING),
]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, input=b"q\n", capture_output=True, timeout=120)  # drill: q stops
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv[1:3])} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline", type=Path, metavar="SRC", help="Another tree's src directory, paired.")
    args = parser.parse_args()
    # An installed package has its bytecode (pip compiles it); a checkout run with PYTHONDONTWRITEBYTECODE
    # would compile every module on every start instead.
    import hireloop

    compileall.compile_dir(Path(hireloop.__file__).parent, quiet=1)
    if args.baseline:
        compileall.compile_dir(args.baseline / "hireloop", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HIRELOOP_DATA_DIR": str(Path(tmp) / "data")}
        for name in ("HIRELOOP_DATABASE_URL", "PYTHONDONTWRITEBYTECODE"):
            env.pop(name, None)
        env["PYTHONPATH"] = str(Path(hireloop.__file__).parent.parent)
        base_env = {**env, "PYTHONPATH": str(args.baseline)} if args.baseline else None
        floor_argv = [sys.executable, "-c", "pass"]
        for _name, argv, _target in COMMANDS:  # migrate the store, fill the cache
            for e in (base_env, env):
                if e is not None:
                    timed([str(HIRELOOP), *argv], e)
        floor: list[tuple[float, float]] = []
        times: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in COMMANDS}
        base: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in COMMANDS}
        for _ in range(args.runs):
            floor.append(timed(floor_argv, env))
            for name, argv, _target in COMMANDS:
                if base_env is not None:
                    base[name].append(timed([str(HIRELOOP), *argv], base_env))
                times[name].append(timed([str(HIRELOOP), *argv], env))
        empty_cache: list[tuple[float, float]] = []
        for i in range(3):
            cold_env = {**env, "HIRELOOP_CACHE_DIR": str(Path(tmp) / f"empty-cache-{i}")}
            empty_cache.append(timed([str(HIRELOOP), *SCORE], cold_env))

    def med(runs: list[tuple[float, float]], which: int) -> float:
        return statistics.median(r[which] for r in runs)

    floor_wall = med(floor, 0)
    print(f"CLI cold start, {args.runs} paired rounds: medians of wall and CPU (user+system) seconds;")
    load = os.getloadavg()[0]
    print(f"x = wall / interpreter floor. Load average at the end: {load:.1f} on {os.cpu_count()} cores")
    print(f"{'python -c pass (floor)':<32} wall {floor_wall:6.3f}  cpu {med(floor, 1):6.3f}")
    missed = 0
    for name, _argv, target in COMMANDS:
        wall = med(times[name], 0)
        missed += wall >= target
        before = ""
        if base[name]:
            before = f"  baseline {med(base[name], 0):6.3f} ({wall / med(base[name], 0):4.2f})"
        print(
            f"hireloop {name:<23} wall {wall:6.3f}  cpu {med(times[name], 1):6.3f}  "
            f"{wall / floor_wall:5.1f}x  "
            f"target < {target:.1f} s: {'met' if wall < target else 'MISSED'}{before}"
        )
    cold = med(empty_cache, 0)
    print(
        f"{'hireloop score, empty cache':<32} wall {cold:6.3f}  cpu {med(empty_cache, 1):6.3f}  "
        f"{cold / floor_wall:5.1f}x  (first start after install or a content change)"
    )
    print(f"targets met: {len(COMMANDS) - missed} of {len(COMMANDS)}")


if __name__ == "__main__":
    main()
