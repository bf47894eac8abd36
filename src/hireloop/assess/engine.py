"""The offline rubric engine: an explainable, deterministic grader over concept signals."""

from __future__ import annotations

from dataclasses import dataclass

from hireloop.assess import bullets as bl
from hireloop.assess import lexicon as lx
from hireloop.assess import semantic
from hireloop.assess.anchors import Coverage, coverage, must_show_cap, next_level
from hireloop.assess.concepts import Hit, Signals, detect
from hireloop.assess.confidence import measured, word_count
from hireloop.assess.contexts import contexts_of
from hireloop.assess.flags import Credit, Finding, decide, minor_lifecycle, split_secondary
from hireloop.assess.judgement import RULES, CapRule, misconception_caps
from hireloop.assess.misconceptions import Catalogue, Found, builtin_catalogue
from hireloop.assess.models import (
    Assessment,
    Cap,
    CompetencyGrade,
    Evidence,
    Flag,
    GradingRequest,
    MisconceptionFound,
    Strength,
)
from hireloop.assess.relevance import GENERATIVE, Context, build_context, off_question
from hireloop.assess.scoring import SECONDARY_RICHNESS, competency_grades, grade, richness
from hireloop.assess.text import MAX_CHARS, STOPWORDS, Span, check_readable, truncate, words
from hireloop.vocab import DECISION_LABELS, FLAG_COMPETENCIES, FLAGS, GRADE_DECISIONS

ENGINE_VERSION = "rubric-3.2"
_STOP = STOPWORDS


@dataclass(slots=True)
class Analysis:
    """One gradable answer's signals, context and flags, before the grade."""

    answer: str
    notes: list[str]
    sig: Signals
    ctx: Context
    findings: list[Finding]
    credit: Credit
    wrong: list[Found]
    rubric: Coverage | None = None


def _evidence(spans: list[Span]) -> list[Evidence]:
    return [Evidence(quote=s.text, start=s.start, end=s.end) for s in spans]


class RubricGrader:
    """Grades an answer from concept signals, with evidence quotes for every flag and competency."""

    name = "rubric"
    version = ENGINE_VERSION
    engine_version = ENGINE_VERSION

    def __init__(self, params: dict | None = None, *, catalogue: Catalogue | None = None) -> None:
        """``params`` overrides the learned settings in model/grader.json (used when retraining);
        ``catalogue`` the misconception catalogue (the built-in one by default)."""
        self.params = semantic.params() if params is None else params
        self.catalogue = builtin_catalogue() if catalogue is None else catalogue

    def _semantic(self) -> tuple[float, float] | None:
        p = self.params.get("semantic")
        if p is None:
            return semantic.DEFAULT_THRESHOLD, semantic.DEFAULT_MARGIN
        if not p.get("enabled", True):
            return None
        return float(p["threshold"]), float(p["margin"])

    def analyse(self, request: GradingRequest) -> Assessment | Analysis:
        """Everything the grade is computed from, or the final assessment when no grading is needed
        (unscorable, echo or off-topic answers). Used by ``assess`` and by the retraining script."""
        readable = check_readable(request.answer)
        if readable.reason:
            return self._unscorable(readable.reason)
        answer, cut = truncate(request.answer)
        notes = [f"Only the first {MAX_CHARS:,} characters were graded."] if cut else []
        q_words, a_words = _content_words(request.question), _content_words(answer)
        if _echoes_question(q_words, a_words):
            return self._graded_one(
                "The answer repeats the question back without answering it.", answer=answer, notes=notes
            )
        sig = detect(answer, semantic=self._semantic())
        _mark_restated(q_words, a_words, sig)
        elsewhere = off_question(request, answer, jargon=bool(sig.warn("listy")) or sig.fluff >= 2)
        if elsewhere:
            return self._graded_one(elsewhere, answer=answer, notes=notes)
        ctx = build_context(request)
        if _off_ai(request, answer, sig):
            return self._graded_one(
                "The answer is off the question: it never engages with the AI or ML side the question asks "
                "about (no model, data, prediction or AI behaviour is discussed).",
                answer=answer,
                notes=notes,
            )
        bullet_ai = request.round == "portfolio_bullet" and _ai_work(answer)
        if not bullet_ai and not sig.hits and not sig.warnings and not _on_topic(request, answer):
            return self._graded_one(
                "The answer does not address the question: it shows no idea about the product, model, data, "
                "evaluation or the candidate's AI work.",
                answer=answer,
                notes=notes,
            )
        rubric = _rubric_coverage(request, sig)
        if rubric is not None and _misses_the_rubric(request, rubric, sig):
            return self._graded_one(
                "The answer is off the question: it covers almost none of what this question's own rubric "
                f"asks for ({len(rubric.parts) - sum(rubric.covered)} of {len(rubric.parts)} parts "
                "untouched), "
                "so it answers a different problem.",
                answer=answer,
                notes=notes,
            )
        question = " ".join([request.question, *request.notes])
        spans = [i.span for i in sig.sentences]
        wrong = self.catalogue.find(spans, contexts_of(question, answer), request.question)
        _uncredit(sig, wrong)
        findings, credit = decide(ctx, sig)
        findings = _with_misconceptions(findings, wrong)
        return Analysis(answer, notes, sig, ctx, findings, credit, wrong, rubric)

    def assess(self, request: GradingRequest) -> Assessment:
        """Grade one answer; unscorable input gets a reason and no grade. Pure and deterministic."""
        a = self.analyse(request)
        if isinstance(a, Assessment):
            return a
        sig, ctx, findings, credit, notes = a.sig, a.ctx, a.findings, a.credit, a.notes
        model = self.params.get("grade")
        findings, secondary = split_secondary(ctx, sig, findings)
        if secondary and richness(ctx, sig, credit) >= SECONDARY_RICHNESS:
            findings.extend(secondary)  # a substantive answer: there the missing piece stands out
        breakdown = grade(ctx, sig, credit, findings, model)
        minor = minor_lifecycle(ctx, credit)
        if minor and breakdown.grade >= 3:
            findings.append(minor)
            if not model:
                breakdown = grade(ctx, sig, credit, findings, model)
        g = breakdown.grade
        only_silent = all(ctx.mode(f.id) == "silent" for f in findings) and not breakdown.caps and not a.wrong
        if g <= 2 and only_silent and breakdown.richness >= SILENT_FLOOR_RICHNESS:
            g = 3  # nothing a committee would write down: a grade below hire must name its reason
        caps = [CapRule(rule, grade_, RULES[rule]) for rule, grade_ in breakdown.caps]
        caps += misconception_caps(a.wrong)
        for cap in caps:
            g = min(g, cap.grade)
        short = must_show_cap(a.rubric) if a.rubric is not None and g == 4 else None
        if short:
            caps.append(CapRule("rubric_must_show", 3, short))
            g = 3
        named = {f.id for f in findings if ctx.mode(f.id) != "silent"} | {m.entry.flag for m in a.wrong}
        findings = [f for f in findings if f.id in named]  # silent gaps weigh in the grade, not named
        comps = competency_grades(g, findings, credit)
        competencies = [
            CompetencyGrade(
                id=comp,  # type: ignore[arg-type]
                grade=cg,
                evidence=_evidence([sig.sentences[i].span for i in sents])
                or _evidence(_flag_spans(findings, comp)),
            )
            for comp, (cg, sents) in comps.items()
        ]
        flags = [Flag(id=f.id, reason=f.reason, evidence=_evidence(f.evidence)) for f in findings]  # type: ignore[arg-type]
        strengths = _strengths(sig, credit)
        assessment = Assessment(
            status="graded",
            grade=g,
            decision=GRADE_DECISIONS[g],  # type: ignore[arg-type]
            flags=flags,
            competencies=competencies,
            summary=_summary(g, findings, strengths, ctx, notes, a.wrong),
            engine=self.name,
            engine_version=self.version,
            strengths=strengths,
            misconceptions=[_misconception(m) for m in a.wrong],
            caps=[Cap(rule=c.rule, grade=c.grade, reason=c.reason) for c in caps],
            next_level=next_level(a.rubric) if a.rubric is not None and g < 4 else None,
        )
        assessment.confidence = measured(assessment, word_count(request.answer))
        return assessment

    def _unscorable(self, reason: str) -> Assessment:
        return Assessment(
            status="unscorable",
            reason=reason,
            summary=f"Not graded: {reason}",
            engine=self.name,
            engine_version=self.version,
        )

    def _graded_one(self, reason: str, *, answer: str, notes: list[str]) -> Assessment:
        assessment = Assessment(
            status="graded",
            grade=1,
            decision="strong_no_hire",
            reason=reason,
            summary=" ".join([f"{DECISION_LABELS['strong_no_hire']} (1/4). {reason}", *notes]),
            engine=self.name,
            engine_version=self.version,
        )
        assessment.confidence = measured(assessment, word_count(answer))
        return assessment


def _rubric_coverage(request: GradingRequest, sig: Signals) -> Coverage | None:
    anchor = (request.rubric or {}).get(4)
    spans = [i.span for i in sig.sentences]
    return coverage(anchor, spans, must_show=request.must_show, also=request.also) if anchor else None


OFF_RUBRIC_SHARE = 0.28
OFF_RUBRIC_MIN_WORDS = 150
OFF_RUBRIC_MIN_PARTS = 6
"""A long answer to a bank question that touches under 28% of the parts of its grade-4 anchor (must-show and
also items, long items split at their clauses) answers another problem: on the sets tuned on, answers to a
neighbouring question covered 0-0.27 (one at 0.33), answers on the question 0.3 or more but for one at 0.2
(a long wrong answer, labeled 2)."""


def _misses_the_rubric(request: GradingRequest, rubric: Coverage, sig: Signals) -> bool:
    return (
        request.round != "portfolio_bullet"
        and sig.n_words >= OFF_RUBRIC_MIN_WORDS
        and len(rubric.parts) >= OFF_RUBRIC_MIN_PARTS
        and rubric.share < OFF_RUBRIC_SHARE
    )


def _uncredit(sig: Signals, wrong: list[Found]) -> None:
    """A sentence that makes a wrong claim is never evidence for a strength or a competency."""
    bad = {i for f in wrong for i in f.sentences}
    if bad:
        sig.hits = [
            Hit(h.concept, h.sentence, h.quote, False, h.semantic) if h.sentence in bad and h.credited else h
            for h in sig.hits
        ]


SILENT_FLOOR_RICHNESS = 0.3
"""An answer with some substance whose only gaps are silent ones (weighed, never named) is at least a 3."""

SEVERITY_WEIGHT = {"disqualifying": 1.6, "major": 1.0}


def _with_misconceptions(findings: list[Finding], wrong: list[Found]) -> list[Finding]:
    """Each disqualifying or major claim raises its flag, quoting the sentence that makes it (minor ones
    only teach)."""
    out = list(findings)
    for m in wrong:
        if m.entry.severity not in SEVERITY_WEIGHT:
            continue
        figures = " ".join(m.details) + ". " if m.details else ""
        reason = f"{m.entry.title}: {figures}{_first_sentence(m.entry.why)}"
        same = next((f for f in out if f.id == m.entry.flag), None)
        if same is None:
            out.append(Finding(m.entry.flag, reason, list(m.quotes[:2]), SEVERITY_WEIGHT[m.entry.severity]))
        else:
            same.reason = f"{reason} {same.reason}"
            same.evidence = [*m.quotes[:2], *[e for e in same.evidence if e not in m.quotes]][:3]
            same.weight = max(same.weight, SEVERITY_WEIGHT[m.entry.severity])
    return out


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    cut = text.find(". ")
    return text if cut < 0 else text[: cut + 1]


def _misconception(m: Found) -> MisconceptionFound:
    why = " ".join(m.entry.why.split())
    if m.details:
        why = "The right figure: " + "; ".join(m.details) + ". " + why
    return MisconceptionFound(
        id=m.entry.id,
        title=m.entry.title,
        flag=m.entry.flag,  # type: ignore[arg-type]
        severity=m.entry.severity,
        why=why,
        card=m.entry.card,
        probe=m.entry.probe,
        evidence=_evidence(list(m.quotes[:3])),
    )


def _content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in _STOP and len(w) > 2]


def _echoes_question(q_words: list[str], a: list[str]) -> bool:
    """True when the answer (its content words) is mostly the question's own words, with little added."""
    q = set(q_words)
    if not q or not a:
        return False
    new = [w for w in a if w not in q]
    return len(a) <= 3 * len(q) + 5 and len(new) / len(a) < 0.3


RESTATED_SHARE = 0.35
"""Share of an answer's content words taken from the question above which the answer mostly says the
question back ("offline metrics are measured offline, online metrics online"). Answers that explain
or design something bring their own words: on the labeled sets they sit below 0.3."""
RESTATED_MIN_WORDS = 25
RESTATED_MAX_NEW = 50
"""An answer that brings this many distinct content words of its own (by five-letter stem) is not a
restatement, whatever share of its words it takes from the question: answers to long, detailed questions
reuse their terms. On the labeled sets, restatements brought 27-40; answers labeled 4 that the share alone
marked as restated (questions of 57-58 content words) brought 55-107."""


def _question_share(qstems: set[str], a: list[str]) -> tuple[float, int]:
    if not a:
        return 0.0, 0
    return sum(1 for w in a if w[:5] in qstems) / len(a), len(a)


def _mark_restated(q_words: list[str], a_words: list[str], sig: Signals) -> None:
    """Warn 'restated' on the sentences of an answer that, as a whole, mostly restates the question
    (``q_words``/``a_words``: the content words of each)."""
    qstems = {w[:5] for w in q_words}
    if not qstems:
        return
    share, n = _question_share(qstems, a_words)
    if n < RESTATED_MIN_WORDS or share < RESTATED_SHARE:
        return
    if len({w[:5] for w in a_words} - qstems) >= RESTATED_MAX_NEW:
        return
    from hireloop.assess.concepts import Hit

    hits = [
        Hit("restated", i, info.span, False)
        for i, info in enumerate(sig.sentences)
        if _question_share(qstems, _content_words(info.span.text))[0] >= RESTATED_SHARE - 0.1
    ]
    sig.warnings["restated"] = hits or [Hit("restated", 0, sig.sentences[0].span, False)]


_AI_CONCEPTS = (
    "offline_eval",
    "human_review",
    "data_source",
    "guardrail",
    "cold_start",
    "data_quality",
    "fairness",
)


def _off_ai(request: GradingRequest, answer: str, sig: Signals) -> bool:
    """An answer that never touches the AI or ML side of a question that asks about it."""
    if lx.ML_VOCAB.search(answer):
        return False
    if request.round == "portfolio_bullet":
        if _ai_work(answer):
            return False
        # A bullet for an AI role that shows no AI work at all: no model, generated output, review or data.
        return not GENERATIVE.search(answer) and not any(
            sig.credited(c) for c in ("human_review", "guardrail", "offline_eval", "data_source")
        )
    if not lx.ML_VOCAB.search(request.question + " " + ROUND_AI[request.round]):
        return False
    if request.round == "behavioral" and not GENERATIVE.search(answer) and not _ai_work(answer):
        # A story asked to be about AI work that never names a model, an AI feature or generated output
        # is a story about other work, however well told: business words (targets, reviews, historical
        # data) are not the AI concepts they resemble.
        return True
    return sum(1 for c in _AI_CONCEPTS if sig.credited(c)) <= 1


def _ai_work(answer: str) -> bool:
    """AI work named by the words model, AI or ML, by a capability (face matching, OCR, a chatbot) or by
    a named system or method (an agent, a classifier, tool calls)."""
    return bool(
        lx.ML_VOCAB.search(answer)
        or bl.AI_WORK.search(answer)
        or bl.VAGUE_AI.search(answer)
        or bl.METHOD.search(answer)
    )


ROUND_AI = {
    "ml_system_design": "model",
    "ai_product_sense": "ai",
    "technical_deep_dive": "model",
    "responsible_ai": "ai",
    "behavioral": "",
    "portfolio_bullet": "ai",
}
_DOMAIN = lx._rx(
    r"\bmodels?\b|\bdata\b|\busers?\b|\bcustomers?\b|\bmetrics?\b|\blaunch\w*|\bproduct\w*|\bml\b|\bai\b",
    r"\bllms?\b|\bfeatures?\b|\btrain\w*|\bpredict\w*|\bteam\b|\bexperiment\w*|\balgorithm\w*|\bprecision\b",
)


def _on_topic(request: GradingRequest, answer: str) -> bool:
    """Some sign the answer is about the question or about AI product work at all."""
    if len(_DOMAIN.findall(answer)) >= 2:
        return True
    q = set(_content_words(request.question))
    return len(q & set(_content_words(answer))) >= max(2, len(q) // 3)


def _flag_spans(findings: list[Finding], comp: str) -> list[Span]:
    return [s for f in findings if comp in FLAG_COMPETENCIES.get(f.id, ()) for s in f.evidence][:3]


def _strengths(sig: Signals, credit: Credit) -> list[Strength]:
    """What the answer did well: each credited concept once, with up to two quotes."""
    out: list[Strength] = []
    used: set[int] = set()  # one sentence backs at most one strength
    by_concept = {c.id: credit.hits(c.id) for c in lx.CONCEPTS}
    order = sorted(lx.CONCEPTS, key=lambda c: len({h.sentence for h in by_concept[c.id]}))
    chosen: dict[str, list[Span]] = {}
    for concept in order:  # the concept with the fewest sentences picks first, so each keeps one
        seen: dict[int, Span] = {}
        for h in by_concept[concept.id]:
            if h.sentence not in used:
                seen.setdefault(h.sentence, h.quote)
        if seen:
            picked = list(seen.items())[:2]
            used.update(i for i, _ in picked)
            chosen[concept.id] = [q for _, q in picked]
    for concept in lx.CONCEPTS:
        spans = chosen.get(concept.id)
        if not spans:
            continue
        point = concept.label[0].upper() + concept.label[1:] + "."
        out.append(Strength(point=point, evidence=_evidence(spans)))
    return out


def _summary(
    g: int,
    findings: list[Finding],
    strengths: list[Strength],
    ctx: Context,
    notes: list[str],
    wrong: list[Found],
) -> str:
    head = f"{DECISION_LABELS[GRADE_DECISIONS[g]]} ({g}/4)."
    good = [s.point.rstrip(".").lower() for s in strengths[:3]]
    parts = [head]
    serious = [m for m in wrong if m.entry.severity != "minor"]
    if serious:
        parts.append("Wrong: " + "; ".join(m.entry.title.rstrip(".").lower() for m in serious) + ".")
    if good:
        parts.append("Strengths: " + "; ".join(good) + ".")
    if findings:
        parts.append("Concerns: " + "; ".join(FLAGS[f.id].rstrip(".").lower() for f in findings[:4]) + ".")
    elif g >= 3:
        parts.append("No concerns the round calls for.")
    return " ".join([*parts, *notes])
