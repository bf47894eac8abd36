"""The web app: ``create_app(settings)`` builds everything, so each test gets a fresh store."""

from __future__ import annotations

import os
from pathlib import Path

import anyio
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from hireloop import __version__
from hireloop.bank import load_bank_strict
from hireloop.config import Settings
from hireloop.inputs import clean_text
from hireloop.store import make_engine, session_factory
from hireloop.web.caching import PageCache, VersionedStatic, content_version, file_versions
from hireloop.web.guard import DOCS_PATH, Guard
from hireloop.web.templating import make_templates
from hireloop.web.throttle import LoginThrottle

HERE = Path(__file__).parent
PAGE_THREADS = 4  # history pages rendered at once per process (see deps.history_page)


class ConfigurationError(ValueError):
    """The settings cannot run the web app as asked; the message says what to set."""


def check_settings(settings: Settings) -> None:
    """Raise ConfigurationError when these settings cannot run the web app."""
    if settings.multi_user and not settings.secret_key:
        raise ConfigurationError(
            "multi-user mode needs HIRELOOP_SECRET_KEY (a long random string) to sign sign-in cookies"
        )


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app. Also the factory for any ASGI server (``uvicorn --factory hireloop.web.app:create_app``):
    settings come from the environment, and workers keep nothing between requests that another worker
    or host would need (sign-ins live in the database), so several can share one PostgreSQL."""
    settings = settings or Settings()
    check_settings(settings)
    # The schema and its docs are served below, behind sign-in in multi-user mode.
    app = FastAPI(title="hireloop", version=__version__, openapi_url=None, docs_url=None, redoc_url=None)
    app.add_middleware(Guard, settings=settings)
    app.state.settings = settings
    app.state.hash_limiter = anyio.CapacityLimiter(2)
    app.state.page_limiter = anyio.CapacityLimiter(PAGE_THREADS)
    app.state.bank = load_bank_strict(settings.all_content_dirs())
    app.state.engine = make_engine(settings)
    app.state.sessions = session_factory(app.state.engine)
    app.state.login_throttle = LoginThrottle(app.state.sessions)
    app.state.static_versions = file_versions(HERE / "static")
    app.state.content_version = content_version(
        [*settings.all_content_dirs(), HERE / "templates", HERE / "static"]
    )
    app.state.templates = make_templates(static_versions=app.state.static_versions)
    app.state.page_cache = PageCache()
    _grade_pending_in_background(app)
    app.mount(
        "/static",
        VersionedStatic(directory=HERE / "static", versions=app.state.static_versions),
        name="static",
    )

    from hireloop.web.deps import NotAllowed, NotAuthenticated, get_user
    from hireloop.web.routes import (
        accounts,
        assess,
        bank,
        coach,
        drills,
        home,
        interview,
        members,
        plan,
        stories,
        targets,
        voice,
    )

    signed_in = [Depends(get_user)]  # a no-op for the local single user
    for router in (
        home.router,
        bank.router,
        bank.api,
        assess.router,
        assess.api,
        interview.router,
        drills.router,
        coach.router,
        plan.router,
        members.router,
        targets.router,
        stories.router,
        voice.router,
        voice.api,
    ):
        app.include_router(router, dependencies=signed_in)
    app.include_router(accounts.router)

    @app.exception_handler(NotAuthenticated)
    async def _sign_in(request: Request, exc: NotAuthenticated):
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": "Sign in first."}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(NotAllowed)
    async def _coaches_only(request: Request, exc: NotAllowed):
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": 403, "detail": "This page is for coaches."}, status_code=403
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        """FIELD: message for each problem; the offending input is never echoed (it may be huge or
        hold a lone surrogate that cannot even be encoded)."""
        problems = [
            {
                "loc": [str(part) for part in err.get("loc", ())],
                "msg": clean_text(str(err.get("msg", "invalid"))),
                "type": err.get("type", "value_error"),
            }
            for err in exc.errors()[:20]
        ]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": problems}, status_code=422)
        detail = "; ".join(f"{'.'.join(p['loc'][1:]) or 'request'}: {p['msg']}" for p in problems)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": 422, "detail": detail}, status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "detail": exc.detail},
            status_code=exc.status_code,
        )

    @app.get("/openapi.json", include_in_schema=False, dependencies=signed_in)
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get(DOCS_PATH, include_in_schema=False, dependencies=signed_in)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="hireloop API")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str | int]:
        return {"status": "ok", "worker": os.getpid()}  # which process answered, behind a balancer

    return app


def serving_app() -> FastAPI:
    """``create_app()`` for a process that only serves it (``hireloop serve``, or any ASGI server's
    factory: ``uvicorn --factory hireloop.web.app:serving_app``), with its start-up objects frozen."""
    app = create_app()
    freeze_startup_objects()
    return app


def freeze_startup_objects() -> None:
    """Take what is alive now (the bank, templates, compiled patterns: about 150,000 objects, kept for
    the life of the process) out of the garbage collector's full passes. Under load a full pass runs
    every second or so and walked them all, 40-60 ms during which no request was answered."""
    import gc

    gc.collect()
    gc.freeze()


def _grade_pending_in_background(app: FastAPI) -> None:
    """Answers stored but never graded (a crash between the commits) are graded after start."""
    from hireloop.store.stats import ungraded_answer_ids

    with app.state.sessions() as db:
        if not ungraded_answer_ids(session=db, limit=1):
            return
    import threading

    from hireloop.assess import rubric_grader
    from hireloop.store.database import exclusive
    from hireloop.store.pending import grade_pending

    def run() -> None:
        with exclusive(app.state.engine, "grade-pending") as ours:
            if ours:  # several workers start together: one grades, the others leave it to that one
                grade_pending(
                    sessions=app.state.sessions, bank=app.state.bank, grader=rubric_grader(app.state.settings)
                )

    app.state.pending = threading.Thread(target=run, name="grade-pending", daemon=True)
    app.state.pending.start()


def html(content: str) -> HTMLResponse:
    return HTMLResponse(content)
