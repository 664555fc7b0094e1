"""Reads behind the source pages: sources with usage counts, a source's claims."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reads.paging import Page
from factcheck.sources.models import Evidence, Source
from factcheck.tally import top_sources_subquery


def source_list(session: Session, q: str = "", page: int = 1, per_page: int = 50) -> Page:
    """Sources by how often they serve as evidence, with the count (2 queries)."""
    condition = None
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        condition = or_(
            Source.domain.ilike(pattern, escape="\\"),
            Source.title.ilike(pattern, escape="\\"),
            Source.url.ilike(pattern, escape="\\"),
        )
    count_stmt = select(func.count(Source.id))
    if condition is not None:
        count_stmt = count_stmt.where(condition)
    total = session.scalar(count_stmt) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    if condition is None:  # most used first, from the trigger-maintained tally
        # The page's sources are picked in the tally alone (from an index), then joined: the
        # sources table is read for 50 rows, not for every source.
        top = top_sources_subquery(session, per_page, (page - 1) * per_page)
        statement = (
            select(Source, top.c.uses)
            .join(top, top.c.source_id == Source.id)
            .order_by(top.c.uses.desc(), top.c.source_id)
        )
        return Page(list(session.execute(statement).all()), total, page, per_page)
    uses = func.count(Evidence.id).label("uses")
    statement = (
        select(Source, uses)
        .outerjoin(Evidence, Evidence.source_id == Source.id)
        .group_by(Source.id)
        .order_by(uses.desc(), Source.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    if condition is not None:
        statement = statement.where(condition)
    return Page(list(session.execute(statement).all()), total, page, per_page)


@dataclass
class SourcePage:
    """A source with the claims it is evidence for (by claim, then relation)."""

    source: Source
    evidence: list[tuple[Evidence, Claim]]  # the claims with their articles and verdicts


def source_page(session: Session, source_id: int) -> SourcePage | None:
    """The source page (4 queries), None when there is no such source."""
    source = session.get(Source, source_id)
    if source is None:
        return None
    rows = session.execute(
        select(Evidence, Claim)
        .join(Claim, Claim.id == Evidence.claim_id)
        .where(Evidence.source_id == source_id)
        .order_by(Evidence.claim_id, Evidence.relation)
        .options(
            selectinload(Claim.article).load_only(Article.id, Article.title),
            selectinload(Claim.verdict),
        )
    ).all()
    return SourcePage(source, [(e, c) for e, c in rows])
