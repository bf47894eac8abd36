"""Split an answer into plain and highlighted segments from evidence offsets (templates escape them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hireloop.vocab import plain


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str | None = None  # "concern" or "strength"
    label: str = ""


def evidence_spans(document: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, label) for every concern and strength quote of an assessment document."""
    spans = []
    for m in document.get("misconceptions", []):
        spans += [(e["start"], e["end"], "concern", m.get("title") or m["id"]) for e in m.get("evidence", [])]
    for flag in document.get("flags", []):
        spans += [(e["start"], e["end"], "concern", plain(flag["id"])) for e in flag.get("evidence", [])]
    for strength in document.get("strengths", []):
        spans += [(e["start"], e["end"], "strength", strength["point"]) for e in strength.get("evidence", [])]
    return spans


def segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Non-overlapping segments covering ``text``; where spans overlap, concerns win over strengths."""
    owner: list[tuple[str, str] | None] = [None] * len(text)
    for start, end, kind, label in sorted(spans, key=lambda s: s[2] == "concern"):
        for i in range(max(0, start), min(len(text), end)):
            owner[i] = (kind, label)
    out: list[Segment] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and owner[j] == owner[i]:
            j += 1
        mark = owner[i]
        out.append(Segment(text[i:j], mark[0] if mark else None, mark[1] if mark else ""))
        i = j
    return out
