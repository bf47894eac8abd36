"""Simulated candidates through whole scripted loops: the committee must judge them sensibly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hireloop.assess import default_grader
from hireloop.bank import load_bank_strict
from hireloop.cli import app
from hireloop.config import BUILTIN_CONTENT
from hireloop.interview.script import ScriptError, load_script, run_script

LOOPS = Path(__file__).parents[1] / "data" / "loops"


@pytest.fixture(scope="module")
def bank():
    return load_bank_strict([BUILTIN_CONTENT])


def run(bank, name: str) -> dict:
    return run_script(load_script(LOOPS / f"{name}.yaml"), bank=bank, grader=default_grader())


def test_strong_candidate_is_hired(bank) -> None:
    doc = run(bank, "strong")
    assert doc["decision"] in {"hire", "strong_hire"}
    assert all(r["grade"] >= 3 for r in doc["rounds"])


def test_one_failed_system_design_round_blocks_the_hire(bank) -> None:
    doc = run(bank, "failed_msd")
    assert doc["decision"] in {"no_hire", "strong_no_hire"}
    assert doc["rule"] in {"cannot_build_it", "failed_round", "two_failed_rounds"}
    assert doc["rounds"][0]["grade"] < 3
    assert all(r["grade"] >= 3 for r in doc["rounds"][1:])


def test_buzzword_candidate_gets_no_hire_with_the_buzzword_concern(bank) -> None:
    doc = run(bank, "buzzword")
    assert doc["decision"] in {"no_hire", "strong_no_hire"}
    assert "buzzword_without_depth" in [c["flag"] for c in doc["concerns"]]
    concern = next(c for c in doc["concerns"] if c["flag"] == "buzzword_without_depth")
    assert concern["evidence"], "the concern must quote the answers"


def test_closing_gaps_under_probing_beats_not_closing_them(bank) -> None:
    closer, nocloser = run(bank, "closer"), run(bank, "nocloser")
    assert [r["question"] for r in closer["rounds"]] == [r["question"] for r in nocloser["rounds"]]
    assert closer["loop_score"] > nocloser["loop_score"]
    closed = [f for r in closer["rounds"] for p in r["probes"] for f in p["closed_flags"]]
    assert closed, "some probe answer must close a gap"
    prompted = [f for r in closer["rounds"] for f in r["needed_prompting"]]
    assert set(closed) == set(prompted)
    assert not any(p["closed_flags"] for r in nocloser["rounds"] for p in r["probes"])


def test_probes_target_raised_gaps_and_stop_at_three(bank) -> None:
    doc = run(bank, "nocloser")
    for r in doc["rounds"]:
        assert len(r["probes"]) <= 3
        first_flags = {f for p in r["probes"] for f in [p["tests"]]}
        assert len(first_flags) == len(r["probes"]), "each gap is probed once"


def test_debrief_markdown_names_decision_rule_and_quotes(bank) -> None:
    doc = run(bank, "buzzword")
    md = doc["debrief_markdown"]
    from hireloop.vocab import plain

    assert "**Decision: " in md and f"(rule: {plain(doc['rule'])})" in md
    assert doc["rule"] not in md, "the Markdown debrief names the rule in words, not by id"
    assert '> "' in md
    assert "### How sure these grades are" in md
    assert "- Round 1: " in md and "labeled answers the grader was developed on" in md


def test_loop_run_cli_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["loop", "run", "--script", str(LOOPS / "strong.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {
        "decision",
        "rule",
        "rounds",
        "competencies",
        "concerns",
        "practice_next",
        "debrief_markdown",
    }
    assert set(doc["rounds"][0]) >= {"round", "question", "grade", "probes", "assessment"}


def test_bad_script_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("- round: ml_system_design\n  question: Design a feed.\n")
    with pytest.raises(ScriptError, match=r"rounds\[0\]\.answer: Field required"):
        load_script(path)
    result = CliRunner().invoke(app, ["loop", "run", "--script", str(path), "--json"])
    assert result.exit_code == 1 and result.stdout == ""
