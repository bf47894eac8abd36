"""Multi-user sign-in through a real server: revocation, roles from the database, throttling,
cookie flags, the API schema behind sign-in, and members kept apart."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from hireloop.accounts import create_user, reset_password, set_disabled, set_role
from hireloop.cli import app as cli
from hireloop.config import Settings
from hireloop.store import make_engine, session_factory
from hireloop.store.tables import UserRow
from hireloop.web.app import create_app
from hireloop.web.throttle import Limit, LoginThrottle
from tests.helpers import live_server, make_settings

SECRET = "Zq3v-Jx8Lr0aWk2mTy7bNc5dPf1gHs9e4uViOo6"


@dataclass
class Hosted:
    url: str
    settings: Settings

    def db(self):
        return session_factory(make_engine(self.settings))()

    def sign_in(self, user: str, password: str | None = None) -> httpx.Client:
        client = httpx.Client(base_url=self.url)
        response = client.post("/login", data={"user": user, "password": password or f"{user}-password-1"})
        assert response.status_code == 303, response.text
        return client


def hosted_with(tmp_path: Path, **extra: object):
    settings = make_settings(tmp_path, multi_user=True, secret_key=SECRET, **extra)
    with session_factory(make_engine(settings))() as db:
        create_user(session=db, user_id="ana", password="ana-password-1")
        create_user(session=db, user_id="ben", password="ben-password-1")
        create_user(session=db, user_id="cora", password="cora-password-1", role="coach")
    return settings


@pytest.fixture
def hosted(tmp_path: Path):
    settings = hosted_with(tmp_path)
    with live_server(create_app(settings)) as url:
        yield Hosted(url, settings)


def still_signed_in(client: httpx.Client) -> bool:
    response = client.get("/progress")
    assert response.status_code in (200, 303)
    return response.status_code == 200


def test_sign_out_ends_that_cookie_for_good(hosted: Hosted) -> None:
    ana = hosted.sign_in("ana")
    copied = httpx.Client(base_url=hosted.url, cookies=dict(ana.cookies))
    other_browser = hosted.sign_in("ana")
    assert still_signed_in(copied)
    ana.post("/logout")
    assert not still_signed_in(copied), "a copy of the cookie outlived sign-out"
    assert still_signed_in(other_browser)


@pytest.mark.parametrize(
    "change",
    [
        lambda db: reset_password(session=db, user_id="ana", password="a-new-password-2"),
        lambda db: set_disabled(session=db, user_id="ana", disabled=True),
        lambda db: set_role(session=db, user_id="ana", role="coach"),
    ],
    ids=["password", "disable", "role"],
)
def test_account_changes_sign_the_user_out_everywhere(hosted: Hosted, change) -> None:
    ana, ben = hosted.sign_in("ana"), hosted.sign_in("ben")
    with hosted.db() as db:
        change(db)
    assert not still_signed_in(ana)
    assert still_signed_in(ben)


def test_revocation_on_each_database(database_url: str, tmp_path: Path) -> None:
    settings = hosted_with(tmp_path, database_url=database_url)
    with live_server(create_app(settings)) as url:
        hosted = Hosted(url, settings)
        ana, ben = hosted.sign_in("ana"), hosted.sign_in("ben")
        copied = httpx.Client(base_url=url, cookies=dict(ana.cookies))
        ana.post("/logout")
        assert not still_signed_in(copied)
        with hosted.db() as db:
            set_disabled(session=db, user_id="ben", disabled=True)
        assert not still_signed_in(ben)
        assert (
            httpx.post(url + "/login", data={"user": "ben", "password": "ben-password-1"}).status_code == 401
        )
        assert still_signed_in(hosted.sign_in("cora"))


def test_disabled_accounts_cannot_sign_in(hosted: Hosted) -> None:
    with hosted.db() as db:
        set_disabled(session=db, user_id="ben", disabled=True)
    refused = httpx.post(hosted.url + "/login", data={"user": "ben", "password": "ben-password-1"})
    assert refused.status_code == 401 and "hireloop_session" not in refused.headers.get("set-cookie", "")


def test_the_role_comes_from_the_database_on_every_request(hosted: Hosted) -> None:
    cora = hosted.sign_in("cora")
    assert cora.get("/cohort").status_code == 200
    with hosted.db() as db:  # demoted without touching her sign-ins
        db.execute(update(UserRow).where(UserRow.id == "cora").values(role="member"))
        db.commit()
    assert cora.get("/cohort").status_code == 403
    assert 'href="/cohort"' not in cora.get("/progress").text


def test_cli_manages_accounts_and_revokes(hosted: Hosted, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(hosted.settings.data_dir))
    runner = CliRunner()
    cora = hosted.sign_in("cora")
    demoted = runner.invoke(cli, ["user", "set-role", "cora", "member"])
    assert demoted.exit_code == 0, demoted.output
    assert not still_signed_in(cora)
    assert hosted.sign_in("cora").get("/cohort").status_code == 403
    reset = runner.invoke(
        cli, ["user", "reset-password", "ana", "--password-stdin"], input="fresh-password-9\n"
    )
    assert reset.exit_code == 0, reset.output
    hosted.sign_in("ana", "fresh-password-9")
    unknown = runner.invoke(cli, ["user", "disable", "nobody"])
    assert unknown.exit_code == 1 and "no account 'nobody'" in unknown.stderr
    assert runner.invoke(cli, ["user", "disable", "ben"]).exit_code == 0
    assert (
        httpx.post(hosted.url + "/login", data={"user": "ben", "password": "ben-password-1"}).status_code
        == 401
    )
    assert runner.invoke(cli, ["user", "enable", "ben"]).exit_code == 0
    ben = hosted.sign_in("ben")
    graded = ben.post("/api/assess", json={"round": "behavioral", "question": "Q?", "answer": "An answer."})
    assert graded.status_code == 200
    removed = runner.invoke(cli, ["user", "remove", "ben", "--yes"])
    # the answer, its assessment and its per-answer grade row (history aggregates)
    assert removed.exit_code == 0 and "removed with 3 stored rows" in removed.stdout
    assert not still_signed_in(ben)
    listed = runner.invoke(cli, ["user", "list", "--json"]).stdout
    assert '"ben"' not in listed and '"ana"' in listed


def test_login_is_throttled_per_address_with_a_clear_message(hosted: Hosted) -> None:
    for attempt in range(20):
        wrong = httpx.post(
            hosted.url + "/login", data={"user": f"guess{attempt}", "password": "not-it-at-all"}
        )
        assert wrong.status_code == 401
    refused = httpx.post(hosted.url + "/login", data={"user": "ana", "password": "ana-password-1"})
    assert refused.status_code == 429
    assert "Too many failed sign-ins from your address. Try again in" in refused.text
    assert 0 < int(refused.headers["retry-after"]) <= 300


def test_an_account_locks_after_ten_failures(hosted: Hosted) -> None:
    for _ in range(10):
        assert (
            httpx.post(hosted.url + "/login", data={"user": "ana", "password": "wrong-wrong"}).status_code
            == 401
        )
    locked = httpx.post(hosted.url + "/login", data={"user": "ANA", "password": "ana-password-1"})
    assert locked.status_code == 429 and "this account: it is locked for 15 minutes" in locked.text
    hosted.sign_in("ben")  # other accounts are unaffected


def test_the_throttle_counts_failures_across_workers(tmp_path: Path) -> None:
    settings = hosted_with(tmp_path)
    with live_server(create_app(settings)) as one, live_server(create_app(settings)) as two:
        for attempt in range(10):
            worker = one if attempt % 2 else two
            wrong = httpx.post(worker + "/login", data={"user": "ana", "password": "wrong-wrong"})
            assert wrong.status_code == 401
        for worker in (one, two):
            locked = httpx.post(worker + "/login", data={"user": "ana", "password": "ana-password-1"})
            assert locked.status_code == 429 and "this account: it is locked for" in locked.text


def test_throttle_windows_slide(tmp_path: Path) -> None:
    sessions = session_factory(make_engine(Settings(data_dir=tmp_path)))
    limits = {"account": Limit(failures=3, window=60), "address": Limit(failures=5, window=10)}
    throttle = LoginThrottle(sessions, **limits)
    for second in range(3):
        assert throttle.attempt(account="ana", address="a", now=second) is None
    refusal = throttle.attempt(account="ana", address="b", now=5)
    assert refusal and refusal.retry_after == 55 and "locked for 55 seconds" in refusal.message
    assert throttle.attempt(account="ana", address="b", now=60) is None  # the first failure aged out
    throttle.succeeded(account="ana", address="b")
    assert throttle.attempt(account="ana", address="b", now=61) is None
    for n in range(5):  # five different accounts from one address within its 10-second window
        assert throttle.attempt(account=f"u{n}", address="c", now=100 + n / 2) is None
    assert throttle.attempt(account="zed", address="c", now=102.5).retry_after == 8
    assert throttle.attempt(account="zed", address="c", now=110.5) is None  # 100 and 100.5 aged out


def test_cookie_flags_and_secure_behind_https(tmp_path: Path) -> None:
    settings = hosted_with(tmp_path, public_url="https://prep.example")
    with live_server(create_app(settings)) as url:
        response = httpx.post(url + "/login", data={"user": "ana", "password": "ana-password-1"})
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie


def test_cookies_are_not_secure_on_plain_loopback(hosted: Hosted) -> None:
    response = httpx.post(hosted.url + "/login", data={"user": "ana", "password": "ana-password-1"})
    assert "secure" not in response.headers["set-cookie"].lower()


def test_api_schema_and_docs_need_sign_in(hosted: Hosted) -> None:
    assert httpx.get(hosted.url + "/openapi.json").status_code == 401
    assert httpx.get(hosted.url + "/api/docs").status_code == 401
    ana = hosted.sign_in("ana")
    assert ana.get("/openapi.json").json()["info"]["title"] == "hireloop"
    assert ana.get("/api/docs").status_code == 200


def test_login_from_another_site_is_refused(hosted: Hosted) -> None:
    """Login CSRF: a cross-site form must not sign the victim's browser in as the attacker."""
    forged = httpx.post(
        hosted.url + "/login",
        data={"user": "ana", "password": "ana-password-1"},
        headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert forged.status_code == 403 and "set-cookie" not in forged.headers
    ana = hosted.sign_in("ana")
    logout = ana.post("/logout", headers={"Origin": "http://evil.example"})
    assert logout.status_code == 403 and still_signed_in(ana)


def test_members_cannot_reach_each_others_sessions(hosted: Hosted) -> None:
    ana, ben = hosted.sign_in("ana"), hosted.sign_in("ben")
    started = ana.post("/practice/round", data={"round": "behavioral"})
    assert started.status_code == 303
    session = started.headers["location"]
    assert ana.get(session).status_code == 200
    for path in ("", "/debrief", "/debrief.md"):
        assert ben.get(session + path).status_code == 404, path
    assert ben.post(session + "/answer", data={"answer": "Not mine."}).status_code == 404
    assert ben.post(session + "/draft", data={"key": "k", "text": "Not mine."}).status_code == 404
