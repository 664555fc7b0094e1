"""Full-text search with each engine's own index (see the "full-text search" migration).

SQLite: FTS5 external-content tables `claim_fts` and `article_fts` (porter stemming), kept in sync
by triggers. PostgreSQL: generated `search_vector` tsvector columns ('english') with GIN indexes.

The user's query is never handed to the engine as query syntax: on SQLite every word becomes a
quoted FTS5 string (so `AND`, `NEAR(`, `"`, `*`, `-` and `:` are plain text); on PostgreSQL it goes
through websearch_to_tsquery, which accepts any input. Every word must match (AND).
"""

from __future__ import annotations

import re

from sqlalchemy import column, false, func, literal_column, select, table
from sqlalchemy.sql import ColumnElement

MAX_WORDS = 12
_WORD = re.compile(r"\w", re.UNICODE)

_claim_fts = table("claim_fts", column("rowid"), column("claim_fts"))
_article_fts = table("article_fts", column("rowid"), column("article_fts"))


def fts5_query(q: str) -> str | None:
    """`q` as an FTS5 query of quoted words, or None when it has nothing to search for."""
    words = [w for w in q.split() if _WORD.search(w)][:MAX_WORDS]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _words(q: str) -> str | None:
    words = [w for w in q.split() if _WORD.search(w)][:MAX_WORDS]
    return " ".join(words) if words else None


def claim_condition(dialect: str, q: str, id_column=None) -> ColumnElement[bool]:
    """A condition on claim ids: claims whose text matches every word of `q`."""
    from factcheck.claims.models import Claim

    id_column = Claim.id if id_column is None else id_column
    if dialect == "sqlite":
        query = fts5_query(q)
        if query is None:
            return false()
        return id_column.in_(select(_claim_fts.c.rowid).where(_claim_fts.c.claim_fts.match(query)))
    query = tsquery(q)
    if query is None:
        return false()
    return literal_column("claim.search_vector").op("@@")(query)


def tsquery(q: str) -> ColumnElement | None:
    """PostgreSQL: `q` as a tsquery of all its words, or None when it has nothing to search for."""
    words = _words(q)
    return None if words is None else func.websearch_to_tsquery("english", words)


def article_condition(dialect: str, q: str, id_column=None) -> ColumnElement[bool]:
    """A condition on article ids: articles whose title or text matches every word of `q`."""
    from factcheck.articles.models import Article

    id_column = Article.id if id_column is None else id_column
    if dialect == "sqlite":
        query = fts5_query(q)
        if query is None:
            return false()
        return id_column.in_(
            select(_article_fts.c.rowid).where(_article_fts.c.article_fts.match(query))
        )
    query = tsquery(q)
    if query is None:
        return false()
    return literal_column("article.search_vector").op("@@")(query)


def dialect_of(session) -> str:
    return session.get_bind().dialect.name


def claim_match_count(session, q: str, cap: int | None = None) -> int:
    """How many claims match `q` (at most cap + 1 when `cap` is given), counted in the full-text
    index alone (SQLite: the FTS5 table's rowids are claim ids, kept in sync by triggers)."""
    query = fts5_query(q)
    if query is None:
        return 0
    matching = select(_claim_fts.c.rowid).where(_claim_fts.c.claim_fts.match(query))
    if cap is not None:
        matching = matching.limit(cap + 1)
    return session.scalar(select(func.count()).select_from(matching.subquery())) or 0
