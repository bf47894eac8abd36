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


def pdf_with_pages(count: int) -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(count):
        pdf.drawString(40, 800, f"- Led launch number {number} and measured the retention it moved.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_pdf_over_the_page_limit_is_refused(server: str) -> None:
    response = httpx.post(
        server + "/bullets",
        data={"role": "PM"},
        files={"resume": ("book.pdf", pdf_with_pages(60), "application/pdf")},
    )
    assert response.status_code == 422
    assert "60 pages is over the 20-page limit" in response.text


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R] "
        b"/Count 1 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",  # a page tree that contains itself
        b"%PDF-1.4\n" + b"[" * 5000 + b"\n%%EOF",
        b"%PDF-1.4\n1 0 obj << /Length 999999999 >> stream\nxx\nendstream endobj\ntrailer << /Root 1 0 R >>",
    ],
)
def test_hostile_pdfs_get_a_422_with_a_message(server: str, data: bytes) -> None:
    response = httpx.post(
        server + "/bullets", data={"role": "PM"}, files={"resume": ("evil.pdf", data, "application/pdf")}
    )
    assert response.status_code == 422
    assert "evil.pdf" in response.text


def test_too_many_bullets_or_lines_are_refused_with_the_limit(server: str) -> None:
    many = "\n".join(f"- Led launch {i} and measured the retention it moved." for i in range(400))
    response = httpx.post(server + "/bullets", data={"role": "PM", "text": many})
    assert response.status_code == 422
    assert "400 bullets is over the 150" in response.text
    lines = "\n" * 20_000
    response = httpx.post(server + "/bullets", data={"role": "PM", "text": lines})
    assert response.status_code == 422
    assert "line limit" in response.text
