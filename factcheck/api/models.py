"""Personal access tokens: how a script acts as its account through /api/v1/."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.db import Base, UTCDateTime, enum_check, utcnow

if TYPE_CHECKING:
    from factcheck.auth.models import User


class Scope(enum.StrEnum):
    read = "read"  # GET only
    write = "write"  # also what the account's role may change


class ApiToken(Base):
    """A token acts as its account, with the account's role and never more. Only the SHA-256
    of its secret is kept (the secret has 256 random bits: no salt or slow hash needed), so a
    copy of this table opens nothing; the secret is shown once, when it is made."""

    __tablename__ = "api_token"
    __table_args__ = (enum_check("scope", Scope),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    secret_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # The secret's first characters, to tell tokens apart in a list (never enough to use one).
    prefix: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship("User")

    @property
    def writes(self) -> bool:
        return self.scope == Scope.write.value
