"""The web shell over a real HTTP server: pages, filters, the JSON API, escaping and errors."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from hireloop.web.app import create_app
from tests.helpers import live_server, make_settings, write_pack


@pytest.fixture
def pack_server(tmp_path: Path):
    pack = tmp_path / "pack"
    write_pack(pack, id="my-cooking-recs")
    text = (
        (pack / "pack.yaml")
        .read_text()
        .replace("my-cooking-recs", "tricky-escaping")
        .replace(
            "Design a recommender for a small library of cooking videos.",
            "Design <script>alert(1)</script> ranking for a bakery",
        )
    )
    write_pack(pack, "second.yaml", text=text)
    settings = make_settings(tmp_path, content_dirs=[pack])
    with live_server(create_app(settings)) as url:
        yield url


def test_first_run_asks_date_and_role_then_shows_today(server: str) -> None:
    with httpx.Client(base_url=server) as client:
        first = client.get("/")
        assert 'action="/start"' in first.text and "Skip for now" in first.text
        saved = client.post(
            "/start",
            data={
                "interview_date": (date.today() + timedelta(days=40)).isoformat(),
                "target_role": "Senior PM, Fraud ML",
            },
            follow_redirects=True,
        )
        assert saved.status_code == 200
        assert "Senior PM, Fraud ML" in saved.text and "days to the interview" in saved.text
        for section in ("today-practise", "today-cards", "today-plan", "today-concern"):
            assert f'id="{section}"' in saved.text
        assert "Practise ML system design" in saved.text  # no grades yet: the round that decides most loops
        assert 'action="/start"' not in saved.text
        bad = client.post("/start", data={"interview_date": "next week"})
        assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text


def test_skipping_the_first_run_questions_is_remembered(server: str) -> None:
    with httpx.Client(base_url=server) as client:
        skipped = client.post("/start", data={"skip": "1"}, follow_redirects=True)
        assert 'id="today-cards"' in skipped.text
        assert 'action="/start"' not in client.get("/").text


def test_bank_lists_every_round(server: str) -> None:
    response = httpx.get(server + "/bank")
    assert response.status_code == 200
    for label in (
        "ML system design",
        "AI product sense",
        "Technical deep-dive",
        "Responsible AI",
        "Behavioral",
        "Portfolio bullet",
    ):
        assert label in response.text
    assert '<script src="/static/htmx.min.js?v=' in response.text  # versioned: see test_caching.py
    assert httpx.get(server + "/static/htmx.min.js").status_code == 200


def test_question_page_and_api(pack_server: str) -> None:
    page = httpx.get(pack_server + "/questions/my-cooking-recs")
    assert page.status_code == 200
    assert "Someone installed the app a minute ago" in page.text
    api = httpx.get(pack_server + "/api/questions/my-cooking-recs").json()
    assert api["rubric"]["1"].startswith("Treats recommendations")


def test_user_text_is_escaped(pack_server: str) -> None:
    page = httpx.get(pack_server + "/questions/tricky-escaping")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_bank_filters_and_search(pack_server: str) -> None:
    full = httpx.get(pack_server + "/bank", params={"q": "bakery"})
    assert "tricky-escaping" in full.text and "my-cooking-recs" not in full.text
    fragment = httpx.get(
        pack_server + "/bank", params={"q": "cooking videos"}, headers={"HX-Request": "true"}
    )
    assert fragment.text.lstrip().startswith('<div id="question-list">')
    assert "my-cooking-recs" in fragment.text and "<html" not in fragment.text


def test_unknown_question_and_round_are_404(pack_server: str) -> None:
    page = httpx.get(pack_server + "/questions/nope")
    assert page.status_code == 404 and "No question with id &#39;nope&#39;" in page.text
    assert httpx.get(pack_server + "/rounds/nope").status_code == 404
    api = httpx.get(pack_server + "/api/questions/nope")
    assert api.status_code == 404 and api.json() == {"detail": "No question with id 'nope'."}


def test_broken_content_stops_the_app_with_every_error(tmp_path: Path) -> None:
    from hireloop.bank import ContentLoadError

    write_pack(tmp_path, text="questions:\n  - id: Bad\n")
    with pytest.raises(ContentLoadError) as caught:
        create_app(make_settings(tmp_path, content_dirs=[tmp_path]))
    assert len(caught.value.errors) >= 5


def test_the_stylesheet_braces_balance() -> None:
    """A rule left inside an unclosed @media block silently stops applying at other widths."""
    from hireloop.web.app import HERE

    depth = 0
    for number, line in enumerate((HERE / "static" / "app.css").read_text().splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"app.css:{number}: a closing brace too many"
    assert depth == 0, "app.css: a block is never closed"
