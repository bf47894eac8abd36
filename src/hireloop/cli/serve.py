"""``hireloop serve``: the web app, on loopback unless multi-user mode with authentication is on."""

from __future__ import annotations

import gc
import ipaddress
import os
from typing import Annotated

import typer

from hireloop.cli.common import fail, state


def port_free(host: str, port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        ctx: typer.Context,
        host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to bind.")] = 8000,
        workers: Annotated[
            int,
            typer.Option(
                min=1, max=64, help="Worker processes (a cohort: about one per core; see docs/hosting.md)."
            ),
        ] = 1,
    ) -> None:
        """Start the web app (http://127.0.0.1:8000 by default)."""
        settings = state(ctx).settings()
        if not is_loopback(host):
            problem = _why_not_public(ctx, settings)
            if problem:
                fail(f"refusing to listen on non-loopback host '{host}': {problem}")
        state(ctx).bank()  # report content problems before the server starts
        import uvicorn

        from hireloop.store import StoreError
        from hireloop.web.app import ConfigurationError, check_settings, create_app, freeze_startup_objects

        if workers == 1:
            try:
                web_app = create_app(settings)
            except (StoreError, ConfigurationError) as exc:
                fail(str(exc))
            freeze_startup_objects()
        else:
            from hireloop.store import make_engine

            try:
                check_settings(settings)
                make_engine(settings).dispose()  # migrate once, here, before any worker starts
            except (StoreError, ConfigurationError) as exc:
                fail(str(exc))
            # Each worker builds its own app from the environment, so --content must travel in it.
            os.environ["HIRELOOP_CONTENT_DIRS"] = ":".join(str(p) for p in settings.content_dirs)
        if not port_free(host, port):
            fail(f"port {port} on {host} is already in use; pick another with --port")
        typer.echo(
            f"hireloop is running at http://{host}:{port}"
            + (f" with {workers} workers" if workers > 1 else "")
            + "  (Ctrl+C to stop)"
        )
        gc.enable()  # commands run without the cycle collector (hireloop.cli.main); a server needs it
        if workers == 1:
            uvicorn.run(web_app, host=host, port=port, log_level="warning")
        else:
            uvicorn.run(
                "hireloop.web.app:serving_app",
                factory=True,
                workers=workers,
                host=host,
                port=port,
                log_level="warning",
            )


MIN_SECRET_BYTES = 32


def weak_secret(secret: str) -> str | None:
    """Why this key is too weak to face a network, or None. Length and variety are what can be checked."""
    if len(secret.encode()) < MIN_SECRET_BYTES or len(set(secret)) < 10:
        return (
            f"HIRELOOP_SECRET_KEY must be at least {MIN_SECRET_BYTES} random bytes; make one with "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return None


def _why_not_public(ctx: typer.Context, settings) -> str | None:
    """Why this server must not face other machines, or None when sign-in protects it."""
    if not settings.multi_user:
        return (
            "hireloop serves one local user without authentication; bind to 127.0.0.1, or turn on "
            "multi-user mode (HIRELOOP_MULTI_USER=1, HIRELOOP_SECRET_KEY, accounts from 'hireloop user add')"
        )
    if not settings.secret_key:
        return "multi-user mode needs HIRELOOP_SECRET_KEY to sign sign-in cookies"
    problem = weak_secret(settings.secret_key)
    if problem:
        return problem
    if not settings.public_url and not settings.allowed_hosts:
        return (
            "say which address members open: HIRELOOP_PUBLIC_URL=https://coach.example (or "
            "HIRELOOP_ALLOWED_HOSTS=name1,name2); other Host headers are refused"
        )
    from hireloop.accounts import accounts

    with state(ctx).sessions()() as db:
        if not accounts(session=db):
            return "multi-user mode has no accounts yet; create one with 'hireloop user add ID --role coach'"
    return None
