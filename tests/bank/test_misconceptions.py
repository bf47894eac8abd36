"""Every misconception in the catalogue detects its own examples and none of its ``not_when`` sentences."""

from __future__ import annotations

import pytest

from hireloop.assess.misconceptions import builtin_catalogue
from hireloop.bank import load_bank
from hireloop.config import BUILTIN_CONTENT

CATALOGUE = builtin_catalogue()
RULES = {r.entry.id: r.entry for r in CATALOGUE.rules}


def test_catalogue_loads_without_errors_and_names_existing_cards():
    bank, errors = load_bank([BUILTIN_CONTENT])
    assert not errors, "\n".join(map(str, errors))
    assert len(bank.misconceptions) == len(CATALOGUE)
    for m in bank.misconceptions.values():
        assert m.card in bank.cards


def _ids(text: str, entry_id: str) -> set[str]:
    entry = RULES[entry_id]
    return {f.entry.id for f in CATALOGUE.find_in_text(text, entry.applies_when or None)}


@pytest.mark.parametrize(
    ("entry_id", "text"),
    [(m.id, ex) for m in RULES.values() for ex in m.examples],
)
def test_example_is_detected(entry_id: str, text: str):
    assert entry_id in _ids(text, entry_id)


@pytest.mark.parametrize(
    ("entry_id", "text"),
    [(m.id, ex) for m in RULES.values() for ex in m.not_when],
)
def test_not_when_is_not_detected(entry_id: str, text: str):
    assert entry_id not in _ids(text, entry_id)


def test_an_entry_outside_its_contexts_is_not_detected():
    applies = [m for m in RULES.values() if m.applies_when]
    assert applies
    m = applies[0]
    assert not CATALOGUE.find_in_text(m.examples[0], contexts=[])
