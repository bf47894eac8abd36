"""`hireloop export` and `hireloop import` at 10,000 and 100,000 answers: wall time and peak RSS.

Seeds SQLite stores the way bench_history.py does (answers with assessment documents like the grader's,
then the running totals), exports each with the CLI in a child process and imports the file into a
fresh store in another, reading each child's own peak RSS from os.wait4. This parent imports nothing
heavy (seeding and checking run in children too): a forked child starts with its parent's pages, which
would otherwise count in its peak. A floor in the same run: the same commands on an empty store. A
second import of the same file (everything already present) shows the duplicate check's cost; after
the import, the answers, assessments and graded totals must equal the source's.
Set HIRELOOP_BENCH_POSTGRES_URL to import into PostgreSQL as well (its public schema is reset).
Targets at 100,000 answers: export under 20 s, import under 60 s, peak RSS under 200 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = tuple(int(s) for s in os.environ.get("BENCH_TRANSFER_SIZES", "10000,100000").split(","))
TARGET_EXPORT_S, TARGET_IMPORT_S, TARGET_RSS_MB = 20.0, 60.0, 200.0
USER = "local"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def child(args: list[str], env: dict[str, str]) -> str:
    """Run ``python ARGS`` in a child process; its stdout."""
    result = subprocess.run([sys.executable, *args], env={**ENV, **env}, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {result.stderr[-2000:] or result.stdout}")
    return result.stdout


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """``hireloop ARGS`` run by a small reaper process that prints the command's own wall time and peak
    RSS (RUSAGE_CHILDREN keeps the largest child so far, so each command gets a fresh reaper)."""
    out = child([__file__, "--measure", *args], env)
    wall, rss = json.loads(out.strip().splitlines()[-1])
    return wall, rss


def reaper(args: list[str]) -> None:
    """Child side of ``measure``: run hireloop once and print [wall s, peak RSS MB] of that one process."""
    import resource

    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", "from hireloop.cli import main; main()", *args], capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"hireloop {' '.join(args)} failed: {result.stderr or result.stdout}")
    print(json.dumps([wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))


def store_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {"HIRELOOP_DATA_DIR": str(data_dir)}
    if database_url:
        env["HIRELOOP_DATABASE_URL"] = database_url
    return env


def seed_store(data_dir: str, size: str) -> None:
    """Child side: a store with ``size`` graded answers for USER, as bench_history.py seeds them."""
    import random
    from datetime import UTC, datetime

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_history import seed

    from hireloop.config import Settings
    from hireloop.store import make_engine, session_factory
    from hireloop.store.tables import UserRow

    with session_factory(make_engine(Settings(data_dir=Path(data_dir))))() as db:
        db.add(UserRow(id=USER, created_at=datetime.now(UTC), role="member"))
        db.flush()
        seed(db, USER, int(size), random.Random(7))


def print_counts() -> None:
    """Child side: answers, assessments and graded answers in the running totals, for USER."""
    from sqlalchemy import func, select

    from hireloop.config import Settings
    from hireloop.store import make_engine, session_factory
    from hireloop.store.stats import load_totals
    from hireloop.store.tables import AnswerRow, AssessmentRow

    with session_factory(make_engine(Settings()))() as db:
        answers = db.scalar(select(func.count()).select_from(AnswerRow).where(AnswerRow.user_id == USER))
        assessments = db.scalar(
            select(func.count())
            .select_from(AssessmentRow)
            .join(AnswerRow, AnswerRow.id == AssessmentRow.answer_id)
            .where(AnswerRow.user_id == USER)
        )
        graded = load_totals(session=db, user_id=USER, recent=False).graded
    print(json.dumps([answers, assessments, graded]))


def reset_postgres() -> None:
    """Child side: an empty public schema at HIRELOOP_DATABASE_URL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(os.environ["HIRELOOP_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def line(label: str, wall: float, rss: float, floor: tuple[float, float], target: float | None) -> str:
    verdict = ""
    if target is not None:
        met = wall < target and rss < TARGET_RSS_MB
        verdict = f"  targets < {target:.0f} s, < {TARGET_RSS_MB:.0f} MB: {'met' if met else 'MISSED'}"
    floor_text = f"(floor {floor[0]:.2f} s, {floor[1]:.0f} MB)"
    return f"{label:<38} {wall:7.2f} s  peak RSS {rss:6.1f} MB  {floor_text}{verdict}"


def main() -> None:
    postgres = os.environ.get("HIRELOOP_BENCH_POSTGRES_URL")
    with tempfile.TemporaryDirectory() as tmp:
        empty_file = Path(tmp) / "empty.json"
        floor_export = measure(["export", "--out", str(empty_file)], store_env(Path(tmp) / "empty"))
        floor_import = measure(["import", str(empty_file)], store_env(Path(tmp) / "empty-in"))
        print(line("floor: export of an empty store", *floor_export, floor_export, None))
        print(line("floor: import of an empty export", *floor_import, floor_import, None))
        for size in SIZES:
            source = store_env(Path(tmp) / f"source-{size}")
            child([__file__, "--seed", source["HIRELOOP_DATA_DIR"], str(size)], {})
            expected = json.loads(child([__file__, "--counts"], source))
            out = Path(tmp) / f"export-{size}.json"
            wall, rss = measure(["export", "--out", str(out)], source)
            print(f"-- {size:,} answers with an assessment each ({out.stat().st_size / 1e6:.0f} MB exported)")
            print(
                line(
                    f"export {size:,}", wall, rss, floor_export, TARGET_EXPORT_S if size >= 100_000 else None
                )
            )
            backends = [("sqlite", None)] + ([("postgresql", postgres)] if postgres else [])
            for backend, url in backends:
                into = store_env(Path(tmp) / f"into-{size}-{backend}", url)
                if url:
                    child([__file__, "--reset-postgres"], into)
                target = TARGET_IMPORT_S if size >= 100_000 else None
                wall, rss = measure(["import", str(out)], into)
                print(line(f"import {size:,} ({backend})", wall, rss, floor_import, target))
                wall, rss = measure(["import", str(out)], into)
                print(line(f"import again, all present ({backend})", wall, rss, floor_import, None))
                got = json.loads(child([__file__, "--counts"], into))
                verdict = "same as the source" if got == expected else f"DIFFERENT: {got} != {expected}"
                print(f"   answers, assessments, graded answers in the totals: {verdict}")
            out.unlink()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        reaper(sys.argv[2:])
    elif sys.argv[1:2] == ["--seed"]:
        seed_store(*sys.argv[2:4])
    elif sys.argv[1:2] == ["--counts"]:
        print_counts()
    elif sys.argv[1:2] == ["--reset-postgres"]:
        reset_postgres()
    else:
        main()
