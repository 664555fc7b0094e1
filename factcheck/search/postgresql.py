"""PostgreSQL: generated `search_vector` tsvector columns ('english') with GIN indexes (migration
5d54ccb4320e), partial GIN indexes of the most check-worthy claims (migration 3f6b1c9d2e47), and
the statement that reads one page of a search in the queue's order.

A GIN index answers "which claims match" but not in the queue's order, and reading every match
to sort it costs a heap visit per match (11,264 for "teacher" at a million claims: 20 ms). So a
search page reads, in one statement, the first of these that holds a page of matches
(`search_page_ids`): a short walk of the order's index testing each claim (a common word); in
the check-worthiness order, the matches among the 1%, 4% and 16% most check-worthy claims, each
from its own small index (they come first in that order, so they are the page); every match,
sorted when there are few; else the order's index, testing each claim. Each step runs only when
the ones before it fell short, and costs a few times a page at most. A claim opened from a
search looks for its neighbours by the same walk (`first_match`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, bindparam, case, false, func, literal_column, select, union_all
from sqlalchemy.sql import ColumnElement, Select, Subquery

from factcheck.search.words import search_words

# Database-only objects (not mapped; factcheck.migrate keeps alembic's comparison away).
SEARCH_VECTOR_COLUMNS = (("claim", "search_vector"), ("article", "search_vector"))
# The check-worthiness from which a claim is in each partial index: where the 1%, 4% and 16%
# most check-worthy of the generated claims begin (the model's scores lean high alike). With
# another spread the pages stay exact; only the cost bound moves.
BANDS = (0.994, 0.976, 0.9)
BAND_INDEXES = tuple(f"ix_claim_search_vector_cw{round(b * 1000):04d}" for b in BANDS)
INDEXES = ("ix_claim_search_vector", "ix_article_search_vector", *BAND_INDEXES)

# A search first walks this many claims per row it needs, in the queue's order, at most
# SEARCH_WALK_MAX (see search_page_ids).
SEARCH_WALK_PER_ROW = 10
SEARCH_WALK_MAX = 10_000
# A search sorts its matches when there are at most this many; with more it reads the order's
# index, testing each claim.
SEARCH_SORT_MAX = 5_000
# A claim opened from a search: its neighbours are first looked for among this many claims on
# either side.
NEIGHBOUR_WALK = 1_000


def band_condition(band: float) -> ColumnElement[bool]:
    """The predicate of the band's partial index, written as it is there. `+ 0`: only that
    index can serve it (a plain `checkworthiness >=` lets the planner intersect the order's
    btree with it, 3-7 ms at a million claims)."""
    return literal_column(f"claim.checkworthiness + 0 >= {band}", Boolean)


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


def _in_turn(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """All of `conditions`, tested in their order and only as far as the first false one (a
    CASE: unlike AND, it fixes the order, so a step's count is never asked for after an earlier
    step filled the page)."""
    result: ColumnElement[bool] = conditions[-1]
    for condition in reversed(conditions[:-1]):
        result = case((condition, result), else_=False)
    return result


def search_page_ids(
    keys: list[tuple[Any, bool]], words: str, offset: int, per_page: int, bands: tuple[float, ...]
) -> Subquery:
    """The ids of one page of the claims matching `words`, in the order `keys` ((column,
    descending) pairs, ending with the id), numbered `rn`, with `n` the number of matches when
    they were counted (else NULL: the caller knows only "more than this page"). `bands`: the
    partial indexes to try, in the check-worthiness order only.

    The steps, each a MATERIALIZED CTE that runs only when the ones before it found fewer than
    `need` (a page and one more claim) matches: the walk of the order's index over
    SEARCH_WALK_PER_ROW * need claims; each band; every match, at most SEARCH_SORT_MAX + 1,
    counted (the page is sorted from them when that is all of them; with more, the order's
    index is read as far as the page, testing every claim)."""
    need = offset + per_page + 1
    cap = max(SEARCH_SORT_MAX, offset + per_page)
    query = tsquery(words)
    vector = claim_vector()
    match = vector.op("@@")(query)
    columns = [column for column, _ in keys]
    order = [column.desc() if descending else column.asc() for column, descending in keys]

    def materialized(statement: Select, name: str):
        return statement.cte(name).prefix_with("MATERIALIZED", dialect="postgresql")

    def short(step) -> ColumnElement[bool]:
        return select(func.count()).select_from(step).scalar_subquery() < need

    head = (
        select(*columns, vector.label("search_vector"))
        .order_by(*order)
        .limit(min(SEARCH_WALK_PER_ROW * need, SEARCH_WALK_MAX))
        .subquery("head")
    )
    walked = materialized(
        select(*[head.c[c.key] for c in columns])
        .where(head.c.search_vector.op("@@")(query))
        .order_by(*_ordered(head, keys))
        .limit(need),
        "walked",
    )
    steps = [walked]
    for i, band in enumerate(bands):
        runs = _in_turn([short(step) for step in steps])
        steps.append(
            materialized(select(*columns).where(runs, match, band_condition(band)), f"band{i}")
        )
    runs = _in_turn([short(step) for step in steps])
    matches = materialized(select(*columns).where(runs, match).limit(cap + 1), "matches")
    counted = select(func.count()).select_from(matches).scalar_subquery()
    # The first step that found a page gives it (a step runs only when the earlier ones did not).
    found = [select(*step.c).where(~short(step)) for step in steps]
    few = select(*matches.c).where(runs, counted <= cap)
    # Too many matches to sort them all (a page further than the other steps reach): the planner
    # reads the order's index, testing every claim, as far as that page.
    many = select(*columns).where(match, runs, counted > cap).order_by(*order).limit(need)
    every = union_all(*found, few, select(*many.subquery().c)).subquery()
    return (
        select(
            every.c.id,
            func.row_number().over(order_by=_ordered(every, keys)).label("rn"),
            case((runs, counted), else_=None).label("n"),
        )
        .order_by(*_ordered(every, keys))
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
