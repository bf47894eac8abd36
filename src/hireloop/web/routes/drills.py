"""Concept drills (keyboard-driven FSRS review) and metric exercises on the web."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from hireloop.drills import store
from hireloop.drills.exercises import KINDS, check, generate
from hireloop.drills.scheduler import due_cards, parse_rating, retention_summary, review
from hireloop.inputs import SEED_MAX, InputError, parse_int
from hireloop.web.deps import BankDep, SessionDep, TemplatesDep, UserDep

router = APIRouter(tags=["drills"])


def _drill_context(bank, db, user: str, topic: str | None) -> dict:
    now = datetime.now(UTC)
    states = store.load_states(session=db, user_id=user)
    queue = due_cards(bank.cards.values(), states, now=now, tag=topic or None, limit=50)
    return {
        "card": queue[0] if queue else None,
        "remaining": len(queue),
        "topic": topic or "",
        "topics": sorted({c.topic for c in bank.cards.values()}),
        "summary": retention_summary(bank.cards.values(), states, now=now),
    }


@router.get("/drills", response_class=HTMLResponse)
def drills_page(
    request: Request,
    bank: BankDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    topic: str | None = None,
) -> HTMLResponse:
    return templates.TemplateResponse(request, "drills.html", _drill_context(bank, db, user, topic))


@router.get("/drills/export.apkg")
def drills_export_anki(bank: BankDep, db: SessionDep, user: UserDep) -> Response:
    """Every card as an Anki package, with this user's FSRS state as note fields."""
    from hireloop.drills.anki import apkg_bytes, build_notes

    states = store.load_states(session=db, user_id=user)
    content = apkg_bytes(build_notes(bank.cards.values(), states, bank.questions.values()))
    return Response(
        content,
        media_type="application/octet-stream",
        headers={"Content-Disposition": 'attachment; filename="hireloop-cards.apkg"'},
    )


@router.post("/drills/review", response_class=HTMLResponse)
def drills_review(
    request: Request,
    bank: BankDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    card_id: Annotated[str, Form()],
    rating: Annotated[str, Form()],
    topic: Annotated[str, Form()] = "",
) -> HTMLResponse:
    if card_id not in bank.cards:
        raise HTTPException(422, f"Unknown card '{card_id}'.")
    try:
        parse_rating(rating)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    states = store.load_states(session=db, user_id=user)
    result = review(card_id, states.get(card_id), rating, now=datetime.now(UTC))
    store.save_review(session=db, user_id=user, result=result)
    context = _drill_context(bank, db, user, topic) | {"last": result}
    return templates.TemplateResponse(request, "_drill_card.html", context)


@router.get("/exercises", response_class=HTMLResponse)
def exercises_page(
    request: Request,
    templates: TemplatesDep,
    kind: str | None = None,
    seed: Annotated[int | None, Query(ge=0, le=SEED_MAX)] = None,
) -> HTMLResponse:
    if kind is not None and kind not in KINDS:
        raise HTTPException(404, f"No exercise kind '{kind}'.")
    exercise = None
    if kind:
        exercise = generate(kind, seed if seed is not None else secrets.randbelow(10**6))
    return templates.TemplateResponse(
        request, "exercises.html", {"kinds": KINDS, "exercise": exercise, "result": None, "given": {}}
    )


@router.post("/exercises/check", response_class=HTMLResponse)
async def exercises_check(
    request: Request, templates: TemplatesDep, db: SessionDep, user: UserDep
) -> HTMLResponse:
    form = await request.form()
    kind = str(form.get("kind", ""))
    if kind not in KINDS:
        raise HTTPException(422, f"kind: expected one of {', '.join(KINDS)}.")
    try:
        seed = parse_int(str(form.get("seed", "")), field="seed", minimum=0, maximum=SEED_MAX)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    exercise = generate(kind, seed)
    given = {q.key: str(form.get(q.key, "")) for q in exercise.questions}
    result = check(exercise, given)
    store.record_attempt(
        session=db,
        user_id=user,
        kind=kind,
        seed=seed,
        correct=result.correct,
        detail={"responses": given},
    )
    name = "_exercise_result.html" if request.headers.get("HX-Request") else "exercises.html"
    return templates.TemplateResponse(
        request, name, {"kinds": KINDS, "exercise": exercise, "result": result, "given": given}
    )
