"""The coverage matrix: the bank's behavioral questions (and a target's stressed competencies) against
the user's stories. Which story answers which question well, which questions none covers, which story
is overused, and the story to write next. Pure: stories and their reviews in, a matrix out."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from hireloop.bank.models import Question
from hireloop.stories.review import Quote, StoryReview
from hireloop.vocab import COMPETENCY_LABELS

CUES_FILE = Path(__file__).with_name("question_cues.yaml")
# A story told for more questions than this reads, across a loop, as a one-story candidate.
MAX_USES = 4
GOOD_GRADE = 3
# A story answers a question well with at least this many of the question's cues and a grade of 3+.
STRONG_CUES = 2
# Every behavioral question asks for ownership; it tells nothing about which questions are alike.
COMMON = {"ownership_and_leadership"}


class QuestionNeed(BaseModel):
    needs: str
    cues: list[str]

    def patterns(self) -> list[re.Pattern[str]]:
        return _compiled(tuple(self.cues))


@cache
def _compiled(cues: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(r"(?<!\w)(?:" + c + r")(?!\w)", re.IGNORECASE) for c in cues]


@cache
def question_needs() -> dict[str, QuestionNeed]:
    raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    return {qid: QuestionNeed.model_validate(entry) for qid, entry in raw.items()}


class Cell(BaseModel):
    fit: str  # "strong", "partial" or "none"
    evidence: list[Quote] = Field(default_factory=list)


class StoryColumn(BaseModel):
    id: str
    title: str
    grade: int | None
    strong: int = 0
    assigned: list[str] = Field(default_factory=list)
    overused: bool = False


class QuestionRow(BaseModel):
    id: str
    prompt: str
    needs: str
    competencies: list[str]
    cells: dict[str, Cell]
    best: str | None = None  # the story id to tell for it

    @property
    def covered(self) -> bool:
        return any(c.fit == "strong" for c in self.cells.values())


class CompetencyRow(BaseModel):
    id: str
    stressed: bool
    stories: list[str]  # story ids graded 3+ on it


class Suggestion(BaseModel):
    question_id: str
    prompt: str
    needs: str
    why: str
    strengthen: str | None = None  # a story id that touches it but is not yet good enough


class Coverage(BaseModel):
    stories: list[StoryColumn]
    questions: list[QuestionRow]
    competencies: list[CompetencyRow]
    suggestion: Suggestion | None

    @property
    def uncovered(self) -> list[QuestionRow]:
        return [q for q in self.questions if not q.covered]

    def to_json(self) -> dict:
        doc = self.model_dump(mode="json")
        doc["uncovered"] = [q.id for q in self.uncovered]
        return doc


def _cell(review: StoryReview, need: QuestionNeed | None, question: Question) -> Cell:
    evidence: list[Quote] = []
    if need is not None:
        for pattern in need.patterns():
            m = pattern.search(review.text)
            if m:
                evidence.append(Quote(quote=m.group(0), start=m.start(), end=m.end()))
    else:
        # A question from a user's pack with no cues: the story is graded 3+ on all its competencies.
        comps = {c.id: c for c in review.assessment.competencies}
        if all(comps.get(c) and comps[c].grade >= GOOD_GRADE for c in question.competencies):
            for c in question.competencies:
                evidence += [Quote(quote=e.quote, start=e.start, end=e.end) for e in comps[c].evidence[:1]]
    if not evidence:
        return Cell(fit="none")
    good = (review.grade or 0) >= GOOD_GRADE and len(evidence) >= STRONG_CUES
    evidence.sort(key=lambda q: q.start)
    return Cell(fit="strong" if good else "partial", evidence=evidence[:3])


def coverage(
    stories: list[tuple[str, str, StoryReview]],
    questions: list[Question],
    *,
    stressed: list[str] | tuple[str, ...] = (),
) -> Coverage:
    """``stories`` are (id, title, review); ``questions`` the behavioral questions to cover;
    ``stressed`` the competencies a target role stresses (they rank the suggestion)."""
    needs = question_needs()
    columns = {sid: StoryColumn(id=sid, title=title, grade=review.grade) for sid, title, review in stories}
    rows: list[QuestionRow] = []
    for q in sorted(questions, key=lambda q: q.id):
        need = needs.get(q.id)
        cells = {sid: _cell(review, need, q) for sid, _, review in stories}
        rows.append(
            QuestionRow(
                id=q.id,
                prompt=" ".join(q.prompt.split()),
                needs=need.needs if need else ", ".join(COMPETENCY_LABELS[c].lower() for c in q.competencies),
                competencies=list(q.competencies),
                cells=cells,
            )
        )
    for row in rows:
        for sid, cell in row.cells.items():
            if cell.fit == "strong":
                columns[sid].strong += 1
    # Assign each covered question to its best story: most evidence, then the better grade, then the
    # story used least so far, so the load spreads.
    for row in sorted(rows, key=lambda r: sum(c.fit == "strong" for c in r.cells.values())):
        strong = [sid for sid, c in row.cells.items() if c.fit == "strong"]
        if not strong:
            continue
        best = min(
            strong,
            key=lambda sid: (
                -len(row.cells[sid].evidence),
                -(columns[sid].grade or 0),
                len(columns[sid].assigned),
                sid,
            ),
        )
        row.best = best
        columns[best].assigned.append(row.id)
    for col in columns.values():
        col.overused = len(col.assigned) > MAX_USES
    reviews = {sid: review for sid, _, review in stories}
    competency_rows = []
    for comp in COMPETENCY_LABELS:
        good = [
            sid
            for sid, review in reviews.items()
            if any(c.id == comp and c.grade >= GOOD_GRADE for c in review.assessment.competencies)
        ]
        competency_rows.append(CompetencyRow(id=comp, stressed=comp in stressed, stories=good))
    competency_rows.sort(key=lambda r: (not r.stressed, r.id))
    return Coverage(
        stories=list(columns.values()),
        questions=rows,
        competencies=competency_rows,
        suggestion=_suggest(
            rows,
            stressed=stressed,
            titles={sid: t for sid, t, _ in stories},
            grades={sid: review.grade for sid, _, review in stories},
        ),
    )


def _suggest(
    rows: list[QuestionRow], *, stressed, titles: dict[str, str], grades: dict[str, int | None]
) -> Suggestion | None:
    """The uncovered question worth a new story most: it exercises what the target stresses, and its
    competencies recur among the other uncovered questions (one story may then cover several)."""
    open_rows = [r for r in rows if not r.covered]
    if not open_rows:
        return None

    def shared(row: QuestionRow) -> int:
        mine = set(row.competencies) - COMMON
        return sum(1 for other in open_rows if other is not row and set(other.competencies) & mine)

    def rank(row: QuestionRow) -> tuple[int, int, str]:
        return (-len(set(row.competencies) & set(stressed)), -shared(row), row.id)

    pick = min(open_rows, key=rank)
    hits = [COMPETENCY_LABELS[c].lower() for c in pick.competencies if c in stressed]
    why = f"No story answers it yet: it needs {pick.needs}."
    if hits:
        why += f" The target role stresses {', '.join(hits)}, which it exercises."
    others = shared(pick)
    if others:
        why += (
            f" {others} other uncovered question{'s' if others != 1 else ''} ask for the same competencies."
        )
    partial = [sid for sid, c in pick.cells.items() if c.fit == "partial"]
    strengthen = partial[0] if partial else None
    if strengthen:
        how = (
            "is not graded 3 yet"
            if (grades[strengthen] or 0) < GOOD_GRADE
            else "shows only one sign of what it needs"
        )
        why += f" Your story “{titles[strengthen]}” touches it but {how}: extending it may be quicker."
    return Suggestion(
        question_id=pick.id, prompt=pick.prompt, needs=pick.needs, why=why, strengthen=strengthen
    )
