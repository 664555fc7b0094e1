"""Claims, the verdict scale, and reviewers' annotations."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.db import Base, UTCDateTime, enum_check, utcnow

if TYPE_CHECKING:
    from factcheck.articles.models import Article
    from factcheck.auth.models import User
    from factcheck.sources.models import Evidence


class Status(enum.StrEnum):
    unreviewed = "unreviewed"
    in_review = "in_review"
    reviewed = "reviewed"
    approved = "approved"
    dismissed = "dismissed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


# Statuses that mean someone has worked on the claim: a revision that orphans one says so.
WORKED_ON = (Status.in_review.value, Status.reviewed.value, Status.approved.value)


class Origin(enum.StrEnum):
    extracted = "extracted"  # found in an ingested article
    imported = "imported"  # a published fact-check from another tool (ClaimReview)
    manual = "manual"  # entered by hand


class DismissalReason(enum.StrEnum):
    """Why a reviewer dismissed a claim: the training signal for the next check-worthiness model."""

    opinion = "opinion"
    prediction = "prediction"
    not_checkable = "not_checkable"
    duplicate = "duplicate"  # of the claim in same_as_id
    not_a_claim = "not_a_claim"
    other = "other"  # said in dismissal_note

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


# The actor of the extraction's own decisions (hedged or predictive sentences dismissed at
# ingest), so that a reviewer's decision can be told from the machine's.
MACHINE = "extraction"


class ClaimantKind(enum.StrEnum):
    """How the claimant makes the claim (ClaimReview's itemReviewed.author: an outlet is an
    Organization, a speaker or the article's author a Person)."""

    speaker = "speaker"  # direct or reported speech: "X said", quotes, "according to X"
    outlet = "outlet"  # a news organisation's report: "Reuters reported"
    author = "author"  # the article's author, asserting it in their own voice


class Verdict(Base):
    """One step of the newsroom's verdict scale."""

    __tablename__ = "verdict"
    __table_args__ = (CheckConstraint("value IS NULL OR value BETWEEN 1 AND 5", name="value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(String(1000), default="")
    value: Mapped[int | None] = mapped_column(Integer)
    colour: Mapped[str | None] = mapped_column(String(7))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Claim(Base):
    __tablename__ = "claim"
    __table_args__ = (
        enum_check("status", Status),
        enum_check("origin", Origin),
        enum_check("dismissal_reason", DismissalReason),
        enum_check("claimant_kind", ClaimantKind),
        CheckConstraint("checkworthiness BETWEEN 0 AND 1", name="checkworthiness"),
        CheckConstraint(
            'article_id IS NULL OR (start IS NOT NULL AND "end" IS NOT NULL AND start <= "end")',
            name="position",
        ),
        Index("ix_claim_article_start", "article_id", "start"),
        Index("ix_claim_status_checkworthiness", "status", "checkworthiness"),
        # "Assigned to me" in check-worthiness order (and the queue's assignee filter).
        Index(
            "ix_claim_assignee_status_checkworthiness", "assignee_id", "status", "checkworthiness"
        ),
        # The queue's default order, its verdict filter, the dashboard's per-article progress.
        Index("ix_claim_checkworthiness_id", "checkworthiness", "id"),
        Index("ix_claim_verdict_checkworthiness", "verdict_id", "checkworthiness"),
        Index("ix_claim_article_status", "article_id", "status"),
        # An imported fact-check's identity (factcheck.claimreview.parse.identity_key).
        Index("uq_claim_review_key", "review_key", unique=True),
        # The matching pass: claims changed since it last looked (factcheck.memory).
        Index("ix_claim_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="RESTRICT"))
    # Where the claim appeared when it has no article here (imported, entered by hand).
    appearance_url: Mapped[str | None] = mapped_column(String(2048))
    origin: Mapped[str] = mapped_column(String(20), default=Origin.extracted.value)
    text: Mapped[str] = mapped_column(Text)
    # The claim as checked: a standalone sentence a reader understands on its own (ClaimReview's
    # claimReviewed). NULL means the quote (`text`) stands on its own.
    claim_reviewed: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    quote_prefix: Mapped[str] = mapped_column(String(64), default="")
    quote_suffix: Mapped[str] = mapped_column(String(64), default="")
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    # The earlier claim this one repeats, so its verdict can be reused.
    same_as_id: Mapped[int | None] = mapped_column(ForeignKey("claim.id"), index=True)
    checkworthiness: Mapped[float] = mapped_column(Float, default=0.0)
    claimant: Mapped[str | None] = mapped_column(String(300), index=True)
    claimant_kind: Mapped[str | None] = mapped_column(String(20))
    attribution: Mapped[str | None] = mapped_column(String(300))
    # A photo or figure caption in the article, not its running text.
    is_caption: Mapped[bool] = mapped_column(Boolean, default=False)
    claim_date_start: Mapped[date | None] = mapped_column(Date)
    claim_date_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=Status.unreviewed.value)
    dismissal_reason: Mapped[str | None] = mapped_column(String(20))
    dismissal_note: Mapped[str | None] = mapped_column(String(1000))
    verdict_id: Mapped[int | None] = mapped_column(ForeignKey("verdict.id"), index=True)
    # A rating imported from elsewhere that the scale could not map; an editor maps it later.
    unmapped_verdict: Mapped[str | None] = mapped_column(String(200))
    rationale: Mapped[str] = mapped_column(Text, default="")
    review_url: Mapped[str | None] = mapped_column(String(2048))
    # Imported claims: the identity of the fact-check they came from (NULL for the others).
    review_key: Mapped[str | None] = mapped_column(String(64))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped on every UPDATE; a stale write fails instead of overwriting someone else's.
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    article: Mapped[Article | None] = relationship("Article")
    verdict: Mapped[Verdict | None] = relationship("Verdict")
    assignee: Mapped[User | None] = relationship("User", foreign_keys=[assignee_id])
    reviewer: Mapped[User | None] = relationship("User", foreign_keys=[reviewer_id])
    approved_by: Mapped[User | None] = relationship("User", foreign_keys=[approved_by_id])
    same_as: Mapped[Claim | None] = relationship("Claim", remote_side=[id])
    evidence: Mapped[list[Evidence]] = relationship(
        "Evidence", order_by="Evidence.id", passive_deletes=True
    )
    annotations: Mapped[list[Annotation]] = relationship(
        "Annotation", back_populates="claim", order_by="Annotation.id", passive_deletes=True
    )

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def reviewed_text(self) -> str:
        """The claim as checked, falling back to the quote."""
        return self.claim_reviewed or self.text


class Annotation(Base):
    """A reviewer's note on a claim; replies point at their parent; resolvable."""

    __tablename__ = "annotation"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("annotation.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim: Mapped[Claim] = relationship("Claim", back_populates="annotations")
    author: Mapped[User | None] = relationship("User", foreign_keys=[author_id])
    resolved_by: Mapped[User | None] = relationship("User", foreign_keys=[resolved_by_id])
    parent: Mapped[Annotation | None] = relationship("Annotation", remote_side=[id])
