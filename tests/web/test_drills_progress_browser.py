"""Drills by keyboard, an exercise right and wrong, and the dashboard reflecting both (real Chromium)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hireloop.drills.exercises import generate

pytestmark = pytest.mark.browser


def test_review_two_cards_by_keyboard_then_exercises_then_dashboard(page) -> None:
    page.goto("/drills")
    first = page.locator(".drill-card").get_attribute("data-card")
    page.keyboard.press(" ")
    assert page.locator(".drill-card .back").is_visible()
    page.keyboard.press("3")
    page.locator(f'.drill-card:not([data-card="{first}"])').wait_for()
    assert "Next review of that card" in page.locator("#last-review").inner_text()
    page.keyboard.press("4")  # not revealed yet: nothing happens
    page.keyboard.press(" ")
    page.keyboard.press("1")
    page.locator("#drill-stats", has_text="2 reviewed").wait_for()

    exercise = generate("regression", 11)
    page.goto("/exercises?kind=regression&seed=11")
    for question in exercise.questions:
        page.fill(f"input[name={question.key}]", str(exercise.answer[question.key]))
    page.click(".exercise button[type=submit]")
    page.locator('#exercise-result [data-correct="true"]').wait_for()
    assert "Working" in page.locator("#exercise-result").inner_text()

    page.goto("/exercises?kind=regression&seed=11")
    for question in exercise.questions:
        page.fill(f"input[name={question.key}]", "0.5")
    page.click(".exercise button[type=submit]")
    page.locator('#exercise-result [data-correct="false"]').wait_for()

    page.goto("/progress")
    assert page.locator("#drill-stat .big").inner_text() == "2"
    assert page.locator("#exercise-stat .big").inner_text() == "1/2"
    assert page.locator('tr[data-kind="regression"]').inner_text().endswith("1/2 right")


def test_grading_an_answer_shows_up_on_the_dashboard(page) -> None:
    page.goto("/progress")
    assert page.locator("#answers-stat .big").inner_text() == "0"
    page.goto("/grade")
    page.fill("textarea[name=question]", "How would you evaluate a fraud model at a 0.4% fraud rate?")
    page.select_option("select[name=round]", "technical_deep_dive")
    page.fill(
        "textarea[name=answer]",
        "Accuracy is useless at a 0.4% base rate because predicting no fraud "
        "scores 99.6%. I would look at precision and recall at the threshold the review team can handle, "
        "and PR-AUC to compare models, because ROC-AUC flatters a model when negatives dominate.",
    )
    page.click("button[type=submit]")
    page.goto("/progress")
    assert page.locator("#answers-stat .big").inner_text() == "1"
    assert page.locator(".trend").count() == 1


def test_plan_page_saves_the_date_and_offers_a_calendar(page) -> None:
    interview = date.today() + timedelta(days=50)
    page.goto("/plan")
    assert page.locator(".week").count() == 12  # no date yet: a 12-month transition plan
    page.fill("input[name=interview_date]", interview.isoformat())
    page.fill("input[name=hours_per_week]", "4")
    page.click("form button[type=submit]")
    page.wait_for_url("**/plan")
    assert f"{interview.day} {interview:%B %Y}" in page.locator("#plan-summary").inner_text()
    assert 7 <= page.locator(".week").count() <= 9
    with page.expect_download() as download:
        page.click("text=Add to my calendar (.ics)")
    assert download.value.suggested_filename == "hireloop-plan.ics"
