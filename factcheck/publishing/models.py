"""A fact-check an editor published: its public address and dates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.claims.models import Claim, Origin, Status
from factcheck.db import Base, UTCDateTime


class Publication(Base):
    """One row per claim ever published. Its page is live while the claim is approved with the
    approval it was published with (`approved_at`) and it is not withdrawn: a reopened claim,
    or one whose verdict or rationale an editor re-approved, is off the public site until an
    editor publishes it again (as a correction when it was public before)."""

    __tablename__ = "publication"
    __table_args__ = (Index("ix_publication_published_at", "published_at"),)

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True
    )
    # The readable part of the address /fact-checks/<id>-<slug>, fixed at first publication.
    slug: Mapped[str] = mapped_column(String(80))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # The claim's approved_at when it was last published or corrected.
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    correction_note: Mapped[str | None] = mapped_column(Text)
    corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def shows(self, claim: Claim) -> bool:
        """Whether the public page shows `claim` now (factcheck.publishing.queries.LIVE in SQL)."""
        return (
            self.withdrawn_at is None
            and claim.status == Status.approved.value
            and claim.origin != Origin.imported.value
            and self.approved_at == claim.approved_at
        )
