"""The coach's /members page and everyone's /account page: the web side of ``hireloop user ...``."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from hireloop.web.app import create_app
from tests.helpers import live_server
from tests.web.test_sign_in_security import Hosted, hosted_with, still_signed_in


@pytest.fixture
def hosted(tmp_path: Path):
    settings = hosted_with(tmp_path)
    with live_server(create_app(settings)) as url:
        yield Hosted(url, settings)


def test_only_coaches_manage_members(hosted: Hosted) -> None:
    ana = hosted.sign_in("ana")
    assert ana.get("/members").status_code == 403
    assert ana.post("/members/ben", data={"action": "disable"}).status_code == 403
    assert hosted.sign_in("ben").get("/progress").status_code == 200


def test_a_coach_adds_resets_demotes_disables_and_removes(hosted: Hosted) -> None:
    cora, ana = hosted.sign_in("cora"), hosted.sign_in("ana")
    page = cora.get("/members").text
    assert 'data-member="ana"' in page and "Coach" in page
    added = cora.post("/members", data={"user": "dev", "role": "member", "password": "dev-password-1"})
    assert added.status_code == 201 and "Account &#39;dev&#39; created." in added.text
    again = cora.post("/members", data={"user": "dev", "role": "coach", "password": "dev-password-2"})
    assert again.status_code == 422 and "already has an account" in again.text
    hosted.sign_in("dev")

    short = cora.post("/members/ana", data={"action": "reset-password", "password": "short"})
    assert short.status_code == 422 and "at least 10 characters" in short.text
    assert still_signed_in(ana)
    reset = cora.post("/members/ana", data={"action": "reset-password", "password": "fresh-password-9"})
    assert reset.status_code == 200 and not still_signed_in(ana)
    ana = hosted.sign_in("ana", "fresh-password-9")

    promoted = cora.post("/members/ana", data={"action": "set-role", "role": "coach"})
    assert "is now a coach" in promoted.text and not still_signed_in(ana)
    assert hosted.sign_in("ana", "fresh-password-9").get("/members").status_code == 200

    cora.post("/members/ben", data={"action": "disable"})
    refused = httpx.post(hosted.url + "/login", data={"user": "ben", "password": "ben-password-1"})
    assert refused.status_code == 401
    cora.post("/members/ben", data={"action": "enable"})
    hosted.sign_in("ben")

    unconfirmed = cora.post("/members/ben", data={"action": "remove", "confirm": "yes"})
    assert unconfirmed.status_code == 422 and "type &#39;ben&#39; in the box" in unconfirmed.text
    removed = cora.post("/members/ben", data={"action": "remove", "confirm": "ben"})
    assert "all of their data are removed" in removed.text and 'data-member="ben"' not in removed.text

    own = cora.post("/members/cora", data={"action": "disable"})
    assert own.status_code == 422 and "your own account" in own.text


def test_anyone_changes_their_own_password(hosted: Hosted) -> None:
    ana, other_device = hosted.sign_in("ana"), hosted.sign_in("ana")
    wrong = ana.post(
        "/account", data={"current": "nope-nope-nope", "new": "new-password-77", "again": "new-password-77"}
    )
    assert wrong.status_code == 422 and "current password is wrong" in wrong.text
    differ = ana.post(
        "/account", data={"current": "ana-password-1", "new": "new-password-77", "again": "other"}
    )
    assert differ.status_code == 422 and "differ" in differ.text
    changed = ana.post(
        "/account", data={"current": "ana-password-1", "new": "new-password-77", "again": "new-password-77"}
    )
    assert changed.status_code == 200 and "Password changed" in changed.text
    assert still_signed_in(ana), "this browser stays signed in with its new cookie"
    assert not still_signed_in(other_device)
    hosted.sign_in("ana", "new-password-77")


@pytest.mark.browser
def test_members_page_on_a_phone(browser, hosted: Hosted) -> None:
    context = browser.new_context(base_url=hosted.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/login")
    page.fill("input[name=user]", "cora")
    page.fill("input[name=password]", "cora-password-1")
    page.click("button[type=submit]")
    page.click("#menu-toggle")  # under 640 px the navigation is a menu
    page.click("nav >> text=Members")
    page.wait_for_url("**/members")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card = page.locator('[data-member="ben"]')
    card.locator("input[name=confirm]").fill("ben")
    card.locator("button.danger").click()
    page.locator(".notice", has_text="all of their data are removed").wait_for()
    page.click("#signed-in-as")
    page.wait_for_url("**/account")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
