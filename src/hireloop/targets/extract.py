"""Job description -> TargetProfile, deterministically: weighted cue phrases (see lexicon.py), each
finding quoting its evidence with offsets. Pure: text in, data out."""

from __future__ import annotations

import re

from hireloop.targets import lexicon as lx
from hireloop.targets.models import Finding, Quote, TargetProfile

ENGINE_VERSION = "jd-lexicon-1"
MAX_QUOTES = 4


def score_cues(text: str, cue_list: tuple[lx.Cue, ...], *, offset: int = 0) -> tuple[float, list[Quote]]:
    """The score of a cue list on a text and its quotes: overlapping matches count once (the earlier
    cue wins), and each cue counts at most ``CUE_CAP`` times."""
    taken: list[tuple[int, int]] = []
    score = 0.0
    quotes: list[Quote] = []
    for cue in cue_list:
        count = 0
        for m in cue.pattern.finditer(text):
            if m.end() == m.start() or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            count += 1
            if count <= lx.CUE_CAP:
                score += cue.weight
            quotes.append(Quote(quote=m.group(0), start=m.start() + offset, end=m.end() + offset))
    quotes.sort(key=lambda q: q.start)
    return score, quotes


def _title(text: str) -> tuple[str, int]:
    """The first non-empty line (a Markdown heading mark dropped) and where it starts."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            heading = re.match(r"#+\s*", line[lead:])
            start = pos + lead + (heading.end() if heading else 0)
            return text[start : pos + len(line.rstrip())], start
        pos += len(line)
    return "", 0


def _domains(text: str, title: str, title_start: int) -> list[Finding]:
    scored: list[Finding] = []
    for domain, cue_list in lx.DOMAIN_CUES.items():
        score, quotes = score_cues(text, cue_list)
        title_score, _ = score_cues(title, cue_list)
        if title_score:
            score += lx.TITLE_BONUS
        if score:
            scored.append(Finding(id=domain, score=score, evidence=quotes[:MAX_QUOTES]))
    if not scored:
        return []
    top = max(f.score for f in scored)
    keep = [f for f in scored if f.score >= lx.DOMAIN_MIN_SCORE and f.score >= lx.DOMAIN_MIN_SHARE * top]
    return sorted(keep, key=lambda f: (-f.score, f.id))


def _level(text: str, title: str, title_start: int) -> Finding | None:
    for level in lx.LEVEL_ORDER:
        for cue in lx.LEVEL_TITLE_CUES[level]:
            m = cue.pattern.search(title)
            if m:
                quote = Quote(quote=m.group(0), start=title_start + m.start(), end=title_start + m.end())
                return Finding(id=level, score=1.0, evidence=[quote])
    m = lx.MANAGES_PMS.search(text)
    if m:
        return Finding(
            id="group", score=0.5, evidence=[Quote(quote=m.group(0), start=m.start(), end=m.end())]
        )
    years = [(int(y.group(1)), y) for y in lx.YEARS.finditer(text)]
    if years:
        n, y = max(years, key=lambda pair: pair[0])
        level = "staff" if n >= 10 else "senior" if n >= 5 else "mid"
        return Finding(id=level, score=0.5, evidence=[Quote(quote=y.group(0), start=y.start(), end=y.end())])
    return None


def _scored(
    text: str, table: dict[str, tuple[lx.Cue, ...]], minimum: dict[str, float] | float
) -> list[Finding]:
    out = []
    for key, cue_list in table.items():
        score, quotes = score_cues(text, cue_list)
        needed = minimum[key] if isinstance(minimum, dict) else minimum
        if score >= needed:
            out.append(Finding(id=key, score=score, evidence=quotes[:MAX_QUOTES]))
    return out


def _responsibilities(text: str) -> list[Quote]:
    """List items under a responsibilities heading; failing that, "You will ..." sentences."""
    out: list[Quote] = []
    inside = False
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if lx.RESPONSIBILITY_HEADINGS.match(body) and len(body.split()) <= 6:
            inside = True
        elif lx.OTHER_HEADINGS.match(body) and len(body.split()) <= 6:
            inside = False
        elif inside:
            mark = lx.LIST_MARK.match(body)
            if mark:
                start = pos + mark.end()
                out.append(
                    Quote(
                        quote=text[start : pos + len(body.rstrip())],
                        start=start,
                        end=pos + len(body.rstrip()),
                    )
                )
            elif out and body.strip() and body[:1].isspace():
                # a wrapped list item: extend the last quote to the end of this line
                last = out[-1]
                end = pos + len(body.rstrip())
                out[-1] = Quote(quote=text[last.start : end], start=last.start, end=end)
        pos += len(line)
    if out:
        return out
    for m in re.finditer(r"(?:^|(?<=[.!?]\s))(You will [^.!?]+[.!?])", text):
        out.append(Quote(quote=m.group(1), start=m.start(1), end=m.end(1)))
    return out


def extract_target(text: str) -> TargetProfile:
    """Read a job description: domains, level, stressed rounds and competencies, named skills,
    responsibilities and whether it is an AI role, each with the quotes that support it."""
    title, title_start = _title(text)
    ai_score, _ = score_cues(text, lx.AI_ROLE)
    ai_role = ai_score >= lx.AI_ROLE_MIN
    rounds = _scored(text, lx.ROUND_CUES, lx.ROUND_MIN_SCORE)
    if not ai_role:
        rounds = [r for r in rounds if r.id == "behavioral"]
    return TargetProfile(
        title=title.strip(),
        domains=_domains(text, title, title_start),
        level=_level(text, title, title_start),
        rounds=rounds,
        competencies=_scored(text, lx.COMPETENCY_CUES, lx.COMPETENCY_MIN_SCORE),
        skills=_scored(text, lx.SKILL_CUES, 1.0),
        responsibilities=_responsibilities(text),
        ai_role=ai_role,
        engine="lexicon",
        engine_version=ENGINE_VERSION,
    )


MIN_WORDS = 30


class JobDescriptionError(ValueError):
    """Text that cannot be read as a job description; says why."""


def check_job_description(text: str, *, name: str = "the job description") -> str:
    words = len(text.split())
    if words < MIN_WORDS:
        raise JobDescriptionError(
            f"{name}: {words} word{'s' if words != 1 else ''} is too short to read as a job description; "
            f"paste the whole posting (at least {MIN_WORDS} words)"
        )
    return text
