"""The bullet coach page: paste bullets, see each annotated; bad uploads get a clear error."""

from __future__ import annotations

import httpx
import pytest

WEAK = "Leveraged AI to improve customer engagement by 20%."
STRONG = (
    "Led the move from rules to a gradient-boosted fraud model trained on 40M labeled transactions; I chose "
    "precision at review capacity as the launch metric, set up weekly retraining with drift alerts and an "
    "appeal path, and cut fraud losses from 0.31% to 0.18%."
)


def test_upload_of_an_image_is_refused(server: str) -> None:
    response = httpx.post(
        server + "/bullets",
        data={"role": "PM"},
        files={"resume": ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")},
    )
    assert response.status_code == 422
    assert "photo.png: not a PDF or a text file" in response.text


def test_text_upload_is_read(server: str) -> None:
    response = httpx.post(
        server + "/bullets",
        data={"role": "PM"},
        files={"resume": ("cv.md", f"- {WEAK}\n- {STRONG}\n".encode(), "text/markdown")},
    )
    assert response.status_code == 200
    assert response.text.count('class="card bullet"') == 2


@pytest.mark.browser
def test_paste_bullets_and_read_the_annotations(page) -> None:
    page.goto("/bullets")
    page.fill("input[name=role]", "Senior PM, Fraud ML")
    page.fill("textarea[name=text]", f"- {WEAK}\n- {STRONG}")
    page.click("button[type=submit]")
    cards = page.locator(".card.bullet")
    assert cards.count() == 2
    weak, strong = cards.nth(0), cards.nth(1)
    assert weak.locator(".bullet-text").inner_text() == WEAK
    assert weak.locator('li[data-item="method"]').get_attribute("class") == "lacks"
    assert "[which model approach, and why that one?]" in weak.locator("code.scaffold").inner_text()
    assert int(strong.get_attribute("data-grade")) > int(weak.get_attribute("data-grade"))
    assert page.locator(".summary").inner_text().count("Practise:") >= 1
