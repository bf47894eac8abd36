"""The drill page at phone width: key points first on reveal, accessible, and the Anki download."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from hireloop.bank import load_bank_strict
from hireloop.config import BUILTIN_CONTENT

pytestmark = pytest.mark.browser

OVERFLOW_JS = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_reveal_shows_key_points_above_the_explanation_at_390_px(browser, server: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    bank = load_bank_strict([BUILTIN_CONTENT])
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/drills")
        card = bank.cards[page.locator(".drill-card").get_attribute("data-card")]
        assert not page.locator(".key-points").is_visible()  # nothing given away before reveal
        page.click("#reveal")
        points = page.locator(".key-points li")
        points.first.wait_for()
        assert points.all_inner_texts() == card.key_points
        explanation = page.locator(".explanation")
        assert explanation.inner_text() == " ".join(card.back.split())
        assert points.first.bounding_box()["y"] < explanation.bounding_box()["y"]
        assert page.evaluate(OVERFLOW_JS) <= 0
        serious = [
            v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
    finally:
        context.close()


def test_anki_download_from_the_drill_page(browser, server: str, tmp_path: Path) -> None:
    viewport = {"width": 390, "height": 800}
    context = browser.new_context(base_url=server, viewport=viewport, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto("/drills")
        page.keyboard.press(" ")
        page.keyboard.press("3")  # one reviewed card: its FSRS state goes into the package
        page.locator("#drill-stats", has_text="1 reviewed").wait_for()
        with page.expect_download() as download:
            page.click("#anki-export")
        assert download.value.suggested_filename == "hireloop-cards.apkg"
        target = tmp_path / "cards.apkg"
        download.value.save_as(target)
    finally:
        context.close()
    with zipfile.ZipFile(target) as archive:
        archive.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        rows = [(flds.split("\x1f"), tags) for flds, tags in db.execute("select flds, tags from notes")]
    finally:
        db.close()
    assert len(rows) == len(load_bank_strict([BUILTIN_CONTENT]).cards)
    assert sum(1 for fields, _ in rows if fields[5]) == 1
    assert all("hireloop::topic::" in tags for _, tags in rows)


@pytest.mark.parametrize("kind", ["token_cost", "eval_interval", "rater_agreement"])
def test_new_exercise_kinds_at_390_px(browser, server: str, kind: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from hireloop.drills.exercises import generate
    from hireloop.vocab import plain

    exercise = generate(kind, 21)
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/exercises")
        page.select_option("select[name=kind]", kind)
        page.fill("input[name=seed]", "21")
        page.click("form.filters button[type=submit]")
        page.locator(f'.exercise[data-kind="{kind}"]').wait_for()
        assert plain(kind) in page.locator(".exercise .muted").inner_text()
        for question in exercise.questions:
            page.fill(f"input[name={question.key}]", str(exercise.answer[question.key]))
        page.click(".exercise button[type=submit]")
        page.locator('#exercise-result [data-correct="true"]').wait_for()
        assert "Working" in page.locator("#exercise-result").inner_text()
        assert page.evaluate(OVERFLOW_JS) <= 0
        serious = [
            v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
    finally:
        context.close()
