"""Target roles persisted per user: read once on add, corrections kept apart and applied on read."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hireloop.store.repository import ensure_user, new_id, now
from hireloop.store.tables import TargetRow
from hireloop.targets.extract import extract_target
from hireloop.targets.models import Corrections, TargetProfile, apply_corrections


class TargetNotFound(LookupError):
    def __init__(self, target_id: str) -> None:
        super().__init__(target_id)
        self.target_id = target_id

    def __str__(self) -> str:
        return f"no target role with id '{self.target_id}'; see 'hireloop target list'"


def add_target(
    *,
    session: Session,
    user_id: str,
    text: str,
    company: str = "",
    interview_date: date | None = None,
    profile: TargetProfile | None = None,
) -> TargetRow:
    """Store a target; ``profile`` is a reading already made (the LLM's), else the lexicon reads it."""
    profile = profile or extract_target(text)
    ensure_user(session=session, user_id=user_id)
    stamp = now()
    row = TargetRow(
        id=new_id(),
        user_id=user_id,
        company=company.strip(),
        title=profile.title[:300],
        interview_date=interview_date,
        text=text,
        profile=profile.model_dump(mode="json"),
        corrections={},
        created_at=stamp,
        updated_at=stamp,
    )
    session.add(row)
    session.commit()
    return row


def get_target(*, session: Session, user_id: str, target_id: str) -> TargetRow:
    row = session.get(TargetRow, target_id)
    if row is None or row.user_id != user_id:
        raise TargetNotFound(target_id)
    return row


def list_targets(*, session: Session, user_id: str) -> list[TargetRow]:
    """Earliest interview first (undated last), then newest added."""
    rows = list(session.scalars(select(TargetRow).where(TargetRow.user_id == user_id)))
    rows.sort(key=lambda r: r.created_at, reverse=True)
    rows.sort(key=lambda r: (r.interview_date is None, r.interview_date or date.max))
    return rows


def remove_target(*, session: Session, user_id: str, target_id: str) -> None:
    session.delete(get_target(session=session, user_id=user_id, target_id=target_id))
    session.commit()


def profile_of(row: TargetRow) -> TargetProfile:
    """What the user sees: the extraction with their corrections on top."""
    return apply_corrections(TargetProfile.model_validate(row.profile), corrections_of(row))


def corrections_of(row: TargetRow) -> Corrections:
    return Corrections.model_validate(row.corrections or {})


def correct_target(
    *,
    session: Session,
    user_id: str,
    target_id: str,
    corrections: Corrections,
    company: str | None = None,
    title: str | None = None,
    interview_date: date | None = None,
    clear_date: bool = False,
) -> TargetRow:
    """Merge new corrections into the kept ones (a field given replaces that field only)."""
    row = get_target(session=session, user_id=user_id, target_id=target_id)
    merged = corrections_of(row).model_dump() | corrections.model_dump(exclude_none=True)
    row.corrections = Corrections.model_validate(merged).model_dump(exclude_none=True)
    if company is not None:
        row.company = company.strip()
    if title is not None and title.strip():
        row.title = " ".join(title.split())[:300]
    if interview_date is not None or clear_date:
        row.interview_date = interview_date
    row.updated_at = now()
    session.commit()
    return row


def target_summary(row: TargetRow) -> str:
    """A one-line name for menus: title at company (date)."""
    name = row.title or "Untitled role"
    if row.company:
        name += f" at {row.company}"
    if row.interview_date:
        name += f" ({row.interview_date.isoformat()})"
    return name


def deadlines(rows: list[TargetRow]):
    """The user's targets as the multi-target planner reads them."""
    from hireloop.plan.targets import TargetDeadline

    return [
        TargetDeadline(
            id=r.id,
            name=target_summary(r).split(" (")[0],
            interview_date=r.interview_date,
            competencies=profile_of(r).ids("competencies"),
        )
        for r in rows
    ]


def readiness_for(row: TargetRow, readiness) -> list[dict]:
    """The user's readiness on the competencies this role stresses, weakest first (unmeasured first)."""
    scores = {r.id: r for r in readiness}
    out = []
    for comp in profile_of(row).ids("competencies"):
        r = scores.get(comp)
        out.append(
            {
                "id": comp,
                "score": None if r is None or r.score is None else round(r.score, 2),
                "evidence": 0 if r is None else r.evidence,
            }
        )
    return sorted(out, key=lambda x: -1.0 if x["score"] is None else x["score"])
