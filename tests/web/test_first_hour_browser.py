"""What a new user meets in the first hour: the menu on a phone, busy buttons, regular typed text,
probes announced to screen readers, the folded plan."""

from __future__ import annotations

import pytest

from tests.web.test_practice_browser import WEAK_DESIGN, answer_current

pytestmark = pytest.mark.browser


def test_the_nav_is_a_menu_on_phones_and_a_row_on_laptops(browser, server: str) -> None:
    phone = browser.new_context(base_url=server, viewport={"width": 390, "height": 800})
    page = phone.new_page()
    page.goto("/bank")
    assert page.locator("#menu-toggle").is_visible()
    assert not page.locator("#site-nav").is_visible()
    page.click("#menu-toggle")
    assert page.locator("#menu-toggle").get_attribute("aria-expanded") == "true"
    page.locator("#site-nav a", has_text="Practice").click()
    page.wait_for_url("**/practice")
    phone.close()
    laptop = browser.new_context(base_url=server, viewport={"width": 1280, "height": 800})
    page = laptop.new_page()
    page.goto("/bank")
    assert not page.locator("#menu-toggle").is_visible()
    assert page.locator("#site-nav").is_visible()
    top = {round(page.locator("#site-nav a").nth(i).bounding_box()["y"]) for i in range(3)}
    assert len(top) == 1, "one row of links"
    laptop.close()


def test_typed_text_is_regular_and_submit_shows_it_is_busy(page) -> None:
    page.goto("/grade")
    weight = page.evaluate(
        "getComputedStyle(document.querySelector('#grade-form textarea[name=answer]')).fontWeight"
    )
    assert weight == "400"
    search = page.evaluate("getComputedStyle(document.querySelector('[data-picker-search]')).fontWeight")
    assert search == "400"
    page.fill("#grade-form textarea[name=question]", "How would you evaluate a fraud model?")
    page.fill(
        "#grade-form textarea[name=answer]", "Precision at the review team's capacity, on a time split."
    )
    state = page.evaluate(
        """() => { const form = document.getElementById('grade-form');
                   const button = form.querySelector('button[type=submit]');
                   form.requestSubmit(button);
                   return [button.disabled, button.textContent, form.getAttribute('aria-busy')]; }"""
    )
    assert state == [True, "Grading…", "true"]
    page.locator(".verdict").wait_for()


def test_a_probe_is_announced_and_the_reply_box_takes_focus(page) -> None:
    page.goto("/questions/msd-card-not-present-fraud")
    page.click("#practise-this")
    page.wait_for_url("**/sessions/*")
    answer_current(page, WEAK_DESIGN)
    page.locator(".probe-count").first.wait_for()
    count = page.locator(".probe-count").first.inner_text()
    assert count.startswith("Probe 1 of ")
    assert 1 <= int(count.rsplit(" ", 1)[1]) <= 3
    assert page.locator("#announce").get_attribute("aria-live") == "polite"
    assert page.locator("#announce").inner_text().startswith("Probe 1 of")
    assert page.evaluate("document.activeElement.id") == "answer"


def test_the_plan_shows_two_weeks_and_folds_the_rest(page) -> None:
    from datetime import date, timedelta

    page.goto("/plan")
    page.fill("input[name=interview_date]", (date.today() + timedelta(days=60)).isoformat())
    page.click("form[action='/plan'] button[type=submit]")
    page.wait_for_url("**/plan")
    weeks = page.locator("details.week")
    assert weeks.count() > 3
    opened = [weeks.nth(i).get_attribute("open") is not None for i in range(weeks.count())]
    assert opened[:2] == [True, True] and not any(opened[2:])
    height = page.evaluate("document.documentElement.scrollHeight")
    weeks.nth(3).locator("summary").click()
    assert page.evaluate("document.documentElement.scrollHeight") > height


def test_opening_a_folded_week_loads_its_days(page) -> None:
    from datetime import date, timedelta

    page.goto("/plan")
    page.fill("input[name=interview_date]", (date.today() + timedelta(days=60)).isoformat())
    page.click("form[action='/plan'] button[type=submit]")
    page.wait_for_url("**/plan")
    week = page.locator("details.week").nth(4)
    assert week.locator("table.plan-items").count() == 0  # not shipped with the page
    week.locator("summary").click()
    week.locator("table.plan-items tbody tr").first.wait_for()
    assert week.locator("table.plan-items tbody tr").count() >= 3
    assert page.url.endswith("/plan")  # loaded in place
