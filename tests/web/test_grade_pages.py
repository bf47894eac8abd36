"""Grade an answer on the web and through POST /api/assess, against a real server."""

from __future__ import annotations

import httpx
import pytest

from hireloop.config import Settings
from hireloop.store import make_engine, session_factory
from hireloop.store import repository as repo

STRONG_DEEP_DIVE = (
    "When positives are rare, say fraud at 0.4 percent of payments, ROC-AUC can look excellent because the "
    "false-positive rate divides by a huge pool of easy negatives. Precision does not: it tells the review "
    "team how many of the alerts they open are real. So for an alert queue I would report PR-AUC and the "
    "precision at the number of cases the team can review each day, and keep ROC-AUC only for comparing "
    "models on balanced data. The trade-off is that PR-AUC moves with the base rate, so I would not compare "
    "it across markets with different fraud rates."
)


@pytest.mark.parametrize("answer", ["", "   ", "asdf qwer zxcv uiop hjkl"])
def test_api_unscorable(server: str, answer: str) -> None:
    doc = httpx.post(
        server + "/api/assess",
        json={
            "round": "technical_deep_dive",
            "question": "When is PR-AUC more useful than ROC-AUC?",
            "answer": answer,
        },
    ).json()
    assert doc["status"] == "unscorable" and doc["grade"] is None and doc["reason"]


def test_api_grades_and_offsets_match(server: str, settings: Settings) -> None:
    response = httpx.post(
        server + "/api/assess",
        json={
            "round": "technical_deep_dive",
            "question": "When is PR-AUC more useful than ROC-AUC?",
            "answer": STRONG_DEEP_DIVE,
        },
    )
    doc = response.json()
    assert response.status_code == 200
    assert doc["status"] == "graded" and doc["grade"] >= 3
    assert doc["engine"] == "rubric" and doc["engine_version"]
    for item in doc["flags"] + doc["competencies"]:
        for ev in item["evidence"]:
            assert STRONG_DEEP_DIVE[ev["start"] : ev["end"]] == ev["quote"]
    with session_factory(make_engine(settings))() as db:
        history = repo.graded_history(session=db, user_id="local")
    assert [(a.text, s.document["grade"]) for a, s in history] == [(STRONG_DEEP_DIVE, doc["grade"])]


def test_api_rejects_bad_requests(server: str) -> None:
    unknown = httpx.post(server + "/api/assess", json={"question_id": "nope", "answer": "x"})
    assert unknown.status_code == 422 and unknown.json() == {"detail": "unknown question id 'nope'"}
    no_round = httpx.post(server + "/api/assess", json={"question": "Why?", "answer": "Because."})
    assert no_round.status_code == 422 and "choose the round" in no_round.json()["detail"]


@pytest.mark.browser
def test_grade_page_highlights_evidence(page) -> None:
    page.goto("/grade")
    page.fill("textarea[name=question]", "Design a fraud model for card payments at a 0.4% fraud rate.")
    page.select_option("select[name=round]", "ml_system_design")
    page.fill(
        "textarea[name=answer]",
        "We will leverage AI, machine learning, deep learning, transformers, "
        "RAG, guardrails, drift monitoring and a fairness layer to build a state-of-the-art, scalable "
        "solution with best practices.",
    )
    page.click("button[type=submit]")
    page.wait_for_url("**/grade")
    grade = int(page.locator(".verdict .grade-badge").get_attribute("data-grade"))
    assert grade <= 2
    assert page.locator('li[data-flag="buzzword_without_depth"]').count() == 1
    assert page.locator(".answer-text mark.concern").count() >= 1


@pytest.mark.browser
def test_grade_page_bank_question(page) -> None:
    page.goto("/grade")
    picker = page.locator("[data-picker]")
    total = picker.locator(".pick[data-round]:visible").count()
    picker.locator("[data-picker-round]").select_option("responsible_ai")
    shown = picker.locator(".pick[data-round]:visible")
    assert 0 < shown.count() < total
    assert {shown.nth(i).get_attribute("data-round") for i in range(shown.count())} == {"responsible_ai"}
    picker.locator("[data-picker-search]").fill("zzzz-nothing")
    assert shown.count() == 0 and picker.locator("[data-picker-count]").inner_text() == "0 questions"
    picker.locator("[data-picker-search]").fill("")
    shown.first.click()
    page.fill("textarea[name=answer]", "I don't know.")
    page.click("#grade-form button[type=submit]")
    assert page.locator(".decision").inner_text() in {"Unscorable", "Strong no hire"}


WEAK_FRAUD = "We would train a fraud model on transactions and launch it to block fraud."
REVISED_FRAUD = (
    WEAK_FRAUD + " Labels come from chargebacks and manual review outcomes over the last two years; on day "
    "one we start from the issuer's historical labels. Offline we measure precision and recall at the "
    "review team's capacity, then A/B test it with the false decline rate as a guardrail metric. After "
    "launch we monitor drift weekly and retrain when precision drops."
)


@pytest.mark.browser
def test_revise_and_regrade_shows_both_versions(page) -> None:
    page.goto("/grade?question_id=msd-card-not-present-fraud")
    assert page.locator('input[name=question_id][value="msd-card-not-present-fraud"]').is_checked()
    page.fill("#grade-form textarea[name=answer]", WEAK_FRAUD)
    page.click("#grade-form button[type=submit]")
    first = int(page.locator(".verdict .grade-badge").get_attribute("data-grade"))
    assert page.locator("#revise-form textarea").input_value() == WEAK_FRAUD
    page.fill("#revise-form textarea", REVISED_FRAUD)
    page.click("#revise-form button[type=submit]")
    comparison = page.locator("#comparison")
    assert comparison.locator("h2").inner_text() == "Version 2 beside version 1"
    second = int(page.locator(".verdict .grade-badge").get_attribute("data-grade"))
    assert second > first
    assert comparison.locator("ul.closed li[data-flag]").count() >= 1
    assert page.locator("#versions li").count() == 2
