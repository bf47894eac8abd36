"""Sentences, offsets and the readability checks of hireloop.assess.text."""

from __future__ import annotations

from hireloop.assess.text import MAX_CHARS, check_readable, split_clauses, split_sentences, truncate


def test_sentences_keep_exact_offsets() -> None:
    text = "  First point.  Second one? Third!\n\n- a bullet line\n- another one "
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "First point.",
        "Second one?",
        "Third!",
        "- a bullet line",
        "- another one",
    ]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_sentences_do_not_split_decimals_or_lowercase_continuations() -> None:
    spans = split_sentences("AUC went from 0.86 to 0.90 overall. e.g. this stays. Next one.")
    assert spans[0].text == "AUC went from 0.86 to 0.90 overall. e.g. this stays."
    assert len(spans) == 2


def test_clauses_split_at_but_and_semicolons() -> None:
    sent = split_sentences("Privacy matters; but bias isn't an issue here.")[0]
    clauses = split_clauses(sent)
    assert len(clauses) >= 2
    for c in clauses:
        assert sent.text[c.start - sent.start : c.end - sent.start] == c.text


def test_readability_reasons() -> None:
    assert check_readable("").reason == "The answer is empty."
    assert "too short" in (check_readable("Use a model.").reason or "")
    assert "gibberish" in (
        check_readable("qwrtp zxcvbn sdfghj kjhgf mnbvc plkjh trewq asdfgh lkjhg").reason or ""
    )
    assert "Spanish" in (
        check_readable(
            "Primero entrenaría un modelo con los datos de los usuarios para que sea más útil"
        ).reason
        or ""
    )
    assert "German" in (
        check_readable(
            "Ich würde zuerst die Daten der Nutzer prüfen und dann ein Modell für die Kunden bauen"
        ).reason
        or ""
    )
    assert "non-Latin" in (
        check_readable("我会先定义目标，然后用历史数据训练模型，并在测试集上评估。").reason or ""
    )
    assert (
        check_readable("I would hold out last month's data and compare precision for both models.").reason
        is None
    )


def test_truncate_is_a_prefix_with_a_stated_maximum() -> None:
    text = "word " * 10_000
    cut, was_cut = truncate(text)
    assert was_cut and len(cut) <= MAX_CHARS and text.startswith(cut)
    assert truncate("short") == ("short", False)
