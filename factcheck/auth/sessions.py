"""Server-side sessions: the browser's signed cookie carries only a random token; the database
keeps the token's SHA-256, who it belongs to, when it began and when it was last used.

Every request reads its row (with the account) from the database, so ending a session, changing
a password or role, or disabling an account binds the very next request on every worker.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, or_, select, update
from sqlalchemy.orm import Session

from factcheck.auth.models import User, UserSession
from factcheck.db import utcnow

# How stale last_seen_at may get before a request writes it again (so most requests only read).
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Limits:
    idle: timedelta  # a session unused this long is over
    lifetime: timedelta  # and any session this old, used or not


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, user: User) -> str:
    """A new session for `user`; returns the token for the cookie (never stored as such)."""
    token = secrets.token_urlsafe(32)
    session.add(UserSession(id=digest(token), user_id=user.id))
    session.flush()
    return token


@dataclass(frozen=True)
class Found:
    user: User
    stale: bool  # last_seen_at should be written again (touch())


def find(session: Session, token: str, limits: Limits, now: datetime | None = None) -> Found | None:
    """The active account whose live session this token opens, read from the database (the
    session's copy of the account is overwritten with it); None otherwise."""
    now = now or utcnow()
    row = session.execute(
        select(UserSession.created_at, UserSession.last_seen_at, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.id == digest(token))
        .execution_options(populate_existing=True)
    ).first()
    if row is None:
        return None
    created_at, last_seen_at, user = row
    if not user.active or now - created_at > limits.lifetime or now - last_seen_at > limits.idle:
        return None
    return Found(user, stale=now - last_seen_at > min(TOUCH_EVERY, limits.idle / 2))


def touch(session: Session, token: str, now: datetime | None = None) -> None:
    session.execute(
        update(UserSession)
        .where(UserSession.id == digest(token))
        .values(last_seen_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )


def end_session(session: Session, token: str) -> None:
    session.execute(
        delete(UserSession)
        .where(UserSession.id == digest(token))
        .execution_options(synchronize_session=False)
    )


def end_all_sessions(session: Session, user_id: int) -> int:
    """Sign the account out everywhere; returns how many sessions ended."""
    result = session.execute(
        delete(UserSession)
        .where(UserSession.user_id == user_id)
        .execution_options(synchronize_session=False)
    )
    return cast("CursorResult[Any]", result).rowcount or 0


def prune_sessions(session: Session, limits: Limits, now: datetime | None = None) -> None:
    """Forget sessions past their limits (called at each sign-in, keeps the table small)."""
    now = now or utcnow()
    session.execute(
        delete(UserSession)
        .where(
            or_(
                UserSession.last_seen_at < now - limits.idle,
                UserSession.created_at < now - limits.lifetime,
            )
        )
        .execution_options(synchronize_session=False)
    )
