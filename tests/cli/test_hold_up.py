"""The CLI under hostile input and contention: clear one-line errors, scripted loops saved, stats rebuilt."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hireloop.cli import app
from hireloop.store import database

runner = CliRunner()
LOOPS = Path(__file__).resolve().parents[1] / "data" / "loops"


def run(*args: str):
    return runner.invoke(app, list(args))


def test_loop_run_script_saves_the_loop_unless_dry_run() -> None:
    dry = run("loop", "run", "--script", str(LOOPS / "strong.yaml"), "--json", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "id" not in json.loads(dry.stdout)
    assert json.loads(run("loop", "status", "--json").stdout) == []

    saved = run("loop", "run", "--script", str(LOOPS / "strong.yaml"), "--json")
    assert saved.exit_code == 0, saved.output
    loop_id = json.loads(saved.stdout)["id"]
    status = json.loads(run("loop", "status", "--json").stdout)
    assert [(s["id"], s["status"]) for s in status] == [(loop_id, "finished")]
    shown = run("debrief", "show", loop_id)
    assert shown.exit_code == 0, shown.output
    progress = json.loads(run("progress", "--json").stdout)
    assert progress["answers"] == len(json.loads(saved.stdout)["rounds"])


def test_a_deeply_nested_script_is_a_clear_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 50_000 + "]" * 50_000)
    result = run("loop", "run", "--script", str(deep))
    assert result.exit_code == 1
    assert "deep.yaml" in result.output and "Traceback" not in result.output
    nested = tmp_path / "nested.yaml"
    nested.write_text("- round: behavioral\n  question: q\n  answer: " + "[" * 60 + "]" * 60 + "\n")
    result = run("loop", "run", "--script", str(nested))
    assert result.exit_code == 1
    assert "nested" in result.output


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\nquestions: [{{id: x, notes: *a{levels - 1}}}]\n"


def test_an_alias_bomb_is_refused_quickly_with_a_short_message(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "bomb.yaml").write_text(alias_bomb())
    assert len((pack / "bomb.yaml").read_text()) < 700
    result = run("bank", "validate", str(pack))
    assert result.exit_code == 1
    assert "expands to more than" in result.output
    assert len(result.output) < 2000
    script = tmp_path / "bomb-script.yaml"
    script.write_text(alias_bomb())
    result = run("loop", "run", "--script", str(script))
    assert result.exit_code == 1 and "expands to more than" in result.output


def test_an_oversized_pack_is_refused_unread(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    with (pack / "huge.yaml").open("w") as out:
        out.write("questions:\n")
        out.write("# filler\n" * 700_000)
    result = run("bank", "validate", str(pack))
    assert result.exit_code == 1
    assert "byte limit for a pack" in result.output


def test_plan_ical_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "plan.ics"
    result = run("plan", "--ical", str(target))
    assert result.exit_code == 1
    assert "no folder" in result.output and "Traceback" not in result.output


def test_score_on_a_locked_database_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("progress", "--json").exit_code == 0  # creates the database
    monkeypatch.setattr(database, "LOCK_RETRIES", 1)
    monkeypatch.setattr(database, "_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "data" / "hireloop.db"
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run(
            "score", "--round", "behavioral", "--question", "Tell me about a launch.", "--answer", "I led it."
        )
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    assert "database is busy" in result.output and "Traceback" not in result.output


def test_admin_rebuild_stats_matches_the_running_totals() -> None:
    assert run("loop", "run", "--script", str(LOOPS / "strong.yaml")).exit_code == 0
    before = json.loads(run("progress", "--json").stdout)
    assert before["answers"] > 0
    rebuilt = run("admin", "rebuild-stats", "--json")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert json.loads(rebuilt.stdout)["answers"] == before["answers"]
    after = json.loads(run("progress", "--json").stdout)
    assert after["answers"] == before["answers"]
    for a, b in zip(after["readiness"], before["readiness"], strict=True):
        assert (a["id"], a["evidence"], a["confidence"]) == (b["id"], b["evidence"], b["confidence"])
        assert a["score"] == pytest.approx(b["score"], rel=1e-9)
