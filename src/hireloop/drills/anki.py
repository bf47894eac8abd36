"""The concept cards as an Anki deck (.apkg, built with genanki), for people who study in Anki.

One note per card. Its GUID is derived from the card id alone, so importing a later export updates the
notes already in Anki instead of adding duplicates. Anki's .apkg import cannot set a card's scheduling
from outside, so the user's FSRS memory state (due, stability, difficulty, last review) travels as note
fields: visible on the back of the card and searchable, for anyone who wants to carry it over.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hireloop.bank.models import Card, Question

# Fixed ids: Anki identifies the note type and the deck by them, so they must never change.
MODEL_ID = 1_607_392_319
DECK_ID = 2_059_400_110
DECK_NAME = "hireloop::Concept cards"
GUID_NAMESPACE = "hireloop-card"
FIELDS = (
    "Front",
    "Key points",
    "Explanation",
    "Topic",
    "Card id",
    "FSRS due",
    "FSRS stability",
    "FSRS difficulty",
    "FSRS last review",
)
# The round each topic is drilled for; questions sharing a tag with the card add their rounds too.
ROUNDS_BY_TOPIC: dict[str, tuple[str, ...]] = {
    "ai-strategy": ("ai_product_sense",),
    "evaluation-metrics": ("technical_deep_dive",),
    "generative-ai": ("technical_deep_dive",),
    "ml-fundamentals": ("technical_deep_dive",),
    "model-families": ("technical_deep_dive",),
    "responsible-ai": ("responsible_ai",),
    "system-design": ("ml_system_design",),
}
_CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; color: #1d2330;
  background: #fff; max-width: 40em; margin: 0 auto; }
.key-points { font-weight: 600; }
.label { font-size: 13px; text-transform: uppercase; color: #5d6676; margin-bottom: 0; }
.memory { font-size: 13px; color: #5d6676; }"""
_BACK = """{{FrontSide}}
<hr id="answer">
<p class="label">Key points</p>
<div class="key-points">{{Key points}}</div>
<p class="label">Explanation</p>
<div>{{Explanation}}</div>
{{#FSRS due}}<p class="memory">hireloop FSRS: due {{FSRS due}} · stability {{FSRS stability}} days ·
difficulty {{FSRS difficulty}} · last review {{FSRS last review}}</p>{{/FSRS due}}"""


@dataclass(frozen=True)
class AnkiNote:
    """What one exported note holds: fields in FIELDS order, tags, and its stable GUID."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]


def note_guid(card_id: str) -> str:
    """The GUID of a card's note: the same id gives the same GUID in every export."""
    import genanki

    return genanki.guid_for(GUID_NAMESPACE, card_id)


def card_rounds(card: Card, questions: Iterable[Question]) -> list[str]:
    """The interview rounds a card prepares for: its topic's round, plus the rounds of questions
    that share one of its tags."""
    labels = {card.topic, *card.tags}
    rounds = set(ROUNDS_BY_TOPIC.get(card.topic, ()))
    rounds |= {q.round for q in questions if labels & set(q.topics)}
    return sorted(rounds)


def _tag(kind: str, value: str) -> str:
    return f"hireloop::{kind}::{value.replace(' ', '_')}"


def _memory(state: Mapping[str, Any] | None) -> tuple[str, str, str, str]:
    if not state:
        return ("", "", "", "")

    def when(key: str) -> str:
        value = state.get(key)
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M UTC") if value else ""

    def number(key: str) -> str:
        value = state.get(key)
        return f"{value:.2f}" if isinstance(value, int | float) else ""

    return (when("due"), number("stability"), number("difficulty"), when("last_review"))


def build_notes(
    cards: Iterable[Card], states: Mapping[str, Mapping[str, Any]], questions: Iterable[Question]
) -> list[AnkiNote]:
    """One note per card, sorted by id: HTML-escaped text, tags for topic, rounds, concepts and
    competencies, and the user's FSRS state for that card (empty fields for a card never reviewed)."""
    questions = list(questions)
    notes = []
    for card in sorted(cards, key=lambda c: c.id):
        points = "".join(f"<li>{html.escape(p)}</li>" for p in card.key_points)
        tags = [_tag("topic", card.topic)]
        tags += [_tag("round", r) for r in card_rounds(card, questions)]
        tags += [_tag("concept", t) for t in card.tags]
        tags += [_tag("competency", c) for c in card.competencies]
        notes.append(
            AnkiNote(
                guid=note_guid(card.id),
                fields=(
                    html.escape(card.front),
                    f"<ul>{points}</ul>" if points else "",
                    html.escape(card.back),
                    html.escape(card.topic),
                    card.id,
                    *_memory(states.get(card.id)),
                ),
                tags=tuple(tags),
            )
        )
    return notes


def write_apkg(path: Path, notes: Iterable[AnkiNote]) -> int:
    """Write the notes as one deck to ``path``; returns how many notes were written."""
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "hireloop concept card",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card", "qfmt": "{{Front}}", "afmt": _BACK}],
        css=_CSS,
        sort_field_index=0,
    )
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    count = 0
    for note in notes:
        fields, tags = list(note.fields), list(note.tags)
        deck.add_note(genanki.Note(model=model, fields=fields, tags=tags, guid=note.guid))
        count += 1
    genanki.Package(deck).write_to_file(str(path))
    return count


def apkg_bytes(notes: Iterable[AnkiNote]) -> bytes:
    """The .apkg file's bytes (genanki writes only to a path, so this goes through a temporary file)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "deck.apkg"
        write_apkg(target, notes)
        return target.read_bytes()
