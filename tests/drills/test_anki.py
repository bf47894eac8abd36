"""The Anki export: a real .apkg (a zip holding an SQLite collection) opened and read back."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hireloop.bank import load_bank_strict
from hireloop.config import BUILTIN_CONTENT
from hireloop.drills.anki import FIELDS, build_notes, card_rounds, write_apkg
from hireloop.drills.scheduler import review


@pytest.fixture(scope="module")
def bank():
    return load_bank_strict([BUILTIN_CONTENT])


def read_apkg(path: Path, tmp_path: Path) -> tuple[list[dict], dict]:
    """Notes (guid, fields by name, tags) and the note types of an .apkg, as Anki would read them."""
    with zipfile.ZipFile(path) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        models = json.loads(db.execute("select models from col").fetchone()[0])
        rows = db.execute("select guid, mid, flds, tags from notes").fetchall()
        card_count = db.execute("select count(*) from cards").fetchone()[0]
    finally:
        db.close()
    notes = []
    for guid, mid, flds, tags in rows:
        names = [f["name"] for f in models[str(mid)]["flds"]]
        notes.append({"guid": guid, "fields": dict(zip(names, flds.split("\x1f"), strict=True)),
                      "tags": tags.split()})
    assert card_count == len(notes)  # one card per note: the front/back template
    return notes, models


def test_export_has_one_note_per_card_with_fields_and_tags(bank, tmp_path: Path) -> None:
    card = bank.cards["card-pr-auc-vs-roc-auc"]
    now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    reviewed = review(card.id, None, "good", now=now)
    notes = build_notes(bank.cards.values(), {card.id: reviewed.state}, bank.questions.values())
    path = tmp_path / "deck.apkg"
    assert write_apkg(path, notes) == len(bank.cards)

    read, models = read_apkg(path, tmp_path)
    assert len(read) == len(bank.cards)
    assert [f["name"] for f in next(iter(models.values()))["flds"]] == list(FIELDS)
    by_id = {n["fields"]["Card id"]: n for n in read}
    assert set(by_id) == set(bank.cards)

    note = by_id[card.id]
    assert note["fields"]["Front"].startswith("Your fraud model has a ROC-AUC of 0.97")
    for point in card.key_points:
        assert f"<li>{point}</li>" in note["fields"]["Key points"]
    assert note["fields"]["Explanation"].startswith("With rare positives, ROC-AUC looks good")
    assert "hireloop::topic::evaluation-metrics" in note["tags"]
    assert "hireloop::round::technical_deep_dive" in note["tags"]
    assert {f"hireloop::concept::{t}" for t in card.tags} <= set(note["tags"])
    assert "hireloop::competency::evaluation" in note["tags"]
    # The FSRS state of the reviewed card travels as fields; a card never reviewed has them empty.
    assert note["fields"]["FSRS due"] == reviewed.due.strftime("%Y-%m-%d %H:%M UTC")
    assert note["fields"]["FSRS last review"] == "2026-03-01 09:00 UTC"
    assert float(note["fields"]["FSRS stability"]) == pytest.approx(reviewed.state["stability"], abs=0.005)
    assert 1 <= float(note["fields"]["FSRS difficulty"]) <= 10
    other = by_id["card-rmse-vs-mae"]["fields"]
    assert other["FSRS due"] == other["FSRS stability"] == other["FSRS last review"] == ""


def test_reexport_keeps_every_guid_so_anki_updates_instead_of_duplicating(bank, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    write_apkg(first / "deck.apkg", build_notes(bank.cards.values(), {}, bank.questions.values()))
    card_id = "card-roc-auc-meaning"
    state = review(card_id, None, "easy", now=datetime(2026, 1, 5, tzinfo=UTC)).state
    write_apkg(second / "deck.apkg", build_notes(bank.cards.values(), {card_id: state}, []))
    guids_a = {n["fields"]["Card id"]: n["guid"] for n in read_apkg(first / "deck.apkg", first)[0]}
    guids_b = {n["fields"]["Card id"]: n["guid"] for n in read_apkg(second / "deck.apkg", second)[0]}
    assert guids_a == guids_b
    assert len(set(guids_a.values())) == len(bank.cards)


def test_text_is_escaped_for_anki_html(bank) -> None:
    card = bank.cards["card-f1-when-misleading"].model_copy(
        update={"front": "Is <b>F1</b> & recall enough?", "key_points": ["a < b"]}
    )
    note = build_notes([card], {}, [])[0]
    assert note.fields[0] == "Is &lt;b&gt;F1&lt;/b&gt; &amp; recall enough?"
    assert note.fields[1] == "<ul><li>a &lt; b</li></ul>"


def test_rounds_come_from_the_topic_and_from_questions_sharing_a_tag(bank) -> None:
    assert card_rounds(bank.cards["card-build-vs-buy-ai"], []) == ["ai_product_sense"]
    card = bank.cards["card-pr-auc-vs-roc-auc"]
    sharing = [q for q in bank.questions.values() if set(card.tags) & set(q.topics)]
    assert sharing, "the fixture card should share a topic with some question"
    assert {q.round for q in sharing} <= set(card_rounds(card, bank.questions.values()))
