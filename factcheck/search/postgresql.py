"""PostgreSQL: generated `search_vector` tsvector columns ('english') with GIN indexes (migration
5d54ccb4320e), and the statements that read a search in the queue's order.

A GIN index answers "which claims match" but not in the queue's order, and it builds the whole
match list first: for a common word that is tens of thousands of claims. So a search page first
walks the order's index over a bounded number of claims, testing each (`search_page_ids`), and a
claim opened from a search looks for its neighbours the same way (`first_match`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, case, false, func, literal_column, select, union_all
from sqlalchemy.sql import ColumnElement, Select, Subquery

from factcheck.search.words import search_words

# Database-only objects (not mapped; factcheck.migrate keeps alembic's comparison away).
SEARCH_VECTOR_COLUMNS = (("claim", "search_vector"), ("article", "search_vector"))
INDEXES = ("ix_claim_search_vector", "ix_article_search_vector")

# A search first reads this many claims per row it needs, in the queue's order, at most
# SEARCH_WALK_MAX (see search_page_ids).
SEARCH_WALK_PER_ROW = 60
SEARCH_WALK_MAX = 10_000
# A search sorts its matches when there are at most this many; with more it reads the order's
# index, testing each claim.
SEARCH_SORT_MAX = 5_000
# A claim opened from a search: its neighbours are first looked for among this many claims on
# either side.
NEIGHBOUR_WALK = 1_000


def query_words(q: str) -> str | None:
    """The words of `q` that websearch_to_tsquery reads, or None when it has none."""
    words = search_words(q)
    return " ".join(words) if words else None


def tsquery(words: str) -> ColumnElement:
    """The tsquery of `words` (query_words'), as the named parameter `q`."""
    return func.websearch_to_tsquery("english", bindparam("q", words))


def claim_vector() -> ColumnElement[Any]:
    return literal_column("claim.search_vector")


def claim_condition(q: str) -> ColumnElement[bool]:
    query = query_words(q)
    if query is None:
        return false()
    return claim_vector().op("@@")(tsquery(query))


def article_condition(q: str) -> ColumnElement[bool]:
    words = query_words(q)
    if words is None:
        return false()
    return literal_column("article.search_vector").op("@@")(
        func.websearch_to_tsquery("english", words)
    )


def _ordered(source, keys: list[tuple[Any, bool]], reverse: bool = False) -> list:
    return [
        source.c[c.key].desc() if descending != reverse else source.c[c.key].asc()
        for c, descending in keys
    ]


def search_page_ids(
    keys: list[tuple[Any, bool]], offset: int, per_page: int, need: int, cap: int, walk_rows: int
) -> Subquery:
    """The ids of one page of claims matching the parameter `q`, in the order `keys` ((column,
    descending) pairs, ending with the id), numbered `rn`, with `n` the number of matches when
    counted, in one statement.

    First the order's index is walked over `walk_rows` claims, testing each: when `need` (a page
    and one more claim) match among them (a common word), that is the page in order, and `n` is
    NULL (the caller knows only "more than"). Otherwise (a rare word, or a page further than the
    walk reaches) the GIN index gives the matches, at most `cap` + 1: counted, and sorted when
    that is all of them; with more, the order's index is read as far as the page, testing every
    claim. One-time filters make sure that only one branch runs."""
    query = tsquery("")  # the words are given at execution
    vector = claim_vector()
    match = vector.op("@@")(query)
    columns = [column for column, _ in keys]
    order = [column.desc() if descending else column.asc() for column, descending in keys]
    head = (
        select(*columns, vector.label("search_vector"))
        .order_by(*order)
        .limit(walk_rows)
        .subquery("head")
    )
    walked = (
        select(*[head.c[c.key] for c in columns])
        .where(head.c.search_vector.op("@@")(query))
        .order_by(*_ordered(head, keys))
        .limit(need)
        .cte("walked")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )
    found = select(func.count()).select_from(walked).scalar_subquery()
    matches = (
        select(*columns)
        .where(match)
        .limit(cap + 1)
        .cte("matches")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )
    counted = select(func.count()).select_from(matches).scalar_subquery()
    # CASE, not AND: the walk's count is looked at first, so the GIN branch never runs after a
    # walk that filled the page.
    few = case((found < need, counted <= cap), else_=False)
    many = case((found < need, counted > cap), else_=False)
    from_walk = select(*walked.c).where(found == need)
    from_matches = select(*matches.c).where(few)
    # Too many matches to sort them all (a page further than the walk reaches): the planner
    # reads the order's index, testing every claim, as far as that page.
    from_index = select(*columns).where(match, many).order_by(*order).limit(need)
    both = union_all(from_walk, from_matches, select(*from_index.subquery().c)).subquery()
    return (
        select(
            both.c.id,
            func.row_number().over(order_by=_ordered(both, keys)).label("rn"),
            # Counted (the GIN branch) only when the walk did not fill the page.
            case((found < need, counted), else_=None).label("n"),
        )
        .order_by(*_ordered(both, keys))
        .limit(per_page)
        .offset(offset)
        .subquery("page_ids")
    )


def first_match(
    candidates: Select, keys: list[tuple[Any, bool]], words: str, reverse: bool
) -> ColumnElement[Any]:
    """The id of the first of `candidates` (a select of the order's columns, in the order `keys`
    or its reverse, with at most NEIGHBOUR_WALK rows) that matches `words`; NULL when none
    does."""
    head = candidates.add_columns(claim_vector().label("search_vector")).subquery()
    return (
        select(head.c.id)
        .where(head.c.search_vector.op("@@")(tsquery(words)))
        .order_by(*_ordered(head, keys, reverse))
        .limit(1)
        .scalar_subquery()
    )
