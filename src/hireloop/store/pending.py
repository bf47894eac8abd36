"""Answers stored but never graded (the process stopped between the two commits) get graded later.

``grade_pending`` runs once when the web app starts (in a background thread) and on demand through
``hireloop admin grade-pending``; answers appear in progress as soon as they are graded.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session, sessionmaker

from hireloop.assess.models import Grader, GradingRequest
from hireloop.bank.loader import Bank
from hireloop.store import repository as repo
from hireloop.store.stats import ungraded_answer_ids
from hireloop.store.tables import AnswerRow
from hireloop.vocab import ROUNDS

log = logging.getLogger(__name__)


def request_for(answer: AnswerRow, bank: Bank) -> GradingRequest | None:
    """The grading request the answer was sent with, rebuilt from what was stored."""
    question = bank.questions.get(answer.question_id) if answer.question_id else None
    if question is not None:
        return GradingRequest(
            round=question.round,
            question=question.prompt,
            question_id=question.id,
            answer=answer.text,
            rubric=question.rubric.anchors(),
            must_show=question.rubric.must_show,
            also=question.rubric.also,
            notes=question.notes,
            competencies=question.competencies,
        )
    if answer.round not in ROUNDS:
        return None
    return GradingRequest(round=answer.round, question=answer.question_text, answer=answer.text)  # type: ignore[arg-type]


def grade_pending(*, sessions: sessionmaker[Session], bank: Bank, grader: Grader, limit: int = 10_000) -> int:
    """Grade every stand-alone answer that has no assessment; returns how many were graded."""
    graded = 0
    with sessions() as db:
        while graded < limit:
            ids = ungraded_answer_ids(session=db, limit=100)
            progressed = False
            for answer_id in ids:
                answer = db.get(AnswerRow, answer_id)
                request = request_for(answer, bank) if answer is not None else None
                if request is None:
                    continue
                try:
                    document = grader.assess(request).to_contract()
                except Exception:  # one bad answer must not stop the others
                    log.exception("could not grade stored answer %s", answer_id)
                    continue
                if repo.latest_assessment(session=db, answer_id=answer_id) is None:
                    repo.record_assessment(session=db, answer_id=answer_id, document=document)
                    graded += 1
                    progressed = True
            if not progressed:
                break
    return graded
