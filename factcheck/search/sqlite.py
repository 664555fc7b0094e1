"""SQLite: FTS5 external-content tables, kept in sync with `claim` and `article` by triggers.

`claim_fts` indexes every claim's text, `claim_fts_top` only the claims with a check-worthiness
of TOP_CHECKWORTHINESS or more (a search with many matches reads it first: in the queue's
default order they come first), `article_fts` every article's title and text. Created, with
their triggers, by the migrations 5d54ccb4320e and e4b7a9c2d518.
"""

from __future__ import annotations

from sqlalchemy import and_, bindparam, column, false, func, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from factcheck.search.words import search_words
from factcheck.statements import built_once

TOP_CHECKWORTHINESS = 0.9

claim_fts = table("claim_fts", column("rowid"), column("claim_fts"))
claim_fts_top = table("claim_fts_top", column("rowid"), column("claim_fts_top"))
article_fts = table("article_fts", column("rowid"), column("article_fts"))

TABLES = ("claim_fts", "claim_fts_top", "article_fts")

# The triggers that keep the tables in sync (created by the migrations, which hold their SQL;
# a later batch migration that recreates `claim` or `article` drops them and must re-create
# them, e.g. from their `sqlite_master.sql`).
TRIGGERS = tuple(f"{fts}_{event}" for fts in TABLES for event in ("ai", "ad", "au"))
# The insert triggers a bulk load may switch off for its transaction, indexing the new rows with
# index_new_rows instead.
INSERT_TRIGGERS = tuple(name for name in TRIGGERS if name.endswith("_ai"))


def index_new_rows(connection: Connection, claims: tuple[int, int], articles: tuple[int, int]):
    """Index the claims and articles with ids in these (first, last) ranges, as the insert
    triggers would have, in three statements."""
    claim_span = {"a": claims[0], "b": claims[1]}
    connection.execute(
        text(
            "INSERT INTO claim_fts(rowid, text) SELECT id, text FROM claim "
            "WHERE id BETWEEN :a AND :b"
        ),
        claim_span,
    )
    connection.execute(
        text(
            "INSERT INTO claim_fts_top(rowid, text) SELECT id, text FROM claim "
            "WHERE id BETWEEN :a AND :b AND checkworthiness >= :top"
        ),
        {**claim_span, "top": TOP_CHECKWORTHINESS},
    )
    connection.execute(
        text(
            "INSERT INTO article_fts(rowid, title, text) SELECT id, title, text "
            "FROM article WHERE id BETWEEN :a AND :b"
        ),
        {"a": articles[0], "b": articles[1]},
    )


def fts5_query(q: str) -> str | None:
    """`q` as an FTS5 query of quoted words, or None when it has nothing to search for."""
    words = search_words(q)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def claim_condition(q: str, id_column=None, top: bool = False) -> ColumnElement[bool]:
    from factcheck.claims.models import Claim

    id_column = Claim.id if id_column is None else id_column
    query = fts5_query(q)
    if query is None:
        return false()
    fts = claim_fts_top if top else claim_fts
    matching = select(fts.c.rowid).where(fts.c[fts.name].match(bindparam("q", query)))
    if top:
        return and_(Claim.checkworthiness >= TOP_CHECKWORTHINESS, id_column.in_(matching))
    return id_column.in_(matching)


def article_condition(q: str, id_column=None) -> ColumnElement[bool]:
    from factcheck.articles.models import Article

    id_column = Article.id if id_column is None else id_column
    query = fts5_query(q)
    if query is None:
        return false()
    matching = select(article_fts.c.rowid).where(article_fts.c.article_fts.match(query))
    return id_column.in_(matching)


def claim_match_count(session: Session, q: str, cap: int | None = None, top: bool = False) -> int:
    """How many claims match `q` (at most cap + 1 when `cap` is given), counted in the full-text
    index alone (the FTS5 table's rowids are claim ids, kept in sync by triggers). `top`: only
    the claims with TOP_CHECKWORTHINESS or more."""
    query = fts5_query(q)
    if query is None:
        return 0
    fts = claim_fts_top if top else claim_fts

    def build():
        matching = select(fts.c.rowid).where(fts.c[fts.name].match(bindparam("q", query)))
        if cap is not None:
            matching = matching.limit(cap + 1)
        return select(func.count()).select_from(matching.subquery())

    statement = built_once(("claim_match_count", cap, top), build)
    return session.scalar(statement, {"q": query}) or 0
