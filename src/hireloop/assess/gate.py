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
