"""One ASGI middleware between the network and the app: which hosts and origins may talk to it,
and the security headers every response carries.

- Host: only loopback names and the configured ones (HIRELOOP_ALLOWED_HOSTS, HIRELOOP_PUBLIC_URL),
  so a DNS-rebinding page cannot read a local user's answers: 400 otherwise.
- Cross-origin writes: every request that is not GET/HEAD/OPTIONS must come from the app's own
  origin. Browsers say where a request comes from in ``Sec-Fetch-Site`` and ``Origin``; a request
  with neither is not from a browser page (curl, scripts) and carries no victim's cookies of a page
  visit, so it passes. Anything else is a cross-site or same-site-other-origin form: 403.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from hireloop.config import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
# FastAPI's Swagger page loads its bundle from a CDN and starts it with an inline script; it holds
# no user text, so only that page gets these allowances (it also needs the network to work at all).
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
DOCS_PATH = "/api/docs"


def host_name(host_header: str) -> str:
    """The name part of a Host header, lower-cased, without port or IPv6 brackets."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_host_names(settings: Settings) -> frozenset[str]:
    names = set(LOOPBACK_HOSTS)
    names.update(host_name(h) for h in settings.allowed_hosts)
    if settings.public_host:
        names.add(host_name(settings.public_host))
    return frozenset(names)


def cross_origin_problem(*, method: str, headers: dict[str, str], own_origins: Iterable[str]) -> str | None:
    """Why this request must be refused as a cross-origin write, or None when it may go on."""
    if method in SAFE_METHODS:
        return None
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        if fetch_site in ("same-origin", "none"):
            return None
        return (
            f"this form was sent from another site ({fetch_site}); hireloop only accepts changes "
            "made on its own pages. Open hireloop itself and try again."
        )
    origin = headers.get("origin")
    if origin is None:
        return None
    if origin.lower().rstrip("/") in own_origins:
        return None
    return (
        f"this request came from {origin}, not from hireloop's own pages; it was refused. "
        "Behind a reverse proxy, set HIRELOOP_PUBLIC_URL to the address people open."
    )


class Guard:
    """Host check, cross-origin write check and security headers, in that order."""

    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.hosts = allowed_host_names(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        path: str = scope.get("path", "")
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            await _refuse(
                send,
                status=400,
                path=path,
                detail=(
                    f"host '{host}' is not one hireloop answers to; open it at http://127.0.0.1 "
                    "or add the name to HIRELOOP_ALLOWED_HOSTS (or HIRELOOP_PUBLIC_URL)."
                ),
            )
            return
        own = {f"{scope.get('scheme', 'http')}://{host}".lower()}
        if self.settings.public_origin:
            own.add(self.settings.public_origin)
        problem = cross_origin_problem(method=scope["method"], headers=headers, own_origins=own)
        if problem:
            await _refuse(send, status=403, path=path, detail=problem)
            return
        policy = DOCS_CSP if path == DOCS_PATH else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *security_headers(policy)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def security_headers(policy: str = CSP) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", policy.encode()),
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    ]


async def _refuse(send: Send, *, status: int, path: str, detail: str) -> None:
    if path.startswith("/api/"):
        body, kind = json.dumps({"detail": detail}).encode(), b"application/json"
    else:
        body, kind = detail.encode(), b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode()),
                *security_headers(),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
