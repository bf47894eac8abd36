"""Find the bullets in a resume: plain text or Markdown lists, or the text layer of a PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hireloop.inputs import clean_text, preview

MAX_UPLOAD_BYTES = 2_000_000
# Work limits: a resume is a few pages; anything far bigger is refused, never ground through.
MAX_PDF_PAGES = 20
MAX_TEXT_CHARS = 200_000
MAX_LINES = 5_000
MAX_BULLETS = 150
MAX_PDF_SECONDS = 10.0
# A list marker: any single symbol glyph (PDFs turn bullets into odd characters) or "1." / "1)".
BULLET_MARK = re.compile(r"^\s*(?:[^\w\s(\"'“‘\[$]|\d{1,2}[.)])\s+")
HEADING = re.compile(r"^\s*(?:#{1,6}\s|[A-Z][A-Z &/]{2,40}:?\s*$)")
ACTION_START = re.compile(
    r"^(?:led|built|launched|shipped|owned|drove|designed|created|defined|scaled|grew|reduced|increased|"
    r"improved|delivered|managed|developed|introduced|partnered|spearheaded|established|replaced|cut|"
    r"automated|used|leveraged|implemented|integrated|ran|set|wrote|rebuilt|redesigned|deployed|"
    r"trained|piloted|negotiated|migrated|headed)\b",
    re.IGNORECASE,
)
MIN_WORDS = 5


class ResumeError(ValueError):
    """A resume that cannot be read; says what was wrong and what is accepted."""


@dataclass(frozen=True)
class ExtractedBullet:
    text: str
    line: int  # 1-based line where the bullet starts in the extracted text


def check_size(text: str, name: str = "the text") -> None:
    """Refuse text too large to review in reasonable time, saying which limit it passes."""
    if len(text) > MAX_TEXT_CHARS:
        raise ResumeError(f"{name}: {len(text):,} characters is over the {MAX_TEXT_CHARS:,}-character limit")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise ResumeError(f"{name}: {lines:,} lines is over the {MAX_LINES:,}-line limit")


def bullets_from_text(text: str) -> list[ExtractedBullet]:
    """Bullets from text: list items (wrapped lines joined), or action-verb lines when there is no list."""
    check_size(text)
    lines = text.splitlines()
    marked = [i for i, line in enumerate(lines) if BULLET_MARK.match(line)]
    out: list[ExtractedBullet] = []
    if marked:
        i = 0
        while i < len(lines):
            if not BULLET_MARK.match(lines[i]):
                i += 1
                continue
            start, parts = i, [BULLET_MARK.sub("", lines[i]).strip()]
            i += 1
            # A wrapped continuation: indented or lower-case, not blank, not a new bullet or heading.
            while (
                i < len(lines)
                and lines[i].strip()
                and not BULLET_MARK.match(lines[i])
                and not HEADING.match(lines[i])
                and (lines[i][:1].isspace() or lines[i].strip()[:1].islower())
            ):
                parts.append(lines[i].strip())
                i += 1
            joined = " ".join(parts)
            if len(joined.split()) >= MIN_WORDS:
                out.append(ExtractedBullet(joined, start + 1))
        return out
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if (
            stripped
            and not HEADING.match(line)
            and len(stripped.split()) >= MIN_WORDS
            and (ACTION_START.match(stripped) or len(lines) <= 3 or _single_bullets(lines))
        ):
            out.append(ExtractedBullet(stripped, number))
    return out


def _single_bullets(lines: list[str]) -> bool:
    """A plain file with one bullet per line (blank lines allowed)."""
    content = [line for line in lines if line.strip()]
    return bool(content) and all(len(line.split()) < 80 for line in content)


def text_from_pdf(data: bytes, name: str = "resume.pdf", kind: str = "resume") -> str:
    try:
        from io import BytesIO

        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise ResumeError(f"reading a PDF {kind} needs pypdf: pip install 'hireloop[pdf]'") from None
    import time

    started = time.monotonic()
    try:
        reader = PdfReader(BytesIO(data))
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise ResumeError(f"{name}: {pages:,} pages is over the {MAX_PDF_PAGES}-page limit for a resume")
        parts: list[str] = []
        size = 0
        for page in reader.pages:
            part = page.extract_text() or ""
            parts.append(part)
            size += len(part)
            if size > MAX_TEXT_CHARS:
                raise ResumeError(
                    f"{name}: more than {MAX_TEXT_CHARS:,} characters of text; upload the resume itself"
                )
            if time.monotonic() - started > MAX_PDF_SECONDS:
                raise ResumeError(
                    f"{name}: reading the PDF took over {MAX_PDF_SECONDS:.0f} s; paste the bullets as text"
                )
        text = "\n".join(parts)
    except ResumeError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, RecursionError) as exc:
        raise ResumeError(f"{name}: not a readable PDF ({preview(str(exc), limit=120)})") from None
    except Exception as exc:  # pypdf raises many types on hostile files (LimitReachedError, TypeError...)
        raise ResumeError(f"{name}: not a readable PDF ({type(exc).__name__})") from None
    if not text.strip():
        raise ResumeError(f"{name}: the PDF has no text layer (a scanned image?); paste the bullets as text")
    return text


def read_resume(data: bytes, name: str, kind: str = "resume") -> str:
    """Text of an uploaded or given resume (or job description, ``kind``): PDF, or UTF-8 plain
    text/Markdown; anything else is refused."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ResumeError(f"{name}: {len(data):,} bytes is over the {MAX_UPLOAD_BYTES:,}-byte limit")
    if data.startswith(b"%PDF"):
        return text_from_pdf(data, name, kind)
    if b"\x00" in data[:4096]:
        raise ResumeError(f"{name}: not a PDF or a text file; upload a PDF {kind} or plain text/Markdown")
    try:
        return clean_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ResumeError(f"{name}: not UTF-8 text; upload a PDF {kind} or plain text/Markdown") from None


def read_resume_file(path: Path, kind: str = "resume") -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ResumeError(f"cannot read {path}: {exc.strerror or exc}") from None
    return read_resume(data, str(path), kind)
