"""Flag decisions: each relevant flag is raised from the answer's signals, with a reason and quotes.

A flag for something missing says what was missing and which part of the question called for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hireloop.assess import bullets as bl
from hireloop.assess import lexicon as lx
from hireloop.assess.concepts import Hit, Signals
from hireloop.assess.relevance import GENERATIVE, Context
from hireloop.assess.text import Span

RESPONSIBLE = ("privacy", "fairness", "transparency", "safety_misuse", "legal")
MEASURE_WORDS = re.compile(
    r"\bmeasur\w*|\bmetrics?\b|\btrack\w*|\bsuccess\b|\bkpis?\b|\bgoals?\b|\bjudg\w+|\boptimi[sz]\w*"
    r"|\bcompar\w+|\ba/?b\b|\bexperiment\w*|\brates?\b|\bper (?:day|week|user|session|trip)\b"
    r"|\bdashboards?\b|\bwatch\w*|\bcount\w*",
    re.I,
)
"""Words that make an engagement figure the yardstick ("success is weekly users"), not a passing mention
("balance safety and engagement")."""
USER_RATING = re.compile(
    r"\bsurvey\w*|\bcsat\b|\bsatisfaction (?:score|rating|survey)s?\b|\bthumbs[- ]?(?:up|down)\b"
    r"|\b(?:star )?ratings? (?:of|on|for) (?:each|every|the) "
    r"(?:answer|reply|response|interaction|call|chat|conversation)s?\b"
    r"|\b(?:rate|rated|rates) (?:each|every|the) "
    r"(?:answer|reply|response|interaction|call|chat|conversation)s?\b",
    re.I,
)
"""Users asked to judge the output itself: weak evidence of quality, but not the deterministic view that
usage alone proves the model right."""
EVAL_WORDS = re.compile(r"\bmetrics?\b|\baccura\w+|\bquality\b|\bevaluat\w+|\bnumbers\b|\btest\w*", re.I)


@dataclass(slots=True)
class Finding:
    """One raised flag before it becomes a contract ``Flag``."""

    id: str
    reason: str
    evidence: list[Span] = field(default_factory=list)
    weight: float = 1.0


@dataclass(slots=True)
class Credit:
    """Which concept mentions count, given whether the answer as a whole is buzzword-heavy."""

    sig: Signals
    strict: bool
    _memo: dict[str, list[Hit]] = field(default_factory=dict, repr=False, compare=False)
    """Each concept's hits, once (the signals no longer change once flags are decided)."""

    def hits(self, concept: str) -> list[Hit]:
        memo = self._memo.get(concept)
        if memo is None:
            memo = self._memo[concept] = self._hits(concept)
        return list(memo)

    def _hits(self, concept: str) -> list[Hit]:
        hits = self.sig.credited(concept)
        restated = {h.sentence for h in self.sig.warn("restated")}
        if restated:
            hits = [h for h in hits if h.sentence not in restated]  # the question said back proves nothing
        if self.strict:
            infos = self.sig.sentences
            hits = [h for h in hits if infos[h.sentence].jargon <= 1 or infos[h.sentence].number]
        return hits

    def sentences(self, *concepts: str) -> set[int]:
        return {h.sentence for c in concepts for h in self.hits(c)}


def _quotes(hits: list[Hit], limit: int = 3) -> list[Span]:
    seen: set[tuple[int, int]] = set()
    out: list[Span] = []
    for h in hits:
        key = (h.quote.start, h.quote.end)
        if key not in seen:
            seen.add(key)
            out.append(h.quote)
        if len(out) >= limit:
            break
    return out


def _first_sentence(sig: Signals, rx: re.Pattern[str]) -> list[Span]:
    for info in sig.sentences:
        if rx.search(info.span.text):
            return [info.span]
    return []


STACKED_JARGON = 2
STACKED_MIN = 3
STACKED_SHARE = 0.3
"""A stacked sentence names two or more techniques with no reason or number ("BERT plus a vision transformer,
a graph network and an isolation forest"); an answer built mostly of them lists a stack instead of a design,
even when no single sentence is a bare list."""


def buzzword(sig: Signals, *, short: bool = False) -> Finding | None:
    """Jargon strung together with no how or why, or marketing language standing in for a design."""
    n = max(1, len(sig.sentences))
    listy = sig.warn("listy")
    fluff_density = sig.fluff / max(1, sig.n_words)
    jargon_density = sig.jargon / max(1, sig.n_words)
    terse = jargon_density >= 0.1 and (not sig.numbers if short else bool(listy))
    stacked = [
        Hit("stacked", i, s.span, False)
        for i, s in enumerate(sig.sentences)
        if s.jargon >= STACKED_JARGON and not s.causal and not s.number
    ]
    stack = len(stacked) >= STACKED_MIN and len(stacked) / n >= STACKED_SHARE
    if len(listy) / n >= 0.25 or (sig.fluff >= 2 and fluff_density >= 0.02) or terse or stack:
        ev = _quotes(listy + sig.warn("fluff") + (stacked if stack else []))
        return Finding(
            "buzzword_without_depth",
            f"Names {sig.jargon} technical terms and {sig.fluff} stock phrases but rarely says how or why: "
            f"only {sig.depth_sentences} of {n} sentences give a reason, number or mechanism.",
            ev,
            weight=1.6,
        )
    return None


def decide(ctx: Context, sig: Signals) -> tuple[list[Finding], Credit]:
    """All flags this round and question make relevant and this answer earns."""
    if ctx.round == "portfolio_bullet":
        return decide_bullet(ctx, sig)
    out: list[Finding] = []
    buzz = buzzword(sig, short=ctx.round == "portfolio_bullet")
    credit = Credit(sig, strict=buzz is not None)
    if buzz is None and sig.warn("restated") and ctx.round in ("ml_system_design", "ai_product_sense"):
        buzz = Finding(
            "buzzword_without_depth",
            "Mostly says the question back in other sentences: no named approach, data or mechanism "
            "beyond the words the question already used.",
            _quotes(sig.warn("restated")),
            weight=1.6,
        )
    if buzz:
        out.append(buzz)
    misconceptions = sig.warn("misconception")
    deterministic = _deterministic(ctx, sig, credit)
    if deterministic:
        out.append(deterministic)
    for fn in (_eval_gap, _guardrails, _responsible, _tradeoffs, _data, _lifecycle, _bolt_on, _ownership):
        f = fn(ctx, sig, credit, deterministic is not None)
        if f:
            out.append(f)
    if misconceptions and not any(f.id == "eval_gap" for f in out) and ctx.mode("eval_gap"):
        out.append(
            Finding("eval_gap", "States a technical claim that is wrong.", _quotes(misconceptions), 1.0)
        )
    return out, credit


def _deterministic(ctx: Context, sig: Signals, credit: Credit) -> Finding | None:
    warn = sig.warn("deterministic")
    if warn:
        return Finding(
            "deterministic_mindset",
            "Treats a model's output as predictable or always right (pass/fail test cases, 100% accuracy or "
            "zero defects) instead of managing an error rate.",
            _quotes(warn),
            weight=1.4,
        )
    reviewed = credit.sentences("human_review", "offline_eval")
    if not ctx.generative or ctx.generative_from_answer or ctx.round == "behavioral" or reviewed:
        return None
    measured = [
        h for h in sig.warn("engagement_metric") if MEASURE_WORDS.search(sig.sentences[h.sentence].span.text)
    ]
    usage = measured or credit.hits("online_eval")
    if usage and not any(USER_RATING.search(i.span.text) for i in sig.sentences):
        return Finding(
            "deterministic_mindset",
            "Judges generated output only by usage or an A/B test on clicks, with no human review or quality "
            "rubric, as if it were a deterministic UI change.",
            _quotes(usage),
            weight=1.2,
        )
    return None


def _eval_gap(ctx: Context, sig: Signals, credit: Credit, det: bool) -> Finding | None:
    mode = ctx.mode("eval_gap")
    if mode is None:
        return None
    wrong = sig.warn("misconception")
    if wrong:
        return Finding("eval_gap", "Gets a core evaluation idea wrong.", _quotes(wrong), 1.2)
    sound = credit.sentences("offline_eval", "human_review")
    if det and len(sound) < 2:
        return Finding(
            "eval_gap",
            "Has no credible way to measure quality: pass/fail checks or usage stand in for an error rate "
            "measured on held-out cases or by reviewers.",
            _quotes(sig.warn("deterministic") + sig.warn("engagement_metric")),
            1.0,
        )
    headline = [h for h in sig.warn("accuracy") if "%" in h.quote.text or "percent" in h.quote.text]
    if headline and sig.warn("rare_event") and not sound:
        return Finding(
            "eval_gap",
            "Headlines accuracy on a rare-event problem, where accuracy is near-trivial; precision and "
            "recall "
            "at the operating point are missing.",
            _quotes(headline),
            1.0,
        )
    claims = [i for i in sig.sentences if lx.VENDOR_CLAIM.search(i.span.text)]
    if claims and not sound:
        return Finding(
            "eval_gap",
            "Relies on a vendor's headline accuracy figure instead of measuring quality on its own data.",
            [c.span for c in claims[:2]],
            1.0,
        )
    lazy = [h for h in sig.warn("non_ownership") if EVAL_WORDS.search(h.quote.text)]
    if lazy:
        return Finding(
            "eval_gap", "Leaves the evaluation to others and never judges quality.", _quotes(lazy), 1.0
        )
    if mode == "absence" and not sound:
        usage = sig.warn("engagement_metric")
        what = (
            "It measures only usage or business metrics, which cannot tell whether the model is right."
            if usage
            else "There is no offline metric, test set or human review of outputs."
        )
        return Finding(
            "eval_gap",
            f"No credible evaluation plan. {what} Called for because {ctx.flags['eval_gap'].why}.",
            _quotes(usage),
            1.0,
        )
    return None


def _guardrails(ctx: Context, sig: Signals, credit: Credit, det: bool) -> Finding | None:
    if ctx.mode("no_guardrails") is None:
        return None
    have = credit.sentences("guardrail", "human_review")
    if len(have) >= (2 if det else 1):
        return None
    named = sig.named("guardrail")
    what = "names guardrails without saying what they do" if named else "says nothing about"
    return Finding(
        "no_guardrails",
        f"The answer {what} handling invented or unsafe output, fallbacks or escalation to a person. "
        f"Called for because {ctx.flags['no_guardrails'].why}.",
        _quotes(named) or _first_sentence(sig, GENERATIVE),
        1.0,
    )


def _responsible(ctx: Context, sig: Signals, credit: Credit, det: bool) -> Finding | None:
    if ctx.mode("ignores_responsible_ai") is None:
        return None
    dismissed = sig.warn("dismissal")
    if dismissed:
        return Finding(
            "ignores_responsible_ai",
            "Mentions privacy, consent, fairness or safety only to dismiss it, where "
            f"{ctx.flags['ignores_responsible_ai'].why}.",
            _quotes(dismissed),
            1.6,
        )
    real = {
        i for i in credit.sentences(*RESPONSIBLE) if not lx.TOKEN_GESTURE.search(sig.sentences[i].span.text)
    }
    if real:
        return None
    named = [h for c in RESPONSIBLE for h in sig.named(c)]
    if credit.strict and any(sig.credited(c) for c in RESPONSIBLE):
        return None  # addressed, if in jargon-heavy sentences: the buzzword flag names that gap
    what = "only names" if named else "never addresses"
    return Finding(
        "ignores_responsible_ai",
        f"The answer {what} privacy, consent, fairness, transparency or safety, although "
        f"{ctx.flags['ignores_responsible_ai'].why}.",
        _quotes(named),
        0.9,
    )


def _tradeoffs(ctx: Context, sig: Signals, credit: Credit, det: bool) -> Finding | None:
    if ctx.mode("no_tradeoffs") is None:
        return None
    have = credit.sentences("tradeoff")
    if ctx.round == "technical_deep_dive":
        have |= {
            i
            for i, s in enumerate(sig.sentences)
            if lx.LIMITS.search(s.span.text) and not s.listy and not lx.MISCONCEPTION.search(s.span.text)
        }
    if have:
        return None
    return Finding(
        "no_tradeoffs",
        "Proposes an approach without weighing an alternative, a cost or a limit. "
        f"Called for because {ctx.flags['no_tradeoffs'].why}.",
        _quotes(sig.named("tradeoff")),
        0.7,
    )


def _data(ctx: Context, sig: Signals, credit: Credit, det: bool) -> Finding | None:
    if ctx.mode("no_data_strategy") is None:
        return None
    score = 0
    for i in credit.sentences("data_source", "cold_start", "data_quality"):
        text = sig.sentences[i].span.text
        score += 2 if lx.STRONG_SOURCE.search(text) else 1
    # A generative product built on a pretrained model owes less on training data: only total silence counts.
    enough = 1 if ctx.round == "ai_product_sense" and ctx.generative else 2
    if score >= enough:
        return None
    return Finding(
        "no_data_strategy",
        "Silent, or nearly so, on data: where training or evaluation examples come from, how they are "
        f"labeled, their quality or cold start. Called for because {ctx.flags['no_data_strategy'].why}.",
        [],
        0.6,
    )


def _lifecycle(ctx: Context, sig: Signals, credit: Credit, det: bool) -> Finding | None:
    if ctx.mode("no_lifecycle") in (None, "minor") or credit.sentences("lifecycle"):
        return None
    return Finding(
        "no_lifecycle",
        "Says nothing about life after launch: monitoring, drift, retraining or what happens when the "
        f"model degrades. Called for because {ctx.flags['no_lifecycle'].why}.",
        _quotes(sig.named("lifecycle")),
        0.4,
    )


def _bolt_on(ctx: Context, sig: Signals, credit: Credit, det: bool) -> Finding | None:
    if ctx.mode("ai_bolt_on") is None:
        return None
    hits = sig.warn("bolt_on")
    score = sum(len(lx.BOLT_ON.findall(h.quote.text)) for h in hits) - len(sig.warn("ai_native"))
    if score >= 2 or (score >= 1 and ctx.round == "portfolio_bullet"):
        return Finding(
            "ai_bolt_on",
            "Adds AI at the edge of an unchanged product (a new panel, section, menu or column) instead of "
            "designing the experience around what the model can and cannot do.",
            _quotes(hits),
            1.0,
        )
    return None


def _ownership(ctx: Context, sig: Signals, credit: Credit, det: bool) -> Finding | None:
    mode = ctx.mode("no_ownership")
    if mode is None:
        return None
    passive = sig.warn("non_ownership")
    if passive:
        return Finding(
            "no_ownership",
            "Describes AI work the candidate integrated, watched or handed to others, with no part in the "
            "model, data, metrics or tuning.",
            _quotes(passive),
            1.2,
        )
    if (
        mode == "absence"
        and not credit.sentences("ownership")
        and not lx.ACTION_START.search(sig.sentences[0].span.text)
    ):
        return Finding(
            "no_ownership",
            f"No sign of the candidate's own decisions. Called for because {ctx.flags['no_ownership'].why}.",
            [],
            1.0,
        )
    return None


SECONDARY: dict[str, frozenset[str]] = {
    "ml_system_design": frozenset(),
    "ai_product_sense": frozenset({"no_data_strategy", "no_lifecycle"}),
    "technical_deep_dive": frozenset({"no_lifecycle"}),
    "responsible_ai": frozenset({"no_lifecycle", "no_data_strategy"}),
    "behavioral": frozenset(),
    "portfolio_bullet": frozenset(),
}
"""Gaps a committee names only when the answer is otherwise solid: there the gap is the point, while in a
weak answer the round's central failures are what the write-up names (product sense is judged on
guardrails, evaluation and the product; a fairness question on the harm and its trade-offs)."""


def split_secondary(
    ctx: Context, sig: Signals, findings: list[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """(major findings, secondary findings) for this round: see SECONDARY."""
    minor_ids = set(SECONDARY.get(ctx.round, frozenset()))
    if ctx.sensitive_from_answer and not sig.warn("dismissal"):
        minor_ids.add("ignores_responsible_ai")  # the question did not raise it; the answer's own data did
    major = [f for f in findings if f.id not in minor_ids]
    return major, [f for f in findings if f.id in minor_ids]


def minor_lifecycle(ctx: Context, credit: Credit) -> Finding | None:
    """The lifecycle gap in a story that is otherwise strong enough for the gap to be the point."""
    if ctx.mode("no_lifecycle") != "minor" or credit.sentences("lifecycle"):
        return None
    return Finding(
        "no_lifecycle",
        "The story stops at launch: nothing on watching the model afterwards, closing known gaps or "
        f"retraining. Called for because {ctx.flags['no_lifecycle'].why}.",
        [],
        0.4,
    )


def _kept(sig: Signals, credit: Credit, concept: str) -> bool:
    """A credited mention of the concept that the bullet does not name only as removed or absent."""
    rx = lx.CONCEPT_BY_ID[concept].pattern
    for i in credit.sentences(concept):
        text = sig.sentences[i].span.text
        if any(not bl.REFUSED.search(text[max(0, m.start() - 60) : m.start()]) for m in rx.finditer(text)):
            return True
    return False


def decide_bullet(ctx: Context, sig: Signals) -> tuple[list[Finding], Credit]:
    """A bullet's major gaps only: what a committee would name on reading one resume line.

    A vague AI claim subsumes the gaps it hides (a line with nothing specific is not also charged for
    missing safeguards or ownership); explicit warning signs are always named. A line that lists two or more
    specifics of the work (data, evaluation, safeguards, upkeep...) is read as the candidate's own work even
    without an action verb ("Claims agent: tool-only actions, a $200 cap..."), unless it names someone
    else's model."""
    p = bl.profile(sig)
    out: list[Finding] = []
    buzz = buzzword(sig, short=True)
    if buzz is None and p.vague_ai and not (p.method or p.data or p.decision):
        buzz = Finding(
            "buzzword_without_depth",
            "Claims AI or ML did the work without naming the system, the data or a decision: it reads like a "
            "vendor claim, not the candidate's AI work.",
            p.vague_ai.spans[:2],
            weight=1.6,
        )
    credit = Credit(sig, strict=buzz is not None)
    if buzz:
        out.append(buzz)
    passive = sig.warn("non_ownership")
    det = _deterministic(ctx, sig, credit)
    if det and not sig.warn("deterministic") and (passive or p.integration):
        det = None  # usage of a tool someone else built and evaluated is not a view of its quality
    if det:
        out.append(det)
    gap = _eval_gap(ctx, sig, credit, det is not None)
    if gap is None and p.metric_only:
        gap = Finding(
            "eval_gap",
            "The only result is a model metric moving offline; nothing says what changed for users or the "
            "business, or whether it held up online.",
            p.outcome.spans[:1],
            1.0,
        )
    if gap is None and p.accuracy_vague and not p.evaluation:
        gap = Finding(
            "eval_gap",
            "Reports a relative gain in 'accuracy' with no task metric (precision, recall, error on a test "
            "set) or evaluation behind it.",
            p.accuracy_vague.spans[:1],
            1.0,
        )
    if gap:
        out.append(gap)
    guarded = bool(p.safeguard) or bool(credit.sentences("human_review")) or _kept(sig, credit, "guardrail")
    if buzz is None and ctx.generative and p.high_stakes_gen and not guarded:
        out.append(
            Finding(
                "no_guardrails",
                "A generative feature where a wrong output does real harm, or that acts with nobody checking "
                "it, with no guardrail, limit, human review or escalation named.",
                p.high_stakes_gen.spans[:2],
                1.0,
            )
        )
    # The privacy concept also matches the sensitive data itself ("biometric"), so only safeguards count here.
    responsible = bool(p.safeguard) or bool(credit.sentences("fairness", "transparency", "legal"))
    if buzz is None and p.decides_about_people and not responsible:
        out.append(
            Finding(
                "ignores_responsible_ai",
                "The product decides about people or reads their faces, bodies or voices, yet the bullet "
                "shows no consent, privacy, fairness check, recourse or human review.",
                p.decides_about_people.spans[:2],
                1.0,
            )
        )
    old_bolt = _bolt_on(ctx, sig, credit, False)
    if (p.bolt_on or old_bolt) and not p.native and not sig.warn("ai_native"):
        out.append(
            Finding(
                "ai_bolt_on",
                "Adds AI at the edge of a product that otherwise stays the same (a chatbot on a portal, a "
                "widget, a column) instead of AI-native work designed around what the model can and cannot "
                "do.",
                p.bolt_on.spans[:2] or (old_bolt.evidence if old_bolt else []),
                1.0,
            )
        )
    if passive or (p.integration and not p.decision):
        out.append(
            Finding(
                "no_ownership",
                "Describes someone else's model the candidate integrated, rolled out or managed, with no "
                "part in the model, data, metrics or tuning (AI-enabled, not AI-native work).",
                _quotes(passive) or p.integration.spans[:2],
                1.2,
            )
        )
    elif (
        buzz is None
        and len(p.substance) < 2
        and not p.decision
        and not credit.sentences("ownership")
        and not lx.ACTION_START.search(sig.sentences[0].span.text)
    ):
        out.append(
            Finding(
                "no_ownership",
                "No sign of the candidate's own decisions. Called for because "
                f"{ctx.flags['no_ownership'].why}.",
                [],
                1.0,
            )
        )
    return out, credit
