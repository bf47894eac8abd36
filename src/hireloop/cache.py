"""A content-addressed cache for values that are slow to build and never change for the same input.

Parsed content packs and the grader's regex pre-filters cost hundreds of milliseconds to build and are the
same on every start until their input changes. Each value is stored under a key hashing its whole input,
the package version and the source of the code that built it, so a stale entry is simply never looked up
again. A cache that is missing, corrupt, unreadable or unwritable falls back to building: it can make a
start slower, never wrong, and never stops a command.

The cache lives in ``startup/`` under hireloop's cache directory (``HIRELOOP_CACHE_DIR``, by default
``~/.cache/hireloop``); deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_FORMAT = b"2"  # bump when the way values are stored changes


def directory() -> Path:
    """Where cached values go: ``startup`` in hireloop's cache directory (Settings.resolved_cache_dir)."""
    configured = os.environ.get("HIRELOOP_CACHE_DIR", "").strip()
    if configured:
        return Path(configured).expanduser() / "startup"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hireloop", appauthor=False)) / "startup"


@cache
def code_hash(*modules: str) -> bytes:
    """A digest of the package version, the interpreter, and the source and version of these (already
    imported) modules: pickled pydantic models, for one, depend on pydantic_core's version."""
    from hireloop import __version__

    digest = hashlib.sha256(_FORMAT + __version__.encode() + sys.version.encode())
    for name in modules:
        module = sys.modules.get(name)
        digest.update(name.encode() + str(getattr(module, "__version__", "")).encode())
        source = getattr(module, "__file__", None)
        try:
            digest.update(Path(source).read_bytes() if source else b"")
        except OSError:
            digest.update(b"unreadable")
    return digest.digest()


def key(*parts: bytes | str, code: tuple[str, ...] = ()) -> str:
    """The cache key of a value built by the ``code`` modules from ``parts``."""
    digest = hashlib.sha256(code_hash(*code))
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def cached(
    kind: str, value_key: str, build: Callable[[], T], *, keep: Callable[[T], bool] | None = None
) -> T:
    """The value stored under ``kind``/``value_key``, or ``build()``'s result (then stored if ``keep``
    allows it and the cache is writable)."""
    path = directory() / kind / f"{value_key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception:  # a corrupt or incompatible entry is rebuilt, whatever the error
        pass
    value = build()
    if keep is None or keep(value):
        _store(path, value)
        _prune(path.parent)
    return value


MAX_AGE_DAYS = 30


def _prune(folder: Path) -> None:
    """Drop entries written more than MAX_AGE_DAYS ago, so edited content does not pile up old entries
    (one still in use is simply built again, once)."""
    import time

    cutoff = time.time() - MAX_AGE_DAYS * 86400
    try:
        for entry in folder.iterdir():
            if entry.stat().st_mtime < cutoff:
                entry.unlink(missing_ok=True)
    except OSError:
        pass


class Patterns:
    """Compiled regular expressions kept between starts, under a hash of the module that owns them.

    A module that compiles hundreds of large patterns at import (the concept lexicon) spends most of a
    cold start in ``re``'s pure-Python parser; ``compile`` returns the pattern stored by an earlier
    start, and a start that had to compile any stores the set it used when the process exits."""

    def __init__(self, module: str) -> None:
        self._path = directory() / "patterns" / f"{key(code=(module,))}.pickle"
        try:
            with self._path.open("rb") as handle:
                self._known: dict[tuple[str, int], re.Pattern[str]] = pickle.load(handle)
        except Exception:  # missing, corrupt or from another interpreter: compile afresh
            self._known = {}
        self._used: dict[tuple[str, int], re.Pattern[str]] = {}
        self._compiled_afresh = False

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        entry = (pattern, int(flags))
        found = self._known.get(entry)
        if found is None:
            found = re.compile(pattern, flags)
            if not self._compiled_afresh:
                import atexit

                self._compiled_afresh = True
                atexit.register(self.save)
        self._used[entry] = found
        return found

    def save(self) -> None:
        if self._compiled_afresh:
            _store(self._path, self._used)
            self._compiled_afresh = False


def _frozen_pattern(rx: re.Pattern) -> tuple:
    """Pickle a compiled pattern as CPython's compiled form, so loading it skips the parser (see _thaw)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    if not isinstance(rx.pattern, str):
        return re.compile, (rx.pattern, rx.flags)
    parsed = _parser.parse(rx.pattern, rx.flags)
    code = [int(op) for op in _compiler._code(parsed, rx.flags)]  # plain ints: opcodes are int subclasses
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    args = (rx.flags | parsed.state.flags, code, parsed.state.groups - 1, parsed.state.groupdict, indexgroup)
    return _thaw, (rx.pattern, args)


def _thaw(pattern: str, args: tuple) -> re.Pattern:
    """A pattern from its compiled form; any mismatch (another interpreter) compiles it the usual way.
    Entries only ever come back to the interpreter version that wrote them (see code_hash)."""
    import _sre

    flags, code, groups, groupindex, indexgroup = args
    try:
        return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
    except Exception:
        return re.compile(pattern, flags)


def _store(path: Path, value: object) -> None:
    """Write atomically (a reader never sees half a file); any failure leaves the cache as it was."""
    import copyreg
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.dispatch_table = {**copyreg.dispatch_table, re.Pattern: _frozen_pattern}
                pickler.dump(value)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
