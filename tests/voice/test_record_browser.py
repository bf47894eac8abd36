"""The Record button end to end in Chromium with a fake microphone playing generated speech, under a
strict Content-Security-Policy: record, stop, the transcript appears, submit, grade and delivery shown."""

from __future__ import annotations

import re
import wave
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM

pytestmark = pytest.mark.browser

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)


@pytest.fixture
def microphone_page(voice_extra, headline_wav: Path, server: str):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={headline_wav}%noloop",
            ],
        )
        context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
        context.grant_permissions(["microphone"])

        def strict(route):
            response = route.fetch()
            route.fulfill(
                response=response, headers={**response.headers, "content-security-policy": STRICT_CSP}
            )

        context.route("**/*", strict)
        page = context.new_page()
        page.set_default_timeout(20_000)
        violations: list[str] = []
        page.on(
            "console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None
        )
        page.violations = violations
        yield page
        browser.close()


def seconds_of(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def test_record_transcribe_correct_submit(microphone_page, headline_wav: Path) -> None:
    page = microphone_page
    page.goto("/grade")
    page.fill("textarea[name=question]", "How would you launch a fraud model?")
    page.select_option("select[name=round]", "ml_system_design")
    assert page.locator("[data-recorder] [data-status]").inner_text().startswith("Speak your answer")
    page.click("[data-recorder] button[data-action=record]")
    page.locator("[data-recorder] [data-clock]").wait_for(state="visible")
    page.locator("[data-recorder] button[data-action=stop]").wait_for(state="visible")
    assert " of " in page.locator("[data-recorder] [data-clock]").inner_text()
    page.wait_for_timeout(int((seconds_of(headline_wav) + 1) * 1000))
    page.click("[data-recorder] button[data-action=stop]")
    answer = page.locator("textarea#answer")
    expect(answer).to_have_value(re.compile("shadow", re.IGNORECASE), timeout=120_000)
    assert page.locator("[data-recorder] [data-status]").inner_text().startswith("Transcribed")
    assert page.locator("[data-recorder] [data-playback]").is_visible()
    assert page.locator("[data-recorder] button[data-action=record]").inner_text() == "Re-record"
    answer.fill(answer.input_value() + " We retrain monthly.")  # the user corrects before submitting
    page.click("button[type=submit]")
    page.wait_for_url("**/grade")
    page.locator("section.assessment").wait_for()
    delivery = page.locator("section.delivery")
    assert "How you said it" in delivery.inner_text()
    assert delivery.locator("[data-figure=rate] .figure-value").inner_text().endswith("words per minute")
    assert delivery.locator("[data-figure=opening]").get_attribute("data-status") == "good"
    assert "We retrain monthly." in page.locator(".answer-text").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not [v for v in page.violations if "voice.js" in v or "media-src" in v or "connect-src" in v]
