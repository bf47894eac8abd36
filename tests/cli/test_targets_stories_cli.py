"""``hireloop target`` and ``hireloop stories`` through Typer's runner with the real store."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from hireloop.cli import app

runner = CliRunner()
DATA = Path(__file__).parents[1] / "data"
JDS = yaml.safe_load((DATA / "jds" / "dev.yaml").read_text(encoding="utf-8"))


def _jd(tmp_path: Path, jd_id: str) -> Path:
    path = tmp_path / f"{jd_id}.md"
    path.write_text(next(j["text"] for j in JDS if j["id"] == jd_id), encoding="utf-8")
    return path


def test_target_add_show_correct_list_remove(tmp_path: Path) -> None:
    added = runner.invoke(
        app,
        [
            "target",
            "add",
            "--jd",
            str(_jd(tmp_path, "dev-fraud-ml-senior")),
            "--company",
            "Ledgerly",
            "--date",
            "2027-03-01",
            "--json",
        ],
    )
    assert added.exit_code == 0, added.output
    doc = json.loads(added.stdout)
    assert doc["profile"]["domains"][0]["id"] == "fraud-risk" and doc["interview_date"] == "2027-03-01"
    tid = doc["id"]
    shown = " ".join(runner.invoke(app, ["target", "show", tid]).stdout.split())
    assert "Fraud and risk" in shown and "“Senior” @0" in shown
    fixed = runner.invoke(
        app,
        ["target", "correct", tid, "--domains", "fraud-risk,fintech-credit", "--level", "staff", "--json"],
    )
    assert fixed.exit_code == 0, fixed.output
    profile = json.loads(fixed.stdout)["profile"]
    assert [d["id"] for d in profile["domains"]] == ["fraud-risk", "fintech-credit"]
    assert profile["level"] == {"id": "staff", "score": 0.0, "evidence": [], "source": "corrected"}
    # A later correction of another field keeps the first one.
    again = json.loads(
        runner.invoke(app, ["target", "correct", tid, "--rounds", "behavioral", "--json"]).stdout
    )
    assert again["corrections"] == {
        "domains": ["fraud-risk", "fintech-credit"],
        "level": "staff",
        "rounds": ["behavioral"],
    }
    listed = json.loads(runner.invoke(app, ["target", "list", "--json"]).stdout)
    assert [t["id"] for t in listed] == [tid]
    assert runner.invoke(app, ["target", "remove", tid]).exit_code == 0
    gone = runner.invoke(app, ["target", "show", tid])
    assert gone.exit_code == 1 and f"no target role with id '{tid}'" in gone.stderr


def test_target_errors(tmp_path: Path) -> None:
    image = tmp_path / "jd.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    bad = runner.invoke(app, ["target", "add", "--jd", str(image)])
    assert bad.exit_code == 1 and "not a PDF or a text file; upload a PDF job description" in bad.stderr
    short = runner.invoke(app, ["target", "add", "--jd", "-"], input="Senior PM\n")
    assert short.exit_code == 1 and "stdin: 2 words is too short" in short.stderr
    date = runner.invoke(
        app, ["target", "add", "--jd", str(_jd(tmp_path, "dev-checkout-pm")), "--date", "soon"]
    )
    assert date.exit_code == 1 and "--date: expected YYYY-MM-DD" in date.stderr
    tid = json.loads(
        runner.invoke(app, ["target", "add", "--jd", str(_jd(tmp_path, "dev-checkout-pm")), "--json"]).stdout
    )["id"]
    wrong = runner.invoke(app, ["target", "correct", tid, "--domains", "crypto"])
    assert wrong.exit_code == 1 and "domains: unknown value 'crypto'" in wrong.stderr


def test_target_eval_reports_per_field_scores() -> None:
    result = runner.invoke(app, ["target", "eval", str(DATA / "jds" / "holdout.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["items"] == 10
    assert set(report["domains"]) >= {"precision", "recall", "f1"} and "level_accuracy" in report


def test_targeted_loop_draws_from_the_domain(tmp_path: Path) -> None:
    tid = json.loads(
        runner.invoke(
            app, ["target", "add", "--jd", str(_jd(tmp_path, "dev-fraud-ml-senior")), "--json"]
        ).stdout
    )["id"]
    started = runner.invoke(
        app, ["loop", "start", "--target", tid, "--rounds", "7", "--seed", "4", "--no-drive"]
    )
    assert started.exit_code == 0, started.output
    assert "domains Fraud and risk" in started.stdout  # plain words; the id stays in --json
    missing = runner.invoke(app, ["loop", "start", "--target", "nope", "--no-drive"])
    assert missing.exit_code == 1 and "no target role with id 'nope'" in missing.stderr


def test_stories_import_list_edit_matrix_export(tmp_path: Path) -> None:
    imported = runner.invoke(app, ["stories", "import", str(DATA / "stories" / "bank.md")])
    assert imported.exit_code == 0 and "imported 2 stories" in imported.stdout
    stories = json.loads(runner.invoke(app, ["stories", "list", "--json"]).stdout)
    assert stories[0]["title"] == "Fraud model that cut false declines"
    assert stories[0]["review"]["grade"] >= 3
    added = runner.invoke(
        app, ["stories", "add", "--title", "Thin one", "--actions", "We shipped an AI feature.", "--json"]
    )
    thin = json.loads(added.stdout)
    assert (thin["review"]["grade"] or 0) <= 2 and thin["review"]["lacks"]
    edited = json.loads(
        runner.invoke(app, ["stories", "edit", thin["id"], "--result", "Refunds fell 12%.", "--json"]).stdout
    )
    assert edited["result"] == "Refunds fell 12%." and edited["actions"] == "We shipped an AI feature."
    blank = runner.invoke(app, ["stories", "edit", thin["id"], "--title", "  "])
    assert blank.exit_code == 1 and "--title: Value error, a story needs a title" in blank.stderr
    matrix = json.loads(runner.invoke(app, ["stories", "matrix", "--json"]).stdout)
    assert len(matrix["questions"]) >= 28 and matrix["suggestion"]["question_id"] in matrix["uncovered"]
    out = tmp_path / "bank.md"
    assert runner.invoke(app, ["stories", "export", "--out", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").count("\n## ") == 3
    assert runner.invoke(app, ["stories", "remove", thin["id"]]).exit_code == 0
    assert runner.invoke(app, ["stories", "show", thin["id"]]).exit_code == 1


def test_stories_import_error_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("## A\n\n### Mood\n\nfine\n", encoding="utf-8")
    result = runner.invoke(app, ["stories", "import", str(bad)])
    assert result.exit_code == 1 and f"{bad}:3: unknown part 'Mood'" in result.stderr


def test_bullets_against_a_target_and_a_story_from_a_bullet(tmp_path: Path) -> None:
    tid = json.loads(
        runner.invoke(
            app, ["target", "add", "--jd", str(_jd(tmp_path, "dev-fraud-ml-senior")), "--json"]
        ).stdout
    )["id"]
    resume = tmp_path / "cv.md"
    bullet = (
        "Led the move from rules to a gradient-boosted fraud model trained on 18 months of chargebacks, "
        "cutting false declines from 3.1% to 1.8%"
    )
    resume.write_text(f"- {bullet}\n", encoding="utf-8")
    result = runner.invoke(app, ["bullets", str(resume), "--target", tid, "--json"])
    assert result.exit_code == 0, result.output
    reqs = {r["id"]: r for r in json.loads(result.stdout)["requirements"]}
    assert reqs["fraud-risk"]["met"] and reqs["fraud-risk"]["evidence"][0]["quote"] == "fraud"
    assert not reqs["fairness"]["met"] and reqs["fairness"]["prepare"]
    story = json.loads(runner.invoke(app, ["stories", "add", "--from-bullet", bullet, "--json"]).stdout)
    assert story["actions"] == bullet and "3.1%" in story["metric"] and story["situation"] == ""
    assert runner.invoke(app, ["stories", "add"]).exit_code == 1


def test_plan_toward_target_dates_and_readiness_per_target(tmp_path: Path) -> None:
    from datetime import date, timedelta

    none_yet = runner.invoke(app, ["plan", "--targets"])
    assert none_yet.exit_code == 1 and "no target roles yet" in none_yet.stderr
    soon = (date.today() + timedelta(days=20)).isoformat()
    later = (date.today() + timedelta(days=45)).isoformat()
    first = runner.invoke(
        app, ["target", "add", "--jd", str(_jd(tmp_path, "dev-fraud-ml-senior")), "--date", later]
    )
    second = runner.invoke(
        app, ["target", "add", "--jd", str(_jd(tmp_path, "dev-recs-senior")), "--date", soon]
    )
    assert first.exit_code == second.exit_code == 0
    plan = json.loads(runner.invoke(app, ["plan", "--targets", "--json"]).stdout)
    assert plan["kind"] == "targets"
    assert [p["interview_date"] for p in plan["phases"]] == [soon, later]
    assert plan["phases"][0]["name"].startswith("Senior PM, Personalization")
    tid = json.loads(runner.invoke(app, ["target", "list", "--json"]).stdout)[0]["id"]
    shown = json.loads(runner.invoke(app, ["target", "show", tid, "--json"]).stdout)
    assert shown["readiness"] and all(r["score"] is None for r in shown["readiness"])


def test_practise_a_story_and_its_grade_comes_back() -> None:
    runner.invoke(app, ["stories", "import", str(DATA / "stories" / "bank.md")])
    story = json.loads(runner.invoke(app, ["stories", "list", "--json"]).stdout)[0]
    wrong = runner.invoke(
        app, ["practice", "--story", story["id"], "--question", "msd-card-not-present-fraud"]
    )
    assert wrong.exit_code == 1 and "not a behavioral question" in wrong.stderr
    missing = runner.invoke(app, ["practice", "--story", "nope"])
    assert missing.exit_code == 1 and "no story with id 'nope'" in missing.stderr
    told = " ".join(story[k] for k in ("situation", "approach", "actions", "tradeoff", "failure", "metric"))
    result = runner.invoke(
        app,
        ["practice", "--story", story["id"], "--question", "beh-launch-rollback-call"],
        input=told + "\n.\n",
    )
    assert result.exit_code == 0, result.output
    assert "Your story, to retell in your own words" in result.stdout
    shown = json.loads(runner.invoke(app, ["stories", "show", story["id"], "--json"]).stdout)
    assert len(shown["practice"]) == 1
    entry = shown["practice"][0]
    assert entry["question_id"] == "beh-launch-rollback-call" and entry["grade"] in (1, 2, 3, 4)


def test_each_user_sees_only_their_own_targets_and_stories(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HIRELOOP_USER", "ana")
    tid = json.loads(
        runner.invoke(app, ["target", "add", "--jd", str(_jd(tmp_path, "dev-recs-senior")), "--json"]).stdout
    )["id"]
    sid = json.loads(runner.invoke(app, ["stories", "add", "--title", "Ana's story", "--json"]).stdout)["id"]
    monkeypatch.setenv("HIRELOOP_USER", "ben")
    assert runner.invoke(app, ["target", "show", tid]).exit_code == 1
    assert runner.invoke(app, ["stories", "show", sid]).exit_code == 1
    assert runner.invoke(app, ["target", "remove", tid]).exit_code == 1
    assert json.loads(runner.invoke(app, ["target", "list", "--json"]).stdout) == []
    assert json.loads(runner.invoke(app, ["stories", "list", "--json"]).stdout) == []
    monkeypatch.setenv("HIRELOOP_USER", "ana")
    assert runner.invoke(app, ["target", "show", tid]).exit_code == 0
