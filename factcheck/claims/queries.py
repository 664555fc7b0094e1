"""Reads behind the dashboard, the claim queue and the claim page, in a fixed number of queries."""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from itertools import chain
from typing import Any

from markupsafe import Markup
from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    func,
    inspect,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy import event as sa_event
from sqlalchemy.orm import (
    Session,
    defer,
    joinedload,
    make_transient_to_detached,
    selectinload,
)
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.elements import BindParameter

from factcheck.articles.models import Article
from factcheck.audit import AuditEvent
from factcheck.auth.models import User
from factcheck.claims.models import Annotation, Claim, Status, Verdict
from factcheck.db import MAX_ID
from factcheck.search import claim_condition, claim_match_count, postgresql, search_param
from factcheck.sources.models import Evidence, Relation
from factcheck.statements import built_once

PER_PAGE = 50
SORTS = {
    "checkworthiness": "most check-worthy",
    "newest": "newest",
    "oldest": "oldest",
    "article": "article order",
}
# Machine bookkeeping the dashboard's activity feed leaves out (the claim history shows it).
QUIET_ACTIONS = ("extract", "reanchor")
OPEN = "open"  # the status filter for work still to do: unreviewed + in review
NONE = "none"  # filter value for "no verdict" / "nobody"


class BadFilter(ValueError):
    """A query parameter the queue cannot use (HTTP 400); the message says which and why."""


MAX_PAGE = 10**6


def _number(args, name: str, most: int, also: tuple[str, ...] = ()) -> str:
    """The parameter as given when it is empty, one of `also`, or a number 1..most."""
    value = args.get(name, "")
    if (
        value == ""
        or value in also
        or (value.isascii() and value.isdigit() and 0 < int(value) <= most)
    ):
        return value
    words = "".join(f"{w!r} or " for w in also)
    raise BadFilter(f"{name}: {value[:40]!r} is not {words}a number from 1 to {most:,}.")


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters, read from and written back to the page's query string."""

    status: str = ""
    verdict: str = ""
    article: int | None = None
    assignee: str = ""
    claimant: str = ""
    min_cw: float | None = None
    q: str = ""
    sort: str = "checkworthiness"
    page: int = 1

    @classmethod
    def from_args(cls, args, me: User | None = None) -> QueueFilters:
        """The filters in `args`; BadFilter names a value that is not one of the choices."""
        status = args.get("status", "")
        statuses = [s.value for s in Status] + [OPEN]
        if status not in ("", *statuses):
            raise BadFilter(f"status: {status[:40]!r} is not one of {', '.join(statuses)}.")
        verdict = _number(args, "verdict", MAX_ID, (NONE,))
        assignee = _number(args, "assignee", MAX_ID, (NONE, "me"))
        if assignee == "me":
            assignee = str(me.id) if me is not None else ""
        min_cw = None
        if args.get("min_cw", ""):
            try:
                min_cw = float(args["min_cw"])
            except ValueError:
                min_cw = -1.0
            if not 0 <= min_cw <= 1:  # also NaN
                raise BadFilter(f"min_cw: {args['min_cw'][:40]!r} is not a number from 0 to 1.")
        sort = args.get("sort", "") or "checkworthiness"
        if sort not in SORTS:
            raise BadFilter(f"sort: {sort[:40]!r} is not one of {', '.join(SORTS)}.")
        article = _number(args, "article", MAX_ID)
        return cls(
            status=status,
            verdict=verdict,
            article=int(article) if article else None,
            assignee=assignee,
            claimant=args.get("claimant", "").strip()[:300],
            min_cw=min_cw,
            q=" ".join(args.get("q", "").split())[:200],
            sort=sort,
            page=int(_number(args, "page", MAX_PAGE) or 1),
        )

    def args(self, **overrides: Any) -> dict[str, Any]:
        """The non-default filters as query parameters (the page number only when > 1)."""
        current = replace(self, **overrides)
        out = {}
        for f in fields(self):
            value = getattr(current, f.name)
            if value in (None, "") or value == f.default:
                continue
            out[f.name] = value
        return out

    @property
    def active(self) -> bool:
        return bool(self.args(page=1, sort="checkworthiness"))


def _shape(f: QueueFilters, dialect: str) -> tuple:
    """What decides the SQL of `_filtered(f)`: its values are named parameters
    (`_filter_params`), except the status (a few values, and several of them in one statement)."""
    return (
        dialect,
        f.status,
        f.verdict if f.verdict in ("", NONE) else "id",
        f.article is not None,
        f.assignee if f.assignee in ("", NONE) else "id",
        bool(f.claimant),
        f.min_cw is not None,
        # no search, a search with no words (matches nothing), a search
        "" if not f.q else "words" if search_param(dialect, f.q) is not None else "no words",
        f.sort,
    )


def _filter_params(f: QueueFilters, dialect: str) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if f.verdict and f.verdict != NONE:
        params["verdict"] = int(f.verdict)
    if f.article is not None:
        params["article"] = f.article
    if f.assignee and f.assignee != NONE:
        params["assignee"] = int(f.assignee)
    if f.claimant:
        params["claimant"] = f.claimant.lower()
    if f.min_cw is not None:
        params["min_cw"] = f.min_cw
    query = search_param(dialect, f.q) if f.q else None
    if query is not None:
        params["q"] = query
    return params


def _filtered(
    statement: Select, f: QueueFilters, dialect: str = "sqlite", id_column=None, top: bool = False
) -> Select:
    if f.status == OPEN:
        statement = statement.where(
            Claim.status.in_([Status.unreviewed.value, Status.in_review.value])
        )
    elif f.status:
        statement = statement.where(Claim.status == f.status)
    # The values are named parameters (see _shape): a statement built once per shape can be
    # run with other values.
    values: dict[str, Any] = {k: bindparam(k, v) for k, v in _filter_params(f, dialect).items()}
    if f.verdict == NONE:
        statement = statement.where(Claim.verdict_id.is_(None))
    elif f.verdict:
        statement = statement.where(Claim.verdict_id == values["verdict"])
    if f.article is not None:
        statement = statement.where(Claim.article_id == values["article"])
    if f.assignee == NONE:
        statement = statement.where(Claim.assignee_id.is_(None))
    elif f.assignee:
        statement = statement.where(Claim.assignee_id == values["assignee"])
    if f.claimant:
        # Case-insensitive, through ix_claim_claimant_lower (SQLite's lower() and NOCASE both
        # fold ASCII letters only, so the two conditions match the same claims).
        if dialect == "sqlite":
            statement = statement.where(Claim.claimant.collate("NOCASE") == values["claimant"])
        else:
            statement = statement.where(func.lower(Claim.claimant) == values["claimant"])
    if f.min_cw is not None:
        statement = statement.where(Claim.checkworthiness >= values["min_cw"])
    if f.q:
        statement = statement.where(claim_condition(dialect, f.q, id_column, top))
    return statement


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _order_keys(sort: str) -> list[tuple[Any, bool]]:
    """(column, descending) pairs of the queue's order."""
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
        for column, descending in _order_keys(sort)
    ]


@dataclass
class Page:
    """One page of a list. `exact` is False when `total` is only a lower bound (a capped count:
    counting every match of a broad filter over a million claims costs more than the page)."""

    items: list
    total: int
    page: int
    per_page: int
    exact: bool = True

    @property
    def pages(self) -> int:
        pages = max(1, math.ceil(self.total / self.per_page))
        return pages if self.exact else max(pages, self.page + 1)

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.per_page)


# A count of the queue stops here unless the tallies answer it: "more than 10,000 claims".
COUNT_CAP = 10_000
# A search counts its matches up to here: "more than 1,000".
SEARCH_COUNT_CAP = 1_000


def _tally_total(session: Session, f: QueueFilters) -> int | None:
    """The number of matching claims from the trigger-kept tally, when only status and verdict
    filter the queue (None otherwise)."""
    if f.article or f.assignee or f.claimant or f.min_cw is not None or f.q:
        return None
    from factcheck.tally import count_claims

    statuses = None
    if f.status == OPEN:
        statuses = [Status.unreviewed.value, Status.in_review.value]
    elif f.status:
        statuses = [f.status]
    verdicts: list[int | None] | None = None
    if f.verdict == NONE:
        verdicts = [None]
    elif f.verdict:
        verdicts = [int(f.verdict)]
    return count_claims(session, statuses, verdicts)


def _search_only(f: QueueFilters) -> bool:
    return bool(f.q) and not (
        f.status or f.verdict or f.article or f.assignee or f.claimant or f.min_cw is not None
    )


def _total(session: Session, f: QueueFilters, page: int, per_page: int) -> tuple[int, bool]:
    """(count, exact): from the tally, the search index, or a count capped at COUNT_CAP (or at
    the page asked for, when it lies further)."""
    total = _tally_total(session, f)
    if total is not None:
        return total, True
    dialect = _dialect(session)
    if dialect == "sqlite" and _search_only(f):
        cap = max(SEARCH_COUNT_CAP, page * per_page)
        counted = claim_match_count(session, f.q, cap)
        return min(counted, cap), counted <= cap
    cap = max(SEARCH_COUNT_CAP if _search_only(f) else COUNT_CAP, page * per_page)

    def build() -> Select:
        # Selecting a constant lets PostgreSQL count from the index alone (no heap read for id).
        matching = _filtered(select(literal(1)).select_from(Claim), f, dialect).limit(cap + 1)
        return select(func.count()).select_from(matching.subquery())

    statement = built_once(("count", _shape(f, dialect), cap), build)
    counted = session.scalar(statement, _filter_params(f, dialect)) or 0
    return min(counted, cap), counted <= cap


def _sort_columns(sort: str) -> list:
    columns = [column for column, _ in _order_keys(sort)]
    return columns if any(c.key == "id" for c in columns) else [*columns, Claim.id]


def _ordered_ids_statement(
    session: Session,
    f: QueueFilters,
    limit: int,
    offset: int = 0,
    where: ColumnElement[bool] | None = None,
    reverse: bool = False,
    walk: bool = False,
    ranked: bool = False,
    top: bool = False,
) -> Select:
    """A select of the ids of the queue's claims in its order, read from an index (the rows
    are fetched by id afterwards). Several statuses are several index ranges, merged: each is
    read in order and only the first `offset + limit` of each are sorted together (see
    _status_ranges). `ranked` adds a second column, `rn`, numbering the ids in that order (to
    join the rows to and sort them by, in the same statement). `walk`: see _walk_matches;
    `top`: see factcheck.search.claim_condition."""
    dialect = _dialect(session)
    columns = _sort_columns(f.sort)
    # id + 0: the match list is probed, not read by id
    id_column = Claim.id + 0 if walk else Claim.id

    def statement(filters: QueueFilters, window: int, skip: int) -> Select:
        s = _filtered(select(*columns), filters, dialect, id_column, top)
        if where is not None:
            s = s.where(where)
        return s.order_by(*_order(filters.sort, reverse)).limit(window).offset(skip)

    keys = {column.key: descending for column, descending in _order_keys(f.sort)}

    def outer_order(sub) -> list:
        return [
            sub.c[c.key].desc() if keys.get(c.key, False) != reverse else sub.c[c.key].asc()
            for c in columns
        ]

    split = _status_ranges(f)
    if split:
        parts = [
            select(*statement(replace(f, status=s), offset + limit, 0).subquery().c) for s in split
        ]
        merged = union_all(*parts).subquery()
        order = outer_order(merged)
        outer = [merged.c.id]
        if ranked:
            outer.append(func.row_number().over(order_by=order).label("rn"))
        return select(*outer).order_by(*order).limit(limit).offset(offset)
    s = statement(f, limit, offset).subquery()
    if ranked:
        return select(s.c.id, func.row_number().over(order_by=outer_order(s)).label("rn"))
    return select(s.c.id)


def _walk_matches(session: Session, f: QueueFilters, matches: int | None, rows: int) -> bool:
    """SQLite, a search with many matches (`matches`: their capped count): walking the order's
    index and probing the match list finds the first `rows` claims sooner than reading every
    match to sort it."""
    return (
        _dialect(session) == "sqlite"
        and bool(f.q)
        and matches is not None
        and (matches > SEARCH_COUNT_CAP or matches * matches > rows * _claims_estimate(session))
    )


def _status_ranges(f: QueueFilters) -> list[str]:
    """The statuses to read one by one: the indexes (status, checkworthiness) and (assignee,
    status, checkworthiness) give the order within one status, not across several. (Other
    orders are read from the primary key or (article, start) whatever the status.)"""
    if f.sort != "checkworthiness":
        return []
    if f.status == OPEN:
        return [Status.unreviewed.value, Status.in_review.value]
    if f.assignee and not f.status:
        return [s.value for s in Status]
    return []


def _claims_estimate(session: Session) -> int:
    from factcheck.tally import count_claims

    return max(1, count_claims(session, None, None))


def queue_page(session: Session, f: QueueFilters, per_page: int = PER_PAGE) -> Page:
    """One page of the queue: a count (the tally or a capped count), then the page's ids in
    order (an index read) joined to the rows with what the queue shows (4 queries at most)."""
    dialect = _dialect(session)
    if f.q and _search_only(f) and dialect == "postgresql":
        found = _pg_search_page(session, f, per_page)
        if found is not None:
            return found
    total, exact = _total(session, f, f.page, per_page)
    pages = max(1, math.ceil(total / per_page))
    page = min(f.page, pages) if exact else f.page
    offset = (page - 1) * per_page
    matches = (total if exact else total + 1) if f.q else None
    walk = _walk_matches(session, f, matches, offset + per_page)
    params = _filter_params(f, dialect)
    if walk and f.sort == "checkworthiness":
        top = _top_page(session, f, offset, per_page, params)
        if top is not None:
            return Page(top, total, page, per_page, exact)
    statement = built_once(
        ("queue", _shape(f, dialect), offset, per_page, walk),
        lambda: _ranked_rows_statement(
            _ordered_ids_statement(session, f, per_page, offset, walk=walk, ranked=True)
        ),
    )
    items = _queue_items(session, statement, params=params)
    return Page(items, total, page, per_page, exact)


def _top_page(
    session: Session, f: QueueFilters, offset: int, per_page: int, params: dict
) -> list[QueueRow] | None:
    """SQLite, a search with many matches in the check-worthiness order: the page from the
    search index of the most check-worthy claims (migration e4b7a9c2d518), when a whole page
    matches there: in this order they come first, so it is the same page, read from a far
    shorter match list. Sorted when they are few, else read by walking the order's index (as
    with every match: _walk_matches)."""
    top = claim_match_count(session, f.q, SEARCH_COUNT_CAP, top=True)
    if top < offset + per_page or offset + per_page > SEARCH_COUNT_CAP:
        return None
    walk = top > SEARCH_COUNT_CAP
    statement = built_once(
        ("queue_top", _shape(f, "sqlite"), offset, per_page, walk),
        lambda: _ranked_rows_statement(
            _ordered_ids_statement(session, f, per_page, offset, walk=walk, ranked=True, top=True)
        ),
    )
    return _queue_items(session, statement, params=params)


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
    article: ArticleTitle | None = None
    verdict: Verdict | None = None
    assignee: User | None = None


_QUEUE_COLUMNS = (
    Claim.id,
    Claim.article_id,
    Claim.text,
    Claim.claimant,
    Claim.checkworthiness,
    Claim.status,
    Claim.verdict_id,
    Claim.assignee_id,
    Article.title,
)


def _pg_search_page(session: Session, f: QueueFilters, per_page: int) -> Page | None:
    """A search-only page of the queue on PostgreSQL, in one statement (see
    factcheck.search.postgresql.search_page_ids). None when the page is past the last one (the
    caller then counts and clamps). Built once per order and page; the words are the parameter
    `q`."""
    words = search_param("postgresql", f.q)
    if words is None:
        return None
    offset = (f.page - 1) * per_page
    need = offset + per_page + 1
    cap = max(postgresql.SEARCH_SORT_MAX, f.page * per_page)
    walk_rows = min(postgresql.SEARCH_WALK_PER_ROW * need, postgresql.SEARCH_WALK_MAX)
    shape = (f.sort, offset, per_page, need, cap, walk_rows)

    def build() -> Select:
        ranked = postgresql.search_page_ids(_order_keys(f.sort), *shape[1:])
        return (
            select(*_QUEUE_COLUMNS, ranked.c.n)
            .join(ranked, ranked.c.id == Claim.id)
            .outerjoin(Article, Article.id == Claim.article_id)
            .order_by(ranked.c.rn)
        )

    statement = built_once(("pg_search", *shape), build)
    totals: list[int | None] = []
    items = _queue_items(session, statement, totals.append, params={"q": words})
    if not items:
        return None
    total = totals[0]
    if total is None:  # the walk found more than this page: a lower bound
        return Page(items, offset + per_page, f.page, per_page, exact=False)
    return Page(items, min(total, cap), f.page, per_page, total <= cap)


def _queue_items(
    session: Session, statement: Select, extra=None, params: dict | None = None
) -> list[QueueRow]:
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
    # Verdicts and accounts usually come from the session (the cached reference data): no SQL.
    verdicts = rows_by_id(session, Verdict, {r.verdict_id for r in items})
    users = users_by_id(session, {r.assignee_id for r in items})
    for item in items:
        item.verdict = verdicts.get(item.verdict_id) if item.verdict_id else None
        item.assignee = users.get(item.assignee_id) if item.assignee_id else None
    return items


def _ranked_rows_statement(ranked: Select) -> Select:
    sub = ranked.subquery("page_ids")
    return (
        select(*_QUEUE_COLUMNS)
        .join(sub, sub.c.id == Claim.id)
        .outerjoin(Article, Article.id == Claim.article_id)
        .order_by(sub.c.rn)
    )


def _position(claim: Claim, sort: str, after: bool) -> ColumnElement[bool]:
    """Claims after (or before) `claim` in the queue's order: a keyset comparison, with a bound
    on the order's first column so that the index is read from the claim onwards. The claim's
    values are named parameters (`at_<column>`), so the statement can be built once."""

    def at(column) -> Any:
        value = getattr(claim, column.key)
        return None if value is None else bindparam(f"at_{column.key}", value)

    terms = []
    keys = _order_keys(sort)
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


def neighbours(session: Session, claim: Claim, f: QueueFilters) -> tuple[int | None, int | None]:
    """The previous and next claim in the queue this claim was opened from: two keyset reads
    of the order's index in one statement (one more with a search on SQLite: the number of
    matches decides how the index is read). The statement is built once per shape of the
    filters and run with their values and the claim's as parameters."""
    dialect = _dialect(session)
    matches = None
    if f.q and dialect == "sqlite" and _search_only(f):
        matches = claim_match_count(session, f.q, SEARCH_COUNT_CAP)
    walk = _walk_matches(session, f, matches, 1)

    def nearest(after: bool) -> ColumnElement:
        position = _position(claim, f.sort, after=after)
        ids = _ordered_ids_statement(session, f, 1, where=position, reverse=not after, walk=walk)
        if dialect == "postgresql" and f.q:
            # The planner would build the whole GIN match list (7 ms for a common word): the
            # next NEIGHBOUR_WALK claims in the order are tested first, and the plain read
            # runs only when none of them matches (COALESCE evaluates it only then).
            return func.coalesce(_pg_walked_neighbour(f, position, after), ids.scalar_subquery())
        return ids.scalar_subquery()

    def build() -> Select:
        return select(nearest(after=False), nearest(after=True))

    keys = [column for column, _ in _order_keys(f.sort)]
    unset = tuple(getattr(claim, c.key) is None for c in keys)
    statement = built_once(
        ("neighbours", _shape(f, dialect), unset, walk, postgresql.NEIGHBOUR_WALK), build
    )
    params = _filter_params(f, dialect) | {f"at_{c.key}": getattr(claim, c.key) for c in keys}
    prev_id, next_id = session.execute(statement, params).one()
    return prev_id, next_id


def _pg_walked_neighbour(f: QueueFilters, position: ColumnElement, after: bool) -> ColumnElement:
    """The first claim on one side that matches the search, among the NEIGHBOUR_WALK claims on
    that side in the queue's order (filtered as the queue is); None when none of them does."""
    words = search_param("postgresql", f.q)
    if words is None:
        return literal(None)
    candidates = (
        _filtered(select(*_sort_columns(f.sort)), replace(f, q=""), "postgresql")
        .where(position)
        .order_by(*_order(f.sort, reverse=not after))
        .limit(postgresql.NEIGHBOUR_WALK)
    )
    return postgresql.first_match(candidates, _order_keys(f.sort), words, reverse=not after)


def _claim_detail_statements() -> tuple[Select, Select, Select]:
    claim_id: BindParameter[int] = bindparam("claim_id")
    return (
        select(Claim)
        .where(Claim.id == claim_id)
        .options(joinedload(Claim.article), joinedload(Claim.verdict)),
        select(Evidence)
        .where(Evidence.claim_id == claim_id)
        .options(joinedload(Evidence.source))
        .order_by(Evidence.id),
        select(Annotation).where(Annotation.claim_id == claim_id).order_by(Annotation.id),
    )


def claim_detail(session: Session, claim_id: int) -> Claim | None:
    """A claim with everything the claim page shows: the claim, its article, verdict, evidence
    with sources, annotations, then every account they name in one query (the many-to-one
    links to accounts then resolve from the session without SQL)."""
    claim_statement, evidence_statement, notes_statement = built_once(
        ("claim_detail",), _claim_detail_statements
    )
    params = {"claim_id": claim_id}
    claim = session.scalars(claim_statement, params).first()
    if claim is not None:
        # Read by plain statements and set as loaded (selectinload builds its statements anew
        # on every page).
        set_committed_value(claim, "evidence", list(session.scalars(evidence_statement, params)))
        set_committed_value(claim, "annotations", list(session.scalars(notes_statement, params)))
    if claim is not None:
        user_ids = {claim.assignee_id, claim.reviewer_id, claim.approved_by_id}
        user_ids |= {e.added_by_id for e in claim.evidence}
        user_ids |= {a.author_id for a in claim.annotations}
        user_ids |= {a.resolved_by_id for a in claim.annotations}
        users = users_by_id(session, user_ids)
        # Set as loaded: the links to accounts then need no SQL.
        for name in ("assignee", "reviewer", "approved_by"):
            set_committed_value(claim, name, users.get(getattr(claim, name + "_id")))
        for evidence in claim.evidence:
            set_committed_value(evidence, "added_by", users.get(evidence.added_by_id))
        for note in claim.annotations:
            set_committed_value(note, "author", users.get(note.author_id))
            set_committed_value(note, "resolved_by", users.get(note.resolved_by_id))
    return claim


def users_by_id(session: Session, ids) -> dict[int, User]:
    """Accounts by id, for showing who did what: from the session, else from this process's copy
    of every account (see REFERENCE_TTL), else in one query."""
    wanted = {i for i in ids if i is not None}
    found = {}
    for user_id in wanted:
        row = session.identity_map.get(session.identity_key(User, user_id))
        if row is not None and not inspect(row).expired_attributes:
            found[user_id] = row
    missing = wanted - found.keys()
    if missing:
        accounts = _reference.get(
            session, "accounts", lambda: _snapshot(User, session.scalars(select(User)))
        )
        known = [values for values in accounts if values["id"] in missing]
        for row in _adopt(session, User, known):
            found[row.id] = row
    return found | rows_by_id(session, User, wanted - found.keys())


def rows_by_id(session: Session, model, ids) -> dict:
    """Rows of `model` by id, in at most one query: those already loaded in the session are not
    asked for again."""
    wanted = {i for i in ids if i is not None}
    found: dict = {}
    missing = set()
    for row_id in wanted:
        row = session.identity_map.get(session.identity_key(model, row_id))
        if row is None or inspect(row).expired_attributes:
            missing.add(row_id)
        else:
            found[row_id] = row
    if missing:
        found.update({r.id: r for r in session.scalars(select(model).where(model.id.in_(missing)))})
    return found


def sorted_evidence(claim: Claim) -> list[Evidence]:
    """Cited in the article first (unresolved citations first of those), then by relation."""
    order = {r.value: i for i, r in enumerate(Relation)}
    return sorted(
        claim.evidence,
        key=lambda e: (order.get(e.relation, 9), not e.source.unresolved, e.id),
    )


def annotation_thread(claim: Claim) -> list[tuple[Annotation, list[Annotation]]]:
    """Top-level notes, each with its replies, oldest first."""
    replies: dict[int, list[Annotation]] = defaultdict(list)
    roots = []
    for note in claim.annotations:
        if note.parent_id is None:
            roots.append(note)
        else:
            replies[note.parent_id].append(note)
    return [(note, replies.get(note.id, [])) for note in roots]


def claim_history(session: Session, claim_id: int) -> list[AuditEvent]:
    statement = built_once(
        ("claim_history",),
        lambda: (
            select(AuditEvent)
            .where(AuditEvent.claim_id == bindparam("claim_id"))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        ),
    )
    events = list(session.scalars(statement, {"claim_id": claim_id}))
    users = users_by_id(session, {e.actor_id for e in events})
    for event in events:
        set_committed_value(event, "actor", users.get(event.actor_id))
    return events


# --- reference data cached per process ----------------------------------------------------------
# The verdict scale, the reviewer list, the queue's article choices and the number of articles
# are read by nearly every page and change rarely. Each worker process keeps a copy (column
# values only) for at most REFERENCE_TTL seconds. A commit in this process that adds, changes or
# deletes a verdict, an account or an article drops every copy at once (the session events
# below), so the next page of this worker shows the edit; other worker processes show it within
# REFERENCE_TTL seconds. The copies are keyed by what the session is bound to: the engine in
# production, the test's own connection in the tests (whose transactions are rolled back).

REFERENCE_TTL = 5.0
_REFERENCE_MODELS: tuple[type, ...] = (Verdict, User, Article)


class _ReferenceCache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 0
        self.owner: Any = None
        self.entries: dict[str, tuple[int, float, list]] = {}

    def invalidate(self) -> None:
        with self.lock:
            self.generation += 1
            self.entries.clear()

    def get(self, session: Session, key: str, load: Callable[[], list]) -> list:
        bind = session.get_bind()
        owner = bind if isinstance(bind, Connection) else bind.pool
        now = time.monotonic()
        with self.lock:
            if self.owner is not owner:
                self.owner = owner
                self.generation += 1
                self.entries.clear()
            entry = self.entries.get(key)
            generation = self.generation
        if entry is not None and entry[0] == generation and entry[1] > now:
            return entry[2]
        value = load()
        with self.lock:
            if self.generation == generation and self.owner is owner:
                self.entries[key] = (generation, now + REFERENCE_TTL, value)
        return value


_reference = _ReferenceCache()


def invalidate_reference_data() -> None:
    """Drop this process's copies of the verdict scale, the reviewer list and the articles'."""
    _reference.invalidate()


def _touches_reference(objects) -> bool:
    return any(isinstance(o, _REFERENCE_MODELS) for o in objects)


@sa_event.listens_for(Session, "after_flush")
def _reference_flushed(session: Session, _context) -> None:
    if _touches_reference(chain(session.new, session.dirty, session.deleted)):
        session.info["reference_changed"] = True
        _reference.invalidate()


@sa_event.listens_for(Session, "do_orm_execute")
def _reference_bulk(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        mapper = state.bind_mapper
        if mapper is not None and issubclass(mapper.class_, _REFERENCE_MODELS):
            state.session.info["reference_changed"] = True
            _reference.invalidate()


@sa_event.listens_for(Session, "after_commit")
@sa_event.listens_for(Session, "after_soft_rollback")
def _reference_committed(session: Session, *_args) -> None:
    # Again at the end: another request may have read the old rows between flush and commit.
    if session.info.pop("reference_changed", False):
        _reference.invalidate()


def _columns(model) -> list[str]:
    return [attr.key for attr in inspect(model).column_attrs]


def _snapshot(model, rows: Iterable) -> list[dict]:
    keys = _columns(model)
    return [{k: getattr(row, k) for k in keys} for row in rows]


def _adopt(session: Session, model, snapshot: list[dict]) -> list:
    """Instances of `model` in `session` made from cached column values, without SQL (an
    instance the session already holds is used as it is)."""
    out = []
    added = []
    manager = inspect(model).class_manager
    for values in snapshot:
        key = session.identity_key(model, values["id"])
        row = session.identity_map.get(key)
        if row is None:
            # As a query would load it: the values set directly, not through the constructor's
            # attribute events (twice as fast).
            row = manager.new_instance()
            row.__dict__.update(values)
            make_transient_to_detached(row)
            session.add(row)
            added.append(row)
        out.append(row)
    # The identity map holds its instances weakly: keep these for the session's life, so that a
    # later lookup by id (rows_by_id, users_by_id) finds them even if the caller let go.
    session.info.setdefault("reference_rows", []).extend(added)
    return out


def _cached(session: Session, model, key: str, statement: Select) -> list:
    loaded: list = []

    def load() -> list:
        loaded.extend(session.scalars(statement))
        session.info.setdefault("reference_rows", []).extend(loaded)
        return _snapshot(model, loaded)

    snapshot = _reference.get(session, key, load)
    return loaded if loaded else _adopt(session, model, snapshot)


def verdict_scale(
    session: Session, include_inactive: bool = False, cached: bool = True
) -> list[Verdict]:
    """The verdict scale in its order (a per-process copy unless `cached` is False: see
    REFERENCE_TTL)."""
    statement = select(Verdict).order_by(Verdict.position, Verdict.id)
    if not cached:
        if not include_inactive:
            statement = statement.where(Verdict.active.is_(True))
        return list(session.scalars(statement))
    scale = _cached(session, Verdict, "verdict_scale", statement)
    return scale if include_inactive else [v for v in scale if v.active]


def claims_by_ids(session: Session, ids: list[int]) -> list[Claim]:
    return list(
        session.scalars(
            select(Claim)
            .where(Claim.id.in_(ids[:1000]))
            .options(selectinload(Claim.verdict), selectinload(Claim.assignee))
        )
    )


def article_options(session: Session, selected: int | None, limit: int = 300) -> Markup:
    """The <option>s of the queue's article filter: the most recent articles, titles shortened,
    `selected` selected (the HTML is a per-process copy: see REFERENCE_TTL)."""
    from factcheck.web import options, shorten

    def load() -> list:
        statement = select(Article.id, Article.title).order_by(Article.id.desc()).limit(limit)
        return [str(options((i, shorten(t, 60)) for i, t in session.execute(statement)))]

    html = _reference.get(session, f"article_options:{limit}", load)[0]
    if selected is not None:
        html = html.replace(f'<option value="{selected}">', f'<option value="{selected}" selected>')
    return Markup(html)  # noqa: S704 (written by options(), which escapes)


# The dashboard counts a reviewer's open claims up to here: "more than 1,000".
MINE_COUNT_CAP = 1_000


def article_count(session: Session) -> int:
    """How many articles there are (a per-process copy: see REFERENCE_TTL; counting 20,000
    articles takes PostgreSQL a millisecond or two on every dashboard)."""

    def load() -> list:
        return [session.scalar(select(func.count()).select_from(Article))]

    return _reference.get(session, "article_count", load)[0]


@dataclass
class Dashboard:
    by_status: dict[str, int]
    by_verdict: list[tuple[Verdict, int]]
    articles: list[tuple[ArticleTitle, dict[str, int]]]
    assigned: list[QueueRow]
    activity: list[AuditEvent]
    total: int = 0
    mine_total: int = 0
    mine_exact: bool = True
    article_total: int = 0
    extra: dict = field(default_factory=dict)


def _dashboard_statements(session: Session, articles: int, activity: int) -> tuple:
    """The dashboard's reads, for the reviewer given as the parameters `me` and `assignee`."""
    open_statuses = [Status.unreviewed.value, Status.in_review.value]
    # Counted up to MINE_COUNT_CAP + 1 (then "more than"), from the index alone: a reviewer can
    # have tens of thousands of claims open.
    mine = (
        select(func.count())
        .select_from(
            select(literal(1))
            .where(Claim.assignee_id == bindparam("me"), Claim.status.in_(open_statuses))
            .limit(MINE_COUNT_CAP + 1)
            .subquery()
        )
        .scalar_subquery()
    )
    # The recent articles, their claims per status and that count in one round trip (outer
    # joined to a one-row select, so that the count comes back when there are no articles).
    recent_articles = (
        select(Article.id, Article.title).order_by(Article.id.desc()).limit(articles).subquery()
    )
    counts = select(mine.label("mine")).subquery()
    r = recent_articles.c
    recent = (
        select(r.id, r.title, counts.c.mine, Claim.status, func.count(Claim.id))
        .select_from(counts)
        .outerjoin(recent_articles, true())
        .outerjoin(Claim, Claim.article_id == r.id)
        .group_by(r.id, r.title, counts.c.mine, Claim.status)
        .order_by(r.id.desc())
    )
    assigned = _ranked_rows_statement(
        _ordered_ids_statement(session, QueueFilters(status=OPEN, assignee="0"), 10, ranked=True)
    )
    events = (
        select(AuditEvent)
        .where(AuditEvent.action.not_in(QUIET_ACTIONS))
        .order_by(AuditEvent.id.desc())
        .limit(activity)
        .options(defer(AuditEvent.before))  # the feed shows what changed to, not from
    )
    return recent, assigned, events


def dashboard(session: Session, user: User, articles: int = 8, activity: int = 15) -> Dashboard:
    # Counts from the trigger-maintained tally (factcheck/tally.py): one small read instead of
    # two GROUP BYs over every claim.
    from factcheck.tally import claims_by_status_and_verdict

    by_status = {s.value: 0 for s in Status}
    verdict_counts: dict[int, int] = {}
    for (status, verdict_id), count in claims_by_status_and_verdict(session).items():
        by_status[status] = by_status.get(status, 0) + count
        if verdict_id is not None:
            verdict_counts[verdict_id] = verdict_counts.get(verdict_id, 0) + count
    scale = verdict_scale(session, include_inactive=True)
    from factcheck.auth.queries import reviewers

    reviewers(session)  # cached: the assignees and most actors below then need no SQL
    by_verdict = [
        (v, verdict_counts.get(v.id, 0)) for v in scale if v.active or verdict_counts.get(v.id)
    ]
    recent_statement, assigned_statement, events_statement = built_once(
        ("dashboard", _dialect(session), articles, activity, MINE_COUNT_CAP),
        lambda: _dashboard_statements(session, articles, activity),
    )
    recent: dict[int, ArticleTitle] = {}
    progress: dict[int, dict[str, int]] = {}
    mine_total = None
    for article_id, title, mine_n, status, count in session.execute(
        recent_statement, {"me": user.id}
    ):
        mine_total = mine_n
        if article_id is None:  # no articles (claims may still have been imported)
            continue
        if article_id not in recent:
            recent[article_id] = ArticleTitle(article_id, title)
            progress[article_id] = {s.value: 0 for s in Status}
        if status is not None:
            progress[article_id][status] = count
    # The first ten of each open status, read in order from (assignee, status, checkworthiness).
    assigned = _queue_items(session, assigned_statement, params={"assignee": user.id})
    events = list(session.scalars(events_statement))
    actors = users_by_id(session, {e.actor_id for e in events})
    for event in events:
        set_committed_value(event, "actor", actors.get(event.actor_id))
    return Dashboard(
        by_status=by_status,
        by_verdict=by_verdict,
        articles=[(a, progress[a.id]) for a in recent.values()],
        assigned=assigned,
        activity=events,
        total=sum(by_status.values()),
        article_total=article_count(session),
        mine_total=min(mine_total or 0, MINE_COUNT_CAP),
        mine_exact=(mine_total or 0) <= MINE_COUNT_CAP,
    )
