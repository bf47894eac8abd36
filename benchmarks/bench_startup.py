"""CLI cold start: wall time of `hireloop --help` in a fresh process (target under 0.3 s)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

HIRELOOP = Path(sys.executable).with_name("hireloop")


def cold_start(args: list[str], runs: int = 7) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(HIRELOOP), *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    score = ["score", "--no-save", "--json", "--round", "technical_deep_dive", "--question",
             "When is PR-AUC more useful than ROC-AUC?", "--answer",
             "When positives are rare, ROC-AUC is flattered by the many easy negatives, so I would report "
             "PR-AUC and precision at the review team's capacity."]
    for args, target in ((["--help"], 0.3), (["bank", "stats", "--json"], None), (score, 1.5)):
        times = cold_start(args)
        median = statistics.median(times)
        verdict = ""
        if target is not None:
            verdict = f"  (target < {target:.1f} s: {'met' if median < target else 'MISSED'})"
        label = " ".join(args[:3]) if args[0] != "score" else "score (cold, one answer)"
        print(f"hireloop {label:<26} median {median:.3f} s  min {min(times):.3f} s{verdict}")


if __name__ == "__main__":
    main()
