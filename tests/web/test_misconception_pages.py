"""Wrong claims on the web: highlighted as concerns with their why, the catalogue page and its API."""

from __future__ import annotations

import httpx
import pytest

WEAK_FRAUD = (
    "I'd build a deep neural network for card-not-present fraud because it is the most accurate model "
    "family. We'd train it on the last two years of labeled transactions, with features like amount, "
    "merchant category, device and velocity. Our target is 99.5% accuracy, since fraud is only 0.08% of "
    "transactions and we need to be very precise. If the probability is above 0.5 we block it. We'd "
    "retrain the model quarterly and monitor a dashboard of blocked transactions."
)


def test_api_reports_the_wrong_claims_with_their_rules(server: str) -> None:
    doc = httpx.post(
        server + "/api/assess",
        json={"round": "ml_system_design", "question": "Design a card fraud model.", "answer": WEAK_FRAUD},
    ).json()
    ids = {m["id"] for m in doc["misconceptions"]}
    assert {"accuracy_on_rare_events", "fixed_half_threshold"} <= ids
    assert doc["grade"] <= 2 and doc["caps"] and doc["confidence"]["level"] in {"high", "medium", "low"}
    for m in doc["misconceptions"]:
        for ev in m["evidence"]:
            assert WEAK_FRAUD[ev["start"] : ev["end"]] == ev["quote"]


def test_catalogue_api_lists_every_entry_and_the_rules(server: str) -> None:
    doc = httpx.get(server + "/api/misconceptions").json()
    assert len(doc["misconceptions"]) >= 3
    assert "disqualifying_misconception" in doc["rules"]


@pytest.mark.browser
def test_grade_page_marks_the_wrong_claim_as_a_concern_and_explains_it(page) -> None:
    page.goto("/grade")
    page.fill("textarea[name=question]", "Design a fraud model for card payments.")
    page.select_option("select[name=round]", "ml_system_design")
    page.fill("textarea[name=answer]", WEAK_FRAUD)
    page.click("button[type=submit]")
    page.wait_for_url("**/grade")
    item = page.locator('li[data-misconception="fixed_half_threshold"]')
    assert item.count() == 1
    assert "0.5" in item.locator("blockquote").inner_text()
    assert "threshold" in item.locator(".why").inner_text().lower()
    concern = page.locator(".answer-text mark.concern", has_text="above 0.5")
    assert concern.count() >= 1
    assert page.locator(".answer-text mark.strength", has_text="above 0.5").count() == 0
    assert "confidence" in page.locator(".verdict").inner_text()
    how_sure = page.locator(".confidence-note").inner_text()
    assert "labeled answers the grader was developed on" in how_sure and "capped by a wrong claim" in how_sure


@pytest.mark.browser
def test_catalogue_page_lists_claims_with_why(page) -> None:
    page.goto("/misconceptions")
    assert page.locator("h1").inner_text() == "What the grader treats as wrong"
    entry = page.locator("li#accuracy_on_rare_events")
    assert entry.count() == 1 and "precision" in entry.locator(".why").inner_text()
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
