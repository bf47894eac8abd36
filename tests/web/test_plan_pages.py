"""The plan page ships the next two weeks and a summary of the rest; the folded days load on demand,
each exactly once, and together they are the whole plan."""

from __future__ import annotations

import re
from datetime import date, timedelta

import httpx
import pytest

from hireloop.plan.planner import build_plan
from hireloop.plan.progress import load_report

ROW = re.compile(r'<tr class="(\w+)"><td data-label="Day">([^<]+)</td>.*?<td data-label="What">([^<]+)<')


def _rows(html: str) -> list[tuple[str, str, str]]:
    return ROW.findall(html)


def _expected_rows(server_settings, when: date | None) -> list[tuple[str, str, str]]:
    from hireloop.bank import load_bank_strict
    from hireloop.store import make_engine, session_factory

    bank = load_bank_strict(server_settings.all_content_dirs())
    with session_factory(make_engine(server_settings))() as db:
        from datetime import UTC, datetime

        report = load_report(db, server_settings.user, bank, now=datetime.now(UTC))
    plan = build_plan(report.readiness, today=date.today(), interview_date=when, hours_per_week=6.0)
    return [(i.kind, i.day.strftime("%a %d %b"), i.title) for i in plan.items]


@pytest.mark.parametrize("days", [None, 60, 400])
def test_the_page_and_its_folded_blocks_hold_every_item_once(server: str, settings, days) -> None:
    client = httpx.Client(base_url=server, timeout=60)
    when = date.today() + timedelta(days=days) if days else None
    if when:
        client.post("/plan", data={"interview_date": when.isoformat(), "hours_per_week": "6"})
    page = client.get("/plan").text
    assert len(page) < 40_000  # the twelve-month plan was 150-190 KB with every day on the page
    shown = _rows(page)
    soon = {(date.today() + timedelta(days=d)).strftime("%a %d %b") for d in range(14)}
    assert shown and all(day in soon for _, day, _ in shown)  # only the next two weeks in full
    links = re.findall(r'href="(/plan/blocks/\d+)"', page)
    assert links
    loaded = []
    for link in links:
        fragment = client.get(link, headers={"HX-Request": "true"})
        assert fragment.status_code == 200 and "<html" not in fragment.text
        loaded += _rows(fragment.text)
        full = client.get(link)  # without scripts, the same days on a page of their own
        assert "<html" in full.text and _rows(full.text) == _rows(fragment.text)
    assert shown + loaded == _expected_rows(settings, when)


def test_a_folded_week_says_what_it_holds(server: str) -> None:
    client = httpx.Client(base_url=server, timeout=60)
    client.post("/plan", data={"interview_date": (date.today() + timedelta(days=60)).isoformat()})
    page = client.get("/plan").text
    counts = re.findall(r'<p class="muted small week-counts">([^<]+)</p>', page)
    assert counts and all("mock round" in c and " min" in c for c in counts[:-1])
    assert client.get("/plan/blocks/99").status_code == 404
    assert client.get("/plan/blocks/2?phase=1").status_code == 404  # no target roles: no phases
