"""The append-only history of every change: operations add events, nothing updates them."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, event, insert
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from factcheck.db import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from factcheck.auth.models import User


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity", "entity_type", "entity_id"),
        Index("ix_audit_event_claim_at", "claim_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Who acted when no account did (the CLI, an import): e.g. "cli", "import".
    actor_label: Mapped[str] = mapped_column(String(254))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    # The claim the change concerns, for the claim's history page.
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), nullable=True
    )
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship("User")


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(*_args):
    raise RuntimeError("audit events are append-only")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(*_args):
    raise RuntimeError("audit events are append-only")


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def event_row(
    actor,
    action: str,
    entity_type: str,
    entity_id: int,
    *,
    before: dict | None = None,
    after: dict | None = None,
    claim_id: int | None = None,
) -> dict[str, Any]:
    """An event's column values: for `record` (one ORM object) and for Core INSERTs of many
    (`insert_events`). `actor` is a User or a label such as "cli"."""
    if isinstance(actor, str):
        actor_id, actor_label = None, actor
    else:
        actor_id, actor_label = actor.id, actor.email
    return {
        "actor_id": actor_id,
        "actor_label": actor_label,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "claim_id": claim_id,
        "action": action,
        "before": {k: _jsonable(v) for k, v in before.items()} if before is not None else None,
        "after": {k: _jsonable(v) for k, v in after.items()} if after is not None else None,
    }


def record(
    session: Session,
    actor,
    action: str,
    entity,
    *,
    before: dict | None = None,
    after: dict | None = None,
    claim_id: int | None = None,
) -> AuditEvent:
    """Append an event. `entity` must be flushed."""
    event = AuditEvent(
        **event_row(
            actor,
            action,
            type(entity).__tablename__,
            entity.id,
            before=before,
            after=after,
            claim_id=claim_id,
        )
    )
    session.add(event)
    return event


def insert_events(session: Session, rows: list[dict[str, Any]]) -> None:
    """Append many events (event_row's) in one Core INSERT."""
    if rows:
        session.execute(insert(AuditEvent.__table__), rows)
