"""Browser caching: versioned static URLs cached for a year, and ETags on pages that depend only on
content and on who is asking (a revisit is a 304 with no body and no rendering).

A page's ETag hashes the content version (package version, content packs, templates, static files),
the URL, the HX-Request header, the signed-in account and whatever per-user fact the page shows (e.g.
"answered"). So a user never gets another user's page from a cache: the ETag differs, and responses
say ``Cache-Control: private, no-cache`` and ``Vary: Cookie, HX-Request``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from hireloop import __version__

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
PAGE_CACHE_CONTROL = "private, no-cache"
PAGE_VARY = "Cookie, HX-Request"


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def file_versions(directory: Path) -> dict[str, str]:
    """Each file under ``directory`` (relative POSIX path) -> the first 12 hex digits of its SHA-256."""
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:12]
        for p in _files(directory)
    }


def content_version(directories: Iterable[Path]) -> str:
    """One hash of everything a content page is made from, computed once at start."""
    digest = hashlib.sha256(__version__.encode())
    for directory in directories:
        if not directory.is_dir():
            continue
        for path in _files(directory):
            digest.update(str(path.relative_to(directory)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


class VersionedStatic(StaticFiles):
    """Static files. ``/static/app.css?v=<its hash>`` is cached for a year (the URL changes with the
    file); any other URL is revalidated (starlette's ETag and Last-Modified answer with a 304)."""

    def __init__(self, *, directory: Path, versions: dict[str, str]) -> None:
        super().__init__(directory=directory)
        self.versions = versions

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        query = scope.get("query_string", b"").decode("latin-1")
        wanted = self.versions.get(path.replace("\\", "/"))
        fresh = wanted is not None and f"v={wanted}" in query.split("&")
        response.headers["Cache-Control"] = IMMUTABLE if fresh else REVALIDATE
        return response


def static_url(versions: dict[str, str], name: str) -> str:
    """``/static/<name>?v=<content hash>``: the URL changes whenever the file does."""
    version = versions.get(name)
    return f"/static/{name}?v={version}" if version else f"/static/{name}"


def page_etag(request: Request, *facts: object) -> str:
    """A weak ETag for a content page as this user sees it; ``facts``: what else the page shows."""
    from hireloop.web.deps import current_account

    settings = request.app.state.settings
    account = current_account(request) if settings.multi_user else None
    who = f"{account.id}\0{account.role}" if account else ("" if settings.multi_user else settings.user)
    key = "\0".join(
        [
            request.app.state.content_version,
            request.url.path,
            request.url.query,
            request.headers.get("HX-Request", ""),
            who,
            *map(str, facts),
        ]
    )
    return 'W/"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def not_modified(request: Request, etag: str) -> Response | None:
    """A 304 when the browser already holds this exact page, else None (render it)."""
    sent = request.headers.get("If-None-Match", "")
    tags = {t.strip() for t in sent.split(",")}
    if etag in tags or etag.removeprefix("W/") in tags or "*" in tags:
        return Response(status_code=304, headers=_headers(etag))
    return None


def mark(response: Response, etag: str) -> Response:
    response.headers.update(_headers(etag))
    return response


def _headers(etag: str) -> dict[str, str]:
    return {"ETag": etag, "Cache-Control": PAGE_CACHE_CONTROL, "Vary": PAGE_VARY}


class PageCache:
    """Rendered content pages by ETag, least recently used first out, bounded in bytes: the same page
    for the same user is rendered once per content version, not once per request."""

    def __init__(self, max_bytes: int = 16 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._pages: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, etag: str) -> tuple[bytes, str] | None:
        with self._lock:
            page = self._pages.get(etag)
            if page is not None:
                self._pages.move_to_end(etag)
            return page

    def put(self, etag: str, body: bytes, media_type: str) -> None:
        if len(body) > self.max_bytes // 8:
            return
        with self._lock:
            if etag in self._pages:
                return
            self._pages[etag] = (body, media_type)
            self.size += len(body)
            while self.size > self.max_bytes:
                _, (old, _) = self._pages.popitem(last=False)
                self.size -= len(old)


async def content_page(
    request: Request, name: str, context: Callable[[], dict[str, Any]], *facts: object
) -> Response:
    """Template ``name`` with ``context()``: a 304 when the browser holds this page already, the
    rendered bytes when this process rendered it before (both answered on the event loop, with no
    thread-pool round trip), else a fresh render in a worker thread."""
    etag = page_etag(request, name, *facts)
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    pages: PageCache = request.app.state.page_cache
    hit = pages.get(etag)
    if hit is not None:
        return Response(hit[0], media_type=hit[1], headers=_headers(etag))
    return await run_in_threadpool(_render, request, name, context, etag)


def _render(request: Request, name: str, context: Callable[[], dict[str, Any]], etag: str) -> Response:
    response = request.app.state.templates.TemplateResponse(request, name, context())
    if response.status_code == 200:
        request.app.state.page_cache.put(etag, bytes(response.body), response.media_type or "text/html")
    return mark(response, etag)
