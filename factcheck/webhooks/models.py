"""Registered webhooks and their deliveries."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.db import Base, UTCDateTime, enum_check, utcnow


class Event(enum.StrEnum):
    claim_approved = "claim.approved"
    claim_reopened = "claim.reopened"
    claim_published = "claim.published"
    article_ingested = "article.ingested"


class DeliveryState(enum.StrEnum):
    pending = "pending"  # to be sent (again) at next_attempt_at
    delivered = "delivered"  # the receiver answered 2xx
    failed = "failed"  # every attempt failed: no more tries


class Webhook(Base):
    """A URL told of some events. Its secret signs every delivery (HMAC-SHA256): the receiver
    holds it too, so it is stored as it is (shown once to the editor who registers it)."""

    __tablename__ = "webhook"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048))
    events: Mapped[list] = mapped_column(JSON)  # Event values
    secret: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Events of the history up to this id happened before the hook: never sent to it.
    since_event_id: Mapped[int] = mapped_column(Integer, default=0)
    # The history is read from here on (minus a look-back for transactions that commit late).
    cursor: Mapped[int] = mapped_column(Integer, default=0)


class WebhookDelivery(Base):
    """One event for one hook: what was sent, each attempt's answer, when to try again."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        enum_check("state", DeliveryState),
        Index("ix_webhook_delivery_state_next", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhook.id", ondelete="CASCADE"), index=True
    )
    audit_event_id: Mapped[int] = mapped_column(Integer)
    # "<webhook id>:<audit event id>": one delivery per event and hook, whoever enqueues it.
    key: Mapped[str] = mapped_column(String(40), unique=True)
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), default=DeliveryState.pending.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[str | None] = mapped_column(String(2000))
    error: Mapped[str | None] = mapped_column(String(500))
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
