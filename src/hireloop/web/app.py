"""The web app: ``create_app(settings)`` builds everything, so each test gets a fresh store."""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from hireloop import __version__
from hireloop.bank import load_bank_strict
from hireloop.config import Settings
from hireloop.store import make_engine, session_factory
from hireloop.web.templating import make_templates

HERE = Path(__file__).parent


class ConfigurationError(ValueError):
    """The settings cannot run the web app as asked; the message says what to set."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    if settings.multi_user and not settings.secret_key:
        raise ConfigurationError(
            "multi-user mode needs HIRELOOP_SECRET_KEY (a long random string) to sign sign-in cookies"
        )
    app = FastAPI(title="hireloop", version=__version__, docs_url="/api/docs", redoc_url=None)
    if settings.multi_user:
        from starlette.middleware.sessions import SessionMiddleware

        app.add_middleware(
            SessionMiddleware,
            secret_key=settings.secret_key,
            same_site="lax",
            session_cookie="hireloop_session",
            max_age=14 * 24 * 3600,
        )
    app.state.settings = settings
    app.state.bank = load_bank_strict(settings.all_content_dirs())
    app.state.engine = make_engine(settings)
    app.state.sessions = session_factory(app.state.engine)
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from hireloop.web.deps import NotAllowed, NotAuthenticated, get_user
    from hireloop.web.routes import accounts, assess, bank, coach, drills, interview, plan, stories, targets

    signed_in = [Depends(get_user)]  # a no-op for the local single user
    for router in (
        bank.router,
        bank.api,
        assess.router,
        assess.api,
        interview.router,
        drills.router,
        coach.router,
        plan.router,
        targets.router,
        stories.router,
    ):
        app.include_router(router, dependencies=signed_in)
    app.include_router(accounts.router)

    @app.exception_handler(NotAuthenticated)
    async def _sign_in(request: Request, exc: NotAuthenticated):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "Sign in first."}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(NotAllowed)
    async def _coaches_only(request: Request, exc: NotAllowed):
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": 403, "detail": "This page is for coaches."}, status_code=403
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

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def html(content: str) -> HTMLResponse:
    return HTMLResponse(content)
