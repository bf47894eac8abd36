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
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_FORMAT = b"1"


def directory() -> Path:
    """Where cached values go: ``startup`` in hireloop's cache directory (Settings.resolved_cache_dir)."""
    configured = os.environ.get("HIRELOOP_CACHE_DIR", "").strip()
    if configured:
        return Path(configured).expanduser() / "startup"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hireloop", appauthor=False)) / "startup"


@cache
def code_hash(*modules: str) -> bytes:
    """A digest of the package version, the interpreter and the source of these modules."""
    from hireloop import __version__

    digest = hashlib.sha256(_FORMAT + __version__.encode() + sys.version.encode())
    core = sys.modules.get("pydantic_core")  # pickled models follow pydantic's internals
    digest.update(str(getattr(core, "__version__", "")).encode())
    for name in modules:
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None)
        try:
            digest.update(Path(source).read_bytes() if source else name.encode())
        except OSError:
            digest.update(name.encode())
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
    return value


def _store(path: Path, value: object) -> None:
    """Write atomically (a reader never sees half a file); any failure leaves the cache as it was."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
