"""Multi-user mode: sign-in, each member's data kept apart, the coach's cohort page, the host check."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from hireloop.accounts import authenticate, create_user, verify_password
from hireloop.cli import app as cli
from hireloop.store import make_engine, session_factory
from hireloop.web.app import ConfigurationError, create_app
from tests.helpers import live_server, make_settings

ANSWER = (
    "When positives are rare, as in fraud at 0.4 percent, ROC-AUC flatters the model because the false "
    "positive rate divides by a huge number of negatives; PR-AUC and precision at review capacity do not."
)


@pytest.fixture
def hosted(tmp_path: Path):
    settings = make_settings(tmp_path, multi_user=True, secret_key="test-secret-" + "x" * 32)
    with session_factory(make_engine(settings))() as db:
        create_user(session=db, user_id="ana", password="ana-password-1")
        create_user(session=db, user_id="ben", password="ben-password-1")
        create_user(session=db, user_id="cora", password="cora-password-1", role="coach")
    with live_server(create_app(settings)) as url:
        yield url


def signed_in(url: str, user: str) -> httpx.Client:
    client = httpx.Client(base_url=url)
    response = client.post(
        "/login", data={"user": user, "password": f"{user}-password-1", "next": "/progress"}
    )
    assert response.status_code == 303 and response.headers["location"] == "/progress"
    return client


def test_multi_user_needs_a_secret_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="HIRELOOP_SECRET_KEY"):
        create_app(make_settings(tmp_path, multi_user=True))


def test_everything_requires_sign_in(hosted: str) -> None:
    page = httpx.get(hosted + "/practice")
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/practice"
    api = httpx.post(hosted + "/api/assess", json={"round": "behavioral", "question": "Q?", "answer": "A."})
    assert api.status_code == 401
    assert httpx.get(hosted + "/login").status_code == 200


def test_wrong_password_and_open_redirect(hosted: str) -> None:
    bad = httpx.post(hosted + "/login", data={"user": "ana", "password": "nope-nope-nope"})
    assert bad.status_code == 401 and "Unknown user or wrong password." in bad.text
    sneaky = httpx.post(
        hosted + "/login", data={"user": "ana", "password": "ana-password-1", "next": "//evil.example/steal"}
    )
    assert sneaky.headers["location"] == "/"


def test_members_data_stays_apart_and_the_coach_sees_the_cohort(hosted: str) -> None:
    ana, ben, cora = signed_in(hosted, "ana"), signed_in(hosted, "ben"), signed_in(hosted, "cora")
    graded = ana.post(
        "/api/assess",
        json={
            "round": "technical_deep_dive",
            "question": "When is PR-AUC more useful than ROC-AUC?",
            "answer": ANSWER,
        },
    )
    assert graded.status_code == 200
    assert '<div class="big">1</div>' in ana.get("/progress").text
    assert '<div class="big">0</div><div>graded answers' in ben.get("/progress").text
    assert ana.get("/cohort").status_code == 403
    cohort = cora.get("/cohort")
    assert cohort.status_code == 200
    row = cohort.text.split('data-member="ana"')[1].split("</tr>")[0]
    assert '<td data-label="Graded answers">1</td>' in row
    ana.post("/logout")
    assert ana.get("/progress").status_code == 303


def test_password_hashes(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with session_factory(make_engine(settings))() as db:
        row = create_user(session=db, user_id="dev", password="long-enough-pw")
        assert row.password_hash.startswith("scrypt$") and "long-enough-pw" not in row.password_hash
        assert verify_password("long-enough-pw", row.password_hash)
        assert authenticate(session=db, user_id="dev", password="wrong-password") is None
        assert authenticate(session=db, user_id="nobody", password="long-enough-pw") is None


def test_cli_accounts_and_public_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    short = runner.invoke(cli, ["user", "add", "ana", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "at least 10 characters" in short.stderr
    monkeypatch.setenv("HIRELOOP_MULTI_USER", "1")
    no_key = runner.invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert no_key.exit_code == 1 and "needs HIRELOOP_SECRET_KEY" in no_key.stderr
    monkeypatch.setenv("HIRELOOP_SECRET_KEY", "k" * 40)
    weak = runner.invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert weak.exit_code == 1 and "at least 32 random bytes" in weak.stderr
    monkeypatch.setenv("HIRELOOP_SECRET_KEY", "x")
    short_key = runner.invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert short_key.exit_code == 1 and "at least 32 random bytes" in short_key.stderr
    monkeypatch.setenv("HIRELOOP_SECRET_KEY", "Zq3v-Jx8Lr0aWk2mTy7bNc5dPf1gHs9e4uViOo6")
    no_address = runner.invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert no_address.exit_code == 1 and "HIRELOOP_PUBLIC_URL" in no_address.stderr
    monkeypatch.setenv("HIRELOOP_PUBLIC_URL", "https://coach.example")
    no_accounts = runner.invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert no_accounts.exit_code == 1 and "no accounts yet" in no_accounts.stderr
    made = runner.invoke(
        cli, ["user", "add", "cora", "--role", "coach", "--password-stdin"], input="cora-password-1\n"
    )
    assert made.exit_code == 0, made.output
    listed = runner.invoke(cli, ["user", "list", "--json"])
    assert '"role": "coach"' in listed.stdout


@pytest.mark.browser
def test_sign_in_in_the_browser(browser, hosted: str) -> None:
    context = browser.new_context(base_url=hosted)
    page = context.new_page()
    page.goto("/progress")
    page.wait_for_url("**/login?next=/progress")
    page.fill("input[name=user]", "cora")
    page.fill("input[name=password]", "cora-password-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/progress")
    assert page.locator("#signed-in-as").inner_text() == "cora"
    page.click("nav >> text=Cohort")
    assert page.locator("table.cohort tbody tr").count() == 3
    context.close()
