"""Accounts: create users, set and check passwords (argon2id)."""

from __future__ import annotations

import functools
from typing import Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import CursorResult, func, select
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.auth.models import Role, User

_hasher = PasswordHasher()
MIN_PASSWORD = 10
MAX_PASSWORD = 1024


@functools.cache
def _dummy_hash() -> str:
    """Compared against when the email is unknown, so both cases take the same time."""
    return _hasher.hash("factcheck-dummy-password")


class AccountError(ValueError):
    pass


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise AccountError(f"not an email address: {email[:254]!r}")
    return email


def hash_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(f"passwords must be {MIN_PASSWORD} to {MAX_PASSWORD} characters long")
    return _hasher.hash(password)


def add_user(
    session: Session, actor, email: str, role: Role, password: str | None, name: str | None = None
) -> User:
    email = normalize_email(email)
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(f"a user {email} already exists")
    user = User(
        email=email,
        name=(name or email.split("@")[0])[:200],
        role=role.value,
        password_hash=hash_password(password) if password is not None else None,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "create_user", user, after={"email": email, "role": role.value})
    return user


def set_role(session: Session, actor, user: User, role: Role) -> None:
    before = user.role
    if before == role.value:
        return
    user.role = role.value
    session.flush()
    audit.record(
        session, actor, "set_role", user, before={"role": before}, after={"role": role.value}
    )


def set_password(session: Session, actor, user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    session.flush()
    audit.record(session, actor, "set_password", user)


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    stored = user.password_hash if user is not None and user.password_hash else _dummy_hash()
    try:
        _hasher.verify(stored, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.password_hash or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


# --- added for the web desk: sign-in rate limiting and account management --------------------

LOGIN_WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_IP = 30


def _require_admin(actor) -> None:
    if isinstance(actor, User) and not actor.can(Role.admin):
        raise AccountError("only an admin can manage accounts")


def record_login_attempt(session: Session, email: str, ip: str, succeeded: bool) -> None:
    """Remember a sign-in attempt (the rate limit counts failures across all workers)."""
    from factcheck.auth.models import LoginAttempt

    session.add(
        LoginAttempt(
            email=email.strip().lower()[:254], ip=(ip or "unknown")[:64], succeeded=succeeded
        )
    )
    session.flush()


def login_retry_after(session: Session, email: str, ip: str) -> int:
    """Seconds until this email / address may try again; 0 when a sign-in may be attempted.

    Failures count within a sliding window; a success for the email resets its count.
    """
    from datetime import timedelta

    from factcheck.auth.models import LoginAttempt
    from factcheck.db import utcnow

    now = utcnow()
    since = now - timedelta(seconds=LOGIN_WINDOW_SECONDS)
    email = email.strip().lower()[:254]
    last_success = session.scalar(
        select(func.max(LoginAttempt.at)).where(
            LoginAttempt.email == email, LoginAttempt.succeeded.is_(True), LoginAttempt.at >= since
        )
    )
    waits = []
    for column, key, limit, after in (
        (LoginAttempt.email, email, MAX_FAILURES_PER_EMAIL, last_success),
        (LoginAttempt.ip, (ip or "unknown")[:64], MAX_FAILURES_PER_IP, None),
    ):
        start = max(since, after) if after is not None else since
        count, oldest = session.execute(
            select(func.count(LoginAttempt.id), func.min(LoginAttempt.at)).where(
                column == key, LoginAttempt.succeeded.is_(False), LoginAttempt.at >= start
            )
        ).one()
        if count >= limit and oldest is not None:
            if oldest.tzinfo is None:
                from datetime import UTC

                oldest = oldest.replace(tzinfo=UTC)
            waits.append(
                int((oldest + timedelta(seconds=LOGIN_WINDOW_SECONDS) - now).total_seconds()) + 1
            )
    return max(waits, default=0)


def prune_login_attempts(session: Session) -> int:
    """Forget attempts older than the window (called now and then, keeps the table small)."""
    from datetime import timedelta

    from sqlalchemy import delete

    from factcheck.auth.models import LoginAttempt
    from factcheck.db import utcnow

    cutoff = utcnow() - timedelta(seconds=LOGIN_WINDOW_SECONDS)
    result = session.execute(delete(LoginAttempt).where(LoginAttempt.at < cutoff))
    return cast("CursorResult[Any]", result).rowcount or 0


def set_active(session: Session, actor, user: User, active: bool) -> None:
    """Enable or disable an account (a disabled account cannot sign in or act)."""
    _require_admin(actor)
    if isinstance(actor, User) and actor.id == user.id and not active:
        raise AccountError("you cannot disable your own account")
    if user.active == active:
        return
    user.active = active
    session.flush()
    audit.record(
        session, actor, "set_active", user, before={"active": not active}, after={"active": active}
    )


def change_role(session: Session, actor, user: User, role: Role) -> None:
    """set_role with the admin check and a guard against an admin demoting themself."""
    _require_admin(actor)
    if isinstance(actor, User) and actor.id == user.id and role != Role.admin:
        raise AccountError("you cannot change your own role")
    set_role(session, actor, user, role)
