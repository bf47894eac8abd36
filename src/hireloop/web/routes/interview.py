"""Mock rounds and loops on the web: start, answer with autosave, probes via HTMX, the debrief."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hireloop.bank.query import domains, filter_questions
from hireloop.interview import practice
from hireloop.interview.debrief import debrief_markdown
from hireloop.interview.loop import LoopError
from hireloop.interview.round import combined_text
from hireloop.store import repository as repo
from hireloop.vocab import ROUNDS
from hireloop.web.deps import BankDep, GraderDep, SessionDep, SettingsDep, TemplatesDep, UserDep
from hireloop.web.highlight import evidence_spans, segments

router = APIRouter(tags=["interview"])


def _load(db, user: str, session_id: str):
    try:
        return practice.load(db, user, session_id)
    except practice.SessionNotFound as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/practice", response_class=HTMLResponse)
def practice_home(
    request: Request, bank: BankDep, templates: TemplatesDep, db: SessionDep, user: UserDep
) -> HTMLResponse:
    from hireloop.targets.store import list_targets, target_summary

    rows = repo.list_sessions(session=db, user_id=user)
    targets = [(t.id, target_summary(t)) for t in list_targets(session=db, user_id=user)]
    history = []
    for row in rows:
        loop = practice.loop_of(row)
        debrief = practice.debrief_of(row)
        history.append({"row": row, "loop": loop, "debrief": debrief})
    return templates.TemplateResponse(
        request,
        "practice.html",
        {
            "questions": filter_questions(bank),
            "domains": domains(bank),
            "history": history,
            "error": None,
            "targets": targets,
        },
    )


@router.post("/practice/round")
def start_round(
    bank: BankDep,
    db: SessionDep,
    user: UserDep,
    question_id: Annotated[str, Form()] = "",
    round: Annotated[str, Form()] = "",
    timed: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    if not question_id:
        pool = filter_questions(bank, round_id=round or None)
        if not pool:
            raise HTTPException(422, "No question for that round.")
        import random

        question_id = random.choice(pool).id
    if question_id not in bank.questions:
        raise HTTPException(422, f"Unknown question id '{question_id}'.")
    row = practice.start_practice_round(
        db, user, bank=bank, round_id=round, question_id=question_id, question_text=None, timed=timed
    )
    return RedirectResponse(f"/sessions/{row.id}", status_code=303)


@router.post("/practice/loop")
def start_loop(
    bank: BankDep,
    db: SessionDep,
    user: UserDep,
    rounds: Annotated[int, Form()] = 5,
    domain: Annotated[str, Form()] = "",
    difficulty: Annotated[str, Form()] = "",
    seed: Annotated[str, Form()] = "",
    timed: Annotated[bool, Form()] = False,
    target_id: Annotated[str, Form()] = "",
) -> RedirectResponse:
    import secrets

    from hireloop.inputs import SEED_MAX, InputError, optional_int
    from hireloop.targets.store import TargetNotFound

    try:
        level = optional_int(difficulty, field="difficulty", minimum=1, maximum=5)
        chosen = optional_int(seed, field="seed", minimum=0, maximum=SEED_MAX)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    try:
        row = practice.start_loop(
            db,
            user,
            bank=bank,
            rounds=rounds,
            domain=domain or None,
            difficulty=level,
            seed=chosen if chosen is not None else secrets.randbelow(10**6),
            allow_repeats=False,
            timed=timed,
            target_id=target_id or None,
        )
    except LoopError as exc:
        raise HTTPException(422, str(exc)) from None
    except TargetNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    return RedirectResponse(f"/sessions/{row.id}", status_code=303)


def _spoken(db, user: str, session_id: str, question: str) -> dict[str, list[dict]]:
    """Delivery reports of a round's spoken answers: {"main": [...], "probe": [...]}, oldest first."""
    spoken: dict[str, list[dict]] = {"main": [], "probe": []}
    rows = [a for a in repo.list_answers(session=db, user_id=user) if a.session_id == session_id]
    for a in sorted(rows, key=lambda a: a.created_at):
        if a.question_text == question and a.kind in spoken:
            spoken[a.kind].append(
                {"delivery": a.delivery, "audio_url": f"/answers/{a.id}/audio"} if a.delivery else {}
            )
    return spoken


def _session_context(db, user: str, row, bank) -> dict:
    loop = practice.loop_of(row)
    current = loop.active
    kind = "main" if current is None or current.answer is None else "probe"
    key = practice.draft_key(row.id, loop.current, kind)
    return {
        "row": row,
        "loop": loop,
        "current": current,
        "index": loop.current,
        "draft": repo.get_draft(session=db, user_id=user, key=key) if current else "",
        "draft_key": key,
        "deadline": current.deadline().isoformat() if current and current.deadline() else None,
        "question": bank.questions.get(current.question_id) if current and current.question_id else None,
        "spoken": _spoken(db, user, row.id, current.question) if current else {"main": [], "probe": []},
    }


@router.get("/sessions/{session_id}", response_class=HTMLResponse)
def session_page(
    request: Request,
    session_id: str,
    bank: BankDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    grader: GraderDep,
) -> Response:
    row = _load(db, user, session_id)
    if row.status != "finished":
        row = practice.reconcile(db, user, row, bank=bank, grader=grader)
    if row.status == "finished":
        return RedirectResponse(f"/sessions/{session_id}/debrief", status_code=303)
    return templates.TemplateResponse(request, "session.html", _session_context(db, user, row, bank))


@router.post("/sessions/{session_id}/draft", response_class=HTMLResponse)
def save_draft(
    session_id: str,
    db: SessionDep,
    user: UserDep,
    key: Annotated[str, Form(max_length=128)],
    text: Annotated[str, Form()] = "",
) -> HTMLResponse:
    _load(db, user, session_id)
    if not key.startswith(session_id + ":"):
        raise HTTPException(422, "Draft key does not belong to this session.")
    repo.save_draft(session=db, user_id=user, key=key, text=text)
    return HTMLResponse('<span class="saved" id="saved">Saved</span>')


@router.post("/sessions/{session_id}/answer", response_class=HTMLResponse)
async def answer(
    request: Request,
    session_id: str,
    bank: BankDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    grader: GraderDep,
    settings: SettingsDep,
    text: Annotated[str, Form()] = "",
    audio: Annotated[str, Form()] = "",
    step: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    from hireloop.voice.recording import from_upload, keep

    row = _load(db, user, session_id)
    loop = practice.loop_of(row)
    if loop.active is None:
        if request.headers.get("HX-Request"):
            return Response(status_code=204, headers={"HX-Redirect": f"/sessions/{session_id}/debrief"})
        return RedirectResponse(f"/sessions/{session_id}/debrief", status_code=303)
    if step and step != practice.current_step(row):
        # The same form sent twice (double click, retry): that answer is already stored; show where we are.
        if request.headers.get("HX-Request"):
            return templates.TemplateResponse(
                request, "_session_body.html", _session_context(db, user, row, bank)
            )
        return RedirectResponse(f"/sessions/{session_id}", status_code=303)
    if loop.active.answer is None and not text.strip():
        context = _session_context(db, user, row, bank) | {"error": "Write an answer before submitting."}
        # HTMX swaps only 2xx responses; a plain form post gets the 422 it deserves.
        status = 200 if request.headers.get("HX-Request") else 422
        return templates.TemplateResponse(request, "_session_body.html", context, status_code=status)
    recording = from_upload(settings, user, audio)

    def keep_audio(answer_row) -> None:
        if recording is not None:
            keep(recording, settings=settings, db=db, answer=answer_row)

    row = await run_in_threadpool(
        practice.submit,
        db,
        user,
        session_id,
        text,
        bank=bank,
        grader=grader,
        on_recorded=keep_audio,
    )
    if row.status == "finished":
        target = f"/sessions/{session_id}/debrief"
        if request.headers.get("HX-Request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    if request.headers.get("HX-Request"):
        return templates.TemplateResponse(
            request, "_session_body.html", _session_context(db, user, row, bank)
        )
    return RedirectResponse(f"/sessions/{session_id}", status_code=303)


@router.get("/sessions/{session_id}/debrief", response_class=HTMLResponse)
def debrief_page(
    request: Request, session_id: str, bank: BankDep, templates: TemplatesDep, db: SessionDep, user: UserDep
) -> Response:
    row = _load(db, user, session_id)
    debrief = practice.debrief_of(row)
    if debrief is None:
        return RedirectResponse(f"/sessions/{session_id}", status_code=303)
    rounds = practice.loop_of(row).rounds
    highlighted = []
    for r in rounds:
        final = r.combined or r.main
        doc = final.to_contract() if final else {}
        highlighted.append(segments(combined_text(r), evidence_spans(doc)))
    main_answers = [
        a for a in repo.list_answers(session=db, user_id=user) if a.session_id == row.id and a.kind == "main"
    ]
    answer_ids = []
    for r in rounds:
        match = [a for a in main_answers if a.question_text == r.question and a.text == r.answer]
        answer_ids.append(match[-1].id if match else None)
    titles = {
        q: bank.questions[q].title
        for item in debrief.practice_next
        for q in item.questions
        if q in bank.questions
    }
    return templates.TemplateResponse(
        request,
        "debrief.html",
        {
            "row": row,
            "debrief": debrief,
            "rounds": rounds,
            "highlighted": highlighted,
            "spoken": [(_spoken(db, user, row.id, r.question)["main"] or [{}])[0] for r in rounds],
            "answer_ids": answer_ids,
            "titles": titles,
        },
    )


@router.get("/sessions/{session_id}/debrief.md")
def debrief_md(session_id: str, db: SessionDep, user: UserDep) -> Response:
    row = _load(db, user, session_id)
    debrief = practice.debrief_of(row)
    if debrief is None:
        raise HTTPException(409, "This loop is not finished yet.")
    text = debrief_markdown(debrief, practice.loop_of(row).rounds)
    return Response(
        text,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="debrief-{session_id[:8]}.md"'},
    )


@router.get("/sessions/{session_id}/debrief.pdf")
async def debrief_pdf(session_id: str, db: SessionDep, user: UserDep) -> Response:
    from hireloop.interview.pdf import PdfUnavailable, debrief_pdf

    row = _load(db, user, session_id)
    debrief = practice.debrief_of(row)
    if debrief is None:
        raise HTTPException(409, "This loop is not finished yet.")
    try:
        data = await run_in_threadpool(
            debrief_pdf, debrief, practice.loop_of(row).rounds, created=row.updated_at
        )
    except PdfUnavailable as exc:
        raise HTTPException(501, str(exc)) from None
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="debrief-{session_id[:8]}.pdf"'},
    )


__all__ = ["ROUNDS", "router"]
