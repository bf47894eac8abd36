"""In real Chromium: a page from another origin that auto-submits a form to hireloop changes nothing,
whether it is cross-site (another host name) or same-site (another port of 127.0.0.1); and no page
of the app trips its own Content-Security-Policy."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from hireloop.accounts import create_user
from hireloop.store import make_engine, session_factory
from hireloop.web.app import create_app
from tests.helpers import live_server, make_settings

pytestmark = pytest.mark.browser


@contextmanager
def attacker_site(form_action: str, fields: dict[str, str]) -> Iterator[int]:
    """Another web server on its own port, serving one page that posts a form to ``form_action``."""
    inputs = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in fields.items()
    )
    body = (
        "<!doctype html><title>Win a prize</title>"
        f'<form id="f" method="post" action="{html.escape(form_action)}">{inputs}</form>'
        "<script>document.getElementById('f').submit()</script>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def visit_attack(browser, *, attack_url: str, app_url: str, cookies: list[dict] | None = None) -> str:
    context = browser.new_context()
    if cookies:
        context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(10_000)
    with page.expect_response(lambda r: r.url.startswith(app_url) and r.request.method == "POST") as posted:
        page.goto(attack_url)
    status = posted.value.status
    page.wait_for_load_state()
    text = page.locator("body").inner_text()
    context.close()
    assert status == 403, text
    return text


def stored_plan_date(url: str, client: httpx.Client | None = None) -> str:
    page = (client or httpx).get(url + "/plan").text
    return page.split('name="interview_date" value="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("attacker_host", ["localhost", "127.0.0.1"], ids=["cross-site", "same-site"])
def test_a_foreign_page_cannot_change_the_local_users_plan_or_plant_answers(
    browser, server: str, attacker_host: str
) -> None:
    plan = {"interview_date": "2031-05-04", "hours_per_week": "9"}
    with attacker_site(server + "/plan", plan) as port:
        text = visit_attack(browser, attack_url=f"http://{attacker_host}:{port}/", app_url=server)
    assert "only accepts changes made on its own pages" in text
    assert stored_plan_date(server) == ""
    planted = {"round": "behavioral", "question": "Tell me about a conflict.", "answer": "Planted by evil."}
    with attacker_site(server + "/grade", planted) as port:
        visit_attack(browser, attack_url=f"http://{attacker_host}:{port}/", app_url=server)
    assert "graded answers" in httpx.get(server + "/progress").text
    assert '<div class="big">0</div><div>graded answers' in httpx.get(server + "/progress").text


def test_a_same_site_page_cannot_change_a_members_plan_with_her_cookie(browser, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, multi_user=True, secret_key="Zq3v-Jx8Lr0aWk2mTy7bNc5dPf1gHs9e4uViOo6")
    with session_factory(make_engine(settings))() as db:
        create_user(session=db, user_id="ana", password="ana-password-1")
    with live_server(create_app(settings)) as url:
        ana = httpx.Client(base_url=url)
        assert ana.post("/login", data={"user": "ana", "password": "ana-password-1"}).status_code == 303
        cookie = {"name": "hireloop_session", "value": ana.cookies["hireloop_session"], "url": url}
        with attacker_site(url + "/plan", {"interview_date": "2031-05-04", "hours_per_week": "9"}) as port:
            # Another port of 127.0.0.1 is the same site: SameSite=Lax sends her cookie along.
            visit_attack(browser, attack_url=f"http://127.0.0.1:{port}/", app_url=url, cookies=[cookie])
        assert stored_plan_date(url, ana) == ""
        with attacker_site(url + "/login", {"user": "ana", "password": "ana-password-1"}) as port:
            visit_attack(browser, attack_url=f"http://localhost:{port}/", app_url=url)


def test_the_apps_own_forms_work_and_no_page_breaks_the_csp(page, server: str) -> None:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for path in (
        "/",
        "/practice",
        "/drills",
        "/exercises",
        "/bullets",
        "/grade",
        "/progress",
        "/plan",
        "/misconceptions",
    ):
        page.goto(path)
    page.goto("/plan")
    page.fill("input[name=interview_date]", "2031-05-04")
    page.click("form[action='/plan'] button[type=submit]")
    page.wait_for_url("**/plan")
    assert stored_plan_date(server) == "2031-05-04"
    page.goto("/drills")
    page.keyboard.press(" ")
    assert page.locator(".drill-card .back").is_visible()
    assert violations == []
