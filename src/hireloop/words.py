"""Small text helpers for what users read: shortening at word boundaries."""

from __future__ import annotations

import re

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z\"'“(])")


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last word boundary that fits in ``limit`` with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space >= limit // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-—") + ELLIPSIS


def title_of(prompt: str, limit: int = 90) -> str:
    """A question's title: its first sentence, shortened at a word boundary."""
    first = _SENTENCE_END.split(" ".join(prompt.split()), maxsplit=1)[0]
    return shorten(first, limit)
