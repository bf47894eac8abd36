"""The web app: ``create_app(settings)`` builds everything, so each test gets a fresh store."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from hireloop import __version__
from hireloop.bank import load_bank_strict
from hireloop.config import Settings
from hireloop.store import make_engine, session_factory
from hireloop.web.templating import make_templates

HERE = Path(__file__).parent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="hireloop", version=__version__, docs_url="/api/docs", redoc_url=None)
    app.state.settings = settings
    app.state.bank = load_bank_strict(settings.all_content_dirs())
    app.state.engine = make_engine(settings)
    app.state.sessions = session_factory(app.state.engine)
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from hireloop.web.routes import assess, bank, coach, drills, interview, plan

    app.include_router(bank.router)
    app.include_router(bank.api)
    app.include_router(assess.router)
    app.include_router(assess.api)
    app.include_router(interview.router)
    app.include_router(drills.router)
    app.include_router(coach.router)
    app.include_router(plan.router)

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
