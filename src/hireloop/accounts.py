"""Accounts for multi-user mode: scrypt password hashes, roles, and the cohort a coach sees."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from hireloop.signins import revoke_sign_ins
from hireloop.store.repository import now
from hireloop.store.tables import Base, UserRow

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


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"role '{role}': expected one of {', '.join(ROLES)}")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")


def create_user(*, session: Session, user_id: str, password: str, role: str = "member") -> UserRow:
    """Create (or reset the password and role of) an account; a reset signs the user out everywhere."""
    if not USER_ID.match(user_id):
        raise AccountError(
            f"user id '{user_id}': use 2-64 lowercase letters, digits, dots, dashes or underscores"
        )
    _check_role(role)
    _check_password(password)
    row = session.get(UserRow, user_id)
    if row is None:
        row = UserRow(id=user_id, created_at=now())
        session.add(row)
    else:
        revoke_sign_ins(session=session, user_id=user_id)
    row.password_hash, row.role, row.disabled = hash_password(password), role, False
    session.commit()
    return row


def _account(session: Session, user_id: str) -> UserRow:
    row = session.get(UserRow, user_id)
    if row is None or row.password_hash is None:
        raise AccountError(f"no account '{user_id}'; see 'hireloop user list'")
    return row


def reset_password(*, session: Session, user_id: str, password: str) -> None:
    """A new password; every existing sign-in of the user ends."""
    _check_password(password)
    row = _account(session, user_id)
    row.password_hash = hash_password(password)
    revoke_sign_ins(session=session, user_id=user_id)
    session.commit()


def set_role(*, session: Session, user_id: str, role: str) -> None:
    """Promote or demote; the user signs in again so no page keeps the old role."""
    _check_role(role)
    row = _account(session, user_id)
    row.role = role
    revoke_sign_ins(session=session, user_id=user_id)
    session.commit()


def set_disabled(*, session: Session, user_id: str, disabled: bool) -> None:
    """Disable (sign out everywhere, refuse sign-in) or enable an account; its data stays."""
    row = _account(session, user_id)
    row.disabled = disabled
    revoke_sign_ins(session=session, user_id=user_id)
    session.commit()


def remove_user(*, session: Session, user_id: str) -> dict[str, int]:
    """Delete an account and everything it stored; returns rows deleted per table."""
    _account(session, user_id)
    users = UserRow.__table__
    deleted: dict[str, int] = {}
    tables = list(reversed(Base.metadata.sorted_tables))
    owned = [t for t in tables if "user_id" in t.c and t is not users]
    # Rows that hang off a user's rows (assessments of their answers) go first.
    for table in tables:
        if table is users or "user_id" in table.c:
            continue
        for fk in table.foreign_keys:
            parent = fk.column.table
            if parent in owned:
                ids = select(fk.column).where(parent.c.user_id == user_id)
                result = session.execute(table.delete().where(fk.parent.in_(ids)))
                deleted[table.name] = deleted.get(table.name, 0) + (result.rowcount or 0)
    for table in owned:
        result = session.execute(table.delete().where(table.c.user_id == user_id))
        deleted[table.name] = result.rowcount or 0
    session.execute(users.delete().where(users.c.id == user_id))
    session.commit()
    return deleted


def authenticate(*, session: Session, user_id: str, password: str) -> UserRow | None:
    row = session.get(UserRow, user_id.strip().lower())
    if row is None or row.disabled:
        hash_password(password)  # spend the same time whether or not the user may sign in
        return None
    return row if verify_password(password, row.password_hash) else None


def accounts(*, session: Session) -> list[UserRow]:
    query = select(UserRow).where(UserRow.password_hash.is_not(None)).order_by(UserRow.id)
    return list(session.scalars(query))
