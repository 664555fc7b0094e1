"""Full-text search, in one place: each engine's strategy and the database objects it needs.

SQLite (`factcheck.search.sqlite`): FTS5 external-content tables `claim_fts`, `claim_fts_top`
(the most check-worthy claims) and `article_fts` (porter stemming), kept in sync by triggers.
PostgreSQL (`factcheck.search.postgresql`): generated `search_vector` tsvector columns
('english') with GIN indexes, and the bounded walk of the queue's order that a search page reads
first.

The user's query is never handed to the engine as query syntax: on SQLite every word becomes a
quoted FTS5 string (so `AND`, `NEAR(`, `"`, `*`, `-` and `:` are plain text); on PostgreSQL it goes
through websearch_to_tsquery, which accepts any input. Every word must match (AND).
"""

from __future__ import annotations

from sqlalchemy.sql import ColumnElement

from factcheck.search import postgresql, sqlite
from factcheck.search.sqlite import TOP_CHECKWORTHINESS, claim_match_count
from factcheck.search.words import MAX_WORDS

__all__ = [
    "MAX_WORDS",
    "TOP_CHECKWORTHINESS",
    "article_condition",
    "claim_condition",
    "claim_match_count",
    "search_param",
]


def search_param(dialect: str, q: str) -> str | None:
    """`q` as the engine's query text (FTS5 quoted words, or the words websearch_to_tsquery
    reads), or None when it has nothing to search for."""
    return sqlite.fts5_query(q) if dialect == "sqlite" else postgresql.query_words(q)


def claim_condition(dialect: str, q: str, id_column=None, top: bool = False) -> ColumnElement[bool]:
    """A condition on claim ids: claims whose text matches every word of `q`. The query text is
    the named parameter `q`, so that a statement built once can search for other words. `top`
    (SQLite): only among the claims with TOP_CHECKWORTHINESS or more, from `claim_fts_top`."""
    if dialect == "sqlite":
        return sqlite.claim_condition(q, id_column, top)
    return postgresql.claim_condition(q)


def article_condition(dialect: str, q: str, id_column=None) -> ColumnElement[bool]:
    """A condition on article ids: articles whose title or text matches every word of `q`."""
    if dialect == "sqlite":
        return sqlite.article_condition(q, id_column)
    return postgresql.article_condition(q)
