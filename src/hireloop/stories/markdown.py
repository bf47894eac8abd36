"""The whole story bank as Markdown and back: one ``## Title`` per story, one ``### Part`` per part."""

from __future__ import annotations

import re

from pydantic import ValidationError

from hireloop.stories.models import TELLING_ORDER, Story
from hireloop.vocab import STORY_PARTS

HEADER = "# Story bank\n"
STORY_HEADING = re.compile(r"^##\s+(.*\S)\s*$")
PART_HEADING = re.compile(r"^###\s+(.*\S)\s*$")
_PART_NAMES = {label.lower(): key for key, label in STORY_PARTS.items()} | {key: key for key in STORY_PARTS}


class StoryImportError(ValueError):
    """Markdown that is not a story bank: says which line and what was expected."""


def to_markdown(stories: list[Story]) -> str:
    out = [HEADER]
    for story in stories:
        out.append(f"\n## {story.title}\n")
        for key in TELLING_ORDER:
            text = getattr(story, key)
            if text:
                out.append(f"\n### {STORY_PARTS[key]}\n\n{text}\n")
    return "".join(out)


def from_markdown(text: str, *, name: str = "stories.md") -> list[Story]:
    """Stories from Markdown written by ``to_markdown`` or by hand; any error names the line."""
    stories: list[Story] = []
    current: dict[str, str] | None = None
    part: str | None = None
    lines_of: dict[str, list[str]] = {}
    start_line = 0

    def finish() -> None:
        if current is None:
            return
        for key, lines in lines_of.items():
            current[key] = "\n".join(lines).strip()
        try:
            stories.append(Story.model_validate(current))
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "story"
            raise StoryImportError(f"{name}:{start_line}: {field}: {err['msg']}") from None

    for number, line in enumerate(text.splitlines(), 1):
        story_heading = STORY_HEADING.match(line)
        part_heading = PART_HEADING.match(line)
        if story_heading:
            finish()
            current, part, lines_of, start_line = {"title": story_heading.group(1)}, None, {}, number
        elif part_heading:
            if current is None:
                raise StoryImportError(f"{name}:{number}: a part heading before any '## Story title' line")
            label = part_heading.group(1).strip().rstrip(":").lower()
            if label not in _PART_NAMES:
                expected = ", ".join(STORY_PARTS.values())
                raise StoryImportError(
                    f"{name}:{number}: unknown part '{part_heading.group(1)}'; expected one of {expected}"
                )
            part = _PART_NAMES[label]
            lines_of[part] = []
        elif part is not None:
            lines_of[part].append(line)
        elif line.strip() and current is not None:
            raise StoryImportError(
                f"{name}:{number}: text outside a part; "
                "put it under a '### Situation' (or other part) heading"
            )
    finish()
    if not stories:
        raise StoryImportError(f"{name}: no stories found; each story starts with a '## Title' line")
    return stories
