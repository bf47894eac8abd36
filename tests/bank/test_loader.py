"""The content loader reports every problem at once as FILE:LINE: field: message."""

from __future__ import annotations

from pathlib import Path

from hireloop.bank import load_bank
from tests.helpers import GOOD_QUESTION, write_pack


def errors_for(tmp_path: Path, text: str) -> list[str]:
    write_pack(tmp_path, text=text)
    _, errors = load_bank([tmp_path])
    return [str(e) for e in errors]


def test_a_valid_pack_loads(tmp_path: Path) -> None:
    write_pack(tmp_path)
    bank, errors = load_bank([tmp_path])
    assert errors == []
    question = bank.question("my-cooking-recs")
    assert question.rubric.anchors()[4].startswith("Names a watch-completion")
    assert [p.tests for p in question.probes] == ["no_data_strategy", "eval_gap", "lifecycle"]


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, "questions:\n  - id: a\n    prompt: [unclosed\n")
    assert len(errors) == 1
    assert errors[0].startswith(f"{tmp_path / 'pack.yaml'}:4: yaml: syntax error")


def test_unknown_round_names_the_line_and_expected_ids(tmp_path: Path) -> None:
    text = GOOD_QUESTION.format(id="q-one", round="system_design")
    errors = errors_for(tmp_path, text)
    assert errors == [
        f"{tmp_path / 'pack.yaml'}:3: questions[0] (q-one).round: got 'system_design'; expected one of "
        "'ml_system_design', 'ai_product_sense', 'technical_deep_dive', 'responsible_ai', "
        "'behavioral' or 'portfolio_bullet'"
    ]


def test_probe_naming_an_unknown_flag(tmp_path: Path) -> None:
    text = GOOD_QUESTION.format(id="q-one", round="behavioral").replace("tests: eval_gap", "tests: eval_gaps")
    errors = errors_for(tmp_path, text)
    assert len(errors) == 1
    assert ":17: questions[0] (q-one).probes[1].tests: unknown flag or competency 'eval_gaps'" in errors[0]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        GOOD_QUESTION.format(id="Bad_Id", round="behavioral")
        .replace("difficulty: 2", "difficulty: 7")
        .replace(
            "      1: Treats recommendations as a fixed editorial list or lists buzzwords without "
            "any mechanism.\n",
            "",
        )
        .replace("    notes:", "    colour: blue\n    notes:")
    )
    errors = errors_for(tmp_path, text)
    fields = [e.split(": ")[1] for e in errors]
    assert fields == [
        "questions[0] (Bad_Id).id",
        "questions[0] (Bad_Id).difficulty",
        "questions[0] (Bad_Id).rubric.1",
        "questions[0] (Bad_Id).colour",
    ]
    assert "required field is missing" in errors[2]
    assert "unknown field" in errors[3]


def test_duplicate_id_across_packs_points_at_both(tmp_path: Path) -> None:
    first = write_pack(tmp_path / "a", id="same-id")
    second = write_pack(tmp_path / "b", id="same-id")
    bank, errors = load_bank([tmp_path / "a", tmp_path / "b"])
    assert [str(e) for e in errors] == [
        f"{second}:2: id: duplicate id 'same-id' (first defined at {first}:2)"
    ]
    assert list(bank.questions) == ["same-id"]


def test_unknown_top_level_key_and_empty_file(tmp_path: Path) -> None:
    write_pack(tmp_path, "a.yaml", text="qestions: []\n")
    write_pack(tmp_path, "b.yaml", text="")
    _, errors = load_bank([tmp_path])
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'a.yaml'}:1: qestions: unknown top-level key; "
        "expected 'questions', 'cards' or 'misconceptions'",
        f"{tmp_path / 'b.yaml'}:1: file: empty file; expected 'questions:', 'cards:' or 'misconceptions:'",
    ]


def test_missing_directory_is_an_error_not_a_crash(tmp_path: Path) -> None:
    _, errors = load_bank([tmp_path / "nowhere"])
    assert [e.message for e in errors] == ["no such file or directory"]


def test_cards_are_validated_like_questions(tmp_path: Path) -> None:
    text = """\
cards:
  - id: card-one
    topic: evaluation-metrics
    front: When is PR-AUC more telling than ROC-AUC?
    back: When positives are rare, because ROC-AUC is dominated by the many easy negatives.
    competencies: [evaluation]
  - id: card-two
    topic: evaluation-metrics
    front: short
    back: When positives are rare, because of the many negatives.
    competencies: [judgement]
"""
    write_pack(tmp_path, text=text)
    bank, errors = load_bank([tmp_path])
    assert list(bank.cards) == ["card-one"]
    assert [(e.line, e.field) for e in errors] == [
        (9, "cards[1] (card-two).front"),
        (11, "cards[1] (card-two).competencies[0]"),
    ]


CARD = """\
cards:
  - id: my-card
    topic: evaluation-metrics
    front: When does accuracy mislead on a rare-event problem?
{points}    back: When positives are rare, predicting the majority class scores high accuracy.
    competencies: [evaluation]
"""


def test_key_points_are_optional_in_a_user_pack(tmp_path: Path) -> None:
    write_pack(tmp_path, text=CARD.format(points=""))
    bank, errors = load_bank([tmp_path])
    assert errors == [] and bank.cards["my-card"].key_points == []


def test_key_points_are_validated_with_file_and_line(tmp_path: Path) -> None:
    long = " ".join(["word"] * 16)
    points = f'    key_points:\n      - "Short point."\n      - "{long}"\n'
    errors = errors_for(tmp_path, CARD.format(points=points))
    assert errors == [
        f"{tmp_path / 'pack.yaml'}:7: cards[0] (my-card).key_points[1]: 16 words; keep each point to at "
        "most 15 (the full explanation goes in 'back')"
    ]
    four = "    key_points: [one, two, three, four]\n"
    errors = errors_for(tmp_path, CARD.format(points=four))
    assert len(errors) == 1 and ":5: cards[0] (my-card).key_points: " in errors[0]
    assert "at most 3 items" in errors[0]


def test_built_in_cards_must_have_key_points(tmp_path: Path, monkeypatch) -> None:
    from hireloop.bank import loader

    monkeypatch.setattr(loader, "BUILTIN_CONTENT", tmp_path.resolve())
    errors = errors_for(tmp_path, CARD.format(points=""))
    assert errors == [
        f"{tmp_path / 'pack.yaml'}:2: cards (my-card).key_points: required on built-in cards: 1-3 short "
        "points shown first on reveal"
    ]


PARAGRAPH_4 = (
    "      4: Names a watch-completion objective, a cold-start plan and an offline metric with a trade-off.\n"
)
COLD_START = "          - A cold-start plan for new viewers\n"
SPLIT_QUESTION = GOOD_QUESTION.replace(
    PARAGRAPH_4,
    "      4:\n"
    "        must_show:\n"
    "          - A watch-completion objective rather than taps\n"
    "{must_more}"
    "        also:\n"
    "          - An offline metric with a stated trade-off\n",
)


def test_a_split_grade_4_anchor_loads_as_two_lists(tmp_path: Path) -> None:
    text = SPLIT_QUESTION.format(id="q-split", round="ml_system_design", must_more=COLD_START)
    write_pack(tmp_path, text=text)
    bank, errors = load_bank([tmp_path])
    assert errors == []
    rubric = bank.question("q-split").rubric
    assert rubric.must_show == [
        "A watch-completion objective rather than taps",
        "A cold-start plan for new viewers",
    ]
    assert rubric.also == ["An offline metric with a stated trade-off"]
    assert rubric.anchors()[4].startswith("Must show: A watch-completion objective rather than taps; A cold")


def test_a_one_paragraph_grade_4_anchor_still_loads_for_user_packs(tmp_path: Path) -> None:
    write_pack(tmp_path)
    bank, errors = load_bank([tmp_path])
    assert errors == []
    rubric = bank.question("my-cooking-recs").rubric
    assert rubric.must_show == [] and rubric.also == []
    assert not rubric.grade_4.split


def test_one_must_show_item_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    text = SPLIT_QUESTION.format(id="q-split", round="ml_system_design", must_more="")
    errors = errors_for(tmp_path, text)
    assert errors == [
        f"{tmp_path / 'pack.yaml'}:10: questions[0] (q-split).rubric.4: 1 must_show item; expected 2-4 (what "
        "a grade 4 cannot lack), with the rest under also"
    ]


def test_a_must_show_item_too_long_to_tick_is_refused(tmp_path: Path) -> None:
    long_item = "          - " + " ".join(["word"] * 31) + "\n"
    text = SPLIT_QUESTION.format(id="q-split", round="ml_system_design", must_more=long_item)
    errors = errors_for(tmp_path, text)
    assert errors == [
        f"{tmp_path / 'pack.yaml'}:11: questions[0] (q-split).rubric.4.must_show: item 2 has 31 words; "
        "at most 30, so an interviewer can tick it off: split it in two"
    ]


def test_a_paragraph_and_lists_together_are_refused(tmp_path: Path) -> None:
    text = SPLIT_QUESTION.format(
        id="q-split",
        round="ml_system_design",
        must_more=COLD_START + "        text: A paragraph as well as the lists.\n",
    )
    errors = errors_for(tmp_path, text)
    assert len(errors) == 1
    assert "rubric.4: give either one paragraph or the 'must_show' and 'also' lists, not both" in errors[0]
