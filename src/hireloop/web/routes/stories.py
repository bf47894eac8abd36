"""The story bank on the web: write and edit stories, see each graded, the coverage matrix, the next
story to write; practise a behavioral round from a story; Markdown import and export."""

from __future__ import annotations

import random
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from hireloop.interview import practice
from hireloop.store import repository as repo
from hireloop.stories import store
from hireloop.stories.bankview import bank_view
from hireloop.stories.from_bullet import story_from_bullet
from hireloop.stories.markdown import StoryImportError, from_markdown, to_markdown
from hireloop.stories.models import Story, telling
from hireloop.stories.review import review_story
from hireloop.targets.store import TargetNotFound, get_target, list_targets, profile_of, target_summary
from hireloop.vocab import STORY_PARTS
from hireloop.web.deps import BankDep, GraderDep, SessionDep, TemplatesDep, UserDep
from hireloop.web.highlight import evidence_spans, segments

router = APIRouter(tags=["stories"])
MAX_IMPORT_BYTES = 1_000_000


def _load(db, user: str, story_id: str):
    try:
        return store.get_story(session=db, user_id=user, story_id=story_id)
    except store.StoryNotFound as exc:
        raise HTTPException(404, str(exc)) from None


def _story_from_form(form: dict[str, str]) -> Story:
    return Story.model_validate({k: form.get(k, "") for k in ("title", *STORY_PARTS)})


def _form_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    field = str(err["loc"][0]) if err["loc"] else "story"
    label = "Title" if field == "title" else STORY_PARTS.get(field, field)
    return f"{label}: {err['msg']}"


async def _bank_context(db, user: str, bank, target_id: str, grader) -> dict:
    profile = None
    target_name = None
    if target_id:
        try:
            row = get_target(session=db, user_id=user, target_id=target_id)
        except TargetNotFound as exc:
            raise HTTPException(404, str(exc)) from None
        profile, target_name = profile_of(row), target_summary(row)
    rows = store.list_stories(session=db, user_id=user)
    view = await run_in_threadpool(bank_view, rows, bank=bank, grader=grader, target=profile)
    return {
        "rows": rows,
        "view": view,
        "titles": {r.id: r.title for r in rows},
        "targets": [(t.id, target_summary(t)) for t in list_targets(session=db, user_id=user)],
        "target_id": target_id,
        "target_name": target_name,
        "questions": {q.id: q for q in bank.by_round("behavioral")},
        "form": {},
        "error": None,
    }


@router.get("/stories", response_class=HTMLResponse)
async def stories_page(
    request: Request,
    bank: BankDep,
    grader: GraderDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    target: str = "",
) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "stories.html", await _bank_context(db, user, bank, target, grader)
    )


@router.get("/stories/new", response_class=HTMLResponse)
async def story_new(
    request: Request,
    bank: BankDep,
    grader: GraderDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    bullet: str = "",
) -> HTMLResponse:
    context = await _bank_context(db, user, bank, "", grader)
    if bullet.strip():
        context["form"] = story_from_bullet(bullet).model_dump()
        context["from_bullet"] = bullet
    return templates.TemplateResponse(request, "stories.html", context)


@router.post("/stories", response_model=None)
async def story_add(
    request: Request, bank: BankDep, grader: GraderDep, templates: TemplatesDep, db: SessionDep, user: UserDep
) -> HTMLResponse | RedirectResponse:
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        story = _story_from_form(form)
    except ValidationError as exc:
        context = await _bank_context(db, user, bank, "", grader) | {"form": form, "error": _form_error(exc)}
        return templates.TemplateResponse(request, "stories.html", context, status_code=422)
    row = store.add_story(session=db, user_id=user, story=story)
    return RedirectResponse(f"/stories/{row.id}", status_code=303)


@router.get("/stories.md")
def stories_export(db: SessionDep, user: UserDep) -> Response:
    text = to_markdown([store.story_of(r) for r in store.list_stories(session=db, user_id=user)])
    return Response(
        text,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="stories.md"'},
    )


@router.post("/stories/import", response_model=None)
async def stories_import(
    request: Request,
    bank: BankDep,
    grader: GraderDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
    bank_file: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse | RedirectResponse:
    try:
        if bank_file is None or not bank_file.filename:
            raise StoryImportError("Choose a Markdown file to import.")
        data = await bank_file.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            raise StoryImportError(f"{bank_file.filename}: over the {MAX_IMPORT_BYTES:,}-byte limit")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StoryImportError(f"{bank_file.filename}: not UTF-8 text; export a Markdown file") from None
        stories = from_markdown(text, name=bank_file.filename)
    except StoryImportError as exc:
        context = await _bank_context(db, user, bank, "", grader) | {"error": str(exc)}
        return templates.TemplateResponse(request, "stories.html", context, status_code=422)
    for story in stories:
        store.add_story(session=db, user_id=user, story=story)
    return RedirectResponse("/stories", status_code=303)


def _story_context(
    db, user: str, row, bank, grader, error: str | None = None, form: dict | None = None
) -> dict:
    story = store.story_of(row)
    review = review_story(story, grader=grader)
    rows = store.list_stories(session=db, user_id=user)
    view = bank_view(rows, bank=bank, grader=grader)
    answers = [q for q in view.matrix.questions if q.cells.get(row.id) and q.cells[row.id].fit != "none"]
    return {
        "row": row,
        "story": story,
        "review": review,
        "segs": segments(review.text, evidence_spans(review.assessment.to_contract())),
        "practice": store.practice_of(row),
        "answers": answers,
        "behavioral": sorted(bank.by_round("behavioral"), key=lambda q: q.id),
        "form": form or story.model_dump(),
        "error": error,
    }


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(
    request: Request,
    story_id: str,
    bank: BankDep,
    grader: GraderDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
) -> HTMLResponse:
    row = _load(db, user, story_id)
    context = await run_in_threadpool(_story_context, db, user, row, bank, grader)
    return templates.TemplateResponse(request, "story.html", context)


@router.post("/stories/{story_id}", response_model=None)
async def story_edit(
    request: Request,
    story_id: str,
    bank: BankDep,
    grader: GraderDep,
    templates: TemplatesDep,
    db: SessionDep,
    user: UserDep,
) -> HTMLResponse | RedirectResponse:
    row = _load(db, user, story_id)
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        story = _story_from_form(form)
    except ValidationError as exc:
        context = _story_context(db, user, row, bank, grader, error=_form_error(exc), form=form)
        return templates.TemplateResponse(request, "story.html", context, status_code=422)
    store.update_story(session=db, user_id=user, story_id=story_id, story=story)
    return RedirectResponse(f"/stories/{story_id}", status_code=303)


@router.post("/stories/{story_id}/delete")
def story_delete(story_id: str, db: SessionDep, user: UserDep) -> RedirectResponse:
    _load(db, user, story_id)
    store.remove_story(session=db, user_id=user, story_id=story_id)
    return RedirectResponse("/stories", status_code=303)


@router.post("/stories/{story_id}/practice")
def story_practice(
    story_id: str,
    bank: BankDep,
    grader: GraderDep,
    db: SessionDep,
    user: UserDep,
    question_id: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """A behavioral round told from this story: the answer box starts with the story's text, to be
    retold in the user's own words; the round's grade goes back on the story."""
    row = _load(db, user, story_id)
    pool = {q.id: q for q in bank.by_round("behavioral")}
    if question_id and question_id not in pool:
        raise HTTPException(422, f"Unknown behavioral question id '{question_id}'.")
    if not question_id:
        view = bank_view([row], bank=bank, grader=grader)
        fits = [q.id for q in view.matrix.questions if q.cells[row.id].fit != "none"]
        question_id = random.choice(fits or sorted(pool))
    session_row = practice.start_practice_round(
        db,
        user,
        bank=bank,
        round_id="behavioral",
        question_id=question_id,
        question_text=None,
        timed=False,
        story_id=story_id,
    )
    text, _ = telling(store.story_of(row))
    repo.save_draft(session=db, user_id=user, key=practice.draft_key(session_row.id, 0, "main"), text=text)
    return RedirectResponse(f"/sessions/{session_row.id}", status_code=303)
