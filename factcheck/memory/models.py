"""Claim vectors (one per claim, ours and imported) and each claim's earlier fact-checks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.db import Base, UTCDateTime, utcnow


class ClaimVector(Base):
    """The claim's sentence vector (factcheck.matching.to_blob: 388 bytes) as `model` encoded it
    from the text whose SHA-256 is `text_hash`; a different model or text means "encode again".
    `in_library`: the claim was a library entry (a verdict, approved or imported) when this row
    was last written. `updated_at` is what each process's index reloads from."""

    __tablename__ = "claim_vector"
    __table_args__ = (Index("ix_claim_vector_library", "in_library", "model", "updated_at"),)

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(100))
    text_hash: Mapped[str] = mapped_column(String(64))
    # The claim's version when this row was written: a claim changed since is looked at again.
    claim_version: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    in_library: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class ClaimMatch(Base):
    """An earlier fact-check (`match_id`, a library claim) found for a claim, with its score.
    A reviewer's "not the same claim" keeps the row with `rejected_at` set: never shown again
    for this claim, never found again by a later matching pass."""

    __tablename__ = "claim_match"
    __table_args__ = (UniqueConstraint("claim_id", "match_id", name="uq_claim_match_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"))
    match_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    similarity: Mapped[float] = mapped_column(Float)
    rejected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejected_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
