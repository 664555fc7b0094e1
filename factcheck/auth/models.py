"""Accounts and roles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, true
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.auth.roles import Role
from factcheck.db import Base, UTCDateTime, enum_check, utcnow

__all__ = ["Role", "User"]


class User(Base):
    __tablename__ = "user_account"
    __table_args__ = (enum_check("role", Role),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default=Role.viewer.value)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the account hears of in its inbox, one column per notification kind
    # (factcheck.notifications.models.Kind), chosen on the account page.
    notify_mention: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    notify_assigned: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    notify_approved: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    notify_reopened: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    def can(self, needed: Role) -> bool:
        return self.active and self.role_enum.allows(needed)

    def wants(self, kind: str) -> bool:
        """Whether the account chose to hear of notifications of this kind."""
        return bool(getattr(self, f"notify_{kind}"))


class LoginAttempt(Base):
    """One sign-in attempt, kept to rate-limit failures across every worker process."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_email_at", "email", "at"),
        Index("ix_login_attempt_ip_at", "ip", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserSession(Base):
    """A signed-in browser. Its cookie carries a random token; only the token's SHA-256 is kept
    here, so a copy of this table opens no session. Deleting the row ends the session."""

    __tablename__ = "user_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256(token), hex
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PasswordReset(Base):
    """A one-time link to set a new password, issued by an admin: the token's SHA-256 until it
    is used (the row is deleted) or expires."""

    __tablename__ = "password_reset"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256(token), hex
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
