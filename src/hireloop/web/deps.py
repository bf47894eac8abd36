"""Typed dependencies shared by the routers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from hireloop.bank import Bank
from hireloop.config import Settings


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def get_bank(request: Request) -> Bank:
    return request.app.state.bank


def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_grader(request: Request):
    """The offline grader with the built-in misconception catalogue plus the packs' own."""
    from hireloop.assess import rubric_grader

    return rubric_grader(request.app.state.settings)


class NotAuthenticated(Exception):
    """Multi-user mode and nobody signed in: pages redirect to /login, the API answers 401."""


class NotAllowed(Exception):
    """Signed in, but this page is for coaches."""


def get_user(request: Request) -> str:
    """The local user, or in multi-user mode the signed-in one."""
    settings = request.app.state.settings
    if not settings.multi_user:
        return settings.user
    user = request.session.get("user")
    if not user:
        raise NotAuthenticated()
    return user


def get_coach(request: Request) -> str:
    user = get_user(request)
    if request.session.get("role") != "coach":
        raise NotAllowed()
    return user


SessionDep = Annotated[Session, Depends(get_db)]
BankDep = Annotated[Bank, Depends(get_bank)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
GraderDep = Annotated[Any, Depends(get_grader)]
UserDep = Annotated[str, Depends(get_user)]
CoachDep = Annotated[str, Depends(get_coach)]
