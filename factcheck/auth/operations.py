"""Accounts: create users, set and check passwords (argon2id), roles, sign-in rate limiting and
one-time reset links. Every change of password, role or active state ends the account's
sessions; every check of who may do it reads the accounts fresh (factcheck.permissions)."""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.auth.models import LoginAttempt, PasswordReset, Role, User
from factcheck.auth.passwords import MAX_PASSWORD, MIN_PASSWORD, password_problem
from factcheck.auth.sessions import digest, end_all_sessions
from factcheck.db import utcnow
from factcheck.notifications.models import Kind
from factcheck.permissions import PermissionDenied, fresh_user, require

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Compared against when the email is unknown, so both cases take the same time."""
    return _hasher.hash("factcheck-dummy-password")


class AccountError(ValueError):
    pass


class PasswordRefused(AccountError):
    """The new password breaks the password rules (factcheck.auth.passwords)."""


class WrongPassword(AccountError):
    """The current password given was wrong; the failure is recorded for the rate limit (the
    caller commits it)."""


class TooManyAttempts(AccountError):
    """Too many wrong passwords for this account or address lately (see attempt_sign_in)."""

    def __init__(self, retry_after: int):
        super().__init__(f"Too many wrong passwords: try again in {retry_after // 60 + 1} min.")
        self.retry_after = retry_after


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise AccountError(f"not an email address: {email[:254]!r}")
    return email


def hash_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise PasswordRefused(f"passwords must be {MIN_PASSWORD} to {MAX_PASSWORD} characters long")
    return _hasher.hash(password)


def _checked_hash(password: str, email: str, name: str = "") -> str:
    problem = password_problem(password, email=email, name=name)
    if problem is not None:
        raise PasswordRefused(problem)
    return hash_password(password)


def add_user(
    session: Session, actor, email: str, role: Role, password: str | None, name: str | None = None
) -> User:
    require(session, actor, Role.admin)
    email = normalize_email(email)
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(f"a user {email} already exists")
    name = (name or email.split("@")[0])[:200]
    user = User(
        email=email,
        name=name,
        role=role.value,
        password_hash=_checked_hash(password, email, name) if password is not None else None,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "create_user", user, after={"email": email, "role": role.value})
    return user


def _target(session: Session, user: User) -> User:
    """The account to change, as the database has it now."""
    current = fresh_user(session, user.id)
    if current is None:
        raise AccountError(f"there is no account {user.email}")
    return current


def _not_yourself(actor, user: User, what: str) -> None:
    if isinstance(actor, User) and actor.id == user.id:
        raise AccountError(f"you cannot {what} your own account")


def set_role(session: Session, actor, user: User, role: Role) -> None:
    """Give the account another role (admins); its sessions end."""
    require(session, actor, Role.admin)
    user = _target(session, user)
    before = user.role
    if before == role.value:
        return
    _not_yourself(actor, user, "change the role of")
    user.role = role.value
    session.flush()
    end_all_sessions(session, user.id)
    audit.record(
        session, actor, "set_role", user, before={"role": before}, after={"role": role.value}
    )


def set_active(session: Session, actor, user: User, active: bool) -> None:
    """Enable or disable an account (admins); a disabled account cannot sign in or act."""
    require(session, actor, Role.admin)
    user = _target(session, user)
    if user.active == active:
        return
    _not_yourself(actor, user, "disable or enable")
    user.active = active
    session.flush()
    end_all_sessions(session, user.id)
    audit.record(
        session, actor, "set_active", user, before={"active": not active}, after={"active": active}
    )


def set_notifications(session: Session, user: User, wanted: set[Kind]) -> bool:
    """The kinds of notification the account hears of (its own choice: only the signed-in
    user calls this, for themself); returns whether anything changed."""
    user = _target(session, user)
    before = {kind.value: user.wants(kind) for kind in Kind}
    after = {kind.value: kind in wanted for kind in Kind}
    if before == after:
        return False
    for kind in Kind:
        setattr(user, f"notify_{kind.value}", kind in wanted)
    session.flush()
    changed = [k for k in after if before[k] != after[k]]
    audit.record(
        session,
        user,
        "set_notifications",
        user,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return True


def set_password(session: Session, actor, user: User, password: str) -> None:
    """An admin (or the command line) sets a new password; the account's sessions end. Your own
    password you change with change_own_password (which asks for the current one)."""
    require(session, actor, Role.admin)
    user = _target(session, user)
    _not_yourself(actor, user, "set a password without the current one for")
    _store_password(session, actor, user, password)


def change_own_password(
    session: Session, user: User, current: str, new: str, ip: str = "unknown"
) -> None:
    """The signed-in user replaces their password, proving they know the current one (checked
    under the sign-in rate limit: a stolen session is no way to guess it). Every session of
    theirs ends (the caller opens a new one for this browser)."""
    user = _target(session, user)
    if not user.active:
        raise PermissionDenied("This account is disabled.")
    ip = (ip or "unknown")[:64]
    _serialise_attempts(session, user.email, ip)
    wait = login_retry_after(session, user.email, ip)
    if wait:
        raise TooManyAttempts(wait)
    if not _verifies(user.password_hash, current):
        session.add(LoginAttempt(email=user.email, ip=ip, succeeded=False))
        session.flush()
        raise WrongPassword("The current password is not right.")
    if new == current:
        raise PasswordRefused("The new password is the same as the current one.")
    _store_password(session, user, user, new)


def _store_password(session: Session, actor, user: User, password: str) -> None:
    user.password_hash = _checked_hash(password, user.email, user.name)
    session.flush()
    end_all_sessions(session, user.id)
    session.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id))
    audit.record(session, actor, "set_password", user)


def _verifies(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _dummy_hash(), password[:MAX_PASSWORD]) and bool(stored)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = _password_holder(session, email, password)
    return user if user is not None and user.active else None


def _password_holder(session: Session, email: str, password: str) -> User | None:
    """The account with this email and password, active or disabled, or None."""
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if not _verifies(user.password_hash if user is not None else None, password):
        return None
    if user is None or user.password_hash is None:
        return None
    if user.active and _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


# --- one-time reset links ------------------------------------------------------------------


def issue_reset_link(session: Session, actor, user: User, valid_for: timedelta) -> str:
    """A token for one password change without the current password, valid for `valid_for`
    (admins). Only its SHA-256 is stored; an earlier unused link of the account stops working."""
    require(session, actor, Role.admin)
    user = _target(session, user)
    _not_yourself(actor, user, "issue a reset link for")
    session.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id))
    token = secrets.token_urlsafe(32)
    session.add(PasswordReset(id=digest(token), user_id=user.id, expires_at=utcnow() + valid_for))
    session.flush()
    audit.record(session, actor, "issue_reset_link", user, after={"valid_for": str(valid_for)})
    return token


def reset_link_user(session: Session, token: str) -> User | None:
    """The active account a live reset token belongs to, else None (nothing is used up)."""
    return session.scalar(
        select(User)
        .join(PasswordReset, PasswordReset.user_id == User.id)
        .where(
            PasswordReset.id == digest(token),
            PasswordReset.expires_at > utcnow(),
            User.active.is_(True),
        )
    )


def reset_password(session: Session, token: str, password: str) -> User:
    """Use a reset token: the new password is set, the token and every session of the account
    end. A token works once: two requests with it cannot both succeed (the DELETE decides)."""
    user = reset_link_user(session, token)
    if user is None:
        raise AccountError("This reset link is not valid: it was used, replaced or has expired.")
    problem = password_problem(password, email=user.email, name=user.name)
    if problem is not None:
        raise PasswordRefused(problem)
    used = session.execute(
        delete(PasswordReset)
        .where(PasswordReset.id == digest(token), PasswordReset.expires_at > utcnow())
        .execution_options(synchronize_session=False)
    )
    if cast("CursorResult[Any]", used).rowcount != 1:
        raise AccountError("This reset link is not valid: it was used, replaced or has expired.")
    _store_password(session, user, user, password)
    return user


# --- sign-in and its rate limit --------------------------------------------------------------

LOGIN_WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_IP = 30


@dataclass(frozen=True)
class SignIn:
    user: User | None  # signed in (None: refused)
    retry_after: int = 0  # seconds to wait when refused by the rate limit (nothing evaluated)
    # Refused although the password was right: the account is disabled. Said only to whoever
    # knows the password, so the sign-in page tells nobody else which accounts exist.
    disabled: bool = False


def attempt_sign_in(session: Session, email: str, password: str, ip: str) -> SignIn:
    """Check the rate limit, the password, and record the attempt, as one step: attempts on the
    same email or from the same address wait for each other until the caller commits, so no
    number of parallel guesses gets more than the limit evaluated."""
    email = email.strip().lower()[:254]
    ip = (ip or "unknown")[:64]
    _serialise_attempts(session, email, ip)
    wait = login_retry_after(session, email, ip)
    if wait:
        return SignIn(None, wait)
    holder = _password_holder(session, email, password)
    user = holder if holder is not None and holder.active else None
    session.add(LoginAttempt(email=email, ip=ip, succeeded=user is not None))
    if user is not None:
        user.last_login_at = utcnow()
        prune_login_attempts(session)
    session.flush()
    return SignIn(user, disabled=holder is not None and user is None)


def _serialise_attempts(session: Session, email: str, ip: str) -> None:
    """PostgreSQL: transaction-level advisory locks on the email and the address (taken in one
    order: no deadlock). SQLite needs none: a writing transaction begins IMMEDIATE and holds the
    database's only write lock until it ends."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted({f"sign-in email {email}", f"sign-in address {ip}"}):
        session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))


def login_retry_after(session: Session, email: str, ip: str) -> int:
    """Seconds until this email / address may try again; 0 when a sign-in may be attempted.

    Failures count within a sliding window; a success for the email resets its count.
    """
    now = utcnow()
    since = now - timedelta(seconds=LOGIN_WINDOW_SECONDS)
    last_success = session.scalar(
        select(func.max(LoginAttempt.at)).where(
            LoginAttempt.email == email, LoginAttempt.succeeded.is_(True), LoginAttempt.at >= since
        )
    )
    waits = []
    for column, key, limit, after in (
        (LoginAttempt.email, email, MAX_FAILURES_PER_EMAIL, last_success),
        (LoginAttempt.ip, ip, MAX_FAILURES_PER_IP, None),
    ):
        start = max(since, after) if after is not None else since
        count, oldest = session.execute(
            select(func.count(LoginAttempt.id), func.min(LoginAttempt.at)).where(
                column == key, LoginAttempt.succeeded.is_(False), LoginAttempt.at >= start
            )
        ).one()
        if count >= limit and oldest is not None:
            waits.append(
                int((oldest + timedelta(seconds=LOGIN_WINDOW_SECONDS) - now).total_seconds()) + 1
            )
    return max(waits, default=0)


def prune_login_attempts(session: Session) -> int:
    """Forget attempts older than the window (called at each sign-in, keeps the table small)."""
    cutoff = utcnow() - timedelta(seconds=LOGIN_WINDOW_SECONDS)
    result = session.execute(delete(LoginAttempt).where(LoginAttempt.at < cutoff))
    return cast("CursorResult[Any]", result).rowcount or 0
