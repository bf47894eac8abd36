"""Review resume bullets: a grade with flags (the grader), a checklist of what each bullet shows,
and a rewrite scaffold that keeps the user's facts and asks for the missing ones, never inventing any."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pydantic import BaseModel

from hireloop.assess.models import Assessment, Grader, GradingRequest
from hireloop.bank.loader import Bank

DEFAULT_ROLE = "AI product manager"


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    placeholder: str
    pattern: re.Pattern[str]
    competency: str


def _rx(*words: str) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(words) + r")", re.IGNORECASE)


ITEMS = (
    Item(
        "method",
        "a named system or method",
        "[which model approach, and why that one?]",
        _rx(
            r"gradient[- ]boost\w*",
            "xgboost",
            "lightgbm",
            "two[- ]tower",
            "transformer",
            r"llms?\b",
            r"classifier",
            r"ranker",
            r"ranking model",
            r"retrieval",
            r"\brag\b",
            r"fine[- ]tun\w*",
            r"logistic regression",
            r"embedding",
            r"anomaly detection",
            r"collaborative filtering",
            r"computer vision",
            r"\bcnn\b",
            r"forecast(?:ing)? model",
            r"recommend\w* model",
            r"random forest",
            r"neural",
            r"bert",
            r"\bgpt",
            r"regression model",
            r"scoring model",
            r"re-?ranker",
            r"clustering",
            r"nearest[- ]neighbo",
        ),
        "technical_depth",
    ),
    Item(
        "data",
        "the data behind it",
        "[what data trained and evaluated it, and how was it labeled?]",
        _rx(
            r"trained on",
            r"label\w*",
            r"annotat\w*",
            r"data ?set",
            r"training data",
            r"logs?\b",
            r"\d[\d,.]*\s*(?:k|m|million|thousand|billion)?\s*(?:transactions|reviews|tickets|images|claims|"
            r"examples|conversations|sessions|events|records|documents)",
            r"ground truth",
            r"feedback data",
            r"historical data",
            r"cold[- ]start",
            r"data from",
        ),
        "data_strategy",
    ),
    Item(
        "decisions",
        "your own decisions",
        "[what did you decide yourself: the model, the data or the metric?]",
        re.compile(
            r"\bI\s+(?:chose|decided|defined|set|picked|selected|prioriti[sz]ed|designed|wrote|"
            r"scoped|proposed|pushed|negotiated|killed|changed|redefined|framed|owned|led|ran)\b|"
            r"\b(?:chose|picked|selected)\b.{0,60}\b(?:over|instead of|rather than)\b|"
            r"\b(?:defined|set)\s+the\s+(?:success metric|metric|threshold|label|objective)",
            re.IGNORECASE,
        ),
        "ownership_and_leadership",
    ),
    Item(
        "lifecycle",
        "life after launch",
        "[how is it monitored and retrained after launch?]",
        _rx(
            r"monitor\w*",
            r"drift",
            r"retrain\w*",
            r"recalibrat\w*",
            r"shadow",
            r"canary",
            r"rollback",
            r"roll back",
            r"fallback",
            r"weekly refresh",
            r"alert\w*",
        ),
        "lifecycle",
    ),
    Item(
        "safeguards",
        "safeguards",
        "[which safeguard: consent, fairness check, human review or appeal?]",
        _rx(
            r"human review",
            r"human[- ]in[- ]the[- ]loop",
            r"appeal\w*",
            r"consent",
            r"fairness",
            r"bias audit",
            r"bias test\w*",
            r"guardrail\w*",
            r"escalat\w*",
            r"privacy",
            r"opt[- ]in",
            r"opt[- ]out",
            r"red[- ]team\w*",
            r"disparit\w*",
            r"adverse[- ]action",
            r"explainab\w*",
            r"reviewed by",
            r"audit\w*",
        ),
        "risk_and_responsibility",
    ),
    Item(
        "outcome",
        "a measured outcome",
        "[metric: from ... to ...]",
        re.compile(
            r"\d[\d,.]*\s*(?:%|pp|percent|points|x\b|ms\b|bps)|\$\s?\d|\bfrom\s+\S*\d\S*\s+to\s+\S*\d",
            re.IGNORECASE,
        ),
        "evaluation",
    ),
)
# Products whose bullets need safeguards: people are judged, watched or advised by the model.
SENSITIVE = _rx(
    r"credit",
    r"loan",
    r"lend\w*",
    r"hiring",
    r"recruit\w*",
    r"resume",
    r"candidate",
    r"health",
    r"patient",
    r"clinic\w*",
    r"medical",
    r"diagnos\w*",
    r"face",
    r"facial",
    r"biometric",
    r"moderation",
    r"surveil\w*",
    r"insurance",
    r"underwrit\w*",
    r"fraud",
    r"children",
    r"kids",
    r"teen\w*",
    r"chatbot",
    r"assistant",
    r"generative",
    r"llm",
    r"gpt",
    r"copilot",
    r"voice",
    r"location",
    r"tenant",
    r"police",
    r"welfare",
)


class ChecklistItem(BaseModel):
    key: str
    label: str
    status: str  # "shows", "lacks" or "not needed"
    quote: str | None = None


class BulletReview(BaseModel):
    text: str
    line: int | None = None
    assessment: Assessment
    checklist: dict[str, ChecklistItem]
    scaffold: str | None
    rewrite: str | None = None

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "line": self.line,
            "assessment": self.assessment.to_contract(),
            "checklist": {k: v.model_dump() for k, v in self.checklist.items()},
            "scaffold": self.scaffold,
            "rewrite": self.rewrite,
        }


class StoryPrompt(BaseModel):
    bullet: str
    why: str
    questions: list[str]


class ResumeSummary(BaseModel):
    evidenced: list[str]
    missing: list[str]
    stories: list[StoryPrompt]


def checklist(text: str) -> dict[str, ChecklistItem]:
    out = {}
    needs_safeguards = bool(SENSITIVE.search(text))
    for item in ITEMS:
        match = item.pattern.search(text)
        if match:
            out[item.key] = ChecklistItem(
                key=item.key, label=item.label, status="shows", quote=match.group(0)
            )
        elif item.key == "safeguards" and not needs_safeguards:
            out[item.key] = ChecklistItem(key=item.key, label=item.label, status="not needed")
        else:
            out[item.key] = ChecklistItem(key=item.key, label=item.label, status="lacks")
    return out


def scaffold(text: str, items: dict[str, ChecklistItem]) -> str:
    """The user's own bullet, followed only by placeholders for what it lacks: no invented facts."""
    missing = [i for i in ITEMS if items[i.key].status == "lacks"]
    base = text.strip().rstrip(".;")
    if not missing:
        return base + "."
    return base + "; " + "; ".join(i.placeholder for i in missing) + "."


def rewrite(text: str, *, needs_safeguards: bool) -> str:
    from hireloop.coach.rewrite import rewrite as strong_shape

    return strong_shape(text, needs_safeguards=needs_safeguards)


_WORDING = (
    (re.compile(r"\bthe question\b"), "the role"),
    (re.compile(r"\bThe question\b"), "The role"),
    (re.compile(r"\bthe answer\b"), "the bullet"),
    (re.compile(r"\bThe answer\b"), "The bullet"),
)


def _bullet_words(text: str | None) -> str | None:
    """The grader reads a bullet as an answer to the role; say "bullet" and "role" to the user."""
    if not text:
        return text
    for pattern, words in _WORDING:
        text = pattern.sub(words, text)
    return text


def _reworded(assessment: Assessment) -> Assessment:
    flags = [f.model_copy(update={"reason": _bullet_words(f.reason)}) for f in assessment.flags]
    return assessment.model_copy(
        update={
            "summary": _bullet_words(assessment.summary),
            "reason": _bullet_words(assessment.reason),
            "flags": flags,
        }
    )


def review_bullet(text: str, *, role: str, grader: Grader, line: int | None = None) -> BulletReview:
    assessment = _reworded(
        grader.assess(GradingRequest(round="portfolio_bullet", question=role or DEFAULT_ROLE, answer=text))
    )
    items = checklist(text)
    weak = (
        assessment.grade is None or assessment.grade <= 2 or any(i.status == "lacks" for i in items.values())
    )
    return BulletReview(
        text=text,
        line=line,
        assessment=assessment,
        checklist=items,
        scaffold=scaffold(text, items) if weak else None,
        rewrite=rewrite(text, needs_safeguards=items["safeguards"].status != "not needed") if weak else None,
    )


def summarise(reviews: list[BulletReview], bank: Bank) -> ResumeSummary:
    """Which competencies the resume evidences, what it never shows, and the stories to prepare."""
    shown: Counter[str] = Counter()
    for r in reviews:
        for item in ITEMS:
            if r.checklist[item.key].status == "shows":
                shown[item.competency] += 1
        for comp in r.assessment.competencies:
            if comp.grade >= 3:
                shown[comp.id] += 1
    all_items = {i.competency for i in ITEMS}
    missing = sorted(all_items - set(shown))
    behavioral = sorted(bank.by_round("behavioral"), key=lambda q: (q.difficulty, q.id))
    ranked = sorted(reviews, key=lambda r: -(r.assessment.grade or 0))
    stories = []
    used: set[str] = set()
    for r in ranked[:3]:
        shows = {i.competency for i in ITEMS if r.checklist[i.key].status == "shows"}
        lacks = {i.competency for i in ITEMS if r.checklist[i.key].status == "lacks"}
        words = set(re.findall(r"[a-z]+", r.text.lower()))

        def fit(q, shows=shows, lacks=lacks, words=words) -> tuple[int, int, int]:
            domain_hit = any(part in words for d in q.domains for part in d.split("-") if len(part) > 3)
            return (-int(domain_hit), -len((lacks | shows) & set(q.competencies)), q.difficulty)

        picks = [q.id for q in sorted(behavioral, key=fit) if q.id not in used][:2]
        used.update(picks)
        gaps = ", ".join(i.label for i in ITEMS if r.checklist[i.key].status == "lacks")
        why = "Interviewers will ask what you personally decided, on which data, and what changed after."
        if gaps:
            why += f" The bullet does not show {gaps}: have the story ready."
        stories.append(StoryPrompt(bullet=r.text, why=why, questions=picks))
    return ResumeSummary(evidenced=[c for c, _ in shown.most_common()], missing=missing, stories=stories)
