"""The claim queue: one page of claims under the filters of factcheck.claims.filters, in one of
its orders, and the previous and next claim of the claim page, in a fixed number of queries.

How a page is read: a count (from the trigger-kept tally when it can answer, else capped), then
the page's ids in order, read from an index, joined to what a row shows. A few index-shaped
choices follow from the indexes (factcheck.claims.models, the migrations): several statuses are
read one index range each and merged (_status_ranges); a search reads its own strategy per
engine (factcheck.search).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, func, literal, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from factcheck.articles.models import Article
from factcheck.claims.filters import DEFAULT_SORT, OPEN, OPEN_STATUSES, QueueFilters
from factcheck.claims.models import Claim, Status
from factcheck.extraction.language import unscored_language
from factcheck.reads.paging import Page, clamp
from factcheck.reads.reference import Person, VerdictInfo, people_by_id, verdicts_by_id
from factcheck.search import claim_condition, claim_match_count, postgresql, search_param
from factcheck.statements import built_once
from factcheck.tally import count_claims

PER_PAGE = 50
# A count of the queue stops here unless the tallies answer it: "more than 10,000 claims".
COUNT_CAP = 10_000
# A search counts its matches up to here: "more than 1,000".
SEARCH_COUNT_CAP = 1_000


@dataclass
class ArticleTitle:
    id: int
    title: str


@dataclass
class QueueRow:
    """What a queue row shows of a claim (plain rows: no mapped instances to build)."""

    id: int
    article_id: int | None
    text: str
    claimant: str | None
    checkworthiness: float
    status: str
    verdict_id: int | None
    assignee_id: int | None
    dismissal_reason: str | None
    is_caption: bool
    language: str | None  # the article's
    article: ArticleTitle | None = None
    verdict: VerdictInfo | None = None
    assignee: Person | None = None

    @property
    def unscored(self) -> str | None:
        """The article's language in words when check-worthiness cannot be scored in it."""
        return unscored_language(self.language)


_ROW_COLUMNS = (
    Claim.id,
    Claim.article_id,
    Claim.text,
    Claim.claimant,
    Claim.checkworthiness,
    Claim.status,
    Claim.verdict_id,
    Claim.assignee_id,
    Claim.dismissal_reason,
    Claim.is_caption,
    Article.language,
    Article.title,
)


def order_keys(sort: str) -> list[tuple[Any, bool]]:
    """(column, descending) pairs of the queue's order, ending with the id."""
    if sort == "newest":
        return [(Claim.id, True)]
    if sort == "oldest":
        return [(Claim.id, False)]
    if sort == "article":
        return [(Claim.article_id, False), (Claim.start, False), (Claim.id, False)]
    return [(Claim.checkworthiness, True), (Claim.id, False)]


def _order(sort: str, reverse: bool = False) -> list:
    return [
        column.desc() if descending != reverse else column.asc()
        for column, descending in order_keys(sort)
    ]


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _filtered(
    statement: Select, f: QueueFilters, dialect: str, id_column=None, top: bool = False
) -> Select:
    """`statement` with the filters' conditions; the search's reads the given id column and
    (SQLite, `top`) only the index of the most check-worthy claims."""
    statement = statement.where(*f.conditions(dialect, skip=("q",)))
    if f.get("q") is not None:
        statement = statement.where(claim_condition(dialect, f.get("q"), id_column, top))
    return statement


def _search_only(f: QueueFilters) -> bool:
    return f.names == {"q"}


# --- counting ---------------------------------------------------------------------------------


def _total(session: Session, f: QueueFilters, page: int, per_page: int) -> tuple[int, bool]:
    """(count, exact): from the tally, the search index, or a count capped at COUNT_CAP (or at
    the page asked for, when it lies further)."""
    narrowing = f.tally_narrowing()
    if narrowing is not None:
        total = count_claims(session, narrowing.get("statuses"), narrowing.get("verdict_ids"))
        return total, True
    dialect = _dialect(session)
    cap = max(SEARCH_COUNT_CAP if _search_only(f) else COUNT_CAP, page * per_page)
    if dialect == "sqlite" and _search_only(f):
        counted = claim_match_count(session, f.get("q"), cap)
        return min(counted, cap), counted <= cap

    def build() -> Select:
        # Selecting a constant lets PostgreSQL count from the index alone (no heap read for id).
        matching = _filtered(select(literal(1)).select_from(Claim), f, dialect).limit(cap + 1)
        return select(func.count()).select_from(matching.subquery())

    statement = built_once(("count", dialect, f.shape(), cap), build)
    counted = session.scalar(statement, f.params(dialect)) or 0
    return min(counted, cap), counted <= cap


def _claims_estimate(session: Session) -> int:
    return max(1, count_claims(session, None, None))


# --- the ids in order -------------------------------------------------------------------------


def _sort_columns(sort: str) -> list:
    columns = [column for column, _ in order_keys(sort)]
    return columns if any(c.key == "id" for c in columns) else [*columns, Claim.id]


def _status_ranges(f: QueueFilters) -> list[str]:
    """The statuses to read one by one: the indexes (status, checkworthiness) and (assignee,
    status, checkworthiness) give the order within one status, not across several. (Other
    orders are read from the primary key or (article, start) whatever the status.)"""
    if f.sort != DEFAULT_SORT:
        return []
    if f.get("status") == OPEN:
        return list(OPEN_STATUSES)
    if f.get("assignee") is not None and f.get("status") is None:
        return [s.value for s in Status]
    return []


def _ordered_ids(
    session: Session,
    f: QueueFilters,
    limit: int,
    offset: int = 0,
    where: ColumnElement[bool] | None = None,
    reverse: bool = False,
    walk: bool = False,
    top: bool = False,
) -> Select:
    """A select of the ids of the queue's claims in its order (`rn` numbering them), read from
    an index (the rows are joined afterwards). Several statuses are several index ranges,
    merged: each is read in order and only the first `offset + limit` of each are sorted
    together (_status_ranges). `walk`: see _walk_matches; `top`: see
    factcheck.search.claim_condition."""
    dialect = _dialect(session)
    columns = _sort_columns(f.sort)
    # id + 0: the match list is probed, not read by id
    id_column = Claim.id + 0 if walk else Claim.id
    descending = {column.key: d for column, d in order_keys(f.sort)}

    def part(filters: QueueFilters, window: int, skip: int) -> Select:
        s = _filtered(select(*columns), filters, dialect, id_column, top)
        if where is not None:
            s = s.where(where)
        return s.order_by(*_order(filters.sort, reverse)).limit(window).offset(skip)

    def outer_order(sub) -> list:
        return [
            sub.c[c.key].desc() if descending.get(c.key, False) != reverse else sub.c[c.key].asc()
            for c in columns
        ]

    split = _status_ranges(f)
    if split:
        parts = [
            select(*part(f.with_value("status", s), offset + limit, 0).subquery().c) for s in split
        ]
        merged = union_all(*parts).subquery()
        order = outer_order(merged)
        rank = func.row_number().over(order_by=order).label("rn")
        return select(merged.c.id, rank).order_by(*order).limit(limit).offset(offset)
    s = part(f, limit, offset).subquery()
    return select(s.c.id, func.row_number().over(order_by=outer_order(s)).label("rn"))


def _walk_matches(session: Session, f: QueueFilters, matches: int | None, rows: int) -> bool:
    """SQLite, a search with many matches (`matches`: their capped count): walking the order's
    index and probing the match list finds the first `rows` claims sooner than reading every
    match to sort it."""
    return (
        _dialect(session) == "sqlite"
        and f.get("q") is not None
        and matches is not None
        and (matches > SEARCH_COUNT_CAP or matches * matches > rows * _claims_estimate(session))
    )


# --- the rows ---------------------------------------------------------------------------------


def _rows_statement(ranked: Select) -> Select:
    sub = ranked.subquery("page_ids")
    return (
        select(*_ROW_COLUMNS)
        .join(sub, sub.c.id == Claim.id)
        .outerjoin(Article, Article.id == Claim.article_id)
        .order_by(sub.c.rn)
    )


def _rows(session: Session, statement: Select, params: dict, extra=None) -> list[QueueRow]:
    items = []
    for row in session.execute(statement, params):
        values = list(row)
        if extra is not None:
            extra(values.pop())
        *columns, title = values
        item = QueueRow(*columns)
        if item.article_id is not None:
            item.article = ArticleTitle(item.article_id, title)
        items.append(item)
    if not items:
        return items
    verdicts = verdicts_by_id(session)
    people = people_by_id(session, {r.assignee_id for r in items})
    for item in items:
        item.verdict = verdicts.get(item.verdict_id) if item.verdict_id else None
        item.assignee = people.get(item.assignee_id) if item.assignee_id else None
    return items


def queue_rows(session: Session, f: QueueFilters, limit: int) -> list[QueueRow]:
    """The first `limit` claims of the filtered queue (one query)."""
    dialect = _dialect(session)
    statement = built_once(
        ("queue_rows", dialect, f.shape(), limit),
        lambda: _rows_statement(_ordered_ids(session, f, limit)),
    )
    return _rows(session, statement, f.params(dialect))


def queue_after(session: Session, f: QueueFilters, after: Any | None, limit: int) -> list[QueueRow]:
    """The first `limit` claims of the filtered queue that come after claim `after` in its
    order (None: from the start): keyset pages, which stay right while claims come and go
    (the API's `next` links). One query."""
    dialect = _dialect(session)
    keys = [column for column, _ in order_keys(f.sort)]
    params = f.params(dialect)
    where = None
    if after is not None:
        where = _position(after, f.sort, after=True)
        params |= {f"at_{c.key}": getattr(after, c.key) for c in keys}
    unset = tuple(after is not None and getattr(after, c.key) is None for c in keys)
    statement = built_once(
        ("queue_after", dialect, f.shape(), after is None, unset, limit),
        lambda: _rows_statement(_ordered_ids(session, f, limit, where=where)),
    )
    return _rows(session, statement, params)


def queue_page(session: Session, f: QueueFilters, per_page: int = PER_PAGE) -> Page:
    """One page of the queue: a count (the tally or a capped count), then the page's ids in
    order (an index read) joined to the rows with what the queue shows (4 queries at most; a
    search on PostgreSQL, 1)."""
    dialect = _dialect(session)
    if dialect == "postgresql" and _search_only(f):
        found = _pg_search_page(session, f, per_page)
        if found is not None:
            return found
    total, exact = _total(session, f, f.page, per_page)
    page = clamp(f.page, total, per_page) if exact else f.page
    offset = (page - 1) * per_page
    matches = (total if exact else total + 1) if f.get("q") is not None else None
    walk = _walk_matches(session, f, matches, offset + per_page)
    if walk and f.sort == DEFAULT_SORT:
        top = _top_page(session, f, offset, per_page)
        if top is not None:
            return Page(top, total, page, per_page, exact)
    statement = built_once(
        ("queue", dialect, f.shape(), per_page, offset, walk),
        lambda: _rows_statement(_ordered_ids(session, f, per_page, offset, walk=walk)),
    )
    return Page(_rows(session, statement, f.params(dialect)), total, page, per_page, exact)


def _top_page(session: Session, f: QueueFilters, offset: int, per_page: int) -> list | None:
    """SQLite, a search with many matches in the check-worthiness order: the page from the
    search index of the most check-worthy claims (migration e4b7a9c2d518), when a whole page
    matches there: in this order they come first, so it is the same page, read from a far
    shorter match list. Sorted when they are few, else read by walking the order's index (as
    with every match: _walk_matches)."""
    top = claim_match_count(session, f.get("q"), SEARCH_COUNT_CAP, top=True)
    if top < offset + per_page or offset + per_page > SEARCH_COUNT_CAP:
        return None
    walk = top > SEARCH_COUNT_CAP
    statement = built_once(
        ("queue_top", f.shape(), per_page, offset, walk),
        lambda: _rows_statement(_ordered_ids(session, f, per_page, offset, walk=walk, top=True)),
    )
    return _rows(session, statement, f.params("sqlite"))


def _pg_search_page(session: Session, f: QueueFilters, per_page: int) -> Page | None:
    """A search-only page of the queue on PostgreSQL, in one statement
    (factcheck.search.postgresql.search_page_ids). None when the page is past the last one
    (the caller then counts and clamps)."""
    words = search_param("postgresql", f.get("q"))
    offset = (f.page - 1) * per_page
    if words is None:  # nothing to search for: no claim matches
        return Page([], 0, 1, per_page) if f.page == 1 else None
    bands = postgresql.BANDS if f.sort == DEFAULT_SORT else ()

    def build() -> Select:
        ranked = postgresql.search_page_ids(order_keys(f.sort), words, offset, per_page, bands)
        return (
            select(*_ROW_COLUMNS, ranked.c.n)
            .join(ranked, ranked.c.id == Claim.id)
            .outerjoin(Article, Article.id == Claim.article_id)
            .order_by(ranked.c.rn)
        )

    statement = built_once(("pg_search", f.sort, offset, per_page, bands), build)
    totals: list[int | None] = []
    items = _rows(session, statement, {"q": words}, totals.append)
    if not items:
        # Page 1 empty: nothing matches (every step ran and found nothing).
        return Page([], 0, 1, per_page) if f.page == 1 else None
    total = totals[0]
    if total is None:  # found by a step that does not count: a lower bound
        return Page(items, offset + per_page, f.page, per_page, exact=False)
    cap = max(postgresql.SEARCH_SORT_MAX, offset + per_page)
    return Page(items, min(total, cap), f.page, per_page, total <= cap)


# --- previous and next ------------------------------------------------------------------------


def _position(claim: Any, sort: str, after: bool) -> ColumnElement[bool]:
    """Claims after (or before) `claim` in the queue's order: a keyset comparison, with a bound
    on the order's first column so that the index is read from the claim onwards. The claim's
    values are named parameters (`at_<column>`)."""

    def at(column) -> Any:
        value = getattr(claim, column.key)
        return None if value is None else bindparam(f"at_{column.key}", value)

    terms = []
    keys = order_keys(sort)
    for i, (column, descending) in enumerate(keys):
        value = at(column)
        if value is None:
            continue
        equal = [c == at(c) for c, _ in keys[:i]]
        later = column < value if descending else column > value
        earlier = column > value if descending else column < value
        terms.append(and_(*equal, later if after else earlier))
    condition = or_(*terms)
    first, descending = keys[0]
    value = at(first)
    if value is not None:
        bound = first <= value if descending == after else first >= value
        condition = and_(bound, condition)
    return condition


def neighbours(session: Session, claim: Any, f: QueueFilters) -> tuple[int | None, int | None]:
    """The previous and next claim in the queue `claim` was opened from: two keyset reads of
    the order's index in one statement (one more with a search on SQLite: the number of
    matches decides how the index is read)."""
    dialect = _dialect(session)
    matches = None
    if dialect == "sqlite" and _search_only(f):
        matches = claim_match_count(session, f.get("q"), SEARCH_COUNT_CAP)
    walk = _walk_matches(session, f, matches, 1)

    def nearest(after: bool) -> ColumnElement:
        position = _position(claim, f.sort, after=after)
        ids = _ordered_ids(session, f, 1, where=position, reverse=not after, walk=walk)
        first = select(ids.subquery().c.id).scalar_subquery()
        if dialect == "postgresql" and f.get("q") is not None:
            # The planner would build the whole GIN match list (7 ms for a common word): the
            # next NEIGHBOUR_WALK claims in the order are tested first, and the plain read
            # runs only when none of them matches (COALESCE evaluates it only then).
            return func.coalesce(_pg_walked_neighbour(f, position, after), first)
        return first

    keys = [column for column, _ in order_keys(f.sort)]
    unset = tuple(getattr(claim, c.key) is None for c in keys)
    statement = built_once(
        ("neighbours", dialect, f.shape(), unset, walk, postgresql.NEIGHBOUR_WALK),
        lambda: select(nearest(after=False), nearest(after=True)),
    )
    params = f.params(dialect) | {f"at_{c.key}": getattr(claim, c.key) for c in keys}
    prev_id, next_id = session.execute(statement, params).one()
    return prev_id, next_id


def _pg_walked_neighbour(f: QueueFilters, position: ColumnElement, after: bool) -> ColumnElement:
    """The first claim on one side that matches the search, among the NEIGHBOUR_WALK claims on
    that side in the queue's order (filtered as the queue is); None when none of them does."""
    words = search_param("postgresql", f.get("q"))
    if words is None:
        return literal(None)
    candidates = (
        _filtered(select(*_sort_columns(f.sort)), f.without("q"), "postgresql")
        .where(position)
        .order_by(*_order(f.sort, reverse=not after))
        .limit(postgresql.NEIGHBOUR_WALK)
    )
    return postgresql.first_match(candidates, order_keys(f.sort), words, reverse=not after)
