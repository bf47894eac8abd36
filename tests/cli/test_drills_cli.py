"""``hireloop drill`` and ``hireloop exercise`` through Typer's runner, with the real store."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from hireloop.cli import app
from hireloop.config import Settings
from hireloop.drills import store
from hireloop.store import make_engine, session_factory

runner = CliRunner()


def stored_states() -> dict:
    with session_factory(make_engine(Settings()))() as db:
        return store.load_states(session=db, user_id="local")


def test_drill_reveals_rates_and_stores_state() -> None:
    result = runner.invoke(
        app, ["drill", "--tag", "evaluation-metrics", "--limit", "2"], input="\n3\n\nx\n1\n"
    )
    assert result.exit_code == 0, result.output
    assert "unknown rating 'x'" in result.output
    assert "Reviewed 2 card(s)." in result.output
    states = stored_states()
    assert len(states) == 2


def test_drill_stops_on_q_and_unknown_tag_fails() -> None:
    result = runner.invoke(app, ["drill"], input="q\n")
    assert result.exit_code == 0 and "Reviewed 0 card(s)." in result.output
    assert stored_states() == {}
    bad = runner.invoke(app, ["drill", "--tag", "nope"])
    assert bad.exit_code == 1 and "no card has topic or tag 'nope'" in bad.stderr


def test_exercise_json_is_reproducible() -> None:
    first = runner.invoke(app, ["exercise", "--kind", "classification", "--seed", "42", "--json"])
    second = runner.invoke(app, ["exercise", "--kind", "classification", "--seed", "42", "--json"])
    assert first.exit_code == 0 and first.stdout == second.stdout
    doc = json.loads(first.stdout)
    assert set(doc) >= {"kind", "seed", "prompt", "inputs", "answer", "explanation"}
    tp, fp = doc["inputs"]["tp"], doc["inputs"]["fp"]
    assert abs(doc["answer"]["precision"] - tp / (tp + fp)) < 1e-4


def test_exercise_interactive_checks_answers() -> None:
    doc = json.loads(runner.invoke(app, ["exercise", "--kind", "regression", "--seed", "5", "--json"]).stdout)
    right = f"{doc['answer']['rmse']}\n{doc['answer']['mae']}\n"
    result = runner.invoke(app, ["exercise", "--kind", "regression", "--seed", "5"], input=right)
    assert result.exit_code == 0, result.output
    assert result.output.count("✓") == 2 and "Working" in result.output
    wrong = runner.invoke(app, ["exercise", "--kind", "regression", "--seed", "5"], input="1\nabc\n")
    assert wrong.output.count("✗") == 2


def test_exercise_unknown_kind() -> None:
    result = runner.invoke(app, ["exercise", "--kind", "auc"])
    assert result.exit_code == 1 and "unknown kind 'auc'" in result.stderr


def test_drill_reveal_shows_key_points_before_the_explanation() -> None:
    result = runner.invoke(app, ["drill", "--limit", "1"], input="\n3\n")
    assert result.exit_code == 0, result.output
    assert result.output.index("Key points") < result.output.index("Explanation")
    assert "Reviewed 1 card(s)." in result.output


def test_drill_export_anki_writes_a_package_and_rejects_bad_paths(tmp_path) -> None:
    import sqlite3
    import zipfile

    runner.invoke(app, ["drill", "--limit", "1"], input="\n3\n")
    target = tmp_path / "cards.apkg"
    result = runner.invoke(app, ["drill", "export", "--anki", str(target)])
    assert result.exit_code == 0, result.output
    assert "(1 with your FSRS state as note fields)" in " ".join(result.output.split())
    with zipfile.ZipFile(target) as archive:
        archive.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        flds = [row[0].split("\x1f") for row in db.execute("select flds from notes")]
    finally:
        db.close()
    assert len(flds) >= 250
    assert sum(1 for f in flds if f[5]) == 1  # the one reviewed card carries its FSRS due date
    bad = runner.invoke(app, ["drill", "export", "--anki", str(tmp_path / "cards.zip")])
    assert bad.exit_code == 1 and "expected a file name ending in .apkg" in bad.stderr
    missing = runner.invoke(app, ["drill", "export", "--anki", str(tmp_path / "nope" / "c.apkg")])
    assert missing.exit_code == 1 and "no such directory" in missing.stderr
    help_text = runner.invoke(app, ["drill", "export", "--help"]).output
    assert "cannot set scheduling" in " ".join(help_text.split())


def test_new_exercise_kinds_are_solved_in_the_cli() -> None:
    from hireloop.drills.exercises import generate

    for kind in ("token_cost", "eval_interval", "rater_agreement"):
        ex = generate(kind, 5)
        answers = "".join(f"{ex.answer[q.key]}\n" for q in ex.questions)
        result = runner.invoke(app, ["exercise", "--kind", kind, "--seed", "5"], input=answers)
        assert result.exit_code == 0, result.output
        assert result.output.count("✓") == len(ex.questions) and "Working" in result.output
