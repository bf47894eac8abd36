"""Untrusted input made safe in one place: whole numbers with bounds, text without NUL or lone surrogates.

Every route and command that takes a number or stores text goes through these, so PostgreSQL and
SQLite see the same values and no input reaches ``int()`` or the database unchecked.
"""

from __future__ import annotations

import re

INT32_MAX = 2**31 - 1  # INTEGER columns on PostgreSQL
SEED_MAX = INT32_MAX
MAX_KEY_CHARS = 128  # draft keys and ids chosen by clients
_DIGITS = re.compile(r"[+-]?[0-9]{1,19}", re.ASCII)  # ASCII only: '²' and '٣' are not digits here
_SURROGATES = re.compile("[\ud800-\udfff]")


class InputError(ValueError):
    """A value that cannot be accepted; the message names the field and what was expected."""


def preview(value: object, limit: int = 40) -> str:
    """A short, printable rendering of any value for an error message (never the whole of a huge one)."""
    text = value if isinstance(value, str) else repr(value)
    text = _SURROGATES.sub("\ufffd", text)
    shown = text[:limit] + ("…" if len(text) > limit else "")
    return repr(shown)


def parse_int(text: object, *, field: str, minimum: int, maximum: int) -> int:
    """A whole number written in ASCII digits, within [minimum, maximum]; InputError otherwise."""
    expected = f"{field}: expected a whole number from {minimum} to {maximum}"
    if isinstance(text, bool):
        raise InputError(f"{expected}, got {preview(text)}")
    if isinstance(text, int):
        value = text
    elif isinstance(text, str) and _DIGITS.fullmatch(text.strip()):
        value = int(text.strip())
    else:
        raise InputError(f"{expected}, got {preview(text)}")
    if not minimum <= value <= maximum:
        raise InputError(f"{expected}, got {preview(value)}")
    return value


def optional_int(text: str | None, *, field: str, minimum: int, maximum: int) -> int | None:
    """Like parse_int, but an empty value means "not given"."""
    if text is None or not str(text).strip():
        return None
    return parse_int(text, field=field, minimum=minimum, maximum=maximum)


def clean_text(text: str) -> str:
    """Text safe for every store: NUL removed (PostgreSQL rejects it), lone surrogates replaced."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text
