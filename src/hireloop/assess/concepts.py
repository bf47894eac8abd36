"""Signal detectors: which concepts an answer shows, how deeply, and which warning signs it carries.

A concept mentioned only inside a list of jargon, or only to dismiss it, is recorded but not credited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hireloop.assess import lexicon as lx
from hireloop.assess.gate import Gate, Starts
from hireloop.assess.semantic import detect_semantic
from hireloop.assess.text import Span, split_clauses, split_sentences, words

MAX_QUOTE = 260


@dataclass(frozen=True, slots=True)
class Hit:
    """One mention of a concept or warning sign, with the quote that shows it."""

    concept: str
    sentence: int
    quote: Span
    credited: bool
    semantic: bool = False


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    """Per-sentence depth measures."""

    span: Span
    n_words: int
    jargon: int
    fluff: int
    causal: bool
    number: bool
    listy: bool


@dataclass(slots=True)
class Signals:
    """Everything the engine needs to know about one answer."""

    sentences: list[SentenceInfo]
    hits: list[Hit] = field(default_factory=list)
    warnings: dict[str, list[Hit]] = field(default_factory=dict)
    n_words: int = 0
    semantic_max: dict[str, float] = field(default_factory=dict)
    """Per concept, the best prototype cosine of any clause (0 when semantic detection is off)."""
    bullet: object | None = None
    """The bullet profile (bullets.profile), computed once when the round is a portfolio bullet."""

    def credited(self, concept: str) -> list[Hit]:
        """Mentions of a concept that count as real evidence."""
        return [h for h in self.hits if h.concept == concept and h.credited]

    def named(self, concept: str) -> list[Hit]:
        """Mentions of a concept that were only named (in a jargon list or a dismissal)."""
        return [h for h in self.hits if h.concept == concept and not h.credited]

    def has(self, concept: str, *, at_least: int = 1) -> bool:
        return len({h.sentence for h in self.credited(concept)}) >= at_least

    def warn(self, kind: str) -> list[Hit]:
        return self.warnings.get(kind, [])

    @property
    def jargon(self) -> int:
        return sum(s.jargon for s in self.sentences)

    @property
    def fluff(self) -> int:
        return sum(s.fluff for s in self.sentences)

    @property
    def depth_sentences(self) -> int:
        """Sentences that say how or why: a causal link or a number, outside a jargon list."""
        return sum(1 for s in self.sentences if (s.causal or s.number) and not s.listy)

    @property
    def numbers(self) -> int:
        return sum(1 for s in self.sentences if s.number)

    def concept_count(self) -> int:
        """Distinct concepts credited."""
        return len({h.concept for h in self.hits if h.credited})


def _quote(sentence: Span, match: re.Match[str] | None) -> Span:
    """The sentence, or for a long one the clause around the match, as an exact span."""
    if len(sentence.text) <= MAX_QUOTE or match is None:
        return sentence
    pos = sentence.start + match.start()
    for clause in split_clauses(sentence):
        if clause.start <= pos < clause.end and len(clause.text) >= 20:
            if len(clause.text) <= MAX_QUOTE:
                return clause
            break
    lo = max(0, match.start() - MAX_QUOTE // 2)
    hi = min(len(sentence.text), lo + MAX_QUOTE)
    while lo > 0 and not sentence.text[lo - 1].isspace():
        lo += 1
    while hi < len(sentence.text) and not sentence.text[hi].isspace():
        hi -= 1
    text = sentence.text[lo:hi].strip()
    start = sentence.start + sentence.text.index(text, lo) if text else sentence.start
    return Span(text, start, start + len(text)) if text else sentence


def _sentence_info(span: Span, starts: Starts | None = None) -> SentenceInfo:
    starts = starts or GATE.starts(span.text)
    toks = words(span.text)
    jargon = starts.count("_jargon", lx.JARGON)
    fluff = starts.count("fluff", lx.FLUFF)
    causal = starts.first("_causal", lx.CAUSAL) is not None
    number = bool(lx.NUMBER.search(span.text))
    n = max(1, len(toks))
    listy = jargon >= 3 and not number and (jargon / n >= 0.2 or (span.text.count(",") >= 2 and not causal))
    if jargon + fluff >= 4 and (jargon + fluff) / n >= 0.2:
        listy = True
    return SentenceInfo(span, len(toks), jargon, fluff, causal, number, listy)


WARNINGS: dict[str, re.Pattern[str]] = {
    "dismissal": lx.DISMISSAL,
    "deterministic": lx.DETERMINISTIC,
    "deterministic_claims": lx.DETERMINISTIC_CLAIMS,
    "engagement_metric": lx.ENGAGEMENT_METRIC,
    "misconception": lx.MISCONCEPTION,
    "accuracy": lx.ACCURACY_HEADLINE,
    "rare_event": lx.RARE_EVENT,
    "bolt_on": lx.BOLT_ON,
    "ai_native": lx.AI_NATIVE,
    "non_ownership": lx.NON_OWNERSHIP,
    "fluff": lx.FLUFF,
}
GATE = Gate(
    {**{c.id: c.pattern for c in lx.CONCEPTS}, **WARNINGS, "_jargon": lx.JARGON, "_causal": lx.CAUSAL},
    parts=lx.PARTS,
    word_start=lx.WORD_START,
)


def detect(answer: str, *, semantic: tuple[float, float] | None = None) -> Signals:
    """Run every detector over the answer (already truncated to the graded prefix).

    ``semantic`` is (threshold, margin) for embedding-based concept hits; None leaves them out."""
    spans = split_sentences(answer)
    starts = [GATE.starts(s.text) for s in spans]  # one scan per sentence: where each pattern can start
    infos = [_sentence_info(s, st) for s, st in zip(spans, starts, strict=True)]
    sig = Signals(sentences=infos, n_words=len(words(answer)))
    for i, info in enumerate(infos):
        span = info.span
        maybe = starts[i]
        present = maybe.names | maybe.anywhere  # the patterns worth trying in this sentence
        dismissed = "dismissal" in present and maybe.first("dismissal", lx.DISMISSAL)
        has_neg: bool | None = None  # searched when a negatable concept is found
        for concept in lx.CONCEPTS:
            if concept.id not in present:
                continue
            m = maybe.first(concept.id, concept.pattern)
            if m is None:
                continue
            credited = not info.listy
            if concept.responsible and dismissed:
                credited = False
            if concept.id in NEGATABLE and has_neg is None:
                has_neg = _HAS_NEGATOR.search(span.text) is not None
            if (
                concept.id in NEGATABLE
                and has_neg
                and any(negated(span.text, mm.start()) for mm in concept.pattern.finditer(span.text))
            ):
                credited = False  # a sentence that refuses the idea does not evidence it
            sig.hits.append(Hit(concept.id, i, _quote(span, m), credited))
        for kind, rx in WARNINGS.items():
            if kind not in present:
                continue
            m = maybe.first(kind, rx)
            if m is not None and not (kind in _DENIABLE and _denied(span.text, m.start())):
                sig.warnings.setdefault(kind, []).append(Hit(kind, i, _quote(span, m), False))
        if info.listy:
            sig.warnings.setdefault("listy", []).append(Hit("listy", i, _quote(span, None), False))
    claims = sig.warnings.pop("deterministic_claims", [])
    if claims:  # one warning sign, matched by two alternations for speed (see lexicon.DETERMINISTIC_CLAIMS)
        merged = [
            *sig.warn("deterministic"),
            *(Hit("deterministic", h.sentence, h.quote, False) for h in claims),
        ]
        sig.warnings["deterministic"] = sorted(merged, key=lambda h: h.sentence)
    if semantic is not None:
        _add_semantic(sig, spans, *semantic, dismissed={h.sentence for h in sig.warn("dismissal")})
    _attach_dismissals(sig)
    return sig


def _add_semantic(
    sig: Signals, spans: list[Span], threshold: float, margin: float, dismissed: set[int]
) -> None:
    """Credit ideas the lexicon missed but the embedding model recognises, unless negated or listy."""
    hits, best = detect_semantic(spans, threshold=threshold, margin=margin)
    sig.semantic_max = best
    for h in hits:
        info = sig.sentences[h.sentence]
        rel = h.quote.start - info.span.start
        credited = not info.listy and not (
            h.concept in NEGATABLE and _NEG_ANY.search(info.span.text[rel : rel + len(h.quote.text)])
        )
        if lx.CONCEPT_BY_ID[h.concept].responsible and h.sentence in dismissed:
            credited = False
        sig.hits.append(Hit(h.concept, h.sentence, h.quote, credited, semantic=True))


NEGATABLE = frozenset(
    {
        "offline_eval",
        "online_eval",
        "human_review",
        "launch_bar",
        "data_source",
        "data_quality",
        "cold_start",
        "lifecycle",
        "tradeoff",
        "framing",
    }
)
"""Concepts an answer can name only to refuse them ("we won't monitor it", "no need for a test set").
Guardrail and privacy ideas are left out: there a negation is usually the safeguard ("never store")."""

_NEGATOR = (
    r"(?:won'?t|will not|wouldn'?t|would not|don'?t|do not|doesn'?t|does not|didn'?t|did not|shouldn'?t|"
    r"not going to|no need (?:to|for)|there'?s no need|no point(?: in)?|not worth|skip(?:s|ping)?|"
    r"without(?: any| a| an)?|never|no|nor|neither|can'?t be bothered to|unnecessary to|"
    r"eliminat(?:e|es|ed|ing)(?: the need for)?|remov(?:e|es|ed|ing) the need (?:for|to)|"
    r"no longer need(?:s|ed)?(?: to)?)"
)
_NEG_BEFORE = re.compile(
    rf"\b{_NEGATOR}\b(?!\s+(?:just|only|simply|merely|saw|seen|see|trust|rely|assume|guess))(?:\s+\S+){{0,5}}\s*$",
    re.IGNORECASE,
)
_HAS_NEGATOR = re.compile(rf"\b{_NEGATOR}\b", re.IGNORECASE)
_NEG_ANY = re.compile(
    r"\b(?:won'?t|will not|wouldn'?t|don'?t|do not|no need (?:to|for)|there'?s no need|not going to|"
    r"no point|not worth|skip(?:s|ping)?)\b(?!\s+(?:just|only|simply|merely))",
    re.IGNORECASE,
)


_DENIABLE = frozenset({"deterministic", "deterministic_claims"})
_DENIED = re.compile(
    r"\b(?:not|never|isn'?t|aren'?t|wasn'?t|weren'?t|won'?t|doesn'?t|don'?t|didn'?t|no model is|nothing is)"
    r"(?:\s+(?:\w+ly|going to|be|been|always|quite|entirely|every))*\s*$",
    re.IGNORECASE,
)
"""A warning sign denied by the words just before it ("past handling wasn't always right", "it will not be
100% accurate"): the sentence says the opposite of the claim."""


def _denied(text: str, pos: int) -> bool:
    return _DENIED.search(text[max(0, pos - 40) : pos]) is not None


def negated(text: str, pos: int) -> bool:
    """True when a negator governs the words at ``pos``: within five words before it, same clause."""
    head = text[max(0, pos - 80) : pos]
    cut = max(head.rfind(ch) for ch in ";:,(—")
    if cut >= 0:
        head = head[cut + 1 :]
    head = re.split(r"\b(?:but|though|although|however|while|whereas|and then|so)\b", head, flags=re.I)[-1]
    return bool(_NEG_BEFORE.search(head))


def _attach_dismissals(sig: Signals) -> None:
    """Keep only dismissals that concern a responsible-AI concept (in the sentence or the one before)."""
    responsible = {c.id for c in lx.CONCEPTS if c.responsible}
    keep: list[Hit] = []
    for d in sig.warn("dismissal"):
        near = {h.concept for h in sig.hits if h.sentence in (d.sentence, d.sentence - 1)}
        if near & responsible:
            keep.append(d)
    if keep:
        sig.warnings["dismissal"] = keep
    else:
        sig.warnings.pop("dismissal", None)
