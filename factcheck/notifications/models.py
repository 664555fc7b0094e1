"""Notifications: what reaches a person's inbox, and the kinds each account chooses to hear of."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.db import Base, UTCDateTime, enum_check, utcnow


class Kind(enum.StrEnum):
    """Why someone is told. Each account chooses which kinds it hears of (user_account's
    notify_<kind> columns, all on by default)."""

    mention = "mention"  # someone wrote @you in a note
    assigned = "assigned"  # a claim was assigned to you
    approved = "approved"  # a claim you worked on was approved
    reopened = "reopened"  # a claim you worked on left the approved state

    @property
    def setting(self) -> str:
        """The choice on the account page."""
        return {
            "mention": "Someone mentions me in a note (@name)",
            "assigned": "A claim is assigned to me",
            "approved": "A claim I worked on is approved",
            "reopened": "A claim I worked on is reopened after approval",
        }[self.value]


UNREAD = text("read_at IS NULL")


class Notification(Base):
    """One message in one person's inbox, written in the transaction of the change it tells
    of. `user_id` is who it is for; the actor is who made the change (an account, or a label
    such as "cli:..." for the command line)."""

    __tablename__ = "notification"
    __table_args__ = (
        enum_check("kind", Kind),
        # The inbox, newest first.
        Index("ix_notification_user_id_id", "user_id", "id"),
        # The top bar's unread count on every page: read from this small index alone.
        Index(
            "ix_notification_unread",
            "user_id",
            sqlite_where=UNREAD,
            postgresql_where=UNREAD,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    # The note that mentions the reader (kind "mention").
    annotation_id: Mapped[int | None] = mapped_column(
        ForeignKey("annotation.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor_label: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
