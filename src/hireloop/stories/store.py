"""The story bank persisted per user, with each story's practice record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hireloop.store.repository import ensure_user, new_id, now
from hireloop.store.tables import StoryRow
from hireloop.stories.models import Practice, Story

MAX_PRACTICE = 50


class StoryNotFound(LookupError):
    def __init__(self, story_id: str) -> None:
        super().__init__(story_id)
        self.story_id = story_id

    def __str__(self) -> str:
        return f"no story with id '{self.story_id}'; see 'hireloop stories list'"


def story_of(row: StoryRow) -> Story:
    return Story.model_validate({"title": row.title, **row.parts})


def practice_of(row: StoryRow) -> list[Practice]:
    return [Practice.model_validate(p) for p in row.practice or []]


def _parts(story: Story) -> dict:
    return story.model_dump(exclude={"title"})


def add_story(*, session: Session, user_id: str, story: Story) -> StoryRow:
    ensure_user(session=session, user_id=user_id)
    stamp = now()
    row = StoryRow(
        id=new_id(),
        user_id=user_id,
        title=story.title,
        parts=_parts(story),
        practice=[],
        created_at=stamp,
        updated_at=stamp,
    )
    session.add(row)
    session.commit()
    return row


def get_story(*, session: Session, user_id: str, story_id: str) -> StoryRow:
    row = session.get(StoryRow, story_id)
    if row is None or row.user_id != user_id:
        raise StoryNotFound(story_id)
    return row


def list_stories(*, session: Session, user_id: str) -> list[StoryRow]:
    query = select(StoryRow).where(StoryRow.user_id == user_id).order_by(StoryRow.created_at, StoryRow.id)
    return list(session.scalars(query))


def update_story(*, session: Session, user_id: str, story_id: str, story: Story) -> StoryRow:
    row = get_story(session=session, user_id=user_id, story_id=story_id)
    row.title, row.parts, row.updated_at = story.title, _parts(story), now()
    session.commit()
    return row


def remove_story(*, session: Session, user_id: str, story_id: str) -> None:
    session.delete(get_story(session=session, user_id=user_id, story_id=story_id))
    session.commit()


def record_practice(
    *,
    session: Session,
    user_id: str,
    story_id: str,
    session_id: str,
    question_id: str | None,
    grade: int | None,
    at: datetime,
) -> StoryRow:
    """A behavioral round told from this story ended: keep its grade on the story (newest last).
    Recording the same round again replaces its entry."""
    row = get_story(session=session, user_id=user_id, story_id=story_id)
    entry = Practice(session_id=session_id, question_id=question_id, grade=grade, at=at)
    kept = [p for p in row.practice or [] if p.get("session_id") != session_id]
    row.practice = [*kept, entry.model_dump(mode="json")][-MAX_PRACTICE:]
    session.commit()
    return row
