"""Sign-in throttling: failed attempts counted per account and per client address in a sliding window.

The counts live in the database, so every worker and every host behind a proxy counts the same failures
(a guesser gets the same number of tries against four workers as against one). The login route asks
before spending any work on a password hash, so a flood of guesses costs the server almost nothing once
it is throttled. Times are seconds since the epoch, passed in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from hireloop.store.tables import SignInFailureRow


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


def _wait_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"


def wait_for(times: Sequence[float], limit: Limit, now: float) -> int:
    """Whole seconds until one more attempt is allowed, given the failure times (ascending) still in the
    window: free again once the oldest failure that still counts leaves it."""
    recent = [t for t in times if t > now - limit.window]
    if len(recent) < limit.failures:
        return 0
    return max(1, math.ceil(recent[-limit.failures] + limit.window - now))


def _refusal(kind: str, wait: int) -> Refusal:
    if kind == "account":
        text = (
            f"Too many failed sign-ins for this account: it is locked for {_wait_words(wait)}. "
            "Try again then, or ask your coach to reset the password."
        )
    else:
        text = f"Too many failed sign-ins from your address. Try again in {_wait_words(wait)}."
    return Refusal(retry_after=wait, message=text)


class LoginThrottle:
    """Failure counts in the store; a success clears the account's count."""

    def __init__(
        self,
        sessions: Callable[[], Session],
        *,
        account: Limit = ACCOUNT_LIMIT,
        address: Limit = ADDRESS_LIMIT,
    ) -> None:
        self.sessions = sessions
        self.limits = {"account": account, "address": address}

    def attempt(self, *, account: str, address: str, now: float) -> Refusal | None:
        """A refusal if the account or the address has used up its failures; otherwise the attempt is
        recorded as a failure until ``succeeded`` says otherwise, so concurrent guesses cannot overshoot."""
        keys = (("address", address[:128]), ("account", account[:128]))
        longest = max(limit.window for limit in self.limits.values())
        with self.sessions() as db:
            db.execute(delete(SignInFailureRow).where(SignInFailureRow.at <= now - longest))
            for kind, key in keys:
                wait = wait_for(self._times(db, kind, key, now), self.limits[kind], now)
                if wait:
                    db.commit()
                    return _refusal(kind, wait)
            db.add_all([SignInFailureRow(kind=kind, key=key, at=now) for kind, key in keys])
            db.commit()
        return None

    def succeeded(self, *, account: str, address: str) -> None:
        """The password was right: forget the account's failures and this attempt's mark on the address."""
        with self.sessions() as db:
            db.execute(
                delete(SignInFailureRow).where(
                    SignInFailureRow.kind == "account", SignInFailureRow.key == account[:128]
                )
            )
            latest = (
                select(func.max(SignInFailureRow.id))
                .where(SignInFailureRow.kind == "address", SignInFailureRow.key == address[:128])
                .scalar_subquery()
            )
            db.execute(delete(SignInFailureRow).where(SignInFailureRow.id == latest))
            db.commit()

    def _times(self, db: Session, kind: str, key: str, now: float) -> list[float]:
        since = now - self.limits[kind].window
        row = SignInFailureRow
        query = select(row.at).where(row.kind == kind, row.key == key, row.at > since).order_by(row.at)
        return list(db.scalars(query))
