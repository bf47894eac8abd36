"""The optional LLM reading of a job description: it proposes the same structure as the lexicon,
validated hard. Unknown ids are dropped, every finding must quote the text word for word (offsets
repaired from a quote found exactly once), and a reply that cannot be used after one retry falls back
to the lexicon with a visible note. Title, responsibilities and the AI-role call stay the lexicon's."""

from __future__ import annotations

import json
import re
from typing import Any

from hireloop.llm.client import LLMClient, LLMError
from hireloop.targets.extract import extract_target
from hireloop.targets.models import Finding, Quote, TargetProfile, allowed

READER_VERSION = "llm-jd-1"
MAX_TEXT_CHARS = 12_000
FIELDS = ("domains", "rounds", "competencies", "skills")

SYSTEM = (
    "You read job descriptions for product manager roles and say what the interview loop will test. "
    "Reply with one JSON object and nothing else."
)


class ReadingError(ValueError):
    """The reply could not be turned into a valid reading."""


def build_prompt(text: str) -> str:
    lines = ["Pick only from these ids, and quote the job description word for word for each pick."]
    for field in (*FIELDS, "level"):
        lines.append(f"{field}: " + ", ".join(f"{k} ({v})" for k, v in allowed(field).items()))
    lines += [
        "Reply exactly in this shape:",
        '{"domains": [{"id": "fraud-risk", "quote": "..."}], "level": {"id": "senior", "quote": "..."}, '
        '"rounds": [{"id": "ml_system_design", "quote": "..."}], "competencies": [...], "skills": [...]}',
        "",
        "Job description:",
        text[:MAX_TEXT_CHARS],
    ]
    return "\n".join(lines)


def _json_object(reply: str) -> dict[str, Any]:
    cleaned = re.sub(r"^```(?:json)?|```$", "", reply.strip(), flags=re.MULTILINE).strip()
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start < 0 or end <= start:
        raise ReadingError("the reply holds no JSON object")
    try:
        doc = json.loads(cleaned[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ReadingError(f"the reply is not valid JSON ({exc.msg})") from None
    if not isinstance(doc, dict):
        raise ReadingError("the reply is not a JSON object")
    return doc


def _finding(field: str, item: object, text: str, notes: list[str]) -> Finding | None:
    if not isinstance(item, dict):
        return None
    fid, quote = item.get("id"), item.get("quote")
    if fid not in allowed(field):
        notes.append(f"rejected unknown {field} id {fid!r}")
        return None
    if not isinstance(quote, str) or not quote.strip() or text.count(quote) != 1:
        notes.append(f"dropped {field} '{fid}': its quote is not in the text exactly once")
        return None
    at = text.index(quote)
    return Finding(id=fid, score=1.0, evidence=[Quote(quote=quote, start=at, end=at + len(quote))])


def parse_reading(reply: str, text: str, *, version: str, sent_to: str) -> TargetProfile:
    doc = _json_object(reply)
    notes: list[str] = []
    base = extract_target(text)
    update: dict[str, Any] = {}
    for field in FIELDS:
        items = doc.get(field)
        if items is None:
            raise ReadingError(f"the reply has no '{field}' list")
        found: dict[str, Finding] = {}
        for item in items if isinstance(items, list) else []:
            finding = _finding(field, item, text, notes)
            if finding and finding.id not in found:
                found[finding.id] = finding
        update[field] = list(found.values())
    update["level"] = _finding("level", doc.get("level"), text, notes) or base.level
    return base.model_copy(
        update=update | {"engine": "llm", "engine_version": version, "sent_to": sent_to, "notes": notes}
    )


def read_with_llm(text: str, client: LLMClient) -> TargetProfile:
    """The LLM's reading, or the lexicon's with a note saying why the LLM's could not be used."""
    version = f"{READER_VERSION}:{client.model}"
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": build_prompt(text)}]
    problem: Exception | None = None
    for _attempt in range(2):
        try:
            reply = client.chat(messages, max_tokens=client.max_tokens, json_mode=True)
        except LLMError as exc:
            problem = exc
            break
        try:
            return parse_reading(reply.text, text, version=version, sent_to=client.endpoint)
        except ReadingError as exc:
            problem = exc
            messages = [
                *messages,
                {"role": "assistant", "content": reply.text[:2000]},
                {
                    "role": "user",
                    "content": f"That reply was not usable: {exc}. Reply again with the JSON only.",
                },
            ]
    fallback = extract_target(text)
    return fallback.model_copy(
        update={
            "sent_to": client.endpoint,
            "notes": [f"The LLM reading failed ({problem}); this is the offline lexicon's reading."],
        }
    )
