"""Browser caching: static files under versioned URLs are kept for a year; content pages carry an ETag
and a revisit gets a 304, never another user's page nor a page that no longer says what is true."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import httpx
import pytest

from hireloop.accounts import create_user
from hireloop.store import make_engine, session_factory
from hireloop.web.app import create_app
from hireloop.web.caching import file_versions
from tests.helpers import live_server, make_settings, write_pack
from tests.web.test_multi_user import ANSWER, signed_in

QUESTION = "/questions/msd-card-not-present-fraud"
_get = partial(httpx.get, timeout=60)  # a loaded machine can take more than httpx's default 5 s
_post = partial(httpx.post, timeout=60)


def test_static_files_are_versioned_by_content_and_cached_for_a_year(server: str, tmp_path: Path) -> None:
    page = _get(server + "/").text
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert {a.split("?")[0] for a in assets} >= {"/static/app.css", "/static/htmx.min.js", "/static/app.js"}
    for url in assets:
        assert re.fullmatch(r"/static/[\w.]+\?v=[0-9a-f]{12}", url), url
        response = _get(server + url)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    stale = _get(server + "/static/app.css?v=000000000000")  # an old page's URL: still served, not kept
    assert stale.status_code == 200 and stale.headers["cache-control"] == "no-cache"
    again = _get(server + "/static/app.css", headers={"If-None-Match": stale.headers["etag"]})
    assert again.status_code == 304
    (tmp_path / "a.css").write_text("body { color: red; }")
    before = file_versions(tmp_path)["a.css"]
    (tmp_path / "a.css").write_text("body { color: blue; }")
    assert file_versions(tmp_path)["a.css"] != before  # a changed file gets a new URL


@pytest.mark.parametrize("path", ["/bank", QUESTION, "/rounds/ml_system_design", "/misconceptions"])
def test_a_revisit_of_a_content_page_is_a_304(server: str, path: str) -> None:
    first = _get(server + path)
    assert first.status_code == 200 and first.headers["etag"].startswith('W/"')
    assert first.headers["cache-control"] == "private, no-cache" and "Cookie" in first.headers["vary"]
    revisit = _get(server + path, headers={"If-None-Match": first.headers["etag"]})
    assert revisit.status_code == 304 and revisit.content == b""
    headers = {"HX-Request": "true", "If-None-Match": first.headers["etag"]}
    fragment = _get(server + path, headers=headers)
    assert fragment.status_code == 200  # the bank's list fragment is another representation


def test_answering_a_question_changes_its_page_so_no_stale_copy_is_kept(server: str) -> None:
    first = _get(server + QUESTION)
    assert 'id="rubric-hidden"' in first.text
    _post(server + "/grade", data={"question_id": QUESTION.rsplit("/", 1)[1], "answer": ANSWER})
    after = _get(server + QUESTION, headers={"If-None-Match": first.headers["etag"]})
    assert after.status_code == 200 and 'id="rubric-hidden"' not in after.text


def test_one_users_cached_page_is_never_anothers(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, multi_user=True, secret_key="test-secret-" + "y" * 32)
    with session_factory(make_engine(settings))() as db:
        create_user(session=db, user_id="ana", password="ana-password-1")
        create_user(session=db, user_id="ben", password="ben-password-1")
    with live_server(create_app(settings)) as url:
        ana, ben = signed_in(url, "ana"), signed_in(url, "ben")
        ana.post("/grade", data={"question_id": QUESTION.rsplit("/", 1)[1], "answer": ANSWER})
        hers = ana.get(QUESTION)
        assert ana.get(QUESTION, headers={"If-None-Match": hers.headers["etag"]}).status_code == 304
        his = ben.get(QUESTION, headers={"If-None-Match": hers.headers["etag"]})
        assert his.status_code == 200 and his.headers["etag"] != hers.headers["etag"]
        assert 'id="signed-in-as" href="/account">ben<' in his.text and 'id="rubric-hidden"' in his.text
        signed_out = _get(url + QUESTION, headers={"If-None-Match": hers.headers["etag"]})
        assert signed_out.status_code == 303  # sign-in first, still


def test_a_signed_out_session_gets_no_304_for_the_page_it_held(tmp_path: Path) -> None:
    """The 304 is answered early, but only after the sign-in is checked in the database."""
    settings = make_settings(tmp_path, multi_user=True, secret_key="test-secret-" + "y" * 32)
    with session_factory(make_engine(settings))() as db:
        create_user(session=db, user_id="ana", password="ana-password-1")
    with live_server(create_app(settings)) as url:
        ana = signed_in(url, "ana")
        held = ana.get(QUESTION)
        cookies = dict(ana.cookies)
        assert ana.get(QUESTION, headers={"If-None-Match": held.headers["etag"]}).status_code == 304
        ana.post("/logout")
        replayed = _get(url + QUESTION, cookies=cookies, headers={"If-None-Match": held.headers["etag"]})
        assert replayed.status_code == 303 and replayed.headers["location"].startswith("/login")


def test_changed_content_is_a_new_page_not_a_304(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    write_pack(pack, id="my-cooking-recs")
    question = "/questions/my-cooking-recs"
    with live_server(create_app(make_settings(tmp_path, content_dirs=[pack]))) as url:
        before = _get(url + question)
        assert before.status_code == 200
    text = (pack / "pack.yaml").read_text()
    write_pack(pack, text=text.replace("cooking videos", "baking videos"))
    with live_server(create_app(make_settings(tmp_path, content_dirs=[pack]))) as url:
        after = _get(url + question, headers={"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200 and "baking videos" in after.text
        assert after.headers["etag"] != before.headers["etag"]
