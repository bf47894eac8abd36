"""Server-side sign-ins for multi-user mode: revocable, checked against the account on every request.

The browser holds a random token; the store keeps only an HMAC of it under the secret key, so
neither a copy of the database nor the key alone yields a working cookie. Signing out deletes the
row; a password reset, a role change, disabling or removing the account deletes all of the user's.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hireloop.store.tables import SignInRow, UserRow

SIGN_IN_LIFETIME = timedelta(days=14)
COOKIE = "hireloop_session"


@dataclass(frozen=True)
class Account:
    """Who is signed in, as the database says now (not as the cookie said at sign-in)."""

    id: str
    role: str

    @property
    def is_coach(self) -> bool:
        return self.role == "coach"


def token_hash(*, token: str, secret: str) -> str:
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def start_sign_in(*, session: Session, user_id: str, secret: str, now: datetime) -> str:
    """Record a new sign-in and return the token for the cookie; drops the user's expired ones."""
    session.execute(delete(SignInRow).where(SignInRow.user_id == user_id, SignInRow.expires_at <= now))
    token = secrets.token_urlsafe(32)
    session.add(
        SignInRow(
            token_hash=token_hash(token=token, secret=secret),
            user_id=user_id,
            created_at=now,
            expires_at=now + SIGN_IN_LIFETIME,
        )
    )
    session.commit()
    return token


def signed_in_account(*, session: Session, token: str, secret: str, now: datetime) -> Account | None:
    """The account behind a cookie token, or None if it was revoked, expired or disabled."""
    if not token or len(token) > 128:
        return None
    query = (
        select(UserRow.id, UserRow.role)
        .join(SignInRow, SignInRow.user_id == UserRow.id)
        .where(
            SignInRow.token_hash == token_hash(token=token, secret=secret),
            SignInRow.expires_at > now,
            UserRow.disabled.is_(False),
            UserRow.password_hash.is_not(None),
        )
    )
    row = session.execute(query).first()
    return Account(id=row.id, role=row.role) if row else None


def end_sign_in(*, session: Session, token: str, secret: str) -> None:
    session.execute(delete(SignInRow).where(SignInRow.token_hash == token_hash(token=token, secret=secret)))
    session.commit()


def revoke_sign_ins(*, session: Session, user_id: str) -> int:
    """Sign the user out everywhere; returns how many sign-ins ended. The caller commits."""
    result = session.execute(delete(SignInRow).where(SignInRow.user_id == user_id))
    return result.rowcount or 0
