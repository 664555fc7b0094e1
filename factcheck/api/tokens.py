"""Personal access tokens: made, listed, revoked, and the account a presented secret acts as.

A token acts with its account's role, read fresh on every request, and never more: a read token
only reads; a disabled account's tokens stop working at once. Every change is in the history.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.api.models import ApiToken, Scope
from factcheck.auth.models import Role, User
from factcheck.db import utcnow
from factcheck.permissions import PermissionDenied, fresh_user

PREFIX = "fct_"  # marks the secret as this project's token (for secret scanners, for people)
MAX_NAME = 100
MAX_DAYS = 3650
# last_used_at is written at most this often per token: not one write per request.
TOUCH_EVERY = timedelta(minutes=1)


class TokenError(ValueError):
    """A token that cannot be made or changed as asked; the message is for the user."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    session: Session,
    actor,
    user: User,
    *,
    name: str,
    scope: Scope,
    expires_days: int | None = None,
) -> tuple[ApiToken, str]:
    """A new token for `user` and its secret (shown once: only its SHA-256 is stored). An
    account makes its own tokens; the command line makes them for anyone."""
    if not isinstance(actor, str) and actor.id != user.id:
        raise PermissionDenied("You can make tokens for your own account only.")
    current = fresh_user(session, user.id)
    if current is None or not current.can(Role.viewer):
        raise TokenError(f"{user.email} is disabled: its tokens would not work.")
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise TokenError(f"A token needs a name of 1 to {MAX_NAME} characters.")
    if expires_days is not None and not 1 <= expires_days <= MAX_DAYS:
        raise TokenError(f"A token expires after 1 to {MAX_DAYS} days (or never).")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        secret_sha256=_digest(secret),
        prefix=secret[:12],
        scope=scope.value,
        expires_at=utcnow() + timedelta(days=expires_days) if expires_days else None,
    )
    session.add(token)
    session.flush()
    audit.record(
        session,
        actor,
        "create_token",
        token,
        after={
            "name": name,
            "scope": scope.value,
            "user": user.email,
            "expires_at": token.expires_at,
        },
    )
    return token, secret


def revoke_token(session: Session, actor, token: ApiToken) -> bool:
    """Revoke a token for good (its account, an admin, or the command line); False when it
    was revoked already."""
    if not isinstance(actor, str) and actor.id != token.user_id:
        current = fresh_user(session, actor.id)
        if current is None or not current.can(Role.admin):
            raise PermissionDenied("You can revoke your own tokens only.")
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    session.flush()
    audit.record(
        session, actor, "revoke_token", token, before={"revoked": False}, after={"revoked": True}
    )
    return True


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """An account's tokens, newest first (revoked ones too: their history)."""
    statement = select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc())
    return list(session.scalars(statement))


@dataclass(frozen=True)
class Bearer:
    """Who a request's token acts as: the account as the database has it now."""

    token_id: int
    scope: Scope
    user: User
    key: str  # the secret's SHA-256: the token's key in the rate limit
    last_used_at: datetime | None

    @property
    def stale(self) -> bool:
        """Whether its last use is worth writing down (at most once a minute)."""
        return self.last_used_at is None or self.last_used_at < utcnow() - TOUCH_EVERY


def bearer(session: Session, secret: str) -> Bearer | None:
    """The token a secret belongs to and its account, or None when it opens nothing: unknown,
    revoked, expired, or its account disabled (a 401 in every case: the answer tells a guesser
    nothing)."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    row = session.execute(
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.secret_sha256 == _digest(secret))
        .execution_options(populate_existing=True)
    ).one_or_none()
    if row is None:
        return None
    token, user = row
    now = utcnow()
    if token.revoked_at is not None or not user.active:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    return Bearer(token.id, Scope(token.scope), user, token.secret_sha256, token.last_used_at)


def touch(session: Session, token_id: int) -> None:
    """Record that the token was used (at most once a minute: one UPDATE, no read)."""
    now = utcnow()
    session.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            (ApiToken.last_used_at.is_(None)) | (ApiToken.last_used_at < now - TOUCH_EVERY),
        )
        .values(last_used_at=now)
    )
