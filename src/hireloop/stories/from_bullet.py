"""A story started from a resume bullet: only the bullet's own words, placed where they belong."""

from __future__ import annotations

import re

from hireloop.coach.review import ITEMS
from hireloop.stories.models import MAX_TITLE_CHARS, Story

_OUTCOME = re.compile(
    r"[^,;.]*(?:\d[\d,.]*\s*(?:%|pp|percent|points|x\b|ms\b|bps)|\$\s?\d|\bfrom\s+\S*\d\S*\s+to\s+\S*\d)[^,;.]*",
    re.IGNORECASE,
)
TITLE_WORDS = 9


def story_from_bullet(bullet: str) -> Story:
    """Title from the bullet's first words, the whole bullet as the actions, its method phrase as the
    approach and its measured clause as the metric; every other part is left for the user to write."""
    text = " ".join(bullet.split()).strip(" -•*")
    words = text.split()
    title = " ".join(words[:TITLE_WORDS]).rstrip(",;:.") + ("…" if len(words) > TITLE_WORDS else "")
    method = next((i for i in ITEMS if i.key == "method"), None)
    approach = ""
    if method is not None:
        m = method.pattern.search(text)
        approach = m.group(0) if m else ""
    outcome = _OUTCOME.search(text)
    return Story(
        title=title[:MAX_TITLE_CHARS] or "A story from my resume",
        actions=text,
        approach=approach,
        metric=outcome.group(0).strip() if outcome else "",
    )
