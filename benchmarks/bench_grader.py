"""Print the rubric engine's speed (answers/s, p95 latency on ~300-word answers) and labeled-set metrics.

Usage: python benchmarks/bench_grader.py [LABELED.yaml ...]   (defaults to the shared dev set)
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

from hireloop.assess.engine import RubricGrader
from hireloop.assess.evaluation import evaluate, load_labeled
from hireloop.assess.models import GradingRequest
from hireloop.assess.text import clear_caches as text_cache_clear

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev-answers.yaml"


def _answers_of_300_words(paths: list[Path]) -> list[GradingRequest]:
    """Labeled answers padded or cut to about 300 words, so every timing is on the same length."""
    requests = []
    for path in paths:
        for case in load_labeled(path):
            text = case.answer
            while len(text.split()) < 300:
                text = f"{text}\n\n{case.answer}"
            text = " ".join(text.split(" ")[:300])
            requests.append(GradingRequest(round=case.round, question=case.question, answer=text))
    return requests


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or [DEV]
    grader = RubricGrader()
    requests = _answers_of_300_words(paths)
    t0 = time.perf_counter()
    grader.assess(requests[0])  # loads the embedding table and prototypes once
    print(f"first answer (model load included): {(time.perf_counter() - t0) * 1000:.0f} ms")
    for r in requests[:10]:
        grader.assess(r)  # warm-up
    latencies = []
    start = time.perf_counter()
    rounds = max(1, 1000 // len(requests))
    for _ in range(rounds):
        for r in requests:
            text_cache_clear()  # every pass sees the answers as new: no tokenising carried over
            t = time.perf_counter()
            grader.assess(r)
            latencies.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"speed: {len(latencies) / total:.0f} answers/s on one core, "
        f"p50 {statistics.median(latencies) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms (~300-word answers)"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MB")
    for path in paths:
        m = evaluate(grader, load_labeled(path)).metrics
        print(
            f"{path.name}: n={m.n} QWK={m.qwk:.3f} exact={m.exact:.2f} within-one={m.within_one:.2f} "
            f"flag micro-F1={m.flag_micro_f1:.3f} (P={m.flag_micro_precision:.2f} "
            f"R={m.flag_micro_recall:.2f}) "
            f"unscorable={m.unscorable_predictions} severe={m.severe_misses}"
        )
        for flag, s in m.per_flag.items():
            print(f"    {flag:24s} P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f} support={s.support}")
        print("    confusion (rows expected 1-4, columns predicted 1-4):", m.confusion)


if __name__ == "__main__":
    main(sys.argv[1:])
