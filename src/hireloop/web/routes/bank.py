"""The question bank: the filterable bank with its rounds, question pages, and its JSON API."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from hireloop.bank.query import bank_stats, domains, filter_questions
from hireloop.inputs import InputError, optional_int
from hireloop.store import repository as repo
from hireloop.vocab import ROUNDS
from hireloop.web.caching import content_page
from hireloop.web.deps import BankDep, UserDep, read_db

router = APIRouter(tags=["bank"])
api = APIRouter(prefix="/api", tags=["bank-api"])


@router.get("/bank", response_class=HTMLResponse)
async def bank_page(
    request: Request,
    bank: BankDep,
    round: str | None = None,
    domain: str | None = None,
    difficulty: str | None = None,
    q: str | None = None,
) -> Response:
    try:
        level = optional_int(difficulty, field="difficulty", minimum=1, maximum=5)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None

    def context() -> dict:
        questions = filter_questions(
            bank, round_id=round or None, domain=domain or None, difficulty=level, text=q
        )
        return {
            "questions": questions,
            "filters": {"round": round or "", "domain": domain or "", "difficulty": level, "q": q or ""},
            "domains": domains(bank),
            "stats": bank_stats(bank),
        }

    name = "_question_list.html" if request.headers.get("HX-Request") else "bank.html"
    return await content_page(request, name, context)


@router.get("/misconceptions", response_class=HTMLResponse)
async def misconceptions_page(request: Request, bank: BankDep) -> Response:
    from hireloop.assess.judgement import RULES

    def context() -> dict:
        entries = sorted(bank.misconceptions.values(), key=lambda m: (m.category, m.title))
        categories: dict[str, list] = {}
        for m in entries:
            categories.setdefault(m.category, []).append(m)
        return {"categories": categories, "rules": RULES, "count": len(entries)}

    return await content_page(request, "misconceptions.html", context)


@api.get("/misconceptions")
def misconceptions_api(bank: BankDep) -> dict:
    """The misconception catalogue and the judgement rules, as the grader applies them."""
    from hireloop.assess.judgement import RULES

    entries = [m.model_dump(mode="json") for m in bank.misconceptions.values()]
    return {"rules": RULES, "misconceptions": entries}


@router.get("/rounds/{round_id}", response_class=HTMLResponse)
async def round_page(request: Request, round_id: str, bank: BankDep) -> Response:
    if round_id not in ROUNDS:
        raise HTTPException(404, f"No round '{round_id}'.")
    return await content_page(
        request,
        "round.html",
        lambda: {"round_id": round_id, "questions": filter_questions(bank, round_id=round_id)},
    )


@router.get("/questions/{question_id}", response_class=HTMLResponse)
async def question_page(request: Request, question_id: str, bank: BankDep, user: UserDep) -> Response:
    question = bank.questions.get(question_id)
    if question is None:
        raise HTTPException(404, f"No question with id '{question_id}'.")
    answered = await read_db(
        request, lambda db: repo.has_answered(session=db, user_id=user, question_id=question_id)
    )
    return await content_page(
        request,
        "question.html",
        lambda: {"question": question, "answered": answered},
        f"answered={answered}",
    )


@api.get("/questions")
def api_questions(
    bank: BankDep, round: str | None = None, domain: str | None = None, difficulty: int | None = None
) -> list[dict]:
    return [
        q.model_dump(mode="json", by_alias=True)
        for q in filter_questions(bank, round_id=round, domain=domain, difficulty=difficulty)
    ]


@api.get("/questions/{question_id}")
def api_question(question_id: str, bank: BankDep) -> dict:
    question = bank.questions.get(question_id)
    if question is None:
        raise HTTPException(404, f"No question with id '{question_id}'.")
    return question.model_dump(mode="json", by_alias=True)


@api.get("/stats")
def api_stats(bank: BankDep) -> dict:
    return bank_stats(bank)
