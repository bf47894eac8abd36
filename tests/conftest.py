"""Fixtures: fresh settings and stores per test, a PostgreSQL database when CI provides one,
a live HTTP server and a real Chromium browser."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hireloop.config import Settings
from tests.helpers import live_server, make_settings

POSTGRES_URL = os.environ.get("HIRELOOP_TEST_POSTGRES_URL")
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own data or settings."""
    for key in list(os.environ):
        if key.startswith("HIRELOOP_") and key != "HIRELOOP_TEST_POSTGRES_URL":
            monkeypatch.delenv(key)
    monkeypatch.setenv("HIRELOOP_DATA_DIR", str(tmp_path / "data"))


def _fresh_postgres_database() -> str:
    assert POSTGRES_URL
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"hireloop_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh empty database on each backend; PostgreSQL runs where CI provides a server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("HIRELOOP_TEST_POSTGRES_URL must be set in CI")
        pytest.skip("no PostgreSQL server: set HIRELOOP_TEST_POSTGRES_URL")
    return _fresh_postgres_database()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def server(settings: Settings) -> Iterator[str]:
    from hireloop.web.app import create_app

    with live_server(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context(base_url=server)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
