"""Typed dependencies shared by the routers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

import anyio.to_thread
from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.templating import Jinja2Templates
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from hireloop.bank import Bank
from hireloop.config import Settings
from hireloop.signins import COOKIE, Account, signed_in_account

T = TypeVar("T")


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


async def read_db(request: Request, work: Callable[[Connection], T]) -> T:
    """``work(connection)`` in one worker thread, on a plain connection checked out and returned there:
    one thread-pool round trip, where a SessionDep in a plain function route costs three (open, route,
    close), and no ORM session. For the per-visit look-ups of pages that are otherwise cached."""

    def run() -> T:
        with request.app.state.engine.connect() as connection:
            return work(connection)

    return await run_in_threadpool(run)


# Trivial look-ups are coroutines: a plain function dependency costs a thread-pool round trip.
async def get_bank(request: Request) -> Bank:
    return request.app.state.bank


async def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_grader(request: Request):
    """The offline grader with the built-in misconception catalogue plus the packs' own."""
    from hireloop.assess import rubric_grader

    return rubric_grader(request.app.state.settings)


class NotAuthenticated(Exception):
    """Multi-user mode and nobody signed in: pages redirect to /login, the API answers 401."""


class NotAllowed(Exception):
    """Signed in, but this page is for coaches."""


def current_account(request: Request) -> Account | None:
    """The signed-in account, looked up in the database once per request (multi-user mode)."""
    try:
        return request.state.account
    except AttributeError:
        pass
    token = request.cookies.get(COOKIE, "")
    account = None
    if token:
        with request.app.state.sessions() as db:
            account = signed_in_account(
                session=db,
                token=token,
                secret=request.app.state.settings.secret_key,
                now=datetime.now(UTC),
            )
    request.state.account = account
    return account


async def get_user(request: Request) -> str:
    """The local user, or in multi-user mode the signed-in one (looked up off the event loop)."""
    settings = request.app.state.settings
    if not settings.multi_user:
        return settings.user
    account = await run_in_threadpool(current_account, request)
    if account is None:
        raise NotAuthenticated()
    return account.id


def get_coach(request: Request) -> str:
    if not request.app.state.settings.multi_user:
        raise HTTPException(404, "The cohort page exists only in multi-user mode.")
    account = current_account(request)
    if account is None:
        raise NotAuthenticated()
    if not account.is_coach:
        raise NotAllowed()
    return account.id


async def history_page(request: Request, work: Callable[[Session], T]) -> T:
    """``work(session)`` for a page that reads the user's history: one worker thread and one session
    for the whole page, and at most ``app.state.page_limiter`` such pages at once in this process;
    the others wait on the event loop, first come first served. With forty threads taking turns at
    the interpreter lock, the slowest of 50 concurrent requests waited three times the median."""

    def run() -> T:
        with request.app.state.sessions() as session:
            return work(session)

    return await anyio.to_thread.run_sync(run, limiter=request.app.state.page_limiter)


SessionDep = Annotated[Session, Depends(get_db)]
BankDep = Annotated[Bank, Depends(get_bank)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
GraderDep = Annotated[Any, Depends(get_grader)]
UserDep = Annotated[str, Depends(get_user)]
CoachDep = Annotated[str, Depends(get_coach)]
