"""`hireloop export` and `hireloop import` at 10,000 and 100,000 answers: wall time and peak RSS.

Seeds SQLite stores the way bench_history.py does (answers with assessment documents like the grader's,
then the running totals), exports each with the CLI in a child process and imports the file into a
fresh store in another, reading each child's own peak RSS from os.wait4. A floor in the same run: the
same commands on an empty store. A second import of the same file (everything already present) shows
the duplicate check's cost. Set HIRELOOP_BENCH_POSTGRES_URL to import into PostgreSQL as well.
Targets at 100,000 answers: export under 20 s, import under 60 s, peak RSS under 200 MB.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_history import seed  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from hireloop.config import Settings  # noqa: E402
from hireloop.store import make_engine, session_factory  # noqa: E402
from hireloop.store.stats import load_totals  # noqa: E402
from hireloop.store.tables import AnswerRow, AssessmentRow, UserRow  # noqa: E402

SIZES = tuple(int(s) for s in os.environ.get("BENCH_TRANSFER_SIZES", "10000,100000").split(","))
TARGET_EXPORT_S, TARGET_IMPORT_S, TARGET_RSS_MB = 20.0, 60.0, 200.0
USER = "local"


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``hireloop ARGS`` in a child process; its wall time (s) and its own peak RSS (MB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from hireloop.cli import main; main()", *args],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()  # type: ignore[union-attr]
    if proc.returncode != 0:
        raise RuntimeError(f"hireloop {' '.join(args)} failed: {err or out}")
    return wall, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def store(data_dir: Path, database_url: str | None = None) -> tuple[dict[str, str], Settings]:
    settings = Settings(data_dir=data_dir, database_url=database_url)
    env = {"HIRELOOP_DATA_DIR": str(data_dir)}
    if database_url:
        env["HIRELOOP_DATABASE_URL"] = database_url
    return env, settings


def counts(settings: Settings) -> tuple[int, int, int]:
    """Answers, assessments and graded answers in the running totals, for the user."""
    with session_factory(make_engine(settings))() as db:
        answers = db.scalar(select(func.count()).select_from(AnswerRow).where(AnswerRow.user_id == USER))
        assessments = db.scalar(
            select(func.count())
            .select_from(AssessmentRow)
            .join(AnswerRow, AnswerRow.id == AssessmentRow.answer_id)
            .where(AnswerRow.user_id == USER)
        )
        graded = load_totals(session=db, user_id=USER, recent=False).graded
    return answers or 0, assessments or 0, graded


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def line(label: str, wall: float, rss: float, floor: tuple[float, float], target: float | None) -> str:
    verdict = ""
    if target is not None:
        met = wall < target and rss < TARGET_RSS_MB
        verdict = f"  targets < {target:.0f} s, < {TARGET_RSS_MB:.0f} MB: {'met' if met else 'MISSED'}"
    return (
        f"{label:<36} {wall:7.2f} s  peak RSS {rss:6.1f} MB"
        f"  (floor {floor[0]:.2f} s, {floor[1]:.0f} MB){verdict}"
    )


def main() -> None:
    rng = random.Random(7)
    postgres = os.environ.get("HIRELOOP_BENCH_POSTGRES_URL")
    with tempfile.TemporaryDirectory() as tmp:
        empty_env, empty = store(Path(tmp) / "empty")
        make_engine(empty).dispose()
        empty_file = Path(tmp) / "empty.json"
        floor_export = run_cli(["export", "--out", str(empty_file)], empty_env)
        floor_import = run_cli(["import", str(empty_file)], store(Path(tmp) / "empty-in")[0])
        print(line("floor: export of an empty store", *floor_export, floor_export, None))
        print(line("floor: import of an empty export", *floor_import, floor_import, None))
        for size in SIZES:
            source_env, source = store(Path(tmp) / f"source-{size}")
            with session_factory(make_engine(source))() as db:
                db.add(UserRow(id=USER, created_at=datetime.now(UTC), role="member"))
                db.flush()
                seed(db, USER, size, rng)
            expected = counts(source)
            out = Path(tmp) / f"export-{size}.json"
            wall, rss = run_cli(["export", "--out", str(out)], source_env)
            target = TARGET_EXPORT_S if size >= 100_000 else None
            print(f"-- {size:,} answers with an assessment each ({out.stat().st_size / 1e6:.0f} MB exported)")
            print(line(f"export {size:,}", wall, rss, floor_export, target))
            targets = [("sqlite", None)] + ([("postgresql", postgres)] if postgres else [])
            for backend, url in targets:
                if url:
                    reset_postgres(url)
                into_env, into = store(Path(tmp) / f"into-{size}-{backend}", url)
                target = TARGET_IMPORT_S if size >= 100_000 else None
                wall, rss = run_cli(["import", str(out)], into_env)
                print(line(f"import {size:,} ({backend})", wall, rss, floor_import, target))
                wall, rss = run_cli(["import", str(out)], into_env)
                print(line(f"import again, all present ({backend})", wall, rss, floor_import, None))
                got = counts(into)
                verdict = "same" if got == expected else f"DIFFERENT: {got} != {expected}"
                print(f"   answers, assessments, graded in the totals after import: {verdict}")
            out.unlink()


if __name__ == "__main__":
    main()
