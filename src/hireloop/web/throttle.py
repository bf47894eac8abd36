"""Sign-in throttling: failed attempts counted per account and per client address in a sliding window.

Pure bookkeeping with the time passed in; the login route asks before spending any work on a
password hash, so a flood of guesses costs the server almost nothing once it is throttled.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    failures: int
    window: float  # seconds


@dataclass(frozen=True)
class Refusal:
    retry_after: int  # whole seconds
    message: str


# One person mistyping gets plenty of tries; a guesser gets 10 an account per quarter hour.
ACCOUNT_LIMIT = Limit(failures=10, window=15 * 60)
ADDRESS_LIMIT = Limit(failures=20, window=5 * 60)
MAX_KEYS = 50_000  # bounded memory under a flood of made-up names


def _wait_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"


class LoginThrottle:
    """Thread-safe counters of recent failures; successes clear the account's count."""

    def __init__(self, *, account: Limit = ACCOUNT_LIMIT, address: Limit = ADDRESS_LIMIT) -> None:
        self.limits = {"account": account, "address": address}
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def attempt(self, *, account: str, address: str, now: float) -> Refusal | None:
        """A refusal if the account or the address has used up its failures; otherwise the attempt
        counts as a failure until ``succeeded`` says otherwise, so concurrent guesses cannot overshoot."""
        with self._lock:
            for kind, key in (("address", address), ("account", account)):
                wait = self._wait(kind, key, now)
                if wait:
                    if kind == "account":
                        text = (
                            f"Too many failed sign-ins for this account: it is locked for "
                            f"{_wait_words(wait)}. Try again then, or ask your coach to reset the password."
                        )
                    else:
                        text = (
                            f"Too many failed sign-ins from your address. Try again in {_wait_words(wait)}."
                        )
                    return Refusal(retry_after=wait, message=text)
            if len(self._failures) >= MAX_KEYS:
                self._prune(now)
            for kind, key in (("account", account), ("address", address)):
                self._failures.setdefault((kind, key), deque()).append(now)
        return None

    def succeeded(self, *, account: str, address: str) -> None:
        """The password was right: forget the account's failures and this attempt's mark on the address."""
        with self._lock:
            self._failures.pop(("account", account), None)
            times = self._failures.get(("address", address))
            if times:
                times.pop()

    def _wait(self, kind: str, key: str, now: float) -> int:
        limit = self.limits[kind]
        times = self._failures.get((kind, key))
        if not times:
            return 0
        while times and times[0] <= now - limit.window:
            times.popleft()
        if len(times) < limit.failures:
            return 0
        # Free again once the oldest failure that still counts leaves the window.
        return max(1, math.ceil(times[-limit.failures] + limit.window - now))

    def _prune(self, now: float) -> None:
        longest = max(limit.window for limit in self.limits.values())
        for key in [k for k, times in self._failures.items() if not times or times[-1] <= now - longest]:
            del self._failures[key]
        while len(self._failures) >= MAX_KEYS:  # still full: forget the oldest keys
            del self._failures[next(iter(self._failures))]
