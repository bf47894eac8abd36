"""A whole short loop through the pages: start, answer, answer a probe, reload mid-answer, finish, read."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.browser

WEAK_DESIGN = (
    "I would train a machine learning model on our data and show the results in the app. We would run an "
    "A/B test on click-through rate and ship it if clicks go up."
)
PROBE_REPLY = (
    "Offline I would hold out the most recent month and measure precision and recall at the threshold the "
    "team can review, then run an online test with complaint rate as a counter-metric. After launch I would "
    "monitor drift by segment, retrain weekly and fall back to the previous model if quality drops."
)


def answer_current(page, text: str) -> None:
    """Submit and wait until the server has answered and the page shows what came back."""
    page.fill("textarea#answer", text)
    with page.expect_response(lambda r: r.url.endswith("/answer")):
        page.click("button#submit")
    page.wait_for_load_state()
    page.wait_for_timeout(50)  # let HTMX finish swapping the fragment in


def test_loop_start_answer_probe_reload_finish(page) -> None:
    page.goto("/practice")
    page.fill("#start-loop input[name=seed]", "7")
    page.click("#start-loop button[type=submit]")
    page.wait_for_url("**/sessions/*")
    assert page.locator(".progress").inner_text().startswith("Round 1 of 5")

    answer_current(page, WEAK_DESIGN)
    probe = page.locator(".interviewer .probe-text").last
    probe.wait_for()
    assert len(probe.inner_text()) > 20

    # Reload mid-answer: the autosaved draft is still there.
    page.fill("textarea#answer", PROBE_REPLY[:80])
    page.locator("#saved", has_text="Saved").wait_for()
    page.reload()
    assert page.locator("textarea#answer").input_value() == PROBE_REPLY[:80]
    assert page.locator("#saved").inner_text() == "Draft restored"

    answer_current(page, PROBE_REPLY)
    page.wait_for_load_state()
    for _ in range(40):
        page.locator("textarea#answer, #decision").first.wait_for()
        if page.locator("#decision").count():
            break
        label = page.locator("button#submit").inner_text()
        answer_current(page, WEAK_DESIGN if label == "Submit answer" else "")
    page.wait_for_url("**/debrief")
    decision = page.locator("#decision").get_attribute("data-decision")
    assert decision in {"no_hire", "strong_no_hire"}
    assert page.locator(".rounds-table tbody tr").count() == 5
    assert page.locator(".concern").count() >= 1
    assert page.locator(".rounds-table .round-confidence").count() == 5
    page.locator("details.how-sure summary").click()
    first = page.locator("details.how-sure li").first.inner_text()
    assert "labeled answers the grader was developed on" in first
    pdf = httpx.get(page.url + ".pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    page.goto("/practice")
    assert page.locator("table.history tbody tr").first.locator("td").nth(4).inner_text() in {
        "No hire",
        "Strong no hire",
    }


def test_empty_first_answer_is_refused_and_nothing_lost(page) -> None:
    page.goto("/practice")
    page.click("#start-round button[type=submit]")
    page.wait_for_url("**/sessions/*")
    answer_current(page, "   ")
    assert page.locator("[role=alert]").inner_text() == "Write an answer before submitting."
