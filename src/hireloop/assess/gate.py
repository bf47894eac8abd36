"""A fast pre-filter for the lexicon: which patterns can possibly match a sentence.

Each pattern's possible literal starts are read from its parsed form and merged into one trie-shaped
regex, so one quick scan per sentence tells which of the big alternations are worth running.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}


def _prefixes(items: list, acc: str = "") -> set[str] | None:
    """Literal strings one of which every match starts with, or None when that cannot be known."""
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            if acc:
                return {acc}
            continue
        if op == C.LITERAL:
            acc += chr(av).lower()
            continue
        if op == C.SUBPATTERN:
            return _prefixes(list(av[3]) + list(items[i + 1 :]), acc)
        if op == C.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                sub = _prefixes(list(branch) + list(items[i + 1 :]), acc)
                if sub is None:
                    return {acc} if acc else None
                out |= sub
            return out
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            return _prefixes(list(av[2]), acc)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and not acc:
            # optional at the start: a match begins with the item (``?``: then the rest) or with the rest
            item = list(av[2]) + (list(items[i + 1 :]) if av[1] == 1 else [])
            with_item, without = _prefixes(item), _prefixes(list(items[i + 1 :]))
            if with_item is None or without is None:
                return None
            return with_item | without
        return {acc} if acc else None
    return {acc} if acc else None


_NOT_AFTER_WORD = (-1, [(C.IN, [(C.CATEGORY, C.CATEGORY_WORD)])])


def starts_at_word(rx: re.Pattern[str]) -> bool:
    """True when every match of ``rx`` starts at a word start (a ``\\b`` or ``(?<!\\w)`` right before
    a word character), where the gate's scan looks: then a pattern whose literal starts the scan did not
    find cannot match at all."""
    return _word_start(list(P.parse(rx.pattern, rx.flags)))


def _word_start(items: list, seen: bool = False) -> bool:
    for i, (op, av) in enumerate(items):
        if op == C.AT:
            seen = seen or av == C.AT_BOUNDARY
            continue
        if op == C.ASSERT_NOT and av == _NOT_AFTER_WORD:
            seen = True
            continue
        if op in _ZERO_WIDTH:
            continue
        if op == C.LITERAL:
            return seen and _is_word_char(av)
        if op == C.IN:
            return seen and all(_word_class(kind, v) for kind, v in av)
        if op == C.SUBPATTERN:
            return _word_start(list(av[3]) + list(items[i + 1 :]), seen)
        if op == C.BRANCH:
            return all(_word_start(list(b) + list(items[i + 1 :]), seen) for b in av[1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            return _word_start(list(av[2]), seen)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            rest = list(items[i + 1 :])
            return _word_start(list(av[2]) + rest, seen) and _word_start(rest, seen)
        return False
    return False


def _is_word_char(code: int) -> bool:
    return chr(code).isalnum() or chr(code) == "_"


def _word_class(kind: object, value: object) -> bool:
    """Whether a character-set item only holds word characters (``\\d``, ``\\w``, letters, digits)."""
    if kind == C.CATEGORY:
        return value in (C.CATEGORY_DIGIT, C.CATEGORY_WORD)
    if kind == C.LITERAL:
        return _is_word_char(value)  # type: ignore[arg-type]
    if kind == C.RANGE:
        lo, hi = value  # type: ignore[misc]
        return all(_is_word_char(c) for c in range(lo, hi + 1))
    return False


class Gate:
    """Maps a sentence to the ids of patterns that may match it (patterns with no known start always may).

    Reading the starts of every pattern is slow and gives the same result for the same patterns, so the
    result is kept in the cache (hireloop/cache.py) under a hash of the patterns and of this module."""

    def __init__(
        self,
        patterns: dict[str, re.Pattern[str]],
        *,
        parts: dict[str, tuple[str, ...]] | None = None,
        word_start: str = "",
    ) -> None:
        from hireloop import cache

        parts = parts or {}
        sources = [(name, rx.pattern, rx.flags, parts.get(rx.pattern)) for name, rx in patterns.items()]
        value_key = cache.key(repr((sources, word_start)), code=(__name__,))
        built = cache.cached("gate", value_key, lambda: _build(sources, word_start))
        self.always, self.residual, self.by_prefix, self._scan, self._closure = built

    def starts(self, text: str) -> Starts:
        """Where in ``text`` each pattern can start: the offsets of its literal starts, so a pattern is
        tried only there (``Starts.first``, ``Starts.count``) instead of searched across the text."""
        lowered = text.lower()
        if len(lowered) != len(text) or _CASE_FOLDS_TO_ASCII.search(text):
            # offsets would not line up: the same candidates as ever, each searched in full
            return Starts(text, [], self.candidates(text), exact=False)
        anywhere = set(self.always)
        anywhere.update(name for name, rx in self.residual.items() if rx.search(text))
        hits: list[tuple[int, frozenset[str]]] = []
        if self._scan is not None:
            closure = self._closure
            hits = [(m.start(), closure[m.group(1)]) for m in self._scan.finditer(lowered)]
        return Starts(text, hits, anywhere)

    def candidates(self, text: str) -> set[str]:
        """Pattern ids worth searching in ``text``."""
        found = set(self.always)
        found.update(name for name, rx in self.residual.items() if rx.search(text))
        if self._scan is None:
            return found
        closure = self._closure
        for m in self._scan.finditer(text.lower()):
            found |= closure[m.group(1)]
        return found


_CASE_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
"""Characters that match an ASCII letter under re.IGNORECASE but do not lower-case to it (İ ı ſ K)."""


class Starts:
    """One text's candidate start offsets per pattern (see ``Gate.starts``)."""

    __slots__ = ("anywhere", "exact", "hits", "names", "text")

    def __init__(
        self, text: str, hits: list[tuple[int, frozenset[str]]], anywhere: set[str], *, exact: bool = True
    ) -> None:
        self.text = text
        self.hits = hits  # (offset, the patterns that may start there), by offset
        self.anywhere = anywhere  # patterns with no known start that may match: searched in full
        self.names: set[str] = set().union(*(names for _, names in hits)) if hits else set()
        self.exact = exact
        """False when the text's lower-casing shifts offsets or folds odd letters: then there are no
        ``hits``, ``anywhere`` holds ``Gate.candidates`` and each of those is searched in full, as before."""

    def __contains__(self, name: str) -> bool:
        return name in self.names or name in self.anywhere

    def first(self, name: str, rx: re.Pattern[str]) -> re.Match[str] | None:
        """``rx.search(text)``, trying ``rx`` only where ``name`` can start."""
        if name in self.anywhere:
            return rx.search(self.text)
        if name not in self.names:
            return None
        text = self.text
        for pos, names in self.hits:
            if name in names:
                m = rx.match(text, pos)
                if m is not None:
                    return m
        return None

    def count(self, name: str, rx: re.Pattern[str]) -> int:
        """``len(rx.findall(text))``, trying ``rx`` only where ``name`` can start."""
        if name in self.anywhere:
            return len(rx.findall(self.text))
        if name not in self.names:
            return 0
        text, n, end = self.text, 0, 0
        for pos, names in self.hits:
            if pos < end or name not in names:
                continue
            m = rx.match(text, pos)
            if m is not None:
                n += 1
                end = max(m.end(), pos + 1)
        return n


def _trie(words: list[str]) -> str:
    """A zero-width regex capturing the longest of ``words`` starting here, shaped as a trie."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return "(?=(" + emit(root) + "))"


def _build(sources: list[tuple[str, str, int, tuple[str, ...] | None]], word_start: str) -> tuple:
    """The gate's tables for (name, pattern, flags, the alternatives it was built from) in order."""
    always: set[str] = set()
    residual: dict[str, re.Pattern[str]] = {}
    by_prefix: dict[str, set[str]] = {}
    for name, pattern, flags, alternatives in sources:
        unknown: list[str] = []
        alternatives = alternatives if alternatives is not None else (pattern,)
        for part in alternatives:
            pre = _prefixes(list(P.parse(part, flags)))
            if not pre or any(len(p) < 2 for p in pre):
                unknown.append(part)
                continue
            for p in pre:
                by_prefix.setdefault(p, set()).add(name)
        if unknown and len(unknown) == len(alternatives):
            always.add(name)
        elif unknown:
            alternation = "|".join(f"(?:{u})" for u in unknown)
            residual[name] = re.compile(word_start + "(?:" + alternation + ")", flags)
    scan = re.compile(r"(?<!\w)" + _trie(sorted(by_prefix))) if by_prefix else None
    # a prefix q of p is p[:len(q)]: look up each of p's own prefixes
    closure: dict[str, frozenset[str]] = {
        p: frozenset().union(*(by_prefix[p[:k]] for k in range(1, len(p) + 1) if p[:k] in by_prefix))
        for p in by_prefix
    }
    return always, residual, by_prefix, scan, closure
