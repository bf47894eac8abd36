"""Who may talk to the server, through a real one: Host names, cross-origin writes, headers."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from hireloop.web.app import create_app
from hireloop.web.guard import cross_origin_problem, host_name
from tests.helpers import live_server, make_settings

PLAN = {"interview_date": "2031-05-04", "hours_per_week": "9"}


def interview_date(url: str) -> str:
    page = httpx.get(url + "/plan").text
    return page.split('name="interview_date" value="', 1)[1].split('"', 1)[0]


def test_every_response_carries_the_security_headers(server: str) -> None:
    for path in ("/", "/static/app.css", "/no-such-page", "/api/questions"):
        headers = httpx.get(server + path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "style-src 'self';" in csp
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    refused = httpx.get(server + "/", headers={"Host": "evil.example"})
    assert refused.headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_scripts_or_styles(server: str) -> None:
    for path in (
        "/",
        "/practice",
        "/drills",
        "/plan",
        "/progress",
        "/bullets",
        "/grade",
        "/exercises",
        "/misconceptions",
    ):
        page = httpx.get(server + path).text
        assert "<script>" not in page and "<style" not in page and " style=" not in page, path
        assert " onclick=" not in page and " onchange=" not in page, path


def test_only_loopback_and_configured_host_names_are_served(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, allowed_hosts="laptop.lan", public_url="https://prep.example")
    with live_server(create_app(settings)) as url:
        port = url.rsplit(":", 1)[1]
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "laptop.lan", "prep.example"):
            assert httpx.get(url + "/", headers={"Host": host}).status_code == 200, host
        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", "laptop.lan.evil"):
            refused = httpx.get(url + "/", headers={"Host": host})
            assert refused.status_code == 400, host
            assert "HIRELOOP_ALLOWED_HOSTS" in refused.text
        api = httpx.get(url + "/api/questions", headers={"Host": "evil.example"})
        assert api.status_code == 400 and "not one hireloop answers to" in api.json()["detail"]


def test_dns_rebinding_cannot_read_answers(server: str) -> None:
    """A rebinding page reaches 127.0.0.1 under its own name: the Host header gives it away."""
    httpx.post(server + "/plan", data=PLAN)
    stolen = httpx.get(server + "/plan", headers={"Host": "attacker.example"})
    assert stolen.status_code == 400 and "2031-05-04" not in stolen.text


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"},
        # Another port of the same host is the same site but another origin.
        {"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1:1"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_cross_origin_forms_change_nothing(server: str, headers: dict[str, str]) -> None:
    refused = httpx.post(server + "/plan", data=PLAN, headers=headers)
    assert refused.status_code == 403
    assert "hireloop only accepts changes made on its own pages" in refused.text or "refused" in refused.text
    assert interview_date(server) == ""
    api = httpx.post(
        server + "/api/assess",
        json={"round": "behavioral", "question": "Q?", "answer": "Planted."},
        headers=headers,
    )
    assert api.status_code == 403 and "detail" in api.json()


def test_own_origin_and_non_browser_clients_may_write(server: str) -> None:
    same = httpx.post(
        server + "/plan", data=PLAN, headers={"Origin": server, "Sec-Fetch-Site": "same-origin"}
    )
    assert same.status_code == 303 and interview_date(server) == "2031-05-04"
    plain = httpx.post(server + "/plan", data={**PLAN, "interview_date": "2031-06-01"})
    assert plain.status_code == 303 and interview_date(server) == "2031-06-01"
    origin_only = httpx.post(
        server + "/plan", data={**PLAN, "interview_date": "2031-07-01"}, headers={"Origin": server}
    )
    assert origin_only.status_code == 303 and interview_date(server) == "2031-07-01"


def test_a_reverse_proxy_origin_is_accepted_when_configured(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, public_url="https://prep.example/")
    with live_server(create_app(settings)) as url:
        # The proxy forwards with the loopback Host; the browser's Origin is the public address.
        ok = httpx.post(url + "/plan", data=PLAN, headers={"Origin": "https://prep.example"})
        assert ok.status_code == 303
        wrong = httpx.post(url + "/plan", data=PLAN, headers={"Origin": "https://other.example"})
        assert wrong.status_code == 403 and "HIRELOOP_PUBLIC_URL" in wrong.text


def test_the_rules_in_one_place() -> None:
    own = {"http://127.0.0.1:8000"}
    ask = cross_origin_problem
    assert ask(method="GET", headers={"sec-fetch-site": "cross-site"}, own_origins=own) is None
    assert ask(method="POST", headers={"sec-fetch-site": "same-origin"}, own_origins=own) is None
    assert ask(method="DELETE", headers={"origin": "http://127.0.0.1:8001"}, own_origins=own)
    assert ask(method="PUT", headers={"origin": "HTTP://127.0.0.1:8000"}, own_origins=own) is None
    assert host_name("[::1]:8000") == "::1" and host_name("LOCALHOST:1") == "localhost"
    assert host_name("example.com") == "example.com"
