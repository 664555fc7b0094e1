"""Full-text search with each engine's own index (see the "full-text search" migration).

SQLite: FTS5 external-content tables `claim_fts` and `article_fts` (porter stemming), kept in sync
by triggers. PostgreSQL: generated `search_vector` tsvector columns ('english') with GIN indexes.

The user's query is never handed to the engine as query syntax: on SQLite every word becomes a
quoted FTS5 string (so `AND`, `NEAR(`, `"`, `*`, `-` and `:` are plain text); on PostgreSQL it goes
through websearch_to_tsquery, which accepts any input. Every word must match (AND).
"""

from __future__ import annotations

import re

from sqlalchemy import and_, bindparam, column, false, func, literal_column, select, table
from sqlalchemy.sql import ColumnElement

MAX_WORDS = 12
_WORD = re.compile(r"\w", re.UNICODE)

_claim_fts = table("claim_fts", column("rowid"), column("claim_fts"))
# SQLite: the claims with at least this check-worthiness are also in `claim_fts_top` (migration
# e4b7a9c2d518), which a search with many matches reads first.
TOP_CHECKWORTHINESS = 0.9
_claim_fts_top = table("claim_fts_top", column("rowid"), column("claim_fts_top"))
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


def search_param(dialect: str, q: str) -> str | None:
    """`q` as the engine's query text (FTS5 quoted words, or the words websearch_to_tsquery
    reads), or None when it has nothing to search for."""
    return fts5_query(q) if dialect == "sqlite" else _words(q)


def claim_condition(dialect: str, q: str, id_column=None, top: bool = False) -> ColumnElement[bool]:
    """A condition on claim ids: claims whose text matches every word of `q`. The query text is
    the named parameter `q`, so that a statement built once can search for other words. `top`
    (SQLite): only among the claims with TOP_CHECKWORTHINESS or more, from `claim_fts_top`."""
    from factcheck.claims.models import Claim

    id_column = Claim.id if id_column is None else id_column
    query = search_param(dialect, q)
    if query is None:
        return false()
    if dialect == "sqlite":
        fts = _claim_fts_top if top else _claim_fts
        matching = select(fts.c.rowid).where(fts.c[fts.name].match(bindparam("q", query)))
        if top:
            return and_(Claim.checkworthiness >= TOP_CHECKWORTHINESS, id_column.in_(matching))
        return id_column.in_(matching)
    return literal_column("claim.search_vector").op("@@")(tsquery(query))


def tsquery(words: str) -> ColumnElement:
    """PostgreSQL: the tsquery of `words` (search_param's), as the named parameter `q`."""
    return func.websearch_to_tsquery("english", bindparam("q", words))


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
    words = _words(q)
    if words is None:
        return false()
    return literal_column("article.search_vector").op("@@")(
        func.websearch_to_tsquery("english", words)
    )


def dialect_of(session) -> str:
    return session.get_bind().dialect.name


def claim_match_count(session, q: str, cap: int | None = None, top: bool = False) -> int:
    """How many claims match `q` (at most cap + 1 when `cap` is given), counted in the full-text
    index alone (SQLite: the FTS5 table's rowids are claim ids, kept in sync by triggers). `top`:
    only the claims with TOP_CHECKWORTHINESS or more."""
    from factcheck.statements import built_once

    query = fts5_query(q)
    if query is None:
        return 0
    fts = _claim_fts_top if top else _claim_fts

    def build():
        matching = select(fts.c.rowid).where(fts.c[fts.name].match(bindparam("q")))
        if cap is not None:
            matching = matching.limit(cap + 1)
        return select(func.count()).select_from(matching.subquery())

    return session.scalar(built_once(("claim_match_count", cap, top), build), {"q": query}) or 0
