"""What the API returns of a claim, read in a fixed number of queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from factcheck.claims.models import Annotation, Claim
from factcheck.sources.models import Evidence


def claim_detail(session: Session, claim_id: int) -> Claim | None:
    """The claim with its article, verdict, assignee, evidence (with sources) and notes (with
    their authors), read fresh: an ETag must be the stored version (3 queries)."""
    return session.scalars(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(
            joinedload(Claim.article),
            joinedload(Claim.verdict),
            joinedload(Claim.assignee),
            selectinload(Claim.evidence).joinedload(Evidence.source),
            selectinload(Claim.annotations).joinedload(Annotation.author),
        )
        .execution_options(populate_existing=True)
    ).first()
