"""Job-description reading and the story matrix: time per description over the labeled set, the
extraction's figures on the dev and held-back sets, and the time to review ten stories and build the
coverage matrix against every behavioral question (what the /stories page does on each load)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from hireloop.assess import default_grader
from hireloop.bank import load_bank_strict
from hireloop.config import BUILTIN_CONTENT
from hireloop.stories.coverage import coverage
from hireloop.stories.markdown import from_markdown
from hireloop.stories.review import review_story
from hireloop.targets.evaluation import evaluate, load_labeled
from hireloop.targets.extract import extract_target

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def main() -> None:
    items = load_labeled(DATA / "jds" / "dev.yaml") + load_labeled(DATA / "jds" / "holdout.yaml")
    times = []
    for _ in range(5):
        for item in items:
            start = time.perf_counter()
            extract_target(item.text)
            times.append(time.perf_counter() - start)
    median, worst = statistics.median(times) * 1000, max(times) * 1000
    print(f"read a job description      median {median:.2f} ms  max {worst:.2f} ms")
    for name in ("dev", "holdout"):
        r = evaluate(load_labeled(DATA / "jds" / f"{name}.yaml"))
        print(
            f"{name:<8} ({r['items']:>2} JDs)  domain F1 {r['domains']['f1']:.3f} (target >= 0.85)  "
            f"level accuracy {r['level_accuracy']:.3f} (target >= 0.85)  rounds F1 {r['rounds']['f1']:.3f}  "
            f"AI-role accuracy {r['ai_role_accuracy']:.3f}"
        )
    stories = from_markdown((DATA / "stories" / "bank.md").read_text(encoding="utf-8")) * 5
    behavioral = load_bank_strict([BUILTIN_CONTENT]).by_round("behavioral")
    grader = default_grader()
    review_story(stories[0], grader=grader)  # warm the grader's model
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        reviews = [(str(i), s.title, review_story(s, grader=grader)) for i, s in enumerate(stories)]
        coverage(reviews, behavioral)
        runs.append(time.perf_counter() - start)
    from hireloop.stories.bankview import cached_review

    warm = []
    for _ in range(5):
        start = time.perf_counter()
        reviews = [(str(i), s.title, cached_review(s, grader=grader)) for i, s in enumerate(stories)]
        coverage(reviews, behavioral)
        warm.append(time.perf_counter() - start)
    cold, hot = statistics.median(runs) * 1000, statistics.median(warm) * 1000
    print(f"10 stories x {len(behavioral)} questions matrix, every story reviewed  median {cold:.1f} ms")
    print(f"  the same with unchanged stories (reviews cached)  median {hot:.1f} ms")

if __name__ == "__main__":
    main()
