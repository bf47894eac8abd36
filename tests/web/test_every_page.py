"""Every page, derived from the app's routes, at a phone (390 px) and a laptop (1280 px) width, with
real content behind it (finished and unfinished loops, a plan, reviewed cards, a revised answer).

Each page must fit without scrolling sideways, log no console error, show no raw flag, rule, kind or
question id in its visible text, and pass axe-core with no serious or critical violation.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi.routing import APIRoute
from starlette.routing import Route

from hireloop.accounts import create_user
from hireloop.bank import load_bank_strict
from hireloop.config import BUILTIN_CONTENT
from hireloop.store import make_engine, session_factory
from hireloop.vocab import all_ids
from hireloop.web.app import create_app
from tests.helpers import live_server, make_settings

pytestmark = pytest.mark.browser

DATA = Path(__file__).parents[1] / "data"
WIDTHS = (390, 1280)
# Routes that only exist for machines or downloads, and are checked elsewhere.
NOT_PAGES = {"/healthz", "/api/docs", "/api/docs/oauth2-redirect", "/openapi.json"}
# Files, not pages (recordings: tests/voice).
DOWNLOAD_SUFFIXES = (".md", ".pdf", ".ics", ".apkg", ".json", "/audio")
SIGNED_OUT = {"/login"}

MAIN = (
    "I would train a gradient boosted model on two years of labeled transactions and measure precision "
    "at the review team's capacity before an A/B test."
)
REPLY = (
    "Offline I would hold out the latest month and measure precision and recall; after launch I would "
    "monitor drift weekly and retrain when precision drops, with the previous model as a fallback."
)


def _finish(client: httpx.Client, session_id: str, *, stop_after: int | None = None) -> None:
    """Answer a round or loop over HTTP until it is finished (or ``stop_after`` answers were sent)."""
    sent = 0
    while stop_after is None or sent < stop_after:
        page = client.get(f"/sessions/{session_id}")
        if page.url.path.endswith("/debrief"):
            return
        text = MAIN if "Submit answer" in page.text else REPLY
        client.post(f"/sessions/{session_id}/answer", data={"text": text})
        sent += 1


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """A hosted hireloop with a coach whose account has a finished loop, a plan and reviewed cards."""
    tmp = tmp_path_factory.mktemp("site")
    settings = make_settings(tmp, multi_user=True, secret_key="every-page-" + "x" * 40)
    with session_factory(make_engine(settings))() as db:
        create_user(session=db, user_id="cora", password="cora-password-1", role="coach")
        create_user(session=db, user_id="ana", password="ana-password-1")
    app = create_app(settings)
    with live_server(app) as url:
        client = httpx.Client(base_url=url, timeout=60, follow_redirects=True)
        client.post("/login", data={"user": "cora", "password": "cora-password-1", "next": "/"})
        interview = (date.today() + timedelta(days=45)).isoformat()
        client.post("/start", data={"interview_date": interview, "target_role": "Senior PM, Fraud ML"})
        finished = client.post("/practice/loop", data={"rounds": "5", "seed": "11"}).url.path.split("/")[2]
        _finish(client, finished)
        unfinished = client.post("/practice/loop", data={"rounds": "5", "seed": "12"}).url.path.split("/")[2]
        _finish(client, unfinished, stop_after=1)  # a probe is waiting
        for card in list(app.state.bank.cards)[:4]:
            client.post("/drills/review", data={"card_id": card, "rating": "3"})
        client.post("/exercises/check", data={"kind": "ranking_auc", "seed": "7", "auc": "0.5"})
        graded = client.post("/grade", data={"question_id": "msd-card-not-present-fraud", "answer": MAIN})
        answer_id = re.search(r'name="revises" value="([0-9a-f]+)"', graded.text).group(1)
        client.post(
            "/grade",
            data={
                "question_id": "msd-card-not-present-fraud",
                "answer": MAIN + " " + REPLY,
                "revises": answer_id,
            },
        )
        jds = yaml.safe_load((DATA / "jds" / "dev.yaml").read_text(encoding="utf-8"))
        fraud = next(j["text"] for j in jds if j["id"] == "dev-fraud-ml-senior")
        target = client.post("/targets", data={"text": fraud, "company": "Ledgerly", "when": interview})
        target_id = target.url.path.rsplit("/", 1)[1]
        bank_md = (DATA / "stories" / "bank.md").read_bytes()
        client.post("/stories/import", files={"bank_file": ("bank.md", bank_md, "text/markdown")})
        story_id = client.get("/stories").text.split('data-story="')[1].split('"')[0]
        samples = {
            "target_id": [target_id],
            "story_id": [story_id],
            "session_id": [finished, unfinished],
            "question_id": ["msd-card-not-present-fraud"],
            "round_id": ["ml_system_design"],
            "number": ["3"],  # a folded week of the plan, on its own page
        }
        extra = [f"/grade?revise={answer_id}", "/exercises?kind=ranking_auc&seed=7"]
        yield {"url": url, "app": app, "samples": samples, "extra": extra}
        client.close()


def get_paths(routes, prefix: str = "") -> list[str]:
    """The path of every GET route, walking included routers (FastAPI may keep them nested)."""
    out = []
    for route in routes:
        nested = getattr(route, "original_router", None)
        if nested is not None:
            out += get_paths(nested.routes, prefix + getattr(route.include_context, "prefix", ""))
        elif isinstance(route, APIRoute | Route) and "GET" in (route.methods or ()):
            out.append(prefix + route.path)
    return out


def page_urls(app, samples: dict[str, list[str]]) -> list[str]:
    """Every GET page of the app, path parameters filled from ``samples``: a new page cannot be missed."""
    urls = []
    for path in get_paths(app.routes):
        if path in NOT_PAGES or path.startswith(("/api/", "/docs")) or path.endswith(DOWNLOAD_SUFFIXES):
            continue
        names = re.findall(r"{(\w+)}", path)
        missing = [n for n in names if n not in samples]
        assert not missing, f"{path}: add sample values for {missing} to this test"
        paths = [path]
        for name in names:
            paths = [p.replace("{" + name + "}", value) for p in paths for value in samples[name]]
        urls += paths
    return urls


def visible_ids() -> re.Pattern[str]:
    bank = load_bank_strict([BUILTIN_CONTENT])
    ids = {i for i in all_ids() if "_" in i} | set(bank.questions)
    return re.compile(
        r"(?<![\w-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w-])"
    )


OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length)
    .slice(0, 3)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


def check_page(context, url: str, ids: re.Pattern[str]) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    problems: list[str] = []
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    if response is None or response.status >= 400:
        problems.append(f"status {response.status if response else 'none'}")
    size = page.evaluate(OVERFLOW_JS)
    if size["scroll"] > size["width"]:
        problems.append(
            f"scrolls sideways: {size['scroll']} px wide at {size['width']} ({', '.join(size['wide'])})"
        )
    problems += [f"console error: {e}" for e in errors]
    found = sorted(set(ids.findall(page.inner_text("body"))))
    if found:
        problems.append(f"raw ids in the visible text: {', '.join(found)}")
    results = Axe().run(page)
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            where = ", ".join(str(n["target"]) for n in violation["nodes"][:3])
            problems.append(f"axe {violation['impact']} {violation['id']}: {violation['help']} ({where})")
    page.close()
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_is_plain_and_accessible(browser, site, width: int) -> None:
    urls = page_urls(site["app"], site["samples"]) + site["extra"]
    assert {"/", "/bank", "/practice", "/grade", "/plan", "/progress", "/cohort"} <= set(urls)
    ids = visible_ids()
    report: dict[str, list[str]] = {}
    signed_in = browser.new_context(base_url=site["url"], viewport={"width": width, "height": 900})
    login = signed_in.new_page()
    login.goto("/login")
    login.fill("input[name=user]", "cora")
    login.fill("input[name=password]", "cora-password-1")
    login.click("button[type=submit]")
    login.wait_for_url("**/")
    login.close()
    signed_out = browser.new_context(base_url=site["url"], viewport={"width": width, "height": 900})
    for url in urls:
        context = signed_out if url in SIGNED_OUT else signed_in
        problems = check_page(context, url, ids)
        if problems:
            report[url] = problems
    signed_in.close()
    signed_out.close()
    assert not report, "\n".join(f"{url} at {width} px:\n  " + "\n  ".join(p) for url, p in report.items())


def test_the_route_list_cannot_forget_a_page(site) -> None:
    """A GET route added tomorrow shows up in the list (and fails above until it has sample values)."""
    urls = page_urls(site["app"], site["samples"])
    paths = set(get_paths(site["app"].routes))
    assert {"/", "/bank", "/questions/{question_id}", "/sessions/{session_id}/debrief"} <= paths
    for path in paths - NOT_PAGES:
        if path.startswith(("/api/", "/docs")) or path.endswith(DOWNLOAD_SUFFIXES):
            continue
        assert any(u.startswith(path.split("{")[0]) for u in urls), path
