"""A bullet rewritten in the strong shape, from the user's own words only.

The shape committees read best: verb, AI method, data, metric before→after, decision, guardrail.
Every part is a phrase cut from the bullet itself; a part the bullet lacks becomes a [placeholder]
question. Only lowercase joining words are added, so no number, name or claim is ever invented.
"""

from __future__ import annotations

import re

from hireloop.coach.review import ITEMS, Item

WEAK_OPENER = re.compile(
    r"^\s*(?:worked on|worked with|helped(?: to)?|assisted(?: with| in)?|responsible for|involved in|"
    r"participated in|supported|contributed to|leveraged|utili[sz]ed|used|was part of|part of)\b",
    re.IGNORECASE,
)
FIRST_WORD = re.compile(r"^\s*([A-Z][a-z]+)\b")
VERB_PLACEHOLDER = "[a strong verb for your part: led, built, launched?]"
BASELINE_PLACEHOLDER = "[from what baseline to what?]"
CLAUSE_END = re.compile(r"[,;.](?:\s|$)|\band\b(?=\s+(?:I|we)\b)|$")
MAX_WORDS = 10
WORDS_BEFORE_OUTCOME = 5
BEFORE_AFTER = re.compile(r"\bfrom\s+\S*\d\S*\s+to\s+\S*\d\S*", re.IGNORECASE)


def _item(key: str) -> Item:
    return next(i for i in ITEMS if i.key == key)


def _words(text: str, limit: int = MAX_WORDS) -> str:
    return " ".join(text.split()[:limit]).rstrip(" ,;.")


def _clause_from(text: str, start: int) -> str:
    """From ``start`` to the end of its clause (a comma, semicolon or full stop), at most 10 words."""
    end = CLAUSE_END.search(text, start)
    return _words(text[start : end.start() if end else len(text)])


def _phrase(text: str, key: str, *, stop: int | None = None, limit: int = MAX_WORDS) -> str | None:
    match = _item(key).pattern.search(text)
    if match is None:
        return None
    clause = _clause_from(text[: stop if stop and stop > match.start() else len(text)], match.start())
    return _words(clause, limit)


TRAILING_PREPOSITION = re.compile(r"\s+(?:trained on|using|with|on|from|trained|of)$", re.IGNORECASE)
LEADING_PREPOSITION = re.compile(r"^(?:trained on|data from|using|with|on|from)\s+", re.IGNORECASE)


def _verb(text: str) -> str:
    if WEAK_OPENER.match(text):
        return VERB_PLACEHOLDER
    first = FIRST_WORD.match(text)
    if first and first.group(1).lower().endswith(("ed", "ilt", "ped", "led", "ut", "ew", "ove", "an", "ook")):
        return first.group(1)
    return VERB_PLACEHOLDER


def _outcome(text: str) -> str:
    before_after = BEFORE_AFTER.search(text)
    match = before_after or _item("outcome").pattern.search(text)
    if match is None:
        return _item("outcome").placeholder
    clause_start = max(text.rfind(sep, 0, match.start()) for sep in (",", ";", "."))
    lead = text[clause_start + 1 : match.start()].split()[-WORDS_BEFORE_OUTCOME:]
    phrase = _words(" ".join([*lead, text[match.start() : match.end()]]), MAX_WORDS + WORDS_BEFORE_OUTCOME)
    return phrase if before_after else f"{phrase} {BASELINE_PLACEHOLDER}"


def rewrite(text: str, *, needs_safeguards: bool) -> str:
    """The bullet in the strong shape; [placeholders] ask for what it does not say."""
    body = " ".join(text.split()).rstrip(".;")
    data_match = _item("data").pattern.search(body)
    method = _phrase(body, "method", stop=data_match.start() if data_match else None, limit=6)
    method = TRAILING_PREPOSITION.sub("", method) if method else _item("method").placeholder
    data = _phrase(body, "data")
    data = LEADING_PREPOSITION.sub("", data) if data else _item("data").placeholder
    decision = _phrase(body, "decisions") or _item("decisions").placeholder
    parts = [f"{_verb(body)} {method}", f"on {data}", _outcome(body), decision]
    guard = _phrase(body, "safeguards")
    if guard or needs_safeguards:
        parts.append(guard or _item("safeguards").placeholder)
    lifecycle = _phrase(body, "lifecycle")
    if lifecycle and lifecycle not in " ".join(parts):
        parts.append(lifecycle)
    return "; ".join([parts[0] + " " + parts[1], *parts[2:]]) + "."
