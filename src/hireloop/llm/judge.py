"""The LLM judge: the same Assessment as the rubric engine, validated hard, with a visible fallback.

The reply must be one JSON object with ASSESSMENT.md ids. Unknown ids are dropped (and said so),
every evidence quote must occur in the answer (offsets repaired from the quote when it occurs exactly
once, otherwise the quote is dropped), and a reply that cannot be parsed after one retry is a failed
judgement: the rubric engine grades instead and the assessment carries a note. Never an invented grade.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hireloop.assess.models import (
    Assessment,
    CompetencyGrade,
    Confidence,
    Evidence,
    Flag,
    Grader,
    GradingRequest,
)
from hireloop.llm.client import LLMClient, LLMError
from hireloop.vocab import COMPETENCIES, FLAGS, GRADE_DECISIONS, ROUND_PURPOSE, ROUNDS

JUDGE_VERSION = "llm-judge-1"
MAX_ANSWER_CHARS = 12_000

SYSTEM = (
    "You sit on a hiring committee for AI product manager roles. You grade one interview answer the way a "
    "committee reads an interviewer's write-up: a grade, named concerns, and the evidence for each. "
    "Reply with one JSON object and nothing else."
)


class JudgementError(ValueError):
    """The reply could not be turned into a valid assessment."""


def build_prompt(request: GradingRequest) -> str:
    lines = [
        f"Round: {ROUNDS[request.round]} ({request.round}): {ROUND_PURPOSE[request.round]}",
        f"Question: {request.question}",
    ]
    if request.rubric:
        lines.append("Rubric for this question:")
        for g in sorted(request.rubric, reverse=True):
            if g == 4 and request.must_show:
                lines.append("  grade 4: every item under 'must show' and most of those under 'also'.")
                lines += [f"    must show: {item}" for item in request.must_show]
                lines += [f"    also: {item}" for item in request.also]
                lines.append("    An answer missing any must-show item is graded 3 at most.")
            else:
                lines.append(f"  grade {g}: {request.rubric[g]}")
    if request.notes:
        lines.append("A strong answer covers: " + "; ".join(request.notes))
    lines += [
        "Grades: 4 strong_hire (specific, correct, weighs alternatives, anticipates data, evaluation "
        "and risk), 3 hire (solid with minor gaps, at least one real trade-off), "
        "2 no_hire (generic or one major gap), "
        "1 strong_no_hire (wrong, traditional-PM framing, buzzwords only, or several major gaps).",
        "Flags (raise only those the question makes relevant):",
        *[f"  {fid}: {text}" for fid, text in FLAGS.items()],
        "Competencies (grade 1-4 only where the answer gives evidence):",
        *[f"  {cid}: {text}" for cid, text in COMPETENCIES.items()],
        "If the answer is empty, gibberish or not in English, reply "
        '{"status": "unscorable", "reason": "..."}.',
        "Otherwise reply exactly in this shape, quoting the answer word for word in evidence:",
        '{"status": "graded", "grade": 3, "summary": "...", '
        '"flags": [{"id": "no_lifecycle", "reason": "...", "evidence": [{"quote": "..."}]}], '
        '"competencies": [{"id": "evaluation", "grade": 3, "evidence": [{"quote": "..."}]}]}',
        "",
        "Answer:",
        request.answer[:MAX_ANSWER_CHARS],
    ]
    return "\n".join(lines)


def _json_object(text: str) -> dict[str, Any]:
    cleaned = re.sub(r"^```(?:json)?|```$", "", text.strip(), flags=re.MULTILINE).strip()
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start < 0 or end <= start:
        raise JudgementError("the reply holds no JSON object")
    try:
        doc = json.loads(cleaned[start : end + 1])
    except json.JSONDecodeError as exc:
        raise JudgementError(f"the reply is not valid JSON ({exc.msg})") from None
    if not isinstance(doc, dict):
        raise JudgementError("the reply is not a JSON object")
    return doc


def anchor_evidence(answer: str, items: object, notes: list[str]) -> list[Evidence]:
    """Keep quotes that occur in the answer; repair offsets from a quote that occurs exactly once."""
    out: list[Evidence] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str) or not item["quote"].strip():
            continue
        quote, start, end = item["quote"], item.get("start"), item.get("end")
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start < end <= len(answer)
            and answer[start:end] == quote
        ):
            out.append(Evidence(quote=quote, start=start, end=end))
            continue
        if answer.count(quote) == 1:
            at = answer.index(quote)
            out.append(Evidence(quote=quote, start=at, end=at + len(quote)))
        else:
            notes.append(f"dropped a quote that is not in the answer exactly once: {quote[:60]!r}")
    return out


def parse_judgement(
    text: str, request: GradingRequest, *, engine: str, version: str, sent_to: str
) -> Assessment:
    doc = _json_object(text)
    notes: list[str] = []
    if doc.get("status") == "unscorable":
        return Assessment(
            status="unscorable",
            reason=str(doc.get("reason") or "the judge could not grade it"),
            engine=engine,
            engine_version=version,
            sent_to=sent_to,
        )
    grade = doc.get("grade")
    if isinstance(grade, str) and grade.strip().isdigit():
        grade = int(grade)
    if not isinstance(grade, int) or isinstance(grade, bool) or not 1 <= grade <= 4:
        raise JudgementError(f"grade must be an integer 1-4, got {grade!r}")
    flags = []
    for item in doc.get("flags") or []:
        fid = item.get("id") if isinstance(item, dict) else None
        if fid not in FLAGS:
            notes.append(f"rejected unknown flag id {fid!r}")
            continue
        if any(f.id == fid for f in flags):
            continue
        flags.append(
            Flag(
                id=fid,
                reason=str(item.get("reason") or FLAGS[fid]),
                evidence=anchor_evidence(request.answer, item.get("evidence"), notes),
            )
        )
    competencies = []
    for item in doc.get("competencies") or []:
        cid = item.get("id") if isinstance(item, dict) else None
        value = item.get("grade") if isinstance(item, dict) else None
        if cid not in COMPETENCIES:
            notes.append(f"rejected unknown competency id {cid!r}")
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 4:
            notes.append(f"rejected competency {cid} with grade {value!r}")
            continue
        if any(c.id == cid for c in competencies):
            continue
        competencies.append(
            CompetencyGrade(
                id=cid, grade=value, evidence=anchor_evidence(request.answer, item.get("evidence"), notes)
            )
        )
    return Assessment(
        status="graded",
        grade=grade,
        decision=GRADE_DECISIONS[grade],
        flags=flags,
        competencies=competencies,
        summary=str(doc.get("summary") or ""),
        engine=engine,
        engine_version=version,
        sent_to=sent_to,
        notes=notes,
    )


class LLMJudge:
    """A second implementation of the Grader protocol; falls back to ``fallback`` on a failed judgement."""

    name = "llm"

    def __init__(self, client: LLMClient, fallback: Grader) -> None:
        self.client = client
        self.fallback = fallback
        self.version = f"{JUDGE_VERSION}:{client.model}"

    def judge(self, request: GradingRequest) -> Assessment:
        """The LLM's own judgement; raises JudgementError or LLMError when there is none."""
        messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": build_prompt(request)}]
        problem = None
        for _attempt in range(2):  # one retry for an unparseable reply
            reply = self.client.chat(messages, max_tokens=self.client.max_tokens, json_mode=True)
            try:
                return parse_judgement(
                    reply.text, request, engine=self.name, version=self.version, sent_to=self.client.endpoint
                )
            except JudgementError as exc:
                problem = exc
                messages = [
                    *messages,
                    {"role": "assistant", "content": reply.text[:2000]},
                    {
                        "role": "user",
                        "content": f"That reply was not usable: {exc}. Reply again with "
                        "only the JSON object in the shape asked for.",
                    },
                ]
        raise JudgementError(str(problem))

    def assess(self, request: GradingRequest) -> Assessment:
        try:
            return self.judge(request)
        except (JudgementError, LLMError) as exc:
            return fallback_with_note(self.fallback.assess(request), self.client.endpoint, str(exc))


def fallback_with_note(assessment: Assessment, endpoint: str, problem: str) -> Assessment:
    note = (
        f"The LLM judge at {endpoint} failed ({problem}); the offline rubric engine graded this answer "
        "instead."
    )
    return assessment.model_copy(update={"notes": [*assessment.notes, note], "sent_to": endpoint})


class EnsembleGrader:
    """Rubric engine and LLM judge together, combined by one stated rule (see ``combine``)."""

    name = "ensemble"
    RULE = (
        "Ensemble rule: the grade is the mean of the two grades rounded down (a committee resolves a split "
        "conservatively), and no higher than any cap from a wrong claim the offline engine found; a flag "
        "stands when both engines raise it or when the engine that raised it graded "
        "the answer no higher than the other; competency grades are the rounded-down mean where both graded "
        "them. If the LLM judgement fails, the rubric result stands with a note."
    )

    def __init__(self, rubric: Grader, judge: LLMJudge) -> None:
        self.rubric = rubric
        self.judge = judge
        self.version = f"ensemble-1({rubric.version}+{judge.version})"

    def assess(self, request: GradingRequest) -> Assessment:
        base = self.rubric.assess(request)
        try:
            other = self.judge.judge(request)
        except (JudgementError, LLMError) as exc:
            return fallback_with_note(base, self.judge.client.endpoint, str(exc))
        return combine(base, other, version=self.version)


def combine(rubric: Assessment, llm: Assessment, *, version: str) -> Assessment:
    if rubric.status != "graded" or llm.status != "graded":
        chosen = rubric if rubric.status != "graded" else llm
        return chosen.model_copy(
            update={
                "engine": "ensemble",
                "engine_version": version,
                "sent_to": llm.sent_to,
                "notes": [EnsembleGrader.RULE],
            }
        )
    grade = (rubric.grade + llm.grade) // 2  # type: ignore[operator]
    for cap in rubric.caps:  # a wrong claim the catalogue found limits the combined grade too
        grade = min(grade, cap.grade)
    agree = abs(rubric.grade - llm.grade) <= 1  # type: ignore[operator]
    confidence = Confidence(
        level="high" if agree else "low",
        reason=f"The offline engine graded {rubric.grade} and the LLM judge {llm.grade}"
        + ("." if agree else ": they disagree by more than one grade, so read both notes."),
    )
    both = {f.id for f in rubric.flags} & {f.id for f in llm.flags}
    keep = set(both)
    if rubric.grade <= llm.grade:  # type: ignore[operator]
        keep |= {f.id for f in rubric.flags}
    if llm.grade <= rubric.grade:  # type: ignore[operator]
        keep |= {f.id for f in llm.flags}
    flags = [f for f in rubric.flags if f.id in keep]
    flags += [f for f in llm.flags if f.id in keep and f.id not in {x.id for x in flags}]
    llm_comps = {c.id: c for c in llm.competencies}
    competencies = []
    for comp in rubric.competencies:
        other = llm_comps.pop(comp.id, None)
        value = (comp.grade + other.grade) // 2 if other else comp.grade
        competencies.append(
            comp.model_copy(
                update={"grade": value, "evidence": comp.evidence or (other.evidence if other else [])}
            )
        )
    competencies += list(llm_comps.values())
    return Assessment(
        status="graded",
        grade=grade,
        decision=GRADE_DECISIONS[grade],
        flags=flags,
        competencies=competencies,
        summary=rubric.summary,
        engine="ensemble",
        engine_version=version,
        strengths=rubric.strengths,
        misconceptions=rubric.misconceptions,
        caps=rubric.caps,
        confidence=confidence,
        sent_to=llm.sent_to,
        notes=[*llm.notes, EnsembleGrader.RULE],
    )
