"""Wrong claims from the misconception catalogue (content, see docs/CONTENT.md), found in an answer.

Pure: the compiled catalogue and the answer's sentences in, the claims found out. A claim counts where its
entry's patterns match one sentence, no ``unless`` pattern (nor, for negatable entries, a shared cue that
the mistake is being named rather than made) is in that sentence, and the question or answer is in one of
the contexts the entry applies to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from hireloop.assess.concepts import negated
from hireloop.assess.gate import Gate, Starts, starts_at_word
from hireloop.assess.text import Span, split_sentences
from hireloop.bank.models import CONTEXT_IDS, AllOf, Misconception, compiled

NAMED_NOT_MADE = re.compile(
    r"\b(?:mislead\w*|meaningless|useless|naive(?:ly)?|trap|pitfall|mistakes?|fallac\w+|myths?|wrong"
    r"|fool(?:s|ed|ing)?|illusion|tempting|beware|avoid\w*|resist\w*|not (?:enough|sufficient)"
    r"|isn'?t (?:enough|sufficient)|vanity|doesn'?t tell|does not tell|says nothing|tells? (?:you|us) nothing"
    r"|paradox|classic error|common error|would be (?:a|an) (?:error|mistake)|falls? apart|bad idea"
    r"|red flag|anti-?pattern|overstat\w+|can'?t trust|cannot trust|not trust|means? (?:nothing|little)"
    r"|says? (?:little|nothing))\b",
    re.IGNORECASE,
)
"""Words that show a sentence discussing a mistake, not making it ("accuracy is meaningless here")."""

SOMEONE_ELSE = re.compile(
    r"\b(?:he|she|they|team|scientists?|engineers?|engineering|manager|director|leadership|stakeholders?|vp|ceo"
    r"|cto|sales|someone|others|vendor|client|customer|partner|lead|analyst|colleague|boss|execs?|executives?)"
    r"\s+(?:\w+\s+)?(?:wanted|proposed|suggested|argued|insisted|pushed|asked|claimed|believed|thought|preferred"
    r"|assumed|planned|was going|were going)\b",
    re.IGNORECASE,
)
"""A claim reported as someone else's position ("our data scientist wanted to optimise accuracy"): the
candidate is telling the story of the mistake, usually to say why they disagreed."""

EARLIER_WORK = re.compile(
    r"\b(?:he|she|scientists?|engineers?|analysts?|colleagues?|predecessor|vendor|consultants?|contractors?)"
    r"(?:,[^,]{1,40},)?\s+(?:had|has) (?:\w+ )?"
    r"(?:evaluated|built|trained|tested|validated|used|set up|designed|chosen|picked)\b",
    re.IGNORECASE,
)
"""Someone else's earlier work the candidate is about to correct ("the data scientist, a strong guy, had
evaluated it with a random split")."""


OVERRULED = re.compile(
    r"\bI (?:told|said|argued|decided|insisted|overrode|overruled|made the call|called it"
    r"|pushed (?:to|for) (?:ship|launch|stop))\b"
)
"""The candidate taking the other side in the same sentence ("the data scientist wanted to wait; I told her
the threshold is the threshold"): the claim that follows is the candidate's own."""


def _someone_elses(text: str) -> bool:
    return (SOMEONE_ELSE.search(text) is not None or EARLIER_WORK.search(text) is not None) and (
        OVERRULED.search(text) is None
    )


@dataclass(frozen=True, slots=True)
class Rule:
    """One catalogue entry, compiled."""

    entry: Misconception
    patterns: tuple[tuple[LazyPattern, ...], ...]
    unless: tuple[LazyPattern, ...]
    prototypes: np.ndarray | None


@dataclass(frozen=True, slots=True)
class Found:
    """A wrong claim found in the answer: the entry and the sentences that make it."""

    entry: Misconception
    sentences: tuple[int, ...]
    quotes: tuple[Span, ...]
    details: tuple[str, ...] = ()
    """For computed entries, the right figure for each wrong one ("0.95^20 = 35.8%, not 90%")."""


class Catalogue:
    """The compiled misconception catalogue."""

    def __init__(self, entries: Iterable[Misconception]) -> None:
        self.rules = tuple(_compile(e) for e in entries)
        self.by_id = {r.entry.id: r.entry for r in self.rules}
        self._index = {id(r): i for i, r in enumerate(self.rules)}  # a rule's position, for the gate's keys
        self._needs_embeddings = any(r.prototypes is not None for r in self.rules)
        # One scan per sentence tells which rules can match (see gate.py): every pattern of a group must be
        # found, so the group is gated on whichever of its patterns has known literal starts. The scan keys
        # every pattern, so it also tells which groups of a rule can match: a group is skipped when one of
        # its patterns that only matches at a word start has none of its literal starts in the sentence.
        choice, word_starts = _gate_plan(self.rules)
        keys: dict[str, re.Pattern[str]] = {}
        self._gate_keys: dict[str, int] = {}  # the key gating each rule's group, as before: -> rule index
        self._needs: list[list[_Needs]] = []
        for i, r in enumerate(self.rules):
            self._needs.append([])
            for k, g in enumerate(r.patterns):
                gate = g[choice[f"{i}/{k}"]]
                at_word: list[str | None] = []  # each pattern's key when it only matches at a word start
                for j, rx in enumerate(g):
                    key = f"{i}/{k}/{j}"
                    keys[key] = rx  # type: ignore[assignment]
                    if rx is gate:
                        self._gate_keys[key] = i
                    at_word.append(key if word_starts[key] else None)
                self._needs[i].append((g, frozenset(k for k in at_word if k), tuple(at_word)))
        self._gate = Gate(keys)

    def __len__(self) -> int:
        return len(self.rules)

    def find(
        self,
        sentences: Sequence[Span],
        contexts: frozenset[str],
        question: str = "",
        *,
        one_per_sentence: bool = True,
    ) -> list[Found]:
        """Every entry whose claim one of ``sentences`` makes, in catalogue order (with ``one_per_sentence``,
        the most serious reading of each sentence only)."""
        rules = [r for r in self.rules if not r.entry.applies_when or contexts & set(r.entry.applies_when)]
        vectors = _sentence_vectors(sentences) if self._needs_embeddings and rules else None
        texts = [s.text for s in sentences]
        maybe = [self._groups(t) for t in texts]  # per sentence: rule index -> the groups that can match
        always = self._needs_embeddings  # rules with prototypes are tried on every sentence
        named = [_Named(t) if m or always else False for t, m in zip(texts, maybe, strict=True)]
        index = self._index
        out: list[Found] = []
        for rule in rules:
            if rule.entry.detect.computed == "arithmetic":
                out.extend(_wrong_figures(rule.entry, sentences, question))
                continue
            ri = index[id(rule)]
            hits = [
                i
                for i, t in enumerate(texts)
                if (ri in maybe[i] or rule.prototypes is not None)
                and _claims(
                    rule, t, named[i], None if vectors is None else vectors[i], groups=maybe[i].get(ri, ())
                )
            ]
            if hits:
                out.append(Found(rule.entry, tuple(hits), tuple(sentences[i] for i in hits)))
        return _one_claim_per_sentence(out) if one_per_sentence else out

    def _groups(self, text: str) -> dict[int, Sequence[tuple[re.Pattern[str] | _At, ...]]]:
        """The rules the gate lets through for ``text``, each with its pattern groups that can match; a
        pattern that only matches at a word start is tried only where its literal starts are."""
        st = self._gate.starts(text)
        found = st.anywhere | st.names
        gate_keys = self._gate_keys
        passed = {gate_keys[key] for key in found if key in gate_keys}
        if not st.exact:
            return {i: [g for g, _, _ in self._needs[i]] for i in passed}
        out: dict[int, Sequence[tuple[re.Pattern[str] | _At, ...]]] = {}
        for i in passed:
            possible = [n for n in self._needs[i] if n[1] <= found]
            if possible:  # a rule none of whose groups can match is not tried (but for its prototypes)
                out[i] = _Possible(st, possible)
        return out

    def find_in_text(self, text: str, contexts: Iterable[str] | None = None) -> list[Found]:
        """Every entry ``text`` matches, each on its own (used by tests of the catalogue's own examples)."""
        ctx = frozenset(contexts) if contexts is not None else CONTEXT_IDS
        return self.find(split_sentences(text), ctx, one_per_sentence=False)


class _At:
    """A catalogue pattern bound to one sentence's gate scan: ``search`` tries it only at the offsets
    where its literal starts are (the same match as ``rx.search`` on that sentence)."""

    __slots__ = ("_key", "_rx", "_starts")

    def __init__(self, starts: Starts, key: str, rx: re.Pattern[str]) -> None:
        self._starts, self._key, self._rx = starts, key, rx

    def search(self, text: str) -> re.Match[str] | None:
        return self._starts.first(self._key, self._rx)


_Needs = tuple[tuple[re.Pattern[str], ...], frozenset[str], tuple[str | None, ...]]
"""A pattern group, the keys of its patterns that must be in a sentence's scan for it to match, and each
pattern's key when it only matches at a word start (else None)."""


class _Possible:
    """A rule's pattern groups that can match one sentence, bound to its scan as ``_claims`` walks them
    (it stops at the first group that matches)."""

    __slots__ = ("_needs", "_starts")

    def __init__(self, starts: Starts, needs: list[_Needs]) -> None:
        self._starts, self._needs = starts, needs

    def __iter__(self) -> Iterator[tuple[re.Pattern[str] | _At, ...]]:
        st = self._starts
        for g, _, at_word in self._needs:
            yield tuple(rx if k is None else _At(st, k, rx) for rx, k in zip(g, at_word, strict=True))

    def __len__(self) -> int:
        return len(self._needs)


class _Named:
    """Whether a sentence names a mistake or reports someone else's claim (NAMED_NOT_MADE,
    ``_someone_elses``): searched the first time a rule asks, at most once per sentence."""

    __slots__ = ("_text", "_value")

    def __init__(self, text: str) -> None:
        self._text = text
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = bool(NAMED_NOT_MADE.search(self._text) or _someone_elses(self._text))
        return self._value


SEVERITY_ORDER = {"disqualifying": 0, "major": 1, "minor": 2}


def _one_claim_per_sentence(found: list[Found]) -> list[Found]:
    """A sentence makes one claim: an entry found only in sentences a more serious entry already took is
    the same mistake read twice, and is dropped (computed figures are always kept)."""
    taken: set[int] = set()
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: SEVERITY_ORDER[f.entry.severity]):
        if f.details or not set(f.sentences) <= taken:
            kept.append(f)
            taken.update(f.sentences)
    order = {id(f): i for i, f in enumerate(found)}
    return sorted(kept, key=lambda f: order[id(f)])


def _wrong_figures(entry: Misconception, sentences: Sequence[Span], question: str) -> list[Found]:
    from hireloop.assess.numbers import check

    wrong = check(sentences, question)
    if not wrong:
        return []
    index = {s.start: i for i, s in enumerate(sentences)}
    details = tuple(
        w.working if w.correct in ("recall", "precision") else f"{w.working}, not {w.stated}" for w in wrong
    )
    quotes = tuple(dict.fromkeys(w.span for w in wrong))
    return [Found(entry, tuple(index[q.start] for q in quotes), quotes, details)]


def _gate_plan(rules: Sequence[Rule]) -> tuple[dict[str, int], dict[str, bool]]:
    """Which pattern of each group gates it (an index, keyed "rule/group") and whether each pattern only
    matches at a word start (see gate.starts_at_word, keyed "rule/group/pattern"). Both parse every
    pattern, so they are worked out together and cached under a hash of the patterns, like the gate."""
    from hireloop import cache

    groups = {f"{i}/{k}": g for i, r in enumerate(rules) for k, g in enumerate(r.patterns)}
    sources = repr([(name, [(rx.pattern, rx.flags) for rx in g]) for name, g in groups.items()])

    def plan() -> tuple[dict[str, int], dict[str, bool]]:
        chosen: dict[str, int] = {}
        at_word: dict[str, bool] = {}
        for name, group in groups.items():
            best = _gate_pattern(group)
            chosen[name] = next(j for j, rx in enumerate(group) if rx is best)
            for j, rx in enumerate(group):
                at_word[f"{name}/{j}"] = starts_at_word(rx)
        return chosen, at_word

    value_key = cache.key(sources, code=(__name__, "hireloop.assess.gate"))
    return cache.cached("gate-plan", value_key, plan)


def _gate_pattern(group: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """The pattern of an all-group with the rarest literal starts (the longest shortest start), so the
    group is searched only in sentences that contain one of them."""
    from re import _parser  # type: ignore[attr-defined]

    from hireloop.assess.gate import _prefixes

    best, score = group[0], 0
    for rx in group:
        starts = _prefixes(list(_parser.parse(rx.pattern, rx.flags)))
        shortest = min((len(p) for p in starts), default=0) if starts else 0
        if shortest >= 2 and shortest > score:
            best, score = rx, shortest
    return best


class LazyPattern:
    """A catalogue pattern compiled on its first search: the gate keeps most of the catalogue's hundreds
    of patterns from ever being searched in one process, and compiling them all is most of a cold start.
    After the first use its methods are the compiled pattern's own, so searching costs the same."""

    __slots__ = ("findall", "finditer", "flags", "fullmatch", "match", "pattern", "search", "sub")
    FLAGS = re.compile("", re.IGNORECASE).flags  # what ``compiled`` gives (IGNORECASE, plus UNICODE for str)

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.flags = self.FLAGS

    def __getattr__(self, name: str):  # only reached while a method slot is still empty
        if name.startswith("__"):
            raise AttributeError(name)
        rx = compiled(self.pattern)
        for method in ("search", "match", "fullmatch", "finditer", "findall", "sub"):
            setattr(self, method, getattr(rx, method))
        return getattr(rx, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def _compile(entry: Misconception) -> Rule:
    groups = tuple(
        tuple(LazyPattern(p) for p in (item.all if isinstance(item, AllOf) else [item]))
        for item in entry.detect.patterns
    )
    unless = tuple(LazyPattern(p) for p in entry.detect.unless)
    protos = None
    if entry.detect.prototypes:
        from hireloop.assess.embedding import embedder

        protos = embedder().encode(list(entry.detect.prototypes))
    return Rule(entry, groups, unless, protos)


def _claims(
    rule: Rule,
    text: str,
    named: bool,
    vector: np.ndarray | None,
    *,
    groups: Sequence[tuple[re.Pattern[str] | _At, ...]] | None = None,
) -> bool:
    """Whether this sentence makes the rule's claim: a pattern group matches (cheapest test first), and
    no guard says the claim is questioned, named as a mistake or someone else's. ``groups``: the rule's
    pattern groups that can match this sentence (all of them by default)."""
    det = rule.entry.detect
    matched = False
    for group in rule.patterns if groups is None else groups:
        first = group[0].search(text)
        if first is None or not all(rx.search(text) for rx in group[1:]):
            continue
        if det.negatable and negated(text, first.start()):
            continue
        matched = True
        break
    if not matched and vector is not None and rule.prototypes is not None and vector.any():
        matched = float((rule.prototypes @ vector).max()) >= det.threshold
    if not matched:
        return False
    if det.negatable and named:
        return False
    return not any(rx.search(text) for rx in rule.unless)


def _sentence_vectors(sentences: Sequence[Span]) -> np.ndarray:
    from hireloop.assess.embedding import embedder

    return embedder().encode([s.text for s in sentences])


@cache
def builtin_catalogue() -> Catalogue:
    """The catalogue shipped in the package's content folder."""
    from hireloop.config import BUILTIN_CONTENT

    return catalogue_from([BUILTIN_CONTENT / "misconceptions"])


def catalogue_from(paths: Iterable[Path]) -> Catalogue:
    """The catalogue of the ``misconceptions:`` lists in these packs (already validated by the loader)."""
    from hireloop.bank.loader import content_files, read_file

    entries: list[Misconception] = []
    for base in paths:
        if not base.exists():
            continue
        for path in content_files(base):
            found, _errors = read_file(path)
            entries.extend(m for m, _line in found.get("misconceptions", []))  # type: ignore[misc]
    return Catalogue(entries)
