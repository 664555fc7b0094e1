"""Sources (one row per normalised URL, or per unresolved citation) and evidence links."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.db import Base, UTCDateTime, enum_check, utcnow

if TYPE_CHECKING:
    from factcheck.auth.models import User


class SourceKind(enum.StrEnum):
    news = "news"
    official = "official"
    wire = "wire"
    social = "social"
    dataset = "dataset"
    factcheck = "factcheck"
    other = "other"


class Relation(enum.StrEnum):
    cited = "cited"  # cited in the article
    supports = "supports"
    refutes = "refutes"
    context = "context"

    @property
    def label(self) -> str:
        return {"cited": "cited in article", "context": "adds context"}.get(self.value, self.value)


class Source(Base):
    __tablename__ = "source"
    __table_args__ = (enum_check("kind", SourceKind),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    # NULL for an unresolved citation: each of those is its own row.
    normalized_url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    publisher: Mapped[str | None] = mapped_column(String(300))
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    kind: Mapped[str] = mapped_column(String(20), default=SourceKind.other.value)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    snapshot_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def unresolved(self) -> bool:
        return self.url is None


class Evidence(Base):
    __tablename__ = "evidence"
    __table_args__ = (
        enum_check("relation", Relation),
        UniqueConstraint("claim_id", "source_id", "relation", name="uq_evidence_claim_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    relation: Mapped[str] = mapped_column(String(20))
    anchor_text: Mapped[str | None] = mapped_column(String(1000))
    quote: Mapped[str | None] = mapped_column(Text)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    source: Mapped[Source] = relationship("Source")
    added_by: Mapped[User | None] = relationship("User")
