"""Accounts for multi-user mode: scrypt password hashes, roles, and the cohort a coach sees."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from hireloop.store.repository import now
from hireloop.store.tables import UserRow

ROLES = ("member", "coach")
USER_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 10
_N, _R, _P = 2**14, 8, 1


class AccountError(ValueError):
    """A user cannot be created or signed in; the message says why."""


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p))
    except (ValueError, TypeError):
        return False
    return scheme == "scrypt" and hmac.compare_digest(actual, expected)


def create_user(*, session: Session, user_id: str, password: str, role: str = "member") -> UserRow:
    """Create (or reset the password and role of) an account."""
    if not USER_ID.match(user_id):
        raise AccountError(
            f"user id '{user_id}': use 2-64 lowercase letters, digits, dots, dashes or underscores"
        )
    if role not in ROLES:
        raise AccountError(f"role '{role}': expected one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    row = session.get(UserRow, user_id)
    if row is None:
        row = UserRow(id=user_id, created_at=now())
        session.add(row)
    row.password_hash, row.role = hash_password(password), role
    session.commit()
    return row


def authenticate(*, session: Session, user_id: str, password: str) -> UserRow | None:
    row = session.get(UserRow, user_id.strip().lower())
    if row is None:
        hash_password(password)  # spend the same time whether or not the user exists
        return None
    return row if verify_password(password, row.password_hash) else None


def accounts(*, session: Session) -> list[UserRow]:
    query = select(UserRow).where(UserRow.password_hash.is_not(None)).order_by(UserRow.id)
    return list(session.scalars(query))
