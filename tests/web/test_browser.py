"""A real Chromium, driven by Playwright, against a real server: what a user sees and clicks."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_bank_round_and_question(page) -> None:
    page.goto("/bank")
    assert page.title() == "Question bank · hireloop"
    page.locator('a.round-card[data-round="ml_system_design"]').click()
    page.wait_for_url("**/rounds/ml_system_design")
    assert page.locator("h1").inner_text() == "ML system design"
    first = page.locator("ul.questions li a").first
    prompt = first.inner_text()
    first.click()
    page.wait_for_url("**/questions/*")
    assert page.locator("h1.prompt").inner_text() == prompt
    # Not answered yet: the rubric is folded, one click away.
    assert page.locator("details.rubric").get_attribute("open") is None
    assert not page.locator("details.rubric dt").first.is_visible()
    page.locator("details.rubric summary", has_text="Show the rubric").click()
    assert page.locator("details.rubric dt").count() == 4
    assert page.locator("details.rubric dt").first.is_visible()
    page.locator("details.probes summary").click()
    assert page.locator("details.probes li").count() >= 3


def test_question_page_leads_to_practice_and_grading(page) -> None:
    page.goto("/questions/msd-card-not-present-fraud")
    page.click("#grade-this")
    page.wait_for_url("**/grade?question_id=msd-card-not-present-fraud")
    page.fill("#grade-form textarea[name=answer]", "We would train a fraud model and launch it.")
    page.click("#grade-form button[type=submit]")
    page.locator(".verdict").wait_for()
    # Answered once: the rubric is now open on the question page.
    page.goto("/questions/msd-card-not-present-fraud")
    assert page.locator("details.rubric").get_attribute("open") is not None
    page.click("#practise-this")
    page.wait_for_url("**/sessions/*")
    assert page.locator("h1.prompt").inner_text().startswith("A payments processor scores 30 million")
    assert page.locator("textarea#answer").is_visible()


def test_bank_filters_update_without_reload(page) -> None:
    page.goto("/bank")
    total = page.locator("ul.questions li").count()
    page.select_option("select[name=round]", "behavioral")
    page.wait_for_url("**round=behavioral**")
    pills = page.locator("ul.questions li .pill.round")
    assert 0 < pills.count() < total
    assert set(pills.all_inner_texts()) == {"Behavioral"}
    page.fill("input[name=q]", "zzzz-no-such-text")
    page.locator("li.empty").wait_for()
    assert page.locator("li.empty").inner_text() == "No question matches these filters."


def test_question_page_lists_what_a_grade_4_must_show_on_a_phone(browser, server: str) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto("/questions/pb-trust-safety-classifiers")
    page.locator("details.rubric summary", has_text="Show the rubric").click()
    lists = page.locator("details.rubric dd.anchor-lists")
    assert lists.locator(".anchor-head").all_inner_texts() == [
        "Must show (all of these)",
        "Also covers (most of these)",
    ]
    must = lists.locator("ul.must-show li").all_inner_texts()
    assert must[1] == "Their own threshold decision per language"
    assert len(must) == 3 and lists.locator("ul.also li").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
