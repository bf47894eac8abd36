"""The plan's process view (first recruiter call to offer) and the 12- or 18-month transition plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, server: str):
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_process_view_dates_the_stages_from_the_recruiter_call(phone) -> None:
    phone.goto("/plan")
    phone.click("#process-link")
    phone.wait_for_url("**/plan/process")
    assert "6 to 10 weeks" in phone.locator("#process-summary").inner_text()
    assert phone.locator("li.stage").count() == 6 and not phone.locator("li.stage.current").count()
    call = date.today() - timedelta(days=10)
    phone.fill("input[name=recruiter_call]", call.isoformat())
    phone.click("form button[type=submit]")
    phone.wait_for_url("**/plan/process?recruiter_call=*")
    current = phone.locator("li.stage.current")
    assert current.count() == 1 and current.get_attribute("data-stage") == "hiring_manager"
    assert "You are here" in current.inner_text()
    assert f"{call:%d %b %Y}" in phone.locator("#process-summary").inner_text()
    assert fits(phone)
    phone.locator("li.stage").first.locator("a", has_text="Behavioral").click()
    phone.wait_for_url("**/rounds/behavioral")


def test_the_transition_plan_can_run_eighteen_months_and_says_what_the_move_takes(phone) -> None:
    phone.goto("/plan")
    assert phone.locator(".week").count() == 12
    context = phone.locator("#transition-context").inner_text()
    assert "not required" in context and "15-30%" in context and "as reported in 2025" in context
    phone.select_option("#transition-length select[name=months]", "18")
    phone.click("#transition-length button[type=submit]")
    phone.wait_for_url("**/plan?months=18")
    assert phone.locator(".week").count() == 18
    assert "covers all 18 months" in phone.locator("#plan-summary").inner_text()
    assert fits(phone)
    with phone.expect_download() as download:
        phone.click("text=Add to my calendar (.ics)")
    assert download.value.suggested_filename == "hireloop-plan.ics"
    assert phone.goto("/plan?months=15").status == 422
