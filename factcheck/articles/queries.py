"""Reads behind the article pages: the list, and the text cut into highlighted segments."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, cast

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, selectinload

from factcheck.articles.models import Article, ArticleSource
from factcheck.claims.models import WORKED_ON, Claim, Status
from factcheck.reads.paging import Page
from factcheck.reads.reference import Person, VerdictInfo, people_by_id, verdicts_by_id
from factcheck.search import article_condition

# An article search counts its matches up to here: "more than 1,000".
SEARCH_COUNT_CAP = 1_000

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class Anchored(Protocol):
    """A claim as the article page highlights it (a Claim or an ArticleClaim)."""

    @property
    def start(self) -> int | None: ...
    @property
    def end(self) -> int | None: ...
    @property
    def orphaned(self) -> bool: ...


@dataclass
class Segment:
    text: str
    claim: Anchored | None = None
    start: int = 0  # where the segment begins in the article's text


def paragraphs(text: str, claims: Sequence[Anchored]) -> list[list[Segment]]:
    """The text as paragraphs of plain and claim segments (claims that overlap an earlier one
    are left out of the highlighting; they stay in the article's claim list)."""
    spans: list[tuple[int, int, Anchored]] = []
    last_end = 0
    for claim in sorted(claims, key=lambda c: (c.start or 0, -(c.end or 0))):
        if claim.start is None or claim.end is None or claim.orphaned:
            continue
        if claim.start < last_end or claim.end > len(text) or claim.start >= claim.end:
            continue
        spans.append((claim.start, claim.end, claim))
        last_end = claim.end
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    bounds = []
    position = 0
    for start, end in breaks:
        bounds.append((position, start))
        position = end
    bounds.append((position, len(text)))
    result = []
    index = 0
    for p_start, p_end in bounds:
        segments: list[Segment] = []
        cursor = p_start
        while index < len(spans) and spans[index][0] < p_end:
            claim_start, claim_end, claim = spans[index]
            start, end = max(claim_start, p_start), min(claim_end, p_end)
            if start > cursor:
                segments.append(Segment(text[cursor:start], start=cursor))
            segments.append(Segment(text[start:end], claim, start))
            cursor = end
            if claim_end > p_end:
                break  # continues into the next paragraph
            index += 1
        if cursor < p_end:
            segments.append(Segment(text[cursor:p_end], start=cursor))
        if any(s.text.strip() for s in segments):
            result.append(segments)
    return result


def paragraph_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, claim, after): the claim's text and the rest of its paragraph around it."""
    p_start = 0
    for match in _PARAGRAPH_BREAK.finditer(text, 0, start):
        p_start = match.end()
    following = _PARAGRAPH_BREAK.search(text, end)
    p_end = following.start() if following else len(text)
    return text[p_start:start], text[start:end], text[end:p_end]


@dataclass
class ArticleClaim:
    """What the article page shows of a claim (plain rows: no mapped instances to build)."""

    id: int
    text: str
    start: int | None
    end: int | None
    orphaned: bool
    status: str
    verdict_id: int | None
    assignee_id: int | None
    verdict: VerdictInfo | None = None
    assignee: Person | None = None


def article_claims(session: Session, article_id: int) -> list[ArticleClaim]:
    """The article's claims in text order, with their verdicts and assignees (1 query; the
    verdicts and accounts come from the reference copy)."""
    claims = [
        ArticleClaim(*row)
        for row in session.execute(
            select(
                Claim.id,
                Claim.text,
                Claim.start,
                Claim.end,
                Claim.orphaned,
                Claim.status,
                Claim.verdict_id,
                Claim.assignee_id,
            )
            .where(Claim.article_id == article_id)
            .order_by(Claim.start, Claim.id)
        )
    ]
    verdicts = verdicts_by_id(session)
    people = people_by_id(session, {c.assignee_id for c in claims})
    for claim in claims:
        claim.verdict = verdicts.get(claim.verdict_id) if claim.verdict_id else None
        claim.assignee = people.get(claim.assignee_id) if claim.assignee_id else None
    return claims


@dataclass
class ArticlePage:
    """What the article page shows: the article with the sources it lists, its claims in text
    order, the text cut into paragraphs with the claims highlighted."""

    article: Article
    claims: list[ArticleClaim]
    paragraphs: list[list[Segment]]
    orphaned: list[ArticleClaim]  # no longer found in the text
    orphaned_reviewed: list[ArticleClaim]  # of those, the ones someone had worked on
    counts: dict[str, int]  # claims by status


def article_page(session: Session, article_id: int) -> ArticlePage | None:
    """The article page (2 queries), None when there is no such article."""
    article = session.scalars(
        select(Article)
        .where(Article.id == article_id)
        .options(selectinload(Article.own_sources).selectinload(ArticleSource.source))
    ).first()
    if article is None:
        return None
    claims = article_claims(session, article.id)
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.status] = counts.get(claim.status, 0) + 1
    orphaned = [c for c in claims if c.orphaned]
    return ArticlePage(
        article=article,
        claims=claims,
        paragraphs=paragraphs(article.text, claims),
        orphaned=orphaned,
        orphaned_reviewed=[c for c in orphaned if c.status in WORKED_ON],
        counts=counts,
    )


def article_list(session: Session, page: int = 1, per_page: int = 50, q: str = ""):
    """Articles, newest first, with claim counts by status (3 queries). `q`: only the articles
    whose title or text has every word, through the full-text index (counted up to
    SEARCH_COUNT_CAP: "more than")."""
    matching = select(Article.id)
    exact = True
    if q:
        matching = matching.where(article_condition(session.get_bind().dialect.name, q))
        cap = max(SEARCH_COUNT_CAP, page * per_page)
        counted = session.scalar(
            select(func.count()).select_from(matching.limit(cap + 1).subquery())
        )
        total, exact = min(counted or 0, cap), (counted or 0) <= cap
    else:
        total = session.scalar(select(func.count(Article.id))) or 0
    pages = max(1, -(-total // per_page))
    page = max(page, 1) if not exact else min(max(page, 1), pages)
    articles = list(
        session.scalars(
            select(Article)
            .where(Article.id.in_(matching) if q else true())
            .order_by(Article.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    )
    counts: dict[int, dict[str, int]] = {a.id: {s.value: 0 for s in Status} for a in articles}
    if articles:
        for article_id, status, count in session.execute(
            select(Claim.article_id, Claim.status, func.count())
            .where(Claim.article_id.in_(list(counts)))
            .group_by(Claim.article_id, Claim.status)
        ):
            counts[cast(int, article_id)][status] = count  # of the articles listed: not NULL
    return Page([(a, counts[a.id]) for a in articles], total, page, per_page, exact)
