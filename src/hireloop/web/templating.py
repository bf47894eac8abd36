"""Jinja2 templates with autoescape on (answers are user text) and shared helpers."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from fastapi.templating import Jinja2Templates

from hireloop import vocab
from hireloop.web.caching import static_url
from hireloop.web.deps import current_account

TEMPLATES = Path(__file__).parent / "templates"

NAV = [
    ("/", "Today"),
    ("/bank", "Bank"),
    ("/practice", "Practice"),
    ("/grade", "Grade an answer"),
    ("/drills", "Drills"),
    ("/exercises", "Exercises"),
    ("/bullets", "Bullets"),
    ("/targets", "Targets"),
    ("/stories", "Stories"),
    ("/plan", "Plan"),
    ("/progress", "Progress"),
]


def _voice_ready(request) -> bool:
    from hireloop.web.routes.voice import voice_available

    return voice_available(request)


def _suggested_length(round_id: str | None, probe: bool = False) -> tuple[int, int]:
    from hireloop.voice.delivery import suggested_length

    return suggested_length(round_id, probe=probe)


def make_templates(*, static_versions: dict[str, str] | None = None) -> Jinja2Templates:
    templates = Jinja2Templates(directory=TEMPLATES)
    env = templates.env
    env.autoescape = True
    env.auto_reload = False  # templates ship with the package: no file check on every render
    env.globals.update(
        ROUNDS=vocab.ROUNDS,
        ROUND_PURPOSE=vocab.ROUND_PURPOSE,
        FLAGS=vocab.FLAGS,
        COMPETENCIES=vocab.COMPETENCIES,
        COMPETENCY_LABELS=vocab.COMPETENCY_LABELS,
        DECISION_LABELS=vocab.DECISION_LABELS,
        ROLE_LABELS=vocab.ROLE_LABELS,
        NAV=NAV,
        current_account=current_account,
        TARGET_DOMAINS=vocab.TARGET_DOMAINS,
        LEVELS=vocab.LEVELS,
        SKILLS=vocab.SKILLS,
        STORY_PARTS=vocab.STORY_PARTS,
        DELIVERY_STATUS=vocab.DELIVERY_STATUS,
        voice_ready=_voice_ready,
        suggested_length=_suggested_length,
        FLAG_LABELS=vocab.FLAG_LABELS,
        ANCHOR_LISTS=vocab.ANCHOR_LISTS,
        plain=vocab.plain,
        static=partial(static_url, static_versions or {}),
    )
    env.filters["plain"] = vocab.plain
    env.filters["plain_list"] = vocab.plain_list
    return templates
